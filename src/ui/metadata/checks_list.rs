//! The checks list at the top of the metadata panel: every problem, each a button that takes
//! the user to the field it concerns.

use copydesk_core::checks::{self, Problem, Severity};
use egui::RichText;

use crate::ui::Action;
use crate::ui::tokens::Tokens;

/// The collapsible list of problems.
pub(super) fn checks_list_ui(ui: &mut egui::Ui, problems: &[Problem], out: &mut Vec<Action>) {
    let t = Tokens::of(ui);
    let (errors, warnings) = checks::counts(problems);
    let title = if problems.is_empty() {
        "Checks: no problems".to_owned()
    } else {
        format!("Checks: {errors} errors, {warnings} warnings")
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt("checks-list")
        .default_open(true)
        .show(ui, |ui| {
            if problems.is_empty() {
                ui.label("Ready to publish as far as the checks can tell.");
            }
            for p in problems {
                let color = match p.severity {
                    Severity::Error => t.error,
                    Severity::Warning => t.warn,
                };
                let text =
                    RichText::new(format!("{}: {}", p.severity.label(), p.message)).color(color);
                if ui.add(egui::Button::new(text).frame(false)).clicked() {
                    out.push(Action::Focus(p.field, p.offset));
                }
            }
        });
}
