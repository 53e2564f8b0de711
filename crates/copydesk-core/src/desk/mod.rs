//! The desk: every story in a folder as one listing, for the editor on duty.
//!
//! A desk keeps its stories as files in a folder (a shared drive, a git checkout). This module
//! finds them ([`scan`]), reads each into a [`Row`] — headline, status, section, byline, dates,
//! the checks' problems, words, when the file last changed — and filters and sorts the rows
//! ([`Filter`], [`Sort`], [`arrange`](fn@arrange)). The window's desk view and `copydesk desk` share all of
//! it, so both list the same stories with the same problems.
//!
//! **What is listed.** Files whose names end in `.json` (any case), in the folder and its
//! subfolders down to a depth (one level by default, [`DEFAULT_DEPTH`]). Hidden files and
//! folders (names starting with `.`: `.git`, the temporary files of a save in progress) are
//! passed over. A file that holds JSON but not a Copydesk article (a ninjs item, a settings
//! file) is skipped silently; a file that cannot be read, is not JSON at all, or is an article
//! that fails to load is listed with its error, since it may be a story that was damaged.
//!
//! **The checks.** Each row carries the problems of [`crate::checks::check`], the same checks
//! as the window's list and `copydesk check`, and a warning when the story's picture file is
//! missing, a folder or far too large ([`picture_presence`]). Two things are left out to keep
//! a folder of thousands of stories quick: spelling (it needs a dictionary per language and is
//! advisory) and looking inside the picture file (the review panel does that for the story
//! selected, and `copydesk check` for any file).
//!
//! Nothing here panics on a file's contents, and the walk is bounded: at most
//! [`MAX_DEPTH`] levels and [`MAX_FILES`] candidate files, done with a queue, not recursion.

mod arrange;
#[cfg(test)]
mod tests;

use std::collections::VecDeque;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::SystemTime;

use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;
use uuid::Uuid;

use crate::article::stats;
use crate::article::{Article, Stamp, Status};
use crate::checks::{self, Field, Problem, Severity};
use crate::format::{self, DiskStamp, LoadError};
use crate::markup;
use crate::versions::{History, Kind};

pub use arrange::{Column, Filter, Sort, arrange, compare, matches};

/// How deep into subfolders a desk looks by default: the folder and its subfolders, not
/// theirs.
pub const DEFAULT_DEPTH: usize = 1;
/// The deepest a desk looks, whatever is asked: a folder tree is walked level by level, and
/// a link back up the tree cannot make the walk go on for ever.
pub const MAX_DEPTH: usize = 8;
/// The most files a desk lists; past this the listing says it stopped.
pub const MAX_FILES: usize = 100_000;

/// Why a folder cannot be listed at all.
#[derive(Debug, Error)]
pub enum ScanError {
    /// No folder at the path.
    #[error("{0}: there is no folder here; check the path, or choose the desk folder again")]
    Missing(PathBuf),
    /// A file, not a folder.
    #[error("{0}: this is a file, not a folder; choose the folder that holds the stories")]
    NotAFolder(PathBuf),
    /// The folder could not be read.
    #[error(
        "{0}: the folder could not be read ({1}); check that the share is available and that you may read it"
    )]
    Unreadable(PathBuf, io::Error),
}

/// A file that may be a story, with what its metadata said when the folder was walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub len: u64,
    /// Its modification time, when the file system gives one.
    pub modified: Option<SystemTime>,
}

/// What walking a desk folder found.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// Files that may be stories, in path order.
    pub files: Vec<Candidate>,
    /// The folder and the subfolders walked (to watch them for changes).
    pub folders: Vec<PathBuf>,
    /// Subfolders that could not be read, with why, in plain words.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Whether the walk stopped at [`MAX_FILES`].
    pub truncated: bool,
}

/// Whether a file's name makes it a possible story: it ends in `.json` (any case) and is not
/// hidden (a name starting with `.`, such as the temporary file of a save in progress).
pub fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !name.starts_with('.')
        && name.len() > 5
        && name
            .get(name.len() - 5..)
            .is_some_and(|ext| ext.eq_ignore_ascii_case(".json"))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.'))
}

/// Walks `folder` and its subfolders down to `depth` levels (at most [`MAX_DEPTH`]), level by
/// level, and lists the files that may be stories. Unreadable subfolders are noted and passed
/// over; only the folder itself being unreadable is an error.
pub fn scan(folder: &Path, depth: usize) -> Result<Scan, ScanError> {
    let meta = fs::metadata(folder).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => ScanError::Missing(folder.to_path_buf()),
        _ => ScanError::Unreadable(folder.to_path_buf(), e),
    })?;
    if !meta.is_dir() {
        return Err(ScanError::NotAFolder(folder.to_path_buf()));
    }
    let depth = depth.min(MAX_DEPTH);
    let mut out = Scan::default();
    let mut queue = VecDeque::from([(folder.to_path_buf(), 0usize)]);
    while let Some((dir, level)) = queue.pop_front() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if level == 0 => return Err(ScanError::Unreadable(dir, e)),
            Err(e) => {
                out.unreadable.push((dir, e.to_string()));
                continue;
            }
        };
        out.folders.push(dir.clone());
        let mut subfolders = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if is_hidden(&path) {
                continue;
            }
            // Follows links, so a story linked into the desk is listed; the depth bounds
            // a link that points back up the tree.
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                if level < depth {
                    subfolders.push(path);
                }
            } else if meta.is_file() && is_candidate(&path) {
                if out.files.len() >= MAX_FILES {
                    out.truncated = true;
                    break;
                }
                out.files.push(Candidate {
                    path,
                    len: meta.len(),
                    modified: meta.modified().ok(),
                });
            }
        }
        if out.truncated {
            break;
        }
        subfolders.sort();
        queue.extend(subfolders.into_iter().map(|p| (p, level + 1)));
    }
    out.files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// A story as the desk lists it: what a desk editor looks at before the bulletin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The story's identity.
    pub id: Uuid,
    /// The headline.
    pub headline: String,
    /// Where the story stands.
    pub status: Status,
    /// The section it runs in.
    pub section: String,
    /// Its authors.
    pub byline: Vec<String>,
    /// When it is (or was) published.
    pub published: Option<Stamp>,
    /// Not to be published before this.
    pub embargo: Option<Stamp>,
    /// The checks' problems, errors first.
    pub problems: Vec<Problem>,
    /// How many of the problems are errors.
    pub errors: usize,
    /// How many are warnings.
    pub warnings: usize,
    /// Words in the body, as the window's status bar counts them.
    pub words: usize,
}

/// A file that looked like a story and could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// What is wrong and what to do.
    pub message: String,
    /// Line of the fault, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column of the fault, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl From<&LoadError> for Failure {
    fn from(e: &LoadError) -> Self {
        let (line, column) = e.location().unzip();
        Failure {
            message: e.to_string(),
            line,
            column,
        }
    }
}

/// One line of the desk: a story file and what it holds, or why it could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The file.
    pub path: PathBuf,
    /// The file's path inside the desk folder, with `/` between names.
    pub relative: String,
    /// The file as read: size, time and hash, to tell later whether it changed.
    pub stamp: DiskStamp,
    /// The story, or why it could not be loaded.
    pub story: Result<Summary, Failure>,
    /// Who last changed the file and how, from the story's history; `None` when it keeps
    /// none.
    pub last_change: Option<LastChange>,
    /// Headline, byline and file name in lower case, for the text search.
    search: String,
}

/// Who last changed a story's file and how, as its history tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    /// Their name; empty when the file was changed outside Copydesk since its last version.
    pub by: String,
    /// How.
    pub kind: Kind,
}

impl LastChange {
    /// The last change of the file with `stamp` at `path`: its newest version when that is
    /// what the file holds, else a change made outside Copydesk.
    fn of(path: &Path, stamp: &DiskStamp) -> Option<LastChange> {
        let newest = History::of(path).newest().ok()??;
        Some(if newest.sha256 == stamp.sha256 {
            LastChange {
                by: newest.saved_by,
                kind: newest.kind,
            }
        } else {
            LastChange {
                by: String::new(),
                kind: Kind::Outside,
            }
        })
    }
}

impl Row {
    /// The row of `article`, read from (or just saved to) `path` with `stamp`.
    pub fn of_article(folder: &Path, path: &Path, article: &Article, stamp: DiskStamp) -> Row {
        let summary = summarize(article, path.parent(), Utc::now());
        Row::new(folder, path, stamp, Ok(summary))
    }

    fn new(folder: &Path, path: &Path, stamp: DiskStamp, story: Result<Summary, Failure>) -> Row {
        let relative = relative_name(folder, path);
        let search = match &story {
            Ok(s) => format!("{}\n{}\n{}", s.headline, s.byline.join(", "), relative),
            Err(_) => relative.clone(),
        }
        .to_lowercase();
        Row {
            last_change: LastChange::of(path, &stamp),
            path: path.to_path_buf(),
            relative,
            stamp,
            story,
            search,
        }
    }

    /// The story's summary, when it loaded.
    pub fn summary(&self) -> Option<&Summary> {
        self.story.as_ref().ok()
    }

    /// Errors and warnings; a file that could not be loaded counts as one error.
    pub fn counts(&self) -> (usize, usize) {
        match &self.story {
            Ok(s) => (s.errors, s.warnings),
            Err(_) => (1, 0),
        }
    }

    /// The headline; for a story with none, or a file that could not be loaded, the file's
    /// name in the folder.
    pub fn title(&self) -> &str {
        match &self.story {
            Ok(s) if !s.headline.is_empty() => &s.headline,
            _ => &self.relative,
        }
    }

    /// Who last changed the story ("someone" outside Copydesk), or "" when it keeps no
    /// history.
    pub fn changed_by(&self) -> String {
        match &self.last_change {
            Some(c) if c.by.trim().is_empty() => "someone".to_owned(),
            Some(c) => c.by.clone(),
            None => String::new(),
        }
    }

    /// When the file last changed.
    pub fn modified(&self) -> Option<DateTime<Utc>> {
        self.stamp.modified.map(DateTime::<Utc>::from)
    }

    /// Whether the story is under an embargo that has not lifted at `now`.
    pub fn embargoed(&self, now: DateTime<Utc>) -> bool {
        self.summary()
            .and_then(|s| s.embargo)
            .is_some_and(|e| e.is_after(now))
    }

    /// Whether `needle`, already in lower case, is in the headline, byline or file name.
    pub fn contains(&self, needle: &str) -> bool {
        self.search.contains(needle)
    }
}

/// `path` inside `folder`, with `/` between names (the whole path when it is elsewhere).
pub fn relative_name(folder: &Path, path: &Path) -> String {
    let inside = path.strip_prefix(folder).unwrap_or(path);
    let parts: Vec<String> = inside
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// What the desk lists for `article`, whose file is in `base`, with the checks run at `now`.
pub fn summarize(article: &Article, base: Option<&Path>, now: DateTime<Utc>) -> Summary {
    let mut problems = checks::check(article, now);
    problems.extend(picture_presence(article, base));
    problems.sort_by_key(|p| (p.severity, p.field, p.offset));
    let (errors, warnings) = checks::counts(&problems);
    Summary {
        id: article.id,
        headline: article.headline.trim().to_owned(),
        status: article.status,
        section: article.section.trim().to_owned(),
        byline: article.byline_names(),
        published: article.published,
        embargo: article.embargo,
        problems,
        errors,
        warnings,
        words: stats::count(&markup::parse(&article.body)).words,
    }
}

/// A warning when the story's picture is a file that is not there, is a folder, or is too
/// large to be a picture — found from the file's metadata alone, without reading it. Web
/// addresses are not looked at.
pub fn picture_presence(article: &Article, base: Option<&Path>) -> Option<Problem> {
    use crate::picture::{MAX_FILE_BYTES, PictureError};
    let source = article.image.as_ref()?.source.trim();
    if source.is_empty() || source.starts_with("http://") || source.starts_with("https://") {
        return None;
    }
    let path = Path::new(source.strip_prefix("file://").unwrap_or(source));
    let path = match base {
        Some(b) if path.is_relative() => b.join(path),
        _ => path.to_path_buf(),
    };
    let error = match fs::metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => PictureError::Missing,
        Err(e) => PictureError::Unreadable(e.to_string()),
        Ok(m) if m.is_dir() => PictureError::Folder,
        Ok(m) if m.len() > MAX_FILE_BYTES => PictureError::FileTooLarge(m.len() / 1_048_576),
        Ok(_) => return None,
    };
    Some(Problem {
        severity: Severity::Warning,
        field: Field::ImageSource,
        offset: None,
        length: None,
        message: format!("the picture cannot be shown: {error}"),
        rule: None,
    })
}

/// Reads the file at `path` as a desk row, checked at `now`. `None` when the file is not a
/// story (JSON that is not a Copydesk article) or is no longer there.
pub fn read_row(folder: &Path, path: &Path, now: DateTime<Utc>) -> Option<Row> {
    let bytes = match format::read_capped(path) {
        Ok(b) => b,
        Err(LoadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            let stamp = DiskStamp {
                len: 0,
                modified: fs::metadata(path).ok().and_then(|m| m.modified().ok()),
                sha256: String::new(),
            };
            return Some(Row::new(folder, path, stamp, Err(Failure::from(&e))));
        }
    };
    let meta = fs::metadata(path).ok();
    let stamp = DiskStamp::of(&bytes, meta.as_ref());
    match format::from_bytes(&bytes) {
        Ok(article) => {
            let summary = summarize(&article, path.parent(), now);
            Some(Row::new(folder, path, stamp, Ok(summary)))
        }
        Err(LoadError::NotAnArticle { .. }) => None,
        Err(e) => Some(Row::new(folder, path, stamp, Err(Failure::from(&e)))),
    }
}

/// Reads every file in `paths` as a row on `threads` threads (at least one), handing each to
/// `each` as it is ready (`None` for a file that is not a story), in no particular order.
pub fn read_each(
    folder: &Path,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    threads: usize,
    each: &(dyn Fn(&Path, Option<Row>) + Sync),
) {
    let next = AtomicUsize::new(0);
    let work = || {
        while let Some(path) = paths.get(next.fetch_add(1, Ordering::Relaxed)) {
            each(path, read_row(folder, path, now));
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads.clamp(1, 16) {
            s.spawn(work);
        }
        work();
    });
}

/// The threads worth reading a desk with: the machine's cores, at most four (reading is
/// mostly waiting for the disk beyond that).
pub fn reading_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

/// A whole desk folder, read.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// Every story file, in path order.
    pub rows: Vec<Row>,
    /// What the walk found besides (unreadable subfolders, whether it stopped early).
    pub scan: Scan,
}

/// Walks `folder` (down to `depth`) and reads every story in it, checked at `now`; rows in
/// path order.
pub fn list(folder: &Path, depth: usize, now: DateTime<Utc>) -> Result<Listing, ScanError> {
    let scan = scan(folder, depth)?;
    let paths: Vec<PathBuf> = scan.files.iter().map(|c| c.path.clone()).collect();
    let rows = std::sync::Mutex::new(Vec::with_capacity(paths.len()));
    read_each(folder, &paths, now, reading_threads(), &|_, row| {
        if let (Some(row), Ok(mut rows)) = (row, rows.lock()) {
            rows.push(row);
        }
    });
    let mut rows = rows.into_inner().unwrap_or_else(|e| e.into_inner());
    rows.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Listing { rows, scan })
}

/// A date as the desk shows it: "4 Jul 2016 09:30 BST", or "4 Jul 2016 (Europe/London)"
/// when only the day is known.
pub fn stamp_text(stamp: &Stamp) -> String {
    let date = stamp.date.format("%-d %b %Y");
    match stamp.time {
        Some(t) => format!("{date} {} {}", t.format("%H:%M"), stamp.zone_abbreviation()),
        None => format!("{date} ({})", stamp.zone),
    }
}
