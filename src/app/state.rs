//! The open story and every command on it, with no drawing: the window calls these and
//! draws what they leave behind (a prompt, a notice, a dialog request).
//!
//! The rule that nothing a user typed is lost lives here: every command that would replace
//! the story (New, Open, Open Recent, a dropped file, Quit) goes through [`AppState::request`],
//! which asks Save / Don't Save / Cancel first when there are unsaved changes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Local, Utc};

use super::dialogs::{Answer, FileDialogs, Purpose, Request};
use super::history::{EditKey, History};
use super::recent::Recent;
use crate::article::Article;
use crate::document::{Document, HouseStyle};
use crate::format;

/// A command that replaces the open story or closes the window.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    New,
    /// Ask for a file with the Open dialog.
    Open,
    /// Open this file (Open Recent, a dropped file, the command line).
    OpenPath(PathBuf),
    /// Ask for a ninjs file and import it as a new draft.
    ImportNinjs,
    Quit,
}

/// A question the window must show before going on.
#[derive(Debug, Clone, PartialEq)]
pub enum Prompt {
    /// "Save changes to …?" before carrying out the intent.
    Unsaved(Intent),
    /// "Discard your changes and reload …?"
    Revert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Save,
    DontSave,
    Cancel,
}

/// A message for the user: an error in plain words, or news.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub title: String,
    pub message: String,
}

/// A path typed by hand, when this desktop cannot show a file dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct PathEntry {
    pub purpose: Purpose,
    pub text: String,
}

/// Settings that travel with the user between runs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    pub house_style: HouseStyle,
    pub recent: Recent,
}

/// What is remembered of the open story between runs.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SessionMemory {
    pub path: Option<PathBuf>,
    /// The story as file text, kept when it has unsaved changes or was never saved.
    pub draft: Option<String>,
    pub dirty: bool,
}

pub struct AppState {
    pub article: Article,
    pub path: Option<PathBuf>,
    pub settings: Settings,
    pub prompt: Option<Prompt>,
    pub notice: Option<Notice>,
    pub path_entry: Option<PathEntry>,
    pub last_saved: Option<DateTime<Local>>,
    /// A line of news for the status bar, such as where an export went.
    pub info: Option<String>,
    /// Set when the window may close (no unsaved changes, or the user chose).
    pub quit_confirmed: bool,
    /// The user quit with "Don't Save": the changes are not kept for the next run either.
    discard_on_exit: bool,
    history: History,
    saved_revision: Option<u64>,
    dialogs: Box<dyn FileDialogs>,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// What to do once a Save As started by a prompt has finished.
    after_save: Option<Intent>,
    document: Option<(u64, Arc<Document>)>,
}

impl AppState {
    /// A state holding `article`, as if just opened from `path` (or untitled).
    pub fn new(article: Article, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        let history = History::new(&article);
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
        }
    }

    /// The bundled reference story as an untitled copy: Save asks where.
    pub fn sample_article() -> Article {
        format::from_bytes(crate::SAMPLE_STORY.as_bytes()).expect("the bundled sample is valid")
    }

    /// Sets what wakes the window when a dialog answers from another thread.
    pub fn set_waker(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.wake = Arc::new(wake);
    }

    // ---------- state ----------

    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Changes with every edit, undo and redo; views cache derived data by it.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// The story as readers see it, rebuilt only when the article changed.
    pub fn document(&mut self) -> Arc<Document> {
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

    /// Drops cached views after a change that is not an edit (the house style).
    pub fn invalidate(&mut self) {
        self.document = None;
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

    pub fn dialog_open(&self) -> bool {
        self.dialogs.is_open()
    }

    // ---------- editing ----------

    /// Call after the window changed `article` through a widget.
    pub fn edited(&mut self, key: EditKey) {
        self.article.modified = Utc::now();
        self.history.record(key, &self.article, Instant::now());
    }

    /// Ends the typing group (focus moved, a command ran).
    pub fn break_undo_group(&mut self) {
        self.history.break_group();
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    pub fn undo(&mut self) {
        if let Some(a) = self.history.undo() {
            self.article = a.clone();
        }
    }

    pub fn redo(&mut self) {
        if let Some(a) = self.history.redo() {
            self.article = a.clone();
        }
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
                }
                self.perform(intent)
            }
            (Prompt::Unsaved(intent), Choice::Save) => {
                if self.path.is_some() {
                    if self.save() {
                        self.perform(intent);
                    }
                } else {
                    self.after_save = Some(intent);
                    self.save_as();
                }
            }
            (Prompt::Revert, Choice::Save | Choice::DontSave) => self.reload(),
        }
    }

    fn perform(&mut self, intent: Intent) {
        match intent {
            Intent::New => self.replace(Article::new(), None),
            Intent::Open => self.ask(Request {
                purpose: Purpose::Open,
                title: "Open Story".into(),
                filters: article_filter(),
                file_name: None,
                directory: self.folder(),
                save: false,
            }),
            Intent::OpenPath(p) => self.open_path(&p),
            Intent::ImportNinjs => self.ask(Request {
                purpose: Purpose::ImportNinjs,
                title: "Import ninjs".into(),
                filters: vec![("ninjs (News in JSON)".into(), vec!["json".into()])],
                file_name: None,
                directory: self.folder(),
                save: false,
            }),
            Intent::Quit => self.quit_confirmed = true,
        }
    }

    /// Opens a file; on failure says why and leaves the open story as it was.
    pub fn open_path(&mut self, path: &Path) {
        match format::load(path) {
            Ok(article) => {
                self.settings.recent.add(path);
                self.replace(article, Some(path.to_path_buf()));
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not open the story".into(),
                    message: format!("{}: {e}.", path.display()),
                });
            }
        }
    }

    /// Puts a new story in the window with a fresh history.
    pub fn replace(&mut self, article: Article, path: Option<PathBuf>) {
        self.history = History::new(&article);
        self.saved_revision = Some(self.history.revision());
        self.article = article;
        self.path = path;
        self.last_saved = None;
        self.info = None;
        self.document = None;
    }

    /// Revert: reload the file from disk, asking first when there are changes.
    pub fn revert(&mut self) {
        if self.path.is_none() {
            return;
        }
        if self.is_dirty() {
            self.prompt = Some(Prompt::Revert);
        } else {
            self.reload();
        }
    }

    fn reload(&mut self) {
        if let Some(p) = self.path.clone() {
            self.open_path(&p);
        }
    }

    // ---------- saving ----------

    /// Saves to the story's file, or asks where. Returns whether the story is now saved.
    pub fn save(&mut self) -> bool {
        match self.path.clone() {
            Some(p) => self.save_to(&p),
            None => {
                self.save_as();
                false
            }
        }
    }

    pub fn save_as(&mut self) {
        self.ask(Request {
            purpose: Purpose::SaveAs,
            title: "Save Story As".into(),
            filters: article_filter(),
            file_name: Some(format!("{}.json", self.file_stem())),
            directory: self.folder(),
            save: true,
        });
    }

    /// The name offered in save dialogs: the slug, or "story" for a story with no headline.
    fn file_stem(&self) -> String {
        match self.article.effective_slug() {
            s if s.is_empty() => "story".to_owned(),
            s => s,
        }
    }

    /// Writes the story to `path`; on failure says why, and the old file is untouched.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match format::save(path, &self.article) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.saved_revision = Some(self.history.revision());
                self.last_saved = Some(Local::now());
                self.settings.recent.add(path);
                true
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not save the story".into(),
                    message: format!(
                        "{}: {e}. Your changes are still here, unsaved.",
                        path.display()
                    ),
                });
                false
            }
        }
    }

    // ---------- dialogs ----------

    fn folder(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .or_else(|| {
                self.settings
                    .recent
                    .paths()
                    .first()
                    .and_then(|p| p.parent())
                    .map(Path::to_path_buf)
            })
    }

    /// Opens a file dialog; the answer arrives through [`AppState::poll_dialogs`].
    pub fn ask(&mut self, request: Request) {
        if self.dialogs.is_open() {
            return;
        }
        let wake = self.wake.clone();
        self.dialogs.ask(request, Box::new(move || wake()));
    }

    /// Takes a dialog's answer, if one came in, and acts on it. Call once a frame.
    pub fn poll_dialogs(&mut self) {
        if let Some((purpose, answer)) = self.dialogs.poll() {
            match answer {
                Answer::Chosen(path) => self.chosen(purpose, path),
                Answer::Cancelled => self.after_save = None,
                Answer::Unavailable => {
                    self.path_entry = Some(PathEntry {
                        purpose,
                        text: self
                            .folder()
                            .map(|d| format!("{}/", d.display()))
                            .unwrap_or_default(),
                    });
                }
            }
        }
    }

    /// Acts on a path chosen in a dialog or typed into the path field.
    pub fn chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.open_path(&path),
            Purpose::SaveAs => {
                let path = with_json_extension(path);
                if self.save_to(&path)
                    && let Some(intent) = self.after_save.take()
                {
                    self.perform(intent);
                }
            }
            Purpose::PickImage => {
                let image = self.article.image.get_or_insert_with(Default::default);
                image.source = path.display().to_string();
                self.edited(EditKey::Command);
            }
            Purpose::ImportNinjs => match crate::export::ninjs::import_file(&path) {
                Ok(article) => {
                    self.replace(article, None);
                    // An import is a new, unsaved draft: closing it asks first.
                    self.saved_revision = None;
                    self.info = Some(format!("Imported {}", path.display()));
                }
                Err(e) => {
                    self.notice = Some(Notice {
                        title: "Could not import the ninjs file".into(),
                        message: format!("{}: {e}.", path.display()),
                    });
                }
            },
            Purpose::ExportHtml => {
                let text = crate::export::html::render(&self.article, &self.settings.house_style);
                self.write_export(&path, "HTML page", &text);
            }
            Purpose::ExportNinjs => {
                let text =
                    crate::export::ninjs::to_string(&self.article, &self.settings.house_style);
                self.write_export(&path, "ninjs file", &text);
            }
        }
    }

    fn write_export(&mut self, path: &Path, what: &str, text: &str) {
        match format::atomic::write(path, text.as_bytes()) {
            Ok(()) => self.info = Some(format!("Exported the {what} to {}", path.display())),
            Err(e) => {
                self.notice = Some(Notice {
                    title: format!("Could not export the {what}"),
                    message: format!("{}: {}.", path.display(), format::SaveError::Io(e)),
                });
            }
        }
    }

    /// Asks where to write the story as a standalone HTML page.
    pub fn export_html(&mut self) {
        self.ask_export(Purpose::ExportHtml, "Export HTML Page", "HTML page", "html");
    }

    /// Asks where to write the story as IPTC ninjs 3.1.
    pub fn export_ninjs(&mut self) {
        self.ask_export(
            Purpose::ExportNinjs,
            "Export ninjs",
            "ninjs (News in JSON)",
            "json",
        );
    }

    fn ask_export(&mut self, purpose: Purpose, title: &str, kind: &str, ext: &str) {
        let stem = self.file_stem();
        let suffix = if purpose == Purpose::ExportNinjs {
            ".ninjs"
        } else {
            ""
        };
        self.ask(Request {
            purpose,
            title: title.into(),
            filters: vec![(kind.into(), vec![ext.into()])],
            file_name: Some(format!("{stem}{suffix}.{ext}")),
            directory: self.folder(),
            save: true,
        });
    }

    /// Writes the HTML page to a temporary file for the browser; returns its path.
    pub fn html_for_browser(&mut self) -> Option<PathBuf> {
        let path = std::env::temp_dir().join(format!("copydesk-preview-{}.html", self.article.id));
        let text = crate::export::html::render(&self.article, &self.settings.house_style);
        match format::atomic::write(&path, text.as_bytes()) {
            Ok(()) => Some(path),
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not open the page in a browser".into(),
                    message: format!("{}: {}.", path.display(), format::SaveError::Io(e)),
                });
                None
            }
        }
    }

    /// The path typed into the fallback field was confirmed.
    pub fn confirm_path_entry(&mut self) {
        if let Some(entry) = self.path_entry.take() {
            let text = entry.text.trim();
            if !text.is_empty() {
                self.chosen(entry.purpose, PathBuf::from(text));
            }
        }
    }

    // ---------- between runs ----------

    pub fn memory(&self) -> SessionMemory {
        if self.discard_on_exit {
            // The next run opens the file as saved, or a blank story.
            return SessionMemory {
                path: self.path.clone(),
                draft: None,
                dirty: false,
            };
        }
        let keep_draft = self.is_dirty() || self.path.is_none();
        SessionMemory {
            path: self.path.clone(),
            draft: keep_draft
                .then(|| format::to_string(&self.article).ok())
                .flatten(),
            dirty: self.is_dirty(),
        }
    }

    /// Starts as the user left it: a draft with its unsaved changes, or the last file; on a
    /// first run (`memory` is `None`) the sample story as an untitled copy.
    pub fn restore(&mut self, memory: Option<SessionMemory>) {
        let Some(memory) = memory else {
            self.replace(Self::sample_article(), None);
            return;
        };
        if let Some(draft) = &memory.draft
            && let Ok(article) = format::from_bytes(draft.as_bytes())
        {
            self.replace(article, memory.path.clone());
            if memory.dirty {
                // Mark as unsaved: the draft differs from the file on disk.
                self.saved_revision = None;
            }
            return;
        }
        if let Some(path) = &memory.path {
            self.open_path(path);
        }
    }
}

fn article_filter() -> Vec<(String, Vec<String>)> {
    vec![("Copydesk article".into(), vec![format::EXTENSION.into()])]
}

/// Adds `.json` to a name typed without an extension.
fn with_json_extension(path: PathBuf) -> PathBuf {
    if path.extension().is_none() {
        path.with_extension(format::EXTENSION)
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::dialogs::ScriptedDialogs;

    fn state(answers: Vec<Answer>) -> AppState {
        AppState::new(
            Article::new(),
            None,
            Box::new(ScriptedDialogs::answering(answers)),
        )
    }

    fn type_headline(s: &mut AppState, text: &str) {
        s.article.headline.push_str(text);
        s.edited(EditKey::Field("headline"));
    }

    #[test]
    fn unsaved_changes_are_asked_about() {
        let mut s = state(vec![]);
        type_headline(&mut s, "Draft");
        s.request(Intent::New);
        assert_eq!(s.prompt, Some(Prompt::Unsaved(Intent::New)));
        s.answer(Choice::Cancel);
        assert_eq!(s.article.headline, "Draft");
        assert!(s.prompt.is_none());
        s.request(Intent::Quit);
        s.answer(Choice::Cancel);
        assert!(!s.quit_confirmed);
        s.request(Intent::New);
        s.answer(Choice::DontSave);
        assert_eq!(s.article.headline, "");
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
        assert_eq!(s.article.headline, "", "New went ahead after saving");
    }

    #[test]
    fn cancelling_save_as_in_the_prompt_keeps_everything() {
        let mut s = state(vec![Answer::Cancelled]);
        type_headline(&mut s, "Keep me");
        s.request(Intent::Quit);
        s.answer(Choice::Save);
        s.poll_dialogs();
        assert!(!s.quit_confirmed);
        assert_eq!(s.article.headline, "Keep me");
        assert!(s.is_dirty());
    }

    #[test]
    fn a_failed_open_keeps_the_story() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{ not json").unwrap();
        let mut s = state(vec![]);
        type_headline(&mut s, "Mine");
        s.open_path(&bad);
        assert_eq!(s.article.headline, "Mine");
        let n = s.notice.clone().unwrap();
        assert!(n.message.contains("line 1, column 3"), "{}", n.message);
        assert!(s.is_dirty());
    }

    #[test]
    fn a_failed_save_keeps_changes_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        type_headline(&mut s, "Mine");
        assert!(!s.save_to(&dir.path().join("missing").join("a.json")));
        assert!(s.is_dirty());
        assert!(s.notice.unwrap().message.contains("folder does not exist"));
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
    fn no_dialog_offers_a_path_field() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![Answer::Unavailable]);
        s.save_as();
        s.poll_dialogs();
        let entry = s.path_entry.as_mut().expect("a path field is offered");
        assert_eq!(entry.purpose, Purpose::SaveAs);
        entry.text = dir.path().join("typed.json").display().to_string();
        s.confirm_path_entry();
        assert!(dir.path().join("typed.json").exists());
        assert!(!s.is_dirty());
    }

    #[test]
    fn first_run_opens_the_sample_untitled_and_later_runs_restore() {
        let mut s = state(vec![]);
        s.restore(None);
        assert!(s.article.headline.starts_with("WATCH: Jeremy Corbyn"));
        assert!(s.path.is_none());
        assert!(!s.is_dirty());
        type_headline(&mut s, "!");
        let memory = s.memory();
        assert!(memory.dirty && memory.draft.is_some());

        let mut next = state(vec![]);
        next.restore(Some(memory));
        assert!(next.article.headline.ends_with("together'!"));
        assert!(next.is_dirty());
    }

    #[test]
    fn quitting_with_dont_save_keeps_nothing_for_the_next_run() {
        let mut s = state(vec![]);
        s.restore(None);
        type_headline(&mut s, "!");
        s.request(Intent::Quit);
        s.answer(Choice::DontSave);
        assert!(s.quit_confirmed);
        let memory = s.memory();
        assert_eq!(memory.draft, None);
        let mut next = state(vec![]);
        next.restore(Some(memory));
        assert_eq!(
            next.article.headline, "",
            "a blank story, not the discarded one"
        );
        assert!(!next.is_dirty());
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
