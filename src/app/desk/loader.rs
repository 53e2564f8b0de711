//! The desk's background thread: it walks the folder, reads and checks every story, watches
//! the folder for changes and reads again what changed, and sends rows to the window. The
//! window thread never reads a story file for the table.
//!
//! **Reading.** The first walk reads the newest files first, on [`desk::reading_threads`]
//! threads, and sends rows in batches: the first as soon as a few are ready, then at most
//! every [`BATCH_EVERY`], so the table fills quickly without a frame per row.
//!
//! **Watching.** The folder and the subfolders listed are watched (not recursively: a `.git`
//! folder beside the stories would cost thousands of watches). An event for a story file reads
//! that file again, once the events of one save (several, when a file is renamed into place)
//! have stopped for [`SETTLE`]; an event for a folder walks the whole folder again, which reads
//! only files whose size or time changed. The folder is also walked every [`POLL`] (and when
//! the window asks, on focus), for shares whose changes the system does not report.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::Utc;
use copydesk_core::desk::{self, Row};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// A batch of rows is sent at least this often while a folder is read.
pub const BATCH_EVERY: Duration = Duration::from_millis(60);
/// Rows in the first batch: enough to fill the top of the table.
const FIRST_BATCH: usize = 40;
/// Events closer together than this are one change.
pub const SETTLE: Duration = Duration::from_millis(120);
/// The folder is walked again this often, for changes no event reported.
pub const POLL: Duration = Duration::from_secs(10);
/// ... and this often when the folder cannot be watched at all.
pub const POLL_UNWATCHED: Duration = Duration::from_secs(2);

/// What the window asks of the thread.
#[derive(Debug)]
pub(super) enum ToLoader {
    /// These paths may have changed (from the watcher).
    Changed(Vec<PathBuf>),
    /// Walk the folder again (the window got the focus back; the watcher lost events).
    Rescan,
    /// The desk closed.
    Stop,
}

/// What the thread tells the window.
#[derive(Debug)]
pub(super) enum FromLoader {
    /// The folder was walked: how many files may be stories, what could not be read.
    Scanned {
        /// Candidate files found.
        found: usize,
        /// Subfolders that could not be read, with why.
        unreadable: Vec<(PathBuf, String)>,
        /// The walk stopped at its limit.
        truncated: bool,
    },
    /// New or changed rows.
    Rows(Vec<Row>),
    /// New or changed posts of a site: their rows, and the stories they were read as.
    Posts(Vec<(Row, Box<copydesk_core::article::Article>)>),
    /// Files that are no longer stories in the folder (deleted, moved, not stories any more).
    Gone(Vec<PathBuf>),
    /// Every file of a walk has been read.
    Complete,
    /// The folder itself cannot be read, in plain words.
    Failed(String),
    /// Whether the folder is watched for changes (false: only looked at every few seconds).
    Watching(bool),
}

/// The window's end of the thread: dropping it stops the thread.
pub(super) struct Loader {
    pub(super) to: Sender<ToLoader>,
    pub(super) from: Receiver<FromLoader>,
}

impl Loader {
    /// Starts reading `folder` (down to `depth`); `wake` is called whenever something was
    /// sent, from the thread.
    pub(super) fn start(folder: PathBuf, depth: usize, wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (to, inbox) = mpsc::channel();
        let (outbox, from) = mpsc::channel();
        let events = to.clone();
        let spawned = std::thread::Builder::new()
            .name("copydesk-desk".into())
            .spawn(move || {
                let mut thread = Thread {
                    folder,
                    depth,
                    known: HashMap::new(),
                    out: outbox,
                    wake,
                    watcher: None,
                    watched: HashSet::new(),
                    reported: None,
                };
                thread.watcher = thread.make_watcher(events);
                thread.run(&inbox);
            });
        if let Err(e) = spawned {
            // No thread: say so through the channel the window reads.
            let (outbox, from) = mpsc::channel();
            let _ = outbox.send(FromLoader::Failed(format!(
                "the desk could not start reading the folder ({e}); close other programs and open the folder again"
            )));
            return Loader { to, from };
        }
        Loader { to, from }
    }

    /// Asks for the folder to be walked again.
    pub(super) fn rescan(&self) {
        let _ = self.to.send(ToLoader::Rescan);
    }
}

impl Drop for Loader {
    fn drop(&mut self) {
        let _ = self.to.send(ToLoader::Stop);
    }
}

/// What the thread knows of a file: its size and time when last read, and whether it was a
/// story (a row) then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    len: u64,
    modified: Option<SystemTime>,
    listed: bool,
}

struct Thread {
    folder: PathBuf,
    depth: usize,
    known: HashMap<PathBuf, Known>,
    out: Sender<FromLoader>,
    wake: Arc<dyn Fn() + Send + Sync>,
    watcher: Option<RecommendedWatcher>,
    watched: HashSet<PathBuf>,
    /// Whether the window was last told the folder is watched.
    reported: Option<bool>,
}

impl Thread {
    fn send(&self, message: FromLoader) {
        let _ = self.out.send(message);
        (self.wake)();
    }

    fn make_watcher(&self, events: Sender<ToLoader>) -> Option<RecommendedWatcher> {
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let message = match event {
                // Reading a file (the thread's own reads) is not a change.
                Ok(e) if matches!(e.kind, notify::EventKind::Access(_)) => return,
                Ok(e) => ToLoader::Changed(e.paths),
                // Events were lost (too many at once): walk the folder.
                Err(_) => ToLoader::Rescan,
            };
            let _ = events.send(message);
        });
        watcher.ok()
    }

    fn run(&mut self, inbox: &Receiver<ToLoader>) {
        self.walk();
        loop {
            let poll = if self.watched.is_empty() {
                POLL_UNWATCHED
            } else {
                POLL
            };
            match inbox.recv_timeout(poll) {
                Ok(ToLoader::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                Ok(ToLoader::Rescan) | Err(RecvTimeoutError::Timeout) => self.walk(),
                Ok(ToLoader::Changed(paths)) => {
                    let mut changed: HashSet<PathBuf> = paths.into_iter().collect();
                    let mut rescan = false;
                    // A save is several events (the temporary file, the rename): take them
                    // all, then look once.
                    let until = Instant::now() + SETTLE;
                    loop {
                        let left = until.saturating_duration_since(Instant::now());
                        match inbox.recv_timeout(left) {
                            Ok(ToLoader::Changed(more)) => changed.extend(more),
                            Ok(ToLoader::Rescan) => rescan = true,
                            Ok(ToLoader::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                            Err(RecvTimeoutError::Timeout) => break,
                        }
                    }
                    if rescan || changed.iter().any(|p| self.is_folder_event(p)) {
                        self.walk();
                    } else {
                        self.refresh(changed);
                    }
                }
            }
        }
    }

    /// Whether an event for `path` means the folders changed: a folder appeared, or a
    /// watched one went.
    fn is_folder_event(&self, path: &Path) -> bool {
        !desk::is_candidate(path) && (self.watched.contains(path) || path.is_dir())
    }

    /// Reads again the story files among `paths` that changed.
    fn refresh(&mut self, paths: HashSet<PathBuf>) {
        let mut rows = Vec::new();
        let mut gone = Vec::new();
        for path in paths {
            if !desk::is_candidate(&path) || !self.inside(&path) {
                continue;
            }
            let meta = std::fs::metadata(&path).ok().filter(|m| m.is_file());
            let Some(meta) = meta else {
                if self.known.remove(&path).is_some_and(|k| k.listed) {
                    gone.push(path);
                }
                continue;
            };
            let now = Known {
                len: meta.len(),
                modified: meta.modified().ok(),
                listed: false,
            };
            if self
                .known
                .get(&path)
                .is_some_and(|k| k.len == now.len && k.modified == now.modified)
            {
                continue;
            }
            match desk::read_row(&self.folder, &path, Utc::now()) {
                Some(row) => {
                    self.known.insert(
                        path,
                        Known {
                            listed: true,
                            ..now
                        },
                    );
                    rows.push(row);
                }
                None => {
                    if self
                        .known
                        .insert(path.clone(), now)
                        .is_some_and(|k| k.listed)
                    {
                        gone.push(path);
                    }
                }
            }
        }
        if !gone.is_empty() {
            self.send(FromLoader::Gone(gone));
        }
        if !rows.is_empty() {
            self.send(FromLoader::Rows(rows));
        }
    }

    /// Whether `path` is in a folder the desk lists (not deeper than its depth).
    fn inside(&self, path: &Path) -> bool {
        path.parent()
            .is_some_and(|p| self.watched.contains(p) || p == self.folder)
    }

    /// Walks the folder; reads new files and files whose size or time changed, newest first;
    /// says which went; watches the folders found.
    fn walk(&mut self) {
        let scan = match desk::scan(&self.folder, self.depth) {
            Ok(s) => s,
            Err(e) => {
                self.send(FromLoader::Failed(e.to_string()));
                return;
            }
        };
        self.send(FromLoader::Scanned {
            found: scan.files.len(),
            unreadable: scan.unreadable.clone(),
            truncated: scan.truncated,
        });
        self.watch(&scan.folders);
        let present: HashSet<&Path> = scan.files.iter().map(|c| c.path.as_path()).collect();
        let gone: Vec<PathBuf> = self
            .known
            .iter()
            .filter(|(p, _)| !present.contains(p.as_path()))
            .filter(|(_, k)| k.listed)
            .map(|(p, _)| p.clone())
            .collect();
        self.known.retain(|p, _| present.contains(p.as_path()));
        if !gone.is_empty() {
            self.send(FromLoader::Gone(gone));
        }
        let mut todo: Vec<&desk::Candidate> = scan
            .files
            .iter()
            .filter(|c| {
                self.known
                    .get(&c.path)
                    .is_none_or(|k| k.len != c.len || k.modified != c.modified)
            })
            .collect();
        todo.sort_by_key(|c| std::cmp::Reverse(c.modified));
        let paths: Vec<PathBuf> = todo.iter().map(|c| c.path.clone()).collect();
        let found: HashMap<&Path, &desk::Candidate> =
            todo.iter().map(|c| (c.path.as_path(), *c)).collect();
        let batch = Mutex::new(Batch {
            rows: Vec::new(),
            read: Vec::new(),
            sent_at: Instant::now(),
            first: true,
        });
        let out = self.out.clone();
        let wake = self.wake.clone();
        let flush = |b: &mut Batch| {
            if !b.rows.is_empty() {
                let _ = out.send(FromLoader::Rows(std::mem::take(&mut b.rows)));
                wake();
            }
            b.sent_at = Instant::now();
            b.first = false;
        };
        desk::read_each(
            &self.folder,
            &paths,
            Utc::now(),
            desk::reading_threads(),
            &|path, row| {
                let Ok(mut b) = batch.lock() else {
                    return;
                };
                b.read.push((path.to_path_buf(), row.is_some()));
                if let Some(row) = row {
                    b.rows.push(row);
                }
                let due = if b.first {
                    b.rows.len() >= FIRST_BATCH
                } else {
                    b.sent_at.elapsed() >= BATCH_EVERY
                };
                if due {
                    flush(&mut b);
                }
            },
        );
        let mut b = batch.into_inner().unwrap_or_else(|e| e.into_inner());
        flush(&mut b);
        let mut gone = Vec::new();
        for (path, listed) in b.read {
            let Some(c) = found.get(path.as_path()) else {
                continue;
            };
            let before = self.known.insert(
                path.clone(),
                Known {
                    len: c.len,
                    modified: c.modified,
                    listed,
                },
            );
            if !listed && before.is_some_and(|k| k.listed) {
                gone.push(path);
            }
        }
        if !gone.is_empty() {
            self.send(FromLoader::Gone(gone));
        }
        self.send(FromLoader::Complete);
    }

    /// Watches `folders` (and stops watching folders no longer there); tells the window
    /// when whether the folder is watched changes.
    fn watch(&mut self, folders: &[PathBuf]) {
        if let Some(w) = self.watcher.as_mut() {
            let now: HashSet<PathBuf> = folders.iter().cloned().collect();
            for gone in self.watched.difference(&now) {
                let _ = w.unwatch(gone);
            }
            self.watched.retain(|p| now.contains(p));
            for f in folders {
                if !self.watched.contains(f) && w.watch(f, RecursiveMode::NonRecursive).is_ok() {
                    self.watched.insert(f.clone());
                }
            }
        }
        let watching = !self.watched.is_empty();
        if self.reported != Some(watching) {
            self.reported = Some(watching);
            self.send(FromLoader::Watching(watching));
        }
    }
}

struct Batch {
    rows: Vec<Row>,
    /// Every file read, and whether it was a story.
    read: Vec<(PathBuf, bool)>,
    sent_at: Instant,
    first: bool,
}
