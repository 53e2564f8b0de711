//! Laying the page out from the reader's view of the story: each block of the document
//! becomes items (laid-out text, a picture, a related-link box, a gap), cached by the block's
//! hash so a keystroke lays out only what changed.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, TextFormat};

use copydesk_core::document::Document;
use copydesk_core::markup::{Block, Inline};

use super::rtl::{RtlLines, right_to_left};
use super::{DRAW_ALL_UP_TO, estimate_height};
use crate::ui::fonts::serif;
use crate::ui::tokens::{PreviewSizes, Tokens};

#[derive(Clone)]
pub(super) enum Item {
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

/// Each body block's items from the last layout, by the block's hash, for one width, theme
/// and zoom: a new document (after a keystroke) lays out only the blocks that changed.
#[derive(Default)]
pub(super) struct BlockCache {
    pub(super) look: (u32, bool, u32, u64),
    pub(super) items: HashMap<u64, Vec<Item>>,
    /// Heights of pictures and related-link boxes as drawn, by what they show (see
    /// [`Item::size_key`]): a new document after a keystroke places them as they were, so
    /// the page above the view does not move.
    pub(super) sizes: HashMap<u64, f32>,
}

impl BlockCache {
    /// The items of `b`, laid out with `lay` unless the last layout had them.
    pub(super) fn items(
        &mut self,
        fresh: &mut HashMap<u64, Vec<Item>>,
        (b, key): (&Block, u64),
        lay: impl FnOnce(&mut Vec<Item>),
        out: &mut Vec<Item>,
    ) {
        // Blocks that show a related link depend on the link list too: always laid out.
        if mentions_related(b) {
            lay(out);
            return;
        }
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
pub(super) fn mentions_related(b: &Block) -> bool {
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
/// before it is drawn; a picture or a related-link box is measured when first drawn), and
/// where each body block's items begin, so the next document can replace only the blocks
/// that changed (see [`splice`]).
pub(super) struct Laid {
    pub(super) items: Vec<Item>,
    pub(super) heights: Vec<f32>,
    /// The index in `items` of each body block's first item, by the document's blocks (the
    /// body's items come last: nothing follows them).
    blocks: Vec<usize>,
    /// Whether the paragraphs were left to be laid out as they come into sight.
    lazy: bool,
    /// Where each item is placed from the page's top (one more: the page's height), and
    /// the spacing they were worked out with; empty when a height changed since. Kept so
    /// that a frame finds the items in sight by a binary search instead of adding up the
    /// heights of a long story's 60,000 items.
    pub(super) tops: (Vec<f32>, f32),
}

impl Laid {
    /// Where body block `block`'s first item is placed (the page's end past the last).
    pub(super) fn block_top(&mut self, block: usize, spacing: f32) -> f32 {
        let item = self.blocks.get(block).copied();
        let tops = self.tops(spacing);
        item.and_then(|i| tops.get(i))
            .or(tops.last())
            .copied()
            .unwrap_or(0.0)
    }

    /// [`Laid::tops`], worked out again if a height changed or `spacing` is new.
    pub(super) fn tops(&mut self, spacing: f32) -> &[f32] {
        if self.tops.0.len() != self.items.len() + 1 || self.tops.1 != spacing {
            let mut tops = Vec::with_capacity(self.items.len() + 1);
            let mut y = 0.0;
            for (item, height) in self.items.iter().zip(&self.heights) {
                tops.push(y);
                y += advance(item, *height, spacing);
            }
            tops.push(y);
            self.tops = (tops, spacing);
        }
        &self.tops.0
    }

    /// Keeps [`Laid::tops`] after items `from..old_end` were replaced by the `added` items
    /// now at `from..from + added`: the new ones placed, those below moved by the change in
    /// height. (Working them all out again walks every item, a quarter of a millisecond for
    /// a 5 MB story's 60,000, at each keystroke.)
    fn replaced(&mut self, from: usize, old_end: usize, added: usize) {
        let (tops, spacing) = (&mut self.tops.0, self.tops.1);
        if tops.len() + added != self.items.len() + (old_end - from) + 1 {
            tops.clear();
            return;
        }
        let mut y = tops[from];
        let mut placed = Vec::with_capacity(added);
        for (item, height) in self.items[from..from + added]
            .iter()
            .zip(&self.heights[from..from + added])
        {
            placed.push(y);
            y += advance(item, *height, spacing);
        }
        let by = y - tops[old_end];
        tops.splice(from..old_end, placed);
        if by != 0.0 {
            tops[from + added..].iter_mut().for_each(|t| *t += by);
        }
    }

    /// Keeps [`Laid::tops`] after the heights of some items changed (measured as drawn):
    /// `changes` holds each such item's index and change in height, in order.
    pub(super) fn remeasured(&mut self, changes: &[(usize, f32)]) {
        let tops = &mut self.tops.0;
        let Some(&(first, _)) = changes.first() else {
            return;
        };
        if tops.len() != self.items.len() + 1 {
            tops.clear();
            return;
        }
        let mut by = 0.0;
        let mut next = changes.iter().peekable();
        for (i, top) in tops.iter_mut().enumerate().skip(first + 1) {
            while let Some(&&(item, change)) = next.peek()
                && item < i
            {
                by += change;
                next.next();
            }
            *top += by;
        }
    }

    /// The index in the items of each body block's first item.
    #[cfg(test)]
    pub(super) fn starts(&self) -> &[usize] {
        &self.blocks
    }
}

/// How far down the next item is placed from the top of `item`, `height` tall.
fn advance(item: &Item, height: f32, spacing: f32) -> f32 {
    match item {
        Item::Gap(h) => *h,
        _ => height + spacing,
    }
}

/// The height an item is placed by before it is drawn: as last drawn when one showing the
/// same was, else as expected.
fn height(item: &Item, sizes: &HashMap<u64, f32>) -> f32 {
    item.size_key()
        .and_then(|k| sizes.get(&k).copied())
        .unwrap_or_else(|| item.expected_height())
}

impl Item {
    /// For items whose height is known only once drawn (and that are made afresh for each
    /// document): what they show, to keep their height by.
    pub(super) fn size_key(&self) -> Option<u64> {
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
    pub(super) fn expected_height(&self) -> f32 {
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

/// What the page's text is set with: one width, theme and zoom.
struct Setter<'a> {
    ui: &'a egui::Ui,
    width: f32,
    /// Paragraphs become [`Item::Pending`], laid out as they come into sight.
    lazy: bool,
}

impl Setter<'_> {
    /// Whether `doc`'s paragraphs are laid out as they come into sight: a long story's are
    /// (laying out all of a 5 MB story took longer than a frame and held its glyphs,
    /// hundreds of megabytes).
    fn lazy(doc: &Document) -> bool {
        doc.blocks.len() > DRAW_ALL_UP_TO / 2
    }

    /// `job` as an item: set right to left, left for later or laid out now.
    fn text(&self, items: &mut Vec<Item>, job: LayoutJob, indent: f32, bar: bool) {
        let item = if copydesk_core::bidi::is_rtl(&job.text) {
            Item::RightToLeft {
                typed: job.text.clone(),
                lines: self.ui.fonts_mut(|f| right_to_left(f, &job)),
                indent,
                bar,
            }
        } else if self.lazy {
            Item::Pending {
                estimate: estimate_height(self.ui, &job),
                job: Arc::new(job),
                indent,
                bar,
                measured: Arc::default(),
            }
        } else {
            Item::Text {
                galley: self.ui.fonts_mut(|f| f.layout_job(job)),
                indent,
                bar,
            }
        };
        items.push(item);
    }

    /// The items of `blocks` (with their keys) appended to `items`, each block's first
    /// item's index appended to `starts`; a block the last layout had is taken from `cache`.
    fn blocks<'b>(
        &self,
        doc: &Document,
        blocks: impl Iterator<Item = (&'b Block, u64)>,
        cache: &mut BlockCache,
        fresh: &mut HashMap<u64, Vec<Item>>,
        items: &mut Vec<Item>,
        starts: &mut Vec<usize>,
    ) {
        let s = Tokens::of(self.ui);
        let mut text = |items: &mut Vec<Item>, job, indent, bar| self.text(items, job, indent, bar);
        for (b, key) in blocks {
            starts.push(items.len());
            cache.items(
                fresh,
                (b, key),
                |out| block(out, &mut text, doc, b, s, self.width, 0.0),
                items,
            );
        }
    }

    /// Related-link titles in right-to-left scripts set like the paragraphs (the box's
    /// margins take 16 points).
    fn right_to_left_titles(&self, items: &mut [Item]) {
        let s = Tokens::of(self.ui);
        for item in items {
            if let Item::Related { title, rtl, .. } = item
                && copydesk_core::bidi::is_rtl(title)
            {
                let mut job = LayoutJob::single_section(
                    title.clone(),
                    Style {
                        size: s.preview.body,
                        bold: true,
                        italic: false,
                        link: true,
                    }
                    .format(s),
                );
                job.wrap.max_width = self.width - 16.0;
                *rtl = Some(self.ui.fonts_mut(|f| right_to_left(f, &job)));
            }
        }
    }
}

/// The page's items above the body: section, headline, dateline, byline, standfirst and
/// picture.
fn head(setter: &Setter<'_>, doc: &Document) -> Vec<Item> {
    let s = Tokens::of(setter.ui);
    let z: &PreviewSizes = &s.preview;
    let width = setter.width;
    let plain = |text: &str, font: FontId, color: Color32, indent: f32| {
        let mut job = LayoutJob::single_section(text.to_owned(), TextFormat::simple(font, color));
        job.wrap.max_width = width - indent;
        job
    };
    let mut items = Vec::new();
    let text = |items: &mut Vec<Item>, job: LayoutJob, indent: f32, bar: bool| {
        setter.text(items, job, indent, bar);
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
    items
}

/// The whole page of `doc`, `width` wide; a body block the last layout had is taken from
/// `cache`.
pub(super) fn build(ui: &egui::Ui, doc: &Document, width: f32, cache: &mut BlockCache) -> Laid {
    let look = (
        width as u32,
        ui.visuals().dark_mode,
        ui.ctx().pixels_per_point().to_bits(),
        crate::ui::fonts::atlas_epoch(ui.ctx()),
    );
    if cache.look != look {
        cache.look = look;
        cache.sizes.clear();
        let old = std::mem::take(&mut cache.items);
        let pieces = old.len();
        crate::app::derive::drop_later(old, pieces);
    }
    let setter = Setter {
        ui,
        width,
        lazy: Setter::lazy(doc),
    };
    let mut items = head(&setter, doc);
    let mut fresh = HashMap::with_capacity(doc.blocks.len());
    let mut starts = Vec::with_capacity(doc.blocks.len());
    let body = items.len();
    setter.blocks(
        doc,
        doc.blocks
            .iter()
            .map(|l| &*l.block)
            .zip(doc.keys.iter().copied()),
        cache,
        &mut fresh,
        &mut items,
        &mut starts,
    );
    let old = std::mem::replace(&mut cache.items, fresh);
    let pieces = old.len();
    crate::app::derive::drop_later(old, pieces);
    setter.right_to_left_titles(&mut items[body..]);
    let heights = items.iter().map(|i| height(i, &cache.sizes)).collect();
    Laid {
        items,
        heights,
        blocks: starts,
        lazy: setter.lazy,
        tops: (Vec::new(), 0.0),
    }
}

/// Makes `laid`, the page laid out from `old`, the page of `new` by laying out only the body
/// blocks between the longest run of blocks the two begin with and the longest they end
/// with (by [`Document::keys`]), the rest kept with the heights they were drawn at: a
/// keystroke in a 5 MB story lays out one paragraph, where [`build`] walks all 32,000
/// blocks on the window's thread (about 15 ms). A new headline, byline or picture sets the
/// page's head again and keeps the body likewise. Returns false, changing nothing, when the
/// related links changed (the body's anchors show them) or the paragraphs are to be set
/// the other way (the story crossed the length at which they are laid out lazily); `build`
/// is then the way.
pub(super) fn splice(
    ui: &egui::Ui,
    old: &Document,
    new: &Document,
    laid: &mut Laid,
    width: f32,
    cache: &mut BlockCache,
) -> bool {
    let setter = Setter {
        ui,
        width,
        lazy: Setter::lazy(new),
    };
    if setter.lazy != laid.lazy
        || laid.blocks.len() != old.keys.len()
        || old.keys.len() != old.blocks.len()
        || new.keys.len() != new.blocks.len()
        || !old.same_for_body(new)
    {
        return false;
    }
    if !old.same_around_body(new) {
        // The headline, byline, picture…: set the page's head again, keep the body.
        let items = head(&setter, new);
        let heights: Vec<f32> = items.iter().map(|i| height(i, &cache.sizes)).collect();
        let was = laid.blocks.first().copied().unwrap_or(laid.items.len());
        let (added, moved) = (items.len(), items.len() as isize - was as isize);
        laid.items.splice(..was, items);
        laid.heights.splice(..was, heights);
        laid.replaced(0, was, added);
        for start in &mut laid.blocks {
            *start = start.saturating_add_signed(moved);
        }
    }
    let (was, is) = (&old.keys, &new.keys);
    let same_start = was.iter().zip(is).take_while(|(a, b)| a == b).count();
    let same_end = was[same_start..]
        .iter()
        .rev()
        .zip(is[same_start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (was_end, is_end) = (was.len() - same_end, is.len() - same_end);
    let first = |block: usize| laid.blocks.get(block).copied();
    let from = first(same_start).unwrap_or(laid.items.len());
    let to = first(was_end).unwrap_or(laid.items.len());

    let mut fresh = HashMap::new();
    let mut items = Vec::new();
    let mut starts = Vec::new();
    setter.blocks(
        new,
        new.blocks[same_start..is_end]
            .iter()
            .map(|l| &*l.block)
            .zip(is[same_start..is_end].iter().copied()),
        cache,
        &mut fresh,
        &mut items,
        &mut starts,
    );
    setter.right_to_left_titles(&mut items);
    // The cache keeps what the page holds: the replaced blocks' items go (those laid out
    // again were taken from it already), the new ones come.
    for key in &was[same_start..was_end] {
        cache.items.remove(key);
    }
    cache.items.extend(fresh);

    let moved = items.len() as isize - (to - from) as isize;
    let heights: Vec<f32> = items.iter().map(|i| height(i, &cache.sizes)).collect();
    let (count, added) = (starts.len(), items.len());
    laid.items.splice(from..to, items);
    laid.heights.splice(from..to, heights);
    laid.replaced(from, to, added);
    laid.blocks
        .splice(same_start..was_end, starts.into_iter().map(|i| i + from));
    if moved != 0 {
        for start in &mut laid.blocks[same_start + count..] {
            *start = start.saturating_add_signed(moved);
        }
    }
    true
}

#[allow(
    clippy::too_many_arguments,
    reason = "one walk of the blocks; a struct for its arguments would only rename them"
)]
pub(super) fn block(
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

/// How a run of text is set: its size, weight, slant and whether it is a link.
#[derive(Clone, Copy)]
pub(super) struct Style {
    pub(super) size: f32,
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) link: bool,
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

pub(super) fn inlines(
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

pub(super) fn append_inlines(
    doc: &Document,
    job: &mut LayoutJob,
    inl: &[Inline],
    style: Style,
    s: &Tokens,
) {
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
