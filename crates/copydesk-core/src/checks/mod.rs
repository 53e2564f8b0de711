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
//! | language missing or not a BCP 47 tag                          | warning  | language       |
//! | no publication date                                           | error    | published      |
//! | status "published" while an embargo is still in force         | error    | embargo        |
//! | image without caption or credit                               | warning  | image caption or credit |
//! | image without alt text and not marked decorative              | warning  | image alt text |
//! | related link with no id, or an id another link has            | error    | related link   |
//! | related link URL missing, invalid, not http(s) or no host     | error    | related link's URL |
//! | related link to the same page as an earlier one               | warning  | related link's URL |
//! | related link never placed in the body                         | warning  | related link   |
//! | body anchor `[[related:ID]]` naming no link                   | error    | body (anchor)  |
//! | empty body                                                    | error    | body           |
//! | placeholder (TK, TKTK, XXX) left in the text                  | warning  | where it is    |
//! | unbalanced quotation marks in a paragraph                     | warning  | body (paragraph)|

pub mod spelling;
pub(crate) mod text;

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;
use url::Url;

use crate::article::{Article, DateStyle, Stamp, Status, slug};
pub use crate::field::Field;
use crate::markup as body;
use crate::reading::Reading;
#[cfg(test)]
use text::{QuoteBalance, quote_balance};
use text::{check_body, check_field_placeholders, snippet};

/// Headlines longer than this are cut short in search results: a warning when the story has no
/// SEO headline to show there instead.
pub const HEADLINE_SEARCH_LIMIT: usize = 70;
/// Headlines longer than this do not fit the page: an error.
pub const HEADLINE_HARD_LIMIT: usize = 110;
/// SEO headlines longer than this are cut short in search results: a warning.
pub const SEO_HEADLINE_LIMIT: usize = 60;

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The story must not go out like this.
    Error,
    /// Worth a look before it goes out.
    Warning,
}

impl Severity {
    /// "error" or "warning", as the command line prints it.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Something in the story to fix before it is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Whether the story may go out with this problem.
    pub severity: Severity,
    /// The part of the story the problem concerns, so the window can take the user there.
    #[serde(flatten)]
    pub field: Field,
    /// Where in the field's text the problem is, as a byte offset (a placeholder word, the
    /// paragraph with an unclosed quotation); `None` for the field as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// How many bytes from `offset` the problem covers (a placeholder word, an anchor), so
    /// the window can select it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<usize>,
    /// A sentence saying what is wrong and what to do.
    pub message: String,
    /// The grammar or house-style rule that found it (`AnA`, `PerCent`), for problems found
    /// by [`crate::style`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

impl Problem {
    fn error(field: Field, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Error,
            field,
            offset: None,
            length: None,
            message: message.into(),
            rule: None,
        }
    }

    fn warning(field: Field, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            field,
            offset: None,
            length: None,
            message: message.into(),
            rule: None,
        }
    }

    /// The same problem, pointing at byte `offset` of its field's text.
    fn at(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The same problem, covering `length` bytes from its offset.
    fn spanning(mut self, length: usize) -> Self {
        self.length = Some(length);
        self
    }

    /// Where the problem points: its field and the offset in that field's text.
    pub fn place(&self) -> (Field, Option<usize>) {
        (self.field, self.offset)
    }
}

/// Runs every check. `now` decides whether an embargo is still in force.
///
/// Problems come errors first, then in field order (see [`Field`]), then in text order.
pub fn check(article: &Article, now: DateTime<Utc>) -> Vec<Problem> {
    check_reading(article, now, &Reading::read(&article.body))
}

/// [`check`] with the body already read: `reading` is a reading of `article`'s body (kept up
/// to date by the caller, and shared with the reader's view).
pub fn check_reading(article: &Article, now: DateTime<Utc>, reading: &Reading) -> Vec<Problem> {
    debug_assert_eq!(reading.len(), article.body.len(), "a reading of this body");
    let mut out = Vec::new();
    check_headlines(article, &mut out);
    check_slug(article, &mut out);
    check_language(article, &mut out);
    check_dates(article, now, &mut out);
    check_image(article, &mut out);
    check_related(article, &reading.anchors, &mut out);
    check_body(&reading.paragraphs, &mut out);
    check_field_placeholders(article, &mut out);
    check_comments(article, &mut out);
    out.sort_by_key(|p| (p.severity, p.field, p.offset));
    out
}

/// An open comment is a warning, on its words: the desk's question may still want an answer
/// before the story goes out.
fn check_comments(article: &Article, out: &mut Vec<Problem>) {
    for c in article.comments.iter().filter(|c| c.is_open()) {
        let note = c.thread.first().map_or("", |n| n.text.as_str());
        let words = crate::compare::tail(&c.quote, 40);
        let message = if c.detached {
            format!(
                "an open comment on words since deleted (“{words}”): “{note}”; answer or resolve it in the Comments window"
            )
        } else {
            format!(
                "an open comment on “{words}”: “{note}”; answer or resolve it in the Comments window"
            )
        };
        let p = Problem::warning(c.place.field().into(), message).at(c.start);
        out.push(if c.detached {
            p
        } else {
            p.spanning(c.end - c.start)
        });
    }
}

/// The story's picture file, looked at: a warning when it cannot be shown (missing, a folder,
/// damaged, too large, not a picture). Web addresses are not fetched here; the window, which
/// fetches them, reports theirs. Relative paths start from `base`, the story's folder.
pub fn check_picture_file(article: &Article, base: Option<&std::path::Path>) -> Option<Problem> {
    let source = article.image.as_ref()?.source.trim();
    if source.is_empty() || source.starts_with("http://") || source.starts_with("https://") {
        return None;
    }
    let path = std::path::Path::new(source.strip_prefix("file://").unwrap_or(source));
    let path = match base {
        Some(b) if path.is_relative() => b.join(path),
        _ => path.to_path_buf(),
    };
    let result = crate::picture::read_file(&path).and_then(|b| crate::picture::probe(&b));
    result.err().map(|e| {
        Problem::warning(
            Field::ImageSource,
            format!("the picture cannot be shown: {e}"),
        )
    })
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

fn check_language(article: &Article, out: &mut Vec<Problem>) {
    let lang = article.language.trim();
    if !crate::article::is_language_tag(lang) {
        let message = if lang.is_empty() {
            "the story has no language; set one such as en-GB, so readers' browsers and \
             screen readers read it right"
                .to_owned()
        } else {
            format!(
                "the language “{}” is not a language tag; use one such as en-GB, fr or zh-Hant",
                snippet(lang)
            )
        };
        out.push(Problem::warning(Field::Language, message));
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
            Field::Embargo,
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
    // Words about a picture with no picture: readers would see a caption under nothing.
    if blank(&image.source) {
        out.push(Problem::warning(
            Field::ImageSource,
            "the image has a caption or credit but no picture; add the picture (a file or its web address), or take the caption and credit out",
        ));
    }
    let missing = match (blank(&image.caption), blank(&image.credit)) {
        (true, true) => Some((
            Field::ImageCaption,
            "the image has no caption or credit; add a caption and credit",
        )),
        (true, false) => Some((
            Field::ImageCaption,
            "the image has no caption; add one saying what it shows",
        )),
        (false, true) => Some((
            Field::ImageCredit,
            "the image has no credit; add who took or owns it",
        )),
        (false, false) => None,
    };
    if let Some((field, message)) = missing {
        out.push(Problem::warning(field, message));
    }
    if blank(&image.alt) && !image.decorative {
        out.push(Problem::warning(
            Field::ImageAlt,
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

fn check_related(
    article: &Article,
    anchors: &[(String, std::ops::Range<usize>)],
    out: &mut Vec<Problem>,
) {
    let anchored: HashSet<&str> = anchors.iter().map(|(id, _)| id.as_str()).collect();
    let mut first_with_id: HashMap<&str, usize> = HashMap::new();
    let mut first_with_page: HashMap<String, usize> = HashMap::new();
    for (i, link) in article.related.iter().enumerate() {
        let name = link_name(i, &link.title);
        let field = Field::Related(i);
        if link.id.trim().is_empty() {
            out.push(Problem::error(
                field,
                format!("{name} has no id, so the body cannot place it; give it one"),
            ));
        } else if let Some(&first) = first_with_id.get(link.id.as_str()) {
            out.push(Problem::error(
                field,
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
                    field,
                    format!(
                        "{name} is never placed in the body; put {} on its own line where it \
                         should appear, or remove the link",
                        link.anchor()
                    ),
                ));
            }
        }
        match related_url(&link.url) {
            Err(why) => out.push(Problem::error(
                Field::RelatedUrl(i),
                format!("{name} {why}"),
            )),
            Ok(url) => {
                let key = same_page_key(&url);
                if let Some(&first) = first_with_page.get(&key) {
                    out.push(Problem::warning(
                        Field::RelatedUrl(i),
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
                Field::Body,
                format!(
                    "the body places related link “{}”, but the story has no link with that id; \
                     add the link or remove {}",
                    snippet(id),
                    body::related_anchor(id)
                ),
            )
            .at(range.start)
            .spanning(range.len()));
        }
    }
}

#[cfg(test)]
mod tests;
