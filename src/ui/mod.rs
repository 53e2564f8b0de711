//! The egui window: one file per pane, drawing [`AppState`] and turning clicks and keys into
//! [`Action`]s. Nothing here decides what a story is or how it is saved.
//!
//! - [`commands`]: the command table (labels and shortcuts, defined once).
//! - [`menus`]: the menu bar, built from the command table.
//! - [`editor`] and [`find_bar`]: the body editor with find and replace.
//! - [`metadata`]: the metadata panel and its checks list.
//! - [`preview`]: the story as readers will see it.
//! - [`status`]: the status bar.
//! - [`modals`]: the unsaved-changes prompt, notices, the typed-path fallback, help windows.
//! - [`safety`]: recovering what a crash left, and the bar for changes others made.
//! - [`text_box`]: text fields that report edits instead of changing the story.
//! - [`tokens`] and [`fonts`]: colours, sizes and faces.
//! - [`layout`]: how the window shares its width between the body and the side panels.
//! - [`desk`]: the desk view, a folder of stories in one table, drawn instead of the editor.
//!
//! **How an edit flows.** A keystroke in the body reaches egui's `TextEdit`, which edits a
//! [`text_box::SpliceRecorder`]; the recorder shows the keystroke at once and records it as an
//! [`Edit::Splice`]. The editor pane pushes `Action::Edit`; after the panes have drawn, the
//! window's one dispatcher (`CopydeskApp::perform`) applies it to the story in focus — the
//! editor's, or the desk review's ([`CopydeskApp::story_in_focus`]) — through
//! [`crate::app::story::Story::apply`]: the story changes, undo records the inverse, the
//! revision moves on, and the story's journal, spelling and derive copies get the same edit. The status bar is drawn after that, so it shows the new
//! counts and "Unsaved changes" in the same frame; the panes drawn before the editor (metadata,
//! preview) catch up in the next frame, which the app asks for at once. The preview and checks
//! are rebuilt from the story for the new revision; the recovery journal and the file on disk
//! get the story when it is saved (see [`crate::app::files`]).

pub mod commands;
pub mod desk;
pub mod editor;
pub mod find_bar;
pub mod fonts;
pub mod layout;
pub mod menus;
pub mod metadata;
pub mod modals;
pub mod picture;
pub mod preview;
pub mod safety;
pub mod spelling;
pub mod status;
pub mod text_box;
pub mod tokens;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use copydesk_core::article::DateStyle;
use copydesk_core::edit::Edit;
use copydesk_core::field::Field;

use crate::app::dialogs::{FileDialogs, NativeDialogs};
use crate::app::history::Selection;
use crate::app::state::{AppState, Choice, Intent, SessionMemory, Settings};
use crate::app::story::Story;
use commands::Command;

const SETTINGS_KEY: &str = "copydesk.settings";
const SESSION_KEY: &str = "copydesk.session";
const VIEW_KEY: &str = "copydesk.view";

/// The app id, reverse-DNS: the Wayland app id, the desktop entry's name, the package id.
pub const APP_ID: &str = "org.copydesk.Copydesk";

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the desktop's setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// View preferences remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    /// Whether the metadata panel is shown.
    pub show_metadata: bool,
    /// Whether the preview is shown.
    pub show_preview: bool,
    /// Light or dark.
    pub theme: ThemeChoice,
}

impl Default for ViewPrefs {
    fn default() -> Self {
        ViewPrefs {
            show_metadata: true,
            show_preview: true,
            theme: ThemeChoice::System,
        }
    }
}

/// What a pane asks the app to do. Panes push these; the app carries them out after the
/// panes have drawn, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the story.
    Edit(Edit),
    /// A burst of typing ended (a field lost focus): the next edit is a new undo step.
    EndTyping,
    /// Replace the story or close the window, asking about unsaved changes first.
    Intent(Intent),
    /// A command from the table (a menu item or a shortcut).
    Command(Command),
    /// Open a story from the Open Recent list.
    OpenRecent(PathBuf),
    /// Choose a picture file for the story.
    PickImage,
    /// Take the user to a field, selecting this byte range of its text when given (a
    /// checked problem: the placeholder word, the broken anchor).
    Focus(Field, Option<Range<usize>>),
    /// Select this byte range of the body and put the cursor there.
    SelectBody(Range<usize>),
    /// Show a find match in the body, scrolled into view, leaving the keyboard where it is.
    ShowMatch(Range<usize>),
    /// Close the find bar, selecting the match last gone to.
    CloseFind,
    /// Select the body's anchor of the related link with this id (after placing it).
    ShowAnchor(String),
    /// Open the spelling menu for a misspelt word, at a place on the screen.
    OpenSpellMenu(crate::app::spelling::Miss, egui::Pos2),
    /// Add a word to a word list.
    AddWord(crate::app::word_lists::WordListKind, String),
    /// Take a word as right in this story.
    IgnoreWord(String),
    /// The answer to the prompt on screen.
    Answer(Choice),
    /// The notice on screen was read.
    DismissNotice,
    /// The typed path was confirmed (`true`) or cancelled.
    PathEntry(bool),
    /// Change the theme.
    SetTheme(ThemeChoice),
    /// Change how dates are written.
    SetDateStyle(DateStyle),
    /// Restore a story a crash left, in this window.
    RestoreRecovered(String),
    /// Restore a story a crash left, in a new window.
    RestoreInNewWindow(String),
    /// Throw away a story a crash left.
    DiscardRecovered(String),
    /// Take the version someone else saved over the open file.
    ReloadTheirs,
    /// Keep the window's version over the one someone else saved.
    KeepMine,
}

/// Which help window is open, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HelpWindow {
    /// None.
    #[default]
    Closed,
    /// The keyboard shortcuts.
    Shortcuts,
    /// The body markup guide.
    Markup,
}

/// Window state that is about viewing, not about the story.
pub struct ViewState {
    /// When the last input came (egui's clock), for the cursor's rest.
    pub last_input: Option<f64>,
    /// Seconds without input after which the text cursor stops blinking and the window paints
    /// nothing more until the next input (GTK's `gtk-cursor-blink-timeout`).
    pub blink_rest_after: f64,
    /// Whether the window is awake (input in the last [`Self::blink_rest_after`] seconds).
    pub blinking: bool,
    /// Whether the style had the cursor blink before the rest began.
    pub blink_style: bool,
    /// The spelling menu.
    pub spelling: spelling::SpellView,
    /// Scripts of the open story no installed font can show.
    pub scripts: fonts::Coverage,
    /// Whether the first frame has been traced (see [`crate::TRACE_STARTUP`]).
    pub traced_first_frame: bool,
    /// Remembered between runs.
    pub prefs: ViewPrefs,
    /// The body editor.
    pub editor: editor::EditorView,
    /// The metadata panel.
    pub metadata: metadata::MetadataView,
    /// The preview.
    pub preview: preview::PreviewView,
    /// The help window on screen.
    pub help: HelpWindow,
    /// The recovery list and the comparison window.
    pub safety: safety::SafetyView,
    /// The story's picture, loaded in the background, shared by the thumbnail and preview.
    pub pictures: picture::PictureView,
    /// The desk view's panes and what it remembers of desk folders.
    pub desk: desk::DeskView,
    /// Whether the window had the focus last frame (the file is looked at when it comes back).
    focused: bool,
    /// The side panels' widths in the last frame (metadata, preview).
    widths: (f32, f32),
    /// Panels the user wants that the window is too narrow for this frame.
    pub squeezed_out: layout::Squeezed,
    last_title: String,
    close_sent: bool,
}

/// How the window starts.
#[derive(Debug, Default, Clone)]
pub struct Startup {
    /// A story to open (from the command line or a double-click).
    pub file: Option<PathBuf>,
    /// A recovery-journal entry to restore (`copydesk --recover ID`).
    pub recover: Option<String>,
    /// The recovery journal's folder; `None` keeps no journal (tests).
    pub journal: Option<PathBuf>,
    /// A desk folder to show (`copydesk --desk FOLDER`).
    pub desk: Option<PathBuf>,
}

/// The whole window.
pub struct CopydeskApp {
    /// The story and its commands.
    pub state: AppState,
    /// Everything about viewing it.
    pub view: ViewState,
    /// The desk folder shown instead of the editor, when one is open.
    pub desk: Option<crate::app::desk::Desk>,
}

impl CopydeskApp {
    /// The window with no recovery journal, opening `file` or as the user left it (tests).
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        Self::start(
            cc,
            Startup {
                file,
                ..Startup::default()
            },
            dialogs,
        )
    }

    /// Builds the window's state: the journal and what a crash left in it; then the story
    /// to recover, or the file from the command line, or the last file, or the sample on a
    /// first run.
    pub fn start(
        cc: &eframe::CreationContext<'_>,
        startup: Startup,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        crate::trace_startup("window and renderer ready");
        fonts::install_fonts(&cc.egui_ctx);
        // Zoom shortcuts are in the command table, with the others.
        cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut state = AppState::new(copydesk_core::article::Article::new(), None, dialogs);
        let ctx = cc.egui_ctx.clone();
        state.set_waker(move || ctx.request_repaint());
        state.set_personal_dictionary(
            startup
                .journal
                .as_deref()
                .and_then(crate::app::spelling::personal_dictionary),
        );
        let mut view = ViewState {
            prefs: ViewPrefs::default(),
            editor: editor::EditorView::default(),
            metadata: metadata::MetadataView::default(),
            preview: preview::PreviewView::default(),
            help: HelpWindow::default(),
            safety: safety::SafetyView::default(),
            pictures: picture::PictureView::new(&cc.egui_ctx),
            desk: desk::DeskView::default(),
            focused: false,
            widths: (layout::METADATA_DEFAULT, layout::PREVIEW_DEFAULT),
            squeezed_out: layout::Squeezed::default(),
            last_title: String::new(),
            close_sent: false,
            traced_first_frame: false,
            scripts: fonts::Coverage::default(),
            spelling: spelling::SpellView::default(),
            last_input: None,
            blink_rest_after: BLINK_REST_AFTER,
            blinking: true,
            blink_style: true,
        };
        let memory: Option<SessionMemory> =
            cc.storage.and_then(|s| eframe::get_value(s, SESSION_KEY));
        if let Some(storage) = cc.storage {
            if let Some(settings) = eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
                state.settings = settings;
                state.apply_spelling_settings();
                state.invalidate();
            }
            if let Some(prefs) = eframe::get_value::<ViewPrefs>(storage, VIEW_KEY) {
                view.prefs = prefs;
            }
        }
        if let Some(dir) = &startup.journal {
            match crate::app::journal::Journal::open(dir) {
                Ok(j) => state.attach_journal(j),
                Err(e) => {
                    state.notice = Some(crate::app::state::Notice {
                        title: "Unsaved changes cannot be kept against a crash".into(),
                        message: format!(
                            "{}: {e}. Save often, or check that this folder can be written.",
                            dir.display()
                        ),
                    });
                }
            }
        }
        if let Some(id) = &startup.recover {
            state.recover_at_start(id);
        } else {
            view.safety.recovery_open = !state.recovery.is_empty();
        }
        // A story or a recovery asked for on the command line shows in the editor, not the
        // desk the window was showing when it last closed.
        let editor_asked = startup.file.is_some() || startup.recover.is_some();
        match startup.file {
            _ if startup.recover.is_some() && state.story.is_dirty() => {}
            Some(path) => {
                state.open_path(&path);
                if state.story.path().is_none() {
                    // Could not open it: the notice says why; start from a blank story.
                    state.replace(copydesk_core::article::Article::new(), None);
                }
            }
            None => state.restore(memory),
        }
        let mut app = CopydeskApp {
            state,
            view,
            desk: None,
        };
        desk::start(&mut app, cc.storage, startup.desk, editor_asked);
        app.apply_theme(&cc.egui_ctx);
        crate::trace_startup("story open");
        app
    }

    /// Sets egui's theme from the preference.
    pub fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.view.prefs.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    fn window_events(&mut self, ctx: &egui::Context, out: &mut Vec<Action>) {
        let focused = ctx.input(|i| i.focused);
        if focused && !self.view.focused {
            // Back from another program: someone may have changed the file meanwhile.
            self.state.check_disk();
        }
        self.view.focused = focused;
        if ctx.input(|i| i.viewport().close_requested()) && !self.state.quit_confirmed {
            self.state.request(Intent::Quit);
            if !self.state.quit_confirmed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.into_iter().find_map(|f| {
            let p = f.path().to_path_buf();
            (!p.as_os_str().is_empty()).then_some(p)
        }) {
            out.push(Action::Intent(Intent::OpenPath(path)));
        }
        let modal = self.state.prompt.is_some()
            || self.state.notice.is_some()
            || self.state.path_entry.is_some();
        if !modal {
            out.extend(
                commands::take_shortcuts(ctx, commands::View::Editor)
                    .into_iter()
                    .map(Action::Command),
            );
            // Escape first closes whatever popup is open (egui does that as it draws the
            // popup); only with none open does it close the find bar or a help window.
            // Checked before drawing, while the popup is still remembered as open.
            if !egui::Popup::is_any_open(ctx) && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
                out.push(Action::Command(Command::Dismiss));
            }
        }
    }

    /// Carries out the frame's actions, in order.
    pub fn perform(&mut self, ctx: &egui::Context, actions: Vec<Action>) {
        for action in actions {
            self.perform_one(ctx, action);
        }
    }

    /// The story the panes on screen edit: the review's while the desk shows one (none
    /// while no row is under review), else the editor's. Every edit a pane sends, and undo
    /// and redo, go to it — the one controller for both views.
    pub fn story_in_focus(&mut self) -> Option<&mut Story> {
        match self.desk.as_mut() {
            Some(desk) => desk.review.as_mut(),
            None => Some(&mut self.state.story),
        }
    }

    /// The metadata panel on screen: the review's in the desk, else the editor's.
    fn metadata_view(&mut self) -> &mut metadata::MetadataView {
        if self.desk.is_some() {
            &mut self.view.desk.metadata
        } else {
            &mut self.view.metadata
        }
    }

    /// Carries out one action from a pane of either view: the window's one dispatcher.
    fn perform_one(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Edit(edit) => {
                self.view.scripts.look_at(ctx, &edit.new_texts());
                if let Some(story) = self.story_in_focus() {
                    story.apply(edit);
                }
            }
            Action::EndTyping => {
                if let Some(story) = self.story_in_focus() {
                    story.break_undo_group();
                }
            }
            Action::Intent(intent) => self.state.request(intent),
            Action::Command(c) => self.run(ctx, c),
            Action::OpenRecent(path) => self.state.open_recent(path),
            Action::PickImage => match &self.desk {
                Some(desk) => {
                    let folder = desk.review_path().and_then(Path::parent);
                    let folder = folder.map(Path::to_path_buf);
                    self.state.ask_desk_image(folder);
                }
                None => self.state.pick_image(),
            },
            Action::Focus(Field::Body, range) if self.desk.is_none() => {
                self.view.editor.select = Some(range.unwrap_or(0..0));
            }
            Action::Focus(field, at) => {
                self.view.prefs.show_metadata = true;
                self.metadata_view().focus(field, at);
            }
            Action::SelectBody(range) => self.view.editor.select = Some(range),
            Action::ShowMatch(range) => self.view.editor.show = Some(range),
            Action::CloseFind => self.close_find(),
            Action::OpenSpellMenu(miss, at) => self.view.spelling.open(ctx, miss, at),
            Action::AddWord(kind, word) => {
                self.state.add_word(kind, &word);
                self.lists_changed();
            }
            Action::IgnoreWord(word) => {
                if let Some(story) = self.story_in_focus() {
                    crate::app::word_lists::ignore_word(story, &word);
                }
            }
            Action::ShowAnchor(id) => {
                let anchors = copydesk_core::markup::anchors(&self.state.story.article().body);
                if let Some((_, range)) = anchors.into_iter().find(|(a, _)| *a == id) {
                    self.view.editor.select = Some(range);
                }
            }
            Action::Answer(choice) => self.state.answer(choice),
            Action::DismissNotice => self.state.notice = None,
            Action::PathEntry(true) => self.state.confirm_path_entry(),
            Action::PathEntry(false) => self.state.path_entry = None,
            Action::SetTheme(theme) => {
                self.view.prefs.theme = theme;
                self.apply_theme(ctx);
            }
            Action::SetDateStyle(style) => {
                self.state.settings.house_style.date_style = style;
                self.state.invalidate();
                self.lists_changed();
            }
            Action::RestoreRecovered(id) => self.state.restore_recovered(&id),
            Action::RestoreInNewWindow(id) => self.state.recover_in_new_window(&id),
            Action::DiscardRecovered(id) => self.state.discard_recovered(&id),
            Action::ReloadTheirs => {
                self.state.reload_theirs();
                self.view.safety.compare_open = false;
            }
            Action::KeepMine => {
                self.state.keep_mine();
                self.view.safety.compare_open = false;
            }
        }
    }

    /// The word lists, the spelling switch or the house style changed: the desk's review
    /// takes them too.
    fn lists_changed(&mut self) {
        let kit = self.state.kit();
        if let Some(desk) = self.desk.as_mut() {
            desk.set_kit(kit);
        }
    }

    /// Undo (or redo) in the story in focus; the text it changed is selected again, in the
    /// body or in its metadata field, so the cursor goes back to where the change was.
    fn undo_redo(&mut self, redo: bool) {
        let Some(story) = self.story_in_focus() else {
            return;
        };
        story.break_undo_group();
        let changed = if redo { story.redo() } else { story.undo() };
        let Some(Selection { field, range }) = changed else {
            return;
        };
        let field = Field::from(field);
        if field == Field::Body && self.desk.is_none() {
            self.view.editor.select = Some(range);
        } else {
            self.metadata_view().focus(field, Some(range));
        }
    }

    /// Runs a command from the table.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        // A command ends any burst of typing: what follows is a new undo step.
        if let Some(story) = self.story_in_focus() {
            story.break_undo_group();
        }
        let s = &mut self.state;
        match command {
            Command::New => s.request(Intent::New),
            Command::Open => s.request(Intent::Open),
            Command::Save => {
                s.save();
            }
            Command::SaveAs => s.save_as(),
            Command::Revert => s.revert(),
            Command::ShowRecovery => self.view.safety.recovery_open = true,
            Command::ImportNinjs => s.request(Intent::ImportNinjs),
            Command::ExportHtml => s.export_html(),
            Command::ExportNinjs => s.export_ninjs(),
            Command::OpenInBrowser => {
                if let Some(path) = s.html_for_browser() {
                    ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
                }
            }
            Command::Quit => s.request(Intent::Quit),
            Command::Undo => self.undo_redo(false),
            Command::Redo => self.undo_redo(true),
            Command::Find => self.view.editor.find.open(false),
            Command::Replace => self.view.editor.find.open(true),
            Command::ToggleMetadata => self.view.prefs.show_metadata ^= true,
            Command::TogglePreview => self.view.prefs.show_preview ^= true,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ShowShortcuts => self.view.help = HelpWindow::Shortcuts,
            Command::ShowMarkupGuide => self.view.help = HelpWindow::Markup,
            Command::ToggleSpelling => {
                let on = !s.settings.spelling.enabled;
                s.set_spelling(on);
                self.lists_changed();
            }
            Command::ChooseDeskDictionary => s.pick_desk_dictionary(),
            Command::ForgetDeskDictionary => {
                s.set_desk_dictionary(None);
                self.lists_changed();
            }
            Command::SpellingSuggestions => self.view.spelling.wanted = true,
            Command::OpenDeskFolder
            | Command::Desk
            | Command::RefreshDesk
            | Command::DeskNext
            | Command::DeskPrevious
            | Command::DeskExtendNext
            | Command::DeskExtendPrevious
            | Command::DeskSelectAll
            | Command::DeskSelectNone
            | Command::DeskOpenInEditor => {
                desk::run(self, ctx, command);
            }
            Command::Dismiss => {
                if self.view.spelling.is_open() {
                    self.view.spelling.close();
                } else if self.view.help != HelpWindow::Closed {
                    self.view.help = HelpWindow::Closed;
                } else if self.view.editor.find.is_open() {
                    self.close_find();
                }
            }
        }
    }

    /// Closes the find bar; the match last gone to is selected in the body, with the
    /// keyboard there, so typing carries on from it.
    fn close_find(&mut self) {
        let revision = self.state.story.body_revision();
        let find = &mut self.view.editor.find;
        if let Some(m) = find.current_match(&self.state.story.article().body, Some(revision)) {
            self.view.editor.select = Some(m);
        }
        find.close();
    }

    /// After [`ViewState::blink_rest_after`] seconds without input the cursor stops blinking
    /// (drawn steadily), so a window left with the cursor in the body paints no frames at all;
    /// any input starts it blinking again.
    fn rest(&mut self, ctx: &egui::Context) {
        let (now, active) = ctx.input(|i| {
            (
                i.time,
                !i.events.is_empty() || i.pointer.is_moving() || i.pointer.any_down(),
            )
        });
        if active || self.view.last_input.is_none() {
            self.view.last_input = Some(now);
        }
        let since = now - self.view.last_input.unwrap_or(now);
        let awake = since < self.view.blink_rest_after;
        if awake && self.view.blinking {
            // the frame that stops the blink comes when the rest begins, not at the blink
            // after it
            ctx.request_repaint_after_secs((self.view.blink_rest_after - since) as f32);
        }
        if awake != self.view.blinking {
            self.view.blinking = awake;
            if awake {
                // back to what the style said before the rest
                let blink = self.view.blink_style;
                ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = blink);
            } else {
                self.view.blink_style = ctx.global_style().visuals.text_cursor.blink;
                ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = false);
            }
        }
    }

    /// With `COPYDESK_TRACE_STARTUP` set, prints once how long after start the first frame
    /// was laid out (every pane, fonts found, ready to paint).
    fn trace_first_frame(&mut self) {
        if std::mem::replace(&mut self.view.traced_first_frame, true) {
            return;
        }
        crate::trace_startup("first frame laid out");
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.state.window_title();
        if title != self.view.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.view.last_title = title;
        }
    }
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if !self.view.traced_first_frame {
            crate::trace_startup("first frame begins");
        }
        self.rest(&ctx);
        let revision_at_start = self.state.story.revision();
        if self.view.scripts.story(self.state.story.generation()) {
            let texts = self.state.story.article().texts();
            self.view.scripts.look_at(&ctx, &texts);
        }
        self.state.poll_dialogs();
        // The desk view (#15), when a desk folder is open, draws the frame instead.
        if desk::window_ui(self, ui) {
            return;
        }
        let mut actions = Vec::new();
        self.window_events(&ctx, &mut actions);

        egui::Panel::top("menu_bar").show(ui, |ui| {
            menus::menu_bar_ui(ui, &self.state, &self.view.prefs, &mut actions);
        });
        if self.state.story.disk_change.is_some() {
            egui::Panel::top("disk_bar").show(ui, |ui| {
                safety::disk_bar_ui(ui, &self.state, &mut self.view.safety, &mut actions);
            });
        }
        // The status bar's place is taken now, its contents drawn last, once the frame's
        // edits are in: it never shows the state before the keystroke it follows.
        let status_rect = egui::Panel::bottom("status_bar")
            .show(ui, status::reserve)
            .inner;
        let document = self.state.story.document();
        let derived_current = self.state.story.derived_is_current();
        self.view.pictures.poll(&ctx);
        let base = self
            .state
            .story
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let picture_problem = self.state.story.article().image.as_ref().and_then(|img| {
            self.view
                .pictures
                .problem(&ctx, &img.source, base.as_deref())
        });
        if self.state.story.poll_spelling() {
            ctx.request_repaint();
        }
        let mut problems = (*self.state.story.problems()).clone();
        problems.extend(picture_problem.clone());
        problems.extend(self.state.story.misspellings().problems.iter().cloned());
        problems.sort_by_key(|p| (p.severity, p.field, p.offset));
        let spell_wanted = std::mem::take(&mut self.view.spelling.wanted);
        let panes = layout::plan(
            ui.available_width(),
            self.view.prefs.show_metadata,
            self.view.prefs.show_preview,
            self.view.widths,
        );
        self.view.squeezed_out = panes.squeezed_out;
        let generation = self.state.story.generation();
        if let Some(range) = panes.metadata {
            let story = metadata::Story {
                article: self.state.story.article(),
                document: &document,
                style: self.state.settings.house_style.date_style,
                body_cursor: self.view.editor.cursor,
                base: base.as_deref(),
                generation,
                misspellings: self.state.story.misspellings(),
                spell_wanted,
            };
            let shown = egui::Panel::left("metadata_panel")
                .resizable(true)
                .default_size(layout::METADATA_DEFAULT)
                .size_range(range)
                .show(ui, |ui| {
                    layout::contained_ui(ui, |ui| {
                        metadata::metadata_ui(
                            ui,
                            &story,
                            &mut self.view.metadata,
                            &mut self.view.pictures,
                            &mut actions,
                        );
                    });
                });
            self.view.widths.0 = shown.response.rect.width();
        }
        if let Some(range) = panes.preview {
            let page = preview::Page {
                document: &document,
                article: self.state.story.article(),
                current: derived_current,
                style: self.state.settings.house_style.date_style,
                base: base.as_deref(),
                generation,
            };
            let shown = egui::Panel::right("preview_panel")
                .resizable(true)
                .default_size(layout::PREVIEW_DEFAULT)
                .size_range(range)
                .show(ui, |ui| {
                    layout::contained_ui(ui, |ui| {
                        preview::preview_ui(
                            ui,
                            &page,
                            &mut self.view.preview,
                            &mut self.view.pictures,
                        );
                    });
                });
            self.view.widths.1 = shown.response.rect.width();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            editor::editor_ui(
                ui,
                self.state.story.article(),
                (self.state.story.body_revision(), generation),
                &mut self.view.editor,
                (self.state.story.misspellings(), spell_wanted),
                &mut actions,
            );
        });
        self.perform(&ctx, actions);

        let mut actions = Vec::new();
        let missing_scripts = self.view.scripts.missing_scripts();
        let spelling_note = self.state.story.misspellings().note.clone();
        let bar = status::Bar {
            problems: &problems,
            squeezed_out: self.view.squeezed_out,
            missing_scripts: &missing_scripts,
            spelling_note: spelling_note.as_deref(),
            counting: self.state.story.counting(),
        };
        status::status_ui(ui, status_rect, &mut self.state, &bar, &mut actions);
        let article = self.state.story.article();
        spelling::menu_ui(
            &ctx,
            &mut self.view.spelling,
            |field| field.get(article).map(str::to_owned),
            self.state.settings.spelling.desk.is_some(),
            &mut actions,
        );
        modals::modals_ui(&ctx, &mut self.state, &mut self.view.help, &mut actions);
        safety::recovery_ui(&ctx, &self.state, &mut self.view.safety, &mut actions);
        safety::compare_ui(&ctx, &self.state, &mut self.view.safety, &mut actions);
        self.perform(&ctx, actions);

        self.state.tick();
        self.trace_first_frame();
        trace_frame();

        self.update_title(&ctx);
        if self.state.story.revision() != revision_at_start {
            // Panes drawn before the edit (metadata, preview) show it in the next frame.
            ctx.request_repaint();
        }
        if self.state.quit_confirmed && !self.view.close_sent {
            self.view.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, SESSION_KEY, &self.state.memory());
        eframe::set_value(storage, VIEW_KEY, &self.view.prefs);
        desk::save(self, storage);
    }
}

/// With `COPYDESK_TRACE_FRAMES` set, prints a line for every frame laid out.
fn trace_frame() {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    if *TRACE.get_or_init(|| std::env::var_os(crate::TRACE_FRAMES).is_some())
        && let Some(started) = crate::STARTED.get()
    {
        let n = FRAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        eprintln!(
            "copydesk: frame {n} at {:.1} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// Seconds without input before the cursor stops blinking: its last blink, so that from 10 s
/// on (GTK's `gtk-cursor-blink-timeout`) no frame at all is painted.
pub const BLINK_REST_AFTER: f64 = 9.5;

/// Opens the window; returns when it closes.
pub fn run_window(startup: Startup) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default();
    // The icon ships in the binary; a broken icon is no reason not to open the window.
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/copydesk-256.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("Copydesk")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 420.0])
            .with_drag_and_drop(true),
        persist_window: true,
        // Settings stay where versions before the reverse-DNS app id kept them
        // (~/.local/share/copydesk on Linux), beside the recovery journal.
        persistence_path: eframe::storage_dir("copydesk").map(|d| d.join("app.ron")),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Copydesk",
        options,
        Box::new(move |cc| {
            Ok(Box::new(CopydeskApp::start(
                cc,
                startup,
                Box::new(NativeDialogs::default()),
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "copydesk: could not open the window: {e}. Check that a display is available (DISPLAY or WAYLAND_DISPLAY), or use `copydesk check` and `copydesk export` without one."
            );
            ExitCode::from(1)
        }
    }
}
