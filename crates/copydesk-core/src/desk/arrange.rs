//! Which rows the desk shows, and in what order.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Row;
use crate::article::Status;

/// What the desk shows: every condition set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Only stories in one of these statuses; empty for any.
    pub statuses: Vec<Status>,
    /// Only stories in this section (compared without regard to case); `None` for any.
    pub section: Option<String>,
    /// Only stories with errors (a file that could not be loaded has one).
    pub errors: bool,
    /// Only stories under an embargo that has not lifted.
    pub embargoed: bool,
    /// Only stories whose headline, byline or file name holds this text (any case).
    pub text: String,
}

impl Filter {
    /// Whether no condition is set: every row is shown.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// A column of the desk, to sort by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// The headline (a file that could not be loaded: its name).
    Headline,
    /// Draft, in review, approved, published, in that order.
    Status,
    /// Errors, then warnings.
    Problems,
    /// The publication date and time.
    Published,
    /// The embargo.
    Embargo,
    /// The section.
    Section,
    /// The byline.
    Byline,
    /// Words in the body.
    Words,
    /// Who saved the story last, from its history.
    ChangedBy,
    /// When the file last changed.
    #[default]
    Modified,
    /// The file's path in the folder.
    File,
}

impl Column {
    /// Every column, in the order the desk shows them.
    pub const ALL: [Column; 11] = [
        Column::Headline,
        Column::Status,
        Column::Problems,
        Column::Published,
        Column::Embargo,
        Column::Section,
        Column::Byline,
        Column::Words,
        Column::ChangedBy,
        Column::Modified,
        Column::File,
    ];

    /// The column's heading.
    pub fn label(self) -> &'static str {
        match self {
            Column::Headline => "Headline",
            Column::Status => "Status",
            Column::Problems => "Problems",
            Column::Published => "Published",
            Column::Embargo => "Embargo",
            Column::Section => "Section",
            Column::Byline => "Byline",
            Column::Words => "Words",
            Column::ChangedBy => "Last changed by",
            Column::Modified => "Last change",
            Column::File => "Path",
        }
    }

    /// The order a first click on the heading sorts in: the most telling first (most
    /// problems, newest, longest), else A to Z.
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            Column::Problems
                | Column::Published
                | Column::Embargo
                | Column::Words
                | Column::Modified
        )
    }
}

/// The column the desk is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sort {
    /// The column.
    pub column: Column,
    /// Largest, latest or Z first.
    pub descending: bool,
}

impl Default for Sort {
    /// The files changed last first: what the desk was working on.
    fn default() -> Self {
        Sort {
            column: Column::Modified,
            descending: true,
        }
    }
}

impl Sort {
    /// The sort after the heading of `column` is clicked: the other way round when it is
    /// already sorted by it, else by it in its first order.
    pub fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column.descending_first(),
            }
        }
    }
}

/// Whether `row` passes `filter` at `now` (which decides whether an embargo is in force).
/// `text` must already be in lower case (see [`arrange`]).
pub fn matches(row: &Row, filter: &Filter, text: &str, now: DateTime<Utc>) -> bool {
    let summary = row.summary();
    if !filter.statuses.is_empty() && !summary.is_some_and(|s| filter.statuses.contains(&s.status))
    {
        return false;
    }
    if let Some(section) = filter.section.as_deref().map(str::trim)
        && !section.is_empty()
        && summary.is_none_or(|s| s.section.to_lowercase() != section.to_lowercase())
    {
        return false;
    }
    if filter.errors && row.counts().0 == 0 {
        return false;
    }
    if filter.embargoed && !row.embargoed(now) {
        return false;
    }
    text.is_empty() || row.contains(text)
}

/// How two rows compare on `column`, smallest (or earliest, or A) first. Rows with no value
/// in the column (no date, a file that could not be loaded) are `None`: [`arrange`] puts
/// them last whichever way the column is sorted.
fn key_order(a: &Row, b: &Row, column: Column) -> Option<Ordering> {
    let (sa, sb) = (a.summary(), b.summary());
    let both = |f: &dyn Fn(&super::Summary, &super::Summary) -> Ordering| match (sa, sb) {
        (Some(x), Some(y)) => Some(f(x, y)),
        _ => None,
    };
    match column {
        Column::Headline => Some(cmp_text(a.title(), b.title())),
        Column::Status => both(&|x, y| status_rank(x.status).cmp(&status_rank(y.status))),
        Column::Problems => Some(a.counts().cmp(&b.counts())),
        Column::Published => both(&|x, y| cmp_stamp(x.published, y.published)),
        Column::Embargo => both(&|x, y| cmp_stamp(x.embargo, y.embargo)),
        Column::Section => both(&|x, y| cmp_text(&x.section, &y.section)),
        Column::Byline => both(&|x, y| cmp_text(&x.byline.join(", "), &y.byline.join(", "))),
        Column::Words => both(&|x, y| x.words.cmp(&y.words)),
        Column::ChangedBy => Some(cmp_text(&a.changed_by(), &b.changed_by())),
        Column::Modified => Some(a.stamp.modified.cmp(&b.stamp.modified)),
        Column::File => Some(a.relative.cmp(&b.relative)),
    }
}

/// Whether `row` has a value to sort by in `column`: a date, some text, a loaded story.
fn has_value(row: &Row, column: Column) -> bool {
    let Some(s) = row.summary() else {
        return matches!(
            column,
            // a file that cannot be read has no headline: it goes last, with the stories
            // that have none, not among the headlines by its name
            Column::Problems | Column::Modified | Column::File
        ) || (column == Column::ChangedBy && row.last_change.is_some());
    };
    match column {
        Column::Published => s.published.is_some(),
        Column::Embargo => s.embargo.is_some(),
        Column::Section => !s.section.is_empty(),
        Column::Byline => !s.byline.is_empty(),
        Column::Headline => !s.headline.is_empty(),
        Column::Modified => row.stamp.modified.is_some(),
        Column::ChangedBy => row.last_change.is_some(),
        Column::Status | Column::Problems | Column::Words | Column::File => true,
    }
}

fn status_rank(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn cmp_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase()
        .cmp(&b.to_lowercase())
        .then_with(|| a.cmp(b))
}

fn cmp_stamp(a: Option<crate::article::Stamp>, b: Option<crate::article::Stamp>) -> Ordering {
    a.map(|s| s.to_utc()).cmp(&b.map(|s| s.to_utc()))
}

/// How two rows compare under `sort`: rows with no value in the column last either way, ties
/// broken by file path so the order never flickers.
pub fn compare(a: &Row, b: &Row, sort: Sort) -> Ordering {
    let (ha, hb) = (has_value(a, sort.column), has_value(b, sort.column));
    let by_value = match (ha, hb) {
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => {
            let o = key_order(a, b, sort.column).unwrap_or(Ordering::Equal);
            if sort.descending { o.reverse() } else { o }
        }
    };
    by_value.then_with(|| a.relative.cmp(&b.relative))
}

/// The indices of the rows `filter` lets through at `now`, in `sort` order.
pub fn arrange(rows: &[Row], filter: &Filter, sort: Sort, now: DateTime<Utc>) -> Vec<usize> {
    let text = filter.text.trim().to_lowercase();
    let mut shown: Vec<usize> = (0..rows.len())
        .filter(|&i| matches(&rows[i], filter, &text, now))
        .collect();
    // The keys are cheap but for case-folding text: fine for thousands of rows, and done only
    // when the rows or the order change.
    shown.sort_by(|&a, &b| compare(&rows[a], &rows[b], sort));
    shown
}
