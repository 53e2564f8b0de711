//! The story under review: a story session ([`Story`]) like the editor's, so the review's
//! edits are journaled, spelt and watched exactly as the editor's are. Reviewing another row,
//! leaving the desk or quitting with unsaved changes asks first ([`DeskPrompt`]); Save never
//! writes over a version someone else saved meanwhile without asking.

use std::path::{Path, PathBuf};

use copydesk_core::article::Status;
use copydesk_core::desk::{self, Row};
use copydesk_core::format;

use super::Desk;
use crate::app::state::Choice;
use crate::app::story::{SaveOutcome, Story};

/// A question about the desk the window must show.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskPrompt {
    /// The story under review has unsaved changes: save them before `then`?
    Unsaved(Then),
    /// The reviewed story's file changed on disk since it was read: overwrite it?
    Overwrite,
}

/// What was asked, waiting for an answer about the review's unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// Review another story (it is selected too).
    Review(PathBuf),
    /// Close the review.
    CloseReview,
    /// Set the status of these stories.
    SetStatus(Vec<PathBuf>, Status),
    /// Open the story in the editor (the window does this).
    Open(PathBuf),
    /// Back to the story in the editor (the window does this).
    Leave,
    /// Open another desk folder (the window does this).
    OpenFolder(PathBuf),
    /// Open a WordPress site as the desk (the window does this).
    OpenSite(Box<copydesk_wordpress::Credentials>),
    /// Close the window (the window does this).
    Quit,
}

impl Then {
    /// Whether the window carries this out (the desk cannot by itself).
    pub fn is_for_window(&self) -> bool {
        matches!(
            self,
            Then::Open(_) | Then::Leave | Then::OpenFolder(_) | Then::OpenSite(_) | Then::Quit
        )
    }
}

impl Desk {
    /// Reviews `path`, asking first when the review has unsaved changes.
    pub(super) fn review_file(&mut self, path: &Path) {
        if self.review_path() == Some(path) {
            self.focus = Some(path.to_path_buf());
            return;
        }
        if self.review_blocked(path) {
            self.prompt = Some(DeskPrompt::Unsaved(Then::Review(path.to_path_buf())));
            return;
        }
        self.focus = Some(path.to_path_buf());
        self.load_review(path);
    }

    /// Reads `path` in full for the review: into the review's session when there is one (the
    /// story it held was saved or its changes let go on purpose), else a new session.
    pub(super) fn load_review(&mut self, path: &Path) {
        if self.site.is_some() {
            self.load_post_review(path);
            return;
        }
        self.review_error = None;
        self.review_key = Some(path.to_path_buf());
        match format::load_stamped(path) {
            Ok((article, stamp)) => match self.review.as_mut() {
                Some(r) => r.replace(article, Some(path.to_path_buf()), Some(stamp)),
                None => {
                    let (story, error) =
                        Story::start(article, Some(path.to_path_buf()), Some(stamp), &self.kit);
                    if error.is_some() {
                        self.info = error;
                    }
                    self.review = Some(story);
                }
            },
            Err(e) => {
                self.review = None;
                self.review_error = Some(format!(
                    "{} cannot be opened as a story: {e}.",
                    desk::relative_name(&self.folder, path)
                ));
            }
        }
    }

    /// Closes the review (asking first about unsaved changes).
    pub fn close_review(&mut self) {
        if self.is_dirty() {
            self.prompt = Some(DeskPrompt::Unsaved(Then::CloseReview));
            return;
        }
        self.review = None;
        self.review_key = None;
        self.review_error = None;
        self.focus = None;
    }

    /// Whether the review has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.review.as_ref().is_some_and(Story::is_dirty)
    }

    /// The review's name in the folder ("politics/budget.json").
    fn review_name(&self) -> String {
        self.review_path()
            .map(|p| desk::relative_name(&self.folder, p))
            .unwrap_or_default()
    }

    /// Saves the story under review to its file, atomically; asks first when the file
    /// changed on disk since it was read. Returns whether it is now saved. On a site: starts
    /// updating its post (it is not saved yet: the answer comes in a later frame).
    pub fn save_review(&mut self) -> bool {
        if self.site.is_some() {
            self.update_post(false, None);
            return false;
        }
        let Some(path) = self.review_path().map(Path::to_path_buf) else {
            return false;
        };
        let Some(r) = self.review.as_mut() else {
            return false;
        };
        let outcome = r.save_to(&path);
        self.saved(outcome)
    }

    /// Writes the review to its file whatever is there.
    fn write_review(&mut self) -> bool {
        if self.site.is_some() {
            self.update_post(true, None);
            return false;
        }
        let Some(path) = self.review_path().map(Path::to_path_buf) else {
            return false;
        };
        let Some(r) = self.review.as_mut() else {
            return false;
        };
        let outcome = r.write_to(&path);
        self.saved(outcome)
    }

    /// After a save: the row follows at once, or the desk asks, or says why it failed.
    fn saved(&mut self, outcome: SaveOutcome) -> bool {
        let name = self.review_name();
        match outcome {
            SaveOutcome::Saved => {
                let problem = self.review.as_mut().and_then(Story::take_history_problem);
                if let Some(r) = self.review.as_ref()
                    && let (Some(path), Some(stamp)) = (r.path(), r.disk())
                {
                    let row = Row::of_article(&self.folder, path, r.article(), stamp.clone());
                    self.info = Some(match &problem {
                        Some(p) => format!("Saved {name}, but {p}"),
                        None => format!("Saved {name}"),
                    });
                    self.take_rows(vec![row]);
                }
                true
            }
            SaveOutcome::ChangedOnDisk => {
                self.prompt = Some(DeskPrompt::Overwrite);
                false
            }
            SaveOutcome::Failed(e) => {
                self.info = Some(format!(
                    "Could not save {name}: {e}. Your changes are still in the review, unsaved."
                ));
                false
            }
        }
    }

    /// Throws away the review's unsaved changes: reads the file again, as an edit Undo can
    /// take back (its journal entry goes with them).
    pub fn revert_review(&mut self) {
        if self.site.is_some() {
            self.revert_post();
            return;
        }
        if let Some(r) = self.review.as_mut()
            && let Err(e) = r.revert()
        {
            self.info = Some(format!("Could not discard the changes: {e}"));
        }
    }

    /// The reviewed file's row now has these bytes (`sha`): a colleague's save. Without
    /// unsaved changes the review takes it (undo goes back); with them, the review's bar
    /// says so.
    pub(super) fn review_changed_on_disk(&mut self, sha: &str) {
        let Some(r) = self.review.as_mut() else {
            return;
        };
        if r.disk().is_some_and(|d| d.sha256 == sha) {
            return;
        }
        if let Some(news) = r.check_disk() {
            self.info = Some(news);
        }
    }

    /// The review's bar: take the version on disk (undo brings the review's back).
    pub fn reload_theirs(&mut self) {
        if self.site.is_some() {
            self.take_theirs_from_site();
            return;
        }
        let taken = self.review.as_mut().is_some_and(Story::reload_theirs);
        if !taken {
            // No version of theirs in hand (the Overwrite question): read the file again.
            self.revert_review();
        }
        self.info = Some("Reloaded the version on disk.".into());
    }

    /// The review's bar: keep the review's version; the next Save writes it over theirs
    /// without asking again.
    pub fn keep_mine(&mut self) {
        if let Some(r) = self.review.as_mut() {
            r.keep_mine();
        }
    }

    /// Asks before `then` when the review has unsaved changes; returns `then` to carry out
    /// now when it has none (the window carries out its own kinds; see [`Then::is_for_window`]).
    pub fn before(&mut self, then: Then) -> Option<Then> {
        if self.is_dirty() {
            self.prompt = Some(DeskPrompt::Unsaved(then));
            None
        } else {
            self.carry_out(then)
        }
    }

    /// The answer to the desk's prompt; returns what the window must carry out now, if
    /// anything.
    pub fn answer(&mut self, choice: Choice) -> Option<Then> {
        let prompt = self.prompt.take()?;
        match (prompt, choice) {
            (_, Choice::Cancel) => None,
            (DeskPrompt::Unsaved(then), Choice::DontSave) => {
                self.revert_review();
                self.carry_out(then)
            }
            (DeskPrompt::Unsaved(then), Choice::Save) if self.site.is_some() => {
                // Carried out once the post is updated (`Desk::ready` for the window's kinds).
                self.update_post(false, Some(then));
                None
            }
            (DeskPrompt::Unsaved(then), Choice::Save) => {
                if self.save_review() {
                    self.carry_out(then)
                } else {
                    // An Overwrite question came up, or the save failed and said why.
                    None
                }
            }
            (DeskPrompt::Overwrite, Choice::Save) => {
                self.write_review();
                None
            }
            (DeskPrompt::Overwrite, Choice::DontSave) => {
                self.reload_theirs();
                None
            }
        }
    }

    /// Carries out `then` when it is the desk's own; else hands it back to the window.
    pub(super) fn carry_out(&mut self, then: Then) -> Option<Then> {
        match then {
            Then::Review(path) => {
                self.selected.clear();
                self.selected.insert(path.clone());
                self.anchor = Some(path.clone());
                self.review_file(&path);
                None
            }
            Then::CloseReview => {
                self.close_review();
                None
            }
            Then::SetStatus(paths, status) => {
                self.start_bulk(paths, status);
                None
            }
            other => Some(other),
        }
    }
}
