//! Generated articles for property tests (after tests/format.rs).

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use copydesk_core::article::{Article, Image, RelatedLink, Stamp, Status};
use proptest::prelude::*;

/// Text with what real stories and hostile files carry.
pub fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        3 => "[a-zA-Z0-9 ,.'\"“”‘’—–*_#>\\[\\]()<&-]{0,60}",
        1 => Just("🎉👩🏽‍💻🇬🇧 emoji".to_owned()),
        1 => Just("שלום עולם مرحبا بالعالم".to_owned()),
        1 => Just("\u{0}\u{1}\t\r\n\u{7f}\u{feff}\u{200b}\u{2028}".to_owned()),
        1 => Just("</script><script>alert(1)</script>".to_owned()),
        1 => Just(String::new()),
    ]
}

/// Body markup with every element mixed with arbitrary text.
pub fn body() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => text(),
        1 => text().prop_map(|t| format!("## {t}")),
        1 => text().prop_map(|t| format!("> {t}\n>\n> *{t}*")),
        1 => text().prop_map(|t| format!("- {t}\n- **{t}**")),
        1 => text().prop_map(|t| format!("3. {t}\n4. two")),
        1 => text().prop_map(|t| format!("[{t}](https://example.com/{})", t.len())),
        1 => Just("[[related:r0]]".to_owned()),
        1 => Just("Inline [[related:r1]] anchor.".to_owned()),
        1 => Just("---".to_owned()),
        1 => Just("Line  \nbreak and [bad](javascript:alert(1))".to_owned()),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|v| v.join("\n\n"))
}

pub fn stamp() -> impl Strategy<Value = Stamp> {
    let zones = [
        chrono_tz::Europe::London,
        chrono_tz::America::New_York,
        chrono_tz::Asia::Kolkata,
        chrono_tz::Australia::Lord_Howe,
        chrono_tz::UTC,
    ];
    (
        1900i32..2100,
        1u32..=12,
        1u32..=28,
        proptest::option::of((0u32..24, 0u32..60, 0u32..60)),
        0usize..zones.len(),
    )
        .prop_map(move |(y, m, d, t, z)| Stamp {
            date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            time: t.map(|(h, mi, s)| NaiveTime::from_hms_opt(h, mi, s).unwrap()),
            zone: zones[z],
        })
}

pub fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_102_444_800, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

pub fn article() -> impl Strategy<Value = Article> {
    let url = prop_oneof![
        2 => "https://[a-z]{1,10}\\.example/[a-z0-9/_()-]{0,20}",
        1 => text(),
    ];
    let image = proptest::option::of(
        (url.clone(), text(), text(), text(), any::<bool>()).prop_map(
            |(source, caption, credit, alt, decorative)| Image {
                source,
                caption,
                credit,
                alt,
                decorative,
                extra: Default::default(),
            },
        ),
    );
    let related = prop::collection::vec((text(), url), 0..3).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (title, url))| RelatedLink {
                id: format!("r{i}"),
                title,
                url,
                extra: Default::default(),
            })
            .collect::<Vec<_>>()
    });
    let heads = (
        text(),
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        text(),
    );
    let meta = (
        prop::collection::vec(text(), 0..3),
        text(),
        prop_oneof![Just("en-GB".to_owned()), Just("fr".to_owned()), text()],
        proptest::option::of(stamp()),
        proptest::option::of(stamp()),
        proptest::option::of(stamp()),
        0usize..4,
    );
    let ignored = prop::collection::vec(
        (text(), text())
            .prop_map(|(rule, words)| copydesk_core::article::IgnoredFinding { rule, words }),
        0..2,
    );
    let times = (
        instant(),
        instant(),
        prop::collection::vec(text(), 0..3),
        ignored,
    );
    (heads, meta, image, related, body(), times).prop_map(
        |(
            (headline, seo_headline, standfirst, byline, section),
            (tags, slug, language, published, updated, embargo, status),
            image,
            related,
            body,
            (created, modified, spelling_ignore, checks_ignore),
        )| Article {
            id: uuid::Uuid::new_v4(),
            headline,
            seo_headline,
            standfirst,
            byline,
            section,
            tags,
            slug,
            language,
            published,
            updated,
            embargo,
            status: Status::ALL[status],
            editor_notes: String::new(),
            image,
            related,
            body,
            spelling_ignore,
            checks_ignore,
            wordpress: None,
            comments: Vec::new(),
            created,
            modified,
            extra: Default::default(),
        },
    )
}
