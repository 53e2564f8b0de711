//! The open story and every command on it, with no drawing: the window calls these and
//! draws what they leave behind (a prompt, a notice, a dialog request).
//!
//! Two rules live here. **Every change to the story goes through [`AppState::apply`]**: the
//! panes describe changes as [`Edit`]s and never touch the [`Article`] (its field is not
//! visible outside this module's parent). **Nothing a user typed is lost**: every command that
//! would replace the story (New, Open, Open Recent, a dropped file, Quit) goes through
//! [`AppState::request`], which asks Save / Don't Save / Cancel first when there are unsaved
//! changes.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Local, Utc};
use copydesk_core::article::Article;
use copydesk_core::checks::{self, Problem};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::format;

use super::derive::{DeriveWorker, LONG_STORY};
use super::dialogs::{FileDialogs, Purpose};
use super::history::History;
use super::journal::{Journal, Orphan};
use super::recent::Recent;
use super::spelling::{self, Lists, SpellCheck};
use super::watch::FileWatch;
use copydesk_core::format::DiskStamp;

/// A command that replaces the open story or closes the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    /// Start a blank story.
    New,
    /// Ask for a file with the Open dialog.
    Open,
    /// Open this file (Open Recent, a dropped file, the command line).
    OpenPath(PathBuf),
    /// Ask for a ninjs file and import it as a new draft.
    ImportNinjs,
    /// Restore the story a crashed Copydesk left in the journal (by entry id).
    Recover(String),
    /// Close the window.
    Quit,
}

/// A question the window must show before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// "Save changes to …?" before carrying out the intent.
    Unsaved(Intent),
    /// "Discard your changes and reload …?"
    Revert,
    /// "The file changed on disk since you opened it: overwrite it?" before a save.
    Overwrite,
}

/// The user's answer to a [`Prompt`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Save first (or, for Revert, go ahead).
    Save,
    /// Go ahead without saving.
    DontSave,
    /// Leave everything as it was.
    Cancel,
}

/// A message for the user: an error in plain words, or news.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The heading, such as "Could not save the story".
    pub title: String,
    /// What happened and what to do, in sentences.
    pub message: String,
}

/// A path typed by hand, when this desktop cannot show a file dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct PathEntry {
    /// What the path is for.
    pub purpose: Purpose,
    /// The text typed so far.
    pub text: String,
}

/// Settings that travel with the user between runs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// How dates are written in the preview and exports.
    pub house_style: HouseStyle,
    /// The Open Recent list.
    pub recent: Recent,
    /// Spelling: on or off, and the desk's shared word list.
    pub spelling: SpellingSettings,
}

/// The spelling settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SpellingSettings {
    /// Check spelling as the story is written.
    pub enabled: bool,
    /// The desk's word list (one word a line), on a shared folder.
    pub desk: Option<PathBuf>,
}

impl Default for SpellingSettings {
    fn default() -> Self {
        SpellingSettings {
            enabled: true,
            desk: None,
        }
    }
}

/// Which word list a word is added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordListKind {
    /// The desk's shared list.
    Desk,
    /// The user's own.
    Personal,
}

/// What is remembered of the open story between runs, in eframe's storage: only which file
/// to reopen. Unsaved changes are kept by the recovery journal, never here.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SessionMemory {
    /// The story's file, if it has one.
    pub path: Option<PathBuf>,
    /// Written by versions before the recovery journal: a draft with unsaved changes. Read
    /// once, so an upgrade loses nothing; never written.
    #[serde(skip_serializing)]
    pub draft: Option<String>,
    /// Whether that draft differed from its file.
    #[serde(skip_serializing)]
    pub dirty: bool,
}

/// The open file, changed on disk by someone else while the story has unsaved changes.
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

/// Starts a Copydesk window that restores a journal entry, given its id.
pub type Launcher = Box<dyn Fn(&str) -> std::io::Result<()>>;

/// The window's state: the open story, its history, settings, and whatever the window must
/// show next (a prompt, a notice, a path field).
pub struct AppState {
    /// The story. Changed only by [`AppState::apply`], undo, redo and loading.
    pub(in crate::app) article: Article,
    /// The file the story belongs to; `None` for an untitled story.
    pub path: Option<PathBuf>,
    /// The user's settings.
    pub settings: Settings,
    /// A question waiting for an answer.
    pub prompt: Option<Prompt>,
    /// A message waiting to be read.
    pub notice: Option<Notice>,
    /// A path field shown because no file dialog could be.
    pub path_entry: Option<PathEntry>,
    /// When the story was last saved in this session.
    pub last_saved: Option<DateTime<Local>>,
    /// A line of news for the status bar, such as where an export went.
    pub info: Option<String>,
    /// Set when the window may close (no unsaved changes, or the user chose).
    pub quit_confirmed: bool,
    /// The user quit with "Don't Save": the changes are not kept for the next run either.
    pub(in crate::app) discard_on_exit: bool,
    pub(in crate::app) history: History,
    pub(in crate::app) saved_revision: Option<u64>,
    pub(in crate::app) dialogs: Box<dyn FileDialogs>,
    pub(in crate::app) wake: Arc<dyn Fn() + Send + Sync>,
    /// What to do once a Save As started by a prompt has finished.
    pub(in crate::app) after_save: Option<Intent>,
    document: Option<(u64, Arc<Document>)>,
    problems: Option<(u64, Arc<Vec<Problem>>)>,
    /// The recovery journal; `None` where there is no data folder (and in most tests).
    pub(in crate::app) journal: Option<Journal>,
    /// Stories a crashed Copydesk left, offered for recovery.
    pub recovery: Vec<Orphan>,
    /// The story's file as it was when loaded or last saved.
    pub(in crate::app) disk: Option<DiskStamp>,
    /// The file changed on disk while the story had unsaved changes: the bar shows this.
    pub disk_change: Option<DiskChange>,
    pub(in crate::app) watch: Option<FileWatch>,
    /// Starts a Copydesk window restoring a journal entry (the real one runs the program).
    pub(in crate::app) launcher: Launcher,
    /// Counts the stories put in the window: panes reset their scrolling when it moves on.
    generation: u64,
    /// The spelling worker and its last answer.
    pub(in crate::app) spelling: SpellCheck,
    /// Works out a long story's reader's view and checks off the window's thread.
    derive: DeriveWorker,
    /// The revision of a state whose body is the body now: moves only with edits that can
    /// change the body (see [`Self::body_revision`]).
    body_revision: u64,
    /// The user's own word list (none without a data folder, as in tests).
    pub(in crate::app) personal_dictionary: Option<PathBuf>,
    /// What wakes the window for the spelling worker (set with [`Self::set_waker`]).
    spell_wake: Arc<std::sync::Mutex<Arc<dyn Fn() + Send + Sync>>>,
    /// A path chosen for the window rather than the story (a desk folder, a picture for the
    /// desk's review): the window takes it (see `crate::ui::desk`).
    pub handed_over: Option<(Purpose, PathBuf)>,
}

impl AppState {
    /// A state holding `article`, as if just opened from `path` (or untitled).
    pub fn new(article: Article, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        let history = History::new();
        let body_revision = history.revision();
        let spell_wake: Arc<std::sync::Mutex<Arc<dyn Fn() + Send + Sync>>> =
            Arc::new(std::sync::Mutex::new(Arc::new(|| {})));
        let cell = spell_wake.clone();
        let mut spelling = SpellCheck::start(
            spelling::dictionary_dirs(),
            Lists {
                enabled: true,
                desk: None,
                personal: None,
            },
            Arc::new(move || {
                let wake = cell.lock().map(|w| w.clone());
                if let Ok(wake) = wake {
                    wake();
                }
            }),
        );
        spelling.reset(&article, 0);
        let cell = spell_wake.clone();
        let mut derive = DeriveWorker::start(Arc::new(move || {
            let wake = cell.lock().map(|w| w.clone());
            if let Ok(wake) = wake {
                wake();
            }
        }));
        derive.reset(&article, 0, &HouseStyle::default());
        AppState {
            article,
            path,
            settings: Settings::default(),
            prompt: None,
            notice: None,
            path_entry: None,
            last_saved: None,
            info: None,
            quit_confirmed: false,
            discard_on_exit: false,
            saved_revision: Some(history.revision()),
            history,
            dialogs,
            wake: Arc::new(|| {}),
            after_save: None,
            document: None,
            problems: None,
            journal: None,
            recovery: Vec::new(),
            disk: None,
            disk_change: None,
            watch: None,
            launcher: Box::new(super::safety::launch_window),
            generation: 0,
            spelling,
            derive,
            body_revision,
            spell_wake,
            personal_dictionary: None,
            handed_over: None,
        }
    }

    /// Moves on each time another story is put in the window (New, Open, an import, a
    /// restore), not when the story is edited: a pane keyed by it starts at the top.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The bundled reference story as an untitled copy: Save asks where.
    pub fn sample_article() -> Article {
        format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes())
            .expect("the bundled sample is valid (tests/sample.rs loads it)")
    }

    /// What wakes the window (from any thread): a dialog's answer, a worker's news.
    pub fn waker(&self) -> Arc<dyn Fn() + Send + Sync> {
        self.wake.clone()
    }

    /// Sets what wakes the window when a dialog answers from another thread.
    pub fn set_waker(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.wake = Arc::new(wake);
        if let Ok(mut cell) = self.spell_wake.lock() {
            *cell = self.wake.clone();
        }
    }

    // ---------- the story ----------

    /// The open story, to read.
    pub fn article(&self) -> &Article {
        &self.article
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

    /// The story as readers see it, rebuilt only when the article changed.
    pub fn document(&mut self) -> Arc<Document> {
        if self.is_long() {
            return self.derived().0;
        }
        let rev = self.history.revision();
        match &self.document {
            Some((r, d)) if *r == rev => d.clone(),
            _ => {
                let d = Arc::new(Document::build(&self.article, &self.settings.house_style));
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
                let p = Arc::new(checks::check(&self.article, Utc::now()));
                self.problems = Some((rev, p.clone()));
                p
            }
        }
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
        // A long story just opened: its first screenful now, the rest from the worker.
        self.derive
            .first_look(&mut self.article, &self.settings.house_style)
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

    /// Drops cached views after a change that is not an edit (the house style).
    pub fn invalidate(&mut self) {
        self.document = None;
        self.problems = None;
        self.derive.style(&self.settings.house_style);
    }

    /// The file name, or "Untitled".
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".to_owned())
    }

    /// "Headline • — Copydesk": the headline (or file name), a dot for unsaved changes.
    pub fn window_title(&self) -> String {
        let name = match self.article.headline.trim() {
            "" => self.display_name(),
            h => h.to_owned(),
        };
        let mark = if self.is_dirty() { " •" } else { "" };
        format!("{name}{mark} — Copydesk")
    }

    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialogs.is_open()
    }

    // ---------- editing ----------

    /// Applies one change to the story — the one place the story changes while it is open —
    /// and records its inverse for undo. Returns whether the story changed; an edit that
    /// does not fit the story (a stale index) changes nothing.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let typing = edit.typing_field();
        // The journal's copy of the story takes the same edit.
        let for_journal = self.journal.is_some().then(|| edit.clone());
        let for_spelling = edit.clone();
        match edit.apply(&mut self.article) {
            Ok(inverse) => {
                self.article.modified = Utc::now();
                self.history.record(typing, inverse, Instant::now());
                if for_spelling.may_change_body() {
                    self.body_revision = self.history.revision();
                }
                self.spelling.edit(&for_spelling);
                self.derive.edit(&for_spelling);
                if let (Some(j), Some(e)) = (self.journal.as_mut(), for_journal) {
                    j.edit(e);
                }
                true
            }
            Err(_) => false,
        }
    }

    /// Passes edits undo or redo applied to the journal's copy of the story.
    fn forward(&mut self, applied: Option<Vec<Edit>>) {
        let Some(edits) = applied else {
            return;
        };
        if edits.iter().any(Edit::may_change_body) {
            self.body_revision = self.history.revision();
        }
        for e in &edits {
            self.spelling.edit(e);
            self.derive.edit(e);
        }
        if let Some(j) = self.journal.as_mut() {
            for e in edits {
                j.edit(e);
            }
        }
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

    /// Takes the story one step back.
    pub fn undo(&mut self) {
        let applied = self.history.undo(&mut self.article);
        self.forward(applied);
    }

    /// Takes the story one step forward again.
    pub fn redo(&mut self) {
        let applied = self.history.redo(&mut self.article);
        self.forward(applied);
    }

    /// Bytes of text kept by undo and redo.
    pub fn undo_memory(&self) -> usize {
        self.history.weight()
    }

    // ---------- commands that may discard the story ----------

    /// Carries out `intent`, asking about unsaved changes first.
    pub fn request(&mut self, intent: Intent) {
        if self.is_dirty() {
            self.prompt = Some(Prompt::Unsaved(intent));
        } else {
            self.perform(intent);
        }
    }

    /// The user's answer to the prompt on screen.
    pub fn answer(&mut self, choice: Choice) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        match (prompt, choice) {
            (_, Choice::Cancel) => {}
            (Prompt::Unsaved(intent), Choice::DontSave) => {
                if intent == Intent::Quit {
                    self.discard_on_exit = true;
                    // A deliberate Don't Save: the changes are not kept for recovery either.
                    self.clear_journal();
                }
                self.perform(intent);
            }
            (Prompt::Unsaved(intent), Choice::Save) => {
                self.after_save = Some(intent);
                if self.path.is_some() {
                    if self.save() {
                        self.after_saved();
                    }
                } else {
                    self.save_as();
                }
            }
            (Prompt::Revert, Choice::Save | Choice::DontSave) => self.reload(),
            (Prompt::Overwrite, Choice::Save) => {
                if let Some(path) = self.path.clone()
                    && self.write_to(&path)
                {
                    self.after_saved();
                }
            }
            (Prompt::Overwrite, Choice::DontSave) => self.save_as(),
        }
    }

    pub(in crate::app) fn perform(&mut self, intent: Intent) {
        match intent {
            Intent::New => self.replace(Article::new(), None),
            Intent::Open => self.ask_open(),
            Intent::OpenPath(p) => self.open_path(&p),
            Intent::ImportNinjs => self.ask_import(),
            Intent::Recover(id) => self.recover_here(&id),
            Intent::Quit => self.quit_confirmed = true,
        }
    }

    /// Carries out what was waiting for a save (the intent of an Unsaved prompt).
    pub(in crate::app) fn after_saved(&mut self) {
        if let Some(intent) = self.after_save.take() {
            self.perform(intent);
        }
    }

    /// Puts a new story in the window with a fresh history. The story it replaces was saved
    /// or its changes thrown away on purpose, so its journal entry goes.
    pub fn replace(&mut self, article: Article, path: Option<PathBuf>) {
        self.history = History::new();
        self.body_revision = self.history.revision();
        self.saved_revision = Some(self.history.revision());
        self.article = article;
        self.path = path;
        self.generation += 1;
        self.spelling.reset(&self.article, self.generation);
        self.derive
            .reset(&self.article, self.generation, &self.settings.house_style);
        self.last_saved = None;
        self.info = None;
        self.disk = None;
        self.disk_change = None;
        self.clear_journal();
        if let Some(j) = self.journal.as_mut() {
            j.reset(&self.article);
        }
        self.invalidate();
        self.watch_file();
    }

    /// Marks the story as having changes that are not in any file (an import, a recovered
    /// draft), so closing it asks first, and the journal keeps it.
    pub(in crate::app) fn mark_unsaved(&mut self) {
        self.saved_revision = None;
    }

    // ---------- between runs ----------

    /// What to remember of the story for the next run: its file.
    pub fn memory(&self) -> SessionMemory {
        SessionMemory {
            path: self.path.clone(),
            draft: None,
            dirty: false,
        }
    }

    /// Starts as the user left it: the last file; on a first run (`memory` is `None`) the
    /// sample story as an untitled copy. A draft kept by an older version is restored once.
    pub fn restore(&mut self, memory: Option<SessionMemory>) {
        let Some(memory) = memory else {
            self.replace(Self::sample_article(), None);
            return;
        };
        if let Some(draft) = &memory.draft
            && let Ok(article) = format::from_bytes(draft.as_bytes())
        {
            self.replace(article, memory.path.clone());
            if let Some(p) = &memory.path {
                self.disk = format::load_stamped(p).ok().map(|(_, stamp)| stamp);
            }
            if memory.dirty {
                self.mark_unsaved();
            }
            return;
        }
        if let Some(path) = &memory.path {
            self.open_path(path);
        }
    }
}

/// A blank state whose file dialogs give `answers`, for the app's unit tests.
#[cfg(test)]
pub(in crate::app) fn test_state(answers: Vec<super::dialogs::Answer>) -> AppState {
    AppState::new(
        Article::new(),
        None,
        Box::new(super::dialogs::ScriptedDialogs::answering(answers)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::Answer;
    use copydesk_core::field::TextField;

    fn state(answers: Vec<Answer>) -> AppState {
        test_state(answers)
    }

    fn type_headline(s: &mut AppState, text: &str) {
        let end = s.article().headline.len();
        assert!(s.apply(Edit::Splice {
            field: TextField::Headline,
            range: end..end,
            text: text.into(),
        }));
    }

    #[test]
    fn unsaved_changes_are_asked_about() {
        let mut s = state(vec![]);
        type_headline(&mut s, "Draft");
        s.request(Intent::New);
        assert_eq!(s.prompt, Some(Prompt::Unsaved(Intent::New)));
        s.answer(Choice::Cancel);
        assert_eq!(s.article().headline, "Draft");
        assert!(s.prompt.is_none());
        s.request(Intent::Quit);
        s.answer(Choice::Cancel);
        assert!(!s.quit_confirmed);
        s.request(Intent::New);
        s.answer(Choice::DontSave);
        assert_eq!(s.article().headline, "");
    }

    #[test]
    fn save_in_the_prompt_asks_where_then_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("draft");
        let mut s = state(vec![Answer::Chosen(target.clone())]);
        type_headline(&mut s, "Keep me");
        s.request(Intent::New);
        s.answer(Choice::Save);
        s.poll_dialogs();
        let saved = format::load(&target.with_extension("json")).unwrap();
        assert_eq!(saved.headline, "Keep me");
        assert_eq!(s.article().headline, "", "New went ahead after saving");
    }

    #[test]
    fn cancelling_save_as_in_the_prompt_keeps_everything() {
        let mut s = state(vec![Answer::Cancelled]);
        type_headline(&mut s, "Keep me");
        s.request(Intent::Quit);
        s.answer(Choice::Save);
        s.poll_dialogs();
        assert!(!s.quit_confirmed);
        assert_eq!(s.article().headline, "Keep me");
        assert!(s.is_dirty());
    }

    #[test]
    fn undo_back_to_the_saved_state_is_clean() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        assert!(s.save_to(&dir.path().join("a.json")));
        assert!(!s.is_dirty());
        type_headline(&mut s, "x");
        assert!(s.is_dirty());
        assert!(s.window_title().ends_with(" • — Copydesk"));
        s.undo();
        assert!(!s.is_dirty());
        assert_eq!(s.window_title(), "a.json — Copydesk");
    }

    #[test]
    fn an_edit_that_does_not_fit_changes_nothing() {
        let mut s = state(vec![]);
        let rev = s.revision();
        assert!(!s.apply(Edit::RemoveRelated(3)));
        assert_eq!(s.revision(), rev);
        assert!(!s.is_dirty());
    }

    #[test]
    fn first_run_opens_the_sample_untitled_and_later_runs_reopen_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        s.restore(None);
        assert!(s.article().headline.starts_with("WATCH: Jeremy Corbyn"));
        assert!(s.path.is_none());
        assert!(!s.is_dirty());
        let p = dir.path().join("a.json");
        assert!(s.save_to(&p));
        type_headline(&mut s, "!");
        // eframe's storage keeps which file, never the story: that is the journal's job
        let memory = s.memory();
        assert_eq!(memory.path.as_deref(), Some(p.as_path()));
        let stored = serde_json::to_value(&memory).unwrap();
        assert_eq!(stored, serde_json::json!({ "path": p }));

        let mut next = state(vec![]);
        next.restore(Some(memory));
        assert!(next.article().headline.ends_with("together'"));
        assert!(!next.is_dirty());
    }

    #[test]
    fn a_draft_from_an_older_version_is_restored_once() {
        let mut old = state(vec![]);
        type_headline(&mut old, "Old draft");
        let stored = serde_json::json!({
            "path": null,
            "draft": format::to_string(old.article()).unwrap(),
            "dirty": true,
        });
        let memory: SessionMemory = serde_json::from_value(stored).unwrap();
        let mut next = state(vec![]);
        next.restore(Some(memory));
        assert_eq!(next.article().headline, "Old draft");
        assert!(next.is_dirty());
    }

    #[test]
    fn the_document_is_rebuilt_only_after_a_change() {
        let mut s = state(vec![]);
        let a = s.document();
        let b = s.document();
        assert!(Arc::ptr_eq(&a, &b));
        type_headline(&mut s, "New");
        let c = s.document();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.headline, "New");
    }
}
