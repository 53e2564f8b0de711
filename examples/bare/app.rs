//! The floor of Copydesk's own stack: one eframe window holding a story's body in a single
//! `TextEdit`, nothing else. Shared by the `bare` example (the real window) and the frame
//! benchmarks (`benches/frames.rs`), so both measure the same baseline.

/// A bare window: a central panel with the whole body in one multi-line text field.
pub struct Bare {
    /// The text being edited.
    pub body: String,
}

impl Bare {
    /// The id of the one text field, so a benchmark can focus it as a click would.
    pub fn field_id() -> egui::Id {
        egui::Id::unique("bare-body")
    }

    /// Draws the frame: what `eframe::App::ui` does for the bare window.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::TextEdit::multiline(&mut self.body)
                        .id(Self::field_id())
                        .desired_width(f32::INFINITY)
                        .min_size(ui.available_size())
                        .show(ui);
                });
        });
    }
}
