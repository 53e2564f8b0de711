//! A long story in the window: its preview and checks are worked out off the window's
//! thread and never shown out of date as current; only what is in sight of the preview is
//! drawn; a frame's cost does not grow with the story.

use std::time::{Duration, Instant};

use crate::support::{app, shown_containing, type_into};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

/// The drawn preview paragraph nearest the top of the view below `top`: its number and
/// where it is.
fn first_shown_below(
    h: &egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>,
    top: f32,
) -> Option<(usize, f32)> {
    h.root()
        .query_all_by(|node| node.role() == Role::Label)
        .filter_map(|node| {
            let ak = node.accesskit_node();
            let text = ak.value().or_else(|| ak.label())?;
            let n = text
                .strip_prefix("Paragraph ")?
                .split(' ')
                .next()?
                .parse()
                .ok()?;
            let y = node.rect().min.y;
            (y >= top).then_some((n, y))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

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
    while !h.state_mut().state.story.derived_is_current() {
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

/// One turn of the mouse wheel over what the pointer is on, `points` down, and a frame.
fn wheel_down(h: &mut egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>, points: f32) {
    crate::support::wheel(h, points);
    h.step();
}

#[test]
fn a_long_story_edited_while_its_preview_is_worked_out_shows_the_newest_text() {
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    assert!(
        h.state().state.story.is_long(),
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
        let headline = h.state().state.story.article().headline.clone();
        let current = h.state_mut().state.story.derived_is_current();
        assert!(
            current || shown_containing(&h, "updating…"),
            "an out-of-date preview is marked as updating"
        );
        if current {
            assert!(shown_containing(&h, &headline));
        }
    }
    settle(&mut h);
    let headline = h.state().state.story.article().headline.clone();
    assert!(headline.ends_with("Zebra crossing ahead"), "{headline}");
    assert!(
        shown_containing(&h, &headline),
        "the preview shows the newest headline once it settles"
    );
    assert!(!shown_containing(&h, "updating…"));
}

#[test]
fn a_keystroke_does_not_move_a_long_preview_scrolled_down() {
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let preview = h.get_by_label("Preview").rect();
    let top = preview.max.y + 30.0;
    h.hover_at(egui::pos2(preview.min.x + 100.0, top + 300.0));
    for _ in 0..30 {
        wheel_down(&mut h, 400.0);
    }
    // until the smooth scroll has come to rest
    for _ in 0..20 {
        h.step();
    }
    let (n, y) = first_shown_below(&h, top).expect("the preview shows paragraphs");
    assert!(n > 100, "scrolled well down: paragraph {n}");
    // a keystroke in a field the page does not show (the headline could wrap anew and
    // rightly move the page): a new document for the whole story all the same
    type_into(&mut h, "Editor notes", "x");
    settle(&mut h);
    let (after, y_after) = first_shown_below(&h, top).expect("still paragraphs");
    assert_eq!(after, n, "the same paragraph is at the top of the view");
    assert!(
        (y_after - y).abs() <= 2.0,
        "the paragraph in view stays where it was (within a pixel's rounding): {y} -> {y_after}"
    );
}

/// Text scrolled into sight is coloured in the frame that first shows it, however fast the
/// wheel turns (the colours once followed the last frame's view, a frame behind).
#[test]
fn a_long_body_scrolled_fast_is_coloured_in_every_frame() {
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let body = h.get_by_label("Story body").rect();
    h.hover_at(egui::pos2(body.center().x, body.min.y + 200.0));
    let mut moved = 0.0;
    for _ in 0..25 {
        wheel_down(&mut h, 3_000.0);
        let editor = &h.state().view.editor;
        assert_eq!(
            editor.uncoloured_in_sight(),
            0,
            "every line in sight coloured in the frame that shows it"
        );
        moved = editor.sight_top();
    }
    assert!(moved > 20_000.0, "the body scrolled far: {moved}");
}

/// Page Down and Page Up move the body's cursor a screen at a time and the view with it;
/// with Shift they select (egui's own text field has no page keys).
#[test]
fn page_keys_move_the_cursor_and_the_view_a_screen_at_a_time() {
    use egui::{Key, Modifiers};
    let (_dir, path) = long_story(400);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    // a click in the first screen of the body puts the cursor there
    let body = h.get_by_label("Story body").rect();
    let at = egui::pos2(body.center().x, body.min.y + 100.0);
    h.event(egui::Event::PointerMoved(at));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
    let cursor = |h: &egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>| {
        h.state().view.editor.cursor.expect("the body's cursor")
    };
    // far more than a few rows (the test window's body shows several hundred points)
    let screen = 300.0;
    let mut last = (cursor(&h), h.state().view.editor.sight_top());
    assert!(last.1 < 1.0, "the view at the top: {last:?}");
    for _ in 0..3 {
        h.key_press(Key::PageDown);
        h.run();
        let now = (cursor(&h), h.state().view.editor.sight_top());
        assert!(now.0 > last.0, "the cursor went down: {last:?} -> {now:?}");
        assert!(
            now.1 > last.1 + screen * 0.5,
            "the view went down about a screen ({screen}): {last:?} -> {now:?}"
        );
        last = now;
    }
    h.key_press(Key::PageUp);
    h.run();
    let up = (cursor(&h), h.state().view.editor.sight_top());
    assert!(up.0 < last.0 && up.1 < last.1, "{last:?} -> {up:?}");
    // Shift selects from where the cursor was
    h.key_press_modifiers(Modifiers::SHIFT, Key::PageDown);
    h.run();
    let selection = h
        .state()
        .view
        .editor
        .selection
        .clone()
        .expect("a selection");
    assert_eq!(selection.start, up.0);
    assert!(selection.end > up.0, "{selection:?}");
    // and the story itself is untouched by all of it
    assert!(!h.state().state.story.is_dirty());
}

/// Scrolling the body takes the preview to the same place: the paragraph at the top of the
/// editor's view is at the top of the preview's; back at the body's start, the preview shows
/// the page's top again.
#[test]
fn the_preview_follows_the_body_scrolled_down_and_back() {
    use copydesk::ui::preview::Follow;
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let preview = h.get_by_label("Preview").rect();
    let top = preview.max.y + 30.0;
    let body = h.get_by_label("Story body").rect();
    h.hover_at(egui::pos2(body.center().x, body.min.y + 200.0));
    for _ in 0..10 {
        wheel_down(&mut h, 1_000.0);
    }
    // until the smooth scrolls have come to rest
    for _ in 0..40 {
        h.step();
    }
    let Follow::Body(byte) = h.state().view.editor.follow() else {
        panic!("the body was scrolled down");
    };
    // the paragraph at the top of the body's view
    let at_top = h.state().state.story.article().body[..byte]
        .matches("Paragraph ")
        .count()
        + 1;
    assert!(at_top > 50, "scrolled well down: paragraph {at_top}");
    let (n, _) = first_shown_below(&h, top).expect("the preview shows paragraphs");
    assert!(
        n.abs_diff(at_top) <= 2,
        "the preview shows paragraph {n} at its top, the body {at_top}"
    );
    // and back up
    for _ in 0..10 {
        wheel_down(&mut h, -1_000.0);
    }
    for _ in 0..40 {
        h.step();
    }
    assert_eq!(h.state().view.editor.follow(), Follow::Top);
    assert!(preview_shows(&h, 1), "back at the top of the page");
}
