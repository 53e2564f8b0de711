//! The ninjs 3.1 export: valid against the official schema, and every field where the
//! README's mapping table says.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod common;

use common::arb;
use common::{full_story, hostile_story, ninjs_errors, ninjs_validator, sample, squash};
use copydesk_core::document::HouseStyle;
use copydesk_core::export::ninjs::{export, to_string};
use copydesk_core::import::ninjs::import_bytes;
use proptest::prelude::*;
use serde_json::{Value, json};

fn style() -> HouseStyle {
    HouseStyle::default()
}

#[test]
fn the_schema_is_not_a_pushover() {
    let v = ninjs_validator();
    assert!(v.is_valid(&json!({"uri": "urn:uuid:x"})));
    assert!(!v.is_valid(&json!({"headline": "no uri"})));
    assert!(!v.is_valid(&json!({"uri": "urn:x", "pubStatus": "published"})));
    assert!(!v.is_valid(&json!({"uri": "urn:x", "versionCreated": "4th July 2016"})));
    assert!(!v.is_valid(&json!({"uri": "urn:x", "unknownField": 1})));
}

#[test]
fn sample_full_and_hostile_stories_validate() {
    let v = ninjs_validator();
    for a in [sample(), full_story(), hostile_story()] {
        let doc = export(&a, &style());
        let errors = ninjs_errors(&v, &doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", a.headline);
    }
}

#[test]
fn every_example_imported_then_exported_validates() {
    let v = ninjs_validator();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ninjs/examples");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let a = import_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let doc = export(&a, &style());
        let errors = ninjs_errors(&v, &doc);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        n += 1;
    }
    assert!(n >= 9);
}

#[test]
fn sample_maps_where_the_readme_says() {
    let a = sample();
    let d = export(&a, &style());
    assert_eq!(d["standard"]["version"], "3.1");
    assert_eq!(d["uri"], format!("urn:uuid:{}", a.id));
    assert_eq!(d["type"], "text");
    assert_eq!(d["version"], "20160704080000");
    assert_eq!(d["language"], "en-GB");
    assert_eq!(
        d["headlines"],
        json!([
            {"role": "main", "value": a.headline},
            {"role": "seo", "value": a.seo_headline}
        ])
    );
    assert_eq!(
        d["descriptions"],
        json!([{"role": "summary", "contentType": "text/plain", "value": a.standfirst}])
    );
    assert_eq!(d["firstCreated"], "2016-07-04T00:00:00+01:00");
    assert_eq!(d["versionCreated"], "2016-07-04T08:00:00+00:00");
    assert_eq!(d["contentCreated"], "2016-07-04T08:00:00+00:00");
    assert!(d.get("embargoedUntil").is_none());
    assert_eq!(d["pubStatus"], "usable");
    assert!(d.get("by").is_none(), "the sample has no byline");
    assert_eq!(
        d["slugline"],
        "watch-jeremy-corbyn-tells-labour-mps-now-is-the-time-to-come-together"
    );
    assert_eq!(
        d["subjects"],
        json!([
            {"name": "Politics", "rel": "section"},
            {"name": "Jeremy Corbyn", "rel": "keyword"},
            {"name": "Labour Party", "rel": "keyword"},
            {"name": "Labour leadership", "rel": "keyword"}
        ])
    );
    let bodies = d["bodies"].as_array().unwrap();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0]["contentType"], "text/html");
    assert_eq!(bodies[1]["contentType"], "text/plain");
    let doc = copydesk_core::document::Document::build(&a, &style());
    for b in bodies {
        assert_eq!(b["wordCount"], doc.counts.words);
        assert_eq!(b["charCount"], doc.counts.chars);
    }
    let plain = squash(bodies[1]["value"].as_str().unwrap());
    for s in common::sentences(common::SEED)
        .iter()
        .skip_while(|s| !s.starts_with("In a film"))
    {
        assert!(plain.contains(&squash(s)), "missing {s:?}");
    }
    let html = bodies[0]["value"].as_str().unwrap();
    assert_eq!(html.matches("<aside class=\"related\"").count(), 3);
    assert!(!html.contains("<script"));

    let assoc = d["associations"].as_array().unwrap();
    assert_eq!(assoc.len(), 4);
    let pic = &assoc[0];
    assert_eq!(pic["name"], "mainpic");
    assert_eq!(pic["type"], "picture");
    assert_eq!(pic["by"], "Labour Party");
    assert_eq!(
        pic["descriptions"],
        json!([
            {"role": "caption", "contentType": "text/plain", "value": "Jeremy Corbyn has made an appeal for unity to Labour MPs"},
            {"role": "alt", "contentType": "text/plain", "value": "Jeremy Corbyn, in an open-necked shirt, speaking to camera in his office"}
        ])
    );
    assert!(
        pic.get("renditions").is_none(),
        "the sample picture has no file"
    );
    for (x, link) in assoc[1..].iter().zip(&a.related) {
        assert_eq!(x["name"], link.id.as_str());
        assert_eq!(x["type"], "text");
        assert_eq!(x["rel"], "related");
        assert_eq!(x["uri"], link.url.as_str());
        assert_eq!(x["headlines"][0]["value"], link.title.as_str());
        assert_eq!(x["renditions"][0]["href"], link.url.as_str());
    }
}

#[test]
fn full_story_byline_dates_and_picture() {
    let a = full_story();
    let d = export(&a, &style());
    assert_eq!(d["by"], "Ann Reporter, Bo Writer and Cy Snapper");
    assert_eq!(d["firstCreated"], "2024-03-14T18:05:00+00:00");
    assert_eq!(d["versionCreated"], "2024-04-02T09:30:00+01:00");
    assert_eq!(d["embargoedUntil"], "2024-03-14T18:00:00+00:00");
    assert_eq!(d["slugline"], "riverside-homes-approved");
    assert_eq!(
        d["associations"][0]["renditions"],
        json!([{"name": "original", "href": "https://images.example.com/riverside.jpg"}])
    );
    assert_eq!(
        d["associations"][0]["uri"],
        "https://images.example.com/riverside.jpg"
    );
    let text = to_string(&a, &style());
    assert!(text.ends_with("}\n"));
    assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), d);
    assert!(
        !text.contains("SECRET NOTE"),
        "editor notes stay in the newsroom"
    );
    let mut draft = a.clone();
    draft.status = copydesk_core::article::Status::Draft;
    assert_eq!(export(&draft, &style())["pubStatus"], "withheld");
}

#[test]
fn hostile_links_never_become_addresses() {
    let d = export(&hostile_story(), &style());
    let text = serde_json::to_string(&d).unwrap();
    assert!(!text.contains("javascript:alert(4)"), "picture source");
    assert!(!text.contains("\"href\":\"javascript"));
    let assoc = d["associations"].as_array().unwrap();
    assert!(assoc[1].get("renditions").is_none());
    assert!(assoc[1]["uri"].as_str().unwrap().starts_with("urn:uuid:"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_articles_validate(a in arb::article()) {
        let v = ninjs_validator();
        let doc = export(&a, &style());
        let errors = ninjs_errors(&v, &doc);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
    }
}
