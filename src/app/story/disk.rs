//! A story session's way to its file and back: atomic saves that never write over a version
//! someone else saved meanwhile without asking, the watch that notices their saves, and the
//! recovery journal's standing (kept while there are unsaved changes, removed by a clean
//! save or a deliberate Don't Save).
//!
//! Changed on disk with no local edits: their version is taken, as an edit undo can take
//! back. Changed with local edits: [`Story::disk_change`] is set and the window shows a bar
//! (Reload, Keep mine, Compare); Save asks before overwriting. Deleted: said so; Save puts it
//! back.

use std::path::{Path, PathBuf};

use chrono::Local;
use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::format::{self, DiskStamp, DiskState, SaveError};
use copydesk_core::versions::{self, Kind, Signature, Written};

use super::keeper::Keeper;

use super::Story;
use crate::app::journal::Standing;
use crate::app::watch::FileWatch;

/// The story's file, changed on disk by someone else while the story has unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum DiskChange {
    /// The file now holds another version of the story.
    Changed {
        /// Their version.
        theirs: Box<Article>,
        /// The file's stamp now.
        stamp: DiskStamp,
    },
    /// The file holds something that is not a story any more (cut short, broken).
    Unreadable(String),
    /// The file was deleted or moved away.
    Missing,
}

/// What became of a save.
#[derive(Debug)]
pub enum SaveOutcome {
    /// The story is in its file.
    Saved,
    /// Someone else changed the file since it was loaded or saved: nothing was written;
    /// ask whether to overwrite their version.
    ChangedOnDisk,
    /// The write failed; the old file is as it was and the changes are still unsaved.
    Failed(SaveError),
}

impl Story {
    /// Saves to `path` (the story's own file, or a new one for Save As). Asks first (returns
    /// [`SaveOutcome::ChangedOnDisk`]) when `path` is the story's own file and someone else
    /// changed it; [`Story::write_to`] writes whatever is there.
    pub fn save_to(&mut self, path: &Path) -> SaveOutcome {
        if self.changed_on_disk(path) {
            return SaveOutcome::ChangedOnDisk;
        }
        self.write_to(path)
    }

    /// Writes the story to `path` atomically, whatever the file holds now.
    /// The version written is kept in the story's history, signed with the kit's name; a
    /// history that cannot keep it does not stop the save ([`Story::take_history_problem`]).
    pub fn write_to(&mut self, path: &Path) -> SaveOutcome {
        let kind = self.next_save_kind.take().unwrap_or(Kind::Save);
        let by = Signature::new(self.signer.name(), kind);
        // The last save's version first: otherwise this save would find that version's file
        // missing from the history and keep it as written outside Copydesk.
        self.flush_history();
        // The session's stamp of its own file spares reading it again to check the history.
        let known = self
            .disk
            .as_ref()
            .filter(|_| self.path.as_deref() == Some(path));
        match versions::save_later(path, &self.article, &by, known) {
            Ok(Written { stamp, pending }) => {
                // The version is kept on the keeper's thread; a problem comes back later.
                let keeper = self
                    .keeper
                    .get_or_insert_with(|| Keeper::start(self.waker.as_fn()));
                self.history_problem = keeper.keep(pending);
                let moved = self.path.as_deref() != Some(path);
                self.path = Some(path.to_path_buf());
                self.saved_revision = Some(self.history.revision());
                self.last_saved = Some(Local::now());
                self.disk = Some(stamp);
                self.disk_change = None;
                self.clear_journal();
                if moved {
                    self.watch_file();
                }
                SaveOutcome::Saved
            }
            Err(e) => SaveOutcome::Failed(e),
        }
    }

    /// The file's stamp when the story was loaded or last saved.
    pub fn disk(&self) -> Option<&DiskStamp> {
        self.disk.as_ref()
    }

    /// Whether the file at `path` (the story's own) changed since it was loaded or saved.
    pub fn changed_on_disk(&self, path: &Path) -> bool {
        if self.path.as_deref() != Some(path) {
            return false;
        }
        self.disk
            .as_ref()
            .is_some_and(|d| matches!(d.check(path), Ok(DiskState::Changed(..))))
    }

    /// Watches the story's file (replacing any earlier watch).
    pub(in crate::app) fn watch_file(&mut self) {
        self.watch = None;
        if let Some(p) = &self.path {
            // No watch (too many watches, a network folder that cannot be watched) is not an
            // error: the file is still looked at when the window gets the focus back.
            self.watch = FileWatch::new(p, self.waker.as_fn()).ok();
        }
    }

    /// Once a frame: looks at the file if its watch saw a change, and tells the journal
    /// where the story stands. Returns news for the status bar, if any (their version was
    /// taken; a recovery copy could not be kept).
    pub fn tick(&mut self) -> Option<String> {
        self.resync_copies();
        let mut news = None;
        if self.watch.as_ref().is_some_and(FileWatch::take_changed) {
            news = self.check_disk();
        }
        if let Err(e) = self.sync_journal() {
            news = Some(e);
        }
        news
    }

    /// Tells the journal the story's file, stamp and whether it has unsaved changes; on
    /// failure says why in a sentence for the status bar.
    pub(in crate::app) fn sync_journal(&mut self) -> Result<(), String> {
        let standing = Standing {
            path: self.path.clone(),
            disk: self.disk.clone(),
            dirty: self.is_dirty(),
        };
        match self.journal.as_mut() {
            Some(j) => j.stand(standing).map_err(|e| {
                format!("Could not keep a recovery copy ({e}); save the story to be safe.")
            }),
            None => Ok(()),
        }
    }

    /// Removes this story's journal entry (saved, or its changes thrown away).
    pub(in crate::app) fn clear_journal(&mut self) {
        if let Some(j) = self.journal.as_mut() {
            j.clear();
        }
    }

    /// The user chose Don't Save and is closing the story: its entry goes, and nothing more
    /// is journaled for it (the changes still on screen are not kept for the next run).
    pub fn forget_journal(&mut self) {
        self.clear_journal();
        self.journal = None;
    }

    /// Waits until the journal's writes are on disk (tests; the window does not wait).
    pub fn flush_journal(&self) {
        if let Some(j) = &self.journal {
            j.flush();
        }
    }

    /// Whether the journal holds an entry for this story now.
    pub fn journaled(&self) -> bool {
        self.journal.as_ref().is_some_and(|j| j.has_entry())
    }

    /// Looks at the story's file: takes their version if someone changed it and there are
    /// no local edits (returning news for the status bar); otherwise sets
    /// [`Story::disk_change`] for the window's bar.
    pub fn check_disk(&mut self) -> Option<String> {
        let (Some(path), Some(stamp)) = (self.path.clone(), self.disk.clone()) else {
            return None;
        };
        // Their version is on screen already and the file has not moved on: nothing new.
        if let Some(DiskChange::Changed { stamp: theirs, .. }) = &self.disk_change
            && matches!(theirs.check(&path), Ok(DiskState::Unchanged(_)))
        {
            return None;
        }
        match stamp.check(&path) {
            Ok(DiskState::Unchanged(now)) => {
                self.disk = Some(now);
                if self.disk_change == Some(DiskChange::Missing) {
                    self.disk_change = None;
                }
            }
            Ok(DiskState::Missing) => self.disk_change = Some(DiskChange::Missing),
            Ok(DiskState::Changed(bytes, now)) => match format::from_bytes(&bytes) {
                Ok(theirs) if !self.is_dirty() => {
                    self.take_theirs(theirs, now);
                    return Some(format!(
                        "Reloaded {}: it was changed on disk. Undo goes back to your version.",
                        self.display_name()
                    ));
                }
                Ok(theirs) => {
                    self.disk_change = Some(DiskChange::Changed {
                        theirs: Box::new(theirs),
                        stamp: now,
                    });
                }
                // Perhaps half-written by a program that does not write atomically: the next
                // change event looks again.
                Err(e) => self.disk_change = Some(DiskChange::Unreadable(e.to_string())),
            },
            // The file cannot be looked at just now (permissions, a share gone away): the
            // next event or focus looks again.
            Err(_) => {}
        }
        None
    }

    /// Puts their version in the session as the saved state; undo goes back to ours.
    fn take_theirs(&mut self, theirs: Article, stamp: DiskStamp) {
        self.take_as_saved(theirs);
        self.disk = Some(stamp);
        self.disk_change = None;
    }

    /// Puts `version` in the session as the saved state, as one edit Undo takes back: a
    /// story kept elsewhere than in a file (a post on the site) going back to the version
    /// kept there.
    pub fn take_as_saved(&mut self, version: Article) {
        self.break_undo_group();
        self.apply(Edit::Replace(Box::new(version)));
        self.break_undo_group();
        // The kept version, not a save of this one: "Saved at" stays as it was.
        self.saved_revision = Some(self.history.revision());
        self.clear_journal();
    }

    /// Records the next save in the story's history as `kind` (a save right after publishing
    /// is recorded as the publish) rather than as a save.
    pub fn next_save_is(&mut self, kind: Kind) {
        self.next_save_kind = Some(kind);
    }

    /// Why a save could not keep its version in the story's history, once (it may come a
    /// moment after the save: versions are kept on a thread of their own).
    pub fn take_history_problem(&mut self) -> Option<String> {
        self.history_problem
            .take()
            .or_else(|| self.keeper.as_ref().and_then(Keeper::problem))
    }

    /// Waits until the versions of the saves made so far are kept (before the history is
    /// read, so it holds the last save).
    pub fn flush_history(&self) {
        if let Some(keeper) = &self.keeper {
            keeper.flush();
        }
    }

    /// Records the story as it is now as kept (a post updated on the site): no unsaved
    /// changes, and its recovery-journal entry goes.
    pub fn mark_saved(&mut self) {
        self.saved_revision = Some(self.history.revision());
        self.last_saved = Some(Local::now());
        self.clear_journal();
    }

    /// Throws the unsaved changes away by reading the file again — as an edit, so Undo
    /// brings them back. On failure (the file is gone or broken) says why and changes nothing.
    pub fn revert(&mut self) -> Result<(), String> {
        let Some(path) = self.path.clone() else {
            return Err("the story has no file to go back to".into());
        };
        let (article, stamp) = format::load_stamped(&path)
            .map_err(|e| format!("{}: {e}. Your changes are still here.", path.display()))?;
        self.take_theirs(article, stamp);
        Ok(())
    }

    /// The bar's Reload: their version replaces the story (undo brings yours back). Returns
    /// whether there was a version to take.
    pub fn reload_theirs(&mut self) -> bool {
        if let Some(DiskChange::Changed { theirs, stamp }) = self.disk_change.take() {
            self.take_theirs(*theirs, stamp);
            true
        } else {
            false
        }
    }

    /// When the story now holds what the changed file holds (every field taken from theirs,
    /// one by one), there is nothing left to settle: the file's version is the saved one and
    /// the bar goes. Whether it did.
    pub fn settle_if_same_as_disk(&mut self) -> bool {
        let same = matches!(
            &self.disk_change,
            Some(DiskChange::Changed { theirs, .. })
                if copydesk_core::compare::differences(self.article(), theirs).is_empty()
        );
        if !same {
            return false;
        }
        if let Some(DiskChange::Changed { stamp, .. }) = self.disk_change.take() {
            self.disk = Some(stamp);
            self.saved_revision = Some(self.history.revision());
            self.clear_journal();
        }
        true
    }

    /// The bar's Keep mine: the session's version stays; the next Save writes it over theirs
    /// without asking again.
    pub fn keep_mine(&mut self) {
        let stamp_now = |p: &PathBuf| {
            std::fs::read(p)
                .ok()
                .map(|b| DiskStamp::of(&b, std::fs::metadata(p).ok().as_ref()))
        };
        match self.disk_change.take() {
            Some(DiskChange::Changed { stamp, .. }) => self.disk = Some(stamp),
            Some(DiskChange::Unreadable(_)) => {
                if let Some(p) = &self.path {
                    self.disk = stamp_now(p);
                }
            }
            Some(DiskChange::Missing) => {}
            // No bar, yet the file moved on (the desk saw it first): take its stamp as is.
            None => {
                if let Some(p) = &self.path
                    && self.changed_on_disk(p)
                {
                    self.disk = stamp_now(p);
                }
            }
        }
    }

    /// Restores what a crash left: `article` with unsaved changes against `disk`, its journal
    /// entry adopted by this session's journal (see [`crate::app::journal::Journal::adopt`]).
    pub(in crate::app) fn restore(
        &mut self,
        orphan: crate::app::journal::Orphan,
    ) -> Result<(), String> {
        let (article, path, disk) = (
            orphan.article.clone(),
            orphan.path.clone(),
            orphan.disk.clone(),
        );
        self.replace(article, path, disk);
        if let Some(j) = self.journal.as_mut() {
            j.adopt(orphan);
        }
        self.mark_unsaved();
        self.sync_journal()
    }
}
