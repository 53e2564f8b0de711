//! `copydesk history STORY`: the versions kept of a story, what changed between two of them
//! word by word, and any one written back out byte for byte.
//!
//! Versions are numbered as listed, 1 the newest; a version's id (its time and hash, as
//! `--format json` gives it) or the start of one names it too, and stays the same as newer
//! versions come.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use serde_json::json;

use copydesk_core::article::Article;
use copydesk_core::compare;
use copydesk_core::format;
use copydesk_core::versions::{self, History, Kind, Version};

/// How `copydesk history` lists the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One line per version: number, time, name, status, words, why and what changed.
    Text,
    /// One JSON document: `{"versions": [...]}`.
    Json,
}

/// The arguments of `copydesk history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The story whose history to read.
    pub story: PathBuf,
    /// The list as text lines or as one JSON document.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Print what changed from version A to version B, word by word (`[-taken out-]`,
    /// `{+put in+}`); without B, to the story as its file holds it now.
    #[arg(long, num_args = 1..=2, value_names = ["A", "B"], conflicts_with = "restore")]
    pub diff: Vec<String>,
    /// Write version A, exactly as it was saved, to the file given with -o (`-` for
    /// standard output). Writing over the story keeps its current version in the history.
    #[arg(long, value_name = "A", requires = "output")]
    pub restore: Option<String>,
    /// Where --restore writes.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Runs `copydesk history`: exit 0, 1 when a version or file cannot be read, 2 for usage.
pub fn run(args: &HistoryArgs) -> ExitCode {
    let result = if let Some(wanted) = &args.restore {
        let output = args.output.as_deref().unwrap_or(Path::new("-"));
        restore(&args.story, wanted, output)
    } else if !args.diff.is_empty() {
        diff(&args.story, &args.diff)
    } else {
        list(&args.story, args.format)
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn shown(story: &Path) -> String {
    story.display().to_string()
}

/// A version's story, read from its text.
fn article_of(story: &Path, version: &Version, text: &str) -> Result<Article, String> {
    format::from_bytes(text.as_bytes()).map_err(|e| {
        format!(
            "{}: error: version {} is not a story Copydesk can read ({e})",
            shown(story),
            version.id
        )
    })
}

fn list(story: &Path, output: ListFormat) -> Result<(), String> {
    let history = History::of(story);
    let listing = history
        .list()
        .map_err(|e| format!("{}: error: {e}", shown(story)))?;
    for damaged in &listing.damaged {
        eprintln!("{}: warning: {damaged}", shown(story));
    }
    // What each version changed from the one before it.
    let mut changes = Vec::with_capacity(listing.versions.len());
    let mut older: Option<Article> = None;
    for v in listing.versions.iter().rev() {
        let article = history
            .read(&v.id)
            .ok()
            .and_then(|(_, text)| format::from_bytes(text.as_bytes()).ok());
        let change = match (&older, &article) {
            (Some(before), Some(now)) => compare::summary(now, before).describe(),
            (None, Some(_)) => "first version kept".to_owned(),
            _ => String::new(),
        };
        changes.push(change);
        if article.is_some() {
            older = article;
        }
    }
    changes.reverse();
    let out = io::stdout();
    let mut out = out.lock();
    let written = match output {
        ListFormat::Text => (|| {
            if listing.versions.is_empty() {
                return writeln!(
                    out,
                    "No versions kept yet: Copydesk keeps one each time it writes the story."
                );
            }
            for (i, (v, change)) in listing.versions.iter().zip(&changes).enumerate() {
                writeln!(
                    out,
                    "{:>3}  {}  {:<20}  {:<10} {:>6} words  {}{}",
                    i + 1,
                    v.saved_at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S"),
                    v.who(),
                    v.status.label(),
                    v.words,
                    v.kind.label(),
                    if change.is_empty() {
                        String::new()
                    } else {
                        format!(": {change}")
                    }
                )?;
            }
            Ok(())
        })(),
        ListFormat::Json => {
            let versions: Vec<_> = listing
                .versions
                .iter()
                .zip(&changes)
                .enumerate()
                .map(|(i, (v, change))| {
                    json!({
                        "number": i + 1,
                        "id": v.id,
                        "saved_by": v.saved_by,
                        "saved_at": v.saved_at.to_rfc3339(),
                        "kind": v.kind,
                        "status": v.status,
                        "words": v.words,
                        "changes": change,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &json!({ "versions": versions }))
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("copydesk: could not write the list: {e}"))
        }
        _ => Ok(()),
    }
}

fn diff(story: &Path, which: &[String]) -> Result<(), String> {
    let history = History::of(story);
    let read = |wanted: &str| -> Result<Article, String> {
        let (v, text) = history
            .read(wanted)
            .map_err(|e| format!("{}: error: {e}", shown(story)))?;
        article_of(story, &v, &text)
    };
    let older = read(&which[0])?;
    let newer = match which.get(1) {
        Some(b) => read(b)?,
        None => format::load(story).map_err(|e| format!("{}: error: {e}", shown(story)))?,
    };
    let lines = versions::changes(&older, &newer);
    let out = io::stdout();
    let colour = out.is_terminal();
    let mut out = out.lock();
    match versions::write_diff(&mut out, &lines, colour) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("copydesk: could not write the differences: {e}"))
        }
        _ => Ok(()),
    }
}

fn restore(story: &Path, wanted: &str, output: &Path) -> Result<(), String> {
    let (_, text) = History::of(story)
        .read(wanted)
        .map_err(|e| format!("{}: error: {e}", shown(story)))?;
    super::write_story(output, &text, Kind::Restore)
}
