//! Related links: title, address, where the link is placed in the body, and the commands to
//! place, move and remove it; a form to add a new one.

use copydesk_core::article::RelatedLink;
use copydesk_core::checks;
use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, TextField};
use egui::{Id, RichText};

use super::headline::text_field_ui;
use super::{MetadataView, Story};
use crate::ui::Action;
use crate::ui::editor::char_to_byte;
use crate::ui::tokens::Tokens;

/// Above this many links only the links in sight are drawn: a story's usual handful (the
/// reference story has three) is drawn whole, so a screen reader finds every box; a long
/// read's dozen or two cost a keystroke's frame more than the rest of the panel (at 10k
/// words, fifteen links were a third of the frame), and an archive story's thousand would
/// cost what a thousand boxes cost.
const DRAW_ALL_UP_TO: usize = 8;

/// A new link being typed, and the links' boxes as last drawn.
#[derive(Default)]
pub(super) struct RelatedView {
    new_title: String,
    new_url: String,
    /// Each link's box height when last drawn (0: not drawn yet).
    heights: Vec<f32>,
    /// The link whose box holds the keyboard focus: drawn wherever it is, with its
    /// neighbours, so Tab moves through the links as if all were drawn.
    focused: Option<usize>,
    /// Each link's address and what its check said (`None`: a valid address), so an
    /// address is parsed when it changes, not every frame.
    notes: Vec<(String, Option<String>)>,
}

impl RelatedView {
    /// What the check of link `i`'s address `url` says: `None` when it is a valid web
    /// address, else why not.
    fn note(&mut self, i: usize, url: &str) -> Option<&str> {
        if self.notes.len() <= i {
            self.notes.resize(i + 1, (String::new(), None));
        }
        let (checked, note) = &mut self.notes[i];
        if checked != url || (url.is_empty() && note.is_none()) {
            *checked = url.to_owned();
            *note = checks::related_url(url).err();
        }
        note.as_deref()
    }
}

/// The related links section.
pub(super) fn related_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    let t = Tokens::of(ui);
    let a = story.article;
    ui.label(RichText::new("Related links").strong());
    let n = a.related.len();
    view.related.heights.resize(n, 0.0);
    view.related.notes.truncate(n);
    let all = n <= DRAW_ALL_UP_TO;
    let near_focus = view.related.focused.take();
    // a link's box the checks list asked for: drawn wherever it is, to take the focus and be
    // scrolled to
    let asked = view.asked_related();
    // a box not drawn yet is taken to be as tall as the last one drawn
    let mut guess = 0.0;
    // The room of the boxes passed over since the last one drawn (with the spacing after
    // each), taken in one piece: an archive story's thousand links cost a frame one
    // allocation, not a thousand.
    let spacing = ui.spacing().item_spacing.y;
    let mut passed = 0.0;
    let take_room = |ui: &mut egui::Ui, passed: &mut f32| {
        if *passed > 0.0 {
            ui.allocate_space(egui::vec2(ui.available_width(), *passed - spacing));
            *passed = 0.0;
        }
    };
    for (i, link) in a.related.iter().enumerate() {
        let height = match view.related.heights[i] {
            h if h > 0.0 => {
                guess = h;
                h
            }
            _ => guess,
        };
        let rect = egui::Rect::from_min_size(
            ui.cursor().min + egui::vec2(0.0, passed),
            egui::vec2(ui.available_width(), height),
        );
        let focus_here = near_focus.is_some_and(|f| f.abs_diff(i) <= 1) || asked == Some(i);
        if !all && height > 0.0 && !focus_here && !ui.is_rect_visible(rect) {
            // out of sight: its room only
            passed += height + spacing;
            continue;
        }
        take_room(ui, &mut passed);
        let placed_after = story.document.placed_after(&link.id);
        // The box's widgets take their ids from the link's place in the list, not from how
        // many widgets and spaces came before it (egui's automatic ids count them): a box
        // keeps the keyboard focus as the panel scrolls.
        let scope = egui::UiBuilder::new().scope_id(ui.scope_id().with(("related-link", i)));
        let drawn = ui.scope_builder(scope, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("Link {} · id {}", i + 1, link.id)).color(t.weak));
                text_field_ui(
                    ui,
                    view,
                    &format!("Link {} title", i + 1),
                    TextField::RelatedTitle(i),
                    &link.title,
                    false,
                    "Headline of the linked story",
                    out,
                );
                text_field_ui(
                    ui,
                    view,
                    &format!("Link {} URL", i + 1),
                    TextField::RelatedUrl(i),
                    &link.url,
                    false,
                    "https://…",
                    out,
                );
                let (note, color) = match view.related.note(i, &link.url) {
                    None => ("Valid web address".to_owned(), t.weak),
                    Some(why) => (format!("This link {why}."), t.error),
                };
                ui.label(RichText::new(note).color(color));
                let place = match placed_after {
                    Some(0) => "Placed at the top of the body".to_owned(),
                    Some(p) => format!("Placed after paragraph {p}"),
                    None => "Not placed in the body yet".to_owned(),
                };
                let color = if placed_after.is_some() {
                    t.weak
                } else {
                    t.warn
                };
                ui.label(RichText::new(place).color(color));
                ui.horizontal_wrapped(|ui| {
                    let place = ui.button("Place at cursor").on_hover_text(
                        "Put this link after the paragraph where the body's cursor is",
                    );
                    view.take_focus(Field::Related(i), &place);
                    if place.clicked() {
                        let cursor = story
                            .body_cursor
                            .map_or(a.body.len(), |c| char_to_byte(&a.body, c));
                        out.push(Action::EndTyping);
                        out.push(Action::Edit(Edit::PlaceRelated { index: i, cursor }));
                        out.push(Action::ShowAnchor(link.id.clone()));
                    }
                    if ui
                        .add_enabled(i > 0, egui::Button::new("Move up"))
                        .clicked()
                    {
                        out.push(Action::EndTyping);
                        out.push(Action::Edit(Edit::MoveRelated { from: i, to: i - 1 }));
                    }
                    if ui
                        .add_enabled(i + 1 < n, egui::Button::new("Move down"))
                        .clicked()
                    {
                        out.push(Action::EndTyping);
                        out.push(Action::Edit(Edit::MoveRelated { from: i, to: i + 1 }));
                    }
                    if ui.button("Remove link").clicked() {
                        out.push(Action::EndTyping);
                        out.push(Action::Edit(Edit::RemoveRelated(i)));
                    }
                });
            });
        });
        let r = drawn.response.rect;
        view.related.heights[i] = r.height();
        guess = r.height();
        let ctx = ui.ctx();
        // the box asked for takes the focus as it is drawn, and is scrolled to in the next
        // frame: it is drawn there too, wherever it is then
        if asked == Some(i)
            || ctx
                .memory(|m| m.focused())
                .and_then(|id| ctx.read_response(id))
                .is_some_and(|f| r.contains_rect(f.rect))
        {
            view.related.focused = Some(i);
        }
    }
    take_room(ui, &mut passed);
    // a new link: title and address, then Add
    let v = &mut view.related;
    ui.label(RichText::new("New related link").strong());
    for (label, value, id) in [
        (
            "New link title",
            &mut v.new_title,
            "copydesk-new-link-title",
        ),
        ("New link URL", &mut v.new_url, "copydesk-new-link-url"),
    ] {
        let l = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(value)
                .id(Id::unique(id))
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    }
    let title = v.new_title.trim().to_owned();
    if ui
        .add_enabled(!title.is_empty(), egui::Button::new("Add related link"))
        .clicked()
    {
        let id = a.new_related_id(&title);
        out.push(Action::EndTyping);
        out.push(Action::Edit(Edit::InsertRelated {
            at: n,
            link: RelatedLink {
                id,
                title,
                url: v.new_url.trim().to_owned(),
                extra: Default::default(),
            },
        }));
        v.new_title.clear();
        v.new_url.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_checked_again_when_it_changes() {
        let mut v = RelatedView::default();
        assert!(v.note(1, "").is_some(), "no address is not a valid one");
        assert_eq!(v.note(1, "https://example.com/a"), None);
        assert!(
            v.note(1, "example dot com").is_some(),
            "changed: checked again"
        );
        assert_eq!(v.note(0, "https://example.com/b"), None);
        assert!(v.note(0, "").is_some());
    }
}
