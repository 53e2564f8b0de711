//! Keeping work safe around the save: the recovery journal's timing, recovering what a crash
//! left, and noticing when someone else changes the open file.
//!
//! - **Journal**: a story with unsaved changes is kept in the journal (see
//!   [`super::journal`]): every edit goes to the journal's thread as it is applied, and the
//!   thread writes it within a couple of seconds. A clean save, undo back to the saved state,
//!   or a deliberate Don't Save removes the entry.
//! - **Recovery**: entries left by Copydesk processes that are no longer running are listed
//!   at start; each can be restored here, restored in a new window, or discarded.
//! - **Changes by others**: the open file is watched (and looked at when the window gets the
//!   focus back). Changed with no local edits: reloaded, and undo can go back. Changed with
//!   local edits: [`AppState::disk_change`] is set and the window shows a bar (Reload, Keep
//!   mine, Compare); Save asks before overwriting. Deleted: said so; Save puts it back.

use std::io;
use std::path::Path;

use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::format::{self, DiskStamp, DiskState};

use super::journal::{Journal, Standing};
use super::state::{AppState, DiskChange, Intent};
use super::watch::FileWatch;

/// Starts a new Copydesk window that restores journal entry `id`.
pub fn launch_window(id: &str) -> io::Result<()> {
    let exe = std::env::current_exe()?;
    std::process::Command::new(exe)
        .arg("--recover")
        .arg(id)
        .spawn()
        .map(drop)
}

impl AppState {
    /// Gives the state its journal and lists what crashed Copydesks left in it.
    pub fn attach_journal(&mut self, mut journal: Journal) {
        self.recovery = journal.orphans();
        journal.reset(&self.article);
        self.journal = Some(journal);
    }

    /// Sets how a new window is started (tests record the call instead).
    pub fn set_launcher(&mut self, launch: impl Fn(&str) -> io::Result<()> + 'static) {
        self.launcher = Box::new(launch);
    }

    /// Removes this story's journal entry.
    pub(in crate::app) fn clear_journal(&mut self) {
        if let Some(j) = self.journal.as_mut() {
            j.clear();
        }
    }

    /// Waits until the journal's writes are on disk (tests; the window does not wait).
    pub fn flush_journal(&self) {
        if let Some(j) = &self.journal {
            j.flush();
        }
    }

    /// Once a frame: looks at the watched file, and tells the journal where the story
    /// stands (the journal's thread does the writing, on its own time).
    pub fn tick(&mut self) {
        if self.watch.as_ref().is_some_and(FileWatch::take_changed) {
            self.check_disk();
        }
        self.sync_journal();
    }

    /// Tells the journal the story's file, stamp and whether it has unsaved changes.
    pub(in crate::app) fn sync_journal(&mut self) {
        let standing = Standing {
            path: self.path.clone(),
            disk: self.disk.clone(),
            dirty: self.is_dirty(),
        };
        if let Some(j) = self.journal.as_mut()
            && let Err(e) = j.stand(standing)
        {
            self.info = Some(format!(
                "Could not keep a recovery copy ({e}); save the story to be safe."
            ));
        }
    }

    // ---------- recovery ----------

    /// Restores journal entry `id` in this window, asking first about unsaved changes.
    pub fn restore_recovered(&mut self, id: &str) {
        self.request(Intent::Recover(id.to_owned()));
    }

    pub(in crate::app) fn recover_here(&mut self, id: &str) {
        let Some(i) = self.recovery.iter().position(|o| o.id == id) else {
            return;
        };
        let orphan = self.recovery.remove(i);
        let (article, path, disk) = (
            orphan.article.clone(),
            orphan.path.clone(),
            orphan.disk.clone(),
        );
        self.replace(article, path);
        if let Some(j) = self.journal.as_mut() {
            j.adopt(orphan);
        }
        self.disk = disk;
        self.mark_unsaved();
        self.sync_journal();
        self.info = Some("Restored unsaved changes. Save to keep them.".into());
        // The file may have changed since the story was journaled.
        self.check_disk();
    }

    /// Opens journal entry `id` in a new Copydesk window, leaving this one as it is.
    pub fn recover_in_new_window(&mut self, id: &str) {
        let Some(i) = self.recovery.iter().position(|o| o.id == id) else {
            return;
        };
        // Letting go of the entry's lock lets the new window take it.
        drop(self.recovery.remove(i));
        if let Err(e) = (self.launcher)(id) {
            self.notice = Some(super::state::Notice {
                title: "Could not open a new window".into(),
                message: format!(
                    "{e}. The story is still in the recovery list; restore it in this window instead."
                ),
            });
            if let Some(j) = self.journal.as_mut()
                && let Some(orphan) = j.claim(id)
            {
                self.recovery.push(orphan);
            }
        }
    }

    /// Throws away journal entry `id` for good.
    pub fn discard_recovered(&mut self, id: &str) {
        let Some(i) = self.recovery.iter().position(|o| o.id == id) else {
            return;
        };
        let orphan = self.recovery.remove(i);
        if let Some(j) = self.journal.as_mut() {
            j.discard(orphan);
        }
    }

    /// A window started to restore entry `id` (`copydesk --recover ID`) takes it.
    pub fn recover_at_start(&mut self, id: &str) {
        if !self.recovery.iter().any(|o| o.id == id)
            && let Some(orphan) = self.journal.as_mut().and_then(|j| j.claim(id))
        {
            self.recovery.push(orphan);
        }
        self.recover_here(id);
    }

    // ---------- changes made by others ----------

    /// Watches the open file (replacing any earlier watch).
    pub(in crate::app) fn watch_file(&mut self) {
        self.watch = None;
        if let Some(p) = &self.path {
            // No watch (too many watches, a network folder that cannot be watched) is not an
            // error: the file is still looked at when the window gets the focus back.
            self.watch = FileWatch::new(p, self.wake.clone()).ok();
        }
    }

    /// Looks at the open file: reloads it if someone changed it and there are no local
    /// edits; otherwise sets [`AppState::disk_change`] for the window's bar.
    pub fn check_disk(&mut self) {
        let (Some(path), Some(stamp)) = (self.path.clone(), self.disk.clone()) else {
            return;
        };
        // Their version is on screen already and the file has not moved on: nothing new.
        if let Some(DiskChange::Changed { stamp: theirs, .. }) = &self.disk_change
            && matches!(theirs.check(&path), Ok(DiskState::Unchanged(_)))
        {
            return;
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
                    self.info = Some(format!(
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
            Err(_) => {}
        }
    }

    /// Puts their version in the window as the saved state; undo goes back to ours.
    fn take_theirs(&mut self, theirs: Article, stamp: DiskStamp) {
        self.break_undo_group();
        self.apply(Edit::Replace(Box::new(theirs)));
        self.break_undo_group();
        self.saved_revision = Some(self.history.revision());
        self.disk = Some(stamp);
        self.disk_change = None;
        self.clear_journal();
    }

    /// The bar's Reload: their version replaces the story (undo brings yours back).
    pub fn reload_theirs(&mut self) {
        if let Some(DiskChange::Changed { theirs, stamp }) = self.disk_change.take() {
            self.take_theirs(*theirs, stamp);
            self.info = Some("Reloaded the version on disk. Undo brings yours back.".into());
        }
    }

    /// The bar's Keep mine: the window's version stays; the next Save writes it over theirs
    /// without asking again.
    pub fn keep_mine(&mut self) {
        match self.disk_change.take() {
            Some(DiskChange::Changed { stamp, .. }) => self.disk = Some(stamp),
            Some(DiskChange::Unreadable(_)) => {
                if let Some(p) = &self.path {
                    self.disk = std::fs::read(p)
                        .ok()
                        .map(|b| DiskStamp::of(&b, std::fs::metadata(p).ok().as_ref()));
                }
            }
            Some(DiskChange::Missing) | None => {}
        }
    }

    /// Whether the file at `path` (the story's own) changed since it was loaded or saved:
    /// Save asks before writing over it.
    pub(in crate::app) fn changed_on_disk(&self, path: &Path) -> bool {
        if self.path.as_deref() != Some(path) {
            return false;
        }
        self.disk
            .as_ref()
            .is_some_and(|d| matches!(d.check(path), Ok(DiskState::Changed(..))))
    }
}

#[cfg(test)]
mod tests;
