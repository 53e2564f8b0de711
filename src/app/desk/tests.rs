use std::path::Path;
use std::time::{Duration, Instant};

use copydesk_core::article::Status;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::format;

use super::*;
use crate::app::state::Choice;
use crate::app::story::Waker;

/// What the desk's tests start review sessions with: no journal, spelling on.
fn kit() -> Kit {
    Kit::plain(Waker::default())
}

/// Edits the story under review, as the window's dispatcher does.
fn edit(d: &mut Desk, e: Edit) -> bool {
    d.review.as_mut().expect("a story under review").apply(e)
}

fn story(dir: &Path, name: &str, headline: &str, status: Status) -> PathBuf {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.headline = headline.into();
    a.status = status;
    let p = dir.join(name);
    format::save(&p, &a).unwrap();
    p
}

fn open(dir: &Path) -> Desk {
    let mut d = Desk::open(dir, desk::DEFAULT_DEPTH, None, kit());
    wait(&mut d, "the folder is read", |d| d.is_loaded());
    d
}

fn wait(d: &mut Desk, what: &str, done: impl Fn(&mut Desk) -> bool) {
    let start = Instant::now();
    loop {
        d.poll();
        if done(d) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{what}: waited 10 s"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn headline_of(d: &Desk, p: &Path) -> String {
    d.row(p).unwrap().summary().unwrap().headline.clone()
}

#[test]
fn rows_follow_the_folder_as_others_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let a = story(&dir, "a.json", "One", Status::Draft);
    story(&dir, "b.json", "Two", Status::Draft);
    let mut d = open(&dir);
    assert_eq!(d.rows().len(), 2);
    assert!(d.progress.first_rows.is_some() && d.progress.found == Some(2));
    // a colleague's save
    story(&dir, "a.json", "One, updated", Status::InReview);
    wait(&mut d, "the changed row", |d| {
        headline_of(d, &a) == "One, updated"
    });
    // a new story, then a deleted one
    let c = story(&dir, "c.json", "Three", Status::Approved);
    wait(&mut d, "the new row", |d| d.row(&c).is_some());
    std::fs::remove_file(&a).unwrap();
    wait(&mut d, "the row gone", |d| d.row(&a).is_none());
    assert_eq!(d.shown().len(), 2);
}

#[test]
fn a_review_saves_in_place_and_never_over_a_colleagues_save() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let a = story(&dir, "a.json", "", Status::Draft);
    let b = story(&dir, "b.json", "Two", Status::Draft);
    let mut d = open(&dir);
    assert_eq!(d.row(&a).unwrap().counts().0, 1, "no headline");
    d.click(&a, false, false);
    assert!(d.review.is_some());
    assert!(edit(
        &mut d,
        Edit::SetText(TextField::Headline, "Fixed".into())
    ));
    assert!(d.is_dirty());
    // another row asks first; Cancel keeps everything
    d.click(&b, false, false);
    assert_eq!(d.prompt, Some(DeskPrompt::Unsaved(Then::Review(b.clone()))));
    assert_eq!(d.answer(Choice::Cancel), None);
    assert_eq!(d.focus(), Some(a.as_path()));
    assert!(d.save_review());
    assert_eq!(format::load(&a).unwrap().headline, "Fixed");
    assert_eq!(
        d.row(&a).unwrap().counts().0,
        0,
        "the row's problems follow"
    );
    // someone else saves; then a change here cannot overwrite it unasked
    edit(&mut d, Edit::SetText(TextField::Headline, "Mine".into()));
    story(&dir, "a.json", "Theirs", Status::Draft);
    assert!(!d.save_review());
    assert_eq!(d.prompt, Some(DeskPrompt::Overwrite));
    d.answer(Choice::Cancel);
    assert_eq!(format::load(&a).unwrap().headline, "Theirs");
    // the watcher tells the review too
    wait(&mut d, "the review hears of it", |d| {
        matches!(
            d.review.as_ref().unwrap().disk_change,
            Some(DiskChange::Changed { .. })
        )
    });
    d.save_review();
    assert_eq!(d.answer(Choice::Save), None, "Overwrite");
    assert_eq!(format::load(&a).unwrap().headline, "Mine");
}

#[test]
fn a_review_without_changes_follows_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let a = story(&dir, "a.json", "One", Status::Draft);
    let mut d = open(&dir);
    d.click(&a, false, false);
    story(&dir, "a.json", "One, by a colleague", Status::Draft);
    wait(&mut d, "the review reloaded", |d| {
        d.review.as_ref().unwrap().article().headline == "One, by a colleague"
    });
    assert!(!d.is_dirty());
}

#[test]
fn setting_the_status_of_many_refuses_a_story_changed_since_it_was_listed() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let a = story(&dir, "a.json", "One", Status::InReview);
    let b = story(&dir, "b.json", "Two", Status::InReview);
    let c = story(&dir, "c.json", "Three", Status::Approved);
    let mut d = open(&dir);
    d.select_all_shown();
    assert_eq!(d.selected().len(), 3);
    // b is changed behind the desk's back, before the watcher could tell
    let mut changed = format::load(&b).unwrap();
    changed.headline = "Two, rewritten".into();
    let before = d.row(&b).unwrap().stamp.sha256.clone();
    format::save(&b, &changed).unwrap();
    assert_eq!(d.row(&b).unwrap().stamp.sha256, before);
    d.set_status(Status::Approved);
    wait(&mut d, "the change is done", |d| !d.bulk_running());
    let report = d.report.clone().unwrap();
    assert_eq!(report.outcomes.len(), 3);
    let of = |p: &Path| report.outcomes.iter().find(|o| o.path == p).unwrap();
    assert!(of(&a).is_saved());
    assert!(of(&c).is_already());
    assert!(
        of(&b)
            .result
            .as_ref()
            .unwrap_err()
            .contains("someone changed it")
    );
    assert_eq!(format::load(&a).unwrap().status, Status::Approved);
    assert_eq!(format::load(&b).unwrap().status, Status::InReview);
    assert_eq!(
        report.summary(),
        "Approved 1 of 3 stories; 1 already so; 1 not changed: see the list for why"
    );
    assert_eq!(
        d.row(&a).unwrap().summary().unwrap().status,
        Status::Approved,
        "the row at once"
    );
}

#[test]
fn shift_click_selects_a_range_in_the_order_shown() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let paths: Vec<PathBuf> = (0..5)
        .map(|i| story(&dir, &format!("{i}.json"), &format!("S{i}"), Status::Draft))
        .collect();
    let mut d = open(&dir);
    d.set_sort(Sort {
        column: desk::Column::File,
        descending: false,
    });
    d.click(&paths[1], false, false);
    d.click(&paths[3], false, true);
    assert_eq!(d.selected().len(), 3);
    d.click(&paths[0], true, false);
    assert_eq!(d.selected().len(), 4);
    d.step(1, false);
    assert_eq!(d.focus(), Some(paths[1].as_path()));
    assert_eq!(d.selected().len(), 1);
    let memory = d.memory().expect("a folder is remembered");
    assert_eq!(memory.selected, ["1.json"]);
    assert_eq!(memory.review.as_deref(), Some("1.json"));
    // reopened: the selection and the review come back once the rows are in
    drop(d);
    let mut again = Desk::open(&dir, 1, Some(&memory), kit());
    wait(&mut again, "read", |d| d.is_loaded());
    assert_eq!(again.focus(), Some(paths[1].as_path()));
    assert!(again.review.is_some());
    assert!(again.is_selected(&paths[1]));
}

#[test]
fn discarding_a_reviews_changes_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let dir = std::fs::canonicalize(dir.path()).unwrap();
    let a = story(&dir, "a.json", "One", Status::Draft);
    let mut d = open(&dir);
    d.click(&a, false, false);
    assert!(edit(
        &mut d,
        Edit::SetText(TextField::Headline, "Fixed".into())
    ));
    d.revert_review();
    assert!(!d.is_dirty());
    assert_eq!(d.review.as_ref().unwrap().article().headline, "One");
    d.review.as_mut().unwrap().undo();
    assert_eq!(
        d.review.as_ref().unwrap().article().headline,
        "Fixed",
        "undo brings it back"
    );
    assert!(d.is_dirty());
}
