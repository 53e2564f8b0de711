//! The bundled sample is the reference story, complete, and valid against the published schema.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::format;
use copydesk_core::markup::Block;

mod common;
use common::{SEED, sample, sentences, squash};

#[test]
fn every_sentence_of_the_reference_story_is_in_the_sample() {
    let doc = Document::build(&sample(), &HouseStyle::default());
    let shown = squash(&doc.plain_text());
    let all = sentences(SEED);
    assert!(
        all.len() >= 30,
        "the seed splits into sentences ({})",
        all.len()
    );
    for s in all {
        assert!(
            shown.contains(&squash(&s)),
            "missing from the sample: {s:?}"
        );
    }
    assert!(shown.contains("Posted On: 4th July 2016"));
}

#[test]
fn related_links_stand_where_the_seed_has_them() {
    let a = sample();
    let doc = Document::build(&a, &HouseStyle::default());
    // The seed's order of paragraphs and related headlines, and the sample's.
    let seed_paras: Vec<String> = SEED
        .split("\n\n")
        .map(squash)
        .filter(|p| !p.is_empty())
        .collect();
    let sample_order: Vec<String> = doc
        .blocks
        .iter()
        .map(|b| match &*b.block {
            Block::Related(id) => squash(&doc.related(id).expect("anchor names a link").title),
            other => squash(&copydesk_core::markup::plain_block(other)),
        })
        .collect();
    let first_body = seed_paras
        .iter()
        .position(|p| p.starts_with("In a film posted"))
        .unwrap();
    assert_eq!(&seed_paras[first_body..], &sample_order[..]);
    assert_eq!(a.related.len(), 3);
    for l in &a.related {
        assert!(l.url.starts_with("https://"));
    }
}

#[test]
fn caption_credit_and_date() {
    let a = sample();
    let img = a.image.as_ref().unwrap();
    assert_eq!(
        img.caption,
        "Jeremy Corbyn has made an appeal for unity to Labour MPs"
    );
    assert_eq!(img.credit, "Labour Party");
    let p = a.published.unwrap();
    assert_eq!(p.date.to_string(), "2016-07-04");
    assert_eq!(p.zone, chrono_tz::Europe::London);
    assert_eq!(p.zone_abbreviation(), "BST");
}

#[test]
fn samples_validate_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(include_str!(
        "../../../assets/schema/copydesk-article-1.schema.json"
    ))
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let mut checked = 0;
    for entry in
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/samples")).unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let doc: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 1);
    // and a fresh article, as Copydesk writes it
    let fresh: serde_json::Value =
        serde_json::from_str(&format::to_string(&copydesk_core::article::Article::new()).unwrap())
            .unwrap();
    assert!(validator.is_valid(&fresh));
    // the schema is not a pushover
    let mut bad = fresh.clone();
    bad["status"] = serde_json::json!("killed");
    assert!(!validator.is_valid(&bad));
}
