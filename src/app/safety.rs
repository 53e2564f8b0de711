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
//!   local edits: [`crate::app::story::Story::disk_change`] is set and the window shows a bar (Reload, Keep
//!   mine, Compare); Save asks before overwriting. Deleted: said so; Save puts it back.

use std::io;
use std::path::Path;

use super::journal::{Journal, Unclaimed};
use super::state::{AppState, Intent};

/// What the status bar says after a restore, until the story is saved.
pub const RESTORED: &str = "Restored unsaved changes. Save to keep them.";

/// Starts the Copydesk program `exe` as a new window that restores journal entry `id`
/// (`copydesk --recover ID`). It shares this process's environment, so its journal folder.
pub fn launch_window(exe: &Path, id: &str) -> io::Result<()> {
    std::process::Command::new(exe)
        .arg("--recover")
        .arg(id)
        .spawn()
        .map(drop)
}

impl AppState {
    /// Gives the editor's story its journal and lists what crashed Copydesks left in it.
    pub fn attach_journal(&mut self, mut journal: Journal) {
        self.recovery = journal.orphans();
        self.story.attach_journal(journal);
    }

    /// Sets how a new window is started (the window's [`launch_window`]; tests record the
    /// call instead).
    pub fn set_launcher(&mut self, launch: impl Fn(&str) -> io::Result<()> + 'static) {
        self.launcher = Box::new(launch);
    }

    /// Once a frame: the editor's story looks at its file and tells its journal where it
    /// stands; news goes to the status bar.
    pub fn tick(&mut self) {
        let bar = self.story.disk_change.is_some();
        if let Some(news) = self.story.tick() {
            self.info = Some(news);
        }
        if let Some(problem) = self.story.take_history_problem() {
            self.info = Some(format!("Saved, but {problem}"));
        }
        self.forget_stale_news();
        self.news_gives_way_to_the_bar(bar);
        self.poll_publishing();
        self.poll_browsing();
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
        self.info = Some(match self.story.restore(orphan) {
            Ok(()) => RESTORED.into(),
            Err(e) => e,
        });
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
            if let Some(j) = self.story.journal_mut()
                && let Ok(orphan) = j.claim_named(id)
            {
                // back in its place, so the list does not change under the pointer
                self.recovery.insert(i.min(self.recovery.len()), orphan);
            }
        }
    }

    /// Throws away journal entry `id` for good.
    pub fn discard_recovered(&mut self, id: &str) {
        let Some(i) = self.recovery.iter().position(|o| o.id == id) else {
            return;
        };
        let orphan = self.recovery.remove(i);
        if let Some(j) = self.story.journal_mut() {
            j.discard(orphan);
        }
    }

    /// A window started to restore entry `id` (`copydesk --recover ID`) takes it; when it
    /// cannot, a notice says why (the window opens as it would have without it).
    pub fn recover_at_start(&mut self, id: &str) {
        if !self.recovery.iter().any(|o| o.id == id) {
            // Without a journal a notice already says that unsaved changes cannot be kept.
            let Some(journal) = self.story.journal_mut() else {
                return;
            };
            match journal.claim_named(id) {
                Ok(orphan) => self.recovery.push(orphan),
                Err(why) => {
                    self.notice = Some(super::state::Notice {
                        title: "Nothing restored".into(),
                        message: match why {
                            Unclaimed::Held => {
                                "These unsaved changes are open in another Copydesk window, \
                                 which keeps them: look for that window. If it has gone, start \
                                 Copydesk again and they are in its recovery list."
                            }
                            Unclaimed::Gone => {
                                "There are no unsaved changes under that name any more: \
                                 another window restored, saved or discarded them. File > \
                                 Recover unsaved stories… lists those that are left."
                            }
                        }
                        .into(),
                    });
                    return;
                }
            }
        }
        self.recover_here(id);
    }

    // ---------- changes made by others ----------

    /// Looks at the editor's file: takes their version when there are no local edits (and
    /// says so), else the window shows the bar (see [`crate::app::story::DiskChange`]).
    pub fn check_disk(&mut self) {
        let bar = self.story.disk_change.is_some();
        if let Some(news) = self.story.check_disk() {
            // "Undo goes back to your version" holds until the story changes (the undo)
            self.say_until_change(news);
        }
        self.news_gives_way_to_the_bar(bar);
    }

    /// The changed-on-disk bar just came up (`before`: whether it was up before): older news
    /// ("Reloaded …, Undo goes back to your version") would now say the opposite of it.
    fn news_gives_way_to_the_bar(&mut self, before: bool) {
        if !before && self.story.disk_change.is_some() {
            self.info = None;
        }
    }

    /// The comparison's Take theirs for one field: that field as the version on disk has
    /// it, as one edit Undo takes back; the rest stays yours.
    pub fn take_theirs_field(&mut self, field: copydesk_core::field::Field) {
        let Some(crate::app::story::DiskChange::Changed { theirs, .. }) = &self.story.disk_change
        else {
            return;
        };
        let next = copydesk_core::compare::take_field(self.story.article(), theirs, field);
        self.story.break_undo_group();
        self.story
            .apply(copydesk_core::edit::Edit::Replace(Box::new(next)));
        self.story.break_undo_group();
        if self.story.settle_if_same_as_disk() {
            self.say_until_change(
                "Every change taken from the version on disk: the story is as saved there. \
                 Undo brings yours back."
                    .into(),
            );
        }
    }

    /// The bar's Reload: their version replaces the story (undo brings yours back).
    pub fn reload_theirs(&mut self) {
        if self.story.reload_theirs() {
            self.say_until_change("Reloaded the version on disk. Undo brings yours back.".into());
        }
    }

    /// The bar's Keep mine: the window's version stays; the next Save writes it over theirs
    /// without asking again.
    pub fn keep_mine(&mut self) {
        self.story.keep_mine();
    }
}

#[cfg(test)]
mod tests;
