//! How the window shares its width: the story body keeps a readable column at any window
//! size and zoom, and a side panel is never wider than the user made it.
//!
//! The body gets at least [`MIN_BODY`] points (about 50 characters of body text). The side
//! panels take what is left, each within its own range; when there is not room for both, the
//! preview gives way first (it is shown again as soon as the window is wide enough, and the
//! status bar says it is hidden), then the metadata panel. The user's own choice, View →
//! panels, is not changed by any of this.
//!
//! egui widens a side panel to fit content wider than it; [`contained_ui`] draws a panel's
//! content at the panel's current width and no wider, so only the user's drag changes it.

use egui::{Rangef, Rect, UiBuilder};

/// The narrowest the story body gets, in points.
pub const MIN_BODY: f32 = 360.0;
/// The metadata panel's widths, and its first width.
pub const METADATA: Rangef = Rangef {
    min: 240.0,
    max: 640.0,
};
/// The metadata panel's width on a first run.
pub const METADATA_DEFAULT: f32 = 360.0;
/// The preview's widths.
pub const PREVIEW: Rangef = Rangef {
    min: 260.0,
    max: 900.0,
};
/// The preview's width on a first run.
pub const PREVIEW_DEFAULT: f32 = 440.0;

/// Which side panels are shown this frame, and how wide each may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panes {
    /// The metadata panel's allowed widths, when it is shown.
    pub metadata: Option<Rangef>,
    /// The preview's allowed widths, when it is shown.
    pub preview: Option<Rangef>,
    /// Panels the user wants but the window is too narrow for.
    pub squeezed_out: Squeezed,
}

/// Panels left out for want of room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Squeezed {
    /// The metadata panel.
    pub metadata: bool,
    /// The preview.
    pub preview: bool,
}

/// Shares `width` (the window's, in points) between the body and the side panels the user
/// wants, given their widths in the last frame.
pub fn plan(width: f32, want_metadata: bool, want_preview: bool, last: (f32, f32)) -> Panes {
    let mut metadata = want_metadata;
    let mut preview = want_preview;
    let mut squeezed_out = Squeezed::default();
    if metadata && preview && width < MIN_BODY + METADATA.min + PREVIEW.min {
        preview = false;
        squeezed_out.preview = true;
    }
    if metadata && width < MIN_BODY + METADATA.min {
        metadata = false;
        squeezed_out.metadata = true;
    }
    if preview && width < MIN_BODY + PREVIEW.min {
        preview = false;
        squeezed_out.preview = true;
    }
    // The metadata panel first: what the body and the preview's minimum leave; then the
    // preview: what the body and the metadata panel, as it will be, leave.
    let (last_meta, _) = last;
    let room = width - MIN_BODY;
    let meta_range = metadata.then(|| {
        let max = room - if preview { PREVIEW.min } else { 0.0 };
        Rangef::new(METADATA.min, max.clamp(METADATA.min, METADATA.max))
    });
    let meta_width = meta_range.map_or(0.0, |r| last_meta.clamp(r.min, r.max));
    let preview_range = preview.then(|| {
        Rangef::new(
            PREVIEW.min,
            (room - meta_width).clamp(PREVIEW.min, PREVIEW.max),
        )
    });
    Panes {
        metadata: meta_range,
        preview: preview_range,
        squeezed_out,
    }
}

/// Draws `add` at the panel's current width and no wider: what does not fit is clipped, so
/// hovering, typing or adding an author never widens the panel.
pub fn contained_ui<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let rect: Rect = ui.available_rect_before_wrap();
    let mut child = ui.new_child(UiBuilder::new().max_rect(rect).layout(*ui.layout()));
    child.shrink_clip_rect(rect);
    let r = add(&mut child);
    ui.advance_cursor_after_rect(rect);
    r
}

/// Whether a screen reader is reading the window (eframe builds the accessibility tree only
/// then). A pane draws only what is in sight when none is, and all of it when one is, so the
/// reader finds every field and paragraph, in sight or not.
pub fn screen_reader_on(ui: &egui::Ui) -> bool {
    let ctx = ui.ctx();
    if let Some(on) = ctx.data(|d| d.get_temp::<bool>(assumed_id())) {
        return on;
    }
    // The `Ui`'s own node is in the tree whenever there is a tree: asking for it adds nothing.
    ctx.accesskit_node_builder(ui.unique_id(), |_| ()).is_some()
}

/// Makes [`screen_reader_on`] answer `on` whatever the accessibility tree says (`None`: the
/// tree decides again). The GUI tests, whose harness always builds the tree, see the window
/// as a sighted user's with `Some(false)`, and still find what is drawn by its labels.
pub fn assume_screen_reader(ctx: &egui::Context, on: Option<bool>) {
    ctx.data_mut(|d| match on {
        Some(on) => {
            d.insert_temp(assumed_id(), on);
        }
        None => d.remove::<bool>(assumed_id()),
    });
}

fn assumed_id() -> egui::Id {
    egui::Id::unique("copydesk-assume-screen-reader")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_keeps_its_column_and_the_preview_gives_way_first() {
        // 1280 points: all three at their widths
        let p = plan(1280.0, true, true, (360.0, 440.0));
        assert_eq!(p.squeezed_out, Squeezed::default());
        let (m, v) = (p.metadata.unwrap(), p.preview.unwrap());
        // the metadata panel may grow while the preview can shrink to its minimum; the
        // preview may grow into what the metadata panel, as it is, leaves
        assert!(1280.0 - m.max - PREVIEW.min >= MIN_BODY - 0.5, "{m:?}");
        assert!(1280.0 - v.max - 360.0 >= MIN_BODY - 0.5, "{v:?}");
        assert_eq!(v.max, 900.0_f32.min(1280.0 - MIN_BODY - 360.0));
        // 900: the panels shrink so the body keeps its column
        let p = plan(900.0, true, true, (360.0, 440.0));
        let (m, v) = (p.metadata.unwrap(), p.preview.unwrap());
        assert!(900.0 - m.min - v.min >= MIN_BODY);
        assert!(900.0 - m.max - PREVIEW.min >= MIN_BODY - 0.5);
        // 720: the preview gives way
        let p = plan(720.0, true, true, (360.0, 440.0));
        assert!(p.preview.is_none() && p.squeezed_out.preview);
        assert!(720.0 - p.metadata.unwrap().max >= MIN_BODY);
        // 500 (200 % zoom on a small window): the body alone
        let p = plan(500.0, true, true, (360.0, 440.0));
        assert!(p.metadata.is_none() && p.preview.is_none());
        assert!(p.squeezed_out.metadata && p.squeezed_out.preview);
        // panels the user hid are not "squeezed out"
        let p = plan(500.0, false, false, (360.0, 440.0));
        assert_eq!(p.squeezed_out, Squeezed::default());
    }
}
