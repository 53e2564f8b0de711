//! The body markup: what a journalist types, and the structure Copydesk reads from it.
//!
//! The markup is CommonMark (read by `pulldown-cmark`) with one addition, and Copydesk shows
//! these parts of it:
//!
//! | you type                         | you get                                       |
//! |----------------------------------|-----------------------------------------------|
//! | text, a blank line, more text    | two paragraphs (a single line break is a space)|
//! | `## Subheading`                  | a subheading (any number of `#`)              |
//! | `> Quoted text`                  | a block quotation (may hold several paragraphs)|
//! | `- item` or `1. item`            | a bulleted or numbered list                   |
//! | `**bold**`, `*italic*`           | bold, italic (`__bold__`, `_italic_` too)     |
//! | `[text](https://example.com)`    | a link; `<https://example.com>` also works    |
//! | `[[related:ID]]` on its own line | the related link with that id, placed there   |
//! | `---` on its own line            | a section break                               |
//!
//! Anything else (HTML tags, code spans, images) is shown as the text that was typed, so
//! nothing a journalist writes disappears from the preview. A line ending in two spaces or a
//! backslash is a hard line break.
//!
//! Related links are placed by anchors rather than by paragraph numbers so a link stays where
//! it was put however the paragraphs around it change.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// The prefix of a related-link anchor's target: `[[related:ID]]`.
pub const RELATED_PREFIX: &str = "related:";

/// The anchor text that places the related link `id` in the body.
pub fn related_anchor(id: &str) -> String {
    format!("[[{RELATED_PREFIX}{id}]]")
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    Subheading(Vec<Inline>),
    Quote(Vec<Block>),
    List {
        /// The first number of a numbered list; `None` for bullets.
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A related link placed here by `[[related:ID]]` on a line of its own.
    Related(String),
    /// A section break (`---`).
    Break,
}

/// Text inside a block.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// A related link anchored inside running text.
    Related(String),
    LineBreak,
}

/// A top-level block with the byte range of the body text it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub range: Range<usize>,
    pub block: Block,
}

fn options() -> Options {
    Options::ENABLE_WIKILINKS
}

/// Reads the body markup into blocks. Never fails: text that is not markup is text.
pub fn parse(text: &str) -> Vec<Located> {
    let mut b = Builder::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        b.event(event, range, text);
    }
    b.out
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

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    out: Vec<Located>,
    start: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, range: Range<usize>, src: &str) {
        if self.stack.is_empty() {
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
        let frame = match tag {
            Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock => Frame::Para(Vec::new()),
            Tag::Heading { .. } => Frame::Heading(Vec::new()),
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::List(start) => Frame::List(start, Vec::new()),
            Tag::Item => Frame::Item(Vec::new(), Vec::new()),
            Tag::Emphasis => Frame::Emphasis(Vec::new()),
            Tag::Strong => Frame::Strong(Vec::new()),
            Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            } => Frame::Wiki(dest_url.into_string(), src[range].to_owned()),
            Tag::Link { dest_url, .. } => Frame::Link(dest_url.into_string(), Vec::new()),
            _ => Frame::Plain(Vec::new()),
        };
        self.stack.push(frame);
    }

    fn end_tag(&mut self, end: TagEnd, range: Range<usize>) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
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
            None => self.out.push(Located { range, block }),
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

/// Every related-link id the body anchors, in order, with the byte range of each anchor.
pub fn anchors(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        if let Event::Start(Tag::Link {
            link_type: LinkType::WikiLink { .. },
            dest_url,
            ..
        }) = event
            && let Some(id) = dest_url.strip_prefix(RELATED_PREFIX)
        {
            out.push((id.trim().to_owned(), range));
        }
    }
    out
}

/// Places the related link `id` at the paragraph holding byte `cursor`: any anchors it had are
/// taken out, and a new one goes on a line of its own after that paragraph. Returns the new
/// text and the byte range of the new anchor.
pub fn place_anchor(text: &str, cursor: usize, id: &str) -> (String, Range<usize>) {
    // Take out the old anchors, keeping track of where the cursor ends up.
    let mut cursor = cursor.min(text.len());
    while !text.is_char_boundary(cursor) {
        cursor -= 1;
    }
    let mut new_cursor = cursor;
    let mut out = String::with_capacity(text.len() + id.len() + 16);
    let mut last = 0;
    for (anchor_id, range) in anchors(text) {
        if anchor_id != id {
            continue;
        }
        // remove the anchor and the blank line that set it apart
        let mut end = range.end;
        while text[end..].starts_with('\n') {
            end += 1;
        }
        out.push_str(&text[last..range.start]);
        if end <= cursor {
            new_cursor -= end - range.start;
        } else if range.start < cursor {
            new_cursor -= cursor - range.start;
        }
        last = end;
    }
    out.push_str(&text[last..]);
    let text = out;
    let cursor = new_cursor.min(text.len());
    // The end of the paragraph holding the cursor: the next blank line, or the end.
    let end = match text[cursor..].find("\n\n") {
        Some(i) => cursor + i,
        None => text
            .trim_end_matches('\n')
            .len()
            .max(cursor.min(text.len())),
    };
    let end = end.min(text.len());
    let anchor = related_anchor(id);
    let before = text[..end].trim_end_matches('\n');
    let after = text[end..].trim_start_matches('\n');
    let mut new = String::with_capacity(text.len() + anchor.len() + 4);
    new.push_str(before);
    if !before.is_empty() {
        new.push_str("\n\n");
    }
    let start = new.len();
    new.push_str(&anchor);
    let range = start..new.len();
    if after.is_empty() {
        new.push('\n');
    } else {
        new.push_str("\n\n");
        new.push_str(after);
    }
    (new, range)
}

/// Takes every anchor for `id` out of the body (when its link is deleted).
pub fn remove_anchors(text: &str, id: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (anchor_id, range) in anchors(text) {
        if anchor_id == id {
            let mut end = range.end;
            while text[end..].starts_with('\n') {
                end += 1;
            }
            out.push_str(&text[last..range.start]);
            last = end;
        }
    }
    out.push_str(&text[last..]);
    out
}

/// What a stretch of body text is, for colouring it in the editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Mark {
    pub subheading: bool,
    pub quote: bool,
    pub strong: bool,
    pub emphasis: bool,
    pub link: bool,
    pub related: bool,
    /// Markup characters themselves: `#`, `>`, `*`, `[`, `](url)`, `---`, list bullets.
    pub syntax: bool,
}

/// Splits the body into runs that share one [`Mark`], covering the whole text in order.
/// The editor colours each run; it caches the result and calls this only when the text changed.
pub fn highlight(text: &str) -> Vec<(Range<usize>, Mark)> {
    #[derive(Clone, Copy)]
    enum Kind {
        Subheading,
        Quote,
        Strong,
        Emphasis,
        Link,
        Related,
        Syntax,
    }
    let mut spans: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut inner_text: Vec<Range<usize>> = Vec::new();
    let mut stack: Vec<(Kind, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { .. } => Some(Kind::Subheading),
                    Tag::BlockQuote(_) => Some(Kind::Quote),
                    Tag::Strong => Some(Kind::Strong),
                    Tag::Emphasis => Some(Kind::Emphasis),
                    Tag::Link {
                        link_type: LinkType::WikiLink { .. },
                        ref dest_url,
                        ..
                    } if dest_url.starts_with(RELATED_PREFIX) => Some(Kind::Related),
                    Tag::Link { .. } => Some(Kind::Link),
                    Tag::Item => {
                        spans.push((range.clone(), Kind::Syntax));
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    stack.push((kind, range));
                }
            }
            Event::End(end) => {
                let kind_matches = matches!(
                    end,
                    TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::Strong
                        | TagEnd::Emphasis
                        | TagEnd::Link
                );
                if kind_matches && let Some((kind, r)) = stack.pop() {
                    spans.push((r, kind));
                }
            }
            Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                inner_text.push(range)
            }
            Event::Rule => spans.push((range, Kind::Syntax)),
            _ => {}
        }
    }
    // Markup characters are what lies inside a styled span but outside its text: the `**`
    // around bold text, the `## ` of a heading, `](url)` after link text.
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for (r, _) in &spans {
        bounds.push(r.start);
        bounds.push(r.end);
    }
    for r in &inner_text {
        bounds.push(r.start);
        bounds.push(r.end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    bounds.retain(|&b| b <= text.len() && text.is_char_boundary(b));

    // Sweep the segments; spans are few compared with characters, and this runs only on change.
    let mut out: Vec<(Range<usize>, Mark)> = Vec::with_capacity(bounds.len());
    let mut span_idx: Vec<usize> = (0..spans.len()).collect();
    span_idx.sort_by_key(|&i| spans[i].0.start);
    let mut text_idx = 0;
    inner_text.sort_by_key(|r| r.start);
    let mut active: Vec<usize> = Vec::new();
    let mut next_span = 0;
    for w in bounds.windows(2) {
        let seg = w[0]..w[1];
        if seg.is_empty() {
            continue;
        }
        while next_span < span_idx.len() && spans[span_idx[next_span]].0.start <= seg.start {
            active.push(span_idx[next_span]);
            next_span += 1;
        }
        active.retain(|&i| spans[i].0.end > seg.start);
        while text_idx < inner_text.len() && inner_text[text_idx].end <= seg.start {
            text_idx += 1;
        }
        let in_text = inner_text[text_idx..]
            .iter()
            .take_while(|r| r.start <= seg.start)
            .any(|r| r.start <= seg.start && seg.end <= r.end);
        let mut mark = Mark::default();
        for &i in &active {
            match spans[i].1 {
                Kind::Subheading => mark.subheading = true,
                Kind::Quote => mark.quote = true,
                Kind::Strong => mark.strong = true,
                Kind::Emphasis => mark.emphasis = true,
                Kind::Link => mark.link = true,
                Kind::Related => mark.related = true,
                Kind::Syntax => mark.syntax = true,
            }
        }
        let styled = mark.subheading || mark.strong || mark.emphasis || mark.link;
        if styled && !in_text && !mark.related {
            mark.syntax = true;
        }
        match out.last_mut() {
            Some((r, m)) if *m == mark && r.end == seg.start => r.end = seg.end,
            _ => out.push((seg, mark)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<Block> {
        parse(text).into_iter().map(|l| l.block).collect()
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
    fn anchors_survive_edits_elsewhere() {
        let before = "First.\n\n[[related:a]]\n\nSecond.";
        let after = "A new first paragraph.\n\nFirst, longer.\n\n[[related:a]]\n\nSecond.";
        let place = |text: &str| {
            blocks(text)
                .iter()
                .position(|b| *b == Block::Related("a".into()))
        };
        assert_eq!(place(before), Some(1));
        assert_eq!(place(after), Some(2));
        assert_eq!(anchors(after)[0].0, "a");
        assert_eq!(&after[anchors(after)[0].1.clone()], "[[related:a]]");
    }

    #[test]
    fn located_ranges_point_into_source() {
        let src = "One.\n\nTwo.";
        let located = parse(src);
        assert_eq!(&src[located[1].range.clone()], "Two.");
    }

    #[test]
    fn highlight_covers_text_and_marks_syntax() {
        let src = "## Head\n\nSome **bold** [[related:a]] [l](https://e.com)";
        let runs = highlight(src);
        // the runs tile the text exactly
        let mut pos = 0;
        for (r, _) in &runs {
            assert_eq!(r.start, pos);
            pos = r.end;
        }
        assert_eq!(pos, src.len());
        let mark_at = |needle: &str| {
            let at = src.find(needle).unwrap();
            runs.iter().find(|(r, _)| r.contains(&at)).unwrap().1
        };
        assert!(mark_at("## ").syntax && mark_at("## ").subheading);
        assert!(mark_at("Head").subheading && !mark_at("Head").syntax);
        assert!(mark_at("**").syntax);
        assert!(mark_at("bold").strong && !mark_at("bold").syntax);
        assert!(mark_at("[[related").related);
        assert!(mark_at("l](").link);
        assert!(mark_at("](https").syntax);
        assert_eq!(mark_at("Some"), Mark::default());
    }

    #[test]
    fn highlight_handles_multibyte_text() {
        let src = "“Now” — **é** 🎉 [[related:ü]]";
        let runs = highlight(src);
        for (r, _) in runs {
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }
    }

    #[test]
    fn placing_an_anchor_puts_it_after_the_paragraph() {
        let src = "One two.\n\nThree four.\n\nFive.";
        let at = src.find("two").unwrap();
        let (out, r) = place_anchor(src, at, "x");
        assert_eq!(out, "One two.\n\n[[related:x]]\n\nThree four.\n\nFive.");
        assert_eq!(&out[r], "[[related:x]]");
        // placing again moves it
        let at = out.find("Five").unwrap();
        let (again, _) = place_anchor(&out, at, "x");
        assert_eq!(again, "One two.\n\nThree four.\n\nFive.\n\n[[related:x]]\n");
        assert_eq!(
            remove_anchors(&again, "x"),
            "One two.\n\nThree four.\n\nFive.\n\n"
        );
        // into an empty body
        assert_eq!(place_anchor("", 0, "y").0, "[[related:y]]\n");
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
