//! The egui window: one module per pane, drawing [`AppState`] and turning clicks and keys
//! into its commands. Nothing here decides what a story is or how it is saved.
//!
//! - [`menus`]: the menu bar and keyboard shortcuts
//! - [`editor`]: the body editor with find and replace
//! - [`metadata`]: the metadata panel
//! - [`preview`]: the story as readers will see it
//! - [`status`]: the status bar
//! - [`modals`]: the unsaved-changes prompt, error notices, the typed-path fallback
//! - [`theme`]: fonts and colours

pub mod editor;
pub mod menus;
pub mod metadata;
pub mod modals;
pub mod preview;
pub mod status;
pub mod theme;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use crate::app::dialogs::{FileDialogs, NativeDialogs};
use crate::app::state::{AppState, Intent, SessionMemory, Settings};
use crate::checks::{self, Problem};

const SETTINGS_KEY: &str = "copydesk.settings";
const SESSION_KEY: &str = "copydesk.session";
const VIEW_KEY: &str = "copydesk.view";

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// View preferences remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    pub show_metadata: bool,
    pub show_preview: bool,
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

/// Window state that is about viewing, not about the story.
#[derive(Default)]
pub struct ViewState {
    pub prefs: ViewPrefs,
    pub editor: editor::EditorView,
    pub metadata: metadata::MetadataView,
    pub preview: preview::PreviewView,
    /// A field the checks list asked to focus; taken by the metadata panel.
    pub focus: Option<checks::Field>,
    last_title: String,
    close_sent: bool,
    problems: Option<(u64, Arc<Vec<Problem>>)>,
}

impl ViewState {
    /// The checks' problems for the current revision, computed once per change.
    pub fn problems(&mut self, state: &AppState) -> Arc<Vec<Problem>> {
        let rev = state.revision();
        match &self.problems {
            Some((r, p)) if *r == rev => p.clone(),
            _ => {
                let p = Arc::new(checks::check(&state.article, chrono::Utc::now()));
                self.problems = Some((rev, p.clone()));
                p
            }
        }
    }
}

/// The whole window.
pub struct CopydeskApp {
    pub state: AppState,
    pub view: ViewState,
}

impl CopydeskApp {
    /// Builds the window's state: the story from the command line, or as the user left it,
    /// or the sample on a first run.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        file: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
    ) -> Self {
        theme::install_fonts(&cc.egui_ctx);
        egui_extras::install_image_loaders(&cc.egui_ctx);
        let mut state = AppState::new(crate::article::Article::new(), None, dialogs);
        let ctx = cc.egui_ctx.clone();
        state.set_waker(move || ctx.request_repaint());
        let mut view = ViewState::default();
        let memory: Option<SessionMemory> =
            cc.storage.and_then(|s| eframe::get_value(s, SESSION_KEY));
        if let Some(storage) = cc.storage {
            if let Some(settings) = eframe::get_value::<Settings>(storage, SETTINGS_KEY) {
                state.settings = settings;
            }
            if let Some(prefs) = eframe::get_value::<ViewPrefs>(storage, VIEW_KEY) {
                view.prefs = prefs;
            }
        }
        match file {
            Some(path) => {
                state.open_path(&path);
                if state.path.is_none() {
                    // Could not open it: the notice says why; start from a blank story.
                    state.replace(crate::article::Article::new(), None);
                }
            }
            None => state.restore(memory),
        }
        let app = CopydeskApp { state, view };
        app.apply_theme(&cc.egui_ctx);
        app
    }

    pub fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.view.prefs.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.state.quit_confirmed {
            self.state.request(Intent::Quit);
            if !self.state.quit_confirmed {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        if let Some(path) = dropped.into_iter().find_map(|f| {
            let p = f.path().to_path_buf();
            (!p.as_os_str().is_empty()).then_some(p)
        }) {
            self.state.request(Intent::OpenPath(path));
        }
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
        self.state.poll_dialogs();
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        menus::shortcuts(&ctx, self);

        egui::Panel::top("menu_bar").show(ui, |ui| menus::bar(ui, self));
        egui::Panel::bottom("status_bar").show(ui, |ui| status::bar(ui, self));
        if self.view.prefs.show_metadata {
            egui::Panel::left("metadata_panel")
                .resizable(true)
                .default_size(360.0)
                .size_range(260.0..=640.0)
                .show(ui, |ui| metadata::pane(ui, self));
        }
        if self.view.prefs.show_preview {
            egui::Panel::right("preview_panel")
                .resizable(true)
                .default_size(440.0)
                .size_range(280.0..=900.0)
                .show(ui, |ui| preview::pane(ui, self));
        }
        egui::CentralPanel::default().show(ui, |ui| editor::pane(ui, self));
        modals::show(&ctx, self);

        self.update_title(&ctx);
        if self.state.quit_confirmed && !self.view.close_sent {
            self.view.close_sent = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
        eframe::set_value(storage, SESSION_KEY, &self.state.memory());
        eframe::set_value(storage, VIEW_KEY, &self.view.prefs);
    }
}

/// Opens the window; returns when it closes.
pub fn run_window(file: Option<PathBuf>) -> ExitCode {
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
            .with_app_id("copydesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 420.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Copydesk",
        options,
        Box::new(move |cc| {
            Ok(Box::new(CopydeskApp::new(
                cc,
                file,
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
