//! The status bar: counts, save state, the checks' problems, and news (where an export went).
//!
//! Its place is reserved before the panes draw ([`reserve`]) and its contents drawn after the
//! frame's edits are applied ([`status_ui`]), so it is never a keystroke behind. The problem
//! count opens the checks list as a popup above the bar: the list lives here, not at the top
//! of the metadata panel, so it can grow and shrink as the story changes without moving the
//! fields a journalist is typing in.

use std::sync::Arc;

use copydesk_core::checks::{self, Problem, Severity};
use egui::{Popup, RectAlign, RichText, UiBuilder};

use super::layout::Squeezed;
use super::tokens::Tokens;
use super::{Action, MergedProblems};
use crate::app::state::AppState;

/// Takes the status bar's row in the bottom panel; returns where to draw it.
pub fn reserve(ui: &mut egui::Ui) -> egui::Rect {
    let height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width(), height),
        egui::Sense::hover(),
    );
    rect
}

/// What the bar shows besides the story's own state.
pub struct Bar<'a> {
    /// The window's own problem (the picture's), besides the checks' and spelling's, which
    /// the bar takes from the story.
    pub picture_problem: Option<&'a Problem>,
    /// Panels the window is too narrow for.
    pub squeezed_out: Squeezed,
    /// Scripts in the story that no font on this computer can show, by name.
    pub missing_scripts: &'a [&'static str],
    /// Why spelling is not checked (no dictionary for the story's language).
    pub spelling_note: Option<&'a str>,
    /// The house style's rules that cannot be read, each with its file and line.
    pub style_errors: &'a [String],
    /// A long story just opened, its counts and checks still being worked out.
    pub counting: bool,
}

/// "2 errors, 1 warning", "no problems".
pub fn problem_count(errors: usize, warnings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if errors == 0 && warnings == 0 {
        "No problems".to_owned()
    } else {
        format!(
            "{}, {}",
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        )
    }
}

/// Draws the status bar into `rect`.
pub fn status_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    state: &mut AppState,
    (bar, merged): (&Bar<'_>, &mut MergedProblems),
    out: &mut Vec<Action>,
) {
    let doc = state.story.document();
    let checked = state.story.problems();
    // Counted where they are: the list of all of them is made only when it is opened (at
    // 5 MB it holds thousands, and each keystroke moves spelling's along).
    let (errors, warnings) = {
        let (e, w) = merged.counts(&checked, state.story.misspellings());
        let (pe, pw) = checks::counts(
            bar.picture_problem
                .map(std::slice::from_ref)
                .unwrap_or_default(),
        );
        (e + pe, w + pw)
    };
    let c = doc.counts;
    let mut ui = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    let ui = &mut ui;
    let t = Tokens::of(ui);
    // A narrow window keeps the word count and gives its room to what is said on the
    // right (a hidden pane, news); the other counts are on hover.
    let narrow = rect.width() < NARROW;
    if bar.counting {
        ui.label("Counting…");
    } else if narrow {
        ui.label(format!("{} words", c.words))
            .on_hover_text(format!(
                "{} characters, {} min read",
                c.chars, c.reading_minutes
            ));
    } else {
        ui.label(format!("{} words", c.words));
        ui.separator();
        ui.label(format!("{} characters", c.chars));
        ui.separator();
        ui.label(format!("{} min read", c.reading_minutes));
    }
    ui.separator();
    let save = if state.story.is_dirty() {
        RichText::new("Unsaved changes").color(t.warn)
    } else if let Some(at) = state.story.last_saved {
        RichText::new(format!("Saved at {}", at.format("%H:%M")))
    } else if state.story.path().is_some() {
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
    let count_text = if bar.counting {
        "Checking…".to_owned()
    } else {
        problem_count(errors, warnings)
    };
    let count = ui
        .add(egui::Button::new(RichText::new(count_text).color(color)))
        .on_hover_text("The pre-publish checks: click for the list");
    let story = &state.story;
    checks_popup_ui(
        &count,
        || merged.merge(&checked, bar.picture_problem.cloned(), story.misspellings()),
        out,
    );
    let squeezed = match (bar.squeezed_out.metadata, bar.squeezed_out.preview) {
        (true, true) => Some("Metadata and preview hidden: widen the window"),
        (true, false) => Some("Metadata hidden: widen the window"),
        (false, true) => Some("Preview hidden: widen the window"),
        (false, false) => None,
    };
    // From the right, in order of need: why a pane is missing, the file's name, then news.
    // Each is cut to the room left and left out when there is none, so nothing is drawn
    // over the counts or over another.
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let mut first = true;
        let mut part = |ui: &mut egui::Ui, text: RichText| -> Option<egui::Response> {
            if ui.available_width() < MIN_PART {
                return None;
            }
            if !std::mem::take(&mut first) {
                ui.separator();
            }
            Some(ui.add(egui::Label::new(text).truncate()))
        };
        if let Some(note) = squeezed {
            part(ui, RichText::new(note).color(t.warn));
        }
        if !bar.missing_scripts.is_empty() {
            let note = format!("No font for {}", bar.missing_scripts.join(", "));
            if let Some(r) = part(ui, RichText::new(note).color(t.warn)) {
                r.on_hover_text(FONTS_HINT);
            }
        }
        part(ui, RichText::new(state.story.display_name()).color(t.weak));
        if let Some(note) = bar.spelling_note {
            part(ui, RichText::new(note).color(t.weak));
        }
        if !bar.style_errors.is_empty() {
            let note = match bar.style_errors.len() {
                1 => "House style: 1 rule cannot be read".to_owned(),
                n => format!("House style: {n} rules cannot be read"),
            };
            if let Some(r) = part(ui, RichText::new(note).color(t.warn)) {
                r.on_hover_text(format!(
                    "{}\n\nThe other rules are checked. Fix the file named: the style is read \
                     again at your next change to the story.",
                    bar.style_errors.join("\n")
                ));
            }
        }
        if let Some(info) = &state.info {
            part(ui, RichText::new(info).color(t.weak));
        }
    });
}

/// What to do about a script no font shows.
const FONTS_HINT: &str = "These characters show as empty boxes: no font on this computer has \
them. Install fonts that cover the scripts named (on Debian and Ubuntu: fonts-noto-core, \
fonts-noto-cjk and fonts-noto-color-emoji; see the README) and start Copydesk again. The \
story itself is unchanged.";

/// Below this width the status bar shows the word count alone (characters and reading
/// time on hover).
const NARROW: f32 = 1000.0;

/// The least room worth showing a part of the status bar in, cut short: below this only
/// "…" would show.
const MIN_PART: f32 = 60.0;

/// The checks list, opened from the problem count: each problem a button that takes the user
/// to the field it concerns.
pub(super) fn checks_popup_ui(
    count: &egui::Response,
    problems: impl FnOnce() -> Arc<Vec<Problem>>,
    out: &mut Vec<Action>,
) {
    Popup::from_toggle_button_response(count)
        .align(RectAlign::TOP_START)
        .width(460.0)
        .show(|ui| {
            let t = Tokens::of(ui);
            let problems = problems();
            ui.label(RichText::new("Checks").strong());
            if problems.is_empty() {
                ui.label("Ready to publish as far as the checks can tell.");
            }
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for p in problems.iter() {
                        let color = match p.severity {
                            Severity::Error => t.error,
                            Severity::Warning => t.warn,
                        };
                        let text = RichText::new(format!("{}: {}", p.severity.label(), p.message))
                            .color(color);
                        if ui
                            .add(egui::Button::new(text).frame(false).wrap())
                            .clicked()
                        {
                            let range = p.offset.map(|at| at..at + p.length.unwrap_or(0));
                            out.push(Action::Focus(p.field, range));
                            ui.close();
                        }
                    }
                });
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(problem_count(0, 0), "No problems");
        assert_eq!(problem_count(2, 1), "2 errors, 1 warning");
        assert_eq!(problem_count(1, 0), "1 error, 0 warnings");
    }
}
