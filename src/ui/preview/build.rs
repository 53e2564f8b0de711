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
/// before it is drawn; a picture or a related-link box is measured when first drawn).
pub(super) struct Laid {
    pub(super) items: Vec<Item>,
    pub(super) heights: Vec<f32>,
}

impl Laid {
    pub(super) fn new(items: Vec<Item>, sizes: &HashMap<u64, f32>) -> Self {
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

pub(super) fn build(
    ui: &egui::Ui,
    doc: &Document,
    width: f32,
    cache: &mut BlockCache,
) -> Vec<Item> {
    let look = (
        width as u32,
        ui.visuals().dark_mode,
        ui.ctx().pixels_per_point().to_bits(),
        crate::ui::fonts::atlas_epoch(ui.ctx()),
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
    for (located, key) in doc.blocks.iter().zip(&doc.keys) {
        let b = &located.block;
        cache.items(
            &mut fresh,
            (b, *key),
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
