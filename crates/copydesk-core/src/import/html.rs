//! Reads an HTML body (an agency's, or one Copydesk exported) into body blocks: paragraphs,
//! subheadings, quotations, lists, bold, italic, links and line breaks are kept; scripts,
//! styles, pictures and embedded media are left out; every other element gives its text.
//!
//! Links keep their address only when it may be a link (see [`super::safe_href`]). An element
//! with a `data-related="ID"` attribute, as Copydesk writes related links, becomes that
//! related link's anchor when `related` knows the id.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::export::safe_href;
use crate::markup::write::{collapse, normalise_blocks};
use crate::markup::{Block, Inline};

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
    let doc = Html::parse_fragment(html);
    let r = Reader { related };
    normalise_blocks(r.blocks_of(doc.tree.root()))
}

/// The text of an HTML fragment, as a reader sees it, on one line.
pub fn text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let r = Reader { related: &|_| None };
    let inlines = r.inlines_of(doc.tree.root());
    collapse(&crate::markup::plain_inlines(&inlines).replace('\n', " "))
        .trim()
        .to_owned()
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

    fn blocks_of(&self, node: NodeRef<'_, Node>) -> Vec<Block> {
        let mut out = Vec::new();
        let mut pending: Vec<Inline> = Vec::new();
        for child in node.children() {
            self.block_child(child, &mut out, &mut pending);
        }
        flush(&mut out, &mut pending);
        out
    }

    fn block_child(
        &self,
        child: NodeRef<'_, Node>,
        out: &mut Vec<Block>,
        pending: &mut Vec<Inline>,
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
                out.push(Block::Subheading(self.inlines_of(child)));
            }
            "blockquote" => {
                flush(out, pending);
                out.push(Block::Quote(self.blocks_of(child)));
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
                    .map(|c| self.blocks_of(c))
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
                out.extend(self.blocks_of(child));
            }
            _ => pending.extend(self.inline_element(child)),
        }
    }

    fn inlines_of(&self, node: NodeRef<'_, Node>) -> Vec<Inline> {
        let mut out = Vec::new();
        for child in node.children() {
            match child.value() {
                Node::Text(t) => out.push(Inline::Text(clean(t))),
                Node::Element(_) => out.extend(self.inline_element(child)),
                _ => {}
            }
        }
        out
    }

    fn inline_element(&self, node: NodeRef<'_, Node>) -> Vec<Inline> {
        let Some(name) = tag(&node) else {
            return Vec::new();
        };
        if SKIPPED.contains(&name) {
            return Vec::new();
        }
        if let Some(id) = self.related_id(&node) {
            return vec![Inline::Related(id)];
        }
        match name {
            "strong" | "b" => vec![Inline::Strong(self.inlines_of(node))],
            "em" | "i" => vec![Inline::Emphasis(self.inlines_of(node))],
            "br" => vec![Inline::LineBreak],
            "a" => {
                let content = self.inlines_of(node);
                match attr(&node, "href").and_then(safe_href) {
                    Some(url) => vec![Inline::Link { url, content }],
                    None => content,
                }
            }
            "q" => {
                let mut v = vec![Inline::Text("“".into())];
                v.extend(self.inlines_of(node));
                v.push(Inline::Text("”".into()));
                v
            }
            n if BLOCKISH.contains(&n) || matches!(n, "ul" | "ol" | "blockquote" | "hr") => {
                // A block inside running text: its words, set apart by spaces.
                let mut v = vec![Inline::Text(" ".into())];
                v.extend(self.inlines_of(node));
                v.push(Inline::Text(" ".into()));
                v
            }
            _ => self.inlines_of(node),
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
