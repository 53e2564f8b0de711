//! Pre-publish checks: one list of problems, each saying what is wrong and what to do.
//!
//! Pure functions of the article, shared by the window's checks list and `copydesk check`.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::article::Article;

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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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

/// Runs every check. `now` decides whether an embargo is still in force.
pub fn check(article: &Article, now: DateTime<Utc>) -> Vec<Problem> {
    let _ = (article, now);
    Vec::new()
}
