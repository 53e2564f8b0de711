#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::fs;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::article::Stamp;

fn story(dir: &Path, name: &str, change: impl FnOnce(&mut Article)) -> PathBuf {
    let mut a = format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap();
    change(&mut a);
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    format::save(&p, &a).unwrap();
    p
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2016, 7, 4, 12, 0, 0).unwrap()
}

fn stamp(y: i32, m: u32, d: u32, h: u32) -> Stamp {
    Stamp::new(
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        chrono::NaiveTime::from_hms_opt(h, 0, 0),
        chrono_tz::Europe::London,
    )
}

/// A desk with a story in every status, one embargoed, one with an error, a broken file, and
/// things that are not stories.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    story(d, "draft.json", |a| {
        a.headline = "Council tax to rise".into();
        a.status = Status::Draft;
        a.section = "Local".into();
        a.byline = vec!["Ann Reporter".into()];
    });
    story(d, "review.json", |a| {
        a.headline = "Budget row deepens".into();
        a.status = Status::InReview;
    });
    story(d, "approved.json", |a| {
        a.headline = "Minister resigns".into();
        a.status = Status::Approved;
        a.embargo = Some(stamp(2016, 7, 5, 9));
    });
    story(d, "politics/published.json", |a| {
        a.headline = String::new();
        a.status = Status::Published;
    });
    fs::write(
        d.join("broken.json"),
        "{\n  \"format\": \"copydesk-article\",\n  oops\n}",
    )
    .unwrap();
    fs::write(d.join("settings.json"), "{\"theme\": \"dark\"}").unwrap();
    fs::write(d.join("notes.txt"), "not a story").unwrap();
    fs::write(d.join(".hidden.json"), "{}").unwrap();
    fs::write(d.join(".story.json.copydesk-ab12.tmp"), "{}").unwrap();
    story(d, "politics/deeper/too-deep.json", |_| {});
    story(d, ".git/stray.json", |_| {});
    dir
}

fn names(listing: &Listing) -> Vec<&str> {
    listing.rows.iter().map(|r| r.relative.as_str()).collect()
}

#[test]
fn a_folder_lists_its_stories_and_broken_files_and_skips_the_rest() {
    let dir = desk();
    let listing = list(dir.path(), DEFAULT_DEPTH, now()).unwrap();
    assert_eq!(
        names(&listing),
        [
            "approved.json",
            "broken.json",
            "draft.json",
            "politics/published.json",
            "review.json"
        ]
    );
    let broken = &listing.rows[1];
    let failure = broken.story.as_ref().unwrap_err();
    assert_eq!((failure.line, failure.column), (Some(3), Some(3)));
    assert!(failure.message.contains("invalid JSON"), "{failure:?}");
    assert_eq!(broken.counts(), (1, 0));
    let draft = listing.rows[2].summary().unwrap();
    assert_eq!(draft.headline, "Council tax to rise");
    assert_eq!(draft.byline, ["Ann Reporter"]);
    assert!(draft.words > 100, "{}", draft.words);
    let published = listing.rows[3].summary().unwrap();
    assert!(published.errors >= 1, "no headline is an error");
    assert_eq!(
        published.problems[0].message,
        "headline is missing; write one"
    );
    // deeper folders when asked
    let deep = list(dir.path(), 2, now()).unwrap();
    assert!(names(&deep).contains(&"politics/deeper/too-deep.json"));
    assert!(!names(&deep).iter().any(|n| n.contains(".git")));
}

#[test]
fn a_missing_folder_or_a_file_is_said_plainly() {
    let dir = desk();
    let e = scan(&dir.path().join("nope"), 1).unwrap_err();
    assert!(e.to_string().contains("there is no folder here"), "{e}");
    let e = scan(&dir.path().join("draft.json"), 1).unwrap_err();
    assert!(
        e.to_string().contains("this is a file, not a folder"),
        "{e}"
    );
}

#[test]
fn candidates_are_json_files_that_are_not_hidden() {
    assert!(is_candidate(Path::new("/d/a.json")));
    assert!(is_candidate(Path::new("/d/a.copydesk.JSON")));
    assert!(!is_candidate(Path::new("/d/.a.json")));
    assert!(!is_candidate(Path::new("/d/a.json.tmp")));
    assert!(!is_candidate(Path::new("/d/.json")));
    assert!(!is_candidate(Path::new("/d/a.txt")));
}

#[test]
fn filters_combine() {
    let dir = desk();
    let rows = list(dir.path(), 1, now()).unwrap().rows;
    let shown = |f: &Filter| -> Vec<&str> {
        arrange(
            &rows,
            f,
            Sort::clicked(Sort::default(), Column::File),
            now(),
        )
        .into_iter()
        .map(|i| rows[i].relative.as_str())
        .collect()
    };
    assert_eq!(shown(&Filter::default()).len(), 5);
    let by_status = Filter {
        statuses: vec![Status::Approved, Status::InReview],
        ..Filter::default()
    };
    assert_eq!(shown(&by_status), ["approved.json", "review.json"]);
    let errors = Filter {
        errors: true,
        ..Filter::default()
    };
    assert!(shown(&errors).contains(&"broken.json"));
    assert!(shown(&errors).contains(&"politics/published.json"));
    let embargoed = Filter {
        embargoed: true,
        ..Filter::default()
    };
    assert_eq!(shown(&embargoed), ["approved.json"]);
    let text = Filter {
        text: " ANN rep ".into(),
        ..Filter::default()
    };
    assert_eq!(shown(&text), ["draft.json"]);
    let section = Filter {
        section: Some("local".into()),
        ..Filter::default()
    };
    assert_eq!(shown(&section), ["draft.json"]);
}

#[test]
fn sorting_puts_rows_without_a_value_last_either_way() {
    let dir = desk();
    let rows = list(dir.path(), 1, now()).unwrap().rows;
    let order = |sort: Sort| -> Vec<&str> {
        arrange(&rows, &Filter::default(), sort, now())
            .into_iter()
            .map(|i| rows[i].relative.as_str())
            .collect()
    };
    let by_status = Sort {
        column: Column::Status,
        descending: false,
    };
    assert_eq!(
        order(by_status),
        [
            "draft.json",
            "review.json",
            "approved.json",
            "politics/published.json",
            "broken.json"
        ]
    );
    let back = order(Sort::clicked(by_status, Column::Status));
    assert_eq!(back[0], "politics/published.json");
    assert_eq!(back[4], "broken.json", "no status: last both ways");
    let embargo = order(Sort::clicked(by_status, Column::Embargo));
    assert_eq!(embargo[0], "approved.json");
    // most problems first: the broken file and the story with no headline lead
    let problems = order(Sort::clicked(by_status, Column::Problems));
    assert!(
        problems[..2].contains(&"broken.json")
            && problems[..2].contains(&"politics/published.json"),
        "{problems:?}"
    );
    let headline = order(Sort {
        column: Column::Headline,
        descending: false,
    });
    // no headline — a story without one, a file that cannot be read — last, not among the
    // headlines by its file name
    assert!(
        headline[3..].contains(&"broken.json")
            && headline[3..].contains(&"politics/published.json"),
        "{headline:?}"
    );
    let back = order(Sort {
        column: Column::Headline,
        descending: true,
    });
    assert!(
        back[3..].contains(&"broken.json"),
        "last both ways: {back:?}"
    );
}

#[test]
fn a_picture_that_is_not_there_is_a_warning_found_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "pic.json", |a| {
        if let Some(i) = a.image.as_mut() {
            i.source = "missing.jpg".into();
        }
    });
    let row = read_row(dir.path(), &p, now()).unwrap();
    let s = row.summary().unwrap();
    assert!(
        s.problems.iter().any(|p| p
            .message
            .contains("the picture cannot be shown: there is no file")),
        "{:?}",
        s.problems
    );
    fs::write(dir.path().join("missing.jpg"), b"any bytes").unwrap();
    let row = read_row(dir.path(), &p, now()).unwrap();
    assert!(
        !row.summary()
            .unwrap()
            .problems
            .iter()
            .any(|p| p.message.contains("picture"))
    );
}

#[test]
fn the_walk_stops_at_its_limits() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().to_path_buf();
    for i in 0..(MAX_DEPTH + 3) {
        deep = deep.join(format!("d{i}"));
    }
    fs::create_dir_all(&deep).unwrap();
    story(&deep, "s.json", |_| {});
    let s = scan(dir.path(), usize::MAX).unwrap();
    assert!(s.files.is_empty(), "past MAX_DEPTH");
    assert_eq!(s.folders.len(), MAX_DEPTH + 1);
}

#[test]
fn dates_read_as_a_desk_writes_them() {
    assert_eq!(stamp_text(&stamp(2016, 7, 4, 9)), "4 Jul 2016 09:00 BST");
    let day = Stamp::new(
        NaiveDate::from_ymd_opt(2016, 12, 25).unwrap(),
        None,
        chrono_tz::Europe::London,
    );
    assert_eq!(stamp_text(&day), "25 Dec 2016 (Europe/London)");
}

#[test]
fn a_row_says_who_last_changed_its_story_from_its_history() {
    let dir = tempfile::tempdir().unwrap();
    let kept = dir.path().join("kept.json");
    let a = format::from_bytes(crate::SAMPLE_STORY.as_bytes()).unwrap();
    crate::versions::save(
        &kept,
        &a,
        &crate::versions::Signature::new("Ann", Kind::Save),
    )
    .unwrap();
    let row = read_row(dir.path(), &kept, now()).unwrap();
    assert_eq!(row.changed_by(), "Ann");
    assert_eq!(row.last_change.as_ref().unwrap().kind, Kind::Save);
    // changed by another program since: someone, outside Copydesk
    let mut b = a.clone();
    b.headline = "Edited in a text editor".into();
    fs::write(&kept, format::to_string(&b).unwrap()).unwrap();
    let row = read_row(dir.path(), &kept, now()).unwrap();
    assert_eq!(row.changed_by(), "someone");
    assert_eq!(row.last_change.as_ref().unwrap().kind, Kind::Outside);
    // no history at all: nothing to say
    let plain = story(dir.path(), "plain.json", |_| {});
    assert!(
        read_row(dir.path(), &plain, now())
            .unwrap()
            .last_change
            .is_none()
    );
}
