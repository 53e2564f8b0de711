//! NITF (News Industry Text Format, IPTC's XML for news stories), as agencies still send it
//! inside ninjs items: the story's paragraphs, subheadings, quotations, lists and links, and
//! its headline, byline and abstract for an item that lacks its own.
//!
//! The XML is read with `quick-xml`, one event after another, and the body's elements are
//! written as the HTML elements they correspond to (`hl2` → `h2`, `bq` → `blockquote`, `em`,
//! `a`, `p`, lists), which the HTML reader ([`super::html`]) then reads: one reader for the
//! structure, with its limits on nesting. Elements that name things in running text
//! (`person`, `org`, `location`, `money`…) give their text; pictures and media are left out.

use std::fmt::Write as _;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What a NITF document holds that a story can use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Nitf {
    /// The main headline (`hedline/hl1`), or the document title.
    pub headline: Option<String>,
    /// The byline, as written ("By Ann Reporter").
    pub byline: Option<String>,
    /// The abstract, or the second headline (`hedline/hl2`).
    pub summary: Option<String>,
    /// The body's content as HTML, for [`super::html::blocks`].
    pub body_html: String,
}

/// Whether `text` is a NITF document: after white space, an XML declaration, comments and a
/// doctype, its first element is `nitf`.
pub fn looks_like_nitf(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut rest = head.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("<!") {
            rest = r.split_once('>').map_or("", |(_, r)| r);
        } else {
            break;
        }
        rest = rest.trim_start();
    }
    rest.starts_with("<nitf") && rest[5..].starts_with(|c: char| c == '>' || c.is_whitespace())
}

/// Which part of the document the reader is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Elsewhere,
    Title,
    Headline,
    SecondHeadline,
    Byline,
    Abstract,
    Content,
}

/// The HTML element a NITF element inside the body is written as; `None` leaves it (and
/// what it holds) out.
fn html_name(nitf: &str) -> Option<&'static str> {
    Some(match nitf {
        "p" => "p",
        "hl1" | "hl2" => "h2",
        "bq" => "blockquote",
        "block" | "fn" | "note" | "body.content" => "div",
        "credit" => "p",
        "a" => "a",
        "em" | "i" => "em",
        "b" | "strong" => "strong",
        "q" => "q",
        "br" => "br",
        "hr" => "hr",
        "ul" => "ul",
        "ol" => "ol",
        "li" => "li",
        "dl" => "dl",
        "dt" => "dt",
        "dd" => "dd",
        "pre" => "pre",
        "table" => "table",
        "tr" => "tr",
        "td" | "th" => "td",
        "media" | "media-reference" | "media-object" | "media-metadata" | "media-producer"
        | "media-caption" | "head" | "docdata" | "meta" => return None,
        _ => "span",
    })
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).to_ascii_lowercase()
}

/// Reads a NITF document. Malformed XML is an error saying where; the caller then falls
/// back on another body of the item, or on the text.
pub fn read(xml: &str) -> Result<Nitf, String> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    reader.config_mut().check_end_names = false;
    let mut out = Nitf::default();
    // Open elements: their names, and how each was written (its HTML name, or skipped).
    let mut open: Vec<(String, Option<Option<&'static str>>)> = Vec::new();
    let mut skipping = 0usize;
    let (mut headline, mut second, mut byline, mut summary, mut title) = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    let mut in_content = false;
    let part = |open: &[(String, Option<Option<&'static str>>)], in_content: bool| -> Part {
        if in_content {
            return Part::Content;
        }
        match open
            .iter()
            .rev()
            .map(|(n, _)| n.as_str())
            .find(|n| matches!(*n, "hl1" | "hl2" | "byline" | "abstract" | "title"))
        {
            Some("hl1") if open.iter().any(|(n, _)| n == "hedline") => Part::Headline,
            Some("hl2") if open.iter().any(|(n, _)| n == "hedline") => Part::SecondHeadline,
            Some("byline") => Part::Byline,
            Some("abstract") => Part::Abstract,
            Some("title") => Part::Title,
            _ => Part::Elsewhere,
        }
    };
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "the NITF body is not well-formed XML at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Eof => break,
            Event::Start(_) if skipping > 0 => {
                skipping += 1;
                open.push((String::new(), None));
            }
            Event::Empty(_) if skipping > 0 => {}
            Event::Start(e) => {
                let name = local(&e);
                if name == "body.content" {
                    in_content = true;
                }
                let written = if in_content {
                    Some(html_name(&name))
                } else {
                    None
                };
                match written {
                    Some(None) => skipping = 1,
                    Some(Some(h)) => {
                        out.body_html.push('<');
                        out.body_html.push_str(h);
                        if h == "a"
                            && let Ok(Some(href)) = e.try_get_attribute("href")
                            && let Ok(v) = href.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        {
                            let _ = write!(
                                out.body_html,
                                " href=\"{}\"",
                                html_escape::encode_double_quoted_attribute(&v)
                            );
                        }
                        out.body_html.push('>');
                    }
                    None => {}
                }
                open.push((name, written));
            }
            Event::Empty(e) => {
                let name = local(&e);
                if in_content && let Some(h) = html_name(&name) {
                    if matches!(h, "br" | "hr") {
                        let _ = write!(out.body_html, "<{h}>");
                    } else if h == "p" {
                        out.body_html.push_str("<p></p>");
                    }
                }
            }
            Event::End(_) => {
                let Some((name, written)) = open.pop() else {
                    continue;
                };
                if skipping > 0 {
                    // The end of a left-out element, or of one inside it.
                    skipping -= 1;
                    continue;
                }
                if let Some(Some(h)) = written
                    && !matches!(h, "br" | "hr")
                {
                    let _ = write!(out.body_html, "</{h}>");
                }
                if name == "body.content" {
                    in_content = false;
                }
                // A paragraph of the abstract or byline ends with a space before the next.
                if matches!(name.as_str(), "p") && !in_content {
                    summary.push(' ');
                }
            }
            Event::Text(_) | Event::CData(_) if skipping == 0 => {
                // character data, plain or in a CDATA section: the same text to the reader
                let text = match &event {
                    Event::Text(t) => t.decode(),
                    Event::CData(t) => t.decode(),
                    _ => continue,
                }
                .map_err(|e| e.to_string())?;
                push_text(
                    part(&open, in_content),
                    &text,
                    &mut out.body_html,
                    [
                        &mut title,
                        &mut headline,
                        &mut second,
                        &mut byline,
                        &mut summary,
                    ],
                );
            }
            Event::GeneralRef(r) if skipping == 0 => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let text = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match name.as_ref() {
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "amp" => "&".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            html_escape::decode_html_entities(&format!("&{other};")).into_owned()
                        }
                    },
                };
                push_text(
                    part(&open, in_content),
                    &text,
                    &mut out.body_html,
                    [
                        &mut title,
                        &mut headline,
                        &mut second,
                        &mut byline,
                        &mut summary,
                    ],
                );
            }
            _ => {}
        }
    }
    let tidy = |s: &str| {
        let s = crate::markup::write::collapse(s).trim().to_owned();
        (!s.is_empty()).then_some(s)
    };
    out.headline = tidy(&headline).or_else(|| tidy(&title));
    out.byline = tidy(&byline);
    out.summary = tidy(&summary).or_else(|| tidy(&second));
    Ok(out)
}

/// Text goes to the body (escaped for HTML) or to the field the reader is in.
fn push_text(part: Part, text: &str, body: &mut String, fields: [&mut String; 5]) {
    let [title, headline, second, byline, summary] = fields;
    match part {
        Part::Content => body.push_str(&html_escape::encode_text(text)),
        Part::Title => title.push_str(text),
        Part::Headline => headline.push_str(text),
        Part::SecondHeadline => second.push_str(text),
        Part::Byline => byline.push_str(text),
        Part::Abstract => summary.push_str(text),
        Part::Elsewhere => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::html;
    use crate::markup::{Block, Inline};

    const FLEET: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" version="-//IPTC//DTD NITF 3.6//EN">
  <head><title>Fleet returns</title><docdata><doc-id id-string="a1"/></docdata></head>
  <body>
    <body.head>
      <hedline><hl1>Fishing fleet returns to port</hl1><hl2>Catch smaller than expected</hl2></hedline>
      <byline>By <person>Ann Reporter</person></byline>
      <dateline><location>Boston</location></dateline>
    </body.head>
    <body.content>
      <p>BOSTON (AP) &#8212; The fleet came home <em>early</em> on Tuesday &amp; unloaded.</p>
      <media media-type="image"><media-caption>A boat</media-caption></media>
      <hl2>Prices</hl2>
      <p>Cod sold for <money>$4</money> a pound, said <a href="https://example.com/cod">the market</a>.<br/>More later.</p>
      <bq><block><p>“It was a hard season,” a skipper said.</p></block></bq>
      <ul><li>Cod</li><li>Haddock</li></ul>
    </body.content>
    <body.end><tagline>Reporting by the desk.</tagline></body.end>
  </body>
</nitf>"#;

    #[test]
    fn a_nitf_story_reads_as_paragraphs_with_its_headline_and_byline() {
        assert!(looks_like_nitf(FLEET));
        let n = read(FLEET).unwrap();
        assert_eq!(n.headline.as_deref(), Some("Fishing fleet returns to port"));
        assert_eq!(n.byline.as_deref(), Some("By Ann Reporter"));
        assert_eq!(n.summary.as_deref(), Some("Catch smaller than expected"));
        let blocks = html::blocks(&n.body_html, &|_| None);
        let t = |s: &str| Inline::Text(s.into());
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    t("BOSTON (AP) — The fleet came home "),
                    Inline::Emphasis(vec![t("early")]),
                    t(" on Tuesday & unloaded.")
                ]),
                Block::Subheading(vec![t("Prices")]),
                Block::Paragraph(vec![
                    t("Cod sold for $4 a pound, said "),
                    Inline::Link {
                        url: "https://example.com/cod".into(),
                        content: vec![t("the market")]
                    },
                    t("."),
                    Inline::LineBreak,
                    t("More later.")
                ]),
                Block::Quote(vec![Block::Paragraph(vec![t(
                    "“It was a hard season,” a skipper said."
                )])]),
                Block::List {
                    start: None,
                    items: vec![
                        vec![Block::Paragraph(vec![t("Cod")])],
                        vec![Block::Paragraph(vec![t("Haddock")])]
                    ]
                },
            ]
        );
    }

    #[test]
    fn other_xml_is_not_nitf_and_broken_nitf_is_an_error() {
        assert!(!looks_like_nitf("<p>HTML</p>"));
        assert!(!looks_like_nitf("<?xml version=\"1.0\"?><rss/>"));
        assert!(!looks_like_nitf("<nitfoo/>"));
        assert!(looks_like_nitf("  <!-- agency --><nitf>"));
        let cut = read("<nitf><body><body.content><p>cut short").unwrap();
        assert!(cut.body_html.contains("cut short"));
        // broken XML: an error or a partial read, never a panic
        for broken in [
            "<nitf><p a=\"x>oops</p>",
            "<nitf>&bogus;<",
            "<nitf><![CDATA[",
            "<",
        ] {
            let _ = read(broken);
        }
    }

    #[test]
    fn text_in_cdata_sections_reads_like_plain_text() {
        let n = read(
            "<nitf><body><body.head><hedline><hl1><![CDATA[Rates & rises]]></hl1></hedline>\
             </body.head><body.content><p>Before <![CDATA[<b>inside</b>]]> after</p>\
             </body.content></body></nitf>",
        )
        .unwrap();
        assert_eq!(n.headline.as_deref(), Some("Rates & rises"));
        let blocks = html::blocks(&n.body_html, &|_| None);
        assert_eq!(
            blocks,
            vec![Block::Paragraph(vec![Inline::Text(
                "Before <b>inside</b> after".into()
            )])],
            "CDATA is text, escaped into the body, not markup"
        );
    }
}
