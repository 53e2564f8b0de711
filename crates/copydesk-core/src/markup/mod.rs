//! The body markup: what a journalist types, and the structure Copydesk reads from it.
//!
//! The markup is CommonMark (read by `pulldown-cmark`) with one addition, the related-link
//! anchor `[[related:ID]]`. What Copydesk shows of it is [`GUIDE`], which the window's Help →
//! Body markup guide and the README list. Anything else (HTML tags, code spans, images) is
//! shown as the text that was typed, so nothing a journalist writes disappears from the
//! preview.
//!
//! Related links are placed by anchors rather than by paragraph numbers so a link stays where
//! it was put however the paragraphs around it change.

mod anchors;
pub mod format;
mod highlight;
pub mod write;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub use anchors::{anchors, place_anchor, remove_anchors};
pub(crate) use highlight::Fingerprint;
pub use highlight::{Highlighter, Mark, Since, highlight};

/// The body markup, as a journalist learns it: what you type, and what you get.
pub const GUIDE: &[(&str, &str)] = &[
    (
        "text, a blank line, more text",
        "two paragraphs (a single line break is a space)",
    ),
    ("## Subheading", "a subheading (any number of #)"),
    (
        "> Quoted text",
        "a block quotation (may hold several paragraphs)",
    ),
    ("- item   or   1. item", "a bulleted or numbered list"),
    (
        "**bold**   *italic*",
        "bold, italic (__bold__, _italic_ too)",
    ),
    (
        "[text](https://example.com)",
        "a link; <https://example.com> also works",
    ),
    (
        "[[related:ID]] on its own line",
        "the related link with that id, placed there",
    ),
    ("---  on its own line", "a section break"),
    (
        "two spaces or \\ at a line's end",
        "a line break inside the paragraph",
    ),
];

/// The prefix of a related-link anchor's target: `[[related:ID]]`.
pub const RELATED_PREFIX: &str = "related:";

/// The anchor text that places the related link `id` in the body.
pub fn related_anchor(id: &str) -> String {
    format!("[[{RELATED_PREFIX}{id}]]")
}

/// A block of the body. (`Hash` lets the preview keep the blocks a keystroke did not
/// change; nesting is capped at [`MAX_BLOCK_DEPTH`], so hashing cannot run deep.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Vec<Inline>),
    /// A subheading (`## …`).
    Subheading(Vec<Inline>),
    /// A block quotation (`> …`), which may hold several blocks.
    Quote(Vec<Block>),
    /// A bulleted or numbered list.
    List {
        /// The first number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// The items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A related link placed here by `[[related:ID]]` on a line of its own.
    Related(String),
    /// A section break (`---`).
    Break,
}

/// Text inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Bold text (`**…**`).
    Strong(Vec<Inline>),
    /// Italic text (`*…*`).
    Emphasis(Vec<Inline>),
    /// A link (`[text](address)`).
    Link {
        /// The address as typed; exports check it before making it a link.
        url: String,
        /// The link text.
        content: Vec<Inline>,
    },
    /// A related link anchored inside running text.
    Related(String),
    /// A hard line break (two spaces or a backslash at the end of a line).
    LineBreak,
}

/// A top-level block with the byte range of the body text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// Byte range of the body text the block was read from.
    pub range: Range<usize>,
    /// The block. Shared: a long story's reader's view is rebuilt at each burst of typing
    /// from the blocks it had, and only the blocks that changed are read again
    /// ([`crate::reading`]).
    pub block: Arc<Block>,
}

/// The pulldown-cmark options every reading of the body uses, so the editor's colours, the
/// preview, the checks and the exports agree on what the markup means.
pub(crate) fn options() -> Options {
    Options::ENABLE_WIKILINKS
}

/// Quotations and lists nest at most this deep in the blocks Copydesk reads; deeper ones
/// are read as if they were not nested further (their text is kept, in the innermost
/// quotation or list allowed). Nothing a newsroom writes comes near it, and every walk of
/// the blocks (preview, exports, counts) then needs little stack whatever the input.
pub const MAX_BLOCK_DEPTH: usize = 16;
/// Bold, italic and links nest at most this deep; deeper ones give their text only.
pub const MAX_INLINE_DEPTH: usize = 16;

/// Reads the body markup into blocks. Never fails: text that is not markup is text. Takes
/// time in proportion to the text, however deeply it nests (see [`MAX_BLOCK_DEPTH`]).
pub fn parse(text: &str) -> Vec<Located> {
    let mut b = Builder::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        b.event(event, range, text);
    }
    b.out
}

/// The blocks of `text` without their places: what [`parse`] reads, for callers that want
/// the structure alone.
pub fn parse_blocks(text: &str) -> Vec<Block> {
    parse(text)
        .into_iter()
        .map(|l| Arc::unwrap_or_clone(l.block))
        .collect()
}

enum Frame {
    Para(Vec<Inline>),
    Heading(Vec<Inline>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    /// A list item: its blocks, and loose text not yet in a paragraph (tight lists).
    Item(Vec<Block>, Vec<Inline>),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link(String, Vec<Inline>),
    /// A `[[...]]` link: its target and the source text, shown as typed when it is not an
    /// anchor.
    Wiki(String, String),
    /// Something shown as the text typed (images); its inlines are kept.
    Plain(Vec<Inline>),
}

/// Builds blocks from pulldown-cmark's events (see [`parse`]); [`crate::reading`] feeds it
/// the same events the checks read.
#[derive(Default)]
pub(crate) struct Builder {
    /// The open frames that build something; frames past the nesting limits are not here.
    stack: Vec<Frame>,
    /// For every open tag, in order: whether it has a frame on `stack` (`false`: flattened).
    opened: Vec<bool>,
    /// Open quotation and list frames, and open bold, italic and link frames.
    block_depth: usize,
    inline_depth: usize,
    out: Vec<Located>,
    start: usize,
}

impl Builder {
    /// The top-level blocks built so far.
    pub(crate) fn finish(self) -> Vec<Located> {
        self.out
    }

    pub(crate) fn event(&mut self, event: Event<'_>, range: Range<usize>, src: &str) {
        if self.opened.is_empty() {
            self.start = range.start;
        }
        match event {
            Event::Start(tag) => self.start_tag(tag, range, src),
            Event::End(end) => self.end_tag(end, range),
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                self.inline(Inline::Text(t.into_string()))
            }
            // A raw HTML block is shown as the text typed.
            Event::Html(t) => self.inline(Inline::Text(t.into_string())),
            Event::SoftBreak => self.inline(Inline::Text(" ".into())),
            Event::HardBreak => self.inline(Inline::LineBreak),
            Event::Rule => self.block(Block::Break, range),
            // Not enabled in `options()`; shown as typed if they ever arrive.
            Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => self.inline(Inline::Text(src[range].to_owned())),
        }
    }

    fn start_tag(&mut self, tag: Tag<'_>, range: Range<usize>, src: &str) {
        let deep_blocks = self.block_depth >= MAX_BLOCK_DEPTH;
        let deep_inlines = self.inline_depth >= MAX_INLINE_DEPTH;
        let frame = match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => Some(Frame::Para(Vec::new())),
            Tag::Heading { .. } => Some(Frame::Heading(Vec::new())),
            Tag::BlockQuote(_) if !deep_blocks => Some(Frame::Quote(Vec::new())),
            Tag::List(start) if !deep_blocks => Some(Frame::List(start, Vec::new())),
            // An item belongs to the list frame it is in; in a flattened list, it is flat too.
            Tag::Item if matches!(self.stack.last(), Some(Frame::List(..))) => {
                Some(Frame::Item(Vec::new(), Vec::new()))
            }
            Tag::BlockQuote(_) | Tag::List(_) | Tag::Item => None,
            Tag::Emphasis if !deep_inlines => Some(Frame::Emphasis(Vec::new())),
            Tag::Strong if !deep_inlines => Some(Frame::Strong(Vec::new())),
            Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            } => Some(Frame::Wiki(dest_url.into_string(), src[range].to_owned())),
            Tag::Link { dest_url, .. } if !deep_inlines => {
                Some(Frame::Link(dest_url.into_string(), Vec::new()))
            }
            Tag::Emphasis | Tag::Strong | Tag::Link { .. } => None,
            _ => Some(Frame::Plain(Vec::new())),
        };
        match frame {
            Some(frame) => {
                match frame {
                    Frame::Quote(_) | Frame::List(..) => self.block_depth += 1,
                    Frame::Strong(_) | Frame::Emphasis(_) | Frame::Link(..) => {
                        self.inline_depth += 1;
                    }
                    _ => {}
                }
                self.stack.push(frame);
                self.opened.push(true);
            }
            None => self.opened.push(false),
        }
    }

    fn end_tag(&mut self, end: TagEnd, range: Range<usize>) {
        if self.opened.pop() != Some(true) {
            // A tag past the nesting limits: its contents went to the frame around it.
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Quote(_) | Frame::List(..) => self.block_depth -= 1,
            Frame::Strong(_) | Frame::Emphasis(_) | Frame::Link(..) => self.inline_depth -= 1,
            _ => {}
        }
        match frame {
            Frame::Para(inlines) => {
                let inlines = split_lines(trim_inlines(inlines));
                if let [Inline::Related(id)] = inlines.as_slice() {
                    self.block(Block::Related(id.clone()), range);
                } else if !inlines.is_empty() {
                    self.block(Block::Paragraph(inlines), range);
                }
            }
            Frame::Heading(inlines) => self.block(Block::Subheading(trim_inlines(inlines)), range),
            Frame::Quote(blocks) => self.block(Block::Quote(blocks), range),
            Frame::List(start, items) => self.block(Block::List { start, items }, range),
            Frame::Item(mut blocks, loose) => {
                let loose = trim_inlines(loose);
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(loose));
                }
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::Strong(c) => self.inline(Inline::Strong(c)),
            Frame::Emphasis(c) => self.inline(Inline::Emphasis(c)),
            Frame::Link(url, content) => self.inline(Inline::Link { url, content }),
            Frame::Wiki(target, source) => match target.strip_prefix(RELATED_PREFIX) {
                Some(id) => self.inline(Inline::Related(id.trim().to_owned())),
                None => self.inline(Inline::Text(source)),
            },
            Frame::Plain(content) => {
                for i in content {
                    self.inline(i);
                }
            }
        }
        let _ = end;
    }

    /// Adds text to the innermost frame that holds text.
    fn inline(&mut self, inline: Inline) {
        let target = match self.stack.last_mut() {
            Some(
                Frame::Para(v)
                | Frame::Heading(v)
                | Frame::Strong(v)
                | Frame::Emphasis(v)
                | Frame::Link(_, v)
                | Frame::Plain(v)
                | Frame::Item(_, v),
            ) => v,
            // Text inside a `[[...]]` is its target, already kept.
            Some(Frame::Wiki(..)) => return,
            Some(Frame::Quote(_) | Frame::List(..)) | None => {
                // CommonMark never sends text here; keep it anyway as a paragraph.
                let range = self.start..self.start;
                self.block(Block::Paragraph(vec![inline]), range);
                return;
            }
        };
        if let (Inline::Text(new), Some(Inline::Text(last))) = (&inline, target.last_mut()) {
            last.push_str(new);
        } else {
            target.push(inline);
        }
    }

    fn block(&mut self, block: Block, range: Range<usize>) {
        match self.stack.last_mut() {
            None => self.out.push(Located {
                range,
                block: Arc::new(block),
            }),
            Some(Frame::Quote(blocks)) => blocks.push(block),
            Some(Frame::Item(blocks, loose)) => {
                let loose = trim_inlines(std::mem::take(loose));
                if !loose.is_empty() {
                    blocks.push(Block::Paragraph(loose));
                }
                blocks.push(block);
            }
            Some(_) => {
                // A block inside text cannot happen in CommonMark; flatten it to text.
                for text in plain_block(&block).lines() {
                    self.inline(Inline::Text(text.to_owned()));
                }
            }
        }
    }
}

/// Turns line ends inside text (from code and HTML blocks, shown as typed) into line breaks.
fn split_lines(v: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(v.len());
    for i in v {
        match i {
            Inline::Text(t) if t.contains('\n') => {
                for (n, line) in t.split('\n').enumerate() {
                    if n > 0 {
                        out.push(Inline::LineBreak);
                    }
                    if !line.is_empty() {
                        out.push(Inline::Text(line.to_owned()));
                    }
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Drops whitespace-only text at the ends, which code and HTML blocks carry.
fn trim_inlines(mut v: Vec<Inline>) -> Vec<Inline> {
    while let Some(Inline::Text(t)) = v.last_mut() {
        let trimmed = t.trim_end();
        if trimmed.is_empty() {
            v.pop();
        } else {
            t.truncate(trimmed.len());
            break;
        }
    }
    while let Some(Inline::Text(t)) = v.first_mut() {
        let trimmed = t.trim_start();
        if trimmed.is_empty() {
            v.remove(0);
        } else {
            *t = trimmed.to_owned();
            break;
        }
    }
    v
}

/// Names a related link by its id, for plain text; `None` leaves the anchor out.
pub type RelatedTitle<'a> = &'a dyn Fn(&str) -> Option<String>;

fn no_titles(_: &str) -> Option<String> {
    None
}

/// The text of inlines as a reader sees it, related anchors left out (as counted).
pub fn plain_inlines(inlines: &[Inline]) -> String {
    plain_inlines_with(inlines, &no_titles)
}

/// The text of inlines, each related anchor given as `title` names it.
pub fn plain_inlines_with(inlines: &[Inline], title: RelatedTitle<'_>) -> String {
    let mut s = String::new();
    push_plain_inlines(inlines, title, &mut s);
    s
}

fn push_plain_inlines(inlines: &[Inline], title: RelatedTitle<'_>, s: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => s.push_str(t),
            Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                push_plain_inlines(c, title, s)
            }
            Inline::Related(id) => s.push_str(&title(id).unwrap_or_default()),
            Inline::LineBreak => s.push('\n'),
        }
    }
}

/// The text of a block as a reader sees it, related anchors left out (as counted).
pub fn plain_block(block: &Block) -> String {
    plain_block_with(block, &no_titles)
}

/// The text of a block, paragraphs separated by blank lines, each related link (a block of
/// its own or inside text) given as `title` names it.
pub fn plain_block_with(block: &Block, title: RelatedTitle<'_>) -> String {
    let join = |blocks: &[Block], sep: &str| {
        blocks
            .iter()
            .map(|b| plain_block_with(b, title))
            .collect::<Vec<_>>()
            .join(sep)
    };
    match block {
        Block::Paragraph(i) | Block::Subheading(i) => plain_inlines_with(i, title),
        Block::Quote(blocks) => join(blocks, "\n\n"),
        Block::List { items, .. } => items
            .iter()
            .map(|item| join(item, "\n"))
            .collect::<Vec<_>>()
            .join("\n"),
        Block::Related(id) => title(id).unwrap_or_default(),
        Block::Break => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse_blocks(text)
    }

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn paragraphs_and_soft_breaks() {
        assert_eq!(
            blocks("One\ntwo.\n\nThree."),
            vec![
                Block::Paragraph(vec![t("One two.")]),
                Block::Paragraph(vec![t("Three.")])
            ]
        );
    }

    #[test]
    fn every_documented_element() {
        let src = "## Sub *head*\n\n> Quoted **loud**.\n>\n> Second.\n\n- a\n- b\n\n3. c\n\n\
                   See [the site](https://example.com) and <https://x.org>.\n\n\
                   [[related:eagle]]\n\n---\n\nLine  \nbreak";
        let got = blocks(src);
        assert_eq!(
            got,
            vec![
                Block::Subheading(vec![t("Sub "), Inline::Emphasis(vec![t("head")])]),
                Block::Quote(vec![
                    Block::Paragraph(vec![t("Quoted "), Inline::Strong(vec![t("loud")]), t(".")]),
                    Block::Paragraph(vec![t("Second.")]),
                ]),
                Block::List {
                    start: None,
                    items: vec![
                        vec![Block::Paragraph(vec![t("a")])],
                        vec![Block::Paragraph(vec![t("b")])]
                    ]
                },
                Block::List {
                    start: Some(3),
                    items: vec![vec![Block::Paragraph(vec![t("c")])]]
                },
                Block::Paragraph(vec![
                    t("See "),
                    Inline::Link {
                        url: "https://example.com".into(),
                        content: vec![t("the site")]
                    },
                    t(" and "),
                    Inline::Link {
                        url: "https://x.org".into(),
                        content: vec![t("https://x.org")]
                    },
                    t("."),
                ]),
                Block::Related("eagle".into()),
                Block::Break,
                Block::Paragraph(vec![t("Line"), Inline::LineBreak, t("break")]),
            ]
        );
    }

    #[test]
    fn unsupported_markup_is_shown_as_typed() {
        assert_eq!(
            blocks("<b>hi</b> and `code`"),
            vec![Block::Paragraph(vec![t("<b>hi</b> and code")])]
        );
        assert_eq!(
            blocks("<div>\nraw\n</div>"),
            vec![Block::Paragraph(vec![
                t("<div>"),
                Inline::LineBreak,
                t("raw"),
                Inline::LineBreak,
                t("</div>")
            ])]
        );
        assert_eq!(
            blocks("    indented"),
            vec![Block::Paragraph(vec![t("indented")])]
        );
        assert_eq!(
            blocks("a [[wiki]] b"),
            vec![Block::Paragraph(vec![t("a [[wiki]] b")])]
        );
    }

    #[test]
    fn inline_anchor_stays_inline() {
        assert_eq!(
            blocks("Read [[related:x]] now"),
            vec![Block::Paragraph(vec![
                t("Read "),
                Inline::Related("x".into()),
                t(" now")
            ])]
        );
    }

    #[test]
    fn located_ranges_point_into_source() {
        let src = "One.\n\nTwo.";
        let located = parse(src);
        assert_eq!(&src[located[1].range.clone()], "Two.");
    }

    #[test]
    fn plain_text_names_related_links_wherever_they_stand() {
        let title = |id: &str| (id == "x").then(|| "Other story".to_owned());
        let text = |src: &str| {
            parse(src)
                .iter()
                .map(|l| plain_block_with(&l.block, &title))
                .collect::<Vec<_>>()
        };
        assert_eq!(text("Read [[related:x]] now"), vec!["Read Other story now"]);
        assert_eq!(text("> See **[[related:x]]**"), vec!["See Other story"]);
        assert_eq!(text("[[related:x]]"), vec!["Other story"]);
        assert_eq!(text("[[related:gone]]"), vec![""]);
        // counting leaves anchors out
        assert_eq!(
            plain_block(&parse("Read [[related:x]] now")[0].block),
            "Read  now"
        );
    }
}
