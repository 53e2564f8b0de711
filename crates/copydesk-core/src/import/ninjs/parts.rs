//! The parts of a ninjs item that become parts of a story: headlines, descriptions, the
//! picture, related links, subjects, the body and the byline; and the small readers they share.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::article::{Article, Image, RelatedLink};
use crate::export::ninjs::{
    KEPT_KEY, REL_KEYWORD, REL_RELATED, REL_SECTION, ROLE_ALT, ROLE_CAPTION, ROLE_MAIN, ROLE_SEO,
};
use crate::export::safe_href;
use crate::import::html as html_in;
use crate::import::nitf;
use crate::markup::write as markup;
use crate::markup::{Block, Inline};

pub(super) fn str_field<'m>(m: &'m Map<String, Value>, k: &str) -> Option<&'m str> {
    m.get(k).and_then(Value::as_str)
}

/// Whether an entry holds HTML: by its content type or role (and, for bodies only, by its look).
pub(super) fn is_html(entry: &Map<String, Value>) -> bool {
    is_html_sniffed(entry, false)
}

pub(super) fn is_html_sniffed(entry: &Map<String, Value>, sniff: bool) -> bool {
    let ct = str_field(entry, "contentType")
        .unwrap_or("")
        .to_ascii_lowercase();
    let role = str_field(entry, "role").unwrap_or("").to_ascii_lowercase();
    ct.contains("html")
        || ct.contains("xml")
        || matches!(role.as_str(), "richtext" | "xhtml" | "html")
        || (sniff && ct.is_empty() && str_field(entry, "value").is_some_and(looks_like_html))
}

pub(super) fn looks_like_html(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with('<') && s.contains('>')
}

/// Text of an entry: its value, or the words of its HTML.
pub(super) fn entry_text(entry: &Map<String, Value>) -> Option<String> {
    let v = str_field(entry, "value")?;
    Some(if is_html(entry) {
        html_in::text(v)
    } else {
        markup::collapse(v).trim().to_owned()
    })
}

/// Takes a list field out of the map as entries that are objects; other entries stay.
pub(super) fn take_list(m: &mut Map<String, Value>, key: &str) -> Vec<Map<String, Value>> {
    match m.shift_remove(key) {
        Some(Value::Array(list)) => {
            let mut objects = Vec::new();
            let mut others = Vec::new();
            for x in list {
                match x {
                    Value::Object(o) => objects.push(o),
                    other => others.push(other),
                }
            }
            if !others.is_empty() {
                m.insert(key.into(), Value::Array(others));
            }
            objects
        }
        Some(other) => {
            m.insert(key.into(), other);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Puts back entries not used.
pub(super) fn put_back(m: &mut Map<String, Value>, key: &str, rest: Vec<Map<String, Value>>) {
    if rest.is_empty() {
        return;
    }
    let rest = rest.into_iter().map(Value::Object);
    match m.get_mut(key) {
        Some(Value::Array(list)) => list.extend(rest),
        _ => {
            m.insert(key.into(), Value::Array(rest.collect()));
        }
    }
}

pub(super) fn take_headlines(m: &mut Map<String, Value>) -> (Option<String>, Option<String>) {
    let mut list = take_list(m, "headlines");
    let role = |e: &Map<String, Value>| str_field(e, "role").unwrap_or("").to_ascii_lowercase();
    let has_value = |e: &Map<String, Value>| str_field(e, "value").is_some();
    let main = list
        .iter()
        .position(|e| has_value(e) && role(e) == ROLE_MAIN)
        .or_else(|| {
            list.iter().position(|e| {
                has_value(e) && matches!(role(e).as_str(), "" | "simple" | "headline" | "default")
            })
        })
        .or_else(|| {
            list.iter()
                .position(|e| has_value(e) && role(e) != ROLE_SEO)
        });
    let main = main.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    let seo = list
        .iter()
        .position(|e| has_value(e) && role(e) == ROLE_SEO)
        .map(|i| list.remove(i))
        .and_then(|e| entry_text(&e));
    put_back(m, "headlines", list);
    (main, seo)
}

/// Takes a description: the first with one of `roles`, else the first in plain text (not an
/// alt text or caption unless `any_role`), else the first in HTML. HTML twins go with it.
pub(super) fn take_description(
    m: &mut Map<String, Value>,
    roles: &[&str],
    any_role: bool,
) -> Option<String> {
    let mut list = take_list(m, "descriptions");
    let role = |e: &Map<String, Value>| str_field(e, "role").unwrap_or("").to_ascii_lowercase();
    let usable = |e: &Map<String, Value>| {
        str_field(e, "value").is_some()
            && role(e) != ROLE_ALT
            && (any_role || !matches!(role(e).as_str(), "caption"))
    };
    let pick = list
        .iter()
        .position(|e| usable(e) && roles.contains(&role(e).as_str()))
        .or_else(|| list.iter().position(|e| usable(e) && !is_html(e)))
        .or_else(|| list.iter().position(usable));
    let text = pick.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    if text.is_some() {
        list.retain(|e| !(is_html(e) && role(e) != ROLE_ALT));
    }
    put_back(m, "descriptions", list);
    text
}

pub(super) fn take_alt(m: &mut Map<String, Value>) -> Option<String> {
    let mut list = take_list(m, "descriptions");
    let i = list.iter().position(|e| {
        str_field(e, "role").is_some_and(|r| r.eq_ignore_ascii_case(ROLE_ALT))
            && str_field(e, "value").is_some()
    });
    let alt = i.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    put_back(m, "descriptions", list);
    alt
}

/// A picture from an item or association: its best rendition, caption, credit and alt text.
pub(super) fn picture_from(p: &mut Map<String, Value>) -> Image {
    let mut img = Image::default();
    let alt = take_alt(p);
    match alt {
        Some(a) if a.is_empty() => img.decorative = true,
        Some(a) => img.alt = a,
        None => {}
    }
    img.caption = take_description(p, &[ROLE_CAPTION], true).unwrap_or_default();
    if let Some(Value::String(by)) = p.get("by") {
        img.credit = by.trim().to_owned();
        p.shift_remove("by");
    } else if let Some(Value::String(holder)) = p.get("copyrightHolder") {
        img.credit = holder.trim().to_owned();
    }
    let mut renditions = take_list(p, "renditions");
    let href = |r: &Map<String, Value>| {
        str_field(r, "href")
            .and_then(safe_href)
            .filter(|h| h.starts_with("http"))
    };
    let name = |r: &Map<String, Value>| str_field(r, "name").unwrap_or("").to_ascii_lowercase();
    let preferred = ["original", "highres", "baseimage", "main", "viewimage"];
    let pick = preferred
        .iter()
        .find_map(|want| {
            renditions
                .iter()
                .position(|r| href(r).is_some() && name(r) == *want)
        })
        .or_else(|| {
            renditions
                .iter()
                .enumerate()
                .filter(|(_, r)| href(r).is_some())
                .max_by_key(|(_, r)| r.get("width").and_then(Value::as_u64).unwrap_or(0))
                .map(|(i, _)| i)
        });
    if let Some(i) = pick {
        let r = renditions.remove(i);
        img.source = href(&r).unwrap_or_default();
    }
    put_back(p, "renditions", renditions);
    let uri_is_ours = str_field(p, "uri")
        .is_some_and(|u| u.ends_with("#picture") || (!img.source.is_empty() && u == img.source));
    if uri_is_ours {
        p.shift_remove("uri");
    }
    if str_field(p, "type").is_some_and(|t| t == "picture") {
        p.shift_remove("type");
    }
    if str_field(p, "name").is_some() {
        p.shift_remove("name");
    }
    if !p.is_empty() {
        img.extra
            .insert(KEPT_KEY.into(), Value::Object(std::mem::take(p)));
    }
    img
}

pub(super) fn is_related(r: &Map<String, Value>) -> bool {
    str_field(r, "type") == Some("text") || str_field(r, "rel") == Some(REL_RELATED)
}

/// Whether an id can stand in a `[[related:ID]]` anchor and be read back the same.
pub(super) fn good_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

pub(super) fn related_from(r: &mut Map<String, Value>, a: &Article) -> RelatedLink {
    let mut link = RelatedLink::default();
    let (title, _) = take_headlines(r);
    link.title = title
        .or_else(|| str_field(r, "title").map(|t| t.trim().to_owned()))
        .unwrap_or_default();
    let mut renditions = take_list(r, "renditions");
    let href = |x: &Map<String, Value>| str_field(x, "href").and_then(safe_href);
    let pick = renditions
        .iter()
        .position(|x| href(x).is_some() && str_field(x, "name") == Some("web"))
        .or_else(|| renditions.iter().position(|x| href(x).is_some()));
    if let Some(i) = pick {
        let x = renditions.remove(i);
        link.url = href(&x).unwrap_or_default();
    } else if let Some(u) = str_field(r, "uri").and_then(safe_href) {
        link.url = u;
    }
    put_back(r, "renditions", renditions);
    let uri_is_ours = str_field(r, "uri").is_some_and(|u| {
        u.contains("#related-")
            || (!link.url.is_empty() && safe_href(u).as_deref() == Some(&link.url))
    });
    if uri_is_ours {
        r.shift_remove("uri");
    }
    let name = str_field(r, "name").map(str::to_owned).unwrap_or_default();
    let taken = |id: &str| a.related.iter().any(|l| l.id == id);
    link.id = if good_id(&name) && !taken(&name) {
        name.clone()
    } else {
        a.new_related_id(&link.title)
    };
    if str_field(r, "type") == Some("text") {
        r.shift_remove("type");
    }
    if str_field(r, "rel") == Some(REL_RELATED) {
        r.shift_remove("rel");
    }
    if name == link.id {
        r.shift_remove("name");
    }
    if !r.is_empty() {
        link.extra
            .insert(KEPT_KEY.into(), Value::Object(std::mem::take(r)));
    }
    link
}

pub(super) fn take_subjects(m: &mut Map<String, Value>, a: &mut Article) {
    let mut list = take_list(m, "subjects");
    let rel = |e: &Map<String, Value>| str_field(e, "rel").unwrap_or("").to_ascii_lowercase();
    let name = |e: &Map<String, Value>| str_field(e, "name").map(|n| n.trim().to_owned());
    if let Some(i) = list
        .iter()
        .position(|e| rel(e) == REL_SECTION && name(e).is_some())
    {
        a.section = name(&list.remove(i)).unwrap_or_default();
    }
    let mut rest = Vec::new();
    for e in list {
        match name(&e) {
            Some(n) if rel(&e) == REL_KEYWORD => {
                if !n.is_empty() {
                    a.tags.push(n);
                }
            }
            _ => rest.push(e),
        }
    }
    put_back(m, "subjects", rest);
    if let Some(Value::Array(words)) = m.get("keywords")
        && words.iter().all(Value::is_string)
    {
        for w in words.iter().filter_map(Value::as_str) {
            let w = w.trim();
            if !w.is_empty() {
                a.tags.push(w.to_owned());
            }
        }
        m.shift_remove("keywords");
    }
}

/// Whether a body entry holds NITF: by its content type, or by what its text starts with
/// (agencies put NITF in bodies marked as HTML too).
fn is_nitf(e: &Map<String, Value>) -> bool {
    str_field(e, "contentType").is_some_and(|ct| ct.to_ascii_lowercase().contains("nitf"))
        || str_field(e, "value").is_some_and(nitf::looks_like_nitf)
}

/// The story body an item's bodies make, and what a NITF body says of the headline, byline
/// and summary (for an item that lacks them).
pub(super) struct Body {
    pub(super) blocks: Vec<Block>,
    pub(super) nitf: Option<nitf::Nitf>,
}

/// Whether a body is the story itself: its role is `main`, none, or one that names only a
/// format (`richtext`, `text`, `xhtml`, as agencies use roles). A body with another role (a
/// teaser, a correction, a 1.x `body_sidebar`) is something else, and is kept.
fn is_main_body(e: &Map<String, Value>) -> bool {
    let role = str_field(e, "role")
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        role.as_str(),
        "" | "main"
            | "body"
            | "default"
            | "simple"
            | "full"
            | "richtext"
            | "html"
            | "xhtml"
            | "text"
            | "plain"
            | "nitf"
    )
}

/// The body blocks: from the first HTML body, else the first NITF body, else the first
/// plain-text body. A NITF body that cannot be read gives way to a plain-text body, or to
/// its own text without the tags: markup is never shown as story text. Every main body (see
/// [`is_main_body`]) is taken: the others are the same story in another form, and an export
/// writes them anew. Bodies with other roles are kept, unless there is no main body: then
/// they are all read as the story's.
pub(super) fn take_body(m: &mut Map<String, Value>, names: &HashMap<String, String>) -> Body {
    let (mut list, mut others): (Vec<_>, Vec<_>) =
        take_list(m, "bodies").into_iter().partition(is_main_body);
    if list.is_empty() {
        std::mem::swap(&mut list, &mut others);
    }
    put_back(m, "bodies", others);
    let related = |name: &str| names.get(name).cloned();
    let value = |e: &Map<String, Value>| str_field(e, "value").map(str::to_owned);
    let text_body = || {
        list.iter()
            .filter(|e| !is_nitf(e) && !is_html_sniffed(e, true))
            .find_map(value)
            .map(|v| plain_blocks(&v))
            .filter(|b| !b.is_empty())
    };
    if let Some(v) = list
        .iter()
        .find(|e| !is_nitf(e) && is_html_sniffed(e, true))
        .and_then(value)
    {
        return Body {
            blocks: html_in::blocks(&v, &related),
            nitf: None,
        };
    }
    if let Some(v) = list.iter().find(|e| is_nitf(e)).and_then(value) {
        return match nitf::read(&v) {
            Ok(n) => {
                let blocks = html_in::blocks(&n.body_html, &related);
                let blocks = if blocks.is_empty() {
                    text_body().unwrap_or_default()
                } else {
                    blocks
                };
                Body {
                    blocks,
                    nitf: Some(n),
                }
            }
            Err(_) => Body {
                blocks: text_body().unwrap_or_else(|| html_in::flat_paragraphs(&v)),
                nitf: None,
            },
        };
    }
    Body {
        blocks: list
            .iter()
            .find_map(value)
            .map(|v| plain_blocks(&v))
            .unwrap_or_default(),
        nitf: None,
    }
}

/// Paragraphs of plain text: split at blank lines, or at line ends when there are none.
pub(super) fn plain_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank = text
        .split('\n')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].trim().is_empty() && !w[1].trim().is_empty() && w[0] != w[1]);
    let paras: Vec<String> = if text.contains("\n\n") || has_blank {
        let mut out = Vec::new();
        let mut cur = String::new();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                if !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            } else {
                cur.push(' ');
                cur.push_str(line);
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur);
        }
        out
    } else {
        text.split('\n').map(str::to_owned).collect()
    };
    let blocks = paras
        .into_iter()
        .map(|p| Block::Paragraph(vec![Inline::Text(html_in::clean(&p))]))
        .collect();
    markup::normalise_blocks(blocks)
}

/// Every related id the blocks anchor.
pub(super) fn anchored(blocks: &[Block]) -> HashSet<String> {
    fn inl(i: &[Inline], out: &mut HashSet<String>) {
        for x in i {
            match x {
                Inline::Related(id) => {
                    out.insert(id.clone());
                }
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                    inl(c, out)
                }
                _ => {}
            }
        }
    }
    fn blk(b: &[Block], out: &mut HashSet<String>) {
        for x in b {
            match x {
                Block::Related(id) => {
                    out.insert(id.clone());
                }
                Block::Paragraph(i) | Block::Subheading(i) => inl(i, out),
                Block::Quote(c) => blk(c, out),
                Block::List { items, .. } => {
                    for item in items {
                        blk(item, out);
                    }
                }
                Block::Break => {}
            }
        }
    }
    let mut out = HashSet::new();
    blk(blocks, &mut out);
    out
}

/// "By A, B and C" (or "A and B", "A, B, and C", "Von A und B") as a list of names.
pub fn split_byline(by: &str) -> Vec<String> {
    crate::document::parse_byline(by)
}
