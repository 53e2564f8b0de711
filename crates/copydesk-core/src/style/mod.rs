//! Grammar and house style: what a sub-editor fixes by hand in every story, found as the
//! story is written.
//!
//! Two checkers read the same texts — the headline, SEO headline, standfirst, picture caption
//! and the body, paragraph by paragraph — and report [`Finding`]s with the byte range they
//! cover, the rule that found them and what to put instead:
//!
//! - [`grammar`]: Automattic's harper, with the dialect of the story's language (en-GB,
//!   en-US…), its spelling rules off (Hunspell does spelling, with the desk's word list) and
//!   any rule a desk switches off.
//! - [`vale`]: the desk's style book, written as Vale rules (one YAML file per rule), of the
//!   kinds `existence`, `substitution`, `occurrence` and `capitalization`.
//!
//! The body is read as prose: markup characters, related-link anchors and web and e-mail
//! addresses are blanked out first ([`prose`]), byte for byte, so a finding's range is a
//! range of the body's own text. Every check here is plain work on a string: the window runs
//! it on its checking thread, paragraph by paragraph, and keeps what it found per paragraph.

pub mod grammar;
pub mod vale;

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::article::Article;
use crate::checks::{Problem, Severity};
use crate::field::{Field, TextField};
use crate::spelling::words::skipped;

pub use grammar::Grammar;
pub use vale::{Style, StyleError};

/// Which checker found a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// The grammar checker (harper).
    Grammar,
    /// A rule of the desk's style book.
    Style,
}

/// How much a finding matters, as Vale names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The story must not go out like this: it blocks publishing.
    Error,
    /// Worth fixing.
    Warning,
    /// Worth a thought.
    Suggestion,
}

impl Level {
    /// "error", "warning" or "suggestion".
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Suggestion => "suggestion",
        }
    }
}

/// One thing found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// The bytes of the text it covers.
    pub range: Range<usize>,
    /// The rule's name: harper's (`AnA`, `RepeatedWords`) or the style rule's file name
    /// (`PerCent`).
    pub rule: String,
    /// Which checker found it.
    pub source: Source,
    /// How much it matters.
    pub level: Level,
    /// What is wrong, in a sentence.
    pub message: String,
    /// What to put in the range's place, best first (may be empty; an empty string removes
    /// the words).
    pub replacements: Vec<String>,
}

/// Where in a story a style rule applies, as a desk names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The headline and the SEO headline.
    Headline,
    /// The standfirst.
    Standfirst,
    /// The story body.
    Body,
    /// The picture's caption.
    Caption,
}

impl Scope {
    /// The scope a checked field is read in; `None` for fields that are not checked.
    pub fn of(field: TextField) -> Option<Scope> {
        Some(match field {
            TextField::Headline | TextField::SeoHeadline => Scope::Headline,
            TextField::Standfirst => Scope::Standfirst,
            TextField::ImageCaption => Scope::Caption,
            TextField::Body => Scope::Body,
            _ => return None,
        })
    }

    /// The name a style rule uses for it.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Headline => "headline",
            Scope::Standfirst => "standfirst",
            Scope::Body => "body",
            Scope::Caption => "caption",
        }
    }
}

/// The fields grammar and style read, in field order: the headlines, the standfirst, the
/// caption when there is a picture, and the body.
pub fn checked_fields(article: &Article) -> Vec<TextField> {
    let mut out = vec![
        TextField::Headline,
        TextField::SeoHeadline,
        TextField::Standfirst,
    ];
    if article.image.is_some() {
        out.push(TextField::ImageCaption);
    }
    out.push(TextField::Body);
    out
}

/// The body's paragraphs: its text split at blank lines, each range without the line breaks
/// around it, empty ones left out.
pub fn paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |range: Range<usize>| {
        let text = &body[range.clone()];
        let lead = text.len() - text.trim_start_matches(['\n', '\r']).len();
        let trail = text.len() - text.trim_end_matches(['\n', '\r']).len();
        if lead + trail < text.len() && !text.trim().is_empty() {
            out.push(range.start + lead..range.end - trail);
        }
    };
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            // a blank line: a newline, spaces or tabs, a newline
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                push(start..i);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    push(start..body.len());
    out
}

/// `text` as prose for the checkers: with `markup`, markup characters and related-link
/// anchors are blanked out, and in every text web and e-mail addresses, each byte by a space,
/// so the result has the same length and every range in it is a range of `text`.
pub fn prose(text: &str, markup: bool) -> String {
    prose_and_blanks(text, markup).0
}

/// [`prose`], and the ranges it blanked out.
fn prose_and_blanks(text: &str, markup: bool) -> (String, Vec<Range<usize>>) {
    let kind = if markup {
        crate::spelling::Text::Markup
    } else {
        crate::spelling::Text::Plain
    };
    let skip = skipped(text, kind);
    if skip.is_empty() {
        return (text.to_owned(), skip);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in &skip {
        let range = range.start.max(at)..range.end.max(at);
        out.push_str(&text[at..range.start]);
        out.extend(std::iter::repeat_n(' ', range.len()));
        at = range.end;
    }
    out.push_str(&text[at..]);
    (out, skip)
}

/// The grammar checker and the style book, as the story's checks use them.
pub struct Checker {
    /// The grammar checker for the story's dialect; `None` when grammar is off or the story
    /// is not in English.
    pub grammar: Option<Grammar>,
    /// The desk's style book; `None` when style is off.
    pub style: Option<std::sync::Arc<Style>>,
}

impl Checker {
    /// What grammar and style find in `text`, read in `scope` (`markup` for the body), sorted
    /// by place.
    pub fn check_text(&mut self, text: &str, scope: Scope, markup: bool) -> Vec<Finding> {
        check_piece(
            text,
            scope,
            markup,
            self.grammar.as_mut(),
            self.style.as_deref(),
        )
    }
    /// What grammar and style find in `article`, field by field; the body paragraph by
    /// paragraph, each finding's range a range of the whole body.
    /// Findings the story takes as right ([`Article::checks_ignore`]) are left out.
    pub fn check_article(&mut self, article: &Article) -> Vec<(TextField, Finding)> {
        let mut out = Vec::new();
        for piece in pieces(article) {
            let Some(text) = piece.field.get(article) else {
                continue;
            };
            let part = &text[piece.range.clone()];
            for mut f in self.check_text(part, piece.scope, piece.markup) {
                f.range = f.range.start + piece.range.start..f.range.end + piece.range.start;
                if !article.ignores(&f.rule, &text[f.range.clone()]) {
                    out.push((piece.field, f));
                }
            }
        }
        out
    }
}

/// A stretch of a story that grammar and style read as one: a field, or a paragraph of the
/// body. What is found in it depends on its text and scope alone, so it can be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The field it is in.
    pub field: TextField,
    /// How the field is read.
    pub scope: Scope,
    /// Whether it is body markup.
    pub markup: bool,
    /// Its bytes in the field's text.
    pub range: Range<usize>,
}

/// The pieces of `article` grammar and style read, in field order ([`checked_fields`], the
/// body split into [`paragraphs`]).
pub fn pieces(article: &Article) -> Vec<Piece> {
    let mut out = Vec::new();
    for field in checked_fields(article) {
        let (Some(text), Some(scope)) = (field.get(article), Scope::of(field)) else {
            continue;
        };
        let markup = field == TextField::Body;
        let ranges = if markup {
            paragraphs(text)
        } else {
            std::iter::once(0..text.len()).collect()
        };
        out.extend(ranges.into_iter().map(|range| Piece {
            field,
            scope,
            markup,
            range,
        }));
    }
    out
}

/// What grammar and style find in one piece of text (a field, or a body paragraph with
/// `markup`), read in `scope`, sorted by place: the text is read as [`prose`], and nothing
/// found in or against its markup is kept (a fix there would delete a link), nor grammar's
/// where the house style offers the same change.
pub fn check_piece(
    text: &str,
    scope: Scope,
    markup: bool,
    grammar: Option<&mut Grammar>,
    style: Option<&Style>,
) -> Vec<Finding> {
    let (prose, blanks) = prose_and_blanks(text, markup);
    let mut out = Vec::new();
    if let Some(g) = grammar {
        out.extend(g.check(&prose));
    }
    if let Some(style) = style {
        out.extend(style.check(&prose, scope));
    }
    // where the house style and harper offer the same change, the desk's words are shown
    let style_says: Vec<(Range<usize>, Option<String>)> = out
        .iter()
        .filter(|f| f.source == Source::Style)
        .map(|f| (f.range.clone(), f.replacements.first().cloned()))
        .collect();
    out.retain(|f| {
        f.source == Source::Style
            || !style_says
                .iter()
                .any(|(r, first)| *r == f.range && first.as_ref() == f.replacements.first())
    });
    // nothing found in or against markup (the blanks themselves read as spaces)
    out.retain(|f| {
        text.is_char_boundary(f.range.start)
            && text.is_char_boundary(f.range.end)
            && !blanks
                .iter()
                .any(|b| b.start < f.range.end && f.range.start < b.end)
    });
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
    });
    out
}

/// How a checked field is named in a problem.
fn field_name(field: TextField) -> &'static str {
    match field {
        TextField::Headline => "the headline",
        TextField::SeoHeadline => "the SEO headline",
        TextField::Standfirst => "the standfirst",
        TextField::ImageCaption => "the picture's caption",
        _ => "the body",
    }
}

/// A finding as a problem of the checks list: a style error is an error (it blocks
/// publishing); everything else is a warning. The message names the words, the rule and the
/// replacement.
pub fn problem(field: TextField, text: &str, finding: &Finding) -> Problem {
    let words = text.get(finding.range.clone()).unwrap_or("").trim();
    let place = field_name(field);
    let who = match finding.source {
        Source::Grammar => format!("grammar: {}", finding.rule),
        Source::Style if finding.level == Level::Suggestion => {
            format!("house style suggestion: {}", finding.rule)
        }
        Source::Style => format!("house style: {}", finding.rule),
    };
    let mut message = if words.is_empty() {
        format!("{} ({who}, in {place})", finding.message)
    } else {
        format!("“{words}” in {place}: {} ({who})", finding.message)
    };
    // the replacement, unless the rule's own message already gives it
    match finding.replacements.first() {
        Some(r) if r.is_empty() => message.push_str("; delete it"),
        Some(r) if !finding.message.contains(r.as_str()) => {
            message.push_str(&format!("; use “{r}”"));
        }
        _ => {}
    }
    let severity = match (finding.source, finding.level) {
        (Source::Style, Level::Error) => Severity::Error,
        _ => Severity::Warning,
    };
    Problem {
        severity,
        field: Field::from(field),
        offset: Some(finding.range.start),
        length: Some(finding.range.len()),
        message,
        rule: Some(finding.rule.clone()),
    }
}
