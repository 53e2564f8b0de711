//! The HTML export: faithful to the preview, complete JSON-LD, escaped, and valid HTML.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{HOSTILE, full_story, hostile_story, sample, sentences, squash};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::export::html::render;
use copydesk_core::markup::Block;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn page(a: &copydesk_core::article::Article) -> (String, Html) {
    let html = render(a, &HouseStyle::default());
    let parsed = Html::parse_document(&html);
    (html, parsed)
}

/// The text of an element as a reader sees it (a line break reads as a space).
fn text_of(e: ElementRef<'_>) -> String {
    let mut s = String::new();
    for node in e.descendants() {
        match node.value() {
            scraper::Node::Text(t) => s.push_str(t),
            scraper::Node::Element(el) if el.name() == "br" => s.push(' '),
            _ => {}
        }
    }
    squash(&s)
}

/// A block's text as the preview shows it: related links by their titles.
fn block_text(d: &Document, b: &Block) -> String {
    use copydesk_core::markup::{Inline, plain_block, plain_inlines};
    fn inl(d: &Document, i: &[Inline]) -> String {
        i.iter()
            .map(|x| match x {
                Inline::Related(id) => d.related(id).map(|l| l.title.clone()).unwrap_or_default(),
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                    inl(d, c)
                }
                Inline::LineBreak => " ".to_owned(),
                other => plain_inlines(std::slice::from_ref(other)),
            })
            .collect()
    }
    match b {
        Block::Related(id) => d.related(id).map(|l| l.title.clone()).unwrap_or_default(),
        Block::Paragraph(i) | Block::Subheading(i) => inl(d, i),
        Block::Break => String::new(),
        other => plain_block(other),
    }
}

fn json_ld(doc: &Html) -> Value {
    let scripts: Vec<_> = doc.select(&sel("script")).collect();
    assert_eq!(scripts.len(), 1, "exactly one script element");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    serde_json::from_str(&scripts[0].text().collect::<String>()).expect("JSON-LD parses")
}

/// The body's blocks as readers see them: top-level children of the body container.
fn body_blocks(doc: &Html) -> Vec<String> {
    let body = doc.select(&sel("div.body")).next().expect("a body");
    body.children()
        .filter_map(ElementRef::wrap)
        .map(text_of)
        .collect()
}

#[test]
fn sample_page_has_every_sentence_dateline_caption_and_credit() {
    let (_, doc) = page(&sample());
    let all_text = text_of(doc.select(&sel("body")).next().unwrap());
    let seed = sentences(common::SEED);
    assert!(seed.len() >= 30);
    for s in seed {
        assert!(all_text.contains(&squash(&s)), "missing: {s:?}");
    }
    let dateline = text_of(doc.select(&sel(".dateline")).next().unwrap());
    assert_eq!(dateline, "Posted On: 4th July 2016");
    let time = doc.select(&sel(".dateline time")).next().unwrap();
    assert_eq!(time.value().attr("datetime"), Some("2016-07-04"));
    assert_eq!(
        text_of(doc.select(&sel("figcaption .caption")).next().unwrap()),
        "Jeremy Corbyn has made an appeal for unity to Labour MPs"
    );
    assert_eq!(
        text_of(doc.select(&sel("figcaption .credit")).next().unwrap()),
        "Labour Party"
    );
    // the sample has no picture file, so no <img> without a source
    assert!(doc.select(&sel("img")).next().is_none());
}

#[test]
fn sample_related_links_stand_where_the_seed_has_them() {
    let a = sample();
    let (_, doc) = page(&a);
    let seed_paras: Vec<String> = common::SEED
        .split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect();
    let first = seed_paras
        .iter()
        .position(|p| p.starts_with("In a film posted"))
        .unwrap();
    assert_eq!(body_blocks(&doc), seed_paras[first..].to_vec());
    let related: Vec<(String, String)> = doc
        .select(&sel("aside.related a"))
        .map(|e| (text_of(e), e.value().attr("href").unwrap().to_owned()))
        .collect();
    let want: Vec<(String, String)> = a
        .related
        .iter()
        .map(|l| (l.title.clone(), l.url.clone()))
        .collect();
    assert_eq!(related, want);
    // the header reads as the seed does: headline, dateline, standfirst
    let header: Vec<String> = doc.select(&sel("header > *")).map(text_of).collect();
    assert_eq!(
        header,
        vec![
            "Politics".to_owned(),
            squash(&a.headline),
            "Posted On: 4th July 2016".to_owned(),
            squash(&a.standfirst)
        ]
    );
}

#[test]
fn page_follows_the_document_block_for_block() {
    for a in [sample(), full_story()] {
        let d = Document::build(&a, &HouseStyle::default());
        let (_, doc) = page(&a);
        let want: Vec<String> = d
            .blocks
            .iter()
            .filter(|b| !matches!(&*b.block, Block::Related(id) if d.related(id).is_none()))
            .map(|b| squash(&block_text(&d, &b.block)))
            .collect();
        assert_eq!(body_blocks(&doc), want);
    }
}

#[test]
fn sample_json_ld() {
    let a = sample();
    let (_, doc) = page(&a);
    let ld = json_ld(&doc);
    let d = Document::build(&a, &HouseStyle::default());
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], a.headline.as_str());
    assert_eq!(ld["datePublished"], "2016-07-04T00:00:00+01:00");
    assert_eq!(ld["dateModified"], "2016-07-04T08:00:00+00:00");
    assert_eq!(ld["description"], a.standfirst.as_str());
    assert_eq!(ld["articleSection"], "Politics");
    assert_eq!(
        ld["keywords"],
        serde_json::json!(["Jeremy Corbyn", "Labour Party", "Labour leadership"])
    );
    assert_eq!(ld["wordCount"], d.counts.words);
    assert!(d.counts.words > 400);
    assert_eq!(ld["inLanguage"], "en-GB");
    assert_eq!(ld["image"]["@type"], "ImageObject");
    assert_eq!(
        ld["image"]["caption"],
        "Jeremy Corbyn has made an appeal for unity to Labour MPs"
    );
    assert_eq!(ld["image"]["creditText"], "Labour Party");
    assert!(ld.get("author").is_none(), "the sample has no byline");
}

#[test]
fn full_story_renders_every_feature() {
    let a = full_story();
    let (html, doc) = page(&a);
    for s in [
        "h1",
        "h2",
        "blockquote p",
        "ul li",
        "ol[start=\"3\"] li",
        "strong",
        "em",
        "br",
        "hr",
        "aside.related a",
        "a.related",
        "figure img",
        "figcaption .caption",
        "figcaption .credit",
        ".byline",
        ".standfirst",
        "meta[name=description]",
    ] {
        assert!(doc.select(&sel(s)).next().is_some(), "no {s}");
    }
    let hrefs: Vec<&str> = doc
        .select(&sel("a"))
        .map(|e| e.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        vec![
            "https://council.example.gov.uk/report?id=7&part=2",
            "https://news.example.com/bridge-plan",
            "mailto:planning@council.example.gov.uk",
            "https://news.example.com/how-they-voted",
        ]
    );
    let img = doc.select(&sel("figure img")).next().unwrap();
    assert_eq!(
        img.value().attr("alt"),
        Some("An empty field beside a river, with a footbridge in the distance")
    );
    assert_eq!(
        text_of(doc.select(&sel(".byline")).next().unwrap()),
        "By Ann Reporter, Bo Writer and Cy Snapper"
    );
    let time = doc.select(&sel(".dateline time")).next().unwrap();
    assert_eq!(
        time.value().attr("datetime"),
        Some("2024-03-14T18:05:00+00:00")
    );
    assert!(
        !html.contains("SECRET NOTE"),
        "editor notes are never published"
    );

    let ld = json_ld(&doc);
    assert_eq!(ld["datePublished"], "2024-03-14T18:05:00+00:00");
    assert_eq!(ld["dateModified"], "2024-04-02T09:30:00+01:00");
    assert_eq!(
        ld["author"],
        serde_json::json!([
            {"@type": "Person", "name": "Ann Reporter"},
            {"@type": "Person", "name": "Bo Writer"},
            {"@type": "Person", "name": "Cy Snapper"}
        ])
    );
    assert_eq!(
        ld["image"]["url"],
        "https://images.example.com/riverside.jpg"
    );
    assert_eq!(ld["image"]["caption"], "The riverside site as it is today");
    assert_eq!(ld["image"]["creditText"], "Photo: Dee Lens");
}

#[test]
fn no_field_can_inject_markup_or_script() {
    let a = hostile_story();
    let (html, doc) = page(&a);
    // one script element, and it ends where the page put its end
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("</script>").count(), 1);
    assert_eq!(html.matches("<style").count(), 1);
    assert!(!html.contains("<img src=x"));
    assert!(!html.contains("<!--"));
    let allowed = [
        "html",
        "head",
        "meta",
        "title",
        "style",
        "script",
        "body",
        "article",
        "header",
        "p",
        "h1",
        "h2",
        "time",
        "figure",
        "figcaption",
        "span",
        "div",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "aside",
        "strong",
        "em",
        "br",
        "hr",
        "img",
    ];
    for node in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let el = node.value();
        assert!(
            allowed.contains(&el.name()),
            "unexpected element <{}>",
            el.name()
        );
        for (name, value) in el.attrs() {
            assert!(!name.starts_with("on"), "event handler {name}={value:?}");
            if name == "href" || name == "src" {
                assert!(
                    value.starts_with("https://")
                        || value.starts_with("http://")
                        || value.starts_with("mailto:"),
                    "{name}={value:?}"
                );
            }
        }
    }
    // no picture from a javascript: source; the hostile text survives as text
    assert!(doc.select(&sel("img")).next().is_none());
    let h1 = doc.select(&sel("h1")).next().unwrap();
    // the characters HTML forbids are left out, the rest survives as text
    let allowed: String = HOSTILE
        .chars()
        .filter(|&c| {
            let n = c as u32;
            !c.is_control() && !(0xFDD0..=0xFDEF).contains(&n) && (n & 0xFFFE) != 0xFFFE
        })
        .collect();
    assert_eq!(h1.text().collect::<String>().trim(), allowed.trim());
    assert_eq!(
        doc.select(&sel("html"))
            .next()
            .unwrap()
            .value()
            .attr("lang"),
        Some("")
    );
    // JSON-LD keeps control characters (as \u escapes) and leaves noncharacters out
    let ld = json_ld(&doc);
    let in_json: String = HOSTILE
        .chars()
        .filter(|&c| {
            let n = c as u32;
            !(0xFDD0..=0xFDEF).contains(&n) && (n & 0xFFFE) != 0xFFFE
        })
        .collect();
    assert_eq!(ld["headline"], in_json.trim());
    assert_eq!(ld["image"]["caption"], in_json.trim());
    assert!(ld["image"].get("url").is_none());
    // the body's unsafe links keep their words, lose their address
    let body = text_of(doc.select(&sel("div.body")).next().unwrap());
    assert!(body.contains("click data"));
    assert!(!html.contains("SECRET") && !html.contains("editor_notes"));
}

#[test]
fn links_in_the_body_are_only_web_and_mail() {
    let mut a = sample();
    a.body = "[a](javascript:alert(1)) [b](https://ok.example/x) [c](/relative) [d](mailto:x@y.z) \
              [e](data:text/html;base64,PHNjcmlwdD4=) [f](ftp://files.example/x)"
        .into();
    let (_, doc) = page(&a);
    let links: Vec<(String, String)> = doc
        .select(&sel("div.body a"))
        .map(|e| (text_of(e), e.value().attr("href").unwrap().to_owned()))
        .collect();
    assert_eq!(
        links,
        vec![
            ("b".to_owned(), "https://ok.example/x".to_owned()),
            ("d".to_owned(), "mailto:x@y.z".to_owned())
        ]
    );
    assert_eq!(
        text_of(doc.select(&sel("div.body p")).next().unwrap()),
        "a b c d e f"
    );
}

/// The Nu HTML Checker's jar: `VNU_JAR`, or where `.ci/deps` installs it.
fn vnu_jar() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VNU_JAR") {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(".ci/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    p.is_file().then_some(p)
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

#[test]
fn a_headline_with_nothing_visible_still_titles_the_page() {
    let mut a = full_story();
    a.headline = " \u{85}\u{7f}\u{1}  ".into();
    let page = render(&a, &HouseStyle::default());
    assert!(page.contains("<title>Untitled story</title>"), "{page}");
}

#[test]
fn no_forbidden_character_and_every_href_is_a_valid_url() {
    let page = render(&hostile_story(), &HouseStyle::default());
    for c in page.chars() {
        let n = c as u32;
        let control = c.is_control() && !matches!(c, '\n' | '\t' | '\r');
        let noncharacter = (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE;
        assert!(!control && !noncharacter, "U+{n:04X} in the page");
    }
    for href in page
        .split("href=\"")
        .skip(1)
        .map(|r| &r[..r.find('"').unwrap()])
    {
        let href = href.replace("&amp;", "&");
        assert!(url::Url::parse(&href).is_ok(), "{href}");
        assert!(
            !href.contains(['[', ']', '\\', '|', '^', '{', '}', ' ']) || href.contains("://["),
            "{href}"
        );
        assert!(!href.contains("://../"), "{href}");
    }
}

/// A story in Arabic, with an English name and a number inside it.
fn arabic_story() -> copydesk_core::article::Article {
    let mut a = full_story();
    a.language = "ar".into();
    a.headline = "مقال بالعربية عن الإعلان".into();
    a.standfirst = "قال المتحدث إن المنتج سيصل العام المقبل.".into();
    a.body = "قال Gartner إن 2024 عام جيد.\n\n## عنوان فرعي\n\n- بند أول\n- بند ثان\n\nEnglish paragraph.".into();
    a
}

#[test]
fn every_block_of_text_finds_its_own_direction() {
    let (_, doc) = page(&arabic_story());
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("ar"));
    for selector in [
        "h1",
        ".standfirst",
        ".body p",
        ".body h2",
        ".body li",
        "figcaption",
    ] {
        let found: Vec<_> = doc.select(&sel(selector)).collect();
        assert!(!found.is_empty(), "{selector}");
        for e in found {
            assert_eq!(
                e.value().attr("dir"),
                Some("auto"),
                "{selector}: {}",
                e.html()
            );
        }
    }
}

#[test]
fn nu_html_checker_finds_no_errors() {
    let java = std::env::var("JAVA").unwrap_or_else(|_| "java".to_owned());
    let java_ok = Command::new(&java)
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let jar = vnu_jar();
    let (Some(jar), true) = (jar.clone(), java_ok) else {
        let why = format!(
            "the Nu HTML Checker is not installed (java runs: {java_ok}; vnu.jar: {jar:?}); \
             run `bash .ci/deps` or set VNU_JAR and JAVA"
        );
        assert!(!in_ci(), "{why}");
        eprintln!("SKIPPED nu_html_checker_finds_no_errors: {why}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, a) in [
        ("sample.html", sample()),
        ("full.html", full_story()),
        ("hostile.html", hostile_story()),
        ("arabic.html", arabic_story()),
        ("invisible-headline.html", {
            let mut a = full_story();
            a.headline = " \u{85}\u{7f} \u{9f} ".into();
            a
        }),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, render(&a, &HouseStyle::default())).unwrap();
        files.push(p);
    }
    let out = Command::new(&java)
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--exit-zero-always"])
        .args(&files)
        .output()
        .expect("java runs the checker");
    let report: Value = serde_json::from_slice(if out.stdout.is_empty() {
        &out.stderr
    } else {
        &out.stdout
    })
    .unwrap_or_else(|e| {
        panic!(
            "the checker's report is not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let messages = report["messages"].as_array().expect("a message list");
    assert!(
        messages.is_empty(),
        "the Nu HTML Checker reports: {messages:#?}"
    );
    assert!(out.status.success());
}
