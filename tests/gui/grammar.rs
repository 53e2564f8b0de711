//! Grammar and the house style in the window: found off the window's thread, underlined in the
//! fields their own way, the same menu (right-click or Ctrl+.) offering the replacement and
//! "Ignore in this story", listed in the checks (a click selects the words), and a house-style
//! error stopping a publish.

use crate::support::{app, blank, open_checks, settle_checks, shown, shown_containing, type_into};
use copydesk::app::spelling::Flag;
use copydesk::ui::CopydeskApp;
use copydesk_core::field::{Field, TextField};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// (rule, words) of the grammar and style findings in `field`, in order.
fn found(h: &Harness<'_, CopydeskApp>, field: TextField) -> Vec<(String, String)> {
    h.state()
        .state
        .story
        .misspellings()
        .words
        .iter()
        .filter(|m| m.field == field)
        .filter_map(|m| m.flag.rule().map(|r| (r.to_owned(), m.word.clone())))
        .collect()
}

fn settle(h: &mut Harness<'_, CopydeskApp>) {
    h.run();
    settle_checks(h);
    h.run();
}

/// Puts the cursor `back` characters before the end of `label`'s text and opens the menu.
fn menu_at(h: &mut Harness<'_, CopydeskApp>, label: &str, back: usize) {
    h.get_by_label(label).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::End);
    h.key_press(Key::End);
    for _ in 0..back {
        h.key_press(Key::ArrowLeft);
    }
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
}

fn use_sample_style(h: &mut Harness<'_, CopydeskApp>) {
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Grammar and Style").click();
    h.run();
    crate::support::menu_item(h, "Copydesk's sample style");
}

#[test]
fn grammar_is_found_as_you_type_and_the_menu_puts_the_right_word_in() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", "He ate a apple before lunch.");
    settle(&mut h);
    assert_eq!(
        found(&h, TextField::Body),
        [("AnA".to_owned(), "a".to_owned())]
    );
    let miss = h.state().state.story.misspellings().words[0].clone();
    assert!(matches!(miss.flag, Flag::Grammar { .. }), "{:?}", miss.flag);
    // the cursor at the end of "a" (20 characters from the end)
    menu_at(&mut h, "Story body", 20);
    assert!(shown(&h, "“a”"), "the menu is open on the word");
    assert!(shown(&h, "Incorrect indefinite article."));
    assert!(shown(&h, "Grammar: AnA"));
    assert!(
        !shown(&h, "Add to my dictionary"),
        "no word lists for grammar"
    );
    // Escape closes the menu and leaves the keyboard in the body (the field gave it up with
    // the menu's Escape before, and the next keys were lost)
    h.key_press(Key::Escape);
    h.run();
    assert!(!shown(&h, "Grammar: AnA"), "closed");
    assert!(
        h.get_by_label("Story body").is_focused(),
        "the body keeps the keyboard"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    assert!(shown(&h, "Grammar: AnA"), "Ctrl+. opens it again");
    h.get_by_label("an").click();
    h.run();
    assert_eq!(
        h.state().state.story.article().body,
        "He ate an apple before lunch."
    );
    assert!(
        h.get_by_label("Story body").is_focused(),
        "and after a choice"
    );
    settle(&mut h);
    assert!(found(&h, TextField::Body).is_empty());
    // one undo brings the words back, and the finding with them
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut h);
    assert_eq!(
        h.state().state.story.article().body,
        "He ate a apple before lunch."
    );
    assert_eq!(found(&h, TextField::Body).len(), 1);
    // grammar can be switched off
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Grammar and Style").click();
    h.run();
    crate::support::menu_item(&mut h, "Check grammar");
    settle(&mut h);
    assert!(found(&h, TextField::Body).is_empty());
    assert!(!h.state().state.settings.spelling.grammar);
}

#[test]
fn a_house_style_error_is_listed_selected_from_the_list_and_stops_a_publish() {
    let mut h = app(None, vec![]);
    use_sample_style(&mut h);
    blank(&mut h);
    type_into(&mut h, "Headline", "Council tax to rise");
    type_into(&mut h, "Standfirst", "Bills go up by 5 percent in April.");
    settle(&mut h);
    assert_eq!(
        found(&h, TextField::Standfirst),
        [("PerCent".to_owned(), "percent".to_owned())]
    );
    open_checks(&mut h);
    let listed = "error: “percent” in the standfirst: Write 'per cent', not 'percent'. (house style: PerCent)";
    assert!(shown_containing(&h, listed));
    // it stops a publish like any error
    let blockers = h.state_mut().state.publish_blockers();
    assert!(
        blockers
            .iter()
            .any(|b| b.contains("(house style: PerCent)")),
        "{blockers:?}"
    );
    // a click in the list selects the words in their field
    h.root()
        .query_all_by(|n| n.label().is_some_and(|l| l.starts_with(listed)))
        .next()
        .expect("the problem is a button")
        .click();
    h.run();
    h.run();
    let id = copydesk::ui::metadata::field_id(Field::Standfirst);
    let state = egui::TextEdit::load_state(&h.ctx, id).expect("the standfirst has a state");
    let range = state.cursor.char_range().expect("and a selection");
    let (a, b) = (
        range.primary.index.0.min(range.secondary.index.0),
        range.primary.index.0.max(range.secondary.index.0),
    );
    let text = "Bills go up by 5 percent in April.";
    let at = text.find("percent").unwrap();
    assert_eq!((a, b), (at, at + "percent".len()), "“percent” is selected");
    // Ignore in this story: kept in the story, found no more, undoable
    h.key_press(Key::Escape);
    h.run();
    menu_at(&mut h, "Standfirst", "percent in April.".len() - 3);
    assert!(shown(&h, "House style: PerCent (error)"));
    assert!(shown(&h, "per cent"), "the replacement is offered");
    h.get_by_label("Ignore in this story").click();
    settle(&mut h);
    let ignored = &h.state().state.story.article().checks_ignore;
    assert_eq!(ignored.len(), 1);
    assert_eq!(
        (ignored[0].rule.as_str(), ignored[0].words.as_str()),
        ("PerCent", "percent")
    );
    assert!(found(&h, TextField::Standfirst).is_empty());
    assert!(
        !h.state_mut()
            .state
            .publish_blockers()
            .iter()
            .any(|b| b.contains("PerCent"))
    );
}

#[test]
fn a_desk_style_folder_is_read_and_a_broken_rule_is_said_in_the_status_bar() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("Hype.yml"),
        "extends: existence\nmessage: \"'%s' takes sides\"\nlevel: warning\ntokens: [slammed]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("Broken.yml"),
        "extends: existence\nmessage: x\ntokens:\n  - '(unclosed'\n",
    )
    .unwrap();
    let mut h = app(
        None,
        vec![copydesk::app::dialogs::Answer::Chosen(
            dir.path().to_path_buf(),
        )],
    );
    h.get_by_label("Edit").click();
    h.run();
    h.get_by_label("Grammar and Style").click();
    h.run();
    crate::support::menu_item(&mut h, "Desk style folder…");
    h.run();
    blank(&mut h);
    type_into(&mut h, "Standfirst", "The minister slammed the plan.");
    settle(&mut h);
    assert_eq!(
        found(&h, TextField::Standfirst),
        [("Hype".to_owned(), "slammed".to_owned())]
    );
    assert!(shown(&h, "House style: 1 rule cannot be read"));
    // the rule mended on disk is read again
    std::fs::write(
        dir.path().join("Broken.yml"),
        "extends: existence\nmessage: x\ntokens: [plan]\n",
    )
    .unwrap();
    type_into(&mut h, "Standfirst", " Again.");
    settle(&mut h);
    assert_eq!(
        found(&h, TextField::Standfirst),
        [
            ("Hype".to_owned(), "slammed".to_owned()),
            ("Broken".to_owned(), "plan".to_owned())
        ]
    );
    assert!(!shown_containing(&h, "cannot be read"));
}

/// A fix offered on markup would delete it: a related link with words after it in its
/// paragraph read to harper as a run of spaces, and "Replace with a space" took the link away.
#[test]
fn nothing_is_found_on_a_related_link_anchor() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(
        &mut h,
        "Story body",
        "[[related:eagle-challenge]] The council met.",
    );
    settle(&mut h);
    let body = h.state().state.story.article().body.clone();
    let end = body.find("]]").unwrap() + 2;
    for m in &h.state().state.story.misspellings().words {
        assert!(m.range.start >= end, "{m:?} is on the anchor");
    }
}

/// Where two findings meet, the menu opens on the one that stops a publish: the headline's
/// "!" (an error) inside its case (a warning over the whole headline).
#[test]
fn the_menu_opens_on_the_error_where_findings_overlap() {
    let mut h = app(None, vec![]);
    use_sample_style(&mut h);
    blank(&mut h);
    type_into(
        &mut h,
        "Headline",
        "Council Votes To Close Three Libraries!",
    );
    settle(&mut h);
    let rules: Vec<String> = found(&h, TextField::Headline)
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    assert_eq!(rules, ["HeadlineCase", "HeadlineShouts"]);
    menu_at(&mut h, "Headline", 0);
    assert!(
        shown(&h, "A headline has no exclamation mark."),
        "the error's menu"
    );
    assert!(shown(&h, "House style: HeadlineShouts (error)"));
}
