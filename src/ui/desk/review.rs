//! Reviewing a story in place: the row selected, shown beside the table with the editor's own
//! metadata panel and preview. The panes push their usual [`Action`]s; the window's one
//! dispatcher applies the edits to the story in focus, the review's session
//! ([`crate::app::story::Story::apply`]), which journals and spell-checks them as the
//! editor's; Save writes it to its own file with the editor's protection against overwriting
//! someone else's save.
//!
//! The metadata panel is always shown while a story is under review (it holds Save); View →
//! Preview panel shows or hides the preview, as in the editor.

use std::sync::Arc;

use copydesk_core::checks::{self, Problem};
use copydesk_core::document::HouseStyle;
use egui::RichText;

use super::{DeskAction, DeskView, MIN_TABLE, REVIEW_PREVIEW_DEFAULT};
use crate::app::desk::Desk;
use crate::app::story::DiskChange;
use crate::ui::layout::{self, MIN_BODY};
use crate::ui::picture::PictureView;
use crate::ui::tokens::Tokens;
use crate::ui::{Action, metadata, preview, status};

/// The review's panes on the right of the table, when a row is under review: the metadata
/// panel (with the review's header: the file, Save, the checks) and the preview.
pub(super) fn review_ui(
    ui: &mut egui::Ui,
    ctx: &egui::Context,
    desk: &mut Desk,
    view: &mut DeskView,
    pictures: &mut PictureView,
    (style, show_preview, spell_wanted): (&HouseStyle, bool, bool),
    (out, panes): (&mut Vec<DeskAction>, &mut Vec<Action>),
) {
    pictures.poll(ctx);
    view.squeezed = layout::Squeezed::default();
    let folder = desk.folder().to_path_buf();
    // The table keeps MIN_TABLE: the side panels share what is left as the editor's do
    // around the body (the preview gives way first).
    let panes_plan = layout::plan(
        ui.available_width() - (MIN_TABLE - MIN_BODY),
        true,
        show_preview,
        view.widths,
    );
    if let Some(message) = desk.review_error.clone() {
        egui::Panel::right("desk_review_error")
            .resizable(false)
            .exact_size(layout::METADATA_DEFAULT)
            .show(ui, |ui| {
                let t = Tokens::of(ui);
                ui.add_space(8.0);
                ui.label(RichText::new("This file cannot be reviewed").strong());
                ui.label(RichText::new(message).color(t.error));
                ui.label(
                    "Fix it in a text editor, or restore it from a backup; the desk reads it \
                     again as soon as it is saved.",
                );
                if ui.button("Close the review").clicked() {
                    out.push(DeskAction::CloseReview);
                }
            });
        return;
    }
    let Some(review) = desk.review.as_mut() else {
        return;
    };
    view.squeezed = panes_plan.squeezed_out;
    review.set_style(style);
    let document = review.document();
    let current = review.derived_is_current();
    let base = review
        .path()
        .and_then(std::path::Path::parent)
        .map(std::path::Path::to_path_buf);
    let picture = review
        .article()
        .image
        .as_ref()
        .and_then(|img| pictures.problem(ctx, &img.source, base.as_deref()));
    // Counted where they are, as the editor's status bar does; the merged, sorted list is
    // made again only when one of its parts changed, and only when it is opened.
    let checked = review.problems();
    let counts = [
        checks::counts(&checked),
        checks::counts(picture.as_slice()),
        checks::counts(&review.misspellings().problems),
    ]
    .into_iter()
    .fold((0, 0), |(e, w), (a, b)| (e + a, w + b));
    let merged = &mut view.merged;
    let spelling = review.misspellings();
    let problems = || merged.merge(&checked, picture, spelling);
    let name = review
        .path()
        .map(|p| copydesk_core::desk::relative_name(&folder, p))
        .unwrap_or_default();
    let generation = review.generation();
    let dirty = review.is_dirty();
    let disk = review.disk_change.clone();
    let last_saved = review.last_saved;
    let article = review.article();
    // The preview is added first so it takes the far right: left to right the review reads
    // table, metadata, preview, in the editor's order (metadata, body, preview).
    if let Some(range) = panes_plan.preview {
        let page = preview::Page {
            document: &document,
            article,
            current,
            style: style.date_style,
            base: base.as_deref(),
            generation,
            follow: None,
        };
        let shown = egui::Panel::right("desk_review_preview")
            .resizable(true)
            .default_size(REVIEW_PREVIEW_DEFAULT)
            .size_range(range)
            .show(ui, |ui| {
                layout::contained_ui(ui, |ui| {
                    preview::preview_ui(ui, &page, &mut view.preview, pictures);
                });
            });
        view.widths.1 = shown.response.rect.width();
    }
    if let Some(range) = panes_plan.metadata {
        let story = metadata::Story {
            article,
            document: &document,
            style: style.date_style,
            body_cursor: None,
            base: base.as_deref(),
            generation,
            fields_revision: review.fields_revision(),
            misspellings: review.misspellings(),
            spell_wanted,
        };
        let shown = egui::Panel::right("desk_review_metadata")
            .resizable(true)
            .default_size(layout::METADATA_DEFAULT)
            .size_range(range)
            .show(ui, |ui| {
                layout::contained_ui(ui, |ui| {
                    header_ui(
                        ui,
                        &name,
                        (dirty, last_saved),
                        disk.as_ref(),
                        (counts, problems),
                        (out, panes),
                    );
                    ui.separator();
                    metadata::metadata_ui(ui, &story, &mut view.metadata, pictures, panes);
                });
            });
        view.widths.0 = shown.response.rect.width();
    }
}

/// The top of the review: which file, Save and the others, the checks of the story as it is
/// now, and a bar when the file changed on disk meanwhile.
fn header_ui(
    ui: &mut egui::Ui,
    name: &str,
    (dirty, last_saved): (bool, Option<chrono::DateTime<chrono::Local>>),
    disk: Option<&DiskChange>,
    (counts, problems): ((usize, usize), impl FnOnce() -> Arc<Vec<Problem>>),
    (out, panes): (&mut Vec<DeskAction>, &mut Vec<Action>),
) {
    let t = Tokens::of(ui);
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Review").strong());
        ui.add(egui::Label::new(RichText::new(name).color(t.weak)).truncate());
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(dirty, egui::Button::new("Save"))
            .on_hover_text("Save the story to its file (Ctrl+S)")
            .clicked()
        {
            out.push(DeskAction::SaveReview);
        }
        // Always there, greyed while there is nothing to discard: the buttons after it never
        // move under the pointer when the first key is typed.
        if ui
            .add_enabled(dirty, egui::Button::new("Discard Changes"))
            .on_hover_text("Read the file again (Undo brings your changes back)")
            .clicked()
        {
            out.push(DeskAction::DiscardReview);
        }
        if ui
            .button("Open in Editor")
            .on_hover_text("Open the story in the editor (Enter, or double-click its row)")
            .clicked()
        {
            out.push(DeskAction::OpenFocused);
        }
        if ui
            .button("Close")
            .on_hover_text("Close the review")
            .clicked()
        {
            out.push(DeskAction::CloseReview);
        }
    });
    ui.horizontal(|ui| {
        let save = if dirty {
            RichText::new("Unsaved changes").color(t.warn)
        } else if let Some(at) = last_saved {
            RichText::new(format!("Saved at {}", at.format("%H:%M"))).color(t.weak)
        } else {
            RichText::new("No changes").color(t.weak)
        };
        ui.label(save);
        ui.separator();
        let (errors, warnings) = counts;
        let color = if errors > 0 {
            t.error
        } else if warnings > 0 {
            t.warn
        } else {
            t.text
        };
        let count = ui
            .add(egui::Button::new(
                RichText::new(status::problem_count(errors, warnings)).color(color),
            ))
            .on_hover_text("The checks of the story as it is now: click for the list");
        status::checks_popup_ui(&count, problems, panes);
    });
    match disk {
        Some(DiskChange::Changed { .. }) => {
            t.notice_frame().show(ui, |ui| {
                ui.label(format!(
                    "{name} was changed on disk by someone else while you were reviewing it."
                ));
                ui.horizontal(|ui| {
                    if ui.button("Reload (lose mine)").clicked() {
                        out.push(DeskAction::ReloadTheirs);
                    }
                    if ui.button("Keep mine").clicked() {
                        out.push(DeskAction::KeepMine);
                    }
                });
            });
        }
        Some(DiskChange::Missing) => {
            t.notice_frame().show(ui, |ui| {
                ui.label(format!(
                    "{name} was deleted or moved away. Save puts your version back."
                ));
            });
        }
        Some(DiskChange::Unreadable(why)) => {
            t.notice_frame().show(ui, |ui| {
                ui.label(format!(
                    "{name} was changed on disk and cannot be read as a story now ({why}). Save \
                     puts your version back; Keep mine stops asking."
                ));
                if ui.button("Keep mine").clicked() {
                    out.push(DeskAction::KeepMine);
                }
            });
        }
        None => {}
    }
}
