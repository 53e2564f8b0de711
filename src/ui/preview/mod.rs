//! The preview: the story as readers will see it, drawn from
//! [`copydesk_core::document::Document`] (the same structure the HTML export uses).
//!
//! The text is laid out once per change of story, width, theme or zoom and kept as galleys;
//! a frame with nothing new only places them.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use egui::text::LayoutJob;
use egui::{Galley, RichText};

use copydesk_core::article::{Article, DateStyle};
use copydesk_core::document::Document;

use std::path::Path;

use super::fonts::serif;
use super::picture::PictureView;
use super::tokens::Tokens;

mod build;
mod rtl;

use build::{BlockCache, Item, Laid, build, splice};
use rtl::RtlLines;

/// Room kept free at the right of the preview's column for the scroll bar.
const SCROLL_BAR_ROOM: f32 = 12.0;

/// Up to this many items (about 130 paragraphs) all of them are drawn while a screen reader
/// reads the window, so it (and a test) finds the whole story; above, or with no screen
/// reader, only the items in sight.
pub(super) const DRAW_ALL_UP_TO: usize = 400;

/// Drawn beyond the edges of the view, so a scroll shows no gap before the next frame.
const OVERSCAN: f32 = 400.0;

/// The laid-out page, kept until the story, width, theme, zoom or date style change.
#[derive(Default)]
pub struct PreviewView {
    cache: Option<(Key, Laid)>,
    blocks: BlockCache,
    /// Where the preview was last taken to follow the editor (it is moved again only when
    /// that changes, so a reader who scrolls the preview keeps their place while typing).
    followed: Option<Follow>,
    /// Frames left in which the place followed is checked again (see [`SETTLE_FRAMES`]).
    settling: u8,
    /// The offset the preview was last scrolled to, to follow.
    jumped: Option<f32>,
}

/// What the preview shows at its top to follow the editor's view of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    /// The top of the page: the editor shows the start of the body.
    Top,
    /// The block read from this byte of the body: the editor shows it at its top.
    Body(usize),
}

struct Key {
    /// The document laid out (the same allocation, held so its address cannot be reused),
    /// so a long story whose document is still being worked out is not laid out again per
    /// keystroke.
    document: Arc<Document>,
    width: u32,
    dark: bool,
    pixels_per_point: f32,
    style: DateStyle,
    /// [`crate::ui::fonts::atlas_epoch`]: galleys from before the glyph atlas started over
    /// draw scrambled letters.
    atlas: u64,
}

impl Key {
    /// Whether a page laid out for `self` looks as one for `other` would but for the story.
    fn same_look(&self, other: &Key) -> bool {
        self.width == other.width
            && self.dark == other.dark
            && self.pixels_per_point == other.pixels_per_point
            && self.style == other.style
            && self.atlas == other.atlas
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.document, &other.document) && self.same_look(other)
    }
}

/// What the preview draws.
pub struct Page<'a> {
    /// The reader's view of the story.
    pub document: &'a Arc<Document>,
    /// The story (for its embargo).
    pub article: &'a Article,
    /// Whether the document is for the story as it is now (a long story's is worked out in
    /// the background and may be a few keystrokes behind).
    pub current: bool,
    /// How dates are written.
    pub style: DateStyle,
    /// The folder relative picture paths start from (the story's).
    pub base: Option<&'a Path>,
    /// Which story this is (the preview starts at the top for each new one).
    pub generation: u64,
    /// What the editor shows at its top, for the preview to show too (`None`: the preview
    /// is scrolled only by hand, as in the desk's review).
    pub follow: Option<Follow>,
}

/// The right pane.
pub fn preview_ui(
    ui: &mut egui::Ui,
    page: &Page<'_>,
    view: &mut PreviewView,
    pictures: &mut PictureView,
) {
    let t = Tokens::of(ui);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Preview").strong());
        ui.label(RichText::new("as readers will see it").weak().small());
        if !page.current {
            ui.label(RichText::new("updating…").weak().small());
        }
    });
    ui.separator();
    if let Some(e) = copydesk_core::checks::embargo_in_force(page.article, chrono::Utc::now()) {
        ui.label(
            RichText::new(format!(
                "EMBARGOED until {} — do not publish",
                e.format_date(page.style)
            ))
            .strong()
            .color(t.warn),
        );
    }
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("preview-scroll", page.generation))
        .auto_shrink([false, false]);
    if let Some(y) = follow_offset(page, view, ui.spacing().item_spacing.y) {
        area = area.vertical_scroll_offset(y);
    }
    area.show_viewport(ui, |ui, viewport| {
        // Clear of the scroll bar, which egui floats over the content's right edge, so
        // right-to-left lines (set against that edge) are not drawn under it.
        let width = (ui.available_width() - SCROLL_BAR_ROOM).min(t.preview.column);
        let key = Key {
            document: page.document.clone(),
            width: width as u32,
            dark: ui.visuals().dark_mode,
            pixels_per_point: ui.ctx().pixels_per_point(),
            atlas: crate::ui::fonts::atlas_epoch(ui.ctx()),
            style: page.style,
        };
        let laid = match &mut view.cache {
            Some((k, laid)) if *k == key => laid,
            cache => {
                let mut kept = cache.take();
                // the same page but for the story: only its changed blocks laid out again
                let spliced = match &mut kept {
                    Some((old, laid)) if old.same_look(&key) => splice(
                        ui,
                        &old.document,
                        page.document,
                        laid,
                        width,
                        &mut view.blocks,
                    ),
                    _ => false,
                };
                let laid = match kept {
                    Some((old, laid)) if spliced => {
                        // the old document (a long story's is large): freed off this thread
                        let pieces = old.document.blocks.len();
                        crate::app::derive::drop_later(old.document, pieces);
                        laid
                    }
                    old => {
                        // thousands of galleys and the old document: freed off this thread
                        let pieces = old
                            .as_ref()
                            .map_or(0, |(k, laid)| k.document.blocks.len() + laid.items.len());
                        crate::app::derive::drop_later(old, pieces);
                        build(ui, page.document, width, &mut view.blocks)
                    }
                };
                &mut cache.insert((key, laid)).1
            }
        };
        ui.set_max_width(width);
        let sizes = &mut view.blocks.sizes;
        page_ui(ui, laid, sizes, viewport, width, t, pictures, page.base);
    });
}

/// Frames after the preview is taken to a new place in which it is taken there again if
/// the place moved: the paragraphs around it are measured as they are first drawn (a long
/// story's are placed by an estimate until then), which moves what is below them.
const SETTLE_FRAMES: u8 = 12;

/// Where the preview is to be scrolled to (its offset from the page's top) to follow the
/// editor, when it is to be moved this frame: when the editor's view moved to another
/// paragraph, and again while the paragraphs there are first measured.
fn follow_offset(page: &Page<'_>, view: &mut PreviewView, spacing: f32) -> Option<f32> {
    let follow = page.follow?;
    if view.followed != Some(follow) {
        view.followed = Some(follow);
        view.settling = SETTLE_FRAMES;
        view.jumped = None;
    }
    if view.settling == 0 {
        return None;
    }
    view.settling -= 1;
    let (_, laid) = view.cache.as_mut()?;
    let y = match follow {
        Follow::Top => 0.0,
        Follow::Body(byte) => {
            // the block the editor's view starts in
            let block = page
                .document
                .blocks
                .partition_point(|b| b.range.end <= byte);
            laid.block_top(block, spacing)
        }
    };
    if view.jumped == Some(y) {
        return None;
    }
    view.jumped = Some(y);
    Some(y)
}

/// Places the items one under the other, drawing those in sight (all of them on a page of
/// up to [`DRAW_ALL_UP_TO`] items read by a screen reader) and leaving room for the rest, so
/// a long story costs a frame what a screenful costs.
#[allow(
    clippy::too_many_arguments,
    reason = "the page, where it is seen, and what its items are drawn with"
)]
fn page_ui(
    ui: &mut egui::Ui,
    laid: &mut Laid,
    sizes: &mut HashMap<u64, f32>,
    viewport: egui::Rect,
    width: f32,
    t: &Tokens,
    pictures: &mut PictureView,
    base: Option<&Path>,
) {
    // All of a short page when a screen reader reads it, so it finds every paragraph; else
    // only what is in sight (a short story's page was a sixth of its keystroke frame).
    let all = laid.items.len() <= DRAW_ALL_UP_TO && crate::ui::layout::screen_reader_on(ui);
    let spacing = ui.spacing().item_spacing.y;
    let origin = ui.max_rect().min;
    let (top, bottom) = (viewport.top() - OVERSCAN, viewport.bottom() + OVERSCAN);
    // the first item that can reach into sight: none before it ends below `top`
    let tops = laid.tops(spacing);
    let first = if all {
        0
    } else {
        tops[1..].partition_point(|&next| next < top)
    };
    let mut y = tops[first];
    let mut remeasured = Vec::new();
    for (i, (item, height)) in laid.items[first..]
        .iter()
        .zip(laid.heights[first..].iter_mut())
        .enumerate()
    {
        if let Item::Gap(h) = item {
            y += h;
            continue;
        }
        if !all && y > bottom {
            break;
        }
        if all || y + *height >= top {
            let rect = egui::Rect::from_min_size(
                origin + egui::vec2(0.0, y),
                egui::vec2(width, f32::INFINITY),
            );
            let drawn = ui
                .scope_builder(
                    egui::UiBuilder::new()
                        .max_rect(rect)
                        .layout(egui::Layout::top_down(egui::Align::Min)),
                    |ui| item_ui(ui, item, t, pictures, base),
                )
                .response
                .rect
                .height();
            if let Item::Pending { measured, .. } = item {
                measured.store(drawn.to_bits(), Ordering::Relaxed);
            } else if let Some(k) = item.size_key() {
                sizes.insert(k, drawn);
            }
            if (drawn - *height).abs() > 0.5 {
                remeasured.push((first + i, drawn - *height));
            }
            *height = drawn;
        }
        y += *height + spacing;
    }
    laid.remeasured(&remeasured);
    // the page's full height, so the scroll bar is the story's
    let height = laid.tops(spacing).last().copied().unwrap_or(0.0);
    ui.advance_cursor_after_rect(egui::Rect::from_min_size(
        origin,
        egui::vec2(width, height + 24.0),
    ));
    if !remeasured.is_empty() {
        // what is below moved: place it again
        ui.ctx().request_repaint();
    }
}

fn item_ui(
    ui: &mut egui::Ui,
    item: &Item,
    t: &Tokens,
    pictures: &mut PictureView,
    base: Option<&Path>,
) {
    match item {
        Item::RightToLeft {
            lines,
            indent,
            bar,
            typed,
        } => {
            // Not selectable: a copy would come out in screen order rather than as typed.
            let r = rtl_ui(ui, lines, *indent, typed, egui::Sense::hover());
            if *bar {
                let x = r.rect.right() - 3.0;
                ui.painter().line_segment(
                    [egui::pos2(x, r.rect.top()), egui::pos2(x, r.rect.bottom())],
                    egui::Stroke::new(3.0, t.quote_bar),
                );
            }
        }
        Item::Text {
            galley,
            indent,
            bar,
        } => text_ui(ui, galley.clone(), *indent, *bar, t),
        Item::Pending {
            job, indent, bar, ..
        } => {
            let galley = ui.fonts_mut(|f| f.layout_job((**job).clone()));
            text_ui(ui, galley, *indent, *bar, t);
        }
        Item::Gap(h) => ui.add_space(*h),
        Item::Rule => {
            ui.separator();
        }
        Item::Image { source, alt } => {
            let max = egui::vec2(ui.available_width(), 360.0);
            pictures.picture_ui(ui, source, base, max, alt);
        }
        Item::Related { title, url, rtl } => {
            egui::Frame::new()
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    if let Some(lines) = rtl {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                            ui.label(RichText::new("RELATED").small().strong().weak());
                        });
                        let r = rtl_ui(ui, lines, 0.0, title, egui::Sense::click());
                        let r = r.on_hover_cursor(egui::CursorIcon::PointingHand);
                        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Link, true, title));
                        if r.clicked() {
                            ui.ctx().open_url(egui::OpenUrl::new_tab(url));
                        }
                    } else {
                        ui.label(RichText::new("RELATED").small().strong().weak());
                        ui.hyperlink_to(
                            RichText::new(title).font(serif(t.preview.body, true, false)),
                            url,
                        );
                    }
                });
        }
        Item::Missing(id) => {
            ui.label(
                RichText::new(format!("[related link “{id}” is not in the list]")).color(t.error),
            );
        }
    }
}

/// A paragraph of laid-out text, `indent` in (with a quotation's bar).
fn text_ui(ui: &mut egui::Ui, galley: Arc<Galley>, indent: f32, bar: bool, t: &Tokens) {
    ui.horizontal(|ui| {
        if indent > 0.0 {
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(indent, galley.size().y), egui::Sense::hover());
            if bar {
                let x = rect.left() + 3.0;
                ui.painter().line_segment(
                    [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                    egui::Stroke::new(3.0, t.quote_bar),
                );
            }
        }
        ui.add(egui::Label::new(galley).selectable(true));
    });
}

/// A paragraph's height before it is laid out: its rows at an average glyph width of half
/// the font size.
pub(super) fn estimate_height(ui: &egui::Ui, job: &LayoutJob) -> f32 {
    let Some(font) = job.sections.first().map(|s| s.format.font_id.clone()) else {
        return 0.0;
    };
    let row = ui.fonts_mut(|f| f.row_height(&font));
    let chars = job.text.chars().count() as f32;
    let rows = (chars * font.size * 0.5 / job.wrap.max_width.max(1.0))
        .ceil()
        .max(1.0);
    rows * row
}

/// Draws right-to-left lines against the right edge, `indent` in from it; the response
/// covers the text (and the indent), named `typed` for screen readers.
fn rtl_ui(
    ui: &mut egui::Ui,
    lines: &RtlLines,
    indent: f32,
    typed: &str,
    sense: egui::Sense,
) -> egui::Response {
    let size = egui::vec2(lines.width + indent, lines.height);
    let (rect, response) = ui
        .with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            ui.allocate_exact_size(size, sense)
        })
        .inner;
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, typed));
    let right = rect.right() - indent;
    let mut y = rect.top();
    let color = ui.visuals().text_color();
    for line in &lines.lines {
        let mut x = right - line.width;
        for (galley, advance) in &line.pieces {
            ui.painter().galley(egui::pos2(x, y), galley.clone(), color);
            x += advance;
        }
        y += line.height;
    }
    response
}

#[cfg(test)]
mod tests;
