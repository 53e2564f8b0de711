//! The checks that read text: the body paragraph by paragraph (placeholders, quotation marks)
//! and placeholders left in the metadata fields.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use super::{Field, Problem};
use crate::article::Article;
use crate::markup::RELATED_PREFIX;

// ---------------------------------------------------------------------------------------------
// The body: text a reader sees, paragraph by paragraph.

/// A paragraph (or subheading, or list item) as a reader sees its text, with the way back to
/// byte offsets in the body.
struct Unit {
    /// Where the paragraph starts in the body.
    start: usize,
    text: String,
    /// `(offset in text, offset in body, exact)`: pieces of text in order. When `exact`, the
    /// piece is a verbatim copy of the body from that offset.
    pieces: Vec<(usize, usize, bool)>,
}

impl Unit {
    fn new(start: usize) -> Self {
        Unit {
            start,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    fn push(&mut self, text: &str, src: &str, range: Range<usize>) {
        let exact = src.get(range.clone()) == Some(text);
        self.pieces.push((self.text.len(), range.start, exact));
        self.text.push_str(text);
    }

    /// The body offset of a byte position in `text`.
    fn body_offset(&self, at: usize) -> usize {
        let i = self.pieces.partition_point(|&(t, _, _)| t <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((t, b, true)) => b + (at - t),
            Some((_, b, false)) => b,
            None => self.start,
        }
    }

    fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

/// Reads the body for the checks from pulldown-cmark's events: its paragraphs, subheadings and
/// list items in text order, without markup and without related anchors, and every
/// related-link id it anchors. [`crate::reading`] feeds it the same events the reader's view
/// is built from, so the body's markup is read once for both (by profile, a second reading of
/// a 5 MB story was a fifth of its checks).
#[derive(Default)]
pub(crate) struct UnitReader {
    anchors: Vec<(String, Range<usize>)>,
    done: Vec<Unit>,
    open: Vec<Unit>,
    /// Start tags seen, and whether each opened a text container.
    tags: Vec<bool>,
    in_anchor: usize,
}

impl UnitReader {
    /// Takes one event of the reading of `src`; `range` is the event's range in `src`.
    pub(crate) fn event(&mut self, event: &Event<'_>, range: Range<usize>, src: &str) {
        match event {
            Event::Start(tag) => {
                let container = matches!(
                    tag,
                    Tag::Paragraph
                        | Tag::Heading { .. }
                        | Tag::Item
                        | Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                );
                if let Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    dest_url,
                    ..
                } = tag
                    && let Some(id) = dest_url.strip_prefix(RELATED_PREFIX)
                {
                    self.anchors.push((id.trim().to_owned(), range.clone()));
                    self.in_anchor += 1;
                }
                if container {
                    self.open.push(Unit::new(range.start));
                }
                self.tags.push(container);
            }
            Event::End(end) => {
                if *end == TagEnd::Link {
                    self.in_anchor = self.in_anchor.saturating_sub(1);
                }
                if self.tags.pop() == Some(true)
                    && let Some(unit) = self.open.pop()
                {
                    self.done.push(unit);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if self.in_anchor > 0 {
                    return;
                }
                match self.open.last_mut() {
                    Some(unit) => unit.push(t, src, range),
                    None => {
                        let mut unit = Unit::new(range.start);
                        unit.push(t, src, range);
                        self.done.push(unit);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(unit) = self.open.last_mut() {
                    unit.push(" ", src, range);
                }
            }
            _ => {}
        }
    }

    /// What the checks need of each paragraph, in text order, and the anchors; offsets are
    /// in `src` plus `base`.
    pub(crate) fn finish(mut self, base: usize) -> (Vec<Paragraph>, Vec<(String, Range<usize>)>) {
        // A list item is finished after the paragraphs inside it; put everything in text order.
        self.done.retain(Unit::has_text);
        self.done.sort_by_key(|u| u.start);
        let paragraphs = self.done.iter().map(|u| Paragraph::of(u, base)).collect();
        for (_, range) in &mut self.anchors {
            *range = range.start + base..range.end + base;
        }
        (paragraphs, self.anchors)
    }
}

/// What the checks found in one paragraph (or subheading, or list item) by itself: its
/// placeholders and whether its quotation marks pair up. Whether an unclosed quotation is a
/// problem depends on the next paragraph, so that is settled by [`check_body`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    /// Where the paragraph starts in the body.
    pub(crate) start: usize,
    /// A warning for each placeholder, pointing at it.
    placeholders: Vec<Problem>,
    /// The warning when its quotation marks do not pair up, and how.
    quotes: Option<(QuoteBalance, Problem)>,
    /// Whether it opens with a quotation mark (continuing the quotation of the one before).
    opens_with_quote: bool,
}

impl Paragraph {
    fn of(unit: &Unit, base: usize) -> Self {
        let placeholders = placeholders(&unit.text)
            .into_iter()
            .map(|(at, word)| {
                Problem::warning(
                    Field::Body,
                    format!(
                        "placeholder “{word}” left in the paragraph starting “{}”; replace it \
                         with the missing text",
                        snippet(&unit.text)
                    ),
                )
                .at(base + unit.body_offset(at))
                .spanning(word.len())
            })
            .collect();
        let balance = quote_balance(&unit.text);
        let quotes = match balance {
            QuoteBalance::Balanced => None,
            QuoteBalance::Unclosed => Some(format!(
                "the paragraph starting “{}” opens a quotation that is never closed; close \
                 it, or open the next paragraph with a quotation mark if the quotation goes on",
                snippet(&unit.text)
            )),
            QuoteBalance::StrayClose => Some(format!(
                "the paragraph starting “{}” closes a quotation that was never opened; add \
                 the opening quotation mark or remove the closing one",
                snippet(&unit.text)
            )),
        }
        .map(|message| {
            (
                balance,
                Problem::warning(Field::Body, message).at(base + unit.start),
            )
        });
        Paragraph {
            start: base + unit.start,
            placeholders,
            quotes,
            opens_with_quote: starts_with_opening_quote(&unit.text),
        }
    }

    /// Moves it `by` bytes along the body (text was put in or taken out before it).
    pub(crate) fn shift(&mut self, by: isize) {
        let move_by = |at: &mut usize| *at = at.saturating_add_signed(by);
        move_by(&mut self.start);
        for p in self
            .placeholders
            .iter_mut()
            .chain(self.quotes.as_mut().map(|(_, p)| p))
        {
            if let Some(at) = p.offset.as_mut() {
                move_by(at);
            }
        }
    }
}

/// The body's problems from its paragraphs, in text order.
pub(crate) fn check_body(paragraphs: &[Paragraph], out: &mut Vec<Problem>) {
    if paragraphs.is_empty() {
        out.push(Problem::error(
            Field::Body,
            "the body is empty; write the story",
        ));
        return;
    }
    for (i, paragraph) in paragraphs.iter().enumerate() {
        out.extend(paragraph.placeholders.iter().cloned());
        let next_opens_with_quote = paragraphs.get(i + 1).is_some_and(|n| n.opens_with_quote);
        match &paragraph.quotes {
            None => {}
            Some((QuoteBalance::Unclosed, _)) if next_opens_with_quote => {
                // The newspaper convention: a quotation running over several paragraphs opens
                // each of them and closes only in the last.
            }
            Some((_, problem)) => out.push(problem.clone()),
        }
    }
}

/// The first few words of a text, for naming a paragraph in a message.
pub(super) fn snippet(text: &str) -> String {
    const MAX: usize = 40;
    let text = text.trim();
    let mut out = String::new();
    for (n, g) in text.graphemes(true).enumerate() {
        if n == MAX {
            return format!("{}…", out.trim_end());
        }
        out.push_str(if g.chars().all(char::is_whitespace) {
            " "
        } else {
            g
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Placeholders

/// Placeholder marks as whole words, with their byte offsets: `TK`, `TKTK`, `TKTKTK`… (capitals
/// only, so "tk" in other words is never matched) and `XXX` or more x's in any case. Words in
/// a web address typed into the text (`https://example.com/TK`) are not marks.
pub(super) fn placeholders<'a>(text: &'a str) -> Vec<(usize, &'a str)> {
    let mut found = Vec::new();
    let mut word_start: Option<usize> = None;
    let check = |start: usize, end: usize, found: &mut Vec<(usize, &'a str)>| {
        let word = &text[start..end];
        if is_placeholder(word) && !in_web_address(text, start, end) {
            found.push((start, word));
        }
    };
    // ASCII a byte at a time (nearly all of most stories; by profile this search, walking
    // `char_indices`, was nearly a quarter of a 5 MB story's checks), other characters decoded
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (alphanumeric, len) = if bytes[i].is_ascii() {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alphanumeric {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            check(start, i, &mut found);
        }
        i += len;
    }
    if let Some(start) = word_start {
        check(start, text.len(), &mut found);
    }
    found
}

/// Whether the whitespace-separated token around `start..end` looks like a web address.
pub(super) fn in_web_address(text: &str, start: usize, end: usize) -> bool {
    // White space can be more than one byte (U+0085, U+2028): step over the whole of it.
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let token = &text[from..to];
    token.contains("://") || token.starts_with("www.")
}

pub(super) fn is_placeholder(word: &str) -> bool {
    let tk = !word.is_empty()
        && word.len().is_multiple_of(2)
        && word.as_bytes().chunks(2).all(|p| p == b"TK");
    let xxx = word.len() >= 3 && word.bytes().all(|b| b == b'x' || b == b'X');
    tk || xxx
}

pub(super) fn check_field_placeholders(article: &Article, out: &mut Vec<Problem>) {
    let mut fields: Vec<(Field, &str, &str)> = vec![
        (Field::Headline, "the headline", &article.headline),
        (
            Field::SeoHeadline,
            "the SEO headline",
            &article.seo_headline,
        ),
        (Field::Standfirst, "the standfirst", &article.standfirst),
    ];
    if let Some(image) = &article.image {
        fields.push((Field::ImageCaption, "the image caption", &image.caption));
        fields.push((Field::ImageCredit, "the image credit", &image.credit));
        fields.push((Field::ImageAlt, "the image alt text", &image.alt));
    }
    for (i, link) in article.related.iter().enumerate() {
        fields.push((Field::RelatedTitle(i), "a related link title", &link.title));
    }
    for (field, name, text) in fields {
        if let Some(&(at, word)) = placeholders(text).first() {
            out.push(
                Problem::warning(
                    field,
                    format!(
                        "placeholder “{word}” left in {name}; replace it with the missing text"
                    ),
                )
                .at(at)
                .spanning(word.len()),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteBalance {
    Balanced,
    /// A quotation is still open at the end of the paragraph.
    Unclosed,
    /// A closing mark with no quotation open.
    StrayClose,
}

/// Whether a paragraph's double quotation marks pair up. Curly marks say which way they face;
/// a straight `"` opens after a space or an opening bracket or dash and closes before a space
/// or punctuation, and otherwise flips whatever is open. Single marks (' ‘ ’) are not counted:
/// they are mostly apostrophes, as in "won't" and "Labour’s".
pub(super) fn quote_balance(text: &str) -> QuoteBalance {
    let mut depth = 0usize;
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let opens = match c {
            '“' | '„' => Some(true),
            '”' => Some(false),
            '"' => {
                let open_side = prev.is_none_or(|p| p.is_whitespace() || "([{—–‘“".contains(p));
                let close_side =
                    next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–…’'".contains(n));
                Some(match (open_side, close_side) {
                    (true, false) => true,
                    (false, true) => false,
                    _ => depth == 0,
                })
            }
            _ => None,
        };
        match opens {
            Some(true) => depth += 1,
            Some(false) if depth == 0 => return QuoteBalance::StrayClose,
            Some(false) => depth -= 1,
            None => {}
        }
        prev = Some(c);
    }
    if depth == 0 {
        QuoteBalance::Balanced
    } else {
        QuoteBalance::Unclosed
    }
}

pub(super) fn starts_with_opening_quote(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('"' | '“' | '„'))
}
