//! Keeping work safe, in the window: the recovery list after a crash, and the bar shown when
//! someone else changes the open file.

use std::path::{Path, PathBuf};

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
    starting(journal, None, None)
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

/// A window on `journal` that starts `program` for "Restore in a new window" and is asked to
/// restore entry `recover` (`copydesk --recover ID`).
fn starting(
    journal: &Path,
    program: Option<PathBuf>,
    recover: Option<String>,
) -> Harness<'static, CopydeskApp> {
    let dir = journal.to_path_buf();
    let mut h = Harness::builder()
        // the spelling worker's answer arrives during a run and asks for frames of its own
        .with_max_steps(30)
        .with_size(egui::vec2(1280.0, 860.0))
        .build_eframe(move |cc| {
            CopydeskApp::start(
                cc,
                Startup {
                    journal: Some(dir),
                    program,
                    recover,
                    ..Startup::default()
                },
                Box::new(ScriptedDialogs::default()),
            )
        });
    crate::support::settle_spelling(&mut h);
    h
}

/// "Restore in a new window" starts the window's program with `--recover ID`, and leaves the
/// entry to it (a stand-in program that writes down what it was given).
#[cfg(unix)]
#[test]
fn restore_in_a_new_window_starts_copydesk_on_the_entry() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("recovery");
    crashed_with(&journal, "Left by a crash");
    let told = dir.path().join("told");
    let program = dir.path().join("copydesk");
    std::fs::write(
        &program,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}.part' && mv '{0}.part' '{0}'\n",
            told.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut h = starting(&journal, Some(program), None);
    h.run();
    let id = h.state().state.recovery[0].id.clone();
    h.get_by_label("Restore in a new window").click();
    h.run();
    assert!(
        !shown(&h, "Could not open a new window"),
        "the window started its program"
    );
    assert!(
        h.state().state.recovery.is_empty(),
        "the entry is left to it"
    );
    // the program runs on its own; what it was given is there once it has run
    let started = std::time::Instant::now();
    while !told.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the program never ran"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&told).unwrap().trim(),
        format!("--recover {id}")
    );
    // and the new window takes it: nobody else holds it
    let mut other = Journal::open(&journal).unwrap();
    assert_eq!(
        other.claim_named(&id).unwrap().article.headline,
        "Left by a crash"
    );
}

/// A window asked to restore what another running window holds, or what is gone, says so.
#[test]
fn a_window_asked_to_restore_what_it_cannot_have_says_why() {
    let dir = tempfile::tempdir().unwrap();
    crashed_with(dir.path(), "Held elsewhere");
    let mut holder = Journal::open(dir.path()).unwrap();
    let held = holder.orphans();
    let id = held[0].id.clone();
    let mut h = starting(dir.path(), None, Some(id.clone()));
    h.run();
    assert!(shown(&h, "Nothing restored"));
    assert!(shown_containing(&h, "open in another Copydesk window"));
    assert!(!h.state().state.story.is_dirty(), "opens as without it");
    holder.discard(held.into_iter().next().unwrap());
    let mut h = starting(dir.path(), None, Some(id));
    h.run();
    assert!(shown_containing(&h, "no unsaved changes under that name"));
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

/// A window of `size` on a story whose body a colleague changed on disk (one word) while
/// its headline was edited here: the comparison open.
fn comparing(size: egui::Vec2, dir: &Path) -> Harness<'static, CopydeskApp> {
    let p = dir.join("story.json");
    let mut a = Article::new();
    a.headline = "Council meets".into();
    let long = "The council met on Tuesday night to set the budget for the coming year, and \
        after four hours of debate about bus lanes, libraries, the price of parking and the \
        state of the town hall roof, the members voted by a narrow margin to raise the tax.";
    a.body = long.to_owned();
    format::save(&p, &a).unwrap();
    let mut h = Harness::builder()
        .with_max_steps(30)
        .with_size(size)
        .build_eframe({
            let p = p.clone();
            move |cc| CopydeskApp::new(cc, Some(p), Box::new(ScriptedDialogs::answering(vec![])))
        });
    crate::support::settle_spelling(&mut h);
    type_into(&mut h, "Headline", " tonight");
    a.body = long.replace("Tuesday", "Wednesday");
    a.standfirst = "Their standfirst.".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    h.get_by_label("Compare").click();
    h.run();
    h
}

#[test]
fn the_comparison_has_two_equal_columns_marks_changed_words_and_takes_one_field() {
    for size in [egui::vec2(1280.0, 800.0), egui::vec2(900.0, 600.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut h = comparing(size, dir.path());
        // both versions of the paragraph, side by side, as wide as each other
        let sides: Vec<egui::Rect> = h
            .root()
            .query_all_by(|n| {
                n.value()
                    .is_some_and(|v| v.starts_with("The council met on") && v.len() > 100)
            })
            .map(|n| n.rect())
            .collect();
        // the editor and the preview show it too: the two side by side are the comparison
        let sides: Vec<egui::Rect> = sides
            .iter()
            .filter(|r| {
                sides
                    .iter()
                    .any(|o| (o.min.y - r.min.y).abs() < 1.0 && (o.min.x - r.min.x).abs() > 10.0)
            })
            .copied()
            .collect();
        assert_eq!(sides.len(), 2, "{size:?}: mine and theirs");
        let (a, b) = (sides[0].width(), sides[1].width());
        assert!(
            (a - b).abs() <= 0.1 * a.max(b) && a > 0.3 * size.x,
            "{size:?}: columns {a} and {b} wide"
        );
        assert!(sides[0].max.x <= sides[1].min.x || sides[1].max.x <= sides[0].min.x);
        // Take theirs for the standfirst only: the rest stays mine, and Undo takes it back
        h.get_by_label("Take theirs: Standfirst").click();
        h.run();
        let story = h.state().state.story.article().clone();
        assert_eq!(story.standfirst, "Their standfirst.");
        assert_eq!(story.headline, "Council meets tonight");
        assert!(story.body.contains("Tuesday"), "the body is still mine");
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
        assert_eq!(h.state().state.story.article().standfirst, "");
        // every field taken from theirs: nothing left to settle, the bar goes, the story
        // is as saved on disk
        for _ in 0..10 {
            let Some(take) = h
                .root()
                .query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Take theirs: ")))
                .next()
            else {
                break;
            };
            take.click();
            h.run();
        }
        assert!(
            h.state().state.story.disk_change.is_none(),
            "{size:?}: no bar left"
        );
        assert!(!h.state().state.story.is_dirty(), "as saved on disk");
        assert!(!shown_containing(&h, "You have unsaved changes"));
        assert!(shown_containing(&h, "the story is as saved there"));
    }
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

/// "Undo goes back to your version" is news until the undo: once used, it goes.
#[test]
fn news_of_a_reload_goes_with_the_undo_it_offers() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let mut a = Article::new();
    a.headline = "Council meets".into();
    format::save(&p, &a).unwrap();
    let mut h = app(Some(p.clone()), vec![]);
    a.headline = "Council meets at six".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    assert!(shown_containing(&h, "Undo goes back to your version"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.run();
    assert_eq!(h.state().state.story.article().headline, "Council meets");
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

/// Issue 26, item 14: the changed-on-disk bar comes up above the status bar; the headline and
/// the body do not move down under the reader's eyes.
#[test]
fn the_changed_on_disk_bar_does_not_push_the_story_down() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("story.json");
    let mut a = Article::new();
    a.headline = "Council meets".into();
    a.body = "The council met.".into();
    format::save(&p, &a).unwrap();
    let mut h = app(Some(p.clone()), vec![]);
    type_into(&mut h, "Headline", " tonight");
    let headline = h.get_by_label("Headline").rect();
    let body = h.get_by_label("Story body").rect();
    a.headline = "Council meets at six".into();
    format::save(&p, &a).unwrap();
    h.state_mut().state.check_disk();
    h.run();
    assert!(shown_containing(
        &h,
        "story.json was changed on disk by someone else"
    ));
    assert_eq!(h.get_by_label("Headline").rect().top(), headline.top());
    assert_eq!(h.get_by_label("Story body").rect().top(), body.top());
    let bar = h.get_by_label("Compare").rect();
    let status = h.ctx.content_rect().bottom();
    assert!(
        bar.top() > body.top() && bar.bottom() < status,
        "the bar is low in the window: {bar:?}"
    );
}
