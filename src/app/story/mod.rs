//! One open story and everything that follows it: the one place a story changes.
//!
//! A [`Story`] is a story session: the [`Article`], the file it belongs to, its undo
//! [`History`], which revision is saved, the reader's view and checks cached by revision, the
//! file's [`DiskStamp`] and a watch on it, and three background copies fed by the same stream
//! of edits — the recovery [`Journal`], the spelling worker and, for a long story, the worker
//! that works out its view and checks. The editor owns one ([`crate::app::state::AppState`]),
//! and so does the desk's review ([`crate::app::desk::Desk`]): the review has the journal,
//! spelling and the external-change bar because it is the same type, not a copy of it.
//!
//! **Every change to a story goes through [`Story::apply`]** (undo and redo are
//! [`Story::undo`] and [`Story::redo`]); the article is not reachable mutably outside this
//! module. After each, the three copies are sent the edits that were applied, so none of them
//! ever copies the whole story while the user types.
//!
//! [`disk`] holds the story's way to its file and back: saving, and noticing what others did
//! to the file meanwhile.

mod disk;
mod keeper;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::{DateTime, Local, Utc};
use copydesk_core::article::{Article, Image};
use copydesk_core::checks::{self, Problem};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::format::DiskStamp;
use copydesk_core::reading::{BodyChange, Reading};

use super::derive::{DeriveWorker, LONG_STORY};
use super::history::{History, Selection, next_revision};
use super::journal::Journal;
use super::spelling::{self, Lists, Misspellings, SpellCheck};
use super::watch::FileWatch;

use crate::app::who::Signer;
pub use disk::{DiskChange, SaveOutcome};

/// Wakes the window from any thread. One cell per window, shared by every story session in
/// it, so a waker set after the sessions started (eframe gives the context late) reaches
/// their workers too.
#[derive(Clone)]
pub struct Waker(Arc<Mutex<Arc<dyn Fn() + Send + Sync>>>);

impl Default for Waker {
    fn default() -> Self {
        Waker(Arc::new(Mutex::new(Arc::new(|| {}))))
    }
}

impl Waker {
    /// Sets what waking does from now on (the window's `request_repaint`).
    pub fn set(&self, wake: Arc<dyn Fn() + Send + Sync>) {
        if let Ok(mut cell) = self.0.lock() {
            *cell = wake;
        }
    }

    /// Wakes the window.
    pub fn wake(&self) {
        // Taken out of the lock first: waking must never be called with the lock held.
        let wake = self.0.lock().map(|w| w.clone());
        if let Ok(wake) = wake {
            wake();
        }
    }

    /// The waker as a plain function for a worker thread.
    pub fn as_fn(&self) -> Arc<dyn Fn() + Send + Sync> {
        let me = self.clone();
        Arc::new(move || me.wake())
    }
}

/// What a window gives each story session it starts: how to wake the window, the spelling
/// word lists, the house style, and where the recovery journal lives.
#[derive(Clone)]
pub struct Kit {
    /// Wakes the window.
    pub waker: Waker,
    /// The spelling switch and word lists.
    pub lists: Lists,
    /// How dates are written in the reader's view.
    pub style: HouseStyle,
    /// The recovery journal's folder; `None` keeps no journal (most tests).
    pub journal_dir: Option<PathBuf>,
    /// The name saves are signed with in the story's history.
    pub signer: Signer,
}

impl Kit {
    /// A kit for a session with no journal, spelling on, the default style.
    pub fn plain(waker: Waker) -> Self {
        Kit {
            waker,
            lists: Lists {
                enabled: true,
                desk: None,
                personal: None,
                language: crate::app::grammar::Choice {
                    grammar: true,
                    ..Default::default()
                },
            },
            style: HouseStyle::default(),
            journal_dir: None,
            signer: Signer::default(),
        }
    }
}

/// One open story: what it is, where it lives, what changed, and its background copies.
pub struct Story {
    /// The story. Changed only by [`Story::apply`], undo, redo and [`Story::replace`].
    article: Article,
    /// The file the story belongs to; `None` for an untitled story.
    path: Option<PathBuf>,
    history: History,
    saved_revision: Option<u64>,
    /// The revision of a state whose body is the body now (see [`Story::body_revision`]).
    body_revision: u64,
    /// The revision of the last change to what the fields hold but for typed text (see
    /// [`Story::fields_revision`]).
    fields_revision: u64,
    /// Moves on each time another story is put in this session.
    generation: u64,
    document: Option<(u64, Arc<Document>)>,
    problems: Option<(u64, Arc<Vec<Problem>>)>,
    /// A short story's body as read for its view and checks (one reading for both), and
    /// what changed in the body since: brought up to date when either is asked for, by
    /// reading again only the paragraphs that changed.
    reading: Reading,
    reading_change: BodyChange,
    /// The story's file as it was when loaded or last saved.
    disk: Option<DiskStamp>,
    /// The file changed on disk while the story had unsaved changes: the window shows a bar.
    pub disk_change: Option<DiskChange>,
    watch: Option<FileWatch>,
    /// The recovery journal; `None` where there is none, or after a deliberate Don't Save.
    journal: Option<Journal>,
    spelling: SpellCheck,
    /// Works out a long story's reader's view and checks off the window's thread.
    derive: DeriveWorker,
    /// When the story was last saved in this session.
    pub last_saved: Option<DateTime<Local>>,
    style: HouseStyle,
    waker: Waker,
    /// Signs the versions this session's saves keep.
    signer: Signer,
    /// Why the last save could not keep its version in the story's history (it was saved).
    history_problem: Option<String>,
    /// What the next save is, in the story's history, when not a plain save.
    next_save_kind: Option<copydesk_core::versions::Kind>,
    /// Keeps the versions saves write, on its own thread; started by the first save.
    keeper: Option<keeper::Keeper>,
}

impl Story {
    /// A session holding `article`, just read from `path` whose stamp was `disk` (or
    /// untitled), with the kit's journal (an error there is returned beside the session: it still works, unkept).
    pub fn start(
        article: Article,
        path: Option<PathBuf>,
        disk: Option<DiskStamp>,
        kit: &Kit,
    ) -> (Self, Option<String>) {
        let mut story = Self::unjournaled(article, path, disk, kit);
        let mut error = None;
        if let Some(dir) = &kit.journal_dir {
            match Journal::open(dir) {
                Ok(j) => story.attach_journal(j),
                Err(e) => {
                    error = Some(format!(
                        "Unsaved changes cannot be kept against a crash ({}: {e}); save often.",
                        dir.display()
                    ));
                }
            }
        }
        (story, error)
    }

    /// A session with no journal; `disk` is the file's stamp as read.
    pub fn unjournaled(
        article: Article,
        path: Option<PathBuf>,
        disk: Option<DiskStamp>,
        kit: &Kit,
    ) -> Self {
        let history = History::new();
        let generation = next_revision();
        let mut spelling = SpellCheck::start(
            spelling::dictionary_dirs(),
            kit.lists.clone(),
            kit.waker.as_fn(),
        );
        spelling.reset(&article, generation);
        let mut derive = DeriveWorker::start(kit.waker.as_fn());
        derive.reset(&article, generation, &kit.style);
        let mut story = Story {
            article,
            path,
            body_revision: history.revision(),
            fields_revision: history.revision(),
            saved_revision: Some(history.revision()),
            history,
            generation,
            document: None,
            problems: None,
            reading: Reading::default(),
            reading_change: BodyChange::Whole,
            disk,
            disk_change: None,
            watch: None,
            journal: None,
            spelling,
            derive,
            last_saved: None,
            style: kit.style.clone(),
            waker: kit.waker.clone(),
            signer: kit.signer.clone(),
            history_problem: None,
            next_save_kind: None,
            keeper: None,
        };
        story.watch_file();
        story
    }

    /// Gives the session a journal (replacing any): from now on it keeps the story while it
    /// has unsaved changes.
    pub fn attach_journal(&mut self, mut journal: Journal) {
        journal.reset(&self.article);
        self.journal = Some(journal);
    }

    /// The journal, to list or restore what a crash left in it.
    pub(in crate::app) fn journal_mut(&mut self) -> Option<&mut Journal> {
        self.journal.as_mut()
    }

    /// The journal's folder, to give other sessions of the window.
    pub fn journal_dir(&self) -> Option<PathBuf> {
        self.journal.as_ref().map(|j| j.dir().to_path_buf())
    }

    // ---------- reading ----------

    /// The story, to read.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The file the story belongs to; `None` for an untitled story.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the story has changes that are not in its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Changes with every edit, undo and redo; views cache derived data by it.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// A number that changes whenever the body's text may have changed, and only then (a
    /// headline keystroke keeps it): what the editor caches the body's layout by. Revisions
    /// are never reused for another state, so an undo back to a body gives its number again.
    pub fn body_revision(&self) -> u64 {
        self.body_revision
    }

    /// As [`Self::body_revision`] for what the fields but the body hold: changes whenever
    /// something may have been added to them, taken away or set (a date, an author, a tag, a
    /// link, a picture, a whole story put back), and not for typing, in the body or in a
    /// field ([`Edit::only_changes_text`]). The metadata panel keeps the heights of its
    /// sections out of sight by it; the one typed in holds the keyboard and is drawn.
    pub fn fields_revision(&self) -> u64 {
        self.fields_revision
    }

    /// Moves on each time another story is put in the session (New, Open, an import, a
    /// restore), not when the story is edited: a pane keyed by it starts at the top. Never
    /// the same for two sessions.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The file name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    }

    /// The headline, or the file name when there is none.
    pub fn title(&self) -> String {
        match self.article.headline.trim() {
            "" => self.display_name(),
            h => h.to_owned(),
        }
    }

    // ---------- the reader's view and the checks ----------

    /// The story as readers see it, rebuilt only when the article changed.
    pub fn document(&mut self) -> Arc<Document> {
        if self.is_long() {
            return self.derived().0;
        }
        let rev = self.history.revision();
        match &self.document {
            Some((r, d)) if *r == rev => d.clone(),
            _ => {
                self.refresh_reading();
                let mut d = Document::from_reading(&self.article, &self.style, &self.reading);
                if let Some((_, before)) = &self.document {
                    d.share_with(before);
                }
                let d = Arc::new(d);
                self.document = Some((rev, d.clone()));
                d
            }
        }
    }

    /// The checks' problems for the current revision, computed once per change.
    pub fn problems(&mut self) -> Arc<Vec<Problem>> {
        if self.is_long() {
            return self.derived().1;
        }
        let rev = self.history.revision();
        match &self.problems {
            Some((r, p)) if *r == rev => p.clone(),
            _ => {
                self.refresh_reading();
                let p = Arc::new(checks::check_reading(
                    &self.article,
                    Utc::now(),
                    &self.reading,
                ));
                self.problems = Some((rev, p.clone()));
                p
            }
        }
    }

    /// Brings [`Self::reading`] up to date with the body.
    fn refresh_reading(&mut self) {
        let change = std::mem::take(&mut self.reading_change);
        self.reading.update(&self.article.body, &change);
    }

    /// Whether the story is long enough for its view and checks to be worked out off the
    /// window's thread (see [`crate::app::derive`]).
    pub fn is_long(&self) -> bool {
        self.article.body.len() >= LONG_STORY
    }

    /// A long story's newest view and problems from the worker; worked out here once when
    /// there is none yet (a long story just opened, or a story that just grew long).
    fn derived(&mut self) -> (Arc<Document>, Arc<Vec<Problem>>) {
        self.derive.poll();
        if let Some(d) = self.derive.latest() {
            return (d.document.clone(), d.problems.clone());
        }
        self.derive.first_look(&mut self.article, &self.style)
    }

    /// Whether the counts and problems are still to come: a long story the worker has not
    /// answered for yet (the status bar says "Counting…", not a wrong number).
    pub fn counting(&mut self) -> bool {
        self.derive.poll();
        self.is_long() && !self.derive.answered()
    }

    /// Whether the view and checks shown are for the story as it is now (always, for a
    /// short story; for a long one, once the worker has caught up with the typing).
    pub fn derived_is_current(&mut self) -> bool {
        self.derive.poll();
        !self.is_long() || self.derive.settled()
    }

    /// Uses `style` for the reader's view from now on.
    pub fn set_style(&mut self, style: &HouseStyle) {
        if *style != self.style {
            self.style = style.clone();
            self.document = None;
            self.problems = None;
            self.derive.style(style);
        }
    }

    // ---------- spelling ----------

    /// What the spelling worker last found in the story.
    pub fn misspellings(&self) -> &Misspellings {
        &self.spelling.current
    }

    /// Takes the spelling worker's latest answer; true when one came (the window repaints).
    pub fn poll_spelling(&mut self) -> bool {
        self.spelling.poll()
    }

    /// Whether the spelling worker has answered for the story as it is now.
    pub fn spelling_settled(&self) -> bool {
        self.spelling.settled()
    }

    /// Whether grammar and house style have answered for the story as it is too (a long
    /// story's grammar is worked through after its spelling is shown).
    pub fn checks_settled(&self) -> bool {
        self.spelling.settled() && self.spelling.current.complete
    }

    /// Sends the spelling worker new word lists or the switch.
    pub fn set_lists(&mut self, lists: Lists) {
        self.spelling.lists(lists);
    }

    // ---------- editing ----------

    /// Applies one change to the story — **the one place a story changes while it is open**
    /// — and records its inverse for undo. Returns whether the story changed; an edit that
    /// does not fit the story (a stale index) changes nothing.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let typing = edit.typing_field();
        let copy = edit.clone();
        match edit.apply(&mut self.article) {
            Ok(inverse) => {
                self.article.modified = Utc::now();
                self.history.record(typing, inverse, Instant::now());
                self.forward(std::slice::from_ref(&copy));
                if let Some(j) = self.journal.as_mut() {
                    j.edit(copy);
                }
                true
            }
            Err(e) => {
                // A pane sent an edit for a story that is no longer the one it drew (a stale
                // index): nothing changes, and the next frame draws the story as it is.
                eprintln!("copydesk: an edit did not fit the story and was not applied: {e}");
                false
            }
        }
    }

    /// Sends edits just applied to the story's background copies.
    fn forward(&mut self, edits: &[Edit]) {
        if edits.iter().any(Edit::may_change_body) {
            self.body_revision = self.history.revision();
        }
        if edits
            .iter()
            .any(|e| e.may_change_fields() && !e.only_changes_text())
        {
            self.fields_revision = self.history.revision();
        }
        for e in edits {
            self.reading_change.note(e);
            self.spelling.edit(e);
            self.derive.edit(e);
        }
    }

    /// Sends edits undo or redo applied to every background copy, the journal's too.
    fn forward_all(&mut self, edits: Vec<Edit>) {
        self.forward(&edits);
        if let Some(j) = self.journal.as_mut() {
            for e in edits {
                j.edit(e);
            }
        }
    }

    /// Puts the picture at `source` on the story: a new picture, or a new file for the one
    /// it has (its caption and credit stay). One undo step.
    pub fn set_picture(&mut self, source: String) -> bool {
        let edit = if self.article.image.is_some() {
            Edit::SetText(TextField::ImageSource, source)
        } else {
            Edit::SetImage(Some(Box::new(Image {
                source,
                ..Image::default()
            })))
        };
        self.break_undo_group();
        let changed = self.apply(edit);
        self.break_undo_group();
        changed
    }

    /// Ends the typing group (focus moved, a command ran).
    pub fn break_undo_group(&mut self) {
        self.history.break_group();
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Takes the story one step back; returns the text the step changed, to select (the
    /// words a deletion brings back, the place typing is taken out of).
    pub fn undo(&mut self) -> Option<Selection> {
        let (applied, selection) = self.history.undo(&mut self.article)?;
        self.forward_all(applied);
        selection
    }

    /// Takes the story one step forward again; returns the text the step changed, to select.
    pub fn redo(&mut self) -> Option<Selection> {
        let (applied, selection) = self.history.redo(&mut self.article)?;
        self.forward_all(applied);
        selection
    }

    /// Bytes of text kept by undo and redo.
    pub fn undo_memory(&self) -> usize {
        self.history.weight()
    }

    // ---------- replacing the story ----------

    /// Puts another story in the session with a fresh history. The story it replaces was
    /// saved or its changes thrown away on purpose, so its journal entry goes.
    pub fn replace(&mut self, article: Article, path: Option<PathBuf>, disk: Option<DiskStamp>) {
        self.history = History::new();
        self.body_revision = self.history.revision();
        self.fields_revision = self.history.revision();
        self.saved_revision = Some(self.history.revision());
        self.article = article;
        self.path = path;
        self.generation = next_revision();
        self.spelling.reset(&self.article, self.generation);
        self.derive
            .reset(&self.article, self.generation, &self.style);
        self.document = None;
        self.problems = None;
        self.reading_change = BodyChange::Whole;
        self.last_saved = None;
        self.disk = disk;
        self.disk_change = None;
        self.clear_journal();
        if let Some(j) = self.journal.as_mut() {
            j.reset(&self.article);
        }
        self.watch_file();
    }

    /// Marks the story as having changes that are not in any file (an import, a recovered
    /// draft), so closing it asks first, and the journal keeps it.
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    /// Sends the whole story again to any background copy that could not follow an edit
    /// (see [`crate::app::out_of_step`]).
    fn resync_copies(&mut self) {
        if self.spelling.out_of_step() {
            self.spelling.reset(&self.article, self.generation);
        }
        if self.derive.out_of_step() {
            self.derive
                .reset(&self.article, self.generation, &self.style);
        }
        if let Some(j) = self.journal.as_mut()
            && j.out_of_step()
        {
            j.reset(&self.article);
        }
    }

    /// Drops cached views after a change that is not an edit.
    pub fn invalidate(&mut self) {
        self.document = None;
        self.problems = None;
        self.derive.style(&self.style);
    }
}
