//! Find and replace in the body text and in every other text a person writes (headlines,
//! standfirst, bylines, section, the picture's texts, related links' titles, editor notes).
//!
//! Matching is by whole characters; without "match case", characters are compared by their
//! lowercase forms, so "CORBYN" finds "Corbyn" and "ÉTÉ" finds "été". Ranges are byte ranges
//! into the text, ready to select or replace.

use std::ops::Range;

use crate::article::Article;
use crate::field::TextField;

/// A match outside or inside the body: its field and byte range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The field.
    pub field: TextField,
    /// The match's byte range in the field's text.
    pub range: Range<usize>,
}

/// The texts besides the body that Find looks in and Replace All changes, in the metadata
/// panel's order. Addresses, file paths, the slug and the language tag are left alone.
pub fn searched_fields(article: &Article) -> Vec<TextField> {
    let mut out = vec![
        TextField::Headline,
        TextField::SeoHeadline,
        TextField::Standfirst,
    ];
    out.extend((0..article.byline.len()).map(TextField::Author));
    out.push(TextField::Section);
    if article.image.is_some() {
        out.extend([
            TextField::ImageCaption,
            TextField::ImageCredit,
            TextField::ImageAlt,
        ]);
    }
    out.extend((0..article.related.len()).map(TextField::RelatedTitle));
    out.push(TextField::EditorNotes);
    out
}

/// Every match of `query` in the texts besides the body ([`searched_fields`]), in order.
pub fn find_in_fields(article: &Article, query: &str, match_case: bool) -> Vec<Hit> {
    let mut out = Vec::new();
    for field in searched_fields(article) {
        let Some(text) = field.get(article) else {
            continue;
        };
        out.extend(
            find_all(text, query, match_case)
                .into_iter()
                .map(|range| Hit { field, range }),
        );
    }
    out
}

/// A field's name in a sentence ("headline", "caption", "byline").
pub fn field_name(field: TextField) -> &'static str {
    match field {
        TextField::Headline => "headline",
        TextField::SeoHeadline => "SEO headline",
        TextField::Standfirst => "standfirst",
        TextField::Slug => "slug",
        TextField::Language => "language",
        TextField::EditorNotes => "editor notes",
        TextField::Author(_) => "byline",
        TextField::Section => "section",
        TextField::ImageSource => "picture",
        TextField::ImageCaption => "caption",
        TextField::ImageCredit => "credit",
        TextField::ImageAlt => "alt text",
        TextField::RelatedTitle(_) => "related links",
        TextField::RelatedUrl(_) => "related links",
        TextField::Body => "body",
    }
}

/// "3: 2 in the body, 1 in the headline", or with matches in more than two texts
/// "11: 3 in the body and 8 in 6 other texts" (short enough for the status bar) — what a
/// Replace All of `hits` and `in_body` matches in the body did, in words.
pub fn describe_replaced(hits: &[Hit], in_body: usize) -> String {
    let mut parts: Vec<(&str, usize)> = Vec::new();
    if in_body > 0 {
        parts.push(("body", in_body));
    }
    for h in hits {
        let name = field_name(h.field);
        match parts.iter_mut().find(|(n, _)| *n == name) {
            Some((_, count)) => *count += 1,
            None => parts.push((name, 1)),
        }
    }
    let total = in_body + hits.len();
    if parts.len() <= 2 {
        let list: Vec<String> = parts
            .iter()
            .map(|(name, n)| format!("{n} in the {name}"))
            .collect();
        return format!("{total}: {}", list.join(", "));
    }
    let texts = parts.len() - usize::from(in_body > 0);
    let others = format!("{} in {texts} other texts", hits.len());
    if in_body > 0 {
        format!("{total}: {in_body} in the body and {others}")
    } else {
        format!("{total}: {others}")
    }
}

/// Every non-overlapping match of `query` in `text`, in order.
pub fn find_all(text: &str, query: &str, match_case: bool) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    if match_case {
        return text
            .match_indices(query)
            .map(|(i, m)| i..i + m.len())
            .collect();
    }
    let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    let mut skip_until = 0;
    for (start, _) in text.char_indices() {
        if start < skip_until {
            continue;
        }
        if let Some(end) = match_at(text, start, &q) {
            out.push(start..end);
            skip_until = end;
        }
    }
    out
}

/// Where a case-insensitive match of `q` starting at `start` ends, if there is one.
fn match_at(text: &str, start: usize, q: &[char]) -> Option<usize> {
    let mut qi = 0;
    for (off, c) in text[start..].char_indices() {
        for lc in c.to_lowercase() {
            if qi >= q.len() || q[qi] != lc {
                return None;
            }
            qi += 1;
        }
        if qi == q.len() {
            return Some(start + off + c.len_utf8());
        }
    }
    None
}

/// Replaces every match; returns the new text and how many were replaced.
pub fn replace_all(
    text: &str,
    query: &str,
    replacement: &str,
    match_case: bool,
) -> (String, usize) {
    let matches = find_all(text, query, match_case);
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in &matches {
        out.push_str(&text[last..r.start]);
        out.push_str(replacement);
        last = r.end;
    }
    out.push_str(&text[last..]);
    (out, matches.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_with_and_without_case() {
        let t = "Corbyn said CORBYN and corbyn.";
        assert_eq!(find_all(t, "corbyn", true), vec![23..29]);
        assert_eq!(find_all(t, "corbyn", false).len(), 3);
        assert_eq!(find_all(t, "", false), Vec::<Range<usize>>::new());
        assert_eq!(find_all("ÉTÉ été", "été", false), vec![0..5, 6..11]);
        assert_eq!(find_all("aaaa", "aa", false), vec![0..2, 2..4]);
    }

    #[test]
    fn every_written_text_is_searched_but_addresses_and_the_slug_are_not() {
        let mut a = crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap();
        a.byline = vec!["Corbyn Watcher".into()];
        a.slug = "corbyn-unity".into();
        let hits = find_in_fields(&a, "corbyn", false);
        let fields: Vec<&str> = hits.iter().map(|h| field_name(h.field)).collect();
        assert_eq!(
            fields,
            [
                "headline",
                "SEO headline",
                "standfirst",
                "byline",
                "caption",
                "alt text",
                "related links",
                "related links",
                "related links"
            ]
        );
        assert!(hits.iter().all(|h| h.field != TextField::Slug));
        assert_eq!(
            describe_replaced(&hits[..3], 7),
            "10: 7 in the body and 3 in 3 other texts"
        );
        assert_eq!(
            describe_replaced(&hits[..1], 2),
            "3: 2 in the body, 1 in the headline"
        );
        assert_eq!(
            describe_replaced(&hits[6..], 0),
            "3: 3 in the related links"
        );
    }

    #[test]
    fn replaces_every_match() {
        assert_eq!(
            replace_all("TK and tk and TK", "TK", "done", true),
            ("done and tk and done".to_owned(), 2)
        );
        assert_eq!(
            replace_all("TK and tk", "tk", "x", false),
            ("x and x".to_owned(), 2)
        );
    }
}
