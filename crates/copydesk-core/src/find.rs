//! Find and replace in the body text.
//!
//! Matching is by whole characters; without "match case", characters are compared by their
//! lowercase forms, so "CORBYN" finds "Corbyn" and "ÉTÉ" finds "été". Ranges are byte ranges
//! into the text, ready to select or replace.

use std::ops::Range;

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
