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
            started.elapsed() < Duration::from_secs(60),
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

/// A click in the body's pane, `down` points below the top of its view, with `modifiers`.
fn click_body(
    h: &mut egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>,
    down: f32,
    modifiers: egui::Modifiers,
) {
    // the formatting bar sits just above the body's view
    let bar = h.get_by_label("Bold").rect();
    let at = egui::pos2(bar.min.x + 120.0, bar.max.y + 10.0 + down);
    // the modifiers held down from the frame before the click to the one after it (Shift
    // as a keyboard sends it: a key of its own, then the modifier)
    let shift = |pressed| egui::Event::Key {
        key: egui::Key::ShiftLeft,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    };
    if modifiers.shift {
        h.event(shift(true));
    }
    h.event(egui::Event::ModifiersChanged(modifiers));
    h.event(egui::Event::PointerMoved(at));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    h.run();
    if modifiers.shift {
        h.event(shift(false));
    }
    h.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    h.run();
}

/// Turns the mouse wheel over the body `clicks` times, a thousand points each, and lets the
/// smooth scrolling come to rest.
fn scroll_body_down(h: &mut egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>, clicks: usize) {
    let bar = h.get_by_label("Bold").rect();
    h.hover_at(egui::pos2(bar.min.x + 120.0, bar.max.y + 200.0));
    for _ in 0..clicks {
        wheel_down(h, 1_000.0);
    }
    for _ in 0..40 {
        h.step();
    }
}

/// The body's selection (characters of the body, in order).
fn selected(h: &egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>) -> std::ops::Range<usize> {
    h.state()
        .view
        .editor
        .selection
        .clone()
        .expect("a selection")
}

/// The body's text now.
fn body(h: &egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>) -> String {
    h.state().state.story.article().body.clone()
}

/// The byte where character `chars` of `text` starts.
fn byte_of(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// A long body's field holds a few screens of it, not all; typing far down the story (the
/// field's cursor counted from the start of what it holds) lands exactly where the
/// cursor is in the story, and the rest of the story is untouched.
#[test]
fn a_long_body_is_held_a_few_screens_at_a_time_and_typing_lands_in_place() {
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let original = body(&h);
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.len() < original.len() / 10,
        "the field holds {} of {} bytes",
        held.len(),
        original.len()
    );
    scroll_body_down(&mut h, 40);
    click_body(&mut h, 150.0, egui::Modifiers::NONE);
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.start > original.len() / 10 && held.len() < original.len() / 10,
        "far down, the field holds {held:?} of {} bytes",
        original.len()
    );
    let cursor = h.state().view.editor.cursor.expect("a cursor");
    assert!(cursor > h.state().view.editor.window_chars());
    h.get_by_label("Story body").type_text("ZQX");
    h.run();
    let now = body(&h);
    let at = byte_of(&original, cursor);
    assert_eq!(now, format!("{}ZQX{}", &original[..at], &original[at..]));
    assert_eq!(h.state().view.editor.cursor, Some(cursor + 3));
    // and the next keystroke follows it
    h.key_press(egui::Key::Backspace);
    h.run();
    assert_eq!(
        body(&h),
        format!("{}ZQ{}", &original[..at], &original[at..])
    );
}

/// Ctrl+End, Ctrl+Home and Ctrl+A reach the ends of a long body, not of the part its field
/// holds: typed text lands at the story's very end and start, and select-all then a letter
/// leaves only that letter (Undo brings the story back).
#[test]
fn ctrl_home_end_and_a_reach_the_ends_of_a_long_body() {
    use egui::{Key, Modifiers};
    // Ctrl as a PC's keyboard gives it (egui's command key is Ctrl there)
    let ctrl = Modifiers::CTRL | Modifiers::COMMAND;
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let original = body(&h);
    click_body(&mut h, 100.0, Modifiers::NONE);
    h.key_press_modifiers(ctrl, Key::End);
    h.step();
    // the view went to the end in the same frame, and the field holds only the end
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.end == original.len() && held.len() < original.len() / 10,
        "{held:?} of {}",
        original.len()
    );
    h.run();
    h.get_by_label("Story body").type_text("[END]");
    h.run();
    assert_eq!(body(&h), format!("{original}[END]"));
    h.key_press_modifiers(ctrl, Key::Home);
    h.run();
    h.run();
    h.get_by_label("Story body").type_text("[START]");
    h.run();
    assert_eq!(body(&h), format!("[START]{original}[END]"));
    // Shift extends from the cursor, after "[START]", to the very end
    h.key_press_modifiers(ctrl | Modifiers::SHIFT, Key::End);
    h.run();
    let whole = body(&h).chars().count();
    assert_eq!(h.state().view.editor.selection, Some(7..whole));
    // a pause in typing (a test types faster than anyone)
    h.state_mut().state.story.break_undo_group();
    h.key_press_modifiers(ctrl, Key::A);
    h.run();
    assert_eq!(h.state().view.editor.selection, Some(0..whole));
    h.get_by_label("Story body").type_text("x");
    h.run();
    assert_eq!(body(&h), "x");
    h.key_press_modifiers(ctrl, Key::Z);
    h.run();
    assert_eq!(body(&h), format!("[START]{original}[END]"));
}

/// A selection from a paragraph in sight to one far below it (the view scrolled there with
/// the wheel, then a Shift+click) spans far more than the field holds at rest, and Delete
/// takes exactly that stretch out of the story.
#[test]
fn a_selection_from_one_paragraph_to_one_far_away_is_deleted_exactly() {
    use egui::Modifiers;
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let original = body(&h);
    let rest = h.state().view.editor.window_bytes().len();
    click_body(&mut h, 60.0, Modifiers::NONE);
    let from = h.state().view.editor.cursor.expect("a cursor");
    scroll_body_down(&mut h, 30);
    click_body(&mut h, 150.0, Modifiers::SHIFT);
    let selection = selected(&h);
    assert_eq!(selection.start, from, "from where the click put the cursor");
    let (a, b) = (
        byte_of(&original, selection.start),
        byte_of(&original, selection.end),
    );
    assert!(
        b - a > 4 * rest,
        "the selection ({} bytes) spans far more than the field holds at rest ({rest})",
        b - a
    );
    // Left alone, the field holds a few screens again, showing the part of the selection
    // in them; the selection is still all of it.
    for _ in 0..3 {
        h.step();
    }
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.len() < original.len() / 10 && held.start > a,
        "{held:?}"
    );
    assert_eq!(selected(&h), selection);
    let state = egui::TextEdit::load_state(&h.ctx, copydesk::ui::editor::body_id()).unwrap();
    let shown = state.cursor.char_range().unwrap();
    assert_ne!(
        shown.primary, shown.secondary,
        "the part in sight is drawn selected"
    );
    h.key_press(egui::Key::Delete);
    h.run();
    assert_eq!(body(&h), format!("{}{}", &original[..a], &original[b..]));
}

/// Read far from the cursor, the field still holds only the few screens in sight (the
/// cursor and selection are kept aside, not held); the selection is still what the
/// formatting bar formats, and typing goes back to the cursor, far above.
#[test]
fn reading_far_from_the_cursor_keeps_the_field_short_and_the_cursor_where_it_was() {
    use egui::{Key, Modifiers};
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let original = body(&h);
    click_body(&mut h, 60.0, Modifiers::NONE);
    for _ in 0..8 {
        h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
        h.run();
    }
    let selection = selected(&h);
    assert!(selection.len() > 5, "{selection:?}");
    scroll_body_down(&mut h, 40);
    assert!(h.state().view.editor.sight_top() > 30_000.0);
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.start > original.len() / 10 && held.len() < original.len() / 10,
        "the field holds {held:?} of {} bytes, far from the cursor",
        original.len()
    );
    assert_eq!(h.state().view.editor.selection, Some(selection.clone()));
    // the formatting bar formats the selection, far above
    h.get_by_label("Bold").click();
    h.run();
    let (a, b) = (
        byte_of(&original, selection.start),
        byte_of(&original, selection.end),
    );
    // (the spaces at the selection's ends are left outside the markup)
    let words = original[a..b].trim();
    let a = a + original[a..b].find(words).unwrap();
    let b = a + words.len();
    let bold = format!("{}**{words}**{}", &original[..a], &original[b..]);
    assert_eq!(body(&h), bold);
    // typing replaces the selection (the words made bold), brought into view again after
    // the view is taken far away once more
    let selection = selected(&h);
    scroll_body_down(&mut h, 40);
    assert!(h.state().view.editor.sight_top() > 30_000.0);
    assert_eq!(
        bold[byte_of(&bold, selection.start)..byte_of(&bold, selection.end)],
        *words
    );
    h.get_by_label("Story body").focus();
    h.run();
    h.get_by_label("Story body").type_text("ZQX");
    h.run();
    let (a, b) = (
        byte_of(&bold, selection.start),
        byte_of(&bold, selection.end),
    );
    let typed = format!("{}ZQX{}", &bold[..a], &bold[b..]);
    assert_eq!(body(&h), typed);
    assert!(
        h.state().view.editor.sight_top() < 2_000.0,
        "the view went back to the cursor: {}",
        h.state().view.editor.sight_top()
    );
    // Far away again, a letter typed at the cursor (no selection now) takes the view back
    // to it before the field takes the key: the field never holds everything between.
    scroll_body_down(&mut h, 40);
    let cursor = h.state().view.editor.cursor.expect("a cursor");
    h.get_by_label("Story body").type_text("W");
    h.step();
    let held = h.state().view.editor.window_bytes();
    assert!(
        held.start == 0 && held.len() < original.len() / 10,
        "{held:?}"
    );
    h.run();
    let at = byte_of(&typed, cursor);
    assert_eq!(body(&h), format!("{}W{}", &typed[..at], &typed[at..]));
}

/// Far down a long body (its field holding a window there), the spelling menu opens on the
/// misspelt word at the cursor, and its suggestion replaces exactly that word.
#[test]
fn far_down_a_long_body_a_suggestion_replaces_the_misspelt_word() {
    use egui::{Key, Modifiers};
    let (dir, path) = long_story(3_000);
    let mut a = copydesk_core::format::load(&path).unwrap();
    let n = a.body.find("Paragraph 2000 ").unwrap();
    a.body.insert_str(n, "The goverment said so.\n\n");
    copydesk_core::format::save(&path, &a).unwrap();
    let original = a.body.clone();
    let mut h = app(Some(path), vec![]);
    crate::support::settle_spelling(&mut h);
    settle(&mut h);
    let word = n + "The gover".len();
    h.state_mut().view.editor.select = Some(word..word);
    h.run();
    let held = h.state().view.editor.window_bytes();
    assert!(held.start > 0 && held.contains(&word), "{held:?}");
    h.key_press_modifiers(Modifiers::CTRL | Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    assert!(
        crate::support::shown(&h, "Add to my dictionary"),
        "the menu is open"
    );
    h.get_by_label("government").click();
    h.run();
    assert_eq!(
        body(&h),
        original.replacen("The goverment said", "The government said", 1)
    );
    drop(dir);
}

/// Runs `frames` frames, checking in each that the body's field holds less than `most`
/// bytes of the story.
fn step_held_short(
    h: &mut egui_kittest::Harness<'_, copydesk::ui::CopydeskApp>,
    frames: usize,
    most: usize,
    what: &str,
) {
    for frame in 0..frames {
        h.step();
        let held = h.state().view.editor.window_bytes();
        assert!(
            held.len() < most,
            "{what}, frame {frame}: the field holds {held:?}"
        );
    }
}

/// A selection across most of a long story — a Shift+click far from the cursor, Ctrl+A,
/// Shift+Ctrl+End — is never handed to the field whole (at 5 MB that cost a gigabyte): the
/// field holds the screens in sight and the selection's part in them, and what acts on all
/// of it (a copy, text typed or pasted over it, Backspace, Left and Right) is done on all of
/// it; a key the same frame held after the replacement acts in the next, after it.
#[test]
fn a_selection_across_a_long_body_is_never_held_whole() {
    use egui::{Event, Key, Modifiers, PointerButton};
    let ctrl = Modifiers::CTRL | Modifiers::COMMAND;
    let (_dir, path) = long_story(3_000);
    let mut h = app(Some(path), vec![]);
    settle(&mut h);
    let original = body(&h);
    let most = original.len() / 10;
    click_body(&mut h, 60.0, Modifiers::NONE);
    let from = h.state().view.editor.cursor.expect("a cursor");
    scroll_body_down(&mut h, 30);
    // a Shift+click far below the cursor, a frame at a time
    let bar = h.get_by_label("Bold").rect();
    let at = egui::pos2(bar.min.x + 120.0, bar.max.y + 160.0);
    h.event(Event::Key {
        key: Key::ShiftLeft,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::SHIFT,
    });
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.event(Event::PointerMoved(at));
    step_held_short(&mut h, 2, most, "Shift held");
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: at,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::SHIFT,
        });
        step_held_short(&mut h, 2, most, "the Shift+click");
    }
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    step_held_short(&mut h, 3, most, "after the click");
    let selection = selected(&h);
    assert_eq!(selection.start, from, "from the cursor");
    let (a, b) = (
        byte_of(&original, selection.start),
        byte_of(&original, selection.end),
    );
    assert!(b - a > 2 * most, "{a}..{b}");
    // Shift+Down extends it by a line, from its end in sight; the start stays far above
    h.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    step_held_short(&mut h, 3, most, "Shift+Down");
    let longer = selected(&h);
    assert_eq!(longer.start, from);
    assert!(longer.end > selection.end, "{longer:?} after {selection:?}");
    let b = byte_of(&original, longer.end);
    // a copy takes all of it
    h.event(Event::Copy);
    h.step();
    let copied: Vec<_> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, vec![original[a..b].to_owned()]);
    // two letters typed in one frame replace it, the cursor after them
    h.event(Event::Text("Q".into()));
    h.event(Event::Text("Z".into()));
    step_held_short(&mut h, 4, most, "typing over it");
    let typed = format!("{}QZ{}", &original[..a], &original[b..]);
    assert_eq!(body(&h), typed);
    // undo brings the stretch back, selected, still not held whole; redo takes it out again
    h.state_mut().state.story.break_undo_group();
    h.key_press_modifiers(ctrl, Key::Z);
    step_held_short(&mut h, 4, most, "undo");
    assert_eq!(body(&h), original);
    assert_eq!(selected(&h), longer);
    h.key_press_modifiers(ctrl, Key::Y);
    step_held_short(&mut h, 4, most, "redo");
    assert_eq!(body(&h), typed);
    // (redo selects what it put back: Right goes past it)
    h.key_press(Key::ArrowRight);
    h.get_by_label("Story body").type_text("X");
    step_held_short(&mut h, 3, most, "typing on");
    let typed = format!("{}QZX{}", &original[..a], &original[b..]);
    assert_eq!(body(&h), typed);
    // Shift+Ctrl+End selects to the very end, the view going there; Left puts the cursor
    // at the selection's start (back after "QZX"), Right at its end
    h.key_press_modifiers(ctrl | Modifiers::SHIFT, Key::End);
    step_held_short(&mut h, 3, most, "Shift+Ctrl+End");
    let whole = typed.chars().count();
    let after = selection.start + 3;
    assert_eq!(selected(&h), after..whole);
    h.key_press(Key::ArrowLeft);
    step_held_short(&mut h, 3, most, "Left");
    assert_eq!(h.state().view.editor.cursor, Some(after));
    assert!(
        h.state().view.editor.sight_top() < 2_000.0,
        "the view went to the cursor: {}",
        h.state().view.editor.sight_top()
    );
    // Ctrl+A, then Right: the cursor at the very end; Ctrl+A and Backspace empty the body
    h.key_press_modifiers(ctrl, Key::A);
    step_held_short(&mut h, 3, most, "Ctrl+A");
    assert_eq!(selected(&h), 0..whole);
    h.key_press(Key::ArrowRight);
    step_held_short(&mut h, 3, most, "Right");
    assert_eq!(h.state().view.editor.cursor, Some(whole));
    h.state_mut().state.story.break_undo_group();
    h.key_press_modifiers(ctrl, Key::A);
    step_held_short(&mut h, 2, most, "Ctrl+A again");
    // a paste over it and a Backspace in the same frame: the Backspace acts in the next
    // frame, after the paste
    h.event(Event::Paste("AB".into()));
    h.event(Event::Key {
        key: Key::Backspace,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    step_held_short(&mut h, 3, most, "paste and Backspace");
    h.run();
    assert_eq!(body(&h), "A");
    // undo brings it all back, selected, and still not held whole
    for _ in 0..3 {
        if body(&h) == typed {
            break;
        }
        h.key_press_modifiers(ctrl, Key::Z);
        step_held_short(&mut h, 4, most, "undo");
    }
    h.run();
    assert_eq!(body(&h), typed);
    assert_eq!(selected(&h), 0..whole);
    let held = h.state().view.editor.window_bytes();
    assert!(held.len() < most, "{held:?}");
}
