//! `copydesk desk FOLDER`: the desk view's listing on the command line, so a desk can script
//! its bulletin check (`copydesk desk /desk --status approved --errors` lists the approved
//! stories that must not go out yet, and exits 1 when there are any).
//!
//! Exit status, as for `check`: 0 when no story listed has an error, 1 when one has (a file
//! that cannot be read counts), 2 for a usage error or a folder that cannot be read.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Local, SecondsFormat, Utc};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use copydesk_core::article::{Stamp, Status};
use copydesk_core::checks::char_count;
use copydesk_core::desk::{self, Column, Filter, Row, Sort};

/// The arguments of `copydesk desk`.
#[derive(Debug, Args)]
pub struct DeskArgs {
    /// The folder holding the stories.
    pub folder: PathBuf,
    /// A table for people, or one JSON document for scripts.
    #[arg(long, value_enum, default_value_t = DeskFormat::Table)]
    pub format: DeskFormat,
    /// Only stories with this status; may be given more than once.
    #[arg(long = "status", value_enum, value_name = "STATUS")]
    pub statuses: Vec<StatusArg>,
    /// Only stories with errors (a file that cannot be read has one).
    #[arg(long)]
    pub errors: bool,
    /// Only stories under an embargo that has not lifted.
    #[arg(long)]
    pub embargoed: bool,
    /// Only stories in this section (any case).
    #[arg(long)]
    pub section: Option<String>,
    /// Only stories whose headline, byline or file name holds this text (any case).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// The column to sort by.
    #[arg(long, value_enum, default_value_t = SortArg::File)]
    pub sort: SortArg,
    /// Sort the other way round (largest, latest or Z first).
    #[arg(long)]
    pub reverse: bool,
    /// How many levels of subfolders to look in (0: the folder alone).
    #[arg(long, default_value_t = desk::DEFAULT_DEPTH, value_name = "N")]
    pub depth: usize,
}

/// How `copydesk desk` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeskFormat {
    /// Aligned columns, one story a line.
    Table,
    /// One JSON document.
    Json,
}

/// A status, as the story file writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Being written.
    Draft,
    /// Waiting for the desk.
    #[value(name = "in_review", alias = "in-review", alias = "review")]
    InReview,
    /// Ready to go out.
    Approved,
    /// Out.
    Published,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Draft => Status::Draft,
            StatusArg::InReview => Status::InReview,
            StatusArg::Approved => Status::Approved,
            StatusArg::Published => Status::Published,
        }
    }
}

/// A column to sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// The file's path in the folder.
    File,
    /// The headline.
    Headline,
    /// Draft, in review, approved, published.
    Status,
    /// Errors, then warnings.
    Problems,
    /// The publication date.
    Published,
    /// The embargo.
    Embargo,
    /// The section.
    Section,
    /// The byline.
    Byline,
    /// Words in the body.
    Words,
    /// Who last changed the story, from its history.
    ChangedBy,
    /// When the file last changed.
    Modified,
}

impl From<SortArg> for Column {
    fn from(s: SortArg) -> Column {
        match s {
            SortArg::File => Column::File,
            SortArg::Headline => Column::Headline,
            SortArg::Status => Column::Status,
            SortArg::Problems => Column::Problems,
            SortArg::Published => Column::Published,
            SortArg::Embargo => Column::Embargo,
            SortArg::Section => Column::Section,
            SortArg::Byline => Column::Byline,
            SortArg::Words => Column::Words,
            SortArg::ChangedBy => Column::ChangedBy,
            SortArg::Modified => Column::Modified,
        }
    }
}

/// Runs `copydesk desk`.
pub fn run(args: &DeskArgs) -> ExitCode {
    let now = Utc::now();
    let listing = match desk::list(&args.folder, args.depth, now) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("copydesk: error: {e}");
            return ExitCode::from(2);
        }
    };
    let filter = Filter {
        statuses: args.statuses.iter().map(|s| Status::from(*s)).collect(),
        section: args.section.clone(),
        errors: args.errors,
        embargoed: args.embargoed,
        text: args.search.clone().unwrap_or_default(),
    };
    let sort = Sort {
        column: args.sort.into(),
        descending: args.reverse,
    };
    let shown: Vec<&Row> = desk::arrange(&listing.rows, &filter, sort, now)
        .into_iter()
        .filter_map(|i| listing.rows.get(i))
        .collect();
    for (dir, why) in &listing.scan.unreadable {
        eprintln!(
            "copydesk: warning: {}: this subfolder could not be read ({why}); its stories are not listed",
            dir.display()
        );
    }
    if listing.scan.truncated {
        eprintln!(
            "copydesk: warning: only the first {} files are listed",
            desk::MAX_FILES
        );
    }
    let out = io::stdout();
    let mut out = out.lock();
    let result = match args.format {
        DeskFormat::Table => write_table(&mut out, &shown, now),
        DeskFormat::Json => write_json(&mut out, &args.folder, &shown, now),
    };
    if let Err(e) = result
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        eprintln!("copydesk: could not write the listing: {e}");
        return ExitCode::from(1);
    }
    let with_errors = shown.iter().filter(|r| r.counts().0 > 0).count();
    if args.format == DeskFormat::Table {
        eprintln!(
            "copydesk: {} of {} {} listed; {with_errors} with errors",
            shown.len(),
            listing.rows.len(),
            if listing.rows.len() == 1 {
                "story"
            } else {
                "stories"
            }
        );
    }
    ExitCode::from(u8::from(with_errors > 0))
}

/// The status as the file writes it (`in_review`).
fn status_name(s: Status) -> &'static str {
    match s {
        Status::Draft => "draft",
        Status::InReview => "in_review",
        Status::Approved => "approved",
        Status::Published => "published",
    }
}

fn embargo_text(e: &Stamp, now: DateTime<Utc>) -> String {
    let text = desk::stamp_text(e);
    if e.is_after(now) {
        format!("{text} (in force)")
    } else {
        text
    }
}

/// Cuts `text` to `max` characters, with "…" when cut.
fn cut(text: &str, max: usize) -> String {
    if char_count(text) <= max {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

fn write_table(out: &mut impl Write, rows: &[&Row], now: DateTime<Utc>) -> io::Result<()> {
    const HEAD: [&str; 11] = [
        "FILE",
        "STATUS",
        "ERRORS",
        "WARNINGS",
        "PUBLISHED",
        "EMBARGO",
        "SECTION",
        "BYLINE",
        "WORDS",
        "MODIFIED",
        "HEADLINE",
    ];
    let lines: Vec<[String; 11]> = rows
        .iter()
        .map(|r| {
            let (errors, warnings) = r.counts();
            let modified = r
                .modified()
                .map(|m| m.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default();
            match &r.story {
                Ok(s) => [
                    r.relative.clone(),
                    status_name(s.status).to_owned(),
                    errors.to_string(),
                    warnings.to_string(),
                    s.published
                        .as_ref()
                        .map(desk::stamp_text)
                        .unwrap_or_default(),
                    s.embargo
                        .as_ref()
                        .map(|e| embargo_text(e, now))
                        .unwrap_or_default(),
                    cut(&s.section, 20),
                    cut(&s.byline.join(", "), 30),
                    s.words.to_string(),
                    modified,
                    s.headline.clone(),
                ],
                Err(f) => [
                    r.relative.clone(),
                    "-".to_owned(),
                    errors.to_string(),
                    warnings.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    modified,
                    // The message says where, when the fault has a line and column.
                    format!("error: {}", f.message),
                ],
            }
        })
        .collect();
    let mut widths = HEAD.map(char_count);
    for line in &lines {
        for (w, cell) in widths.iter_mut().zip(line) {
            *w = (*w).max(char_count(cell));
        }
    }
    // Numbers to the right; the last column is not padded.
    let numeric = [
        false, false, true, true, false, false, false, false, true, false, false,
    ];
    let head = HEAD.map(str::to_owned);
    for line in std::iter::once(&head).chain(&lines) {
        let mut text = String::new();
        for (i, cell) in line.iter().enumerate() {
            let pad = widths[i].saturating_sub(char_count(cell));
            if i + 1 == line.len() {
                text.push_str(cell);
            } else if numeric[i] {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
                text.push_str("  ");
            } else {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", text.trim_end())?;
    }
    Ok(())
}

/// Who last changed the story, from its history: a name, "" for a change made outside
/// Copydesk, null when it keeps no history.
fn changed_by(r: &Row) -> Value {
    match &r.last_change {
        Some(c) => json!(c.by),
        None => Value::Null,
    }
}

fn stamp_json(s: &Stamp, now: DateTime<Utc>, embargo: bool) -> Value {
    let mut v = json!({
        "date": s.date.to_string(),
        "time": s.time.map(|t| t.format("%H:%M:%S").to_string()),
        "zone": s.zone.name(),
        "utc": s.to_utc().to_rfc3339_opts(SecondsFormat::Secs, true),
    });
    if embargo {
        v["in_force"] = json!(s.is_after(now));
    }
    v
}

fn write_json(
    out: &mut impl Write,
    folder: &Path,
    rows: &[&Row],
    now: DateTime<Utc>,
) -> io::Result<()> {
    let stories: Vec<Value> = rows
        .iter()
        .map(|r| {
            let modified = r
                .modified()
                .map(|m| m.to_rfc3339_opts(SecondsFormat::Secs, true));
            match &r.story {
                Ok(s) => json!({
                    "path": r.relative,
                    "id": s.id,
                    "headline": s.headline,
                    "status": status_name(s.status),
                    "section": s.section,
                    "byline": s.byline,
                    "published": s.published.as_ref().map(|p| stamp_json(p, now, false)),
                    "embargo": s.embargo.as_ref().map(|e| stamp_json(e, now, true)),
                    "errors": s.errors,
                    "warnings": s.warnings,
                    "words": s.words,
                    "modified": modified,
                    "changed_by": changed_by(r),
                    "problems": s.problems,
                }),
                Err(f) => json!({
                    "path": r.relative,
                    "errors": 1,
                    "warnings": 0,
                    "modified": modified,
                    "changed_by": changed_by(r),
                    "load_error": f,
                }),
            }
        })
        .collect();
    let doc = json!({
        "folder": folder.display().to_string(),
        "stories": stories,
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
