//! A long story in the window: its preview and checks are worked out off the window's
//! thread and never shown out of date as current; only what is in sight of the preview is
//! drawn; a frame's cost does not grow with the story.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod support;

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use support::{app, shown_containing, type_into};

/// Whether the preview has drawn paragraph `n` (a label holding exactly its text; the
/// editor's field holds the whole body).
fn preview_shows(h: &egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>, n: usize) -> bool {
    let text = paragraph(n);
    let text = text.trim_end();
    h.root()
        .query_all_by(|node| {
            node.role() == Role::Label
                && (node.value().as_deref() == Some(text) || node.label().as_deref() == Some(text))
        })
        .next()
        .is_some()
}

fn paragraph(n: usize) -> String {
    format!("Paragraph {n} of the long story, with a few more words in it.\n\n")
}

/// A story of `paragraphs` numbered paragraphs, saved in a temporary folder.
fn long_story(paragraphs: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut a = copydesk_core::format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.related.clear();
    a.body = (1..=paragraphs).map(paragraph).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.json");
    copydesk_core::format::save(&path, &a).unwrap();
    (dir, path)
}

/// Runs frames until the worker's view is the story's, as the window would be woken.
fn settle(h: &mut egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>) {
    let started = Instant::now();
    while !h.state_mut().state.derived_is_current() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the preview never caught up"
        );
        std::thread::sleep(Duration::from_millis(5));
        h.step();
    }
    h.step();
    h.step();
}

#[test]
fn a_long_story_edited_while_its_preview_is_worked_out_shows_the_newest_text() {
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    assert!(
        h.state().state.is_long(),
        "the story is worked out off the thread"
    );
    assert!(preview_shows(&h, 1), "the top of the preview is drawn");
    assert!(
        !preview_shows(&h, 2_999),
        "the end of a long story's preview is not drawn while out of sight"
    );

    for word in ["Zebra", " crossing", " ahead"] {
        type_into(&mut h, "Headline", word);
        // Until the worker has caught up, the preview says it is updating; it never shows
        // an older headline as if it were the story's.
        let headline = h.state().state.article().headline.clone();
        let current = h.state_mut().state.derived_is_current();
        assert!(
            current || shown_containing(&h, "updating…"),
            "an out-of-date preview is marked as updating"
        );
        if current {
            assert!(shown_containing(&h, &headline));
        }
    }
    settle(&mut h);
    let headline = h.state().state.article().headline.clone();
    assert!(headline.ends_with("Zebra crossing ahead"), "{headline}");
    assert!(
        shown_containing(&h, &headline),
        "the preview shows the newest headline once it settles"
    );
    assert!(!shown_containing(&h, "updating…"));
}
