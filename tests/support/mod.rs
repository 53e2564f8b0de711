//! Driving the window in tests: building it, clicking menus, typing into fields by their
//! labels, and asking what is shown.
#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test file uses some of these; a test fails loudly where its setup does"
)]

use std::path::PathBuf;

use copydesk::app::dialogs::{Answer, ScriptedDialogs};
use copydesk::ui::CopydeskApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// The app as on a first run (the sample story, untitled), with dialogs that answer from
/// `answers`.
pub fn app(file: Option<PathBuf>, answers: Vec<Answer>) -> Harness<'static, CopydeskApp> {
    let mut h = Harness::builder()
        // the checking worker's answers (spelling, then grammar) arrive during a run and ask
        // for frames of their own
        .with_max_steps(30)
        .with_size(egui::vec2(1280.0, 860.0))
        .build_eframe(move |cc| {
            CopydeskApp::new(cc, file, Box::new(ScriptedDialogs::answering(answers)))
        });
    settle_spelling(&mut h);
    h
}

/// Runs the window until the spelling worker has answered for the story in it, so what is
/// underlined and counted does not depend on how fast the worker was.
pub fn settle_spelling(h: &mut Harness<'_, CopydeskApp>) {
    // up to a minute and more (a busy machine builds the grammar checker slowly); done when it is
    for _ in 0..6000 {
        // other things may still be settling (a file watch, a picture): one frame at a time
        h.step();
        if h.state().state.story.spelling_settled() {
            h.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the spelling worker did not answer");
}

/// Waits until grammar and house style have answered too (they read a story after its
/// spelling is shown), one frame at a time.
pub fn settle_checks(h: &mut Harness<'_, CopydeskApp>) {
    for _ in 0..3000 {
        h.step();
        if h.state().state.story.checks_settled() {
            h.step();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("grammar and style did not answer");
}

/// Clicks a menu, then an item in it. Items are named with their shortcut ("New Ctrl+N").
pub fn menu(h: &mut Harness<'_, CopydeskApp>, top: &str, item: &str) {
    h.get_by_label(top).click();
    h.run();
    menu_item(h, item);
}

/// Clicks an item of the open menu, named with or without its shortcut.
pub fn menu_item(h: &mut Harness<'_, CopydeskApp>, item: &str) {
    let with_shortcut = format!("{item} ");
    // "Save" must not pick "Save As… Ctrl+Shift+S": the shortest match is the item itself
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l == item || l.starts_with(&with_shortcut))
        })
        .min_by_key(|n| n.accesskit_node().label().map_or(0, |l| l.len()))
        .unwrap_or_else(|| panic!("no menu item {item:?}"))
        .click();
    h.run();
}

/// Starts a blank story through File → New (the sample is unchanged, so nothing is asked).
pub fn blank(h: &mut Harness<'_, CopydeskApp>) {
    menu(h, "File", "New");
    assert_eq!(h.state().state.story.article().headline, "");
}

/// Focuses a field (the cursor goes to its end) and types.
pub fn type_into(h: &mut Harness<'_, CopydeskApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

pub fn shown(h: &Harness<'_, CopydeskApp>, text: &str) -> bool {
    h.query_all_by_label(text).next().is_some()
}

/// Whether any widget's name or text contains `part` (labels carry their text as value).
pub fn shown_containing(h: &Harness<'_, CopydeskApp>, part: &str) -> bool {
    h.root()
        .query_all_by(|n| {
            n.label().is_some_and(|l| l.contains(part))
                || n.value().is_some_and(|v| v.contains(part))
        })
        .next()
        .is_some()
}

/// Whether `label` reads like the status bar's problem count ("2 errors, 1 warning").
fn is_problem_count(label: &str) -> bool {
    label == "No problems"
        || label.split(", ").count() == 2 && label.contains("error") && label.contains("warning")
}

/// Turns the mouse wheel by `points` over wherever the pointer is (down when positive); the
/// caller runs the frames that follow.
pub fn wheel(h: &mut Harness<'_, CopydeskApp>, points: f32) {
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -points),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    });
}

/// Opens the checks list from the status bar's problem count (it closes again when a
/// problem is clicked).
pub fn open_checks(h: &mut Harness<'_, CopydeskApp>) {
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Button && n.label().is_some_and(|l| is_problem_count(&l))
        })
        .next()
        .expect("the status bar shows the problem count")
        .click();
    h.run();
}

/// The local WordPress's credentials file (`.ci/wordpress` writes it: `$COPYDESK_WP_ENV`,
/// else `/tmp/copydesk-wordpress.env`) as its `KEY=VALUE` lines; `None`, with a note, where
/// there is no site — except in CI, where that fails the test.
pub fn wordpress_site() -> Option<std::collections::HashMap<String, String>> {
    let path = std::env::var_os("COPYDESK_WP_ENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/copydesk-wordpress.env"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(
            text.lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        ),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{}: {e}; CI runs `bash .ci/wordpress` first",
                path.display()
            );
            eprintln!("no local WordPress: run `bash .ci/wordpress` to test publishing");
            None
        }
    }
}
