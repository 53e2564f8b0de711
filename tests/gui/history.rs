//! The History panel: a story saved by two people, its versions listed newest first, one
//! chosen and compared word by word with the story now, a field and then the whole version
//! restored, and each restore taken back by Undo. And the panel fits the window.

use std::path::{Path, PathBuf};

use crate::support::{app, menu, shown_containing};
use copydesk::ui::CopydeskApp;
use copydesk_core::article::Status;
use copydesk_core::format;
use copydesk_core::versions::{self, Kind, Signature};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A story saved three times: Ann files it, the desk editor rewrites the headline and sends
/// it for review, Ann adds a paragraph.
fn story_with_history(dir: &Path) -> PathBuf {
    let path = dir.join("story.json");
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.headline = "Corbyn appeals for unity".into();
    a.status = Status::Draft;
    let ann = Signature::new("Ann Reporter", Kind::Save);
    versions::save(&path, &a, &ann).unwrap().history.unwrap();
    a.headline = "Corbyn tells MPs: come together".into();
    a.status = Status::InReview;
    let desk = Signature::new("Desk Editor", Kind::Save);
    versions::save(&path, &a, &desk).unwrap().history.unwrap();
    a.body.push_str("\nA late paragraph from the lobby.\n");
    versions::save(&path, &a, &ann).unwrap().history.unwrap();
    path
}

/// Runs the window until the panel has read the versions and compared what is chosen.
fn settle(h: &mut Harness<'_, CopydeskApp>) {
    loop {
        h.run();
        let v = &h.state().view.versions;
        let revision = h.state().state.story.revision();
        if !v.loading() && !v.comparing() && v.is_compared(revision) {
            h.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// The list's row whose text holds `part`.
fn click_row(h: &mut Harness<'_, CopydeskApp>, part: &str) {
    h.root()
        .query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.contains(part)))
        .next()
        .unwrap_or_else(|| panic!("no version row with {part:?}"))
        .click();
    h.run();
}

#[test]
fn versions_are_listed_compared_restored_and_the_restore_undone() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_with_history(dir.path());
    let mut h = app(Some(path), vec![]);
    menu(&mut h, "View", "History");
    settle(&mut h);
    assert!(h.state().view.versions.open);
    let rows: Vec<String> = h
        .root()
        .query_all_by(|n| {
            n.role() == Role::Button && n.label().is_some_and(|l| l.contains(" words · "))
        })
        .map(|n| n.accesskit_node().label().unwrap().to_string())
        .collect();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows[0].starts_with("Ann Reporter, ") && rows[0].contains("+6 words; body"));
    assert!(rows[1].starts_with("Desk Editor, ") && rows[1].contains("In review"));
    assert!(rows[2].contains("Draft") && rows[2].contains("first version kept"));
    // the newest is the story now: nothing to show
    assert!(shown_containing(&h, "reads exactly as this version"));

    // Ann's first version against the story now: the headline and the new paragraph
    click_row(&mut h, "first version kept");
    settle(&mut h);
    assert!(shown_containing(&h, "Restore: Headline"));
    // a word taken out and the word put in its place read as two words
    let headline_line = h
        .root()
        .query_all_by(|n| {
            n.value()
                .is_some_and(|v| v.contains("appeals") && v.contains("together"))
        })
        .next()
        .map(|n| n.value().unwrap().to_string())
        .unwrap();
    assert!(
        headline_line.contains("appeals tells") && headline_line.contains("unity together"),
        "{headline_line}"
    );
    assert!(shown_containing(&h, "Restore: Status"));
    assert!(shown_containing(&h, "Restore: Body, paragraph"));
    h.get_by_label("Restore: Headline").click();
    h.run();
    let s = &h.state().state;
    assert_eq!(s.story.article().headline, "Corbyn appeals for unity");
    assert_eq!(s.story.article().status, Status::InReview, "one field only");
    assert!(s.story.is_dirty());
    menu(&mut h, "Edit", "Undo");
    assert_eq!(
        h.state().state.story.article().headline,
        "Corbyn tells MPs: come together"
    );

    h.get_by_label("Restore this version").click();
    h.run();
    let a = h.state().state.story.article().clone();
    assert_eq!(a.headline, "Corbyn appeals for unity");
    assert_eq!(a.status, Status::Draft);
    assert!(!a.body.contains("late paragraph"));
    menu(&mut h, "Edit", "Undo");
    let a = h.state().state.story.article().clone();
    assert!(a.body.contains("late paragraph") && a.status == Status::InReview);
    assert!(!h.state().state.story.is_dirty(), "back to the saved story");

    // compared with another version instead of the story now: no per-field restores
    h.get_by_label("compared with").click();
    h.run();
    // the menu's item is the version's name and time alone (the list's rows say more)
    h.root()
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("Desk Editor, ") && !l.contains('\n'))
        })
        .next()
        .expect("the desk editor's version in the menu")
        .click();
    settle(&mut h);
    assert!(matches!(
        h.state().view.versions.against,
        Some(copydesk::app::versions::Against::Version(_))
    ));
    assert!(shown_containing(&h, "Headline"));
    assert!(!shown_containing(&h, "Restore: "));
}

#[test]
fn your_name_signs_the_next_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_with_history(dir.path());
    let mut h = app(Some(path.clone()), vec![]);
    menu(&mut h, "View", "History");
    settle(&mut h);
    h.get_by_label("Your name").focus();
    h.run();
    h.get_by_label("Your name").type_text("Lawyer Reading");
    h.run();
    assert_eq!(h.state().state.settings.your_name, "Lawyer Reading");
    let mut a = h.state().state.story.article().clone();
    a.standfirst = "Read for the lawyer.".into();
    h.state_mut()
        .state
        .story
        .apply(copydesk_core::edit::Edit::Replace(Box::new(a)));
    menu(&mut h, "File", "Save");
    // versions are kept on a thread of their own
    h.state().state.story.flush_history();
    let newest = versions::History::of(&path).newest().unwrap().unwrap();
    assert_eq!(newest.saved_by, "Lawyer Reading");
}

#[test]
fn the_panel_fits_the_window_at_every_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = story_with_history(dir.path());
    for (w, height) in [(1280.0, 800.0), (900.0, 600.0), (720.0, 420.0)] {
        let mut h = app(Some(path.clone()), vec![]);
        h.set_size(egui::vec2(w, height));
        h.run();
        menu(&mut h, "View", "History");
        click_row(&mut h, "first version kept");
        settle(&mut h);
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(w, height));
        for label in ["Restore this version", "Your name", "compared with"] {
            let r = h.get_by_label(label).rect();
            assert!(screen.contains_rect(r), "{label} at {r:?} in {w}×{height}");
        }
        // the list and the changes side by side, the changes the wider
        let row = h
            .root()
            .query_all_by(|n| n.label().is_some_and(|l| l.contains("first version kept")))
            .next()
            .unwrap()
            .rect();
        let restore = h.get_by_label("Restore this version").rect();
        assert!(row.right() <= restore.left(), "{row:?} {restore:?} at {w}");
    }
}
