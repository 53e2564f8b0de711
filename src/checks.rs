//! Pre-publish checks: one list of problems, each saying what is wrong and what to do.
//!
//! Pure functions of the article, shared by the window's checks list and `copydesk check`.
//!
//! **How characters are counted.** Lengths are counted in extended grapheme clusters (what a
//! reader sees as one character: "é" typed as `e` plus a combining accent, or a flag emoji,
//! counts once), after trimming spaces at either end, by [`char_count`]. The window should use
//! the same function for its counters so the numbers agree.
//!
//! | check                                                         | severity | field          |
//! |---------------------------------------------------------------|----------|----------------|
//! | headline missing                                              | error    | headline       |
//! | headline over [`HEADLINE_HARD_LIMIT`] characters              | error    | headline       |
//! | headline over [`HEADLINE_SEARCH_LIMIT`] with no SEO headline  | warning  | headline       |
//! | SEO headline over [`SEO_HEADLINE_LIMIT`]                      | warning  | SEO headline   |
//! | slug invalid, or no slug can be made from the headline        | error    | slug           |
//! | no publication date                                           | error    | published      |
//! | status "published" while an embargo is still in force         | error    | status         |
//! | image without caption or credit                               | warning  | image          |
//! | image without alt text and not marked decorative              | warning  | image          |
//! | related link with no id, or an id another link has            | error    | related link   |
//! | related link URL missing, invalid, not http(s) or no host     | error    | related link   |
//! | related link to the same page as an earlier one               | warning  | related link   |
//! | related link never placed in the body                         | warning  | related link   |
//! | body anchor `[[related:ID]]` naming no link                   | error    | body (anchor)  |
//! | empty body                                                    | error    | body           |
//! | placeholder (TK, TKTK, XXX) left in the text                  | warning  | where it is    |
//! | unbalanced quotation marks in a paragraph                     | warning  | body (paragraph)|

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::{DateTime, Utc};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;
use url::Url;

use crate::article::body::{self, RELATED_PREFIX};
use crate::article::{Article, DateStyle, Stamp, Status, slug};

/// Headlines longer than this are cut short in search results: a warning when the story has no
/// SEO headline to show there instead.
pub const HEADLINE_SEARCH_LIMIT: usize = 70;
/// Headlines longer than this do not fit the page: an error.
pub const HEADLINE_HARD_LIMIT: usize = 110;
/// SEO headlines longer than this are cut short in search results: a warning.
pub const SEO_HEADLINE_LIMIT: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The part of the story a problem concerns, so the window can focus it.
///
/// The order of the variants is the order problems are listed in (after severity).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "field", content = "index")]
pub enum Field {
    Headline,
    SeoHeadline,
    Standfirst,
    Byline,
    Section,
    Tags,
    Slug,
    Published,
    Updated,
    Embargo,
    Status,
    Image,
    /// A related link, by its position in the list.
    Related(usize),
    /// The body, at a byte offset into its text.
    Body(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub severity: Severity,
    #[serde(flatten)]
    pub field: Field,
    /// A sentence saying what is wrong and what to do.
    pub message: String,
}

impl Problem {
    fn error(field: Field, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            field,
            message: message.into(),
        }
    }

    fn warning(field: Field, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            field,
            message: message.into(),
        }
    }
}

/// Runs every check. `now` decides whether an embargo is still in force.
///
/// Problems come errors first, then in field order (see [`Field`]), then in text order.
pub fn check(article: &Article, now: DateTime<Utc>) -> Vec<Problem> {
    let mut out = Vec::new();
    check_headlines(article, &mut out);
    check_slug(article, &mut out);
    check_dates(article, now, &mut out);
    check_image(article, &mut out);
    check_related(article, &mut out);
    check_body(article, &mut out);
    check_field_placeholders(article, &mut out);
    out.sort_by(|a, b| (a.severity, &a.field).cmp(&(b.severity, &b.field)));
    out
}

/// How many errors and how many warnings a list of problems holds.
pub fn counts(problems: &[Problem]) -> (usize, usize) {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    (errors, problems.len() - errors)
}

/// The embargo, when the story has one that has not yet lifted at `now`; the window shows a
/// banner while this is `Some`.
pub fn embargo_in_force(article: &Article, now: DateTime<Utc>) -> Option<Stamp> {
    article.embargo.filter(|e| e.is_after(now))
}

/// Characters as a reader counts them: extended grapheme clusters of the trimmed text.
pub fn char_count(text: &str) -> usize {
    text.trim().graphemes(true).count()
}

fn check_headlines(article: &Article, out: &mut Vec<Problem>) {
    let headline = char_count(&article.headline);
    let seo = char_count(&article.seo_headline);
    if headline == 0 {
        out.push(Problem::error(
            Field::Headline,
            "headline is missing; write one",
        ));
    } else if headline > HEADLINE_HARD_LIMIT {
        out.push(Problem::error(
            Field::Headline,
            format!("headline is {headline} characters; the limit is {HEADLINE_HARD_LIMIT}"),
        ));
    } else if headline > HEADLINE_SEARCH_LIMIT && seo == 0 {
        out.push(Problem::warning(
            Field::Headline,
            format!(
                "headline is {headline} characters and search results show only \
                 {HEADLINE_SEARCH_LIMIT}; shorten it or add an SEO headline"
            ),
        ));
    }
    if seo > SEO_HEADLINE_LIMIT {
        out.push(Problem::warning(
            Field::SeoHeadline,
            format!("SEO headline is {seo} characters; the limit is {SEO_HEADLINE_LIMIT}"),
        ));
    }
}

fn check_slug(article: &Article, out: &mut Vec<Problem>) {
    if article.slug.trim().is_empty() {
        // Made from the headline; slugify only makes valid slugs, but it can make none.
        if char_count(&article.headline) > 0 && slug::slugify(&article.headline).is_empty() {
            out.push(Problem::error(
                Field::Slug,
                "no slug can be made from the headline; type a slug of lowercase letters, \
                 digits and hyphens",
            ));
        }
        return;
    }
    if let Some(why) = slug::slug_problem(&article.slug) {
        let suggestion = slug::slugify(&article.slug);
        let message = if suggestion.is_empty() {
            format!("slug {why}; use lowercase letters a–z, digits and hyphens")
        } else {
            format!("slug {why}; change it to something like “{suggestion}”")
        };
        out.push(Problem::error(Field::Slug, message));
    }
}

fn check_dates(article: &Article, now: DateTime<Utc>, out: &mut Vec<Problem>) {
    if article.published.is_none() {
        out.push(Problem::error(
            Field::Published,
            "the story has no publication date; add one",
        ));
    }
    if article.status == Status::Published
        && let Some(embargo) = embargo_in_force(article, now)
    {
        out.push(Problem::error(
            Field::Status,
            format!(
                "the story is marked published but is embargoed until {}; set it back to \
                 approved or lift the embargo",
                describe_stamp(&embargo)
            ),
        ));
    }
}

/// "5th July 2016, 09:00 BST", or just the date when no time is set.
fn describe_stamp(s: &Stamp) -> String {
    let date = s.format_date(DateStyle::OrdinalDayMonthYear);
    match s.time {
        Some(t) => format!("{date}, {} {}", t.format("%H:%M"), s.zone_abbreviation()),
        None => format!("{date} ({})", s.zone),
    }
}

fn check_image(article: &Article, out: &mut Vec<Problem>) {
    let Some(image) = &article.image else {
        return;
    };
    let blank = |s: &str| s.trim().is_empty();
    if [&image.source, &image.caption, &image.credit, &image.alt]
        .iter()
        .all(|s| blank(s))
    {
        // An image with nothing in it is no image; the story is shown without one.
        return;
    }
    let message = match (blank(&image.caption), blank(&image.credit)) {
        (true, true) => Some("the image has no caption or credit; add a caption and credit"),
        (true, false) => Some("the image has no caption; add one saying what it shows"),
        (false, true) => Some("the image has no credit; add who took or owns it"),
        (false, false) => None,
    };
    if let Some(message) = message {
        out.push(Problem::warning(Field::Image, message));
    }
    if blank(&image.alt) && !image.decorative {
        out.push(Problem::warning(
            Field::Image,
            "the image has no alt text; describe it for readers who cannot see it, or mark it \
             decorative",
        ));
    }
}

/// A related link's URL, checked: only http and https addresses with a host.
pub fn related_url(raw: &str) -> Result<Url, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err("has no URL; add the address of the story it links to".into());
    }
    if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("has a URL with spaces in it; copy the address again from the browser".into());
    }
    let url = Url::parse(raw).map_err(|e| {
        format!("has an invalid URL ({e}); use a full address such as https://example.com/story")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "has a URL that is not a web address ({}:); use one starting https://",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has a URL with no host; use a full address such as \
                    https://example.com/story"
            .into());
    }
    Ok(url)
}

/// Two URLs that lead to the same page have the same key: the scheme (http or https), a
/// `#fragment` and a trailing slash do not matter; host case and default ports are already
/// normalised by the URL parser.
fn same_page_key(url: &Url) -> String {
    let path = url.path().trim_end_matches('/');
    format!(
        "{}|{:?}|{}|{}",
        url.host_str().unwrap_or(""),
        url.port(),
        path,
        url.query().unwrap_or("")
    )
}

fn link_name(index: usize, title: &str) -> String {
    let title = title.trim();
    if title.is_empty() {
        format!("related link {}", index + 1)
    } else {
        format!("related link {} (“{}”)", index + 1, snippet(title))
    }
}

fn check_related(article: &Article, out: &mut Vec<Problem>) {
    let anchors = body::anchors(&article.body);
    let anchored: HashSet<&str> = anchors.iter().map(|(id, _)| id.as_str()).collect();
    let mut first_with_id: HashMap<&str, usize> = HashMap::new();
    let mut first_with_page: HashMap<String, usize> = HashMap::new();
    for (i, link) in article.related.iter().enumerate() {
        let name = link_name(i, &link.title);
        let field = Field::Related(i);
        if link.id.trim().is_empty() {
            out.push(Problem::error(
                field.clone(),
                format!("{name} has no id, so the body cannot place it; give it one"),
            ));
        } else if let Some(&first) = first_with_id.get(link.id.as_str()) {
            out.push(Problem::error(
                field.clone(),
                format!(
                    "{name} has the same id “{}” as related link {}; give each link its own id",
                    link.id,
                    first + 1
                ),
            ));
        } else {
            first_with_id.insert(&link.id, i);
            if !anchored.contains(link.id.as_str()) {
                out.push(Problem::warning(
                    field.clone(),
                    format!(
                        "{name} is never placed in the body; put {} on its own line where it \
                         should appear, or remove the link",
                        link.anchor()
                    ),
                ));
            }
        }
        match related_url(&link.url) {
            Err(why) => out.push(Problem::error(field, format!("{name} {why}"))),
            Ok(url) => {
                let key = same_page_key(&url);
                if let Some(&first) = first_with_page.get(&key) {
                    out.push(Problem::warning(
                        field,
                        format!(
                            "{name} links to the same page as related link {}; remove one of them",
                            first + 1
                        ),
                    ));
                } else {
                    first_with_page.insert(key, i);
                }
            }
        }
    }
    for (id, range) in anchors {
        if !first_with_id.contains_key(id.as_str()) {
            out.push(Problem::error(
                Field::Body(range.start),
                format!(
                    "the body places related link “{}”, but the story has no link with that id; \
                     add the link or remove {}",
                    snippet(&id),
                    body::related_anchor(&id)
                ),
            ));
        }
    }
}

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

/// The body's paragraphs, subheadings and list items in text order, without markup and without
/// related anchors.
fn text_units(src: &str) -> Vec<Unit> {
    let mut done: Vec<Unit> = Vec::new();
    let mut open: Vec<Unit> = Vec::new();
    // Start tags seen, and whether each opened a text container.
    let mut tags: Vec<bool> = Vec::new();
    let mut in_anchor = 0usize;
    let options = Options::ENABLE_WIKILINKS;
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
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
                } = &tag
                    && dest_url.starts_with(RELATED_PREFIX)
                {
                    in_anchor += 1;
                }
                if container {
                    open.push(Unit::new(range.start));
                }
                tags.push(container);
            }
            Event::End(end) => {
                if end == TagEnd::Link {
                    in_anchor = in_anchor.saturating_sub(1);
                }
                if tags.pop() == Some(true)
                    && let Some(unit) = open.pop()
                {
                    done.push(unit);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if in_anchor > 0 {
                    continue;
                }
                match open.last_mut() {
                    Some(unit) => unit.push(&t, src, range),
                    None => {
                        let mut unit = Unit::new(range.start);
                        unit.push(&t, src, range);
                        done.push(unit);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(unit) = open.last_mut() {
                    unit.push(" ", src, range);
                }
            }
            _ => {}
        }
    }
    // A list item is finished after the paragraphs inside it; put everything in text order.
    done.retain(Unit::has_text);
    done.sort_by_key(|u| u.start);
    done
}

fn check_body(article: &Article, out: &mut Vec<Problem>) {
    let units = text_units(&article.body);
    if units.is_empty() {
        out.push(Problem::error(
            Field::Body(0),
            "the body is empty; write the story",
        ));
        return;
    }
    for (i, unit) in units.iter().enumerate() {
        for (at, word) in placeholders(&unit.text) {
            out.push(Problem::warning(
                Field::Body(unit.body_offset(at)),
                format!(
                    "placeholder “{word}” left in the paragraph starting “{}”; replace it with \
                     the missing text",
                    snippet(&unit.text)
                ),
            ));
        }
        let next_opens_with_quote = units
            .get(i + 1)
            .is_some_and(|n| starts_with_opening_quote(&n.text));
        match quote_balance(&unit.text) {
            QuoteBalance::Balanced => {}
            QuoteBalance::Unclosed if next_opens_with_quote => {
                // The newspaper convention: a quotation running over several paragraphs opens
                // each of them and closes only in the last.
            }
            QuoteBalance::Unclosed => out.push(Problem::warning(
                Field::Body(unit.start),
                format!(
                    "the paragraph starting “{}” opens a quotation that is never closed; close \
                     it, or open the next paragraph with a quotation mark if the quotation goes on",
                    snippet(&unit.text)
                ),
            )),
            QuoteBalance::StrayClose => out.push(Problem::warning(
                Field::Body(unit.start),
                format!(
                    "the paragraph starting “{}” closes a quotation that was never opened; add \
                     the opening quotation mark or remove the closing one",
                    snippet(&unit.text)
                ),
            )),
        }
    }
}

/// The first few words of a text, for naming a paragraph in a message.
fn snippet(text: &str) -> String {
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
fn placeholders<'a>(text: &'a str) -> Vec<(usize, &'a str)> {
    let mut found = Vec::new();
    let mut word_start: Option<usize> = None;
    let check = |start: usize, end: usize, found: &mut Vec<(usize, &'a str)>| {
        let word = &text[start..end];
        if is_placeholder(word) && !in_web_address(text, start, end) {
            found.push((start, word));
        }
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            check(start, i, &mut found);
        }
    }
    if let Some(start) = word_start {
        check(start, text.len(), &mut found);
    }
    found
}

/// Whether the whitespace-separated token around `start..end` looks like a web address.
fn in_web_address(text: &str, start: usize, end: usize) -> bool {
    let from = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let token = &text[from..to];
    token.contains("://") || token.starts_with("www.")
}

fn is_placeholder(word: &str) -> bool {
    let tk = !word.is_empty()
        && word.len().is_multiple_of(2)
        && word.as_bytes().chunks(2).all(|p| p == b"TK");
    let xxx = word.len() >= 3 && word.bytes().all(|b| b == b'x' || b == b'X');
    tk || xxx
}

fn check_field_placeholders(article: &Article, out: &mut Vec<Problem>) {
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
        fields.push((Field::Image, "the image caption", &image.caption));
        fields.push((Field::Image, "the image credit", &image.credit));
        fields.push((Field::Image, "the image alt text", &image.alt));
    }
    for (i, link) in article.related.iter().enumerate() {
        fields.push((Field::Related(i), "a related link title", &link.title));
    }
    for (field, name, text) in fields {
        if let Some((_, word)) = placeholders(text).first() {
            out.push(Problem::warning(
                field,
                format!("placeholder “{word}” left in {name}; replace it with the missing text"),
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Quotation marks

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteBalance {
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
fn quote_balance(text: &str) -> QuoteBalance {
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

fn starts_with_opening_quote(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('"' | '“' | '„'))
}

#[cfg(test)]
mod tests;
