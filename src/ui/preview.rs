//! The preview: the story as readers will see it, drawn from
//! [`copydesk_core::document::Document`] (the same structure the HTML export uses).
//!
//! The text is laid out once per change of story, width, theme or zoom and kept as galleys;
//! a frame with nothing new only places them.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Color32, FontId, Galley, RichText, TextFormat};

use copydesk_core::article::{Article, DateStyle};
use copydesk_core::document::Document;
use copydesk_core::markup::{Block, Inline};

use std::path::Path;

use super::fonts::serif;
use super::picture::PictureView;
use super::tokens::{PreviewSizes, Tokens};

enum Item {
    Text {
        galley: Arc<Galley>,
        indent: f32,
        bar: bool,
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
    },
    Missing(String),
}

/// The laid-out page, kept until the story, width, theme, zoom or date style change.
#[derive(Default)]
pub struct PreviewView {
    cache: Option<(Key, Vec<Item>)>,
}

#[derive(PartialEq)]
struct Key {
    revision: u64,
    width: u32,
    dark: bool,
    pixels_per_point: f32,
    style: DateStyle,
}

/// What the preview draws.
pub struct Page<'a> {
    /// The reader's view of the story.
    pub document: &'a Document,
    /// The story (for its embargo).
    pub article: &'a Article,
    /// The story's revision, which keys the layout cache.
    pub revision: u64,
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
        .show(ui, |ui| {
            let width = ui.available_width().min(t.preview.column);
            let key = Key {
                revision: page.revision,
                width: width as u32,
                dark: ui.visuals().dark_mode,
                pixels_per_point: ui.ctx().pixels_per_point(),
                style: page.style,
            };
            let items = match &mut view.cache {
                Some((k, items)) if *k == key => items,
                cache => &mut cache.insert((key, build(ui, page.document, width))).1,
            };
            ui.set_max_width(width);
            for item in items.iter() {
                item_ui(ui, item, t, pictures, page.base);
            }
            ui.add_space(24.0);
        });
}

fn item_ui(
    ui: &mut egui::Ui,
    item: &Item,
    t: &Tokens,
    pictures: &mut PictureView,
    base: Option<&Path>,
) {
    match item {
        Item::Text {
            galley,
            indent,
            bar,
        } => {
            ui.horizontal(|ui| {
                if *indent > 0.0 {
                    let (rect, _) = ui.allocate_exact_size(
                        egui::vec2(*indent, galley.size().y),
                        egui::Sense::hover(),
                    );
                    if *bar {
                        let x = rect.left() + 3.0;
                        ui.painter().line_segment(
                            [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                            egui::Stroke::new(3.0, t.quote_bar),
                        );
                    }
                }
                ui.add(egui::Label::new(galley.clone()).selectable(true));
            });
        }
        Item::Gap(h) => ui.add_space(*h),
        Item::Rule => {
            ui.separator();
        }
        Item::Image { source, alt } => {
            let max = egui::vec2(ui.available_width(), 360.0);
            pictures.picture_ui(ui, source, base, max, alt);
        }
        Item::Related { title, url } => {
            egui::Frame::new()
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new("RELATED").small().strong().weak());
                    ui.hyperlink_to(
                        RichText::new(title).font(serif(t.preview.body, true, false)),
                        url,
                    );
                });
        }
        Item::Missing(id) => {
            ui.label(
                RichText::new(format!("[related link “{id}” is not in the list]")).color(t.error),
            );
        }
    }
}

fn build(ui: &egui::Ui, doc: &Document, width: f32) -> Vec<Item> {
    let s = Tokens::of(ui);
    let z: &PreviewSizes = &s.preview;
    let layout = |job: LayoutJob| ui.fonts_mut(|f| f.layout_job(job));
    let plain = |text: &str, font: FontId, color: Color32, indent: f32| {
        let mut job = LayoutJob::single_section(text.to_owned(), TextFormat::simple(font, color));
        job.wrap.max_width = width - indent;
        job
    };
    let mut items = Vec::new();
    let mut text = |items: &mut Vec<Item>, job: LayoutJob, indent: f32, bar: bool| {
        items.push(Item::Text {
            galley: layout(job),
            indent,
            bar,
        });
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
    for located in &doc.blocks {
        block(&mut items, &mut text, doc, &located.block, s, width, 0.0);
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
}
