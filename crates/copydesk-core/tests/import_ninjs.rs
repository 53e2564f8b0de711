//! The ninjs import: every official example, 2.x and 1.x fields, clear errors, and round trips
//! that keep every field Copydesk models.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod common;

use common::{arb, full_story, modelled, sample};
use copydesk_core::article::{Article, Status};
use copydesk_core::document::HouseStyle;
use copydesk_core::export::ninjs::export;
use copydesk_core::import::ninjs::{ImportError, import_bytes, import_value};
use copydesk_core::markup::Block;
use proptest::prelude::*;
use serde_json::json;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ninjs/examples");

fn example(name: &str) -> Article {
    import_bytes(&std::fs::read(format!("{EXAMPLES}/{name}")).unwrap()).unwrap()
}

fn blocks(a: &Article) -> Vec<Block> {
    copydesk_core::markup::parse_blocks(&a.body)
}

/// import → export → import keeps every modelled field.
fn assert_round_trip(a1: &Article) {
    let exported = serde_json::to_vec(&export(a1, &HouseStyle::default())).unwrap();
    let a2 = import_bytes(&exported).unwrap();
    assert_eq!(modelled(&a2), modelled(a1));
}

#[test]
fn every_example_imports() {
    let mut n = 0;
    for entry in std::fs::read_dir(EXAMPLES).unwrap() {
        let path = entry.unwrap().path();
        let a = copydesk_core::import::ninjs::import_file(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_round_trip(&a);
        // and the story saves and loads as a Copydesk file
        let text = copydesk_core::format::to_string(&a).unwrap();
        assert_eq!(
            copydesk_core::format::from_bytes(text.as_bytes()).unwrap(),
            a
        );
        n += 1;
    }
    assert_eq!(n, 9);
}

#[test]
fn simple_text_article() {
    let a = example("004_simple_text_article.json");
    assert_eq!(
        a.headline,
        "Captain of wrecked cruise ship on trial in Italy"
    );
    assert_eq!(a.byline, vec!["Paulo Santalucia", "Frances d'Emilio"]);
    let p = a.published.unwrap();
    assert_eq!(p.to_rfc3339(), "2013-07-09T10:37:00+00:00");
    assert_eq!(a.status, Status::Draft);
    let b = blocks(&a);
    assert_eq!(b.len(), 4, "the HTML body's four paragraphs: {b:?}");
    assert!(a.body.starts_with("GROSSETO, Italy (AP) -- The trial"));
    assert!(a.body.contains("Schettino has denied wrongdoing."));
}

#[test]
fn plain_text_body_and_kept_fields() {
    let a = example("001_simple_example.json");
    assert_eq!(blocks(&a).len(), 1);
    let a = example("005_complex_text_article.json");
    assert_eq!(a.language, "en");
    let kept = a.extra["ninjs"].as_object().unwrap();
    for k in [
        "copyrightNotice",
        "people",
        "places",
        "organisations",
        "located",
        "profile",
    ] {
        assert!(kept.contains_key(k), "{k} kept");
    }
    let out = export(&a, &HouseStyle::default());
    assert_eq!(out["located"], "Grossetto, Italy");
    assert_eq!(out["people"][0]["name"], "Francesco Schettino");
    assert_eq!(out["uri"], format!("urn:uuid:{}", a.id));
}

#[test]
fn picture_only_item_becomes_a_draft_with_its_picture() {
    let a = example("006_photo_only.json");
    assert_eq!(a.status, Status::Draft);
    assert_eq!(a.headline, "Costa Concordia cruise ship");
    assert!(a.body.is_empty());
    assert!(a.byline.is_empty());
    let img = a.image.as_ref().unwrap();
    assert!(
        img.caption
            .starts_with("The Costa Concordia cruise ship lies on its side")
    );
    assert_eq!(img.credit, "Paulo Santalucia");
    assert_eq!(
        img.source,
        "http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg"
    );
}

#[test]
fn picture_association_and_other_associations() {
    let a = example("007_multimedia.json");
    let img = a.image.as_ref().unwrap();
    assert!(img.caption.starts_with("The Costa Concordia"));
    assert_eq!(img.credit, "Paulo Santalucia");
    assert!(a.related.is_empty());
    let kept = a.extra["ninjs"]["associations"].as_array().unwrap();
    assert_eq!(kept[0]["name"], "portrait");
    let out = export(&a, &HouseStyle::default());
    let names: Vec<&str> = out["associations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["mainpic", "portrait"]);
}

#[test]
fn ninjs_2_lowercase_item() {
    let item = json!({
        "uri": "http://agency.example/2x/1",
        "type": "text",
        "versioncreated": "2021-05-04T12:30:00+02:00",
        "firstcreated": "2021-05-04T11:00:00+02:00",
        "embargoed": "2021-05-04T12:00:00+02:00",
        "pubstatus": "usable",
        "language": "de",
        "headlines": [{"role": "main", "value": "Hauptzeile"}],
        "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": "Kurz."}],
        "by": "By Anna Schmidt and Ben Weber",
        "slugline": "BERLIN-WAHL",
        "bodies": [{"contenttype": "text/html", "value":
            "<p>Erster <em>Absatz</em> mit <a href=\"https://example.de/x\">Link</a>.</p>\
             <blockquote><p>„Zitat“</p></blockquote><p>Ende.</p>"}],
        "associations": [{
            "name": "featureimage", "uri": "http://agency.example/pic/1", "type": "picture",
            "by": "Foto: C. Bild",
            "descriptions": [{"contenttype": "text/plain", "value": "Bildunterschrift"}],
            "renditions": [{"name": "original", "href": "https://img.example/1.jpg", "contenttype": "image/jpeg"}]
        }],
        "copyrightnotice": "(c) Agency"
    });
    let a = import_value(item).unwrap();
    assert_eq!(a.headline, "Hauptzeile");
    assert_eq!(a.standfirst, "Kurz.");
    assert_eq!(a.byline, vec!["Anna Schmidt", "Ben Weber"]);
    assert_eq!(a.language, "de");
    assert_eq!(a.slug, "BERLIN-WAHL");
    assert_eq!(
        a.published.unwrap().to_rfc3339(),
        "2021-05-04T11:00:00+02:00"
    );
    assert_eq!(a.updated.unwrap().to_rfc3339(), "2021-05-04T12:30:00+02:00");
    assert_eq!(a.embargo.unwrap().to_rfc3339(), "2021-05-04T12:00:00+02:00");
    assert_eq!(
        a.body,
        "Erster *Absatz* mit [Link](https://example.de/x).\n\n> „Zitat“\n\nEnde.\n"
    );
    let img = a.image.as_ref().unwrap();
    assert_eq!(img.caption, "Bildunterschrift");
    assert_eq!(img.credit, "Foto: C. Bild");
    assert_eq!(img.source, "https://img.example/1.jpg");
    assert_eq!(a.extra["ninjs"]["copyrightNotice"], "(c) Agency");
    assert_round_trip(&a);
}

#[test]
fn ninjs_1_fields_and_related_text_associations() {
    let item = json!({
        "uri": "http://agency.example/1x/1",
        "type": "text",
        "versioncreated": "2019-01-02T03:04:05Z",
        "headline": "Old style",
        "body_html": "<p>One.</p><p>Two <b>bold</b>.</p>",
        "byline": "Cy Writer",
        "associations": {
            "sidebar": {"uri": "https://news.example/side", "type": "text",
                        "headline": "Sidebar story"}
        }
    });
    let a = import_value(item).unwrap();
    assert_eq!(a.headline, "Old style");
    assert_eq!(a.byline, vec!["Cy Writer"]);
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.related[0].id, "sidebar");
    assert_eq!(a.related[0].title, "Sidebar story");
    assert_eq!(a.related[0].url, "https://news.example/side");
    assert_eq!(a.body, "One.\n\nTwo **bold**.\n\n[[related:sidebar]]\n");
    assert_round_trip(&a);
}

#[test]
fn hostile_agency_html_is_made_harmless() {
    let item = json!({
        "uri": "urn:x:1",
        "headlines": [{"value": "<b>H</b>"}],
        "bodies": [{"contentType": "text/html", "value":
            "<p onclick=\"x()\">Hi <script>alert(1)</script><a href=\"javascript:alert(2)\">there</a>\
             <img src=x onerror=alert(3)> [[related:x]] *not bold*</p><style>p{}</style>"}]
    });
    let a = import_value(item).unwrap();
    assert_eq!(
        a.headline, "<b>H</b>",
        "a plain-text headline is kept as typed"
    );
    assert_eq!(a.body, "Hi there \\[\\[related:x\\]\\] \\*not bold\\*\n");
    let html = copydesk_core::export::html::render(&a, &HouseStyle::default());
    assert!(!html.contains("alert"));
    assert!(html.contains("[[related:x]] *not bold*"));
}

#[test]
fn errors_say_what_is_wrong() {
    let cases: Vec<(&[u8], &str)> = vec![
        (b"", "empty"),
        (b"{\"uri\": \"x\",\n  \"headlines\": [", "ends too early"),
        (
            b"{\"uri\": \"x\",\n  oops}",
            "invalid JSON at line 2, column 3",
        ),
        (b"\x00\x01\x02", "binary file, not a ninjs news item"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[1, 2]", "JSON list, not a ninjs news item"),
        (b"\"text\"", "JSON string, not a ninjs news item"),
        (b"{\"headline\": \"no uri\"}", "no \"uri\""),
        (b"{\"uri\": 5}", "no \"uri\""),
        (
            b"{\"uri\": \"x\", \"standard\": {\"name\": \"ninjs\", \"version\": \"4.0\"}}",
            "ninjs version 4.0",
        ),
    ];
    for (bytes, want) in cases {
        let e = import_bytes(bytes).unwrap_err();
        assert!(e.to_string().contains(want), "{e} (wanted {want:?})");
    }
    let e = import_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap_err();
    assert!(matches!(e, ImportError::CopydeskArticle), "{e}");
    let e = import_bytes(b"{\"uri\": \"x\",\n  oops}").unwrap_err();
    assert_eq!(e.location(), Some((2, 3)));
}

#[test]
fn never_panics_on_odd_shapes() {
    for v in [
        json!({"uri": "x", "title": "T", "headlines": "not a list", "bodies": [1, null, {"value": 5}],
               "associations": [null, {"type": "picture"}, {"type": "text", "name": "]]"}],
               "subjects": {"a": 1}, "descriptions": [{"role": "alt"}], "by": 7,
               "versionCreated": "not a date", "firstCreated": 12}),
        json!({"uri": "x", "type": "picture", "title": "T", "renditions": [{"href": "javascript:x"}]}),
        json!({"uri": "x", "headline_": "odd", "headline_main": "H", "body_x": 5, "associations": {"a": 1, "b": {"type": "text"}}}),
        json!({"uri": "x", "headline": "H", "renditions": {"a": 1, "b": {"name": 7, "href": "h"}}}),
    ] {
        let a = import_value(v.clone()).unwrap();
        assert_round_trip(&a);
    }
}

#[test]
fn an_item_without_headline_or_body_is_an_error_that_says_what_it_holds() {
    let e = import_value(json!({
        "uri": "http://agency.example/1",
        "type": "picture",
        "versioncreated": "2019-01-02T03:04:05Z",
        "renditions": {"thumb": {"href": "javascript:x"}}
    }))
    .unwrap_err();
    assert!(
        matches!(&e, ImportError::NothingToImport { fields } if fields.len() == 4),
        "{e:?}"
    );
    let message = e.to_string();
    for want in [
        "no headline and no body",
        "\"uri\", \"type\", \"versioncreated\", \"renditions\"",
        "none of them is a headline",
        "body_ROLE",
    ] {
        assert!(message.contains(want), "{message} (wanted {want:?})");
    }
    // fields that should hold the text but hold none are named as such
    let e = import_value(json!({"uri": "x", "headlines": [], "body_main": "  "})).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("\"headlines\", \"body_main\" are there but hold no text"),
        "{message}"
    );
    // a picture with no text is still a picture: it imports, as before
    let a = import_value(json!({"uri": "x", "type": "picture",
        "renditions": [{"name": "original", "href": "https://img.example/1.jpg"}]}))
    .unwrap();
    assert_eq!(a.image.unwrap().source, "https://img.example/1.jpg");
}

#[test]
fn copydesk_stories_through_ninjs() {
    for story in [sample(), full_story()] {
        let a1 =
            import_bytes(&serde_json::to_vec(&export(&story, &HouseStyle::default())).unwrap())
                .unwrap();
        assert_eq!(a1.id, story.id);
        assert_eq!(a1.headline, story.headline);
        assert_eq!(a1.seo_headline, story.seo_headline);
        assert_eq!(a1.standfirst, story.standfirst);
        assert_eq!(a1.byline, story.byline);
        assert_eq!(a1.section, story.section);
        assert_eq!(a1.tags, story.tags);
        assert_eq!(a1.effective_slug(), story.effective_slug());
        assert_eq!(a1.language, story.language);
        assert_eq!(
            a1.published.map(|p| p.to_rfc3339()),
            story.published.map(|p| p.to_rfc3339())
        );
        assert_eq!(
            a1.embargo.map(|p| p.to_utc()),
            story.embargo.map(|p| p.to_utc())
        );
        assert_eq!(a1.created, story.created);
        assert_eq!(a1.related, story.related);
        let (i1, i0) = (a1.image.clone().unwrap(), story.image.clone().unwrap());
        assert_eq!(
            (i1.caption, i1.credit, i1.alt),
            (i0.caption, i0.credit, i0.alt)
        );
        // the reader sees the same story; the dateline's time is the same moment, though
        // ninjs carries an offset, not a zone ("18:05 GMT" comes back as "18:05 UTC")
        let style = HouseStyle::default();
        let text = |a: &Article| copydesk_core::document::Document::build(a, &style).plain_text();
        let without_zone = |t: String| {
            t.lines()
                .map(|l| match l.rsplit_once(' ') {
                    Some((head, _)) if l.starts_with("Posted On:") => head.to_owned(),
                    _ => l.to_owned(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(without_zone(text(&a1)), without_zone(text(&story)));
        assert_round_trip(&a1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Stories from ninjs (made by exporting generated stories) survive another round trip.
    #[test]
    fn import_export_import_keeps_modelled_fields(a in arb::article()) {
        let first = serde_json::to_vec(&export(&a, &HouseStyle::default())).unwrap();
        let a1 = match import_bytes(&first) {
            Ok(a1) => a1,
            Err(ImportError::NothingToImport { .. }) => {
                // Only a story with nothing to read exports as an item with nothing to import.
                let doc = copydesk_core::document::Document::build(&a, &HouseStyle::default());
                prop_assert!(doc.headline.trim().is_empty(), "{:?}", doc.headline);
                prop_assert!(
                    !doc.body_plain_text().chars().any(char::is_alphanumeric),
                    "{:?}",
                    doc.body_plain_text()
                );
                return Ok(());
            }
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let again = serde_json::to_vec(&export(&a1, &HouseStyle::default())).unwrap();
        let a2 = import_bytes(&again).unwrap();
        prop_assert_eq!(modelled(&a2), modelled(&a1));
    }

    #[test]
    fn any_json_imports_or_fails_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = import_bytes(&bytes);
    }
}
