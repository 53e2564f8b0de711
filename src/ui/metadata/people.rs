//! Byline, section and tags.

use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, TextField};
use egui::RichText;

use super::{MetadataView, Story, field_id};
use crate::ui::Action;
use crate::ui::text_box::SpliceRecorder;

/// A tag being typed.
#[derive(Default)]
pub(super) struct PeopleView {
    new_tag: String,
    /// The author field to focus once it exists (after Add author).
    focus_author: Option<usize>,
    /// Give the new-tag field the focus back (after a tag was added with Enter).
    refocus_tag: bool,
}

/// The byline, section and tags.
pub(super) fn people_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    let a = story.article;
    ui.label(RichText::new("Byline, section and tags").strong());
    for (i, name) in a.byline.iter().enumerate() {
        ui.horizontal(|ui| {
            let l = ui.label(format!("Author {}", i + 1));
            // The button first, from the right; the field takes what is left, so the row
            // never needs more than the panel's width.
            let (remove, r, buffer) = ui
                .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let remove = ui.button("Remove").on_hover_text("Remove this author");
                    let mut buffer = SpliceRecorder::new(TextField::Author(i), name);
                    let r = ui
                        .add(
                            egui::TextEdit::singleline(&mut buffer)
                                .id(field_id(Field::Author(i)))
                                .desired_width(ui.available_width()),
                        )
                        .labelled_by(l.id);
                    (remove, r, buffer)
                })
                .inner;
            if let Some(edit) = buffer.into_edit() {
                out.push(Action::Edit(edit));
            }
            if r.lost_focus() {
                out.push(Action::EndTyping);
            }
            if view.people.focus_author == Some(i) {
                view.people.focus_author = None;
                r.request_focus();
            }
            view.take_focus(Field::Author(i), &r);
            if remove.clicked() {
                out.push(Action::EndTyping);
                out.push(Action::Edit(Edit::RemoveAuthor(i)));
            }
        });
    }
    let r = ui
        .add(egui::Button::new("Add author"))
        .on_hover_text("Add a name to the byline");
    view.take_focus(Field::Byline, &r);
    if r.clicked() {
        out.push(Action::EndTyping);
        out.push(Action::Edit(Edit::InsertAuthor {
            at: a.byline.len(),
            name: String::new(),
        }));
        view.people.focus_author = Some(a.byline.len());
    }
    super::headline::text_field_ui(
        ui,
        view,
        "Section",
        TextField::Section,
        &a.section,
        false,
        "e.g. Politics",
        out,
    );
    ui.label("Tags");
    ui.horizontal_wrapped(|ui| {
        for (i, tag) in a.tags.iter().enumerate() {
            if ui
                .button(format!("{tag} ×"))
                .on_hover_text(format!("Remove the tag {tag}"))
                .clicked()
            {
                out.push(Action::EndTyping);
                out.push(Action::Edit(Edit::RemoveTag(i)));
            }
        }
    });
    let mut add = false;
    let mut entered = false;
    ui.horizontal(|ui| {
        let l = ui.label("New tag");
        let (button, r) = ui
            .with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let button = ui.button("Add tag");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut view.people.new_tag)
                            .id(field_id(Field::Tags))
                            .desired_width(ui.available_width()),
                    )
                    .labelled_by(l.id);
                (button, r)
            })
            .inner;
        view.take_focus(Field::Tags, &r);
        if std::mem::take(&mut view.people.refocus_tag) {
            r.request_focus();
        }
        entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        add = entered || button.clicked();
    });
    // After Enter the field keeps the focus: the next tag can be typed straight away.
    view.people.refocus_tag |= entered;
    let tag = view.people.new_tag.trim().to_owned();
    if add && !tag.is_empty() {
        if !a.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            out.push(Action::EndTyping);
            out.push(Action::Edit(Edit::InsertTag {
                at: a.tags.len(),
                tag,
            }));
        }
        view.people.new_tag.clear();
    }
}
