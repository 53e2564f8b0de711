//! A day on the desk, in the real window: what a journalist and an editor ran into, one test
//! for each (the numbers are the items of the report). Layout is measured by the rectangles
//! of the widgets, found by their labels.

use std::path::PathBuf;

use crate::support::{
    blank, menu, open_checks, settle_spelling, shown, shown_containing, type_into, wheel,
};
use copydesk::app::dialogs::{Answer, ScriptedDialogs};
use copydesk::ui::CopydeskApp;
use copydesk::ui::layout::MIN_BODY;
use copydesk_core::article::Article;
use copydesk_core::format;
use egui::accesskit::Role;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn window(
    size: egui::Vec2,
    file: Option<PathBuf>,
    answers: Vec<Answer>,
) -> Harness<'static, CopydeskApp> {
    let mut h = Harness::builder()
        .with_max_steps(30)
        .with_size(size)
        .build_eframe(move |cc| {
            CopydeskApp::new(cc, file, Box::new(ScriptedDialogs::answering(answers)))
        });
    settle_spelling(&mut h);
    h
}

fn rect(h: &Harness<'_, CopydeskApp>, label: &str) -> Rect {
    h.get_by_label(label).rect()
}

fn overlap(a: Rect, b: Rect) -> bool {
    a.intersects(b) && a.intersect(b).area() > 1.0
}

// ---------- 1. the metadata panel never widens by itself; the body keeps its column ----------

#[test]
fn item_1_the_panel_keeps_its_width_whatever_the_mouse_does() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    let before = rect(&h, "Headline").width();
    h.get_by_label("Add author").click();
    h.run();
    type_into(
        &mut h,
        "Author 1",
        "Ann Reporter with a rather long name for a byline",
    );
    for x in [50.0, 200.0, 340.0, 600.0, 900.0] {
        for y in [100.0, 400.0, 700.0] {
            h.hover_at(egui::pos2(x, y));
            h.run();
        }
    }
    let after = rect(&h, "Headline").width();
    assert!(
        (after - before).abs() < 1.0,
        "panel grew from {before} to {after}"
    );
    // the author row fits the panel: its Remove button is inside it
    let panel_right = rect(&h, "Headline").right();
    assert!(rect(&h, "Remove").right() <= panel_right + 1.0);
}

fn body_width(h: &Harness<'_, CopydeskApp>) -> f32 {
    rect(h, "Story body").width()
}

#[test]
fn item_1_the_body_keeps_a_readable_column_at_any_size_and_zoom() {
    for (w, hgt) in [(1280.0, 800.0), (900.0, 600.0), (720.0, 420.0)] {
        let mut h = window(vec2(w, hgt), None, vec![]);
        h.run();
        let body = body_width(&h);
        assert!(body >= MIN_BODY - 30.0, "{w}×{hgt}: body {body}");
        for zoom in [1.5, 2.0] {
            h.ctx.set_zoom_factor(zoom);
            h.run();
            let body = body_width(&h);
            assert!(body >= MIN_BODY - 30.0, "{w}×{hgt} at {zoom}: body {body}");
        }
        h.ctx.set_zoom_factor(1.0);
        h.run();
        if w < 900.0 {
            assert!(shown(&h, "Preview hidden: widen the window"), "{w}×{hgt}");
        }
    }
}

// ---------- 2. fields do not jump while typing; clicking a field does not scroll ----------

#[test]
fn item_2_fields_stay_put_while_the_checks_change() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    let seo = rect(&h, "SEO headline").top();
    let standfirst = rect(&h, "Standfirst").top();
    // a headline appears (one problem goes), then a placeholder (another comes)
    type_into(&mut h, "Headline", "Council TK");
    assert!((rect(&h, "SEO headline").top() - seo).abs() < 1.0);
    assert!((rect(&h, "Standfirst").top() - standfirst).abs() < 1.0);
    // clicking into a field lower down does not scroll the panel
    let section = rect(&h, "Section").top();
    h.get_by_label("Section").click();
    h.run();
    assert!(
        (rect(&h, "Section").top() - section).abs() < 1.0,
        "the panel scrolled"
    );
}

// ---------- 3. body box, picture box, status bar, scroll position ----------

#[test]
fn item_3_the_empty_body_fills_its_pane() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    let body = rect(&h, "Story body");
    assert!(
        body.height() > 800.0 * 0.75,
        "the body box is {} tall",
        body.height()
    );
}

#[test]
fn item_3_a_long_picture_address_stays_in_its_box() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Article::new();
    a.headline = "Picture".into();
    a.image = Some(copydesk_core::article::Image {
        source: format!("/no/such/{}.jpg", "folder/".repeat(30)),
        ..Default::default()
    });
    let p = dir.path().join("s.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    let says_why = |h: &Harness<'_, CopydeskApp>| {
        h.root()
            .query_all_by(|n| {
                n.value()
                    .is_some_and(|v| v.starts_with("The picture cannot be shown"))
            })
            .map(|n| n.rect())
            .max_by(|a, b| a.left().total_cmp(&b.left()))
    };
    // the picture loader answers on its own thread: up to a minute on a busy machine
    for _ in 0..2000 {
        h.run();
        if says_why(&h).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    let preview = rect(&h, "Preview");
    let note = says_why(&h).expect("the picture's box says why");
    assert!(note.right() <= preview.left() + 460.0 && note.left() >= preview.left() - 10.0);
}

/// The rectangle of the label reading `text`, wherever it is.
fn label_rect(h: &Harness<'_, CopydeskApp>, text: &str) -> Rect {
    h.root()
        .query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|v| v == text))
        .next()
        .unwrap_or_else(|| panic!("no label {text:?}"))
        .rect()
}

#[test]
fn item_3_the_status_bar_fits_a_narrow_window() {
    let mut h = window(vec2(720.0, 420.0), None, vec![]);
    h.run();
    // the sample's three desk words are spelling warnings here, and its missing picture
    let count = rect(&h, "0 errors, 4 warnings");
    let text = "Preview hidden: widen the window";
    let note = label_rect(&h, text);
    assert!(!overlap(count, note), "{count:?} {note:?}");
    assert!(note.right() <= 720.0);
    // and whole, not cut to "Preview hi…": the counts give way (words stay, the rest on
    // hover)
    let font = egui::TextStyle::Body.resolve(&h.ctx.global_style());
    let whole = h.ctx.fonts_mut(|f| {
        f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    });
    assert!(note.width() + 1.0 >= whole, "{} of {whole}", note.width());
    assert!(!shown(&h, "2611 characters") && shown_containing(&h, " words"));
    // the file's name, when there is room for it, between the two (the title bar has it too)
    for name in h
        .root()
        .query_all_by(|n| {
            n.role() == Role::Label
                && n.value()
                    .is_some_and(|v| v.starts_with("Untitled") || v == "…")
        })
        .map(|n| n.rect())
    {
        assert!(!overlap(note, name) && !overlap(count, name), "{name:?}");
    }
}

#[test]
fn item_3_news_in_the_status_bar_never_covers_the_counts() {
    let mut h = window(vec2(900.0, 600.0), None, vec![]);
    h.run();
    h.state_mut().state.info = Some(format!("Imported /{}", "very/long/path/".repeat(20)));
    h.run();
    let count = h
        .root()
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l == "No problems" || l.contains("warning"))
        })
        .next()
        .unwrap()
        .rect();
    let info = h
        .root()
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("Imported")))
        .next()
        .unwrap()
        .rect();
    assert!(!overlap(count, info), "{count:?} {info:?}");
}

/// Where the preview (right of its heading `preview`) shows a line reading `text`.
fn preview_text(h: &Harness<'_, CopydeskApp>, text: &str, preview: Rect) -> Option<Rect> {
    h.root()
        .query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|v| v == text))
        .map(|n| n.rect())
        .find(|r| r.left() >= preview.left() - 5.0)
}

#[test]
fn item_3_another_story_opens_at_its_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Article::new();
    a.headline = "Second story".into();
    a.body = "Words. ".repeat(2000);
    let other = dir.path().join("other.json");
    format::save(&other, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), None, vec![Answer::Chosen(other)]);
    h.run();
    // scroll the preview of the first story well down
    let preview = rect(&h, "Preview");
    h.hover_at(preview.left_bottom() + vec2(100.0, 300.0));
    for _ in 0..20 {
        wheel(&mut h, 200.0);
        h.run();
    }
    let first = h.state().state.story.article().headline.clone();
    let scrolled = preview_text(&h, &first, preview).expect("the preview shows the first headline");
    assert!(
        scrolled.top() < preview.bottom() - 500.0,
        "the wheel scrolled the preview: {scrolled:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    let headline =
        preview_text(&h, "Second story", preview).expect("the preview shows the headline");
    assert!(
        headline.top() >= preview.bottom() - 1.0 && headline.top() < preview.bottom() + 150.0,
        "the headline is not at the top of the preview: {headline:?} under {preview:?}"
    );
}

// ---------- 4. find and replace ----------

#[test]
fn item_4_the_find_bar_never_draws_over_itself_and_escape_closes_it() {
    for width in [1280.0, 900.0, 720.0] {
        let mut h = window(vec2(width, 700.0), None, vec![]);
        h.key_press_modifiers(Modifiers::COMMAND, Key::H);
        h.run();
        h.get_by_label("Replace with").click();
        h.run();
        let find = rect(&h, "Find");
        for b in ["Previous", "Next", "Close", "Match case"] {
            assert!(!overlap(find, rect(&h, b)), "{width}: Find under {b}");
        }
        assert!(
            !overlap(rect(&h, "Match case"), rect(&h, "Previous")),
            "{width}"
        );
        assert!(!overlap(rect(&h, "Next"), rect(&h, "Close")), "{width}");
        // with matches, their count sits between the checkbox and the buttons
        type_into(&mut h, "Find", "Corbyn");
        let count = h
            .root()
            .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("1 of ")))
            .next()
            .expect("the count of matches")
            .rect();
        for b in ["Match case", "Previous", "Next"] {
            assert!(!overlap(count, rect(&h, b)), "{width}: the count under {b}");
        }
        // Escape closes it
        h.get_by_label("Find").click();
        h.run();
        h.key_press(Key::Escape);
        h.run();
        assert!(!h.state().view.editor.find.is_open(), "{width}: Escape");
    }
}

#[test]
fn item_4_enter_goes_from_match_to_match_and_never_types_into_the_story() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    let before = h.state().state.story.article().body.clone();
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    // a word only the body has: Enter goes through the body's matches
    type_into(&mut h, "Find", "responsibility");
    for _ in 0..3 {
        h.key_press(Key::Enter);
        h.run();
        h.run();
        assert!(
            h.get_by_label("Find").is_focused(),
            "the cursor stays in Find"
        );
    }
    assert!(shown(&h, "3 of 3"));
    assert_eq!(
        h.state().state.story.article().body,
        before,
        "nothing was typed into the story"
    );
    // Escape: the bar closes and the body has the third match selected
    h.key_press(Key::Escape);
    h.run();
    h.run();
    assert!(!h.state().view.editor.find.is_open());
    assert!(h.get_by_label("Story body").is_focused());
    let third = before.match_indices("responsibility").nth(2).unwrap().0;
    let chars = before[..third].chars().count();
    let state = egui::TextEdit::load_state(&h.ctx, copydesk::ui::editor::body_id()).unwrap();
    let range = state.cursor.char_range().unwrap();
    let (a, b) = (range.primary.index.0, range.secondary.index.0);
    assert_eq!(
        (a.min(b), a.max(b)),
        (chars, chars + "responsibility".len())
    );
}

#[test]
fn item_4_closing_the_find_bar_takes_its_highlights_away() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    type_into(&mut h, "Find", "Corbyn");
    assert!(h.state().view.editor.highlighted() > 0);
    h.get_by_label("Close").click();
    h.run();
    assert_eq!(
        h.state().view.editor.highlighted(),
        0,
        "highlights left in the body"
    );
}

#[test]
fn item_4_escape_closes_an_open_menu() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    h.get_by_label("File").click();
    h.run();
    assert!(shown_containing(&h, "Save As"));
    h.key_press(Key::Escape);
    h.run();
    assert!(!shown_containing(&h, "Save As"), "the menu is still open");
}

// ---------- 5. every problem takes the cursor to its place ----------

fn click_problem(h: &mut Harness<'_, CopydeskApp>, starts: &str) {
    open_checks(h);
    h.root()
        .query_all_by(|n| n.label().is_some_and(|l| l.starts_with(starts)))
        .next()
        .unwrap_or_else(|| panic!("no problem {starts:?}"))
        .click();
    h.run();
    h.run();
}

fn visible_in_metadata(h: &Harness<'_, CopydeskApp>, r: Rect) -> bool {
    r.top() >= 20.0 && r.bottom() <= h.ctx.content_rect().bottom() - 20.0 && r.left() < 600.0
}

/// Clicks link 4's problem in the checks list: its Place at cursor (the last one) takes the
/// keyboard, in sight in the metadata panel.
fn takes_to_link_4(h: &mut Harness<'_, CopydeskApp>) {
    click_problem(h, "warning: related link 4");
    let place = h
        .root()
        .query_all_by(|n| n.label().is_some_and(|l| l == "Place at cursor"))
        .last()
        .unwrap();
    assert!(place.is_focused(), "link 4's Place at cursor has the focus");
    assert!(visible_in_metadata(h, place.rect()), "{:?}", place.rect());
}

#[test]
fn item_5_each_problem_puts_the_cursor_in_its_field_in_view() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.image.as_mut().unwrap().credit.clear();
    a.related.push(copydesk_core::article::RelatedLink {
        id: "unplaced".into(),
        title: "A fourth link".into(),
        url: "https://example.com/four".into(),
        ..Default::default()
    });
    a.body.push_str("\nThe vote was TK last night.\n");
    let p = dir.path().join("s.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();

    click_problem(&mut h, "warning: the image has no credit");
    let credit = h.get_by_label("Credit");
    assert!(credit.is_focused(), "the credit field has the cursor");
    assert!(
        visible_in_metadata(&h, credit.rect()),
        "{:?}",
        credit.rect()
    );

    takes_to_link_4(&mut h);

    click_problem(&mut h, "warning: placeholder “TK”");
    assert!(h.get_by_label("Story body").is_focused());
    let body = &h.state().state.story.article().body;
    let at = body.find("TK").unwrap();
    let state = egui::TextEdit::load_state(&h.ctx, copydesk::ui::editor::body_id()).unwrap();
    let range = state.cursor.char_range().unwrap();
    let chars = |b: usize| body[..b].chars().count();
    assert_eq!(
        (
            range.primary.index.0.min(range.secondary.index.0),
            range.primary.index.0.max(range.secondary.index.0)
        ),
        (chars(at), chars(at + 2)),
        "the placeholder is selected"
    );
}

/// The sample with forty more related links, all placed but link 36; the addresses of links
/// 4 and 39 are not web addresses.
fn forty_more_links() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.image = None;
    for k in 0..40 {
        let id = format!("extra-{k}");
        if a.related.len() != 35 {
            a.body.push_str(&format!(
                "\n\n{}\n",
                copydesk_core::markup::related_anchor(&id)
            ));
        }
        let url = if [3, 38].contains(&a.related.len()) {
            "not a web address".to_owned()
        } else {
            format!("https://example.com/extra/{k}")
        };
        a.related.push(copydesk_core::article::RelatedLink {
            id,
            title: format!("Extra story {k}"),
            url,
            ..Default::default()
        });
    }
    let p = dir.path().join("s.json");
    format::save(&p, &a).unwrap();
    (dir, p)
}

/// The links passed over keep their room: drawn boxes on either side of a stretch not drawn
/// are as far apart as if every box between had been drawn.
#[test]
fn item_5_links_out_of_sight_keep_their_room() {
    let (_dir, p) = forty_more_links();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();
    // link 4's address takes the keyboard: its box and its neighbours stay drawn
    click_problem(&mut h, "error: related link 4 (");
    assert!(h.get_by_label("Link 4 URL").is_focused());
    h.get_by_label("Link 4 URL").hover();
    h.run();
    wheel(&mut h, 1500.0);
    h.run();
    let top = |h: &Harness<'_, CopydeskApp>, k: usize| {
        h.query_by_label(&format!("Link {k} title"))
            .map(|n| n.rect().top())
    };
    assert!(h.get_by_label("Link 4 URL").is_focused(), "still focused");
    let five = top(&h, 5).expect("link 5, beside the focused box, is drawn");
    assert!(
        five < 0.0,
        "the focused box is scrolled out of sight: {five}"
    );
    assert!(top(&h, 7).is_none(), "link 7 is passed over");
    let first = (7..43)
        .find(|&k| top(&h, k).is_some())
        .expect("links in sight are drawn");
    let pitch = top(&h, first + 1).unwrap() - top(&h, first).unwrap();
    let gap = top(&h, first).unwrap() - five;
    assert!(
        (gap - (first - 5) as f32 * pitch).abs() < 1.0,
        "link {first} is {gap} below link 5, boxes {pitch} apart"
    );
}

/// A long read's links are drawn only where they can be seen; a problem with one far down
/// the list still takes the cursor to it and brings it into view.
#[test]
fn item_5_a_problem_reaches_a_link_far_down_a_long_list() {
    let (_dir, p) = forty_more_links();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();
    assert!(
        h.query_by_label("Link 39 URL").is_none(),
        "link 39 is out of sight, so it is not drawn"
    );

    click_problem(&mut h, "error: related link 39");
    let url = h.get_by_label("Link 39 URL");
    assert!(url.is_focused(), "link 39's address has the cursor");
    assert!(visible_in_metadata(&h, url.rect()), "{:?}", url.rect());

    click_problem(&mut h, "warning: related link 36");
    eprintln!("DBG focused {:?}", h.ctx.memory(|m| m.focused()));
    for n in h.root().query_all_by(|n| n.is_focused()) {
        eprintln!(
            "DBG {:?} {:?} {:?}",
            n.accesskit_node().label(),
            n.accesskit_node().role(),
            n.rect()
        );
    }
    let place = h
        .root()
        .query_all_by(|n| n.label().is_some_and(|l| l == "Place at cursor"))
        .find(|n| n.is_focused())
        .expect("a Place at cursor button has the focus");
    assert!(visible_in_metadata(&h, place.rect()), "{:?}", place.rect());
    let title = h.get_by_label("Link 36 title");
    assert!(
        title.rect().top() < place.rect().top() && place.rect().top() - title.rect().top() < 200.0,
        "the focused button is link 36's: {:?} {:?}",
        title.rect(),
        place.rect()
    );
}

#[test]
fn item_5_the_embargo_problem_reaches_the_embargo_date() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.status = copydesk_core::article::Status::Published;
    a.embargo = Some(copydesk_core::article::Stamp::new(
        chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap(),
        None,
        chrono_tz::Europe::London,
    ));
    let p = dir.path().join("e.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();
    click_problem(
        &mut h,
        "error: the story is marked published but is embargoed",
    );
    let date = h.get_by_label("Embargo until");
    assert!(date.is_focused(), "the embargo date has the focus");
    assert!(visible_in_metadata(&h, date.rect()), "{:?}", date.rect());
}

// ---------- 8. placements counted as a reader counts paragraphs ----------

#[test]
fn item_8_placements_count_quoted_paragraphs() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    type_into(
        &mut h,
        "Story body",
        "One.\n\n\"Two.\n\n\"Three.\"\n\nFour.",
    );
    type_into(&mut h, "New link title", "Link");
    type_into(&mut h, "New link URL", "https://example.com/");
    h.get_by_label("Add related link").scroll_to_me();
    h.run();
    h.get_by_label("Add related link").click();
    h.run();
    h.state_mut().view.editor.cursor = Some(32); // in "Four."
    h.get_by_label("Place at cursor").scroll_to_me();
    h.run();
    h.get_by_label("Place at cursor").click();
    h.run();
    assert!(shown(&h, "Placed after paragraph 4"));
}

// ---------- 9. forms ----------

#[test]
fn item_9_tags_one_after_another_without_clicking() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    type_into(&mut h, "New tag", "Budget");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.get_by_label("New tag").is_focused(),
        "the field keeps the cursor"
    );
    h.get_by_label("New tag").type_text("Council");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().state.story.article().tags,
        vec!["Budget", "Council"]
    );
}

#[test]
fn item_9_language_field_and_common_languages() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    assert_eq!(h.state().state.story.article().language, "en-GB");
    h.get_by_label("Common languages").click();
    h.run();
    h.get_by_label("English (US) — en-US").click();
    h.run();
    assert_eq!(h.state().state.story.article().language, "en-US");
    type_into(&mut h, "Language", "!!");
    assert!(shown_containing(&h, "Not a language tag"));
}

#[test]
fn item_9_zones_are_searched_and_offsets_read_right() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Article::new();
    a.headline = "Zones".into();
    a.published = Some(copydesk_core::article::Stamp::new(
        chrono::NaiveDate::from_ymd_opt(2024, 1, 10).unwrap(),
        None,
        "Etc/GMT-2".parse().unwrap(),
    ));
    let p = dir.path().join("z.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();
    let picker = h.get_by_label("Publication date time zone");
    assert_eq!(
        picker.value().as_deref(),
        Some("UTC+02:00 (Etc/GMT-2)"),
        "an imported offset zone reads as its offset"
    );
    picker.click();
    h.run();
    type_into(&mut h, "Search zones", "new y");
    let new_york = h
        .root()
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("New York — America/New_York"))
        })
        .next()
        .expect("New York is found by \"new y\"")
        .rect();
    h.hover_at(new_york.center());
    h.run();
    h.root()
        .query_all_by(|n| {
            n.label()
                .is_some_and(|l| l.starts_with("New York — America/New_York"))
        })
        .next()
        .unwrap()
        .click();
    h.run();
    let zone = h.state().state.story.article().published.unwrap().zone;
    assert_eq!(zone, chrono_tz::America::New_York);
    // typed, then Enter: the first zone found
    h.get_by_label("Publication date time zone").click();
    h.run();
    type_into(&mut h, "Search zones", "tokyo");
    h.key_press(Key::Enter);
    h.run();
    let zone = h.state().state.story.article().published.unwrap().zone;
    assert_eq!(zone, chrono_tz::Asia::Tokyo);
    assert!(!shown(&h, "Search zones"), "the list closed");
}

#[test]
fn item_9_help_lists_the_shortcuts_and_the_markup() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    menu(&mut h, "Help", "Keyboard shortcuts");
    assert!(shown(&h, "Keyboard shortcuts"), "the window's title");
    // one row per command with a shortcut, read from the command table
    let save_as = h.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::S,
    ));
    assert!(shown(&h, "Save As"));
    assert!(shown(&h, &save_as), "{save_as}");
    assert!(shown(&h, "Export as HTML page"), "read out of its menu");
    h.key_press(Key::Escape);
    h.run();
    assert!(!shown(&h, "Keyboard shortcuts"), "Escape closes it");
    menu(&mut h, "Help", "Body markup guide");
    assert!(shown(&h, "## Subheading"));
    assert!(shown_containing(&h, "[[related:"));
}

#[test]
fn item_9_hints_are_read_at_the_size_of_the_text() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    h.run();
    let hint = h
        .root()
        .query_all_by(|n| n.value().is_some_and(|v| v == "Valid web address"))
        .next()
        .expect("a related link's hint")
        .rect();
    let label = h
        .root()
        .query_all_by(|n| n.value().is_some_and(|v| v == "Related links"))
        .next()
        .unwrap()
        .rect();
    assert!(
        hint.height() >= label.height() - 0.5,
        "{hint:?} against {label:?}"
    );
}

#[test]
fn item_9_counts_read_as_english() {
    let mut h = window(vec2(1280.0, 800.0), None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Headline", "A headline");
    type_into(&mut h, "Story body", "Text.");
    // no publication date (error); nothing else
    assert!(shown(&h, "1 error, 0 warnings"));
}

#[test]
fn item_13_an_offset_search_lists_the_cities_people_mean_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Article::new();
    a.headline = "Zones".into();
    a.published = Some(copydesk_core::article::Stamp::new(
        chrono::NaiveDate::from_ymd_opt(2016, 7, 4).unwrap(),
        None,
        chrono_tz::Europe::London,
    ));
    let p = dir.path().join("z.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.get_by_label("Publication date time zone").click();
    h.run();
    type_into(&mut h, "Search zones", "+02");
    // the zones listed, top to bottom
    let mut listed: Vec<(f32, String)> = h
        .root()
        .query_all_by(|n| n.label().is_some_and(|l| l.contains(", UTC+02:00")))
        .map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            (n.rect().min.y, label.to_owned())
        })
        .collect();
    listed.sort_by(|a, b| a.0.total_cmp(&b.0));
    let cities: Vec<&str> = listed
        .iter()
        .map(|(_, l)| l.split(" — ").next().unwrap_or_default())
        .collect();
    assert!(cities.len() > 4, "{cities:?}");
    assert_eq!(&cities[..2], ["Paris", "Berlin"], "{cities:?}");
    let blantyre = cities.iter().position(|c| *c == "Blantyre");
    let madrid = cities.iter().position(|c| *c == "Madrid");
    assert!(
        madrid.is_some() && blantyre.is_none_or(|b| b > madrid.unwrap()),
        "{cities:?}"
    );
}

/// Issue 26, item 14: in the narrowest metadata panel, "Set embargo until" goes under its
/// words, whole, inside the panel — not cut at the panel's edge.
#[test]
fn item_14_set_a_date_fits_the_narrowest_metadata_panel() {
    let mut h = window(vec2(720.0, 420.0), None, vec![]);
    h.run();
    let body = rect(&h, "Story body");
    for label in ["Set embargo until", "Set updated"] {
        let button = rect(&h, label);
        assert!(
            button.right() <= body.left(),
            "{label} at {button:?}, the body from {}",
            body.left()
        );
    }
}

/// Issue 26, item 14: a long menu in a short, zoomed window scrolls below its title instead of
/// being pushed up over it (the View menu at 720×420 and 150 % covered "View" and the bar).
#[test]
fn item_14_a_long_menu_stays_below_its_title_when_zoomed() {
    let mut h = window(vec2(720.0, 420.0), None, vec![]);
    for zoom in [1.5, 2.0] {
        h.ctx.set_zoom_factor(zoom);
        h.run();
        h.get_by_label("View").click();
        h.run();
        h.run();
        let title = rect(&h, "View");
        let first = h
            .root()
            .query_all_by(|n| n.label().is_some_and(|l| l.starts_with("Desk view")))
            .next()
            .expect("the View menu's first item")
            .rect();
        assert!(
            first.top() >= title.bottom() - 1.0,
            "at {zoom}: the menu's first item {first:?} is over its title {title:?}"
        );
        assert!(
            first.left() < title.right(),
            "at {zoom}: the menu opens under its title, not beside it: {first:?} {title:?}"
        );
        let bottom = h.ctx.content_rect().bottom();
        assert!(
            first.bottom() <= bottom,
            "at {zoom}: the first item is on screen"
        );
        h.key_press(Key::Escape);
        h.run();
    }
}

/// The label of the widget with the keyboard focus.
fn focused_label(h: &Harness<'_, CopydeskApp>) -> String {
    h.root()
        .query_all_by(|n| n.is_focused())
        .last()
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_default()
}

/// Presses Tab (Shift+Tab when `back`) `times` times from the focus on `from`, and returns
/// the label focused after each; each is in sight in the metadata panel.
fn tab_through(
    h: &mut Harness<'_, CopydeskApp>,
    from: &str,
    times: usize,
    back: bool,
) -> Vec<String> {
    h.get_by_label(from).focus();
    h.run();
    assert_eq!(focused_label(h), from);
    let modifiers = if back {
        Modifiers::SHIFT
    } else {
        Modifiers::NONE
    };
    (0..times)
        .map(|_| {
            h.key_press_modifiers(modifiers, Key::Tab);
            h.run();
            let label = focused_label(h);
            // the panel scrolls to the field Tab took the keyboard to
            let focused = h
                .root()
                .query_all_by(|n| n.is_focused())
                .last()
                .unwrap()
                .rect();
            assert!(visible_in_metadata(h, focused), "{label} at {focused:?}");
            label
        })
        .collect()
}

/// Whether a paragraph of the preview containing `part` is drawn.
fn preview_paragraph(h: &Harness<'_, CopydeskApp>, part: &str) -> bool {
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Label && n.label().or(n.value()).is_some_and(|l| l.contains(part))
        })
        .next()
        .is_some()
}

/// A sighted user's window lays out only the metadata sections and preview paragraphs in
/// sight (a short story's panes were most of its keystroke frame), and nothing shows it: the
/// sections out of sight keep their room, Tab goes on into them, the checks list still takes
/// the user to a field anywhere, and a screen reader is given everything.
#[test]
fn a_sighted_users_panes_draw_only_what_is_in_sight() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.related.push(copydesk_core::article::RelatedLink {
        id: "unplaced".into(),
        title: "A fourth link".into(),
        url: "https://example.com/four".into(),
        ..Default::default()
    });
    let p = dir.path().join("s.json");
    format::save(&p, &a).unwrap();
    let mut h = window(vec2(1280.0, 800.0), Some(p), vec![]);
    h.run();
    let last = "his position isn't as strong";
    // a screen reader (the harness builds the accessibility tree) finds everything
    assert!(shown(&h, "Link 4 title") && preview_paragraph(&h, last));
    let tabs_all = tab_through(&mut h, "Section", 14, false);
    let back_all = tab_through(&mut h, "Link 1 URL", 8, true);
    h.hover_at(egui::pos2(150.0, 400.0));
    wheel(&mut h, -5000.0);
    h.run();

    copydesk::ui::layout::assume_screen_reader(&h.ctx, Some(false));
    h.get_by_label("Headline").focus();
    h.run();
    assert!(shown(&h, "Headline") && shown(&h, "Section"));
    assert!(
        !shown(&h, "Link 1 title") && !shown(&h, "Link 4 title"),
        "the related links, below the panel's edge, are not laid out"
    );
    assert!(
        preview_paragraph(&h, "In a film posted on his Twitter page")
            && !preview_paragraph(&h, last),
        "the preview lays out its first paragraphs, not its last"
    );
    // typing, in the body or in a field, lays out none of them either, in any frame; adding
    // a tag (the people section may grow) lays out everything once
    let links_drawn_while_typing = |h: &mut Harness<'_, CopydeskApp>, field: &str| {
        h.get_by_label(field).focus();
        h.run();
        let mut drawn = Vec::new();
        for key in ["a", "b", " "] {
            h.get_by_label(field).type_text(key);
            for _ in 0..3 {
                h.step();
                drawn.push(shown(h, "Link 1 title"));
            }
        }
        drawn.iter().filter(|d| **d).count()
    };
    assert_eq!(links_drawn_while_typing(&mut h, "Story body"), 0);
    assert_eq!(links_drawn_while_typing(&mut h, "Headline"), 0);
    assert_eq!(links_drawn_while_typing(&mut h, "New tag"), 0);
    h.key_press(Key::Enter);
    let mut drawn = 0;
    for _ in 0..3 {
        h.step();
        drawn += usize::from(shown(&h, "Link 1 title"));
    }
    assert_eq!(drawn, 1, "a tag added lays the panel out whole, once");
    h.run();
    assert!(!shown(&h, "Link 1 title"));
    h.get_by_label("ab ×").click();
    h.run();
    assert!(!shown(&h, "ab ×"), "the tag added is taken away again");

    // Tab and Shift+Tab go through the fields out of sight as through all of them
    assert_eq!(tab_through(&mut h, "Section", 14, false), tabs_all);
    assert!(
        tabs_all.iter().any(|l| l == "Link 1 title"),
        "Tab went on into the related links: {tabs_all:?}"
    );
    assert_eq!(tab_through(&mut h, "Link 1 URL", 8, true), back_all);

    // scrolled to the end: the links are laid out where they are when all is laid out
    h.get_by_label("Story body").focus();
    h.run();
    wheel(&mut h, -5000.0);
    h.run();
    assert!(shown(&h, "Headline") && !shown(&h, "Link 1 title"));
    h.hover_at(egui::pos2(150.0, 400.0));
    wheel(&mut h, 5000.0);
    h.run();
    assert!(
        !shown(&h, "Headline"),
        "the headline, above the panel's edge, is not laid out"
    );
    let link = h.get_by_label("Link 4 title").rect();
    copydesk::ui::layout::assume_screen_reader(&h.ctx, None);
    h.run();
    assert!(shown(&h, "Headline"));
    let all = h.get_by_label("Link 4 title").rect();
    assert!(
        (link.top() - all.top()).abs() < 0.5,
        "link 4 at {link:?} with the sections out of sight taken as room, {all:?} with all laid out"
    );

    // the checks list takes the user to a field out of sight
    copydesk::ui::layout::assume_screen_reader(&h.ctx, Some(false));
    wheel(&mut h, -5000.0);
    h.run();
    assert!(!shown(&h, "Link 4 title"));
    takes_to_link_4(&mut h);
}
