//! The metadata panel: every field of the story around its body, each with a label that
//! screen readers (and the GUI tests) find it by, and the checks list on top.
//!
//! One file per section: [`headline`] (headline, SEO headline, standfirst, slug), [`dates`]
//! (dates, status, notes), [`people`] (byline, section, tags), [`image`], [`related`].

mod checks_list;
mod dates;
mod headline;
mod image;
mod people;
mod related;

use copydesk_core::article::{Article, DateStyle};
use copydesk_core::checks::Problem;
use copydesk_core::document::Document;
use copydesk_core::field::Field;
use egui::{Id, Response};

use std::path::Path;

use super::Action;
use super::editor;
use super::picture::PictureView;

/// What the panel shows: the story and what is derived from it, read-only.
pub struct Story<'a> {
    /// The story.
    pub article: &'a Article,
    /// The reader's view (for where related links are placed).
    pub document: &'a Document,
    /// The checks' problems.
    pub problems: &'a [Problem],
    /// How dates are written.
    pub style: DateStyle,
    /// The body editor's cursor, in characters, for "Place at cursor".
    pub body_cursor: Option<usize>,
    /// The folder relative picture paths start from (the story's).
    pub base: Option<&'a Path>,
}

/// What the panel remembers between frames: text being typed that is not yet a value (a
/// half-typed time, a new tag, a new link) and a field it was asked to focus.
#[derive(Default)]
pub struct MetadataView {
    dates: dates::DatesView,
    people: people::PeopleView,
    related: related::RelatedView,
    focus: Option<(Field, Option<usize>)>,
}

impl MetadataView {
    /// Takes the user to `field` on the next frame, at byte `at` of its text when given.
    pub fn focus(&mut self, field: Field, at: Option<usize>) {
        self.focus = Some((field, at));
    }

    /// Whether the panel was asked to focus `field`; the widget that edits it calls this and
    /// takes the focus.
    fn take_focus(&mut self, field: Field, r: &Response) {
        if matches!(self.focus, Some((f, _)) if f == field) {
            self.focus = None;
            r.request_focus();
            r.scroll_to_me(Some(egui::Align::Center));
        }
    }
}

/// The id of the widget that edits `field`, so the checks list can focus it.
pub fn field_id(field: Field) -> Id {
    Id::unique(("copydesk-meta", field))
}

/// The left pane.
pub fn metadata_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    pictures: &mut PictureView,
    out: &mut Vec<Action>,
) {
    // A text field asked for by the checks list: put its cursor where the problem is. The
    // field scrolls itself into view when it gains focus (see `headline::text`).
    if let Some((field, at)) = view.focus
        && let Some(text_field) = field.text_field()
    {
        view.focus = None;
        let id = field_id(field);
        let text = text_field.get(story.article).unwrap_or_default();
        let at = at.unwrap_or(text.len()).min(text.len());
        editor::select(ui.ctx(), id, text, at..at);
    }
    egui::ScrollArea::vertical()
        .id_salt("metadata-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            checks_list::checks_list_ui(ui, story.problems, out);
            ui.separator();
            dates::embargo_banner_ui(ui, story);
            headline::headline_ui(ui, story, out);
            ui.separator();
            dates::dates_ui(ui, story, view, out);
            ui.separator();
            people::people_ui(ui, story, view, out);
            ui.separator();
            image::image_ui(ui, story, view, pictures, out);
            ui.separator();
            related::related_ui(ui, story, view, out);
            ui.add_space(12.0);
        });
}
