//! The story session: one edit stream feeds the story, undo, and its background copies.

use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;

use super::*;
use crate::app::journal;

fn kit(journal_dir: Option<PathBuf>) -> Kit {
    Kit {
        journal_dir,
        ..Kit::plain(Waker::default())
    }
}

fn type_at_end(story: &mut Story, field: TextField, text: &str) {
    let end = field.get(story.article()).map_or(0, str::len);
    assert!(story.apply(Edit::Splice {
        field,
        range: end..end,
        text: text.into(),
    }));
}

#[test]
fn an_edit_reaches_the_story_the_journal_and_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (mut story, error) = Story::start(Article::new(), None, None, &kit(Some(recovery.clone())));
    assert!(error.is_none());
    type_at_end(&mut story, TextField::Body, "A storry in the body.");
    assert!(story.is_dirty());
    assert!(story.tick().is_none(), "no news: the entry is kept");
    story.flush_journal();
    assert!(story.journaled());
    let entries: Vec<_> = std::fs::read_dir(&recovery)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert_eq!(entries.len(), 1);
    let kept = journal::read_entry_story(&entries[0]).unwrap();
    assert_eq!(kept.body, "A storry in the body.");
    // the spelling worker took the same edit
    // up to a minute (a busy machine builds the grammar checker slowly); done when it is
    for _ in 0..6000 {
        story.poll_spelling();
        if story.spelling_settled() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(story.spelling_settled(), "the spelling worker answered");
    let words: Vec<&str> = story
        .misspellings()
        .words
        .iter()
        .map(|m| m.word.as_str())
        .collect();
    assert!(words.contains(&"storry"), "{words:?}");
}

#[test]
fn forget_journal_keeps_nothing_for_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (mut story, _) = Story::start(Article::new(), None, None, &kit(Some(recovery.clone())));
    type_at_end(&mut story, TextField::Headline, "Thrown away");
    story.tick();
    story.flush_journal();
    assert!(story.journaled());
    story.forget_journal();
    // Frames drawn after Don't Save while the window closes make no new entry.
    type_at_end(&mut story, TextField::Headline, "!");
    story.tick();
    drop(story);
    let left: Vec<_> = std::fs::read_dir(&recovery)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn undo_selects_what_it_changed() {
    let mut story = Story::unjournaled(Article::new(), None, None, &kit(None));
    type_at_end(&mut story, TextField::Body, "Hello world");
    story.break_undo_group();
    // delete "world" as a selection would
    assert!(story.apply(Edit::Splice {
        field: TextField::Body,
        range: 6..11,
        text: String::new(),
    }));
    let back = story.undo().expect("a selection");
    assert_eq!(back.field, TextField::Body);
    assert_eq!(&story.article().body[back.range.clone()], "world");
    // undoing the typing leaves the cursor where it began
    let back = story.undo().expect("a selection");
    assert_eq!(back.range, 0..0);
    // redo puts the typed text back, selected
    let again = story.redo().expect("a selection");
    assert_eq!(&story.article().body[again.range], "Hello world");
}

#[test]
fn a_picture_is_one_undo_step_either_way() {
    let mut story = Story::unjournaled(Article::new(), None, None, &kit(None));
    assert!(story.set_picture("/pictures/a.jpg".into()));
    type_at_end(&mut story, TextField::ImageCaption, "Caption");
    assert!(story.set_picture("/pictures/b.jpg".into()));
    let image = story.article().image.clone().unwrap();
    assert_eq!(
        (image.source.as_str(), image.caption.as_str()),
        ("/pictures/b.jpg", "Caption")
    );
    story.undo();
    assert_eq!(
        story.article().image.as_ref().unwrap().source,
        "/pictures/a.jpg"
    );
}

#[test]
fn two_sessions_never_share_a_generation() {
    let a = Story::unjournaled(Article::new(), None, None, &kit(None));
    let mut b = Story::unjournaled(Article::new(), None, None, &kit(None));
    assert_ne!(a.generation(), b.generation());
    let before = b.generation();
    b.replace(Article::new(), None, None);
    assert_ne!(b.generation(), before);
}

#[test]
fn a_copy_that_cannot_follow_an_edit_is_sent_the_whole_story_again() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (mut story, _) = Story::start(Article::new(), None, None, &kit(Some(recovery.clone())));
    type_at_end(&mut story, TextField::Body, "Kept");
    story.tick();
    story.flush_journal();
    // An edit that fits no story, sent to the copies alone (as a bug elsewhere might).
    let stray = Edit::RemoveRelated(7);
    story.journal.as_mut().unwrap().edit(stray.clone());
    story.spelling.edit(&stray);
    story.flush_journal();
    type_at_end(&mut story, TextField::Body, " and more");
    // The copies raised their flags; the next tick sends them the whole story.
    // up to a minute (a busy machine builds the grammar checker slowly); done when it is
    for _ in 0..6000 {
        story.tick();
        story.poll_spelling();
        if story.spelling_settled() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    story.flush_journal();
    let entry = std::fs::read_dir(&recovery)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let kept = journal::read_entry_story(&entry).unwrap();
    assert_eq!(
        kept.body, "Kept and more",
        "the journal keeps the story as it is"
    );
    assert!(
        story.spelling_settled(),
        "spelling answers for the story as it is"
    );
}
