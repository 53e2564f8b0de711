//! Generated ninjs items in each generation's shapes — 1.x pattern fields, 1.x renditions and
//! associations as objects keyed by name, 2.x lowercase, 3.x — import with their headline and
//! body, and export again as valid ninjs 3.1 (checked with the official schema).
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod common;

use common::{ninjs_errors, ninjs_validator};
use copydesk_core::article::Article;
use copydesk_core::document::HouseStyle;
use copydesk_core::export::ninjs::export_checked;
use copydesk_core::import::ninjs::import_value;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Generated items per generation.
const CASES: u32 = 64;

/// A generated item and what its story should say.
#[derive(Debug, Clone)]
struct Item {
    item: Value,
    headline: String,
    paragraphs: Vec<String>,
}

fn words() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Za-z]{1,10}", 1..8).prop_map(|w| format!("{}.", w.join(" ")))
}

fn paragraphs() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(words(), 1..4)
}

fn html(paragraphs: &[String]) -> String {
    paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect()
}

fn text(paragraphs: &[String]) -> String {
    paragraphs.join("\n\n")
}

/// A date-time in the forms agencies send.
fn when() -> impl Strategy<Value = String> {
    (2000u32..2030, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60)
        .prop_map(|(y, mo, d, h, mi)| format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:00Z"))
}

/// ninjs 1.x with pattern fields: `headline_main` (or `headline`), `headline_ROLE`,
/// `body_main` (HTML or text by content, or with a format word), `body_ROLE`,
/// `description_ROLE`.
fn pattern_1x() -> impl Strategy<Value = Item> {
    (
        words(),
        paragraphs(),
        0usize..4,
        any::<bool>(),
        proptest::option::of(words()),
        proptest::option::of(words()),
        when(),
    )
        .prop_map(
            |(headline, paragraphs, body_form, plain_headline, short, summary, at)| {
                let mut m = serde_json::Map::new();
                m.insert("uri".into(), json!("http://agency.example/1x/pattern"));
                m.insert("type".into(), json!("text"));
                m.insert("versioncreated".into(), json!(at));
                let headline_key = if plain_headline {
                    "headline"
                } else {
                    "headline_main"
                };
                m.insert(headline_key.into(), json!(headline));
                if let Some(s) = &short {
                    m.insert("headline_short".into(), json!(s));
                }
                let (key, body) = match body_form {
                    0 => ("body_main", html(&paragraphs)),
                    1 => ("body_main", text(&paragraphs)),
                    2 => ("body_main_html", html(&paragraphs)),
                    _ => ("body_text", text(&paragraphs)),
                };
                m.insert(key.into(), json!(body));
                m.insert("body_teaser".into(), json!("A teaser, not the story."));
                if let Some(s) = &summary {
                    m.insert("description_summary".into(), json!(s));
                }
                m.insert("byline".into(), json!("Ann Reporter and Bo Writer"));
                m.insert(
                    "subject".into(),
                    json!([{"name": "Politics", "scheme": "http://cv.iptc.org/newscodes/subjectcode/", "code": "11000000"}]),
                );
                Item {
                    item: Value::Object(m),
                    headline,
                    paragraphs,
                }
            },
        )
}

/// ninjs 1.x with `renditions` and `associations` as objects keyed by name (with the odd
/// misspelt or ill-typed rendition agencies send).
fn objects_1x() -> impl Strategy<Value = Item> {
    (
        words(),
        paragraphs(),
        "[a-z]{3,12}",
        prop_oneof![Just(json!(1024)), Just(json!("1024px")), Just(json!(1024.0))],
        any::<bool>(),
        words(),
    )
        .prop_map(|(headline, paragraphs, name, width, picture, link_title)| {
            let mut associations = serde_json::Map::new();
            if picture {
                associations.insert(
                    "mainpic".into(),
                    json!({
                        "uri": "http://agency.example/pic/1",
                        "type": "picture",
                        "headline": "Picture",
                        "description_caption": "A caption.",
                        "byline": "Cy Snapper",
                        "renditions": {
                            "baseimage": {"href": "https://img.example/1.jpg", "mimetype": "image/jpeg",
                                          "width": 1024, "height": 768},
                            "thumbnmail": {"href": "https://img.example/1-t.jpg", "width": width.clone()}
                        }
                    }),
                );
            }
            associations.insert(
                "sidebar".into(),
                json!({"uri": "https://news.example/side", "type": "text", "headline": link_title}),
            );
            let item = json!({
                "uri": "http://agency.example/1x/objects",
                "type": "text",
                "versioncreated": "2014-03-02T10:00:00+01:00",
                "headline": headline,
                "body_html": html(&paragraphs),
                "renditions": {
                    "original": {"href": "https://news.example/story.html", "mimetype": "text/html"},
                    name: {"href": "https://news.example/story.txt", "mimetype": "text/plain", "width": width}
                },
                "associations": associations
            });
            Item {
                item,
                headline,
                paragraphs,
            }
        })
}

/// ninjs 2.x: lowercase names.
fn lowercase_2x() -> impl Strategy<Value = Item> {
    (words(), paragraphs(), any::<bool>(), when(), when()).prop_map(
        |(headline, paragraphs, as_html, first, version)| {
            let body = if as_html {
                json!({"contenttype": "text/html", "value": html(&paragraphs)})
            } else {
                json!({"contenttype": "text/plain", "value": text(&paragraphs)})
            };
            let item = json!({
                "uri": "http://agency.example/2x/1",
                "type": "text",
                "firstcreated": first,
                "versioncreated": version,
                "pubstatus": "usable",
                "copyrightnotice": "(c) Agency",
                "headlines": [{"role": "main", "value": headline}, {"role": "short", "value": "Short"}],
                "bodies": [body],
                "descriptions": [{"role": "summary", "contenttype": "text/plain", "value": "Sum."}],
                "renditions": [{"name": "web", "href": "https://news.example/2x", "contenttype": "text/html", "sizeinbytes": 1200}],
                "altids": [{"role": "agency", "value": "123"}]
            });
            Item {
                item,
                headline,
                paragraphs,
            }
        },
    )
}

/// ninjs 3.x: camelCase, roles in arrays.
fn camel_3x() -> impl Strategy<Value = Item> {
    (
        words(),
        paragraphs(),
        prop_oneof![Just("main"), Just("richtext"), Just("")],
        when(),
    )
        .prop_map(|(headline, paragraphs, role, at)| {
            let mut body = json!({"contentType": "text/html", "value": html(&paragraphs)});
            if !role.is_empty() {
                body["role"] = json!(role);
            }
            let item = json!({
                "standard": {"name": "ninjs", "version": "3.0"},
                "uri": "http://agency.example/3x/1",
                "type": "text",
                "versionCreated": at,
                "headlines": [{"role": "main", "value": headline}],
                "bodies": [body, {"role": "main", "contentType": "text/plain", "value": text(&paragraphs)}],
                "subjects": [{"name": "Economy", "uri": "http://cv.iptc.org/newscodes/mediatopic/04000000"}],
                "urgency": 3
            });
            Item {
                item,
                headline,
                paragraphs,
            }
        })
}

/// The item imports with its headline and body, and exports valid ninjs 3.1.
fn imports_whole_and_exports_valid(g: &Item) -> Result<Article, TestCaseError> {
    let a = import_value(g.item.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&a.headline, &g.headline);
    // related links the item associates stand at the end of the body, as anchors
    let paragraphs: Vec<&str> = a
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.starts_with("[[related:"))
        .collect();
    prop_assert_eq!(&paragraphs, &g.paragraphs, "body: {:?}", a.body);
    let checked = export_checked(&a, &HouseStyle::default());
    let errors = ninjs_errors(&ninjs_validator(), &checked.item);
    prop_assert!(errors.is_empty(), "{:#?}\n{:#}", errors, checked.item);
    prop_assert!(
        checked.left_out.iter().all(|l| l.kept),
        "{:?}",
        checked.left_out
    );
    Ok(a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn ninjs_1_pattern_fields(g in pattern_1x()) {
        let a = imports_whole_and_exports_valid(&g)?;
        prop_assert_eq!(&a.byline, &vec!["Ann Reporter".to_owned(), "Bo Writer".to_owned()]);
        let description = g.item.get("description_summary").and_then(Value::as_str);
        prop_assert_eq!(a.standfirst.as_str(), description.unwrap_or(""));
        let kept = &a.extra["ninjs"];
        // other roles are kept: the short headline, the teaser body
        if let Some(short) = g.item.get("headline_short") {
            prop_assert_eq!(&kept["headlines"][0], &json!({"role": "short", "value": short}));
        }
        prop_assert_eq!(&kept["bodies"][0]["role"], "teaser");
        let out = export_checked(&a, &HouseStyle::default()).item;
        prop_assert_eq!(&out["bodies"][2]["value"], "A teaser, not the story.");
        // 1.x subject becomes 3.x subjects; its 1.x-only scheme and code are left out
        prop_assert_eq!(&out["subjects"][0], &json!({"name": "Politics"}));
    }

    #[test]
    fn ninjs_1_renditions_and_associations_as_objects(g in objects_1x()) {
        let a = imports_whole_and_exports_valid(&g)?;
        prop_assert_eq!(a.related.len(), 1);
        prop_assert_eq!(a.related[0].id.as_str(), "sidebar");
        prop_assert_eq!(a.related[0].url.as_str(), "https://news.example/side");
        let picture = g.item["associations"].get("mainpic").is_some();
        if picture {
            let img = a.image.as_ref().unwrap();
            prop_assert_eq!(img.source.as_str(), "https://img.example/1.jpg");
            prop_assert_eq!(img.caption.as_str(), "A caption.");
            prop_assert_eq!(img.credit.as_str(), "Cy Snapper");
        }
        let checked = export_checked(&a, &HouseStyle::default());
        let out = &checked.item;
        // the item's renditions are a 3.1 array, each named by its 1.x key
        let names: Vec<&str> = out["renditions"].as_array().unwrap().iter()
            .map(|r| r["name"].as_str().unwrap()).collect();
        let wanted: Vec<&str> = g.item["renditions"].as_object().unwrap().keys().map(String::as_str).collect();
        prop_assert_eq!(names, wanted);
        prop_assert_eq!(&out["renditions"][0]["contentType"], "text/html");
        // a width that is not a whole number is left out, and said to be
        let bad_width = !g.item["renditions"].as_object().unwrap().values()
            .all(|r| r.get("width").is_none_or(|w| w.as_f64().is_some()));
        let widths_left_out = checked.left_out.iter().filter(|l| l.field.ends_with(".width")).count();
        prop_assert_eq!(widths_left_out, if bad_width { 1 + usize::from(picture) } else { 0 },
            "{:?}", checked.left_out);
        if picture {
            let pic = &out["associations"][0];
            prop_assert_eq!(&pic["name"], "mainpic");
            let names: Vec<&str> = pic["renditions"].as_array().unwrap().iter()
                .map(|r| r["name"].as_str().unwrap()).collect();
            prop_assert_eq!(names, vec!["original", "thumbnmail"]);
        }
    }

    #[test]
    fn ninjs_2_lowercase(g in lowercase_2x()) {
        let a = imports_whole_and_exports_valid(&g)?;
        prop_assert_eq!(a.standfirst.as_str(), "Sum.");
        let out = export_checked(&a, &HouseStyle::default()).item;
        prop_assert_eq!(&out["copyrightNotice"], "(c) Agency");
        prop_assert_eq!(&out["renditions"][0]["sizeInBytes"], 1200);
        prop_assert_eq!(&out["headlines"][1], &json!({"role": "short", "value": "Short"}));
    }

    #[test]
    fn ninjs_3(g in camel_3x()) {
        let a = imports_whole_and_exports_valid(&g)?;
        let out = export_checked(&a, &HouseStyle::default()).item;
        prop_assert_eq!(&out["urgency"], 3);
        prop_assert_eq!(out["bodies"].as_array().unwrap().len(), 2, "both bodies are the story's");
    }
}
