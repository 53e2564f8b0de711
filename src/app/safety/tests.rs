use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::format;

use super::*;
use crate::app::journal::{MAX_WAIT, WRITE_DELAY};
use crate::app::state::{Choice, Prompt, test_state};
use crate::app::story::DiskChange;

/// Longer than the journal ever waits.
const JOURNAL_WAIT: std::time::Duration = WRITE_DELAY.saturating_add(MAX_WAIT);

fn typed(s: &mut AppState, text: &str) {
    let end = s.story.article().headline.len();
    assert!(s.story.apply(Edit::Splice {
        field: TextField::Headline,
        range: end..end,
        text: text.into(),
    }));
}

/// Ends the frame (the journal hears where the story stands) and waits until the journal
/// has written what it holds, as it does on its own within a couple of seconds.
fn journal_now(s: &mut AppState) {
    s.tick();
    s.story.flush_journal();
}

fn with_journal(dir: &Path) -> AppState {
    let mut s = test_state(vec![]);
    s.attach_journal(Journal::open(dir).unwrap());
    s
}

fn story_file(dir: &Path, name: &str, headline: &str) -> PathBuf {
    let p = dir.join(name);
    let mut a = Article::new();
    a.headline = headline.into();
    format::save(&p, &a).unwrap();
    p
}

#[test]
fn two_windows_killed_with_unsaved_edits_both_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("recovery");
    let a_file = story_file(dir.path(), "a.json", "Story A");
    let b_file = story_file(dir.path(), "b.json", "Story B");
    let mut a = with_journal(&journal);
    let mut b = with_journal(&journal);
    a.open_path(&a_file);
    b.open_path(&b_file);
    typed(&mut a, " with edits in A");
    typed(&mut b, " with edits in B");
    journal_now(&mut a);
    journal_now(&mut b);
    // Neither window exits cleanly: dropped as a kill would end them.
    drop(a);
    drop(b);
    let third = with_journal(&journal);
    let mut found: Vec<(String, Option<PathBuf>)> = third
        .recovery
        .iter()
        .map(|o| (o.article.headline.clone(), o.path.clone()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            ("Story A with edits in A".into(), Some(a_file)),
            ("Story B with edits in B".into(), Some(b_file)),
        ]
    );
    for o in &third.recovery {
        assert_eq!(
            o.against_file.as_ref().unwrap().describe(),
            "+4 words; headline"
        );
    }
}

#[test]
fn the_journal_keeps_typing_within_the_delay_and_drops_it_when_clean() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = with_journal(dir.path());
    typed(&mut s, "a");
    s.tick();
    assert!(s.story.journaled());
    let entry = || {
        fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "json"))
    };
    // written by the journal's thread on its own, without a frame or a flush
    std::thread::sleep(JOURNAL_WAIT);
    let story = crate::app::journal::read_entry_story(&entry().unwrap()).unwrap();
    assert_eq!(story.headline, "a");
    typed(&mut s, "b");
    std::thread::sleep(JOURNAL_WAIT);
    let story = crate::app::journal::read_entry_story(&entry().unwrap()).unwrap();
    assert_eq!(story.headline, "ab");
    // undo back to the saved state removes the entry
    s.story.undo();
    s.story.undo();
    assert!(!s.story.is_dirty());
    s.tick();
    assert!(!s.story.journaled());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_clean_save_and_dont_save_remove_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("recovery");
    let file = story_file(dir.path(), "a.json", "A");
    let mut s = with_journal(&journal);
    s.open_path(&file);
    typed(&mut s, "!");
    journal_now(&mut s);
    assert_eq!(fs::read_dir(&journal).unwrap().count(), 2);
    assert!(s.save());
    s.story.flush_journal();
    assert_eq!(fs::read_dir(&journal).unwrap().count(), 0, "saved");
    typed(&mut s, "?");
    journal_now(&mut s);
    s.request(Intent::Quit);
    s.answer(Choice::DontSave);
    s.story.flush_journal();
    assert!(s.quit_confirmed);
    assert_eq!(fs::read_dir(&journal).unwrap().count(), 0, "thrown away");
}

#[test]
fn a_recovered_story_opens_unsaved_and_is_journaled_in_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let journal = dir.path().join("recovery");
    let file = story_file(dir.path(), "a.json", "Saved");
    let mut crashed = with_journal(&journal);
    crashed.open_path(&file);
    typed(&mut crashed, " and typed");
    journal_now(&mut crashed);
    drop(crashed);

    let mut s = with_journal(&journal);
    assert_eq!(s.recovery.len(), 1);
    let id = s.recovery[0].id.clone();
    s.restore_recovered(&id);
    assert_eq!(s.story.article().headline, "Saved and typed");
    assert_eq!(s.story.path(), Some(file.as_path()));
    assert!(s.story.is_dirty(), "restored, not saved");
    assert_eq!(
        format::load(&file).unwrap().headline,
        "Saved",
        "file untouched"
    );
    assert!(s.recovery.is_empty());
    assert_eq!(s.info.as_deref(), Some(RESTORED));
    // the entry is this window's now: another start does not offer it
    assert!(with_journal(&journal).recovery.is_empty());
    typed(&mut s, " more");
    journal_now(&mut s);
    assert_eq!(
        fs::read_dir(&journal).unwrap().count(),
        2,
        "one entry, not two"
    );
    assert_eq!(s.info.as_deref(), Some(RESTORED), "until saved");
    assert!(s.save());
    assert_eq!(s.info, None, "saved: \"Save to keep them\" goes");
    s.story.flush_journal();
    assert_eq!(fs::read_dir(&journal).unwrap().count(), 0);
}

#[test]
fn restoring_in_a_new_window_hands_the_entry_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut crashed = with_journal(dir.path());
    typed(&mut crashed, "Untitled draft");
    journal_now(&mut crashed);
    drop(crashed);
    let mut s = with_journal(dir.path());
    let launched = Rc::new(RefCell::new(Vec::new()));
    let l = launched.clone();
    s.set_launcher(move |id| {
        l.borrow_mut().push(id.to_owned());
        Ok(())
    });
    let id = s.recovery[0].id.clone();
    s.recover_in_new_window(&id);
    assert_eq!(*launched.borrow(), vec![id.clone()]);
    assert!(s.recovery.is_empty());
    // the new window (here, another state) takes it
    let mut window = with_journal(dir.path());
    window.recover_at_start(&id);
    assert_eq!(window.story.article().headline, "Untitled draft");
    assert!(window.story.is_dirty() && window.story.path().is_none());
}

#[test]
fn a_new_window_that_cannot_start_leaves_the_list_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    for words in ["First", "Second", "Third"] {
        let mut crashed = with_journal(dir.path());
        typed(&mut crashed, words);
        journal_now(&mut crashed);
        drop(crashed);
    }
    let mut s = with_journal(dir.path());
    s.set_launcher(|_| Err(io::Error::other("no program")));
    let order = |s: &AppState| s.recovery.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    let before = order(&s);
    assert_eq!(before.len(), 3);
    s.recover_in_new_window(&before[1]);
    assert_eq!(order(&s), before, "the entry is back in its place");
    assert!(
        s.notice
            .as_ref()
            .is_some_and(|n| n.message.starts_with("no program")),
        "and the user is told why"
    );
}

#[test]
fn a_changed_file_with_no_local_edits_is_reloaded_and_undo_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = story_file(dir.path(), "a.json", "Mine");
    let mut s = test_state(vec![]);
    s.open_path(&file);
    story_file(dir.path(), "a.json", "A colleague's");
    s.check_disk();
    assert_eq!(s.story.article().headline, "A colleague's");
    assert!(!s.story.is_dirty());
    assert!(s.info.as_deref().unwrap().starts_with("Reloaded a.json"));
    s.story.undo();
    assert_eq!(s.story.article().headline, "Mine");
}

#[test]
fn a_changed_file_with_local_edits_raises_the_bar_and_save_asks() {
    let dir = tempfile::tempdir().unwrap();
    let file = story_file(dir.path(), "a.json", "Mine");
    let mut s = test_state(vec![]);
    s.open_path(&file);
    typed(&mut s, " edited");
    story_file(dir.path(), "a.json", "Theirs");
    s.check_disk();
    assert!(matches!(
        &s.story.disk_change,
        Some(DiskChange::Changed { theirs, .. }) if theirs.headline == "Theirs"
    ));
    assert_eq!(s.story.article().headline, "Mine edited", "nothing lost");
    // Save does not overwrite their version silently
    assert!(!s.save());
    assert_eq!(s.prompt, Some(Prompt::Overwrite));
    assert_eq!(format::load(&file).unwrap().headline, "Theirs");
    s.answer(Choice::Cancel);
    assert_eq!(format::load(&file).unwrap().headline, "Theirs");
    // Overwrite, when asked, writes mine
    assert!(!s.save());
    s.answer(Choice::Save);
    assert_eq!(format::load(&file).unwrap().headline, "Mine edited");
    assert!(!s.story.is_dirty());
}

#[test]
fn reload_and_keep_mine_settle_the_bar() {
    let dir = tempfile::tempdir().unwrap();
    let file = story_file(dir.path(), "a.json", "Mine");
    let mut s = test_state(vec![]);
    s.open_path(&file);
    typed(&mut s, "!");
    story_file(dir.path(), "a.json", "Theirs");
    s.check_disk();
    s.keep_mine();
    assert!(s.story.disk_change.is_none());
    assert!(s.save(), "kept mine: Save writes without asking again");
    assert_eq!(format::load(&file).unwrap().headline, "Mine!");

    typed(&mut s, "?");
    story_file(dir.path(), "a.json", "Theirs again");
    s.check_disk();
    s.reload_theirs();
    assert_eq!(s.story.article().headline, "Theirs again");
    assert!(!s.story.is_dirty());
    s.story.undo();
    assert_eq!(
        s.story.article().headline,
        "Mine!?",
        "undo brings mine back"
    );
}

#[test]
fn a_deleted_file_is_said_and_save_puts_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = story_file(dir.path(), "a.json", "Here");
    let mut s = test_state(vec![]);
    s.open_path(&file);
    fs::remove_file(&file).unwrap();
    s.check_disk();
    assert_eq!(s.story.disk_change, Some(DiskChange::Missing));
    assert!(s.save());
    assert_eq!(format::load(&file).unwrap().headline, "Here");
    assert!(s.story.disk_change.is_none());
}

#[test]
fn a_save_of_our_own_is_not_a_change_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let file = story_file(dir.path(), "a.json", "A");
    let mut s = test_state(vec![]);
    s.open_path(&file);
    typed(&mut s, "1");
    assert!(s.save());
    typed(&mut s, "2");
    s.check_disk();
    assert!(s.story.disk_change.is_none());
    assert!(s.save(), "no question: the file is as we left it");
}
