//! Comments on words, in the window: selected words commented on from the Edit menu, the
//! margin's mark, typing around the words, an answer, Resolve and Undo, the words deleted
//! (the comment kept, detached), the checks' warning, and the comment through a save and a
//! reload.

use crate::support::{app, blank, menu, shown, shown_containing, type_into};
use copydesk::ui::CopydeskApp;
use copydesk_core::format;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const BODY: &str = "The minister said no to the plan. Then he left the room.";

/// A blank story with `BODY`, and `words` selected in it.
fn story_with_selection(words: &str) -> Harness<'static, CopydeskApp> {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", BODY);
    let at = BODY.find(words).unwrap();
    h.state_mut().view.editor.select = Some(at..at + words.len());
    h.run();
    h
}

fn words_of(h: &Harness<'_, CopydeskApp>) -> String {
    let a = h.state().state.story.article();
    a.body[a.comments[0].range()].to_owned()
}

#[test]
fn a_comment_is_added_answered_resolved_detached_and_saved() {
    let mut h = story_with_selection("said no");
    menu(&mut h, "Edit", "Comment on Selection…");
    assert!(shown_containing(&h, "New comment on “said no” (body)"));
    h.get_by_label("Comment").type_text("Who heard him say it?");
    h.run();
    h.get_by_label("Add comment").click();
    h.run();
    {
        let a = h.state().state.story.article();
        assert_eq!(a.comments.len(), 1);
        assert_eq!(a.comments[0].quote, "said no");
        assert_eq!(a.comments[0].thread[0].text, "Who heard him say it?");
    }
    assert!(shown(&h, "1 open comment"));
    // the mark in the body's margin names it
    assert!(shown(&h, "Comment 1: Who heard him say it?"));

    // typing before the words, and just after them, leaves them as they were
    h.state_mut().view.editor.select = Some(0..0);
    h.run();
    h.get_by_label("Story body").type_text("Late: ");
    h.run();
    assert_eq!(words_of(&h), "said no");
    let end = h.state().state.story.article().comments[0].end;
    h.state_mut().view.editor.select = Some(end..end);
    h.run();
    h.get_by_label("Story body").type_text(" firmly");
    h.run();
    assert_eq!(words_of(&h), "said no");
    assert!(
        h.state()
            .state
            .story
            .article()
            .body
            .starts_with("Late: The minister said no firmly")
    );

    // an answer, then Resolve, and Undo opens it again
    h.get_by_label("Answer to comment 1").focus();
    h.run();
    h.get_by_label("Answer to comment 1")
        .type_text("The lobby correspondent.");
    h.run();
    h.get_by_label("Answer comment 1").click();
    h.run();
    assert_eq!(h.state().state.story.article().comments[0].thread.len(), 2);
    assert_eq!(
        h.state().state.story.article().comments[0].thread[1].text,
        "The lobby correspondent."
    );
    h.get_by_label("Resolve comment 1").click();
    h.run();
    assert!(h.state().state.story.article().comments[0].resolved);
    assert!(shown(&h, "No open comments."));
    menu(&mut h, "Edit", "Undo");
    assert!(!h.state().state.story.article().comments[0].resolved);

    // the open comment is a warning in the checks
    let problems = h.state_mut().state.story.problems();
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("open comment on “said no”")),
        "{problems:?}"
    );

    // the words deleted: the comment stays, detached, and says so
    let range = h.state().state.story.article().comments[0].range();
    h.state_mut().view.editor.select = Some(range);
    h.run();
    h.key_press(Key::Backspace);
    h.run();
    let c = h.state().state.story.article().comments[0].clone();
    assert!(c.detached, "{c:?}");
    assert!(shown(&h, "Its words were deleted; the comment is kept."));
    // its mark stays where the words were, saying so
    assert!(shown(
        &h,
        "Comment 1 (words deleted): Who heard him say it?"
    ));
    // and Undo brings the words and the comment on them back
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(words_of(&h), "said no");
    assert!(!h.state().state.story.article().comments[0].detached);

    // saved and opened again: the same comment
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    assert!(h.state_mut().state.save_to(&path));
    let back = format::load(&path).unwrap();
    assert_eq!(back.comments, h.state().state.story.article().comments);
}

#[test]
fn with_nothing_selected_the_window_says_how() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Story body", BODY);
    h.state_mut().view.editor.select = Some(3..3);
    h.run();
    menu(&mut h, "Edit", "Comment on Selection…");
    assert!(h.state().view.comments.draft.is_none());
    assert!(shown_containing(&h, "Select the words to comment on"));
}

#[test]
fn a_headline_word_is_commented_on_from_its_field() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    type_into(&mut h, "Headline", "Minister resigns over plan");
    // select "resigns" in the headline field, as the mouse would
    let id = copydesk::ui::metadata::field_id(copydesk_core::field::Field::Headline);
    let ctx = h.ctx.clone();
    copydesk::ui::editor::select(&ctx, id, "Minister resigns over plan", 9..16, true);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::ALT, Key::M);
    h.run();
    assert!(shown_containing(&h, "New comment on “resigns” (headline)"));
    h.get_by_label("Comment").type_text("Confirmed by No 10?");
    h.run();
    h.get_by_label("Add comment").click();
    h.run();
    let a = h.state().state.story.article();
    assert_eq!(
        a.comments[0].place,
        copydesk_core::comments::Place::Headline
    );
    assert_eq!(&a.headline[a.comments[0].range()], "resigns");
}

/// In a long story the margin looks only at the rows on screen: a comment on the last
/// paragraph has no mark until the body is scrolled to it, then has it in the right place.
#[test]
fn a_comment_far_down_a_long_story_is_marked_when_it_is_in_view() {
    let mut h = app(None, vec![]);
    blank(&mut h);
    let body: String = (1..=400)
        .map(|i| format!("Paragraph {i} of a long read about the budget."))
        .collect::<Vec<_>>()
        .join("\n\n");
    type_into(&mut h, "Story body", &body);
    let at = body.find("Paragraph 400").unwrap();
    let c = copydesk_core::comments::Comment::new(
        "c1".into(),
        copydesk_core::comments::Place::Body,
        at..at + 13,
        &body,
        "Desk",
        "Cut the last paragraph?",
        chrono::Utc::now(),
    );
    h.state_mut()
        .state
        .story
        .apply(copydesk_core::edit::Edit::SetComments(vec![c]));
    h.state_mut().view.editor.select = Some(0..0);
    h.run();
    h.run();
    assert!(
        !shown(&h, "Comment 1: Cut the last paragraph?"),
        "off screen"
    );
    // taken there (the selection is scrolled into view)
    h.state_mut().view.editor.select = Some(at..at + 13);
    h.run();
    h.run();
    let mark = h.get_by_label("Comment 1: Cut the last paragraph?").rect();
    let body_rect = h.get_by_label("Story body").rect();
    assert!(
        body_rect.contains(mark.center()),
        "{mark:?} in {body_rect:?}"
    );
}
