//! Which of the panel's sections a frame draws. egui lays out every widget it is given each
//! frame, in sight or not: the panel was a fifth of a 1k-word story's keystroke frame (by
//! perf), its related links (a quarter of that) out of sight at 1280×800. A section out of
//! sight now takes only its room, at the height it had when last drawn. No margin beyond
//! the panel's edges is drawn: a frame decides what is in sight with the scroll offset it
//! draws at, so a wheel turn brings a section in the very frame it reaches the edge.
//!
//! Everything is drawn when a screen reader reads the window (it must find every field), in
//! the frame after something was added to the fields, taken away or set (an author, a link,
//! a date, a whole story put back; not typing, in the body or a field), the panel's width,
//! theme, zoom or fonts changed or its picture loaded (a section's height may have changed),
//! and while the checks list is taking the user to a field. Text typed into a field is
//! typed where the keyboard is, in a section drawn; a field changed out of sight (Find's
//! Replace, an undo) keeps its section's room until it comes into sight and is drawn. The section holding the keyboard focus is
//! drawn wherever it is, with its neighbours, so Tab and Shift+Tab move from it into the
//! next section's fields as if all were drawn.

use copydesk_core::article::DateStyle;

/// What a section's height depends on besides what the user does in it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Look {
    /// Which story ([`super::Story::generation`]).
    pub generation: u64,
    /// [`crate::app::story::Story::fields_revision`].
    pub fields: u64,
    /// The panel's width.
    pub width: f32,
    /// Dark or light.
    pub dark: bool,
    /// The zoom.
    pub pixels_per_point: f32,
    /// [`crate::ui::fonts::atlas_epoch`]: fonts for another script were added.
    pub atlas: u64,
    /// How dates are written.
    pub style: DateStyle,
    /// How the story's picture stands (see [`crate::ui::picture::PictureView::look`]).
    pub picture: u64,
}

/// The sections' heights as last drawn, and what they were drawn for.
#[derive(Default)]
pub(super) struct Sections {
    look: Option<Look>,
    heights: Vec<f32>,
    /// The section that held the keyboard focus at the end of the last frame.
    focused: Option<usize>,
    /// This frame: whether every section is drawn.
    all: bool,
    /// This frame: where each section drawn was.
    drawn: Vec<Option<egui::Rect>>,
    /// The widget with the keyboard focus at the end of the last frame.
    last_focus: Option<egui::Id>,
}

impl Sections {
    /// Starts a frame of the panel's `count` sections: `all` when everything must be drawn
    /// (a screen reader, a field asked for).
    pub(super) fn begin(&mut self, ctx: &egui::Context, look: Look, count: usize, all: bool) {
        self.heights.resize(count, 0.0);
        self.drawn.clear();
        self.drawn.resize(count, None);
        let changed = self.look != Some(look);
        self.look = Some(look);
        // The keyboard was given to a widget between frames (by a screen reader's command, or
        // code run after the panel): it may be in a section out of sight, which must be drawn
        // to keep it.
        let focus_moved = ctx.memory(|m| m.focused()) != self.last_focus;
        self.all = all || changed || focus_moved || self.heights.iter().any(|h| *h <= 0.0);
    }

    /// Draws section `i` with `add` if it is to be drawn this frame; else takes its room.
    pub(super) fn section_ui(
        &mut self,
        ui: &mut egui::Ui,
        i: usize,
        add: impl FnOnce(&mut egui::Ui),
    ) {
        let height = self.heights[i];
        let room =
            egui::Rect::from_min_size(ui.cursor().min, egui::vec2(ui.available_width(), height));
        let near_focus = self.focused.is_some_and(|f| f.abs_diff(i) <= 1);
        let in_sight = room.intersects(ui.clip_rect());
        if !(self.all || near_focus || in_sight) {
            ui.allocate_space(egui::vec2(ui.available_width(), height));
            return;
        }
        // The section's widgets take their ids from which section it is, not from how many
        // widgets came before it (egui's automatic ids count them): a button keeps its id
        // whether the sections above it were drawn or not.
        let scope = egui::UiBuilder::new().scope_id(ui.scope_id().with(("metadata-section", i)));
        let drawn = ui.scope_builder(scope, add).response.rect;
        self.heights[i] = drawn.height();
        self.drawn[i] = Some(drawn);
    }

    /// Scrolls the panel to the field Tab or Shift+Tab took the keyboard to this frame, as
    /// desktop forms do (egui leaves it where it is, out of sight below the panel's edge).
    /// Call inside the panel's scroll area, after the sections.
    pub(super) fn follow_tab(&self, ui: &egui::Ui) {
        let ctx = ui.ctx();
        if !ctx.input(|i| i.key_pressed(egui::Key::Tab)) {
            return;
        }
        let Some(id) = ctx.memory(|m| m.focused()) else {
            return;
        };
        if self.last_focus == Some(id) {
            return;
        }
        if let Some(r) = ctx.read_response(id)
            && self.drawn.iter().flatten().any(|d| d.contains_rect(r.rect))
        {
            ui.scroll_to_rect(r.rect, None);
        }
    }

    /// Ends the frame: notes which section holds the keyboard focus now (Tab may have moved
    /// it from one section to the next as they were drawn).
    pub(super) fn end(&mut self, ctx: &egui::Context) {
        self.last_focus = ctx.memory(|m| m.focused());
        let focus = self
            .last_focus
            .and_then(|id| ctx.read_response(id))
            .map(|r| r.rect);
        self.focused = focus.and_then(|f| {
            self.drawn
                .iter()
                .position(|d| d.is_some_and(|d| d.contains_rect(f)))
        });
    }
}
