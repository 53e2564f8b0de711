//! The status bar: counts, save state and the number of problems.

use egui::RichText;

use super::{CopydeskApp, theme};
use crate::checks;

pub fn bar(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    let doc = app.state.document();
    let problems = app.view.problems(&app.state);
    let (errors, warnings) = checks::counts(&problems);
    let c = doc.counts;
    let dark = ui.visuals().dark_mode;
    ui.horizontal(|ui| {
        ui.label(format!("{} words", c.words));
        ui.separator();
        ui.label(format!("{} characters", c.chars));
        ui.separator();
        ui.label(format!("{} min read", c.reading_minutes));
        ui.separator();
        let save = if app.state.is_dirty() {
            RichText::new("Unsaved changes").color(theme::warn_color(dark))
        } else if let Some(t) = app.state.last_saved {
            RichText::new(format!("Saved at {}", t.format("%H:%M")))
        } else if app.state.path.is_some() {
            RichText::new("No changes")
        } else {
            RichText::new("Not saved yet")
        };
        ui.label(save);
        ui.separator();
        let color = if errors > 0 {
            theme::error_color(dark)
        } else if warnings > 0 {
            theme::warn_color(dark)
        } else {
            ui.visuals().text_color()
        };
        ui.label(RichText::new(format!("{errors} errors, {warnings} warnings")).color(color));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(app.state.display_name()).weak());
            if let Some(info) = &app.state.info {
                ui.separator();
                ui.label(RichText::new(info).weak());
            }
        });
    });
}
