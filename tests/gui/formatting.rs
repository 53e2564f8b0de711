//! Formatting the body as a word processor does (issue: "Ctrl+I is Import"): Ctrl+B, Ctrl+I
//! and Ctrl+K on the words selected, the formatting bar above the body, each one undo step,
//! and Import no longer a keystroke away.

use crate::support::{app, blank, menu, shown, type_into};
use copydesk::ui::CopydeskApp;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A blank story whose body is `text`, with `word` selected in it (the body has the keyboard).
fn body_with_selection(text: &str, word: &str) -> Harness<'static, CopydeskApp> {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", text);
    let at = text.find(word).unwrap();
    h.state_mut().view.editor.select = Some(at..at + word.len());
    h.run();
    h
}

fn body(h: &Harness<'_, CopydeskApp>) -> String {
    h.state().state.story.article().body.clone()
}

#[test]
fn ctrl_b_and_ctrl_i_format_the_selection_and_come_off_again_each_one_undo_step() {
    let mut h = body_with_selection("The council met today.", "council");
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert_eq!(body(&h), "The **council** met today.");
    // the words stay selected: Ctrl+I makes them italic too
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert_eq!(body(&h), "The ***council*** met today.");
    assert!(
        h.state().state.prompt.is_none(),
        "Ctrl+I is italic, not Import: no question about unsaved changes"
    );
    // and off again
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.run();
    assert_eq!(body(&h), "The *council* met today.");
    // each a step of its own
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h), "The ***council*** met today.");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(body(&h), "The **council** met today.");
}

#[test]
fn ctrl_k_makes_a_link_with_its_address_ready_to_type() {
    let mut h = body_with_selection("Read the report today.", "report");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert_eq!(body(&h), "Read the [report](https://) today.");
    // "https://" is selected: what is typed replaces it
    h.get_by_label("Story body")
        .type_text("https://example.org/report");
    h.run();
    assert_eq!(
        body(&h),
        "Read the [report](https://example.org/report) today."
    );
}

#[test]
fn the_formatting_bar_and_the_format_menu_do_the_same() {
    // two words: the click on the bar takes the keyboard, not the selection
    let mut h = body_with_selection("Intro.\n\nA point made", "point made");
    h.get_by_label("Bold").click();
    h.run();
    assert_eq!(body(&h), "Intro.\n\nA **point made**");
    h.get_by_label("List").click();
    h.run();
    assert_eq!(body(&h), "Intro.\n\n- A **point made**");
    menu(&mut h, "Format", "Subheading");
    assert_eq!(
        body(&h),
        "Intro.\n\n## A **point made**",
        "a list item made a subheading loses its dash"
    );
    // a selection across paragraphs is said to be one, not half formatted
    let text = body(&h);
    h.state_mut().view.editor.select = Some(0..text.len());
    h.run();
    h.get_by_label("Italic").click();
    h.run();
    assert_eq!(body(&h), text, "nothing changed");
    assert!(shown(
        &h,
        "Select words within one paragraph to format them."
    ));
}

#[test]
fn ctrl_b_in_the_headline_leaves_the_body_alone_and_import_has_no_shortcut() {
    let mut h = body_with_selection("The council met.", "council");
    type_into(&mut h, "Headline", "Council meets");
    h.key_press_modifiers(Modifiers::COMMAND, Key::B);
    h.key_press_modifiers(Modifiers::COMMAND, Key::I);
    h.run();
    assert_eq!(body(&h), "The council met.", "formatting is the body's");
    assert_eq!(h.state().state.story.article().headline, "Council meets");
    assert!(h.state().state.prompt.is_none(), "no import was started");
}
