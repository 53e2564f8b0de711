//! Opening, saving, importing and exporting: the story's way to and from disk, through the
//! file dialogs (or the typed-path field where no dialog can be shown).
//!
//! Failures never lose anything: a file that cannot be opened is explained in plain words and
//! the open story is untouched; a save that fails leaves the old file as it was and the
//! changes in the window, unsaved.

use std::path::{Path, PathBuf};

use copydesk_core::article::Article;
use copydesk_core::{export, format, import};

use super::dialogs::{Answer, Purpose, Request};
use super::state::{AppState, Notice, PathEntry, Prompt};
use super::story::SaveOutcome;

/// The kinds of picture the Choose Image dialog offers.
pub const IMAGE_EXTENSIONS: [&str; 7] = ["png", "jpg", "jpeg", "webp", "gif", "tif", "tiff"];

impl AppState {
    /// Opens a file; on failure says why and leaves the open story as it was.
    pub fn open_path(&mut self, path: &Path) {
        match format::load_stamped(path) {
            Ok((article, stamp)) => {
                self.settings.recent.add(path);
                self.story
                    .replace(article, Some(path.to_path_buf()), Some(stamp));
                self.info = None;
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not open the story".into(),
                    message: format!("{}: {e}.", path.display()),
                });
            }
        }
    }

    /// Open Recent: opens the file if it is still there, else takes it off the list and says so.
    pub fn open_recent(&mut self, path: PathBuf) {
        if path.exists() {
            self.request(super::state::Intent::OpenPath(path));
        } else {
            self.settings.recent.remove(&path);
            self.notice = Some(Notice {
                title: "Could not open the story".into(),
                message: format!(
                    "{}: the file is no longer there; it has been taken off the list.",
                    path.display()
                ),
            });
        }
    }

    /// Revert: reload the file from disk, asking first when there are changes.
    pub fn revert(&mut self) {
        if self.story.path().is_none() {
            return;
        }
        if self.story.is_dirty() {
            self.prompt = Some(Prompt::Revert);
        } else {
            self.reload();
        }
    }

    /// Revert's answer: the file read again, as an edit Undo can take back.
    pub(in crate::app) fn reload(&mut self) {
        match self.story.revert() {
            Ok(()) => {
                self.info =
                    Some("Reverted to the saved story. Undo brings your changes back.".into())
            }
            Err(e) => {
                self.notice = Some(Notice {
                    title: "Could not revert the story".into(),
                    message: e,
                });
            }
        }
    }

    // ---------- saving ----------

    /// Saves to the story's file, or asks where. Returns whether the story is now saved.
    /// When someone else changed the file since it was loaded or saved, asks first.
    pub fn save(&mut self) -> bool {
        match self.story.path().map(Path::to_path_buf) {
            Some(p) if self.story.changed_on_disk(&p) => {
                self.prompt = Some(Prompt::Overwrite);
                false
            }
            Some(p) => self.write_to(&p),
            None => {
                self.save_as();
                false
            }
        }
    }

    /// Asks where to save the story.
    pub fn save_as(&mut self) {
        self.ask(Request {
            purpose: Purpose::SaveAs,
            title: "Save Story As".into(),
            filters: article_filter(),
            file_name: Some(self.save_as_name()),
            directory: self.folder(),
            save: true,
        });
    }

    /// The name Save As offers: the file's own name, or for a story never saved
    /// `<slug>.copydesk.json`, which Linux desktops recognise as a Copydesk story by name
    /// (see packaging/README.md) and every JSON tool still reads.
    pub fn save_as_name(&self) -> String {
        self.story
            .path()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| format!("{}.copydesk.json", self.file_stem()))
    }

    /// The name offered in save dialogs: the slug, or "story" for a story with no headline.
    fn file_stem(&self) -> String {
        match self.story.article().effective_slug() {
            s if s.is_empty() => "story".to_owned(),
            s => s,
        }
    }

    /// Saves the story to `path` (Save As): asks first when `path` is the story's own file
    /// and someone else changed it.
    pub fn save_to(&mut self, path: &Path) -> bool {
        if self.story.changed_on_disk(path) {
            self.prompt = Some(Prompt::Overwrite);
            return false;
        }
        self.write_to(path)
    }

    /// Writes the story to `path`; on failure says why, and the old file is untouched.
    pub(in crate::app) fn write_to(&mut self, path: &Path) -> bool {
        match self.story.write_to(path) {
            SaveOutcome::Saved => {
                self.settings.recent.add(path);
                if self.info.as_deref() == Some(super::safety::RESTORED) {
                    // kept now: "Save to keep them" would say the opposite of "Saved at"
                    self.info = None;
                }
                if let Some(problem) = self.story.take_history_problem() {
                    self.info = Some(format!("Saved, but {problem}"));
                }
                true
            }
            SaveOutcome::ChangedOnDisk => {
                self.prompt = Some(Prompt::Overwrite);
                false
            }
            SaveOutcome::Failed(e) => {
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

    /// The folder dialogs start in: the story's, else the last one used.
    fn folder(&self) -> Option<PathBuf> {
        self.story
            .path()
            .and_then(Path::parent)
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
        let wake = self.waker.as_fn();
        self.dialogs.ask(request, Box::new(move || wake()));
    }

    pub(in crate::app) fn ask_open(&mut self) {
        self.ask(Request {
            purpose: Purpose::Open,
            title: "Open Story".into(),
            filters: article_filter(),
            file_name: None,
            directory: self.folder(),
            save: false,
        });
    }

    pub(in crate::app) fn ask_import(&mut self) {
        self.ask(Request {
            purpose: Purpose::ImportNinjs,
            title: "Import ninjs".into(),
            filters: vec![("ninjs (News in JSON)".into(), vec!["json".into()])],
            file_name: None,
            directory: self.folder(),
            save: false,
        });
    }

    /// Asks for the desk's word list (a text file, one word a line, on a shared folder).
    pub fn pick_desk_dictionary(&mut self) {
        let directory = self
            .settings
            .spelling
            .desk
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.folder());
        self.ask(Request {
            purpose: Purpose::DeskDictionary,
            title: "Choose the Desk Dictionary".into(),
            filters: vec![("Word list".into(), vec!["txt".into(), "dic".into()])],
            file_name: None,
            directory,
            save: false,
        });
    }

    /// Asks for the desk's house style: a folder of Vale rules (one `.yml` file per rule).
    pub fn pick_desk_style(&mut self) {
        let directory = match &self.settings.spelling.style {
            crate::app::grammar::StyleBook::Folder(p) => p.parent().map(Path::to_path_buf),
            _ => self.folder(),
        };
        self.ask(Request {
            purpose: Purpose::DeskStyle,
            title: "Choose the Desk's Style Folder".into(),
            filters: Vec::new(),
            file_name: None,
            directory,
            save: false,
        });
    }

    /// Asks for a picture file for the story.
    pub fn pick_image(&mut self) {
        self.ask(Request {
            purpose: Purpose::PickImage,
            title: "Choose Image".into(),
            filters: vec![("Images".into(), IMAGE_EXTENSIONS.map(String::from).to_vec())],
            file_name: None,
            directory: self.folder(),
            save: false,
        });
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
                if self.save_to(&path) {
                    self.after_saved();
                }
            }
            Purpose::PickImage => {
                self.story.set_picture(path.display().to_string());
            }
            Purpose::DeskDictionary => self.set_desk_dictionary(Some(path)),
            Purpose::DeskStyle => {
                self.set_style_book(crate::app::grammar::StyleBook::Folder(path));
            }
            Purpose::DeskFolder | Purpose::DeskImage => self.handed_over = Some((purpose, path)),
            Purpose::ImportNinjs => match import::ninjs::import_file(&path) {
                Ok(article) => self.imported(article, &path),
                Err(e) => {
                    self.notice = Some(Notice {
                        title: "Could not import the ninjs file".into(),
                        message: format!("{}: {e}.", path.display()),
                    });
                }
            },
            Purpose::ExportHtml => {
                let text = export::html::render(self.story.article(), &self.settings.house_style);
                self.write_export(&path, "HTML page", &text);
                // Said at export time, not found out later by whoever opens the page.
                if let (Some(info), Some(why)) = (
                    self.info.as_mut(),
                    export::html::picture_left_out(self.story.article()),
                ) {
                    info.push_str(&format!("; {why}"));
                }
            }
            Purpose::ExportNinjs => {
                let text =
                    export::ninjs::to_string(self.story.article(), &self.settings.house_style);
                self.write_export(&path, "ninjs file", &text);
            }
        }
    }

    /// An imported story: a new, unsaved draft, so closing it asks first.
    fn imported(&mut self, article: Article, from: &Path) {
        self.replace(article, None);
        self.story.mark_unsaved();
        self.info = Some(format!("Imported {}", from.display()));
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
        let article = self.story.article();
        let path = std::env::temp_dir().join(format!("copydesk-preview-{}.html", article.id));
        let text = export::html::render(article, &self.settings.house_style);
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
    use crate::app::state::test_state as state;
    use copydesk_core::edit::Edit;
    use copydesk_core::field::TextField;

    fn type_headline(s: &mut AppState, text: &str) {
        assert!(
            s.story
                .apply(Edit::SetText(TextField::Headline, text.into()))
        );
    }

    #[test]
    fn a_failed_open_keeps_the_story() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{ not json").unwrap();
        let mut s = state(vec![]);
        type_headline(&mut s, "Mine");
        s.open_path(&bad);
        assert_eq!(s.story.article().headline, "Mine");
        let n = s.notice.clone().unwrap();
        assert!(n.message.contains("line 1, column 3"), "{}", n.message);
        assert!(s.story.is_dirty());
    }

    #[test]
    fn save_as_offers_the_slug_as_a_story_file_then_the_files_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        type_headline(&mut s, "Council tax to rise");
        assert_eq!(s.save_as_name(), "council-tax-to-rise.copydesk.json");
        let p = dir.path().join("budget.json");
        assert!(s.save_to(&p));
        assert_eq!(s.save_as_name(), "budget.json");
    }

    #[test]
    fn a_failed_save_keeps_changes_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = state(vec![]);
        type_headline(&mut s, "Mine");
        assert!(!s.save_to(&dir.path().join("missing").join("a.json")));
        assert!(s.story.is_dirty());
        assert!(s.notice.unwrap().message.contains("folder does not exist"));
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
        assert!(!s.story.is_dirty());
    }

    #[test]
    fn a_chosen_picture_is_one_undo_step() {
        let mut s = state(vec![Answer::Chosen("/pictures/a.jpg".into())]);
        s.pick_image();
        s.poll_dialogs();
        assert_eq!(
            s.story.article().image.as_ref().unwrap().source,
            "/pictures/a.jpg"
        );
        s.story.undo();
        assert!(s.story.article().image.is_none());
    }

    #[test]
    fn a_missing_recent_file_is_taken_off_the_list() {
        let mut s = state(vec![]);
        let gone = PathBuf::from("/nowhere/gone.json");
        s.settings.recent.add(&gone);
        s.open_recent(gone);
        assert!(s.settings.recent.paths().is_empty());
        assert!(s.notice.unwrap().message.contains("no longer there"));
    }
}
