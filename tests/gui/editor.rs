//! The real window, driven headless through egui_kittest by accessible labels: what a
//! journalist clicks and types, and what they then see.

use std::path::{Path, PathBuf};

use crate::support::{
    app, blank, menu, menu_item, open_checks, shown, shown_containing, type_into,
};
use copydesk::app::dialogs::Answer;
use copydesk::ui::CopydeskApp;
use copydesk_core::format;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn first_run_shows_the_sample_in_all_three_panes() {
    let h = app(None, vec![]);
    assert!(
        h.state().state.story.path().is_none(),
        "the sample opens untitled"
    );
    assert!(shown(
        &h,
        "WATCH: Jeremy Corbyn tells Labour MPs 'now is the time to come together'"
    ));
    assert!(shown(&h, "Posted On: 4th July 2016"));
    assert!(shown(
        &h,
        "Jeremy Corbyn has made an appeal for unity to Labour MPs"
    ));
    assert!(shown(&h, "Labour Party"));
    assert!(shown(
        &h,
        "Angela Eagle tells Jeremy Corbyn: Stand down or I will challenge you"
    ));
    assert!(h.state().state.window_title().ends_with("— Copydesk"));
}

#[test]
fn typing_a_headline_updates_the_preview_and_the_title() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    // New clears the preview and the checks at once, before any typing
    assert!(!shown(&h, "Posted On: 4th July 2016"));
    assert!(shown(&h, "Headline to come"));
    open_checks(&mut h);
    assert!(shown(&h, "error: headline is missing; write one"));
    open_checks(&mut h);
    type_into(&mut h, "Headline", "Council approves budget");
    assert_eq!(
        h.state().state.story.article().headline,
        "Council approves budget"
    );
    // the preview shows it as a heading of its own (not only the text field's value)
    let preview_hits = h
        .query_all_by_label("Council approves budget")
        .filter(|n| n.accesskit_node().role() != Role::TextInput)
        .count();
    assert!(preview_hits >= 1, "the preview shows the new headline");
    assert_eq!(
        h.state().state.window_title(),
        "Council approves budget • — Copydesk"
    );
}

/// The status bar is drawn after the frame's edits are applied: one frame after a keystroke
/// it shows the new count and the unsaved state, never the state before.
#[test]
fn the_status_bar_follows_a_keystroke_in_the_same_frame() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    assert!(shown(&h, "0 words") && shown(&h, "Not saved yet"));
    h.get_by_label("Story body").focus();
    h.run();
    h.get_by_label("Story body").type_text("One two three");
    h.step();
    assert!(shown(&h, "3 words"), "the count in the keystroke's frame");
    assert!(
        shown(&h, "Unsaved changes"),
        "the save state in the keystroke's frame"
    );
}

#[test]
fn editing_the_body_updates_the_counts() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    assert!(shown(&h, "0 words"));
    type_into(&mut h, "Story body", "One two three.\n\nFour **five**.");
    assert!(shown(&h, "5 words"), "word count follows the body");
    assert!(shown(&h, "24 characters"), "markup is not counted");
    assert!(shown(&h, "1 min read"));
    assert!(shown(&h, "Unsaved changes"));
}

#[test]
fn save_as_then_save_write_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("budget.json");
    let mut h = app(None, vec![Answer::Chosen(target.clone())]);
    blank(&mut h);
    type_into(&mut h, "Headline", "Council approves budget");
    menu(&mut h, "File", "Save As…");
    assert_eq!(
        format::load(&target).unwrap().headline,
        "Council approves budget"
    );
    assert!(shown_containing(&h, "Saved at "));
    assert_eq!(
        h.state().state.window_title(),
        "Council approves budget — Copydesk"
    );
    // Save writes to the same file without asking
    type_into(&mut h, "Headline", " tonight");
    menu(&mut h, "File", "Save");
    assert_eq!(
        format::load(&target).unwrap().headline,
        "Council approves budget tonight"
    );
}

fn request_close(h: &mut Harness<'_, CopydeskApp>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

fn asked_to_close(h: &Harness<'_, CopydeskApp>) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.contains(&egui::ViewportCommand::Close))
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_window() {
    let mut h = app(None, vec![]);
    type_into(&mut h, "Headline", " (updated)");
    request_close(&mut h);
    assert!(shown(&h, "Unsaved changes"));
    assert!(shown(&h, "Don't Save"));
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!shown(&h, "Don't Save"), "the prompt is gone");
    assert!(!h.state().state.quit_confirmed);
    assert!(!asked_to_close(&h));
    assert!(
        h.state()
            .state
            .story
            .article()
            .headline
            .ends_with(" (updated)")
    );
    // and Don't Save lets it close
    request_close(&mut h);
    h.get_by_label("Don't Save").click();
    h.run();
    assert!(h.state().state.quit_confirmed);
}

#[test]
fn closing_with_nothing_unsaved_just_closes() {
    let mut h = app(None, vec![]);
    request_close(&mut h);
    assert!(!shown(&h, "Don't Save"));
    assert!(h.state().state.quit_confirmed);
}

#[test]
fn undo_and_redo_work_across_fields() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Headline", "Budget");
    type_into(&mut h, "Story body", "The council met.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.story.article().body, "");
    assert_eq!(h.state().state.story.article().headline, "Budget");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().state.story.article().headline, "");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(h.state().state.story.article().headline, "Budget");
    // Ctrl+Y redoes too, and the Edit menu does the same
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(h.state().state.story.article().body, "The council met.");
    menu(&mut h, "Edit", "Undo");
    assert_eq!(h.state().state.story.article().body, "");
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn opening_a_broken_file_shows_the_error_and_keeps_the_story() {
    let dir = tempfile::tempdir().unwrap();
    let broken = write(
        dir.path(),
        "broken.json",
        "{\n  \"format\": \"copydesk-article\",\n  oops\n}\n",
    );
    let mut h = app(None, vec![Answer::Chosen(broken)]);
    type_into(&mut h, "Headline", " (mine)");
    // the story has unsaved changes, so Open asks first; keep them and go on
    menu(&mut h, "File", "Open…");
    h.get_by_label("Don't Save").click();
    h.run();
    assert!(shown(&h, "Could not open the story"));
    assert!(shown_containing(&h, "line 3, column 3"));
    assert!(
        h.state()
            .state
            .story
            .article()
            .headline
            .ends_with(" (mine)")
    );
    h.get_by_label("OK").click();
    h.run();
    assert!(!shown(&h, "Could not open the story"));
}

#[test]
fn opening_a_story_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = copydesk_core::article::Article::new();
    a.headline = "From disk".into();
    let p = dir.path().join("disk.json");
    format::save(&p, &a).unwrap();
    let h = app(Some(p.clone()), vec![]);
    assert_eq!(h.state().state.story.article().headline, "From disk");
    assert_eq!(h.state().state.story.path(), Some(p.as_path()));
    assert_eq!(h.state().state.window_title(), "From disk — Copydesk");
}

#[test]
fn find_counts_matches_everywhere_and_replace_all_says_how_many() {
    let mut h = app(None, vec![]);
    h.key_press_modifiers(Modifiers::COMMAND, Key::H);
    h.run();
    type_into(&mut h, "Find", "Corbyn");
    // 3 in the body; the headline, SEO headline, standfirst, caption, alt text and three
    // related links' titles too
    assert!(
        shown(&h, "1 of 11 (8 outside the body)"),
        "match count is shown"
    );
    // Next goes to the first: the headline's, selected in its field
    h.get_by_label("Next").click();
    h.run();
    h.run();
    let headline = copydesk::ui::metadata::field_id(copydesk_core::field::Field::Headline);
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(headline));
    let selected = egui::TextEdit::load_state(&h.ctx, headline)
        .and_then(|s| s.cursor.char_range())
        .unwrap();
    let at = h
        .state()
        .state
        .story
        .article()
        .headline
        .find("Corbyn")
        .unwrap();
    assert_eq!(
        (selected.secondary.index.0, selected.primary.index.0),
        (at, at + 6),
        "the headline's Corbyn is selected"
    );
    // on to the third (the standfirst's) before replacing them all
    for _ in 0..2 {
        h.get_by_label("Next").click();
        h.run();
    }
    assert!(shown(&h, "3 of 11 (8 outside the body)"));
    type_into(&mut h, "Replace with", "Mr C");
    h.get_by_label("Replace All").click();
    h.run();
    let a = h.state().state.story.article().clone();
    assert!(!a.body.contains("Corbyn") && !a.headline.contains("Corbyn"));
    assert!(a.related.iter().all(|l| !l.title.contains("Corbyn")));
    assert!(
        a.related.iter().all(|l| l.url.contains("corbyn")),
        "addresses left alone"
    );
    assert!(shown(&h, "No matches"));
    assert!(shown_containing(
        &h,
        "Replaced 11: 3 in the body and 8 in 6 other texts. Undo takes them all back."
    ));
    // one undo takes the whole replacement back
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let a = h.state().state.story.article().clone();
    assert!(a.body.contains("Corbyn") && a.headline.contains("Corbyn"));
    assert!(
        shown(&h, "1 of 11 (8 outside the body)"),
        "counted from the first again"
    );
    // The undo is shown in the body, with the cursor at its first change: no selection
    // over the text between the first and the last, which the next key would replace
    // (nor the headline's, which would take the keyboard there).
    h.run();
    let body = copydesk::ui::editor::body_id();
    assert_eq!(h.ctx.memory(|m| m.focused()), Some(body));
    let range = egui::TextEdit::load_state(&h.ctx, body)
        .and_then(|s| s.cursor.char_range())
        .unwrap();
    assert_eq!(range.primary, range.secondary, "a cursor, not a selection");
    h.event(egui::Event::Text("Q".into()));
    h.run();
    let typed = h.state().state.story.article().clone();
    assert_eq!(
        typed.body.len(),
        a.body.len() + 1,
        "one letter added, nothing replaced"
    );
    assert_eq!(typed.headline, a.headline);
}

#[test]
fn panes_hide_and_show_again() {
    let mut h = app(None, vec![]);
    assert!(shown(&h, "Preview"));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert!(!shown(&h, "Preview"));
    menu(&mut h, "View", "Preview panel");
    assert!(shown(&h, "Preview"));
}

#[test]
fn related_links_are_added_and_placed_at_the_cursor() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(
        &mut h,
        "Story body",
        "First paragraph.\n\nSecond paragraph.",
    );
    type_into(&mut h, "New link title", "Budget explained");
    type_into(&mut h, "New link URL", "https://example.com/budget");
    h.get_by_label("Add related link").click_accesskit();
    h.run();
    assert!(shown(&h, "Not placed in the body yet"));
    // put the body cursor in the first paragraph, then place the link there
    h.state_mut().view.editor.cursor = Some(3);
    h.get_by_label("Place at cursor").click_accesskit();
    h.run();
    assert_eq!(
        h.state().state.story.article().body,
        "First paragraph.\n\n[[related:budget-explained]]\n\nSecond paragraph."
    );
    assert!(shown(&h, "Placed after paragraph 1"));
    assert!(shown(&h, "Budget explained"), "the preview shows the link");
    // the body shows the anchor placed, selected; Shift+Tab there leaves it be (egui's field
    // deleted the selection)
    let placed = h.state().state.story.article().body.clone();
    assert!(h.get_by_label("Story body").is_focused());
    let selection = h.state().view.editor.selection.clone();
    assert!(
        selection.as_ref().is_some_and(|s| !s.is_empty()),
        "{selection:?}"
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(h.state().state.story.article().body, placed);
    assert!(shown(&h, "Placed after paragraph 1"));
    // an invalid address is flagged
    type_into(&mut h, "Link 1 URL", " nope");
    assert!(shown(
        &h,
        "This link has a URL with spaces in it; copy the address again from the browser."
    ));
}

#[test]
fn a_headline_past_110_characters_is_listed_and_counted() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    let long = "A".repeat(112);
    type_into(&mut h, "Headline", &long);
    let problem = "error: headline is 112 characters; the limit is 110";
    open_checks(&mut h);
    assert!(shown(&h, problem), "the checks list shows the problem");
    open_checks(&mut h);
    // a blank story has other errors too (no body, no publication date)
    let (errors, warnings) = copydesk_core::checks::counts(&copydesk_core::checks::check(
        h.state().state.story.article(),
        chrono::Utc::now(),
    ));
    assert!(errors >= 2, "{errors}");
    assert!(
        shown(&h, &copydesk::ui::status::problem_count(errors, warnings)),
        "the status bar counts it"
    );
    // clicking the problem puts the cursor in the headline
    h.get_by_label("Story body").focus();
    h.run();
    assert!(!h.get_by_label("Headline").is_focused());
    open_checks(&mut h);
    h.get_by_label(problem).click_accesskit();
    h.run();
    assert!(h.get_by_label("Headline").is_focused());
}

#[test]
fn an_invalid_related_link_shows_its_error() {
    let mut h = app(None, vec![]);
    type_into(&mut h, "Link 1 URL", " and more");
    assert!(shown_containing(
        &h,
        "This link has a URL with spaces in it"
    ));
    open_checks(&mut h);
    assert!(shown_containing(&h, "error: related link 1"));
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_story_opens_it_after_asking_about_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = copydesk_core::article::Article::new();
    a.headline = "Dropped in".into();
    let p = dir.path().join("dropped.json");
    format::save(&p, &a).unwrap();
    let mut h = app(None, vec![]);
    type_into(&mut h, "Headline", " (mine)");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(p.clone())));
    h.run();
    assert!(shown(&h, "Don't Save"), "unsaved changes are asked about");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.state()
            .state
            .story
            .article()
            .headline
            .ends_with(" (mine)")
    );
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(p.clone())));
    h.run();
    h.get_by_label("Don't Save").click();
    h.run();
    assert_eq!(h.state().state.story.article().headline, "Dropped in");
    assert_eq!(h.state().state.story.path(), Some(p.as_path()));
}

#[test]
fn export_html_and_ninjs_from_the_file_menu() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("story.html");
    let ninjs = dir.path().join("story.ninjs.json");
    let mut h = app(
        None,
        vec![Answer::Chosen(html.clone()), Answer::Chosen(ninjs.clone())],
    );
    menu(&mut h, "File", "Export");
    menu_item(&mut h, "HTML page…");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("Posted On: 4th July 2016"));
    assert!(page.contains("application/ld+json"));
    assert!(shown_containing(&h, "Exported the HTML page to"));
    menu(&mut h, "File", "Export");
    menu_item(&mut h, "ninjs 3.1…");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&ninjs).unwrap()).unwrap();
    assert_eq!(
        v["headlines"][0]["value"],
        h.state().state.story.article().headline.as_str()
    );
}

#[test]
fn import_ninjs_makes_an_unsaved_draft_and_bad_files_are_explained() {
    let example = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/copydesk-core/tests/data/ninjs/examples/004_simple_text_article.json"
    ));
    let dir = tempfile::tempdir().unwrap();
    let broken = write(dir.path(), "wire.json", "{\"uri\": ");
    let mut h = app(None, vec![Answer::Chosen(broken), Answer::Chosen(example)]);
    let before = h.state().state.story.article().headline.clone();
    menu(&mut h, "File", "Import ninjs…");
    assert!(shown(&h, "Could not import the ninjs file"));
    assert_eq!(
        h.state().state.story.article().headline,
        before,
        "the open story is kept"
    );
    h.get_by_label("OK").click();
    h.run();
    menu(&mut h, "File", "Import ninjs…");
    let s = &h.state().state;
    assert_ne!(s.story.article().headline, before);
    assert!(!s.story.article().headline.is_empty());
    assert!(
        s.story.path().is_none() && s.story.is_dirty(),
        "an import is an unsaved draft"
    );
}

#[test]
fn clicking_a_date_problem_focuses_its_control() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    let problem = "error: the story has no publication date; add one";
    open_checks(&mut h);
    h.get_by_label(problem).click_accesskit();
    h.run();
    assert!(h.get_by_label("Set publication date").is_focused());
}

#[test]
fn a_german_agency_byline_is_read_as_names_and_written_in_german() {
    let dir = tempfile::tempdir().unwrap();
    let item = write(
        dir.path(),
        "dpa.json",
        r#"{"uri": "urn:test:dpa:1", "type": "text", "language": "de",
            "headlines": [{"role": "main", "value": "Ein Titel"}],
            "by": "Von Christian Hollmann, dpa",
            "bodies": [{"role": "main", "contenttype": "text/plain", "value": "Der Text."}]}"#,
    );
    let mut h = app(None, vec![Answer::Chosen(item)]);
    blank(&mut h);
    menu(&mut h, "File", "Import ninjs…");
    let story = h.state().state.story.article().clone();
    assert_eq!(story.language, "de");
    assert_eq!(
        story.byline,
        ["Christian Hollmann", "dpa"],
        "'Von' is not a name"
    );
    // the preview writes the byline in the story's language, and the field names it
    assert!(shown(&h, "Von Christian Hollmann und dpa"));
    assert!(!shown_containing(&h, "By Von"));
    assert!(
        shown(&h, "German"),
        "the language field reads German, not 'A language tag'"
    );
}

#[test]
fn a_local_picture_left_out_of_the_page_is_said_at_export_and_the_dateline_shows_the_time() {
    use copydesk_core::edit::Edit;
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("story.html");
    let mut h = app(None, vec![Answer::Chosen(html.clone())]);
    // the sample, with a time and a picture on this computer
    let mut published = h.state().state.story.article().published.unwrap();
    published.time = chrono::NaiveTime::from_hms_opt(9, 30, 0);
    let s = &mut h.state_mut().state.story;
    s.apply(Edit::SetStamp(
        copydesk_core::field::StampField::Published,
        Some(published),
    ));
    s.set_picture("/home/reporter/Pictures/corbyn.jpg".into());
    h.run();
    assert!(
        shown(&h, "Posted On: 4th July 2016, 09:30 BST"),
        "the preview's dateline has the time set"
    );
    menu(&mut h, "File", "Export");
    menu_item(&mut h, "HTML page…");
    assert!(shown_containing(
        &h,
        "is a file on this computer, so the page leaves it out"
    ));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("4th July 2016, 09:30 BST"));
    assert!(!page.contains("corbyn.jpg"), "left out, as said");
}

#[test]
fn a_caption_and_credit_with_no_picture_is_a_warning_even_on_the_sample() {
    let mut h = app(None, vec![]);
    open_checks(&mut h);
    assert!(shown_containing(
        &h,
        "warning: the image has a caption or credit but no picture"
    ));
    // with a picture given (a file, here one that is not there: a warning of its own), this
    // warning goes
    h.state_mut()
        .state
        .story
        .set_picture("/nonexistent/corbyn.jpg".into());
    h.run();
    assert!(!shown_containing(
        &h,
        "the image has a caption or credit but no picture"
    ));
}

/// The body field's own undo (egui's, never used: Ctrl+Z is Copydesk's) keeps one copy of
/// the text, not one per pause in typing, up to 100: on a 5 MB story those copies were
/// ~120 MB within seconds of typing.
#[test]
fn the_body_field_keeps_one_copy_of_the_text_for_its_own_undo() {
    let mut h = app(None, vec![]);
    type_into(&mut h, "Story body", " First.");
    for burst in 0..5 {
        h.event(egui::Event::Text(format!(" Burst {burst}.")));
        // a pause in typing: egui makes an undo state after a second without change
        h.run_steps(90);
    }
    let body = copydesk::ui::editor::body_id();
    let state = egui::TextEdit::load_state(&h.ctx, body).unwrap();
    assert!(h.state().state.story.article().body.ends_with(" Burst 4."));
    let mut undoer = state.undoer();
    let mut current = (
        state.cursor.char_range().unwrap(),
        h.state().state.story.article().body.clone(),
    );
    let mut kept = 0;
    while let Some(earlier) = undoer.undo(&current) {
        current = earlier.clone();
        kept += 1;
        assert!(kept < 10);
    }
    assert!(kept <= 1, "{kept} copies of the text kept for egui's undo");
}
