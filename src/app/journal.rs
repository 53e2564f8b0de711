//! The recovery journal: a copy of every open story with unsaved changes, kept on disk so a
//! crash, a kill or a power cut loses at most the last couple of seconds of typing.
//!
//! One entry per open story, in the per-user data folder (`recovery/` under it; see
//! [`default_dir`]): `ID.json` holds the story, the file it belongs to, the stamp of that
//! file when it was loaded or saved, and the time of the last change; `ID.lock` is held
//! locked (an OS file lock) by the process that owns the entry for as long as it runs. The OS
//! releases the lock when the process ends however it ends, so an entry whose lock can be
//! taken belongs to no running Copydesk: it is an orphan, offered for recovery on the next
//! start. Any number of Copydesk processes may run at once; each writes only its own entries
//! and never touches an entry another live process holds.
//!
//! The journal's thread keeps its own copy of the story: the window sends it each edit as
//! it is applied (a typed letter is a few bytes), and the thread writes the entry atomically
//! (see `copydesk_core::format::atomic`) [`WRITE_DELAY`] after the last change, and at most
//! [`MAX_WAIT`] after the first change it has not written. Typing never waits for the disk,
//! no frame copies the story, and the writes happen whether or not the window is painting
//! (hidden, minimised, waiting on a dialog). A clean save or a deliberate Don't Save removes
//! the entry.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use copydesk_core::article::Article;
use copydesk_core::compare::{self, Summary};
use copydesk_core::edit::Edit;
use copydesk_core::format::{self, DiskStamp};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::out_of_step::OutOfStep;

/// The journal writes this long after the last change…
pub const WRITE_DELAY: Duration = Duration::from_millis(800);
/// …and never later than this after the first change it has not written.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

/// The `format` value of a journal entry file.
const ENTRY_FORMAT: &str = "copydesk-recovery";
/// Set to a folder to keep the journal there instead of the user's data folder (tests, and
/// several test runs side by side).
pub const DIR_VARIABLE: &str = "COPYDESK_DATA_DIR";

/// The folder the journal lives in: `$COPYDESK_DATA_DIR/recovery`, else the platform's
/// per-user data folder (`~/.local/share/copydesk/recovery` on Linux,
/// `%APPDATA%\Copydesk\data\recovery` on Windows, `~/Library/Application
/// Support/org.copydesk.Copydesk/recovery` on macOS). `None` where there is no home folder.
pub fn default_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VARIABLE) {
        return Some(PathBuf::from(dir).join("recovery"));
    }
    directories::ProjectDirs::from("org", "copydesk", "Copydesk")
        .map(|d| d.data_dir().join("recovery"))
}

/// An entry as stored.
#[derive(Debug, Serialize, Deserialize)]
struct EntryFile {
    format: String,
    /// The story's file, if it has one.
    path: Option<PathBuf>,
    /// The file as it was when the story was loaded or last saved.
    disk: Option<DiskStamp>,
    /// When the story last changed.
    changed: DateTime<Utc>,
    /// The process that wrote the entry (for people reading the folder).
    pid: u32,
    /// The story, as its file would hold it.
    story: Value,
}

/// Where a story stands, as the journal needs it: its file, that file's stamp, and whether
/// the story has changes not in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Standing {
    /// The story's file.
    pub path: Option<PathBuf>,
    /// The file's stamp when loaded or saved.
    pub disk: Option<DiskStamp>,
    /// Whether the story has unsaved changes (only then is it kept).
    pub dirty: bool,
}

/// An entry left by a process that is no longer running.
#[derive(Debug)]
pub struct Orphan {
    /// The entry's name in the journal folder.
    pub id: String,
    /// The story as it was at the last write.
    pub article: Article,
    /// The file it belongs to, if any.
    pub path: Option<PathBuf>,
    /// The file's stamp when the story was loaded or last saved.
    pub disk: Option<DiskStamp>,
    /// When the story last changed.
    pub changed: DateTime<Utc>,
    /// How it differs from the saved file; `None` for a story never saved (or whose file
    /// is gone or unreadable).
    pub against_file: Option<Summary>,
    lock: File,
}

enum Job {
    /// The story as it now is, whole (opened, restored, replaced).
    Story(Box<Article>),
    /// An edit applied to the story.
    Edit(Box<Edit>),
    /// Where the story stands now.
    Standing(Standing),
    /// The entry file to write, or none (the entry was removed).
    Entry(Option<PathBuf>),
    /// Remove these files.
    Remove(Vec<PathBuf>),
    /// Write anything pending now, then answer.
    Flush(Sender<()>),
}

/// The entry this process writes for its open story.
struct Own {
    id: String,
    /// Held locked while the entry is ours.
    _lock: File,
}

/// This process's side of the journal.
pub struct Journal {
    dir: PathBuf,
    jobs: Sender<Job>,
    worker: Option<JoinHandle<()>>,
    own: Option<Own>,
    standing: Standing,
    /// Raised when the writer's copy could not follow an edit.
    out_of_step: OutOfStep,
}

impl Journal {
    /// Opens (and creates) the journal in `dir`, with a writer thread.
    pub fn open(dir: &Path) -> io::Result<Journal> {
        fs::create_dir_all(dir)?;
        let (jobs, rx) = mpsc::channel();
        let out_of_step = OutOfStep::default();
        let writer = Writer {
            out_of_step: out_of_step.clone(),
            ..Writer::default()
        };
        let worker = std::thread::Builder::new()
            .name("copydesk-journal".into())
            .spawn(move || writer.run(&rx))?;
        Ok(Journal {
            dir: dir.to_path_buf(),
            jobs,
            worker: Some(worker),
            own: None,
            standing: Standing::default(),
            out_of_step,
        })
    }

    /// The folder of the journal.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn json_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.json"))
    }

    fn lock_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    /// Takes the lock of entry `id`: `Ok(None)` when a live process holds it.
    fn try_lock(&self, id: &str) -> io::Result<Option<File>> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.lock_path(id))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(e),
        }
    }

    fn send(&self, job: Job) {
        // The writer ends only when the journal is dropped.
        let _ = self.jobs.send(job);
    }

    /// The story now open, whole: after opening, replacing or restoring one.
    pub fn reset(&mut self, article: &Article) {
        self.send(Job::Story(Box::new(article.clone())));
    }

    /// An edit just applied to the open story.
    pub fn edit(&mut self, edit: Edit) {
        self.send(Job::Edit(Box::new(edit)));
    }

    /// Where the open story stands; sent to the writer only when it changed. The first time
    /// the story has unsaved changes, its entry is made (and its lock taken); when it has
    /// none any more, the entry is removed.
    pub fn stand(&mut self, standing: Standing) -> io::Result<()> {
        if standing == self.standing {
            return Ok(());
        }
        if standing.dirty && self.own.is_none() {
            let id = uuid::Uuid::new_v4().to_string();
            let lock = self
                .try_lock(&id)?
                .ok_or_else(|| io::Error::other("a new journal entry is locked already"))?;
            self.send(Job::Entry(Some(self.json_path(&id))));
            self.own = Some(Own { id, _lock: lock });
        }
        let clean = !standing.dirty;
        self.standing = standing.clone();
        self.send(Job::Standing(standing));
        if clean {
            self.clear();
        }
        Ok(())
    }

    /// Whether the writer's copy fell out of step with the story since the last call (the
    /// session then sends the whole story again with [`Self::reset`]).
    pub fn out_of_step(&self) -> bool {
        self.out_of_step.take()
    }

    /// Whether this process has an entry now.
    pub fn has_entry(&self) -> bool {
        self.own.is_some()
    }

    /// Removes this process's entry (the story was saved, or its changes thrown away).
    pub fn clear(&mut self) {
        self.standing.dirty = false;
        if let Some(own) = self.own.take() {
            self.send(Job::Entry(None));
            self.send(Job::Remove(vec![
                self.json_path(&own.id),
                self.lock_path(&own.id),
            ]));
            self.flush();
            // The lock goes after the files.
            drop(own);
        }
    }

    /// Waits until every change sent so far is on disk, writing it now if it was waiting.
    pub fn flush(&self) {
        let (tx, rx) = mpsc::channel();
        self.send(Job::Flush(tx));
        let _ = rx.recv();
    }

    /// The entries of processes that are no longer running. Their locks are taken, so no
    /// other Copydesk offers them at the same time; an entry identical to its saved file is
    /// removed quietly (it was saved just before the crash).
    pub fn orphans(&mut self) -> Vec<Orphan> {
        let Ok(read) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for entry in read.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(id) = name.strip_suffix(".json") else {
                continue;
            };
            if self.own.as_ref().is_some_and(|o| o.id == id) {
                continue;
            }
            let Ok(Some(lock)) = self.try_lock(id) else {
                continue;
            };
            match self.read_entry(id, lock) {
                Some(orphan) if orphan.against_file.as_ref().is_some_and(Summary::is_empty) => {
                    self.discard(orphan);
                }
                Some(orphan) => out.push(orphan),
                None => {}
            }
        }
        out.sort_by_key(|o| std::cmp::Reverse(o.changed));
        out
    }

    fn read_entry(&self, id: &str, lock: File) -> Option<Orphan> {
        let bytes = fs::read(self.json_path(id)).ok()?;
        let file: EntryFile = serde_json::from_slice(&bytes).ok()?;
        if file.format != ENTRY_FORMAT {
            return None;
        }
        let article = format::from_value(file.story).ok()?;
        let against_file = file
            .path
            .as_deref()
            .and_then(|p| format::load(p).ok())
            .map(|saved| compare::summary(&article, &saved));
        Some(Orphan {
            id: id.to_owned(),
            article,
            path: file.path,
            disk: file.disk,
            changed: file.changed,
            against_file,
            lock,
        })
    }

    /// Makes `orphan` this process's entry: the restored story (sent with [`Journal::reset`]
    /// and [`Journal::stand`]) goes on being kept there. Any entry this process had is
    /// removed first.
    pub fn adopt(&mut self, orphan: Orphan) {
        self.clear();
        self.send(Job::Entry(Some(self.json_path(&orphan.id))));
        self.own = Some(Own {
            id: orphan.id,
            _lock: orphan.lock,
        });
    }

    /// Takes the entry `id` if no running Copydesk holds it (a new window asked to restore it).
    pub fn claim_named(&mut self, id: &str) -> Result<Orphan, Unclaimed> {
        // An id comes from the command line: only an entry's own name is looked for, never
        // a path out of the journal's folder.
        let named = !id.is_empty()
            && id.len() <= 64
            && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !named || !self.json_path(id).is_file() {
            return Err(Unclaimed::Gone);
        }
        match self.try_lock(id) {
            Ok(Some(lock)) => self.read_entry(id, lock).ok_or(Unclaimed::Gone),
            Ok(None) => Err(Unclaimed::Held),
            Err(_) => Err(Unclaimed::Gone),
        }
    }

    /// Deletes `orphan` for good: the user threw its changes away.
    pub fn discard(&mut self, orphan: Orphan) {
        let paths = vec![self.json_path(&orphan.id), self.lock_path(&orphan.id)];
        self.send(Job::Remove(paths));
        self.flush();
        drop(orphan.lock);
    }
}

/// Why [`Journal::claim_named`] could not take an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unclaimed {
    /// A running Copydesk holds it: its window has the story open.
    Held,
    /// There is no such entry (restored and saved, or discarded, by another window), or it
    /// cannot be read.
    Gone,
}

impl Drop for Journal {
    fn drop(&mut self) {
        // A window that closes writes what was waiting; one that is killed cannot, which is
        // why the writer does not wait long.
        self.flush();
        let (dead, _) = mpsc::channel();
        self.jobs = dead;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// The writer thread's state: its copy of the story and what is waiting to be written.
#[derive(Default)]
struct Writer {
    story: Option<Article>,
    standing: Standing,
    entry: Option<PathBuf>,
    /// The first unwritten change and the last change, while something waits to be written.
    waiting: Option<(Instant, Instant)>,
    changed: Option<DateTime<Utc>>,
    out_of_step: OutOfStep,
}

impl Writer {
    fn run(mut self, jobs: &Receiver<Job>) {
        loop {
            let job = match self.waiting {
                None => jobs.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some((first, last)) => {
                    let due = (last + WRITE_DELAY).min(first + MAX_WAIT);
                    jobs.recv_timeout(due.saturating_duration_since(Instant::now()))
                }
            };
            match job {
                Ok(job) => self.take(job),
                Err(RecvTimeoutError::Timeout) => self.write(),
                Err(RecvTimeoutError::Disconnected) => {
                    self.write();
                    return;
                }
            }
        }
    }

    fn changed_now(&mut self) {
        let now = Instant::now();
        self.changed = Some(Utc::now());
        self.waiting = Some(match self.waiting {
            Some((first, _)) => (first, now),
            None => (now, now),
        });
    }

    fn take(&mut self, job: Job) {
        match job {
            Job::Story(a) => {
                self.story = Some(*a);
                self.changed_now();
            }
            Job::Edit(e) => {
                if let Some(story) = self.story.as_mut() {
                    // The same edit on the same story applies, as it did in the window. If it
                    // ever did not, the copy is not the story any more: nothing is written
                    // from it (the entry keeps the last good copy) until the whole story
                    // comes again.
                    match e.apply(story) {
                        Ok(_) => self.changed_now(),
                        Err(error) => {
                            self.story = None;
                            self.out_of_step.raise("recovery journal's", &error);
                        }
                    }
                }
            }
            Job::Standing(s) => {
                self.standing = s;
                self.changed_now();
            }
            Job::Entry(path) => self.entry = path,
            Job::Remove(paths) => {
                self.waiting = None;
                for p in paths {
                    let _ = fs::remove_file(p);
                }
            }
            Job::Flush(done) => {
                self.write();
                let _ = done.send(());
            }
        }
    }

    /// Writes the entry if something waits and the story has unsaved changes.
    fn write(&mut self) {
        if self.waiting.take().is_none() || !self.standing.dirty {
            return;
        }
        let (Some(path), Some(story)) = (&self.entry, &self.story) else {
            return;
        };
        if let Err(e) = write_entry(
            path,
            story,
            &self.standing,
            self.changed.unwrap_or_else(Utc::now),
        ) {
            eprintln!(
                "copydesk: could not write the recovery copy {}: {e}",
                path.display()
            );
        }
    }
}

/// Writes one entry atomically.
fn write_entry(
    path: &Path,
    article: &Article,
    standing: &Standing,
    changed: DateTime<Utc>,
) -> io::Result<()> {
    let story: Value = serde_json::from_str(
        &format::to_string(article).map_err(|e| io::Error::other(e.to_string()))?,
    )?;
    let file = EntryFile {
        format: ENTRY_FORMAT.to_owned(),
        path: standing.path.clone(),
        disk: standing.disk.clone(),
        changed,
        pid: std::process::id(),
        story,
    };
    let bytes = serde_json::to_vec(&file)?;
    format::atomic::write(path, &bytes)
}

/// Reads an entry file back into its story (for tests and the crash test).
pub fn read_entry_story(path: &Path) -> Option<Article> {
    let bytes = fs::read(path).ok()?;
    let file: EntryFile = serde_json::from_slice(&bytes).ok()?;
    format::from_value(file.story).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps a story with `headline` in journal `j`, as a window with unsaved changes does.
    fn keep(j: &mut Journal, headline: &str, path: Option<PathBuf>) {
        let mut article = Article::new();
        article.headline = headline.into();
        j.reset(&article);
        j.stand(Standing {
            path,
            disk: None,
            dirty: true,
        })
        .unwrap();
        j.flush();
    }

    #[test]
    fn a_live_entry_is_not_an_orphan_and_a_dropped_one_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Journal::open(dir.path()).unwrap();
        keep(&mut a, "Mine", None);
        let mut b = Journal::open(dir.path()).unwrap();
        assert!(
            b.orphans().is_empty(),
            "a's entry is held by a live journal"
        );
        drop(a); // a process that ends without a clean exit leaves its entry
        let orphans = b.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].article.headline, "Mine");
        assert!(orphans[0].against_file.is_none(), "never saved");
        // while b holds it, a third journal does not see it
        let mut c = Journal::open(dir.path()).unwrap();
        assert!(c.orphans().is_empty());
        b.discard(orphans.into_iter().next().unwrap());
        assert!(c.orphans().is_empty());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "nothing left");
    }

    #[test]
    fn an_entry_asked_for_by_name_is_taken_or_said_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Journal::open(dir.path()).unwrap();
        keep(&mut a, "Mine", None);
        let id = a.own.as_ref().unwrap().id.clone();
        let mut b = Journal::open(dir.path()).unwrap();
        assert_eq!(
            b.claim_named(&id).err(),
            Some(Unclaimed::Held),
            "a is running"
        );
        drop(a);
        let mut c = Journal::open(dir.path()).unwrap();
        let orphan = c.claim_named(&id).unwrap();
        assert_eq!(orphan.article.headline, "Mine");
        assert_eq!(
            b.claim_named(&id).err(),
            Some(Unclaimed::Held),
            "c has it now"
        );
        c.discard(orphan);
        assert_eq!(b.claim_named(&id).err(), Some(Unclaimed::Gone));
        // a name from the command line is never a path out of the folder
        let outside = dir.path().join("outside");
        fs::create_dir(&outside).unwrap();
        fs::write(outside.join("x.json"), "{}").unwrap();
        for name in ["../outside/x", "", "a/b", &"f".repeat(65)] {
            assert_eq!(b.claim_named(name).err(), Some(Unclaimed::Gone), "{name:?}");
        }
        assert_eq!(
            fs::read_dir(&outside).unwrap().count(),
            1,
            "no lock made there"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only `outside`"
        );
    }

    #[test]
    fn edits_reach_the_entry_without_a_flush_within_the_delay() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Journal::open(dir.path()).unwrap();
        keep(&mut a, "One", None);
        a.edit(Edit::SetText(
            copydesk_core::field::TextField::Headline,
            "Two".into(),
        ));
        let entry = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
            .unwrap();
        assert_eq!(read_entry_story(&entry).unwrap().headline, "One", "not yet");
        std::thread::sleep(WRITE_DELAY + Duration::from_millis(400));
        assert_eq!(read_entry_story(&entry).unwrap().headline, "Two");
    }

    #[test]
    fn clearing_removes_the_entry() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Journal::open(dir.path()).unwrap();
        keep(&mut a, "x", None);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        a.clear();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert!(!a.has_entry());
    }

    #[test]
    fn an_entry_the_same_as_its_file_is_dropped_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let story = dir.path().join("story.json");
        let mut saved = Article::new();
        saved.headline = "Saved".into();
        format::save(&story, &saved).unwrap();
        let journal_dir = dir.path().join("j");
        let mut a = Journal::open(&journal_dir).unwrap();
        keep(&mut a, "Saved", Some(story.clone()));
        drop(a); // ends without clearing, as a crash would
        let mut b = Journal::open(&journal_dir).unwrap();
        assert!(b.orphans().is_empty());
        // an entry with changes against its file is offered, with how it differs
        let mut c = Journal::open(&journal_dir).unwrap();
        keep(&mut c, "Saved and changed", Some(story));
        drop(c);
        let orphans = b.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(
            orphans[0].against_file.as_ref().unwrap().describe(),
            "+2 words; headline"
        );
    }
}
