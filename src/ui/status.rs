//! The status bar: counts, save state, the number of problems, and news (where an export
//! went). Its place is reserved before the panes draw ([`reserve`]) and its contents drawn
//! after the frame's edits are applied ([`status_ui`]), so it is never a keystroke behind.

use copydesk_core::checks;
use egui::{Rect, RichText, UiBuilder};

use super::tokens::Tokens;
use crate::app::state::AppState;

/// Takes the status bar's row in the bottom panel; returns where to draw it.
pub fn reserve(ui: &mut egui::Ui) -> Rect {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 2.0;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    rect
}

/// Draws the status bar into `rect`; `picture_warning` adds the picture's problem (found by
/// the window, not the core checks) to the count.
pub fn status_ui(ui: &mut egui::Ui, rect: Rect, state: &mut AppState, picture_warning: bool) {
    let doc = state.document();
    let problems = state.problems();
    let (errors, warnings) = checks::counts(&problems);
    let warnings = warnings + usize::from(picture_warning);
    let c = doc.counts;
    let mut ui = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    let ui = &mut ui;
    let t = Tokens::of(ui);
    ui.label(format!("{} words", c.words));
    ui.separator();
    ui.label(format!("{} characters", c.chars));
    ui.separator();
    ui.label(format!("{} min read", c.reading_minutes));
    ui.separator();
    let save = if state.is_dirty() {
        RichText::new("Unsaved changes").color(t.warn)
    } else if let Some(at) = state.last_saved {
        RichText::new(format!("Saved at {}", at.format("%H:%M")))
    } else if state.path.is_some() {
        RichText::new("No changes")
    } else {
        RichText::new("Not saved yet")
    };
    ui.label(save);
    ui.separator();
    let color = if errors > 0 {
        t.error
    } else if warnings > 0 {
        t.warn
    } else {
        t.text
    };
    ui.label(RichText::new(format!("{errors} errors, {warnings} warnings")).color(color));
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(RichText::new(state.display_name()).weak());
        if let Some(info) = &state.info {
            ui.separator();
            ui.label(RichText::new(info).weak());
        }
    });
}
