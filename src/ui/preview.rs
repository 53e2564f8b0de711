//! The preview: the story as readers will see it, drawn from
//! [`copydesk_core::document::Document`] (the same structure the HTML export uses).
//!
//! The text is laid out once per change of story, width, theme or zoom and kept as galleys;
//! a frame with nothing new only places them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, RichText, TextFormat};

use copydesk_core::article::{Article, DateStyle};
use copydesk_core::document::Document;
use copydesk_core::markup::{Block, Inline};

use std::path::Path;

use super::fonts::serif;
use super::picture::PictureView;
use super::tokens::{PreviewSizes, Tokens};

#[derive(Clone)]
enum Item {
    Text {
        galley: Arc<Galley>,
        indent: f32,
        bar: bool,
    },
    /// A right-to-left paragraph, set piece by piece (see [`right_to_left`]).
    RightToLeft {
        lines: RtlLines,
        indent: f32,
        bar: bool,
        /// The paragraph in typing order, for screen readers.
        typed: String,
    },
    /// Text laid out only when it comes into sight (a long story's paragraphs): egui's
    /// galley cache keeps it while it stays there, and nothing holds it after.
    Pending {
        job: Arc<LayoutJob>,
        indent: f32,
        bar: bool,
        /// Its height guessed from its length, until it is first drawn.
        estimate: f32,
        /// Its height when last drawn (f32 bits; 0 until then), shared with the block cache's
        /// copy, so the next document after a keystroke keeps the heights already known and
        /// the page above the view does not move.
        measured: Arc<AtomicU32>,
    },
    Gap(f32),
    Rule,
    Image {
        source: String,
        alt: String,
    },
    Related {
        title: String,
        url: String,
        /// The title laid out right to left, when it is in Arabic, Hebrew…
        rtl: Option<RtlLines>,
    },
    Missing(String),
}

/// Room kept free at the right of the preview's column for the scroll bar.
const SCROLL_BAR_ROOM: f32 = 12.0;

/// Above this many items (about 130 paragraphs) only the items in sight are drawn; below,
/// all of them, so a screen reader (and a test) finds the whole story.
const DRAW_ALL_UP_TO: usize = 400;

/// Drawn beyond the edges of the view, so a scroll shows no gap before the next frame.
const OVERSCAN: f32 = 400.0;

/// The laid-out page, kept until the story, width, theme, zoom or date style change.
#[derive(Default)]
pub struct PreviewView {
    cache: Option<(Key, Laid)>,
    blocks: BlockCache,
}

/// Each body block's items from the last layout, by the block's hash, for one width, theme
/// and zoom: a new document (after a keystroke) lays out only the blocks that changed.
#[derive(Default)]
struct BlockCache {
    look: (u32, bool, u32),
    items: HashMap<u64, Vec<Item>>,
    /// Heights of pictures and related-link boxes as drawn, by what they show (see
    /// [`Item::size_key`]): a new document after a keystroke places them as they were, so
    /// the page above the view does not move.
    sizes: HashMap<u64, f32>,
}

impl BlockCache {
    /// The items of `b`, laid out with `lay` unless the last layout had them.
    fn items(
        &mut self,
        fresh: &mut HashMap<u64, Vec<Item>>,
        b: &Block,
        lay: impl FnOnce(&mut Vec<Item>),
        out: &mut Vec<Item>,
    ) {
        // Blocks that show a related link depend on the link list too: always laid out.
        if mentions_related(b) {
            lay(out);
            return;
        }
        let mut hasher = std::hash::DefaultHasher::new();
        b.hash(&mut hasher);
        let key = hasher.finish();
        if let Some(items) = fresh.get(&key) {
            out.extend(items.iter().cloned());
        } else if let Some(items) = self.items.remove(&key) {
            out.extend(items.iter().cloned());
            fresh.insert(key, items);
        } else {
            let mut items = Vec::new();
            lay(&mut items);
            out.extend(items.iter().cloned());
            fresh.insert(key, items);
        }
    }
}

/// Whether a block shows a related link (on its own line or anchored in its text).
fn mentions_related(b: &Block) -> bool {
    fn inline(i: &Inline) -> bool {
        match i {
            Inline::Related(_) => true,
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                c.iter().any(inline)
            }
            Inline::Text(_) | Inline::LineBreak => false,
        }
    }
    match b {
        Block::Related(_) => true,
        Block::Paragraph(i) | Block::Subheading(i) => i.iter().any(inline),
        Block::Quote(bs) => bs.iter().any(mentions_related),
        Block::List { items, .. } => items.iter().flatten().any(mentions_related),
        Block::Break => false,
    }
}

/// The page's items and each one's height as last drawn (laid-out text knows its height
/// before it is drawn; a picture or a related-link box is measured when first drawn).
struct Laid {
    items: Vec<Item>,
    heights: Vec<f32>,
}

impl Laid {
    fn new(items: Vec<Item>, sizes: &HashMap<u64, f32>) -> Self {
        let heights = items
            .iter()
            .map(|item| {
                item.size_key()
                    .and_then(|k| sizes.get(&k).copied())
                    .unwrap_or_else(|| item.expected_height())
            })
            .collect();
        Laid { items, heights }
    }
}

impl Item {
    /// For items whose height is known only once drawn (and that are made afresh for each
    /// document): what they show, to keep their height by.
    fn size_key(&self) -> Option<u64> {
        let mut h = std::hash::DefaultHasher::new();
        match self {
            Item::Image { source, alt } => ("image", source, alt).hash(&mut h),
            Item::Related { title, url, .. } => ("related", title, url).hash(&mut h),
            Item::Missing(id) => ("missing", id).hash(&mut h),
            Item::Rule => "rule".hash(&mut h),
            Item::Text { .. } | Item::RightToLeft { .. } | Item::Pending { .. } | Item::Gap(_) => {
                return None;
            }
        }
        Some(h.finish())
    }

    /// The height before the item is drawn: exact for text and gaps, a guess for the rest.
    fn expected_height(&self) -> f32 {
        match self {
            Item::Text { galley, .. } => galley.size().y,
            Item::Pending {
                estimate, measured, ..
            } => match f32::from_bits(measured.load(Ordering::Relaxed)) {
                h if h > 0.0 => h,
                _ => *estimate,
            },
            Item::RightToLeft { lines, .. } => lines.height,
            Item::Gap(h) => *h,
            Item::Rule => 6.0,
            Item::Image { .. } => 240.0,
            Item::Related { .. } => 64.0,
            Item::Missing(_) => 18.0,
        }
    }
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
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.document, &other.document)
            && self.width == other.width
            && self.dark == other.dark
            && self.pixels_per_point == other.pixels_per_point
            && self.style == other.style
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
    egui::ScrollArea::vertical()
        .id_salt(("preview-scroll", page.generation))
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            // Clear of the scroll bar, which egui floats over the content's right edge, so
            // right-to-left lines (set against that edge) are not drawn under it.
            let width = (ui.available_width() - SCROLL_BAR_ROOM).min(t.preview.column);
            let key = Key {
                document: page.document.clone(),
                width: width as u32,
                dark: ui.visuals().dark_mode,
                pixels_per_point: ui.ctx().pixels_per_point(),
                style: page.style,
            };
            let laid = match &mut view.cache {
                Some((k, laid)) if *k == key => laid,
                cache => {
                    let items = build(ui, page.document, width, &mut view.blocks);
                    if let Some(old) = cache.take() {
                        // thousands of galleys and the old document: freed off this thread
                        crate::app::derive::drop_later(old);
                    }
                    &mut cache.insert((key, Laid::new(items, &view.blocks.sizes))).1
                }
            };
            ui.set_max_width(width);
            let sizes = &mut view.blocks.sizes;
            page_ui(ui, laid, sizes, viewport, width, t, pictures, page.base);
        });
}

/// Places the items one under the other, drawing those in sight (all of them on a page of
/// up to [`DRAW_ALL_UP_TO`] items) and leaving room for the rest, so a long story costs a
/// frame what a screenful costs.
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
    let all = laid.items.len() <= DRAW_ALL_UP_TO;
    let spacing = ui.spacing().item_spacing.y;
    let origin = ui.max_rect().min;
    let (top, bottom) = (viewport.top() - OVERSCAN, viewport.bottom() + OVERSCAN);
    let mut y = 0.0;
    let mut remeasured = false;
    for (item, height) in laid.items.iter().zip(laid.heights.iter_mut()) {
        if let Item::Gap(h) = item {
            y += h;
            continue;
        }
        if all || (y + *height >= top && y <= bottom) {
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
            remeasured |= (drawn - *height).abs() > 0.5;
            *height = drawn;
        }
        y += *height + spacing;
    }
    // the page's full height, so the scroll bar is the story's
    ui.advance_cursor_after_rect(egui::Rect::from_min_size(
        origin,
        egui::vec2(width, y + 24.0),
    ));
    if remeasured {
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
fn estimate_height(ui: &egui::Ui, job: &LayoutJob) -> f32 {
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

fn build(ui: &egui::Ui, doc: &Document, width: f32, cache: &mut BlockCache) -> Vec<Item> {
    let look = (
        width as u32,
        ui.visuals().dark_mode,
        ui.ctx().pixels_per_point().to_bits(),
    );
    if cache.look != look {
        cache.look = look;
        cache.sizes.clear();
        crate::app::derive::drop_later(std::mem::take(&mut cache.items));
    }
    let s = Tokens::of(ui);
    let z: &PreviewSizes = &s.preview;
    let layout = |job: LayoutJob| ui.fonts_mut(|f| f.layout_job(job));
    let plain = |text: &str, font: FontId, color: Color32, indent: f32| {
        let mut job = LayoutJob::single_section(text.to_owned(), TextFormat::simple(font, color));
        job.wrap.max_width = width - indent;
        job
    };
    let mut items = Vec::new();
    // A long story's paragraphs are laid out as they come into sight: laying out all of a
    // 5 MB story took longer than a frame and held its glyphs (hundreds of megabytes).
    let lazy = doc.blocks.len() > DRAW_ALL_UP_TO / 2;
    let mut text = |items: &mut Vec<Item>, job: LayoutJob, indent: f32, bar: bool| {
        let item = if copydesk_core::bidi::is_rtl(&job.text) {
            Item::RightToLeft {
                typed: job.text.clone(),
                lines: ui.fonts_mut(|f| right_to_left(f, &job)),
                indent,
                bar,
            }
        } else if lazy {
            Item::Pending {
                estimate: estimate_height(ui, &job),
                job: Arc::new(job),
                indent,
                bar,
                measured: Arc::default(),
            }
        } else {
            Item::Text {
                galley: layout(job),
                indent,
                bar,
            }
        };
        items.push(item);
    };
    if !doc.section.is_empty() {
        text(
            &mut items,
            plain(
                &doc.section.to_uppercase(),
                FontId::proportional(z.section),
                s.accent,
                0.0,
            ),
            0.0,
            false,
        );
    }
    let headline = if doc.headline.is_empty() {
        "Headline to come"
    } else {
        &doc.headline
    };
    text(
        &mut items,
        plain(headline, serif(z.headline, true, false), s.text, 0.0),
        0.0,
        false,
    );
    items.push(Item::Gap(4.0));
    if let Some(d) = &doc.dateline {
        text(
            &mut items,
            plain(d, FontId::proportional(z.meta), s.weak, 0.0),
            0.0,
            false,
        );
    }
    if let Some(b) = doc.byline_text() {
        text(
            &mut items,
            plain(&b, FontId::proportional(z.meta), s.text, 0.0),
            0.0,
            false,
        );
    }
    items.push(Item::Gap(8.0));
    if !doc.standfirst.is_empty() {
        text(
            &mut items,
            plain(
                &doc.standfirst,
                serif(z.standfirst, false, false),
                s.text,
                0.0,
            ),
            0.0,
            false,
        );
        items.push(Item::Gap(10.0));
    }
    if let Some(img) = &doc.image {
        items.push(Item::Image {
            source: img.source.clone(),
            alt: img.alt.clone(),
        });
        if !img.caption.is_empty() {
            text(
                &mut items,
                plain(&img.caption, serif(z.caption, false, true), s.text, 0.0),
                0.0,
                false,
            );
        }
        if !img.credit.is_empty() {
            text(
                &mut items,
                plain(&img.credit, FontId::proportional(z.section), s.weak, 0.0),
                0.0,
                false,
            );
        }
        items.push(Item::Gap(10.0));
    }
    let mut fresh = HashMap::with_capacity(doc.blocks.len());
    for located in &doc.blocks {
        let b = &located.block;
        cache.items(
            &mut fresh,
            b,
            |out| block(out, &mut text, doc, b, s, width, 0.0),
            &mut items,
        );
    }
    crate::app::derive::drop_later(std::mem::replace(&mut cache.items, fresh));
    // related-link titles in right-to-left scripts, set like the paragraphs (the box's
    // margins take 16 points)
    for item in &mut items {
        if let Item::Related { title, rtl, .. } = item
            && copydesk_core::bidi::is_rtl(title)
        {
            let mut job = LayoutJob::single_section(
                title.clone(),
                Style {
                    size: z.body,
                    bold: true,
                    italic: false,
                    link: true,
                }
                .format(s),
            );
            job.wrap.max_width = width - 16.0;
            *rtl = Some(ui.fonts_mut(|f| right_to_left(f, &job)));
        }
    }
    items
}

#[allow(
    clippy::too_many_arguments,
    reason = "one walk of the blocks; a struct for its arguments would only rename them"
)]
fn block(
    items: &mut Vec<Item>,
    text: &mut impl FnMut(&mut Vec<Item>, LayoutJob, f32, bool),
    doc: &Document,
    b: &Block,
    s: &Tokens,
    width: f32,
    indent: f32,
) {
    let body = s.preview.body;
    match b {
        Block::Paragraph(inl) => {
            let job = inlines(doc, inl, body, false, indent > 0.0, s, width - indent);
            text(items, job, indent, indent > 0.0);
            items.push(Item::Gap(10.0));
        }
        Block::Subheading(inl) => {
            items.push(Item::Gap(6.0));
            let job = inlines(
                doc,
                inl,
                s.preview.subheading,
                true,
                false,
                s,
                width - indent,
            );
            text(items, job, indent, false);
            items.push(Item::Gap(6.0));
        }
        Block::Quote(blocks) => {
            for inner in blocks {
                block(items, text, doc, inner, s, width, indent + 18.0);
            }
        }
        Block::List { start, items: list } => {
            for (n, item) in list.iter().enumerate() {
                let marker = match start {
                    Some(first) => format!("{}. ", first + n as u64),
                    None => "•  ".to_owned(),
                };
                for (k, inner) in item.iter().enumerate() {
                    if let Block::Paragraph(inl) = inner {
                        let mut job = LayoutJob::default();
                        if k == 0 {
                            job.append(
                                &marker,
                                0.0,
                                TextFormat::simple(serif(body, false, false), s.text),
                            );
                        }
                        append_inlines(doc, &mut job, inl, Style::plain(body, false, false), s);
                        job.wrap.max_width = width - indent - 12.0;
                        text(items, job, indent + 12.0, false);
                    } else {
                        block(items, text, doc, inner, s, width, indent + 12.0);
                    }
                }
            }
            items.push(Item::Gap(10.0));
        }
        Block::Related(id) => {
            match doc.related(id) {
                Some(l) => items.push(Item::Related {
                    title: l.title.clone(),
                    url: l.url.clone(),
                    rtl: None,
                }),
                None => items.push(Item::Missing(id.clone())),
            }
            items.push(Item::Gap(10.0));
        }
        Block::Break => {
            items.push(Item::Rule);
        }
    }
}

/// A right-to-left paragraph, laid out: each line's pieces in screen order, left to right,
/// with the advance after each.
#[derive(Clone)]
struct RtlLines {
    lines: Vec<RtlLine>,
    /// The widest line's width.
    width: f32,
    height: f32,
}

#[derive(Clone)]
struct RtlLine {
    pieces: Vec<(Arc<Galley>, f32)>,
    width: f32,
    height: f32,
}

/// A right-to-left paragraph laid out as readers read it: broken into lines as typed (the
/// Unicode Bidirectional Algorithm breaks lines before it reorders them), each line's pieces
/// put in screen order by [`copydesk_core::bidi`], every line set against the right edge.
///
/// Each piece (a word, a space, a full stop) is laid out on its own and placed here: egui
/// draws the characters of one run of a font in one direction, and would carry a full stop
/// into the Arabic word beside it, turning it round with the word. Each piece keeps the
/// format (weight, link colour) of the text it came from.
fn right_to_left(fonts: &mut egui::epaint::text::FontsView<'_>, job: &LayoutJob) -> RtlLines {
    let text = &job.text;
    let format_at = |byte: usize| {
        job.sections
            .iter()
            .find(|s| (s.byte_range.start.0..s.byte_range.end.0).contains(&byte))
            .or(job.sections.last())
            .map(|s| s.format.clone())
            .unwrap_or_default()
    };
    let rows = break_lines(fonts, text, job.wrap.max_width, &format_at);
    let mut lines = Vec::with_capacity(rows.len());
    let mut height = 0.0;
    for (row, tokens) in rows
        .iter()
        .zip(copydesk_core::bidi::visual_lines(text, &rows))
    {
        let mut line = RtlLine {
            pieces: Vec::with_capacity(tokens.len()),
            width: 0.0,
            height: 0.0,
        };
        for token in tokens {
            let piece = match token.mirrored {
                Some(c) => c.to_string(),
                None => text[token.range.clone()].to_owned(),
            };
            let galley = fonts.layout_job(LayoutJob::single_section(
                piece,
                format_at(token.range.start),
            ));
            let advance = galley.size().x;
            line.width += advance;
            line.height = f32::max(line.height, galley.size().y);
            line.pieces.push((galley, advance));
        }
        if line.pieces.is_empty() {
            // an empty line (two breaks in a row) still takes a line's height
            let probe = LayoutJob::single_section(" ".to_owned(), format_at(row.start));
            line.height = fonts.layout_job(probe).size().y;
        }
        height += line.height;
        lines.push(line);
    }
    let width = lines.iter().map(|l: &RtlLine| l.width).fold(0.0, f32::max);
    RtlLines {
        lines,
        width,
        height,
    }
}

/// Breaks `text` into lines no wider than `width`, at spaces and at its line breaks, in
/// typing order: byte ranges without the spaces or break that end them. A word wider than
/// the line has a line of its own.
///
/// egui's own wrapping cannot be used here: for right-to-left runs it does not keep one
/// glyph per character, so its rows cannot be mapped back to the text.
fn break_lines(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    width: f32,
    format_at: &dyn Fn(usize) -> TextFormat,
) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (n, hard) in text.split('\n').enumerate() {
        if n > 0 {
            start += 1; // the line break
        }
        let mut line = start..start;
        let mut used = 0.0;
        // words with the spaces after them
        let mut at = start;
        for word in hard.split_inclusive(char::is_whitespace) {
            let range = at..at + word.len();
            at = range.end;
            let bare = word.trim_end();
            let measure = |fonts: &mut egui::epaint::text::FontsView<'_>, s: &str| {
                let job = LayoutJob::single_section(s.to_owned(), format_at(range.start));
                fonts.layout_job(job).size().x
            };
            let bare_width = measure(fonts, bare);
            if used > 0.0 && used + bare_width > width {
                lines.push(line.start..trim_end_at(text, line.clone()));
                line = range.start..range.start;
                used = 0.0;
            }
            line.end = range.end;
            used += if bare.len() == word.len() {
                bare_width
            } else {
                measure(fonts, word)
            };
        }
        lines.push(line.start..trim_end_at(text, line));
        start += hard.len();
    }
    lines
}

/// The end of `text[range]` without its trailing white space.
fn trim_end_at(text: &str, range: std::ops::Range<usize>) -> usize {
    range.start + text[range].trim_end().len()
}

/// How a run of text is set: its size, weight, slant and whether it is a link.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    italic: bool,
    link: bool,
}

impl Style {
    fn plain(size: f32, bold: bool, italic: bool) -> Self {
        Style {
            size,
            bold,
            italic,
            link: false,
        }
    }

    /// The format, made before the text is appended: `LayoutJob::append` joins a run to the
    /// one before when their formats are equal, so a link must be a link as it goes in.
    fn format(self, t: &Tokens) -> TextFormat {
        let color = if self.link { t.link } else { t.text };
        let mut f = TextFormat::simple(serif(self.size, self.bold, self.italic), color);
        if self.link {
            f.underline = egui::Stroke::new(1.0, t.link);
        }
        f
    }
}

fn inlines(
    doc: &Document,
    inl: &[Inline],
    size: f32,
    bold: bool,
    italic: bool,
    s: &Tokens,
    width: f32,
) -> LayoutJob {
    let mut job = LayoutJob::default();
    append_inlines(doc, &mut job, inl, Style::plain(size, bold, italic), s);
    job.wrap.max_width = width;
    job
}

fn append_inlines(doc: &Document, job: &mut LayoutJob, inl: &[Inline], style: Style, s: &Tokens) {
    for i in inl {
        match i {
            Inline::Text(t) => job.append(t, 0.0, style.format(s)),
            Inline::Strong(c) => append_inlines(
                doc,
                job,
                c,
                Style {
                    bold: true,
                    ..style
                },
                s,
            ),
            Inline::Emphasis(c) => {
                append_inlines(
                    doc,
                    job,
                    c,
                    Style {
                        italic: true,
                        ..style
                    },
                    s,
                );
            }
            Inline::Link { content, .. } => {
                append_inlines(
                    doc,
                    job,
                    content,
                    Style {
                        link: true,
                        ..style
                    },
                    s,
                );
            }
            Inline::Related(id) => {
                let title = doc
                    .related(id)
                    .map(|l| l.title.clone())
                    .unwrap_or_else(|| format!("[missing related link {id}]"));
                job.append(
                    &title,
                    0.0,
                    Style {
                        link: true,
                        ..style
                    }
                    .format(s),
                );
            }
            Inline::LineBreak => job.append("\n", 0.0, style.format(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use copydesk_core::article::Article;
    use copydesk_core::document::{Document, HouseStyle};
    use copydesk_core::markup::Block;

    use super::*;

    /// The texts of `job` drawn as links (underlined, in the link colour).
    fn links(job: &LayoutJob, t: &Tokens) -> Vec<String> {
        job.sections
            .iter()
            .filter(|s| s.format.underline.width > 0.0 && s.format.color == t.link)
            .map(|s| job.text[s.byte_range.start.0..s.byte_range.end.0].to_owned())
            .collect()
    }

    #[test]
    fn every_link_of_a_paragraph_is_drawn_as_a_link() {
        let mut a = Article::new();
        a.body = "Made by [Dell](https://dell.com), a [Dell Precision workstation]\
                  (https://dell.com/precision) and *[a third](https://example.com/3)*."
            .into();
        let doc = Document::build(&a, &HouseStyle::default());
        let Block::Paragraph(inl) = &doc.blocks[0].block else {
            panic!("a paragraph");
        };
        let t = &Tokens::LIGHT;
        let job = inlines(&doc, inl, 16.0, false, false, t, 400.0);
        assert_eq!(
            links(&job, t),
            ["Dell", "Dell Precision workstation", "a third"],
            "{:?}",
            job.sections
        );
        // the text between them is plain
        assert!(job.sections.iter().any(|s| {
            &job.text[s.byte_range.start.0..s.byte_range.end.0] == ", a "
                && s.format.underline.width == 0.0
        }));
    }

    #[test]
    fn right_to_left_paragraphs_are_set_in_reading_order_against_the_right_edge() {
        let ctx = egui::Context::default();
        let mut found = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut job = LayoutJob::default();
            let f = TextFormat::simple(FontId::proportional(16.0), Color32::WHITE);
            let mut link = f.clone();
            link.underline = egui::Stroke::new(1.0, Color32::BLUE);
            // "hello world." in Hebrew, its second word a link, then a long paragraph that wraps
            job.append("שלום ", 0.0, f.clone());
            job.append("עולם", 0.0, link);
            job.append(&". מילה".repeat(60), 0.0, f);
            job.wrap.max_width = 200.0;
            found = Some(ui.fonts_mut(|fonts| right_to_left(fonts, &job)));
        });
        output.textures_delta.clear();
        let lines = found.unwrap();
        assert!(lines.lines.len() > 2, "it wraps");
        let texts = |l: &RtlLine| -> Vec<String> {
            l.pieces.iter().map(|(g, _)| g.text().to_owned()).collect()
        };
        // the first line read from the right: שלום, then the link עולם, then its full stop
        let first = texts(&lines.lines[0]);
        assert_eq!(first.last().map(String::as_str), Some("שלום"), "{first:?}");
        let olam = first.iter().position(|p| p == "עולם").unwrap();
        assert_eq!(first[olam - 1], ".", "{first:?}");
        let (link, _) = &lines.lines[0].pieces[olam];
        assert!(
            link.job.sections[0].format.underline.width > 0.0,
            "the link keeps its line"
        );
        // no line is wider than the column, and the lines add up to the height
        for l in &lines.lines {
            assert!(l.width <= 200.0 + 0.5, "{}", l.width);
        }
        let sum: f32 = lines.lines.iter().map(|l| l.height).sum();
        assert!((sum - lines.height).abs() < 0.01);
    }
}
