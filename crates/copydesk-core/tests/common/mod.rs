//! Stories shared by the export and import tests.
#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test binary uses some of these helpers; setup fails loudly"
)]

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use copydesk_core::article::{Article, Image, RelatedLink, Stamp, Status};

pub const SEED: &str = include_str!("../data/reference-story.txt");

pub fn sample() -> Article {
    copydesk_core::format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes())
        .expect("the sample loads")
}

/// Whitespace-insensitive text.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentences of a text: split after . ! ? (and a closing quote), trimmed.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let mut cur = String::new();
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            cur.push(c);
            let next = chars.get(i + 1).copied();
            if matches!(c, '.' | '!' | '?') && next.is_none_or(|n| n == ' ') {
                out.push(cur.trim().to_owned());
                cur.clear();
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur.trim().to_owned());
        }
    }
    out
}

/// A story that uses every feature the body markup and the metadata have.
pub fn full_story() -> Article {
    let mut a = Article::new();
    a.id = uuid::Uuid::parse_str("0b7c2e64-1f7a-4c9e-8d2b-5a3f6e1c9d08").unwrap();
    a.headline = "Council approves riverside homes after “stormy” debate".into();
    a.seo_headline = "Riverside homes approved".into();
    a.standfirst = "Councillors voted 7–4 for 300 homes & a new bridge.".into();
    a.byline = vec![
        "Ann Reporter".into(),
        "Bo Writer".into(),
        "Cy Snapper".into(),
    ];
    a.section = "Local news".into();
    a.tags = vec!["Housing".into(), "Planning".into()];
    a.slug = "riverside-homes-approved".into();
    a.language = "en-GB".into();
    a.published = Some(Stamp::new(
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
        NaiveTime::from_hms_opt(18, 5, 0),
        chrono_tz::Europe::London,
    ));
    a.updated = Some(Stamp::new(
        NaiveDate::from_ymd_opt(2024, 4, 2).unwrap(),
        NaiveTime::from_hms_opt(9, 30, 0),
        chrono_tz::Europe::London,
    ));
    a.embargo = Some(Stamp::new(
        NaiveDate::from_ymd_opt(2024, 3, 14).unwrap(),
        NaiveTime::from_hms_opt(18, 0, 0),
        chrono_tz::Europe::London,
    ));
    a.status = Status::Published;
    a.editor_notes = "SECRET NOTE: check the vote count with the clerk".into();
    a.image = Some(Image {
        source: "https://images.example.com/riverside.jpg".into(),
        caption: "The riverside site as it is today".into(),
        credit: "Photo: Dee Lens".into(),
        alt: "An empty field beside a river, with a footbridge in the distance".into(),
        decorative: false,
        extra: Default::default(),
    });
    a.related = vec![
        RelatedLink {
            id: "bridge".into(),
            title: "Bridge plan goes to consultation".into(),
            url: "https://news.example.com/bridge-plan".into(),
            extra: Default::default(),
        },
        RelatedLink {
            id: "vote".into(),
            title: "How your councillors voted".into(),
            url: "https://news.example.com/how-they-voted".into(),
            extra: Default::default(),
        },
    ];
    a.body = "\
The council's planning committee *approved* the scheme on **Thursday** night after a \
three-hour debate. Read the [full report](https://council.example.gov.uk/report?id=7&part=2).

[[related:bridge]]

## What was said

> \"This is the right place for homes,\" said the chair.
>
> \"We have waited *long enough*.\"

Objectors raised three points:

- flooding
- traffic on **Mill Lane**
- the loss of the meadow

The conditions, in order:

3. a new footbridge
4. a flood wall

Residents can write to <mailto:planning@council.example.gov.uk>, or see [[related:vote]] for \
the full list.  
A line after a hard break.

---

Work is expected to start next spring.
"
    .into();
    a.created = Utc.with_ymd_and_hms(2024, 3, 14, 16, 0, 0).unwrap();
    a.modified = Utc.with_ymd_and_hms(2024, 4, 2, 8, 31, 0).unwrap();
    a
}

/// Text that tries to break out of every context it could land in, with the characters HTML
/// forbids: C0 and C1 controls, DEL, noncharacters.
pub const HOSTILE: &str = "\"'><script>alert(1)</script></script><!-- <img src=x onerror=alert(2)> \
&amp; ]]> `${x}` javascript:alert(3) </style></title></textarea>\u{2028}\u{0}\u{1}\u{7f}\u{80}\u{85}\u{9f}\u{fdd0}\u{fffe}\u{ffff}\u{1fffe}";

/// Link addresses that parse loosely but are not valid URLs as typed.
pub const MALFORMED_URLS: [&str; 6] = [
    "https://../",
    "https://example.com/a]b[c\\d",
    "https://example.com/q?x=|^{}#a#b",
    "https://example.com/100%",
    "https://exa\u{85}mple.com/",
    "http://example.com/\u{7f}",
];

/// A story with hostile text in every field.
pub fn hostile_story() -> Article {
    let mut a = full_story();
    let h = HOSTILE.to_owned();
    a.headline = h.clone();
    a.seo_headline = h.clone();
    a.standfirst = h.clone();
    a.byline = vec![h.clone(), h.clone()];
    a.section = h.clone();
    a.tags = vec![h.clone()];
    a.slug = h.clone();
    a.language = h.clone();
    a.editor_notes = h.clone();
    a.image = Some(Image {
        source: "javascript:alert(4)".into(),
        caption: h.clone(),
        credit: h.clone(),
        alt: h.clone(),
        decorative: false,
        extra: Default::default(),
    });
    a.related = vec![
        RelatedLink {
            id: "evil".into(),
            title: h.clone(),
            url: "javascript:alert(5)".into(),
            extra: Default::default(),
        },
        RelatedLink {
            id: "evil2".into(),
            title: h.clone(),
            url: "https://example.com/\"onmouseover=\"alert(6)".into(),
            extra: Default::default(),
        },
        RelatedLink {
            id: h.clone(),
            title: h.clone(),
            url: h.clone(),
            extra: Default::default(),
        },
    ];
    for (i, url) in MALFORMED_URLS.iter().enumerate() {
        a.related.push(RelatedLink {
            id: format!("bad-url-{i}"),
            title: h.clone(),
            url: (*url).into(),
            extra: Default::default(),
        });
    }
    a.body = format!(
        "{h}\n\n[click](javascript:alert(7)) [data](data:text/html,<script>alert(8)</script>) \
         <script>alert(9)</script> <a href=\"javascript:alert(10)\">x</a>\n\n\
         [[related:evil]]\n\nInline [[related:evil2]] here.\n\n> {h}\n\n## {h}\n\n- {h}\n\n\
         <img src=x onerror=alert(11)>\n\n<style>body{{display:none}}</style>\n\n{links}\n",
        links = MALFORMED_URLS
            .iter()
            .enumerate()
            .map(|(i, u)| format!("[link {i}]({u}) [[related:bad-url-{i}]] <{u}>"))
            .collect::<Vec<_>>()
            .join("\n\n")
    );
    a
}

pub mod arb;

/// A validator for the ninjs 3.1 schema in tests/data/ninjs. The schema refers to the GeoJSON
/// schema on the web for `places[].geoJSON`; tests run offline, so that one reference accepts
/// any value.
pub fn ninjs_validator() -> jsonschema::Validator {
    struct Offline;
    impl jsonschema::Retrieve for Offline {
        fn retrieve(
            &self,
            uri: &jsonschema::Uri<String>,
        ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
            if uri.as_str().starts_with("https://geojson.org/") {
                Ok(serde_json::json!({}))
            } else {
                Err(format!("tests do not fetch {}", uri.as_str()).into())
            }
        }
    }
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../data/ninjs/ninjs-schema_3.1.json")).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .expect("the ninjs 3.1 schema compiles")
}

/// Schema errors of a ninjs document, as text.
pub fn ninjs_errors(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// The fields Copydesk models, without the kept (unmodelled) ones.
pub fn modelled(a: &Article) -> Article {
    let mut a = a.clone();
    a.extra.clear();
    if let Some(i) = a.image.as_mut() {
        i.extra.clear();
    }
    for l in &mut a.related {
        l.extra.clear();
    }
    a
}
