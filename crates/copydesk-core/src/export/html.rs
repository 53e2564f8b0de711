//! The story as one standalone web page: embedded CSS, no scripts, fonts or stylesheets
//! fetched from anywhere, and a schema.org `NewsArticle` block in JSON-LD for search engines.
//!
//! The page is drawn from [`Document`], the structure the preview pane draws from, in the
//! same order: section, headline, dateline, byline, standfirst, picture with caption and
//! credit, then the body with its related links where their anchors stand.
//!
//! Every piece of text from the story is escaped; only `http:`, `https:` and `mailto:`
//! addresses become links (see [`super::safe_href`]); the JSON-LD is written so that no text
//! in it can end the script element.

use std::fmt::Write as _;

use serde_json::{Map, Value, json};

use super::safe_href;
use crate::article::{Article, Stamp};
use crate::document::{Document, HouseStyle};
use crate::markup::{Block, Inline};

/// The page's style sheet, embedded so the page needs nothing else.
const CSS: &str = "\
:root{color-scheme:light dark;--ink:#1d1d1f;--muted:#5f6368;--rule:#d0d4d9;--accent:#9b1c1c}\
@media (prefers-color-scheme:dark){:root{--ink:#e8e8e8;--muted:#a8adb3;--rule:#44484d;--accent:#f08080}}\
body{margin:0;color:var(--ink);font:1.125rem/1.6 Georgia,'Times New Roman',serif}\
article{max-width:42rem;margin:0 auto;padding:2rem 1.25rem 4rem}\
.section{margin:0;color:var(--accent);font:600 .8rem/1.4 system-ui,sans-serif;letter-spacing:.06em;text-transform:uppercase}\
h1{margin:.4rem 0 .8rem;font-size:2.1rem;line-height:1.2}\
.dateline,.byline{margin:.2rem 0;color:var(--muted);font:.9rem/1.4 system-ui,sans-serif}\
.standfirst{margin:1.2rem 0;font-size:1.25rem;font-weight:600}\
figure{margin:1.5rem 0}\
figure img{display:block;max-width:100%;height:auto}\
figcaption{margin-top:.4rem;color:var(--muted);font:.875rem/1.4 system-ui,sans-serif}\
.credit{display:block;font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}\
h2{margin:2rem 0 .6rem;font-size:1.4rem}\
blockquote{margin:1.2rem 0;padding-left:1rem;border-left:4px solid var(--rule);font-style:italic}\
a{color:var(--accent)}\
.related{margin:1rem 0;padding:.6rem 0 .6rem .9rem;border-left:4px solid var(--accent);font:600 1rem/1.4 system-ui,sans-serif}\
.related p{margin:0}\
hr{margin:2rem auto;width:30%;border:0;border-top:1px solid var(--rule)}\
";

/// The full page for a story, as UTF-8 HTML text ending in a newline.
pub fn render(article: &Article, style: &HouseStyle) -> String {
    let doc = Document::build(article, style);
    let mut out = String::with_capacity(article.body.len() * 2 + 4096);
    let lang = language_attr(&article.language);
    // A headline with nothing visible in it (spaces, control characters) still gives the
    // page a title.
    let visible = clean(&doc.headline).trim().to_owned();
    let title = if visible.is_empty() {
        "Untitled story"
    } else {
        visible.as_str()
    };
    out.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(out, "<html lang=\"{}\">", attr(&lang));
    out.push_str("<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", text(title));
    if !doc.standfirst.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            attr(&doc.standfirst)
        );
    }
    if !article.tags.is_empty() {
        let _ = writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            attr(&keywords(article).join(", "))
        );
    }
    let _ = writeln!(out, "<style>{CSS}</style>");
    out.push_str("<script type=\"application/ld+json\">\n");
    out.push_str(&json_for_script(&json_ld(article, &doc)));
    out.push_str("\n</script>\n</head>\n<body>\n<article>\n<header>\n");
    if !doc.section.is_empty() {
        let _ = writeln!(out, "<p class=\"section\">{}</p>", text(&doc.section));
    }
    let _ = writeln!(out, "<h1 dir=\"auto\">{}</h1>", text(&doc.headline));
    if let (Some(dateline), Some(published)) = (&doc.dateline, &article.published) {
        match time_datetime(published) {
            Some(dt) => {
                let _ = writeln!(
                    out,
                    "<p class=\"dateline\"><time datetime=\"{}\">{}</time></p>",
                    attr(&dt),
                    text(dateline)
                );
            }
            None => {
                let _ = writeln!(out, "<p class=\"dateline\">{}</p>", text(dateline));
            }
        }
    }
    if let Some(byline) = doc.byline_text() {
        let _ = writeln!(
            out,
            "<p class=\"byline\" dir=\"auto\">{}</p>",
            text(&byline)
        );
    }
    if !doc.standfirst.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"standfirst\" dir=\"auto\">{}</p>",
            text(&doc.standfirst)
        );
    }
    out.push_str("</header>\n");
    if let Some(img) = &doc.image {
        out.push_str("<figure>\n");
        if let Some(src) = image_src(&img.source) {
            let alt = if img.decorative { "" } else { img.alt.as_str() };
            let _ = writeln!(
                out,
                "<img src=\"{}\" alt=\"{}\" referrerpolicy=\"no-referrer\">",
                attr(&src),
                attr(alt)
            );
        }
        if !(img.caption.is_empty() && img.credit.is_empty()) {
            out.push_str("<figcaption dir=\"auto\">");
            if !img.caption.is_empty() {
                let _ = write!(out, "<span class=\"caption\">{}</span>", text(&img.caption));
            }
            if !img.credit.is_empty() {
                if !img.caption.is_empty() {
                    out.push(' ');
                }
                let _ = write!(out, "<span class=\"credit\">{}</span>", text(&img.credit));
            }
            out.push_str("</figcaption>\n");
        }
        out.push_str("</figure>\n");
    }
    out.push_str("<div class=\"body\">\n");
    out.push_str(&render_body(&doc));
    out.push_str("</div>\n</article>\n</body>\n</html>\n");
    out
}

/// The body alone as an HTML fragment: paragraphs, subheadings, quotations, lists, links and
/// related links where their anchors stand. The ninjs export carries this as its HTML body.
///
/// Related links are written as `<aside class="related" data-related="ID">` (or an
/// `<a class="related" data-related="ID">` inside running text) so an import can put each
/// link back at its anchor.
pub fn render_body(doc: &Document) -> String {
    let mut out = String::new();
    for located in &doc.blocks {
        block(doc, &located.block, &mut out);
    }
    out
}

fn block(doc: &Document, b: &Block, out: &mut String) {
    match b {
        Block::Paragraph(inlines) => {
            out.push_str("<p dir=\"auto\">");
            inlines_html(doc, inlines, false, out);
            out.push_str("</p>\n");
        }
        Block::Subheading(inlines) => {
            out.push_str("<h2 dir=\"auto\">");
            inlines_html(doc, inlines, false, out);
            out.push_str("</h2>\n");
        }
        Block::Quote(blocks) => {
            out.push_str("<blockquote>\n");
            for b in blocks {
                block(doc, b, out);
            }
            out.push_str("</blockquote>\n");
        }
        Block::List { start, items } => {
            match start {
                None => out.push_str("<ul>\n"),
                Some(1) => out.push_str("<ol>\n"),
                Some(n) => {
                    let _ = writeln!(out, "<ol start=\"{n}\">");
                }
            }
            for item in items {
                out.push_str("<li dir=\"auto\">");
                for b in item {
                    block(doc, b, out);
                }
                out.push_str("</li>\n");
            }
            out.push_str(if start.is_some() {
                "</ol>\n"
            } else {
                "</ul>\n"
            });
        }
        Block::Related(id) => {
            if let Some(link) = doc.related(id) {
                let _ = write!(
                    out,
                    "<aside class=\"related\" data-related=\"{}\"><p dir=\"auto\">",
                    attr(id)
                );
                related_link(&link.title, &link.url, None, out);
                out.push_str("</p></aside>\n");
            }
        }
        Block::Break => out.push_str("<hr>\n"),
    }
}

/// A related link: its title, linked when its address is allowed.
fn related_link(title: &str, url: &str, inline_id: Option<&str>, out: &mut String) {
    let title = title.trim();
    let shown = if title.is_empty() { url.trim() } else { title };
    let id_attr = inline_id
        .map(|id| format!(" class=\"related\" data-related=\"{}\"", attr(id)))
        .unwrap_or_default();
    match safe_href(url) {
        Some(href) => {
            let _ = write!(
                out,
                "<a{id_attr} href=\"{}\">{}</a>",
                attr(&href),
                text(shown)
            );
        }
        None if inline_id.is_some() => {
            let _ = write!(out, "<span{id_attr}>{}</span>", text(shown));
        }
        None => out.push_str(&text(shown)),
    }
}

fn inlines_html(doc: &Document, inlines: &[Inline], in_link: bool, out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => out.push_str(&text(t)),
            Inline::Strong(c) => {
                out.push_str("<strong>");
                inlines_html(doc, c, in_link, out);
                out.push_str("</strong>");
            }
            Inline::Emphasis(c) => {
                out.push_str("<em>");
                inlines_html(doc, c, in_link, out);
                out.push_str("</em>");
            }
            Inline::Link { url, content } => match safe_href(url).filter(|_| !in_link) {
                Some(href) => {
                    let _ = write!(out, "<a href=\"{}\">", attr(&href));
                    inlines_html(doc, content, true, out);
                    out.push_str("</a>");
                }
                None => inlines_html(doc, content, in_link, out),
            },
            Inline::Related(id) => {
                if let Some(link) = doc.related(id) {
                    if in_link {
                        out.push_str(&text(link.title.trim()));
                    } else {
                        related_link(&link.title, &link.url, Some(id), out);
                    }
                }
            }
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

/// The schema.org `NewsArticle` description of the story.
pub fn json_ld(article: &Article, doc: &Document) -> Value {
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("NewsArticle"));
    m.insert("headline".into(), json!(doc.headline));
    let seo = article.seo_headline.trim();
    if !seo.is_empty() && seo != doc.headline {
        m.insert("alternativeHeadline".into(), json!(seo));
    }
    if !doc.standfirst.is_empty() {
        m.insert("description".into(), json!(doc.standfirst));
    }
    if let Some(p) = &article.published {
        m.insert("datePublished".into(), json!(stamp_rfc3339(p)));
    }
    let modified = match &article.updated {
        Some(u) => stamp_rfc3339(u),
        None => article
            .modified
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    };
    m.insert("dateModified".into(), json!(modified));
    if !doc.byline.is_empty() {
        let authors: Vec<Value> = doc
            .byline
            .iter()
            .map(|name| json!({"@type": "Person", "name": name}))
            .collect();
        m.insert("author".into(), Value::Array(authors));
    }
    if let Some(img) = &doc.image {
        let mut o = Map::new();
        o.insert("@type".into(), json!("ImageObject"));
        if let Some(src) = image_src(&img.source) {
            o.insert("url".into(), json!(src));
        }
        if !img.caption.is_empty() {
            o.insert("caption".into(), json!(img.caption));
        }
        if !img.credit.is_empty() {
            o.insert("creditText".into(), json!(img.credit));
        }
        if !img.decorative && !img.alt.is_empty() {
            o.insert("description".into(), json!(img.alt));
        }
        m.insert("image".into(), Value::Object(o));
    }
    if !doc.section.is_empty() {
        m.insert("articleSection".into(), json!(doc.section));
    }
    let keywords = keywords(article);
    if !keywords.is_empty() {
        m.insert("keywords".into(), json!(keywords));
    }
    m.insert("wordCount".into(), json!(doc.counts.words));
    if !article.language.trim().is_empty() {
        m.insert("inLanguage".into(), json!(article.language.trim()));
    }
    m.insert(
        "identifier".into(),
        json!(format!("urn:uuid:{}", article.id)),
    );
    Value::Object(m)
}

fn keywords(article: &Article) -> Vec<String> {
    article
        .tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// JSON text that is safe inside `<script>`: `<`, `>` and `&` are written as `\u` escapes,
/// so no string in it can close the element or open a comment; control characters HTML
/// forbids in a page are `\u` escapes too, and noncharacters are left out. Still valid JSON.
pub fn json_for_script(value: &Value) -> String {
    let pretty = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
    let mut out = String::with_capacity(pretty.len());
    for c in pretty.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            // Outside strings serde writes only ASCII white space, so these are inside one.
            c if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | ' ') => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Unicode noncharacters (U+FDD0–U+FDEF, and the last two code points of every plane),
/// which HTML forbids.
fn is_noncharacter(c: char) -> bool {
    let n = c as u32;
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

/// A stamp as RFC 3339 with its UTC offset, keeping fractions of a second when set.
pub(crate) fn stamp_rfc3339(s: &Stamp) -> String {
    s.resolve()
        .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// The `datetime` of a `<time>` element: the date alone when no time is set, the full date,
/// time and offset otherwise; `None` for years HTML cannot write.
fn time_datetime(s: &Stamp) -> Option<String> {
    use chrono::Datelike;
    if !(1..=9999).contains(&s.date.year()) {
        return None;
    }
    Some(match s.time {
        None => s.date.format("%Y-%m-%d").to_string(),
        Some(_) => s
            .resolve()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    })
}

/// Why the page leaves the story's picture out, when it does: a file on this computer (or
/// anything but a web address) cannot travel with a page.
pub fn picture_left_out(article: &Article) -> Option<String> {
    let image = article.image.as_ref()?;
    let source = image.source.trim();
    if source.is_empty() || image_src(source).is_some() {
        return None;
    }
    Some(format!(
        "the picture ({source}) is a file on this computer, so the page leaves it out; give its web address instead to have it shown"
    ))
}

/// The picture's address, when it is a web address the page may show.
fn image_src(source: &str) -> Option<String> {
    safe_href(source).filter(|s| s.starts_with("http"))
}

/// A language tag fit for `lang`: letters, digits and hyphens in BCP 47 shape, else empty
/// ("unknown").
fn language_attr(lang: &str) -> String {
    let lang = lang.trim();
    if crate::article::is_language_tag(lang) {
        lang.to_owned()
    } else {
        String::new()
    }
}

/// Characters HTML forbids or browsers drop (C0 and C1 controls other than tab, line feed and
/// carriage return, and Unicode noncharacters) are left out; the rest is kept.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    fn bad(c: char) -> bool {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_noncharacter(c)
    }
    if s.chars().any(bad) {
        std::borrow::Cow::Owned(s.chars().filter(|c| !bad(*c)).collect())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Text for element content: `&`, `<` and `>` escaped.
fn text(s: &str) -> String {
    html_escape::encode_text(&clean(s)).into_owned()
}

/// Text for a double-quoted attribute value: `&`, `<`, `>` and `"` escaped.
fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(&clean(s)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_element() {
        let v = json!({"headline": "</script><script>alert(1)</script><!-- & \u{2028}"});
        let s = json_for_script(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn language_tags() {
        assert_eq!(language_attr("en-GB"), "en-GB");
        assert_eq!(language_attr(" fr "), "fr");
        assert_eq!(language_attr("zh-Hant-TW"), "zh-Hant-TW");
        assert_eq!(language_attr("\"><script>"), "");
        assert_eq!(language_attr("en--GB"), "");
        assert_eq!(language_attr("1en"), "");
    }

    #[test]
    fn control_characters_are_left_out() {
        assert_eq!(text("a\u{0}b\u{7}c\u{9f}d\u{ffff}e\tf"), "abcde\tf");
        assert_eq!(attr("\"<&>"), "&quot;&lt;&amp;&gt;");
    }
}
