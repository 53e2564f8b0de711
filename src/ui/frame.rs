//! One frame of the editor view: the menu bar, the panes, the status bar drawn last (so it
//! is never a keystroke behind), the dialogs; and the window at rest, which paints nothing.

use std::path::Path;

use super::*;

impl CopydeskApp {
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

impl CopydeskApp {
    /// One frame of the window: the editor's, or the desk's.
    fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.view.traced_first_frame {
            crate::trace_startup("first frame begins");
        }
        // The workers wait for the first frame to be painted (`app::first_frame`): it has
        // been once the second begins, which the first asks for at once.
        match ctx.cumulative_frame_nr() {
            0 => ctx.request_repaint(),
            1 => crate::app::first_frame::shown(),
            _ => {}
        }
        self.rest(&ctx);
        if !self.view.blinking {
            // The style set by `rest` is the context's from the next frame on; this frame's
            // panes are drawn with the one it began with. Without this the cursor would blink
            // once more in the frame that begins the rest and ask for a frame half a second on.
            ui.visuals_mut().text_cursor.blink = false;
        }
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
            menus::menu_bar_ui(
                ui,
                &self.state,
                &self.view.prefs,
                (self.view.versions.open, self.view.comments.open),
                &mut actions,
            );
        });
        // The status bar's place is taken now, its contents drawn last, once the frame's
        // edits are in: it never shows the state before the keystroke it follows.
        let status_rect = egui::Panel::bottom("status_bar")
            .show(ui, status::reserve)
            .inner;
        // The changed-on-disk bar sits above the status bar: when it comes up the story's
        // fields and body stay where they are (it used to push the whole layout down from the
        // top, under the reader's eyes), and only the panes' lower edge gives it room.
        if self.state.story.disk_change.is_some() {
            egui::Panel::bottom("disk_bar").show(ui, |ui| {
                safety::disk_bar_ui(ui, &self.state, &mut self.view.safety, &mut actions);
            });
        }
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
                fields_revision: self.state.story.fields_revision(),
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
                follow: Some(self.view.editor.follow()),
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
                &mut self.view.comments,
                &mut actions,
            );
        });
        self.perform(&ctx, actions);

        let mut actions = Vec::new();
        let missing_scripts = self.view.scripts.missing_scripts();
        let spelling_note = self.state.story.misspellings().note.clone();
        let style_errors = self.state.story.misspellings().style_errors.clone();
        let bar = status::Bar {
            picture_problem: picture_problem.as_ref(),
            squeezed_out: self.view.squeezed_out,
            missing_scripts: &missing_scripts,
            spelling_note: spelling_note.as_deref(),
            style_errors: &style_errors,
            counting: self.state.story.counting(),
        };
        status::status_ui(
            ui,
            status_rect,
            &mut self.state,
            (&bar, &mut self.view.merged_problems),
            &mut actions,
        );
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
        publish::publish_ui(&ctx, &mut self.state, &mut actions);
        publish::browse_ui(&ctx, &mut self.state, &mut actions);
        safety::compare_ui(&ctx, &self.state, &mut self.view.safety, &mut actions);
        versions::history_ui(&ctx, &self.state, &mut self.view.versions, &mut actions);
        comments::comments_ui(
            &ctx,
            self.state.story.article(),
            &mut self.view.comments,
            &mut actions,
        );
        self.perform(&ctx, actions);
        self.keep_history_compared(&ctx);
        self.view
            .comments
            .note_selection(&ctx, self.view.editor.selection.clone());

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
}

impl eframe::App for CopydeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.view.scripts.begin_frame(&ctx);
        self.frame_ui(ui);
        self.view.scripts.end_frame(&ctx);
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
