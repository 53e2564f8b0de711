//! The open story and every command on it, with no drawing: the window calls these and
//! draws what they leave behind (a prompt, a notice, a dialog request).
//!
//! Two rules live here. **Every change to the story goes through [`Story::apply`]**: the
//! panes describe changes as [`copydesk_core::edit::Edit`]s and never touch the [`Article`]
//! (the story session's field is private to [`crate::app::story`]). **Nothing a user typed is lost**: every command that
//! would replace the story (New, Open, Open Recent, a dropped file, Quit) goes through
//! [`AppState::request`], which asks Save / Don't Save / Cancel first when there are unsaved
//! changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::document::HouseStyle;
use copydesk_core::format;

use super::dialogs::{FileDialogs, Purpose};
use super::journal::Orphan;
use super::recent::Recent;
use super::story::{Kit, Story, Waker};

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
    /// Open a WordPress post (by id, from the site in the publish panel) as a story.
    OpenPost(u64),
    /// Open a post the desk read from its site, as that story.
    OpenPostStory(Box<Article>),
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
    /// WordPress sites published to, the last used first (never their passwords).
    pub sites: Vec<super::publishing::SiteSetting>,
    /// The name the versions this user saves are signed with; empty for the computer
    /// account's name ([`crate::app::who::default_name`]).
    pub your_name: String,
}

/// The spelling settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SpellingSettings {
    /// Check spelling as the story is written.
    pub enabled: bool,
    /// The desk's word list (one word a line), on a shared folder.
    pub desk: Option<PathBuf>,
    /// Check grammar as the story is written (English stories, in their dialect).
    pub grammar: bool,
    /// The house style checked as the story is written.
    pub style: super::grammar::StyleBook,
}

impl Default for SpellingSettings {
    fn default() -> Self {
        SpellingSettings {
            enabled: true,
            desk: None,
            grammar: true,
            style: super::grammar::StyleBook::None,
        }
    }
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

/// Starts a Copydesk window that restores a journal entry, given its id.
pub type Launcher = Box<dyn Fn(&str) -> std::io::Result<()>>;

/// The window's state: the story in the editor, settings, and whatever the window must show
/// next (a prompt, a notice, a path field).
pub struct AppState {
    /// The story in the editor: every change to it goes through its [`Story::apply`].
    pub story: Story,
    /// The user's settings.
    pub settings: Settings,
    /// A question waiting for an answer.
    pub prompt: Option<Prompt>,
    /// A message waiting to be read.
    pub notice: Option<Notice>,
    /// A path field shown because no file dialog could be.
    pub path_entry: Option<PathEntry>,
    /// A line of news for the status bar, such as where an export went.
    pub info: Option<String>,
    /// News that holds only until the story changes again ("Restored … Undo takes it
    /// back"): the story's revision when it was said, and what was said.
    pub(in crate::app) info_lasts: Option<(u64, String)>,
    /// Set when the window may close (no unsaved changes, or the user chose).
    pub quit_confirmed: bool,
    pub(in crate::app) dialogs: Box<dyn FileDialogs>,
    /// Wakes the window from any thread; shared with every story session it starts.
    pub(in crate::app) waker: Waker,
    /// What to do once a Save As started by a prompt has finished.
    pub(in crate::app) after_save: Option<Intent>,
    /// Stories a crashed Copydesk left, offered for recovery.
    pub recovery: Vec<Orphan>,
    /// Starts a Copydesk window restoring a journal entry: none until the window gives the
    /// program to start ([`AppState::set_launcher`] with
    /// [`crate::app::safety::launch_window`]); tests record the call.
    pub(in crate::app) launcher: Launcher,
    /// The user's own word list (none without a data folder, as in tests).
    pub(in crate::app) personal_dictionary: Option<PathBuf>,
    /// The user's own house-style rules (a folder in the user's data folder).
    pub(in crate::app) own_style: Option<PathBuf>,
    /// A path chosen for the window rather than the story (a desk folder, a picture for the
    /// desk's review): the window takes it (see `crate::ui::desk`).
    pub handed_over: Option<(Purpose, PathBuf)>,
    /// The publish panel and the publish under way.
    pub publishing: super::publishing::Publishing,
    /// Signs the versions every save in this window keeps ([`Settings::your_name`]).
    pub(in crate::app) signer: crate::app::who::Signer,
}

impl AppState {
    /// A state holding `article`, as if just opened from `path` (or untitled), with no
    /// recovery journal (see [`AppState::attach_journal`]).
    pub fn new(article: Article, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        let waker = Waker::default();
        let kit = Kit::plain(waker.clone());
        let story = Story::unjournaled(article, path, None, &kit);
        AppState {
            signer: kit.signer,
            story,
            settings: Settings::default(),
            prompt: None,
            notice: None,
            path_entry: None,
            info: None,
            info_lasts: None,
            quit_confirmed: false,
            dialogs,
            waker,
            after_save: None,
            recovery: Vec::new(),
            launcher: Box::new(|_| {
                Err(std::io::Error::other(
                    "Copydesk could not find its own program to start a window with",
                ))
            }),
            personal_dictionary: None,
            own_style: None,
            handed_over: None,
            publishing: super::publishing::Publishing::default(),
        }
    }

    /// What a new story session of this window is given: the waker, the word lists, the
    /// house style and the journal's folder (the desk's review starts its sessions with it).
    pub fn kit(&self) -> Kit {
        Kit {
            waker: self.waker.clone(),
            lists: self.spelling_lists(),
            style: self.settings.house_style.clone(),
            journal_dir: self.story.journal_dir(),
            signer: self.signer.clone(),
        }
    }

    /// The bundled reference story as an untitled copy: Save asks where.
    pub fn sample_article() -> Article {
        format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes())
            .expect("the bundled sample is valid (tests/sample.rs loads it)")
    }

    /// What wakes the window (from any thread): a dialog's answer, a worker's news.
    pub fn waker(&self) -> Arc<dyn Fn() + Send + Sync> {
        self.waker.as_fn()
    }

    /// Sets what wakes the window when a dialog or a worker answers from another thread.
    pub fn set_waker(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.waker.set(Arc::new(wake));
    }

    /// "Headline • — Copydesk": the headline (or file name), a dot for unsaved changes.
    pub fn window_title(&self) -> String {
        let mark = if self.story.is_dirty() { " •" } else { "" };
        format!("{}{mark} — Copydesk", self.story.title())
    }

    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialogs.is_open()
    }

    /// Uses the settings' house style in the editor's story (after the setting changed).
    pub fn invalidate(&mut self) {
        self.story.set_style(&self.settings.house_style);
        self.story.invalidate();
    }

    // ---------- commands that may discard the story ----------

    /// Carries out `intent`, asking about unsaved changes first.
    pub fn request(&mut self, intent: Intent) {
        if self.story.is_dirty() {
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
                    // A deliberate Don't Save: the changes are not kept for recovery either,
                    // now or in the frames left before the window closes.
                    self.story.forget_journal();
                }
                self.perform(intent);
            }
            (Prompt::Unsaved(intent), Choice::Save) => {
                self.after_save = Some(intent);
                if self.story.path().is_some() {
                    if self.save() {
                        self.after_saved();
                    }
                } else {
                    self.save_as();
                }
            }
            (Prompt::Revert, Choice::Save | Choice::DontSave) => self.reload(),
            (Prompt::Overwrite, Choice::Save) => {
                if let Some(path) = self.story.path().map(Path::to_path_buf)
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
            Intent::OpenPost(id) => self.open_post(id),
            Intent::OpenPostStory(article) => self.open_post_story(*article),
            Intent::Quit => self.quit_confirmed = true,
        }
    }

    /// Says `news` in the status bar until the story changes again (an undo, an edit).
    pub fn say_until_change(&mut self, news: String) {
        self.info_lasts = Some((self.story.revision(), news.clone()));
        self.info = Some(news);
    }

    /// Takes back news that held only until the story changed, once it has.
    pub(in crate::app) fn forget_stale_news(&mut self) {
        if let Some((revision, news)) = &self.info_lasts
            && *revision != self.story.revision()
        {
            if self.info.as_ref() == Some(news) {
                self.info = None;
            }
            self.info_lasts = None;
        }
    }

    /// Carries out what was waiting for a save (the intent of an Unsaved prompt).
    pub(in crate::app) fn after_saved(&mut self) {
        if let Some(intent) = self.after_save.take() {
            self.perform(intent);
        }
    }

    /// Puts a new story in the editor with a fresh history. The story it replaces was saved
    /// or its changes thrown away on purpose, so its journal entry goes.
    pub fn replace(&mut self, article: Article, path: Option<PathBuf>) {
        self.story.replace(article, path, None);
        self.info = None;
    }

    // ---------- between runs ----------

    /// What to remember of the story for the next run: its file.
    pub fn memory(&self) -> SessionMemory {
        SessionMemory {
            path: self.story.path().map(Path::to_path_buf),
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
            let disk = memory
                .path
                .as_deref()
                .and_then(|p| format::load_stamped(p).ok())
                .map(|(_, stamp)| stamp);
            self.story.replace(article, memory.path.clone(), disk);
            if memory.dirty {
                self.story.mark_unsaved();
            }
            return;
        }
        if let Some(path) = &memory.path {
            self.open_path(path);
        }
    }
}

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
    use copydesk_core::edit::Edit;
    use copydesk_core::field::TextField;

    fn state(answers: Vec<Answer>) -> AppState {
        test_state(answers)
    }

    fn type_headline(s: &mut AppState, text: &str) {
        let end = s.story.article().headline.len();
        assert!(s.story.apply(Edit::Splice {
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
        assert_eq!(s.story.article().headline, "Draft");
        assert!(s.prompt.is_none());
        s.request(Intent::Quit);
        s.answer(Choice::Cancel);
        assert!(!s.quit_confirmed);
        s.request(Intent::New);
        s.answer(Choice::DontSave);
        assert_eq!(s.story.article().headline, "");
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
        assert_eq!(
            s.story.article().headline,
            "",
            "New went ahead after saving"
        );
    }

    #[test]
    fn cancelling_save_as_in_the_prompt_keeps_everything() {
        let mut s = state(vec![Answer::Cancelled]);
        type_headline(&mut s, "Keep me");
        s.request(Intent::Quit);
        s.answer(Choice::Save);
        s.poll_dialogs();
        assert!(!s.quit_confirmed);
        assert_eq!(s.story.article().headline, "Keep me");
        assert!(s.story.is_dirty());
    }

    #[test]
    fn undo_back_to_the_saved_state_is_clean() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        assert!(s.save_to(&dir.path().join("a.json")));
        assert!(!s.story.is_dirty());
        type_headline(&mut s, "x");
        assert!(s.story.is_dirty());
        assert!(s.window_title().ends_with(" • — Copydesk"));
        s.story.undo();
        assert!(!s.story.is_dirty());
        assert_eq!(s.window_title(), "a.json — Copydesk");
    }

    #[test]
    fn an_edit_that_does_not_fit_changes_nothing() {
        let mut s = state(vec![]);
        let rev = s.story.revision();
        assert!(!s.story.apply(Edit::RemoveRelated(3)));
        assert_eq!(s.story.revision(), rev);
        assert!(!s.story.is_dirty());
    }

    #[test]
    fn first_run_opens_the_sample_untitled_and_later_runs_reopen_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        s.restore(None);
        assert!(
            s.story
                .article()
                .headline
                .starts_with("WATCH: Jeremy Corbyn")
        );
        assert!(s.story.path().is_none());
        assert!(!s.story.is_dirty());
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
        assert!(next.story.article().headline.ends_with("together'"));
        assert!(!next.story.is_dirty());
    }

    #[test]
    fn a_draft_from_an_older_version_is_restored_once() {
        let mut old = state(vec![]);
        type_headline(&mut old, "Old draft");
        let stored = serde_json::json!({
            "path": null,
            "draft": format::to_string(old.story.article()).unwrap(),
            "dirty": true,
        });
        let memory: SessionMemory = serde_json::from_value(stored).unwrap();
        let mut next = state(vec![]);
        next.restore(Some(memory));
        assert_eq!(next.story.article().headline, "Old draft");
        assert!(next.story.is_dirty());
    }

    #[test]
    fn the_document_is_rebuilt_only_after_a_change() {
        let mut s = state(vec![]);
        let a = s.story.document();
        let b = s.story.document();
        assert!(Arc::ptr_eq(&a, &b));
        type_headline(&mut s, "New");
        let c = s.story.document();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(c.headline, "New");
    }
}
