//! Reads an HTML body (an agency's, or one Copydesk exported) into body blocks: paragraphs,
//! subheadings, quotations, lists, bold, italic, links and line breaks are kept; scripts,
//! styles, pictures and embedded media are left out; every other element gives its text.
//!
//! Links keep their address only when it may be a link (see [`crate::export::safe_href`]).
//! An element with a `data-related="ID"` attribute, as Copydesk writes related links, becomes
//! that related link's anchor when `related` knows the id.
//!
//! **Hostile input.** Reading takes time in proportion to the input and a bounded stack,
//! however deeply it nests. Before the HTML parser sees a body, a scan of its tags measures
//! how deeply they nest; past [`MAX_HTML_DEPTH`] (no real body comes near it) the structure
//! is not built at all and the body is read as paragraphs of its text. Below that, the walk
//! of the parsed elements flattens quotations and lists past
//! [`crate::markup::MAX_BLOCK_DEPTH`] and bold, italic and links past
//! [`crate::markup::MAX_INLINE_DEPTH`], as the body markup reader does, so what an import
//! makes is what the markup can hold.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::export::safe_href;
use crate::markup::write::{collapse, normalise_blocks};
use crate::markup::{Block, Inline, MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH};

/// Bodies whose tags nest deeper than this are read as paragraphs of text.
pub const MAX_HTML_DEPTH: usize = 256;

/// Elements whose content readers never see as text.
const SKIPPED: &[&str] = &[
    "script", "style", "head", "title", "template", "noscript", "iframe", "object", "embed", "svg",
    "math", "img", "video", "audio", "picture", "source", "track", "canvas", "map", "input",
    "button", "select", "textarea", "meta", "link", "base",
];

/// Elements that stand as blocks of their own.
const BLOCKISH: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "body",
    "html",
    "figure",
    "figcaption",
    "address",
    "nav",
    "center",
    "dl",
    "dd",
    "dt",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "details",
    "summary",
    "form",
    "fieldset",
    "legend",
    "caption",
    "pre",
    "hgroup",
    "aside",
    "li",
    "search",
    "dialog",
];

/// The blocks of an HTML body. `related` maps a `data-related` id to the story's related-link
/// id, or `None` when the story has no such link.
pub fn blocks(html: &str, related: &dyn Fn(&str) -> Option<String>) -> Vec<Block> {
    if nesting_depth(html) > MAX_HTML_DEPTH {
        return normalise_blocks(flat_paragraphs(html));
    }
    let doc = Html::parse_fragment(html);
    let r = Reader { related };
    normalise_blocks(r.blocks_of(doc.tree.root(), 0, 0))
}

/// The text of an HTML fragment, as a reader sees it, on one line.
pub fn text(html: &str) -> String {
    let plain = if nesting_depth(html) > MAX_HTML_DEPTH {
        flat_text(html)
    } else {
        let doc = Html::parse_fragment(html);
        let r = Reader { related: &|_| None };
        crate::markup::plain_inlines(&r.inlines_of(doc.tree.root(), 0, 0))
    };
    collapse(&plain.replace('\n', " ")).trim().to_owned()
}

/// Elements that never hold others (`<br>`), and elements a parser closes on its own when
/// the next one starts (`<p>` before `<p>`): neither adds to the depth.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th",
];

/// How deeply the tags of `html` nest, counting start tags less end tags, without parsing it:
/// a scan of `<name` and `</name`, linear in the input.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        let end = bytes[start + len..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(bytes.len(), |p| start + len + p);
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
        i = end.min(bytes.len());
    }
    deepest
}

/// Elements whose end starts a new paragraph when the structure is not built.
const BREAKING: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "pre",
    "ul",
    "ol",
    "hr",
    "table",
];

/// The text of `html` with its tags taken out: entities decoded, the contents of scripts
/// and styles left out, a line end where a paragraph, list item, line or heading ends.
fn flat_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(at) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&html_escape::decode_html_entities(&rest[..at]));
        }
        let tag_end = rest[at..].find('>').map_or(rest.len(), |p| at + p + 1);
        let tag = &rest[at + 1..tag_end.saturating_sub(1).max(at + 1)];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match &skipping {
            Some(s) if closing && *s == name => skipping = None,
            Some(_) => {}
            None if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') => {
                skipping = Some(name);
            }
            None if BREAKING.contains(&name.as_str()) => out.push('\n'),
            None => {}
        }
        rest = &rest[tag_end..];
    }
    if skipping.is_none() {
        out.push_str(&html_escape::decode_html_entities(rest));
    }
    clean(&out)
}

/// Paragraphs of the text of `html` (see [`flat_text`]): what a body gives when its
/// structure cannot be read.
pub(crate) fn flat_paragraphs(html: &str) -> Vec<Block> {
    flat_text(html)
        .split('\n')
        .map(collapse)
        .filter(|p| !p.trim().is_empty())
        .map(|p| Block::Paragraph(vec![Inline::Text(p.trim().to_owned())]))
        .collect()
}

/// Past this depth in the parsed tree, an element gives its text only, read without
/// recursion (a guard behind the scan, for trees the parser builds deeper than the tags).
const MAX_WALK_DEPTH: usize = MAX_HTML_DEPTH * 2;

/// The text of `node`'s subtree, gathered without recursion.
fn subtree_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if let Node::Text(t) = n.value() {
            out.push_str(&clean(t));
        }
    }
    out
}

struct Reader<'a> {
    related: &'a dyn Fn(&str) -> Option<String>,
}

fn tag<'n>(node: &'n NodeRef<'_, Node>) -> Option<&'n str> {
    match node.value() {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

fn attr<'n>(node: &'n NodeRef<'_, Node>, name: &str) -> Option<&'n str> {
    match node.value() {
        Node::Element(e) => e.attr(name),
        _ => None,
    }
}

/// Text as it may stand in a story: characters HTML forbids are left out, as the HTML export
/// leaves them out.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            let n = c as u32;
            !((c.is_control() && !c.is_ascii_whitespace())
                || (0xFDD0..=0xFDEF).contains(&n)
                || (n & 0xFFFE) == 0xFFFE)
        })
        .collect()
}

impl Reader<'_> {
    fn related_id(&self, node: &NodeRef<'_, Node>) -> Option<String> {
        attr(node, "data-related").and_then(|id| (self.related)(id))
    }

    /// The blocks of `node`'s children; `walk` is the depth in the tree, `nest` the number
    /// of quotations and lists around.
    fn blocks_of(&self, node: NodeRef<'_, Node>, walk: usize, nest: usize) -> Vec<Block> {
        if walk > MAX_WALK_DEPTH {
            return vec![Block::Paragraph(vec![Inline::Text(subtree_text(node))])];
        }
        let mut out = Vec::new();
        let mut pending: Vec<Inline> = Vec::new();
        for child in node.children() {
            self.block_child(child, &mut out, &mut pending, walk + 1, nest);
        }
        flush(&mut out, &mut pending);
        out
    }

    fn block_child(
        &self,
        child: NodeRef<'_, Node>,
        out: &mut Vec<Block>,
        pending: &mut Vec<Inline>,
        walk: usize,
        nest: usize,
    ) {
        let Some(name) = tag(&child) else {
            if let Node::Text(t) = child.value() {
                pending.push(Inline::Text(clean(t)));
            }
            return;
        };
        if SKIPPED.contains(&name) {
            return;
        }
        if let Some(id) = self.related_id(&child) {
            if BLOCKISH.contains(&name) {
                flush(out, pending);
                out.push(Block::Related(id));
            } else {
                pending.push(Inline::Related(id));
            }
            return;
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                flush(out, pending);
                out.push(Block::Subheading(self.inlines_of(child, walk, 0)));
            }
            "blockquote" if nest >= MAX_BLOCK_DEPTH => {
                flush(out, pending);
                out.extend(self.blocks_of(child, walk, nest));
            }
            "blockquote" => {
                flush(out, pending);
                out.push(Block::Quote(self.blocks_of(child, walk, nest + 1)));
            }
            "ul" | "ol" if nest >= MAX_BLOCK_DEPTH => {
                flush(out, pending);
                for item in child.children() {
                    out.extend(self.blocks_of(item, walk + 1, nest));
                }
            }
            "ul" | "ol" => {
                flush(out, pending);
                let start = if name == "ol" {
                    Some(
                        attr(&child, "start")
                            .and_then(|s| s.trim().parse::<u64>().ok())
                            .filter(|n| *n <= 999_999_999)
                            .unwrap_or(1),
                    )
                } else {
                    None
                };
                let items: Vec<Vec<Block>> = child
                    .children()
                    .filter(|c| tag(c).is_some_and(|n| !SKIPPED.contains(&n)))
                    .map(|c| self.blocks_of(c, walk + 1, nest + 1))
                    .collect();
                out.push(Block::List { start, items });
            }
            "hr" => {
                flush(out, pending);
                out.push(Block::Break);
            }
            "br" => pending.push(Inline::LineBreak),
            n if BLOCKISH.contains(&n) => {
                flush(out, pending);
                out.extend(self.blocks_of(child, walk, nest));
            }
            _ => pending.extend(self.inline_element(child, walk, 0)),
        }
    }

    /// The inlines of `node`'s children; `style` is the number of bold, italic and link
    /// elements around.
    fn inlines_of(&self, node: NodeRef<'_, Node>, walk: usize, style: usize) -> Vec<Inline> {
        if walk > MAX_WALK_DEPTH {
            return vec![Inline::Text(subtree_text(node))];
        }
        let mut out = Vec::new();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push(Inline::Text(clean(t))),
                Node::Element(_) => out.extend(self.inline_element(child, walk + 1, style)),
                _ => {}
            }
        }
        out
    }

    fn inline_element(&self, node: NodeRef<'_, Node>, walk: usize, style: usize) -> Vec<Inline> {
        let Some(name) = tag(&node) else {
            return Vec::new();
        };
        if SKIPPED.contains(&name) {
            return Vec::new();
        }
        if let Some(id) = self.related_id(&node) {
            return vec![Inline::Related(id)];
        }
        let deep = style >= MAX_INLINE_DEPTH;
        match name {
            "strong" | "b" | "em" | "i" if deep => self.inlines_of(node, walk, style),
            "strong" | "b" => vec![Inline::Strong(self.inlines_of(node, walk, style + 1))],
            "em" | "i" => vec![Inline::Emphasis(self.inlines_of(node, walk, style + 1))],
            "br" => vec![Inline::LineBreak],
            "a" if deep => self.inlines_of(node, walk, style),
            "a" => {
                let content = self.inlines_of(node, walk, style + 1);
                match attr(&node, "href").and_then(safe_href) {
                    Some(url) => vec![Inline::Link { url, content }],
                    None => content,
                }
            }
            "q" => {
                let mut v = vec![Inline::Text("“".into())];
                v.extend(self.inlines_of(node, walk, style));
                v.push(Inline::Text("”".into()));
                v
            }
            n if BLOCKISH.contains(&n) || matches!(n, "ul" | "ol" | "blockquote" | "hr") => {
                // A block inside running text: its words, set apart by spaces.
                let mut v = vec![Inline::Text(" ".into())];
                v.extend(self.inlines_of(node, walk, style));
                v.push(Inline::Text(" ".into()));
                v
            }
            _ => self.inlines_of(node, walk, style),
        }
    }
}

fn flush(out: &mut Vec<Block>, pending: &mut Vec<Inline>) {
    if !pending.is_empty() {
        out.push(Block::Paragraph(std::mem::take(pending)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    fn read(html: &str) -> Vec<Block> {
        blocks(html, &|id| (id == "known").then(|| "known".to_owned()))
    }

    #[test]
    fn agency_html() {
        let got = read(
            "<body><p>GROSSETO, Italy (AP) -- The <b>trial</b>\n  began.</p> <p>Second <a href=\"https://e.com/x\">link</a> \
             <a href=\"javascript:alert(1)\">bad</a></p><blockquote><p>“Quote”</p></blockquote>\
             <h3>Sub</h3><ul><li>one</li><li><p>two</p></li></ul><hr><script>alert(1)</script>\
             <p>Line<br>break<img src=x onerror=alert(1)></p></body>",
        );
        assert_eq!(
            got,
            vec![
                Block::Paragraph(vec![
                    t("GROSSETO, Italy (AP) -- The "),
                    Inline::Strong(vec![t("trial")]),
                    t(" began.")
                ]),
                Block::Paragraph(vec![
                    t("Second "),
                    Inline::Link {
                        url: "https://e.com/x".into(),
                        content: vec![t("link")]
                    },
                    t(" bad")
                ]),
                Block::Quote(vec![Block::Paragraph(vec![t("“Quote”")])]),
                Block::Subheading(vec![t("Sub")]),
                Block::List {
                    start: None,
                    items: vec![
                        vec![Block::Paragraph(vec![t("one")])],
                        vec![Block::Paragraph(vec![t("two")])]
                    ]
                },
                Block::Break,
                Block::Paragraph(vec![t("Line"), Inline::LineBreak, t("break")]),
            ]
        );
    }

    #[test]
    fn related_anchors() {
        let got = read(
            "<p>a</p><aside class=\"related\" data-related=\"known\"><p><a href=\"https://x.org\">T</a></p></aside>\
             <aside data-related=\"unknown\"><p>Kept text</p></aside><p>In <a class=\"related\" data-related=\"known\" href=\"https://x.org\">T</a> text</p>",
        );
        assert_eq!(
            got,
            vec![
                Block::Paragraph(vec![t("a")]),
                Block::Related("known".into()),
                Block::Paragraph(vec![t("Kept text")]),
                Block::Paragraph(vec![t("In "), Inline::Related("known".into()), t(" text")]),
            ]
        );
    }

    #[test]
    fn broken_html_never_fails() {
        for html in [
            "<p><b>unclosed",
            "</p></div>",
            "<<<>>>",
            "",
            "<table><td>x",
            "&bogus; &amp;",
        ] {
            let _ = read(html);
            let _ = text(html);
        }
        assert_eq!(text("<p>a &amp; <b>b</b></p><p>c</p>"), "a & b c");
    }
}
