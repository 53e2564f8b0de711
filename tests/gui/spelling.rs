//! Spelling in the window: misspelt words underlined in the body and the metadata fields,
//! listed in the checks, and the menu (right-click or Ctrl+.) with suggestions, the word lists
//! and "Ignore in this story". The dictionaries are the ones shipped in `assets/dictionaries`
//! (the program finds them from a source build).

use crate::support::{
    app, blank, open_checks, settle_spelling, shown, shown_containing, type_into,
};
use copydesk::ui::CopydeskApp;
use copydesk_core::field::TextField;
use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Waits for the spelling worker's answer to the story as it is now.
fn settle(h: &mut Harness<'_, CopydeskApp>) {
    h.run();
    settle_spelling(h);
    h.run();
}

fn misspelt(h: &Harness<'_, CopydeskApp>, field: TextField) -> Vec<String> {
    h.state()
        .state
        .story
        .misspellings()
        .words
        .iter()
        .filter(|m| m.field == field)
        .map(|m| m.word.clone())
        .collect()
}

fn right_click(h: &mut Harness<'_, CopydeskApp>, pos: Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
    }
    h.run();
}

#[test]
fn a_misspelt_word_is_listed_and_a_suggestion_replaces_it() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Headline", "Council tax");
    type_into(&mut h, "Standfirst", "The goverment said");
    settle(&mut h);
    assert_eq!(misspelt(&h, TextField::Standfirst), ["goverment"]);
    open_checks(&mut h);
    assert!(shown_containing(
        &h,
        "warning: “goverment” in the standfirst may be misspelt; did you mean “government”"
    ));
    h.key_press(Key::Escape);
    h.run();
    // Ctrl+. with the cursor at the end of the word opens the menu
    h.get_by_label("Standfirst").focus();
    h.run();
    h.key_press(Key::End);
    h.run();
    // the cursor is after "said"; move it back into "goverment"
    for _ in 0..6 {
        h.key_press(Key::ArrowLeft);
    }
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    assert!(shown(&h, "Add to my dictionary"), "the menu is open");
    h.get_by_label("government").click();
    h.run();
    assert_eq!(
        h.state().state.story.article().standfirst,
        "The government said"
    );
    assert!(!shown(&h, "Add to my dictionary"), "the menu closed");
    // undo brings the word back
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(
        h.state().state.story.article().standfirst,
        "The goverment said"
    );
}

#[test]
fn right_click_on_a_body_word_and_ignore_it_in_this_story() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", "Paragraf one is here.");
    settle(&mut h);
    assert_eq!(misspelt(&h, TextField::Body), ["Paragraf"]);
    // the body's first line of text (not the preview's): the word starts it
    let body = h.get_by_label("Story body").rect();
    let row = h
        .root()
        .query_all_by(|n| {
            n.role() == Role::TextRun && n.value().is_some_and(|v| v.starts_with("Paragraf"))
        })
        .map(|n| n.rect())
        .find(|r| body.contains_rect(*r))
        .unwrap();
    right_click(&mut h, row.left_center() + egui::vec2(12.0, 0.0));
    assert!(
        shown(&h, "Ignore in this story"),
        "a right-click opens the menu"
    );
    assert!(shown(&h, "“Paragraf”"));
    h.get_by_label("Ignore in this story").click();
    h.run();
    assert_eq!(
        h.state().state.story.article().spelling_ignore,
        ["Paragraf"]
    );
    settle(&mut h);
    assert!(misspelt(&h, TextField::Body).is_empty());
    // a right-click on a word spelt right opens nothing
    right_click(&mut h, row.right_center() - egui::vec2(8.0, 0.0));
    assert!(!shown(&h, "Ignore in this story"));
}

#[test]
fn words_go_to_the_desk_and_personal_lists() {
    let dir = tempfile::tempdir().unwrap();
    let desk = dir.path().join("desk.txt");
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", "Qwrtp met Zxcvb.");
    settle(&mut h);
    h.get_by_label("Story body").focus();
    h.run();
    h.key_press(Key::Home);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    // no desk list yet: the item says how to choose one
    let add = h.get_by_label("Add to desk dictionary");
    assert!(add.accesskit_node().is_disabled());
    h.key_press(Key::Escape);
    h.run();
    assert!(
        !shown(&h, "Add to desk dictionary"),
        "Escape closes the menu"
    );
    h.state_mut().state.set_desk_dictionary(Some(desk.clone()));
    h.get_by_label("Story body").focus();
    h.run();
    h.key_press(Key::Home);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    h.get_by_label("Add to desk dictionary").click();
    h.run();
    assert!(
        std::fs::read_to_string(&desk)
            .unwrap()
            .contains("\nQwrtp\n")
    );
    settle(&mut h);
    assert_eq!(misspelt(&h, TextField::Body), ["Zxcvb"]);
    // without a data folder (tests) there is no personal list, and the window says so
    h.state_mut()
        .state
        .add_word(copydesk::app::word_lists::WordListKind::Personal, "Zxcvb");
    h.run();
    assert!(shown_containing(&h, "no data folder"));
}

#[test]
fn a_language_with_no_dictionary_is_said_once_and_not_underlined() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", "Qwrtp.");
    settle(&mut h);
    assert_eq!(misspelt(&h, TextField::Body), ["Qwrtp"]);
    h.get_by_label("Language").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Language").type_text("xx-YY");
    h.run();
    h.key_press(Key::Tab);
    h.run();
    settle(&mut h);
    assert!(misspelt(&h, TextField::Body).is_empty());
    assert!(shown_containing(&h, "No spelling dictionary for “xx-YY”"));
    // spelling off: nothing is said or underlined
    h.state_mut().state.set_spelling(false);
    settle(&mut h);
    assert!(!shown_containing(&h, "No spelling dictionary"));
}

#[test]
fn the_menu_takes_the_keyboard_arrows_and_enter_choose_nothing_reaches_the_story() {
    let text = "Paragraf one. Sentense two.";
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", text);
    settle(&mut h);
    let first_suggestion = |h: &Harness<'_, CopydeskApp>, word: &str| {
        h.state()
            .state
            .story
            .misspellings()
            .in_field(TextField::Body)
            .iter()
            .find(|m| m.word == word)
            .and_then(|m| m.suggestions.first().cloned())
            .unwrap()
    };
    let sentence = first_suggestion(&h, "Sentense");
    // The menu on the first word: ↓ ↓ ↑ ↓ walk its entries (the suggestion, Add to my
    // dictionary, Ignore in this story), Enter takes "Ignore in this story". None of the
    // keys moves the body's cursor or types into the story.
    h.get_by_label("Story body").focus();
    h.run();
    h.key_press(Key::Home);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    assert!(shown(&h, "Ignore in this story"), "the menu is open");
    for key in [Key::ArrowDown, Key::ArrowDown, Key::ArrowUp, Key::ArrowDown] {
        h.key_press(key);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().state.story.article().body, text, "nothing typed");
    assert!(
        h.state()
            .state
            .story
            .article()
            .spelling_ignore
            .iter()
            .any(|w| w == "Paragraf"),
        "ignored in this story"
    );
    assert!(!shown(&h, "Ignore in this story"), "the menu closed");
    // On the second word, Enter takes the first suggestion at once.
    let at = text.find("Sentense").unwrap() + 2;
    h.state_mut().view.editor.select = Some(at..at);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().state.story.article().body,
        format!("Paragraf one. {sentence} two.")
    );
}
