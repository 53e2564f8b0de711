//! Every version of a story, kept beside its file: who saved it, when, at what status.
//!
//! A story file `politics/budget.json` keeps its history in
//! `politics/.copydesk-history/budget.json/`, one file per version, so the history travels
//! with the story on a shared folder and colleagues who open the file see the same versions.
//! Each version file is named `YYYYMMDDTHHMMSS.mmmZ-<16 hex of SHA-256>.json.gz` (so names
//! sort by time) and holds, gzip-compressed, one JSON object: who saved it, when, why (a
//! save, a status change, a publish, a pull…), the status and word count, and the story
//! file's exact text, so a version restores byte for byte. Version files are written
//! atomically ([`crate::format::atomic`]) and readable by colleagues like the story itself.
//!
//! [`save`] writes the story and then keeps the version it wrote. A file found on disk that
//! the history does not have (written by another program, or a save killed before its
//! version was kept) is kept first, as written "outside Copydesk". A history that cannot be
//! read or written never stops a save: [`Saved::history`] says what went wrong, and the
//! window shows it in the status bar.
//!
//! The history is bounded ([`Policy`]): every version of the last week, then the newest of
//! each day, and at most [`Policy::cap_bytes`] of version files per story, the oldest going
//! first; the newest version is always kept.

mod word_diff;

use std::collections::HashSet;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::article::{Article, Status, stats};
use crate::format::{self, DiskStamp, MAX_FILE_BYTES, SaveError, atomic};
use crate::markup;

pub use word_diff::{Line, Mark, Piece, changes, diff_text, write_diff};

/// The folder, beside a story, that holds the histories of the stories in that folder.
pub const FOLDER: &str = ".copydesk-history";
/// The `format` value of every version file.
pub const FORMAT_NAME: &str = "copydesk-version";
/// The version of the version-file format this build writes.
pub const FORMAT_VERSION: &str = "1.0";
/// How version files end.
const SUFFIX: &str = ".json.gz";
/// How many hex digits of the story text's SHA-256 a version file's name carries.
const HASH_IN_NAME: usize = 16;

/// Why a version was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Saved in the window.
    Save,
    /// Its status was changed (the desk's bulk change).
    Status,
    /// Written after publishing to a site (the story records its post).
    Publish,
    /// Taken from a site's post.
    Pull,
    /// Written by `copydesk import`.
    Import,
    /// Written by `copydesk export --to copydesk`.
    Export,
    /// An older version written back by `copydesk history --restore`.
    Restore,
    /// Found in the file, written by something other than Copydesk (or by a save cut short
    /// before its version was kept).
    Outside,
}

impl Kind {
    /// How the history panel and `copydesk history` say it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Save => "saved",
            Kind::Status => "status changed",
            Kind::Publish => "published",
            Kind::Pull => "taken from the site",
            Kind::Import => "imported from ninjs",
            Kind::Export => "rewritten from the command line",
            Kind::Restore => "an older version put back",
            Kind::Outside => "changed outside Copydesk",
        }
    }
}

/// Who is writing a version, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The person's name, as they gave it ("Your name" in the preferences, `COPYDESK_NAME`).
    pub name: String,
    /// Why the story is being written.
    pub kind: Kind,
}

impl Signature {
    /// A signature for `name` writing for `kind`.
    pub fn new(name: impl Into<String>, kind: Kind) -> Self {
        Signature {
            name: name.into(),
            kind,
        }
    }
}

/// One kept version, without its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// The version file's name without `.json.gz`: its time and hash, unique in the history.
    #[serde(skip)]
    pub id: String,
    /// Who wrote it; empty when nobody knows (a version found on disk).
    pub saved_by: String,
    /// When it was written.
    pub saved_at: DateTime<Utc>,
    /// Why it was written.
    pub kind: Kind,
    /// The story's status in this version.
    pub status: Status,
    /// Words in the body, as the window counts them.
    pub words: usize,
    /// SHA-256 of the story text, lowercase hex.
    pub sha256: String,
    /// The story text's length in bytes.
    pub len: u64,
    /// The version file's size on disk (compressed).
    #[serde(skip)]
    pub stored: u64,
}

impl Version {
    /// "Ann Reporter", or "someone" for a version found on disk.
    pub fn who(&self) -> &str {
        if self.saved_by.trim().is_empty() {
            "someone"
        } else {
            &self.saved_by
        }
    }
}

/// A version file as it is on disk (inside the gzip).
#[derive(Serialize, Deserialize)]
struct Stored {
    format: String,
    version: String,
    #[serde(flatten)]
    about: Version,
    story: String,
}

/// Why a history could not be read or written. None of these stops a save.
#[derive(Debug, Error)]
pub enum HistoryError {
    /// A folder or version file could not be read or written.
    #[error(
        "the story's history in {path} could not be {doing} ({source}); the story itself is {outcome}. Check that the folder may be written, or tell whoever keeps the shared folder"
    )]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// "read" or "written".
        doing: &'static str,
        /// What the story is now (the save went through or nothing was written).
        outcome: &'static str,
        /// The system's error.
        #[source]
        source: io::Error,
    },
    /// A version file is not one Copydesk can read.
    #[error(
        "the version {path} is damaged ({reason}); the other versions are fine. Remove it if it keeps coming up"
    )]
    Damaged {
        /// The version file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// No version matches what was asked for.
    #[error("no version {0} in the story's history; `copydesk history STORY` lists the versions")]
    NotFound(String),
}

impl HistoryError {
    /// The same error, said of a save that went through.
    fn after_save(self) -> Self {
        match self {
            HistoryError::Io {
                path,
                doing,
                source,
                ..
            } => HistoryError::Io {
                path,
                doing,
                outcome: "saved",
                source,
            },
            other => other,
        }
    }
}

/// How much history is kept per story.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Policy {
    /// Every version younger than this is kept (within the cap).
    pub keep_all_for: chrono::Duration,
    /// Version files of one story take at most this many bytes; the oldest go first.
    pub cap_bytes: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            keep_all_for: chrono::Duration::days(7),
            cap_bytes: 32 * 1024 * 1024,
        }
    }
}

/// The versions of one story file, as read.
#[derive(Debug, Default)]
pub struct Listing {
    /// Newest first.
    pub versions: Vec<Version>,
    /// Version files that could not be read (the others are listed).
    pub damaged: Vec<HistoryError>,
}

/// The history of one story file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    dir: PathBuf,
}

/// A version's file name for its time and text hash.
fn file_name(at: DateTime<Utc>, sha256: &str) -> String {
    format!(
        "{}-{}{SUFFIX}",
        at.format("%Y%m%dT%H%M%S%.3fZ"),
        &sha256[..HASH_IN_NAME.min(sha256.len())]
    )
}

/// The SHA-256 of `bytes`, lowercase hex.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Words in a story's body, as the window counts them.
fn words(article: &Article) -> usize {
    stats::count(&markup::parse(&article.body)).words
}

impl History {
    /// The history of the story file at `story` (which need not exist yet).
    pub fn of(story: &Path) -> Self {
        let parent = match story.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = story
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "story".to_owned());
        History {
            dir: parent.join(FOLDER).join(name),
        }
    }

    /// The folder holding the version files.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The version files' names, oldest first; none when there is no history yet.
    fn names(&self) -> Result<Vec<String>, HistoryError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => {
                return Err(HistoryError::Io {
                    path: self.dir.clone(),
                    doing: "read",
                    outcome: "unchanged",
                    source,
                });
            }
        };
        let mut names: Vec<String> = entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.ends_with(SUFFIX) && !n.starts_with('.'))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Reads one version file: what it says about itself and the story text.
    fn read_file(&self, name: &str) -> Result<(Version, String), HistoryError> {
        let path = self.dir.join(name);
        let damaged = |reason: String| HistoryError::Damaged {
            path: path.clone(),
            reason,
        };
        let file = fs::File::open(&path).map_err(|source| HistoryError::Io {
            path: path.clone(),
            doing: "read",
            outcome: "unchanged",
            source,
        })?;
        let stored = file.metadata().map(|m| m.len()).unwrap_or_default();
        // A version holds at most one story file; anything that inflates to more is refused
        // before it fills memory.
        let limit = MAX_FILE_BYTES + 1024 * 1024;
        let mut text = Vec::new();
        GzDecoder::new(file)
            .take(limit + 1)
            .read_to_end(&mut text)
            .map_err(|e| damaged(format!("not a compressed version file: {e}")))?;
        if text.len() as u64 > limit {
            return Err(damaged("larger than any story".into()));
        }
        let stored_version: Stored =
            serde_json::from_slice(&text).map_err(|e| damaged(e.to_string()))?;
        if stored_version.format != FORMAT_NAME {
            return Err(damaged(format!(
                "its format is “{}”, not {FORMAT_NAME}",
                stored_version.format
            )));
        }
        if !stored_version.version.starts_with("1.") {
            return Err(damaged(format!(
                "it was written by a newer Copydesk (format {}); update Copydesk to read it",
                stored_version.version
            )));
        }
        if sha256(stored_version.story.as_bytes()) != stored_version.about.sha256 {
            return Err(damaged("its text does not match its checksum".into()));
        }
        let mut about = stored_version.about;
        about.id = name.trim_end_matches(SUFFIX).to_owned();
        about.stored = stored;
        Ok((about, stored_version.story))
    }

    /// Every version, newest first; damaged version files are reported beside them.
    pub fn list(&self) -> Result<Listing, HistoryError> {
        let mut listing = Listing::default();
        for name in self.names()?.iter().rev() {
            match self.read_file(name) {
                Ok((v, _)) => listing.versions.push(v),
                Err(e) => listing.damaged.push(e),
            }
        }
        Ok(listing)
    }

    /// The newest version that can be read, if any.
    pub fn newest(&self) -> Result<Option<Version>, HistoryError> {
        for name in self.names()?.iter().rev() {
            if let Ok((v, _)) = self.read_file(name) {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    /// The version `wanted` with its story text: `wanted` is a number as listed (1 is the
    /// newest) or the start of a version's id.
    pub fn read(&self, wanted: &str) -> Result<(Version, String), HistoryError> {
        let names = self.names()?;
        let wanted = wanted.trim();
        let name = match wanted.parse::<usize>() {
            Ok(n) if n >= 1 && n <= names.len() && wanted.len() < 8 => {
                names.get(names.len() - n).cloned()
            }
            _ if !wanted.is_empty() => {
                let matching: Vec<&String> =
                    names.iter().filter(|n| n.starts_with(wanted)).collect();
                match matching.as_slice() {
                    [one] => Some((*one).clone()),
                    _ => None,
                }
            }
            _ => None,
        };
        let name = name.ok_or_else(|| HistoryError::NotFound(wanted.to_owned()))?;
        self.read_file(&name)
    }

    /// Whether the newest version file holds exactly `sha256` (read from its name).
    fn newest_is(&self, sha256: &str) -> Result<bool, HistoryError> {
        Ok(self.names()?.last().is_some_and(|n| {
            n.trim_end_matches(SUFFIX)
                .rsplit('-')
                .next()
                .is_some_and(|h| sha256.starts_with(h))
        }))
    }

    /// Keeps `text` (a story file's text) as a version written by `by` at `at`, unless it is
    /// the newest version already. Returns the version kept.
    pub fn keep(
        &self,
        text: &str,
        by: &Signature,
        at: DateTime<Utc>,
    ) -> Result<Option<Version>, HistoryError> {
        self.keep_hashed(text, &sha256(text.as_bytes()), by, at)
    }

    /// [`History::keep`], with the text's hash.
    fn keep_hashed(
        &self,
        text: &str,
        hash: &str,
        by: &Signature,
        at: DateTime<Utc>,
    ) -> Result<Option<Version>, HistoryError> {
        if self.newest_is(hash)? {
            return Ok(None);
        }
        let article = format::from_bytes(text.as_bytes()).ok();
        let about = Version {
            id: String::new(),
            saved_by: by.name.clone(),
            saved_at: at,
            kind: by.kind,
            status: article.as_ref().map(|a| a.status).unwrap_or_default(),
            words: article.as_ref().map(words).unwrap_or_default(),
            sha256: hash.to_owned(),
            len: text.len() as u64,
            stored: 0,
        };
        let stored = Stored {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION.to_owned(),
            about: about.clone(),
            story: text.to_owned(),
        };
        let io_error = |path: &Path, source: io::Error| HistoryError::Io {
            path: path.to_path_buf(),
            doing: "written",
            outcome: "saved",
            source,
        };
        fs::create_dir_all(&self.dir).map_err(|e| io_error(&self.dir, e))?;
        let name = file_name(at, hash);
        let path = self.dir.join(&name);
        let json = serde_json::to_vec(&stored).map_err(|e| io_error(&path, io::Error::other(e)))?;
        let mut size = 0;
        atomic::write_with(&path, |file| {
            // The fastest level: a story's JSON still shrinks about three times, and keeping
            // a version costs a fraction of the default level's time.
            let mut gz = GzEncoder::new(file, Compression::fast());
            gz.write_all(&json)?;
            let file = gz.finish()?;
            size = file.metadata()?.len();
            Ok(())
        })
        .map_err(|e| io_error(&path, e))?;
        Ok(Some(Version {
            id: name.trim_end_matches(SUFFIX).to_owned(),
            stored: size,
            ..about
        }))
    }

    /// Removes versions beyond `policy` at `now`; returns how many went.
    pub fn prune(&self, policy: &Policy, now: DateTime<Utc>) -> Result<usize, HistoryError> {
        let names = self.names()?;
        let mut days = HashSet::new();
        let mut total: u64 = 0;
        let mut full = false;
        let mut removed = 0;
        for (i, name) in names.iter().rev().enumerate() {
            let path = self.dir.join(name);
            let size = fs::metadata(&path).map(|m| m.len()).unwrap_or_default();
            let at = saved_at(name);
            // newest of its day (names sort by time, and this walk goes newest first)
            let first_of_day = at.is_some_and(|t| days.insert(t.date_naive()));
            let recent = at.is_some_and(|t| now - t < policy.keep_all_for);
            full = full || (i > 0 && total + size > policy.cap_bytes);
            let keep = i == 0 || (!full && (recent || first_of_day));
            if keep {
                total += size;
            } else if fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}

/// When a version was written, from its file name.
fn saved_at(name: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(name.get(..19)?, "%Y%m%dT%H%M%S%.3f")
        .ok()
        .map(|t| t.and_utc())
}

/// A story written to its file, and what became of its history.
#[derive(Debug)]
pub struct Saved {
    /// The file's stamp as written.
    pub stamp: DiskStamp,
    /// The version kept, or why the history could not keep it (the story was saved).
    pub history: Result<Option<Version>, HistoryError>,
}

/// A story written to its file whose version is still to be kept: compressing and writing
/// it may happen on another thread, so a window's save waits only for the story's own write.
#[derive(Debug)]
pub struct Written {
    /// The file's stamp as written.
    pub stamp: DiskStamp,
    /// The version to keep.
    pub pending: Pending,
}

/// A version still to be kept in a story's history ([`Pending::keep`]).
#[derive(Debug)]
pub struct Pending {
    history: History,
    text: String,
    hash: String,
    by: Signature,
    at: DateTime<Utc>,
    /// What became of keeping the file that was there before, written outside Copydesk.
    outside: Result<(), HistoryError>,
}

impl Pending {
    /// Keeps the version (and prunes the history); the story is saved whatever this says.
    pub fn keep(self) -> Result<Option<Version>, HistoryError> {
        let Pending {
            history,
            text,
            hash,
            by,
            at,
            outside,
        } = self;
        outside
            .and_then(|()| {
                let kept = history.keep_hashed(&text, &hash, &by, at)?;
                history.prune(&Policy::default(), at)?;
                Ok(kept)
            })
            .map_err(HistoryError::after_save)
    }
}

/// Saves `article` to `path` atomically, like [`format::save_stamped`], and keeps the
/// version written in the story's history, signed by `by`.
pub fn save(path: &Path, article: &Article, by: &Signature) -> Result<Saved, SaveError> {
    let written = save_later(path, article, by, None)?;
    Ok(Saved {
        stamp: written.stamp,
        history: written.pending.keep(),
    })
}

/// Writes a story file's `text` to `path` atomically and keeps it in the history: first the
/// file there now, if the history lacks it (written outside Copydesk), then `text`.
pub fn write(path: &Path, text: &str, by: &Signature) -> Result<Saved, SaveError> {
    let written = write_later(path, text.to_owned(), by, None)?;
    Ok(Saved {
        stamp: written.stamp,
        history: written.pending.keep(),
    })
}

/// Saves `article` to `path` atomically, keeping first the file there now if the history
/// lacks it; the version written is left to [`Pending::keep`]. `known` is the stamp of the
/// file as the caller last read or wrote it: while the file's size and time still match it,
/// its hash is taken from it rather than by reading the file again.
pub fn save_later(
    path: &Path,
    article: &Article,
    by: &Signature,
    known: Option<&DiskStamp>,
) -> Result<Written, SaveError> {
    write_later(path, format::to_string(article)?, by, known)
}

/// Like [`save_later`], for a story file's text.
pub fn write_later(
    path: &Path,
    text: String,
    by: &Signature,
    known: Option<&DiskStamp>,
) -> Result<Written, SaveError> {
    let history = History::of(path);
    let hash = sha256(text.as_bytes());
    let outside = keep_outside(&history, path, &hash, known);
    atomic::write(path, text.as_bytes()).map_err(SaveError::Io)?;
    let meta = fs::metadata(path).ok();
    let stamp = DiskStamp::of_hashed(text.len(), hash.clone(), meta.as_ref());
    Ok(Written {
        stamp,
        pending: Pending {
            history,
            text,
            hash,
            by: by.clone(),
            at: Utc::now(),
            outside,
        },
    })
}

/// Keeps the story file at `path` as a version written outside Copydesk, when it is a story
/// the history does not have yet and not the text about to be written (`writing`, its hash):
/// that one is kept as the writer's.
fn keep_outside(
    history: &History,
    path: &Path,
    writing: &str,
    known: Option<&DiskStamp>,
) -> Result<(), HistoryError> {
    // The file as the caller knows it (same size and time): its hash without reading it.
    let unchanged = known.filter(|k| {
        fs::metadata(path).is_ok_and(|m| m.len() == k.len && m.modified().ok() == k.modified)
    });
    if let Some(k) = unchanged
        && (k.sha256 == writing || history.newest_is(&k.sha256)?)
    {
        return Ok(());
    }
    let Ok(bytes) = format::read_capped(path) else {
        return Ok(());
    };
    let hash = sha256(&bytes);
    if hash == writing || history.newest_is(&hash)? || format::from_bytes(&bytes).is_err() {
        return Ok(());
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Ok(());
    };
    let at = fs::metadata(path)
        .and_then(|m| m.modified())
        .map(DateTime::<Utc>::from)
        .unwrap_or_else(|_| Utc::now());
    history.keep(&text, &Signature::new("", Kind::Outside), at)?;
    Ok(())
}

#[cfg(test)]
mod tests;
