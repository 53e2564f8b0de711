//! Starting the window: fonts, settings and view preferences from eframe's storage, the
//! recovery journal and what a crash left in it, then the story to show (a recovery, the
//! file named on the command line, the last file, or the sample on a first run).

use super::*;

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
        if startup.system_keychain {
            state.use_system_keychain();
        }
        if let Some(program) = startup.program.clone() {
            state.set_launcher(move |id| crate::app::safety::launch_window(&program, id));
        }
        state.set_personal_dictionary(
            startup
                .journal
                .as_deref()
                .and_then(crate::app::spelling::personal_dictionary),
        );
        state.set_own_style(
            startup
                .journal
                .as_deref()
                .and_then(crate::app::grammar::own_style),
        );
        let mut view = ViewState {
            prefs: ViewPrefs::default(),
            editor: editor::EditorView::default(),
            merged_problems: MergedProblems::default(),
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
            versions: Default::default(),
            versions_typed_at: f64::MIN,
            comments: Default::default(),
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
                let name = state.settings.your_name.clone();
                state.set_your_name(&name);
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
}
