//! The metadata panel: every field of the story around its body, each with a label that
//! screen readers (and the GUI tests) find it by. The checks' problems are listed from the
//! status bar (see [`crate::ui::status`]); clicking one brings its field here into view.
//!
//! One file per section: [`headline`] (headline, SEO headline, standfirst, slug, language),
//! [`dates`] (dates, zones, status, notes), [`people`] (byline, section, tags), [`image`],
//! [`related`].

mod dates;
mod headline;
mod image;
mod people;
mod related;
mod sections;
mod zones;

use std::ops::Range;
use std::path::Path;

use copydesk_core::article::{Article, DateStyle};
use copydesk_core::document::Document;
use copydesk_core::field::{Field, TextField};
use egui::{Id, Response};

use super::Action;
use super::editor;
use super::picture::PictureView;

/// What the panel shows: the story and what is derived from it, read-only.
pub struct Story<'a> {
    /// The story.
    pub article: &'a Article,
    /// The reader's view (for where related links are placed).
    pub document: &'a Document,
    /// How dates are written.
    pub style: DateStyle,
    /// The body editor's cursor, in characters, for "Place at cursor".
    pub body_cursor: Option<usize>,
    /// The folder relative picture paths start from (the story's).
    pub base: Option<&'a Path>,
    /// Which story this is (the panel starts at the top for each new one).
    pub generation: u64,
    /// [`crate::app::story::Story::fields_revision`]: the sections out of sight keep their
    /// heights until it changes (typing does not change it).
    pub fields_revision: u64,
    /// What the spelling worker last found.
    pub misspellings: &'a crate::app::spelling::Misspellings,
    /// Ctrl+. was pressed: the focused field opens the spelling menu.
    pub spell_wanted: bool,
}

/// What the panel remembers between frames: text being typed that is not yet a value (a
/// half-typed time, a new tag, a new link) and a field it was asked to bring into view.
#[derive(Default)]
pub struct MetadataView {
    dates: dates::DatesView,
    people: people::PeopleView,
    related: related::RelatedView,
    /// A field to focus, with the part of its text to select.
    focus: Option<(Field, Option<Range<usize>>)>,
    /// The field to scroll into view once it has the focus. Only a field asked for (from the
    /// checks list) is scrolled to: a field the user clicks stays where it is.
    scroll_to: Option<Field>,
    /// This frame's misspelt words in the panel's fields, and whether Ctrl+. was pressed.
    spell: (Vec<crate::app::spelling::Miss>, bool),
    /// Which sections are drawn (those in sight), and the heights of the others.
    sections: sections::Sections,
}

impl MetadataView {
    /// Takes the user to `field` on the next frame, selecting `range` of its text.
    pub fn focus(&mut self, field: Field, range: Option<Range<usize>>) {
        self.focus = Some((field, range));
        self.scroll_to = Some(field);
    }

    /// Whether the panel was asked to focus `field`; the widget that edits it calls this and
    /// takes the focus.
    fn take_focus(&mut self, field: Field, r: &Response) {
        if matches!(self.focus, Some((f, _)) if f == field) {
            self.focus = None;
            self.scroll_to = None;
            r.request_focus();
            r.scroll_to_me(Some(egui::Align::Center));
        }
    }

    /// The related link one of whose boxes the checks list asked for and that has not been
    /// drawn since.
    fn asked_related(&self) -> Option<usize> {
        let field = self.focus.as_ref().map(|(f, _)| *f).or(self.scroll_to)?;
        match field {
            Field::Related(i) | Field::RelatedTitle(i) | Field::RelatedUrl(i) => Some(i),
            _ => None,
        }
    }

    /// Brings `r`, the widget of `field`, into view if the checks list asked for it.
    fn scroll_if_asked(&mut self, field: Field, r: &Response) {
        if self.scroll_to == Some(field) {
            self.scroll_to = None;
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
    // A field asked for by the checks list: every section is drawn until it is taken there.
    let asked = view.focus.is_some() || view.scroll_to.is_some();
    view.spell = (
        story
            .misspellings
            .outside(TextField::Body)
            .cloned()
            .collect(),
        story.spell_wanted,
    );
    // A text field asked for by the checks list: put its cursor (or selection) where the
    // problem is; the field scrolls into view as it is drawn.
    if let Some((field, range)) = view.focus.clone()
        && let Some(text_field) = field.text_field()
    {
        view.focus = None;
        let text = text_field.get(story.article).unwrap_or_default();
        let range = range.unwrap_or(text.len()..text.len());
        editor::select(ui.ctx(), field_id(field), text, range, true);
    }
    let look = sections::Look {
        generation: story.generation,
        fields: story.fields_revision,
        width: ui.available_width(),
        dark: ui.visuals().dark_mode,
        pixels_per_point: ui.ctx().pixels_per_point(),
        atlas: crate::ui::fonts::atlas_epoch(ui.ctx()),
        style: story.style,
        picture: story
            .article
            .image
            .as_ref()
            .map_or(0, |img| pictures.look(ui.ctx(), &img.source, story.base)),
    };
    let all = asked || crate::ui::layout::screen_reader_on(ui);
    let mut sections = std::mem::take(&mut view.sections);
    sections.begin(ui.ctx(), look, SECTIONS, all);
    egui::ScrollArea::vertical()
        .id_salt(("metadata-scroll", story.generation))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            dates::embargo_banner_ui(ui, story);
            sections.section_ui(ui, 0, |ui| headline::headline_ui(ui, story, view, out));
            ui.separator();
            sections.section_ui(ui, 1, |ui| dates::dates_ui(ui, story, view, out));
            ui.separator();
            sections.section_ui(ui, 2, |ui| people::people_ui(ui, story, view, out));
            ui.separator();
            sections.section_ui(ui, 3, |ui| {
                image::image_ui(ui, story, view, pictures, out);
            });
            ui.separator();
            sections.section_ui(ui, 4, |ui| related::related_ui(ui, story, view, out));
            ui.add_space(12.0);
            sections.follow_tab(ui);
        });
    sections.end(ui.ctx());
    view.sections = sections;
    if asked {
        // Every field there is was drawn: one still not taken to is not there (a link
        // removed meanwhile), and the panel goes back to drawing what is in sight.
        view.focus = None;
        view.scroll_to = None;
    }
}

/// The panel's sections: headline, dates, people, image, related links.
const SECTIONS: usize = 5;
