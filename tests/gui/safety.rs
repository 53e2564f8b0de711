//! Keeping work safe, in the window: the recovery list after a crash, and the bar shown when
//! someone else changes the open file.

use std::path::Path;

use crate::support::{app, shown, shown_containing, type_into};
use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::app::journal::Journal;
use copydesk::app::state::AppState;
use copydesk::ui::{CopydeskApp, Startup};
use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::format;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A window that typed `headline` into a new story and was killed before saving.
fn crashed_with(journal: &Path, headline: &str) {
    let mut s = AppState::new(Article::new(), None, Box::new(ScriptedDialogs::default()));
    s.attach_journal(Journal::open(journal).unwrap());
    assert!(
        s.story
            .apply(Edit::SetText(TextField::Headline, headline.into()))
    );
    s.tick();
    s.story.flush_journal();
    // dropped without a clean exit
}

fn with_journal(journal: &Path) -> Harness<'static, CopydeskApp> {
    let dir = journal.to_path_buf();
    let mut h = Harness::builder()
        // the spelling worker's answer arrives during a run and asks for frames of its own
        .with_max_steps(12)
        .with_size(egui::vec2(1280.0, 860.0))
        .build_eframe(move |cc| {
            CopydeskApp::start(
                cc,
                Startup {
                    journal: Some(dir),
                    ..Startup::default()
                },
                Box::new(ScriptedDialogs::default()),
            )
        });
    crate::support::settle_spelling(&mut h);
    h
}

#[test]
fn stories_a_crash_left_are_listed_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    crashed_with(dir.path(), "The last words typed");
    crashed_with(dir.path(), "Another story");
    let mut h = with_journal(dir.path());
    h.run();
    assert!(shown(&h, "Recover unsaved stories"));
    assert!(shown(&h, "The last words typed"));
    assert!(shown(&h, "Another story"));
    // the newest first; restore the first one here
    h.get_all_by_label("Restore here").next().unwrap().click();
    h.run();
    let s = &h.state().state;
    assert_eq!(s.story.article().headline, "Another story");
    assert!(s.story.is_dirty() && s.story.path().is_none());
    assert_eq!(s.recovery.len(), 1, "the other still waits");
    // and can be thrown away, after a confirmation
    h.get_by_label("Discard…").click();
    h.run();
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().state.recovery.is_empty());
    assert!(!shown(&h, "Recover unsaved stories"));
}

#[test]
fn a_colleagues_save_raises_the_bar_and_compare_shows_both() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let mut a = Article::new();
    a.headline = "Council meets".into();
    format::save(&p, &a).unwrap();
    let mut h = app(Some(p.clone()), vec![]);
    type_into(&mut h, "Headline", " tonight");
    a.headline = "Council meets at six".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    assert!(shown_containing(
        &h,
        "story.json was changed on disk by someone else"
    ));
    h.get_by_label("Compare").click();
    h.run();
    assert!(shown(&h, "Your version and the one on disk"));
    assert!(shown(&h, "Council meets tonight"));
    assert!(shown(&h, "Council meets at six"));
    // the comparison window's own Keep mine
    h.get_all_by_label("Keep mine").last().unwrap().click();
    h.run();
    assert!(!shown_containing(&h, "was changed on disk"));
    assert_eq!(
        h.state().state.story.article().headline,
        "Council meets tonight"
    );
}

#[test]
fn news_of_a_reload_goes_when_the_bar_that_contradicts_it_comes_up() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let mut a = Article::new();
    a.headline = "Council meets".into();
    format::save(&p, &a).unwrap();
    let mut h = app(Some(p.clone()), vec![]);
    // changed on disk with no local edits: taken, and said so
    a.headline = "Council meets at six".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    assert!(shown_containing(&h, "Undo goes back to your version"));
    // then edits here and another save there: the bar, and not the old news beside it
    type_into(&mut h, "Headline", " tonight");
    a.headline = "Council meets at seven".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    assert!(shown_containing(
        &h,
        "story.json was changed on disk by someone else"
    ));
    assert!(!shown_containing(&h, "Undo goes back to your version"));
}

#[test]
fn saving_over_a_changed_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let mut a = Article::new();
    a.headline = "Mine".into();
    format::save(&p, &a).unwrap();
    let mut h = app(Some(p.clone()), vec![]);
    type_into(&mut h, "Headline", "!");
    a.headline = "Theirs".into();
    format::save(&p, &a).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(shown(&h, "The file changed on disk"));
    assert_eq!(format::load(&p).unwrap().headline, "Theirs", "not yet");
    h.get_by_label("Overwrite").click();
    h.run();
    assert_eq!(format::load(&p).unwrap().headline, "Mine!");
}
