//! The article file format: exact round trips, kept unknown fields, version rules, every kind
//! of bad input, and atomic saving.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::fs;
use std::io::Write;

mod common;

use common::arb::{instant, stamp};
use copydesk_core::article::{Article, Image, RelatedLink, Status};
use copydesk_core::format::{self, LoadError, SaveError};
use proptest::prelude::*;
use serde_json::{Value, json};

fn sample_text() -> String {
    copydesk_core::SAMPLE_STORY.to_owned()
}

fn write_tmp(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    fs::write(&p, bytes).unwrap();
    (dir, p)
}

// ---------- round trips ----------

/// Text with what real stories and hostile files carry: emoji, right-to-left scripts,
/// combining marks, control characters, quotes, very long lines.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<String>(),
        2 => "[a-zA-Z0-9 ,.'\"“”‘’—–-]{0,80}",
        1 => Just("🎉👩🏽‍💻🇬🇧 emoji".to_owned()),
        1 => Just("שלום עולם مرحبا بالعالم".to_owned()),
        1 => Just("e\u{301}\u{302} a\u{20dd} Z\u{0336}\u{0337}".to_owned()),
        1 => Just("\u{0}\u{1}\t\r\n\u{7f}\u{feff}\u{200b}\u{2028}".to_owned()),
        1 => "[a-z ]{3000,6000}",
        1 => Just(String::new()),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,8}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Unknown fields, named so they cannot collide with the fields the format knows.
fn extra() -> impl Strategy<Value = serde_json::Map<String, Value>> {
    prop::collection::vec(("x_[a-z]{1,10}", json_value()), 0..3)
        .prop_map(|kv| kv.into_iter().collect())
}

fn article() -> impl Strategy<Value = Article> {
    let image = proptest::option::of(
        (text(), text(), text(), text(), any::<bool>(), extra()).prop_map(
            |(source, caption, credit, alt, decorative, extra)| Image {
                source,
                caption,
                credit,
                alt,
                decorative,
                extra,
            },
        ),
    );
    let related = prop::collection::vec(
        (text(), text(), text(), extra()).prop_map(|(id, title, url, extra)| RelatedLink {
            id,
            title,
            url,
            extra,
        }),
        0..4,
    );
    let heads = (
        text(),
        text(),
        text(),
        prop::collection::vec(text(), 0..3),
        text(),
    );
    let meta = (
        prop::collection::vec(text(), 0..4),
        text(),
        text(),
        proptest::option::of(stamp()),
        proptest::option::of(stamp()),
        proptest::option::of(stamp()),
        0usize..4,
        text(),
    );
    (
        heads,
        meta,
        image,
        related,
        (text(), prop::collection::vec(text(), 0..3)),
        instant(),
        instant(),
        extra(),
    )
        .prop_map(
            |(
                (headline, seo_headline, standfirst, byline, section),
                (tags, slug, language, published, updated, embargo, status, editor_notes),
                image,
                related,
                (body, spelling_ignore),
                created,
                modified,
                extra,
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
                editor_notes,
                image,
                related,
                body,
                spelling_ignore,
                checks_ignore: Vec::new(),
                wordpress: None,
                comments: Vec::new(),
                created,
                modified,
                extra,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_is_identical(a in article()) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        format::save(&p, &a).unwrap();
        let back = format::load(&p).unwrap();
        prop_assert_eq!(&back, &a);
        // and saving again writes the very same bytes
        let again = format::to_string(&back).unwrap();
        prop_assert_eq!(again, fs::read_to_string(&p).unwrap());
    }
}

#[test]
fn the_sample_round_trips_byte_for_byte() {
    let a = format::from_bytes(sample_text().as_bytes()).unwrap();
    assert_eq!(format::to_string(&a).unwrap(), sample_text());
}

// ---------- unknown fields and versions ----------

#[test]
fn unknown_fields_are_kept_at_every_level_and_in_order() {
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["version"] = json!("1.7");
    v["x_wire_id"] = json!({"agency": "PA", "n": 12});
    v["a_later_field"] = json!([1, 2, 3]);
    v["image"]["focal_point"] = json!({"x": 0.5, "y": 0.25});
    v["related"][0]["kicker"] = json!("Opinion");
    let a = format::from_value(v.clone()).unwrap();
    assert_eq!(
        a.extra.get("x_wire_id"),
        Some(&json!({"agency": "PA", "n": 12}))
    );
    let text = format::to_string(&a).unwrap();
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["x_wire_id"], v["x_wire_id"]);
    assert_eq!(back["a_later_field"], v["a_later_field"]);
    assert_eq!(back["image"]["focal_point"], v["image"]["focal_point"]);
    assert_eq!(back["related"][0]["kicker"], json!("Opinion"));
    // unknown fields keep the order they had
    let keys: Vec<&String> = back.as_object().unwrap().keys().collect();
    let wire = keys.iter().position(|k| *k == "x_wire_id").unwrap();
    let later = keys.iter().position(|k| *k == "a_later_field").unwrap();
    assert!(wire < later);
}

#[test]
fn a_newer_major_version_is_refused_with_a_message() {
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["version"] = json!("2.0");
    let e = format::from_value(v).unwrap_err();
    assert!(matches!(e, LoadError::TooNew { ref found } if found == "2.0"));
    assert_eq!(
        e.to_string(),
        "the file was written by a newer Copydesk (format version 2.0); this one reads version 1.x. Update Copydesk to open it"
    );
}

#[test]
fn a_bad_or_missing_version_is_refused() {
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["version"] = json!(1);
    assert!(
        matches!(format::from_value(v.clone()).unwrap_err(), LoadError::BadVersion { ref found } if found == "1")
    );
    v.as_object_mut().unwrap().remove("version");
    let e = format::from_value(v).unwrap_err();
    assert!(matches!(e, LoadError::BadVersion { ref found } if found == "missing"));
}

// ---------- bad input ----------

#[test]
fn not_json_gives_line_and_column() {
    let (_d, p) = write_tmp(b"{\n  \"format\": \"copydesk-article\",\n  \"headline\": oops\n}\n");
    let e = format::load(&p).unwrap_err();
    assert!(
        matches!(
            e,
            LoadError::Syntax {
                line: 3,
                column: 15,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(e.location(), Some((3, 15)));
    assert_eq!(
        e.to_string(),
        "invalid JSON at line 3, column 15: expected value; fix the file in a text editor or open a backup"
    );
}

#[test]
fn a_cut_short_file_says_so() {
    let text = sample_text();
    let (_d, p) = write_tmp(&text.as_bytes()[..text.len() / 2]);
    let e = format::load(&p).unwrap_err();
    assert!(matches!(e, LoadError::Truncated { .. }), "{e:?}");
    assert!(e.to_string().contains("cut short"));
}

#[test]
fn wrong_types_name_the_field() {
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["byline"] = json!("Ann Smith");
    let e = format::from_value(v).unwrap_err();
    assert!(
        matches!(e, LoadError::Invalid { ref field, .. } if field == "byline"),
        "{e:?}"
    );
    assert!(
        e.to_string().starts_with(
            "the field `byline` is wrong: invalid type: string \"Ann Smith\", expected a sequence"
        ),
        "{e}"
    );

    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["published"]["zone"] = json!("Mars/Olympus_Mons");
    let e = format::from_value(v).unwrap_err();
    assert!(
        matches!(e, LoadError::Invalid { ref field, .. } if field.contains("zone") || field.contains("published")),
        "{e:?}"
    );

    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v["status"] = json!("killed");
    let e = format::from_value(v).unwrap_err();
    assert!(
        matches!(e, LoadError::Invalid { ref field, .. } if field == "status"),
        "{e:?}"
    );
    assert!(e.to_string().contains("unknown variant `killed`"), "{e}");
}

#[test]
fn missing_required_fields_are_named() {
    let mut v: Value = serde_json::from_str(&sample_text()).unwrap();
    v.as_object_mut().unwrap().remove("headline");
    let e = format::from_value(v).unwrap_err();
    assert!(matches!(e, LoadError::Invalid { .. }), "{e:?}");
    assert!(e.to_string().contains("missing field `headline`"), "{e}");
}

#[test]
fn other_json_is_not_an_article() {
    for doc in [json!([1, 2]), json!("text"), json!({"title": "x"})] {
        let e = format::from_value(doc).unwrap_err();
        assert!(matches!(e, LoadError::NotAnArticle { hint: None }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "the file holds JSON but not a Copydesk article"
        );
    }
    let ninjs = json!({"uri": "urn:x", "type": "text", "headlines": [{"value": "H"}]});
    let e = format::from_value(ninjs).unwrap_err();
    assert!(e.to_string().contains("IPTC ninjs"), "{e}");
}

#[test]
fn empty_and_blank_files() {
    for bytes in [&b""[..], b"  \n\t"] {
        let (_d, p) = write_tmp(bytes);
        let e = format::load(&p).unwrap_err();
        assert!(matches!(e, LoadError::Empty), "{e:?}");
        assert!(e.to_string().contains("the file is empty"));
    }
}

#[test]
fn binary_files() {
    let (_d, p) = write_tmp(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let e = format::load(&p).unwrap_err();
    assert!(matches!(e, LoadError::Binary), "{e:?}");
    assert_eq!(
        e.to_string(),
        "this is a binary file, not a Copydesk article; open a .json file saved by Copydesk"
    );
}

#[test]
fn invalid_utf8_gives_the_offset() {
    let (_d, p) = write_tmp(b"{\"headline\": \"caf\xe9\"}");
    let e = format::load(&p).unwrap_err();
    assert!(matches!(e, LoadError::NotUtf8 { offset: 17 }), "{e:?}");
    assert!(e.to_string().contains("not UTF-8"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(sample_text().as_bytes());
    assert!(format::from_bytes(&bytes).is_ok());
}

#[test]
fn huge_files_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.json");
    let f = fs::File::create(&p).unwrap();
    f.set_len(format::MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let e = format::load(&p).unwrap_err();
    assert!(matches!(e, LoadError::TooLarge { .. }), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("the file is 64.0 MB; Copydesk opens articles up to 64 MB"),
        "{e}"
    );
}

#[test]
fn missing_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let e = format::load(&dir.path().join("nope.json")).unwrap_err();
    assert!(matches!(e, LoadError::Io(_)));
    assert_eq!(
        e.to_string(),
        "the file does not exist; check the name and folder"
    );
    let e = format::load(dir.path()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "this is a folder, not a file; choose an article file"
    );
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap fuzz over mangled versions of the sample.
    let base = sample_text().into_bytes();
    let mut rng = 0x2545F4914F6CDD1Du64;
    for _ in 0..2000 {
        let mut b = base.clone();
        for _ in 0..4 {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let i = (rng as usize) % b.len();
            b[i] = (rng >> 32) as u8;
        }
        let _ = format::from_bytes(&b);
        let cut = (rng as usize) % b.len();
        let _ = format::from_bytes(&b[..cut]);
    }
}

// ---------- atomic saving ----------

#[test]
fn a_save_that_fails_half_way_leaves_the_old_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let old = sample_text();
    fs::write(&p, &old).unwrap();
    let err = format::atomic::write_with(&p, |f| {
        f.write_all(b"{\n  \"format\": \"copydesk-art")?;
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    })
    .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::StorageFull);
    assert_eq!(fs::read_to_string(&p).unwrap(), old);
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "the temporary file was not removed");
    assert_eq!(
        SaveError::Io(err).to_string(),
        "the disk is full; free some space and save again"
    );
}

#[test]
fn saving_into_a_missing_folder_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gone").join("story.json");
    let e = format::save(&p, &Article::new()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the folder does not exist; choose another folder with Save As"
    );
    assert!(!p.exists());
}

#[test]
fn saving_over_a_folder_fails_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    fs::create_dir(&p).unwrap();
    fs::write(p.join("inside.txt"), "keep").unwrap();
    assert!(format::save(&p, &Article::new()).is_err());
    assert_eq!(fs::read_to_string(p.join("inside.txt")).unwrap(), "keep");
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    fs::write(&p, "old").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    // root may write anywhere; the outcome must be consistent either way
    let probe = fs::File::create(dir.path().join("probe"));
    let result = format::save(&p, &Article::new());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if probe.is_err() {
        let e = result.unwrap_err();
        assert_eq!(
            e.to_string(),
            "Copydesk may not write in this folder; choose another folder with Save As"
        );
        assert_eq!(fs::read_to_string(&p).unwrap(), "old");
    } else {
        assert!(result.is_ok());
    }
}
