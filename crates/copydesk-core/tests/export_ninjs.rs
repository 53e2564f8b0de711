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
use copydesk_core::export::ninjs::{
    MAX_KEPT_DEPTH, SCHEMA_TEXT, export, export_checked, to_string,
};
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

#[test]
fn the_gate_uses_the_official_schema() {
    let official = include_str!("data/ninjs/ninjs-schema_3.1.json");
    assert_eq!(
        SCHEMA_TEXT, official,
        "schema/ holds IPTC's ninjs 3.1 schema as published"
    );
}

/// The full story with kept ninjs fields, some valid and some not, on the item, its picture
/// and a related link.
fn story_with_bad_kept_fields() -> copydesk_core::article::Article {
    let mut a = full_story();
    a.extra.insert(
        "ninjs".into(),
        json!({
            "copyrightNotice": "(c) Agency",
            "urgency": 12,
            "renditions": [
                {"name": "original", "href": "https://news.example/a.html", "contentType": "text/html"},
                {"name": "thumbnmail", "href": "https://img.example/t.jpg", "width": "wide"},
                {"href": "https://img.example/nameless.jpg"},
                {"name": "print", "mimetype": "application/pdf", "href": "https://news.example/a.pdf"}
            ],
            "subjects": [{"name": "Economy", "uri": "not a uri"}, {"name": "Trade"}],
            "headlines": [{"role": "short", "value": "Short"}, {"role": "kicker"}],
            "located": {"city": "Rome"},
            "x-vendor": 1
        }),
    );
    a.image.as_mut().unwrap().extra.insert(
        "ninjs".into(),
        json!({"copyrightHolder": "Agency", "pubStatus": "published"}),
    );
    a.related[0]
        .extra
        .insert("ninjs".into(), json!({"version": 7, "language": "en"}));
    a
}

#[test]
fn the_gate_leaves_out_kept_fields_that_are_not_valid_and_says_which() {
    let a = story_with_bad_kept_fields();
    let v = ninjs_validator();
    // without the gate the item would not be valid
    let mut raw = export(&full_story(), &style());
    for (k, x) in a.extra["ninjs"].as_object().unwrap() {
        if k != "x-vendor" {
            raw[k] = x.clone();
        }
    }
    assert!(!ninjs_errors(&v, &raw).is_empty());

    let checked = export_checked(&a, &style());
    let errors = ninjs_errors(&v, &checked.item);
    assert!(errors.is_empty(), "{errors:#?}\n{:#}", checked.item);
    let fields: Vec<&str> = checked.left_out.iter().map(|l| l.field.as_str()).collect();
    let mut sorted = fields.clone();
    sorted.sort_unstable();
    let related = format!("associations.{}.version", a.related[0].id);
    let mut wanted = vec![
        "associations.mainpic.pubStatus",
        related.as_str(),
        "headlines[3]",
        "located",
        "renditions.print.mimetype",
        "renditions.thumbnmail.width",
        "renditions[2]",
        "subjects[3].uri",
        "urgency",
    ];
    wanted.sort_unstable();
    assert_eq!(sorted, wanted, "{:#?}", checked.left_out);
    assert!(checked.left_out.iter().all(|l| l.kept));
    let width = checked
        .left_out
        .iter()
        .find(|l| l.field == "renditions.thumbnmail.width")
        .unwrap();
    assert!(
        width.reason.contains("\"wide\" is not of type \"integer\""),
        "{}",
        width.reason
    );
    assert_eq!(
        width.to_string(),
        format!(
            "kept field renditions.thumbnmail.width left out: {}; ninjs 3.1 does not allow it, \
             so the story file keeps it (under \"ninjs\") but the export does not: correct or \
             remove it there",
            width.reason
        )
    );
    let mimetype = checked
        .left_out
        .iter()
        .find(|l| l.field == "renditions.print.mimetype")
        .unwrap();
    assert_eq!(mimetype.reason, "ninjs 3.1 has no field \"mimetype\" here");

    // what is valid comes through, around what was left out
    let out = &checked.item;
    assert_eq!(out["copyrightNotice"], "(c) Agency");
    assert!(out.get("urgency").is_none() && out.get("located").is_none());
    assert_eq!(
        out["renditions"],
        json!([
            {"name": "original", "href": "https://news.example/a.html", "contentType": "text/html"},
            {"name": "thumbnmail", "href": "https://img.example/t.jpg"},
            {"name": "print", "href": "https://news.example/a.pdf"}
        ])
    );
    assert_eq!(
        out["subjects"].as_array().unwrap().len(),
        5,
        "section, 2 tags, 2 kept"
    );
    assert_eq!(out["subjects"][3], json!({"name": "Economy"}));
    assert_eq!(
        out["headlines"][2],
        json!({"role": "short", "value": "Short"})
    );
    assert_eq!(out["headlines"].as_array().unwrap().len(), 3);
    assert_eq!(out["associations"][0]["copyrightHolder"], "Agency");
    assert!(out["associations"][0].get("pubStatus").is_none());
    assert_eq!(out["associations"][1]["language"], "en");
    // export and to_string go through the same gate
    assert_eq!(&export(&a, &style()), out);
    assert_eq!(to_string(&a, &style()), checked.text());
    // the story keeps every field for a later correction
    assert_eq!(a.extra["ninjs"]["urgency"], 12);
}

#[test]
fn the_gate_leaves_out_kept_fields_nested_too_deep() {
    let mut a = sample();
    let mut deep = json!("bottom");
    for _ in 0..MAX_KEPT_DEPTH + 5 {
        deep = json!({ "x": deep });
    }
    a.extra.insert(
        "ninjs".into(),
        json!({"located": "Rome", "eventDetails": deep}),
    );
    let checked = export_checked(&a, &style());
    assert!(ninjs_errors(&ninjs_validator(), &checked.item).is_empty());
    assert_eq!(checked.item["located"], "Rome");
    assert_eq!(checked.left_out.len(), 1, "{:?}", checked.left_out);
    assert_eq!(checked.left_out[0].field, "eventDetails");
    assert!(
        checked.left_out[0]
            .reason
            .contains("nests more than 32 levels")
    );
}

/// Any JSON at all, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z:/. ]{0,12}".prop_map(Value::from),
        Just(json!("https://news.example/x")),
        Just(json!("2024-01-02T03:04:05Z")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("name".to_owned()),
                        Just("value".to_owned()),
                        Just("role".to_owned()),
                        Just("href".to_owned()),
                        Just("uri".to_owned()),
                        Just("width".to_owned()),
                        "[a-zA-Z]{1,8}"
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Kept fields under ninjs 3.1's own names, holding anything.
fn any_kept() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("renditions"),
        Just("associations"),
        Just("subjects"),
        Just("headlines"),
        Just("bodies"),
        Just("urgency"),
        Just("located"),
        Just("altIds"),
        Just("places"),
        Just("copyrightNotice"),
        Just("uri"),
        Just("name"),
        Just("rel"),
        Just("pubStatus"),
    ];
    prop::collection::vec((key, any_json()), 0..6)
        .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// An export never writes an invalid item, whatever the story keeps; and Copydesk's own
    /// fields are never what the gate leaves out.
    #[test]
    fn no_kept_field_makes_an_export_invalid(
        a in arb::article(), item in any_kept(), picture in any_kept(), link in any_kept()
    ) {
        let mut a = a;
        a.extra.insert("ninjs".into(), item);
        if let Some(img) = a.image.as_mut() {
            img.extra.insert("ninjs".into(), picture);
        }
        if let Some(l) = a.related.first_mut() {
            l.extra.insert("ninjs".into(), link);
        }
        let checked = export_checked(&a, &style());
        let errors = ninjs_errors(&ninjs_validator(), &checked.item);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        prop_assert!(checked.left_out.iter().all(|l| l.kept), "{:#?}", checked.left_out);
        let text = to_string(&a, &style());
        prop_assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), checked.item);
    }

    #[test]
    fn generated_articles_validate(a in arb::article()) {
        let v = ninjs_validator();
        let checked = export_checked(&a, &style());
        let errors = ninjs_errors(&v, &checked.item);
        prop_assert!(errors.is_empty(), "{:#?}", errors);
        prop_assert!(checked.left_out.is_empty(), "Copydesk's own fields: {:#?}", checked.left_out);
    }
}
