use super::*;
use crate::app::dialogs::ScriptedDialogs;

fn wait(panel: &mut VersionsPanel) {
    // The threads answer in their own time; the test waits for them, never for a clock.
    while panel.loading() || panel.comparing() {
        panel.poll();
        std::thread::yield_now();
    }
}

#[test]
fn versions_are_listed_compared_and_restored_as_one_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut s = AppState::new(
        AppState::sample_article(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    s.set_your_name("Ann Reporter");
    assert!(s.save_to(&path));
    let mut next = s.story.article().clone();
    next.headline = "A second headline".into();
    s.story.apply(Edit::Replace(Box::new(next)));
    s.set_your_name("Desk Editor");
    assert!(s.save_to(&path));
    assert_eq!(s.settings.your_name, "Desk Editor");

    let mut panel = VersionsPanel::default();
    s.toggle_history(&mut panel);
    assert!(panel.open);
    wait(&mut panel);
    let who: Vec<&str> = panel.entries.iter().map(|e| e.version.who()).collect();
    assert_eq!(who, ["Desk Editor", "Ann Reporter"]);
    assert_eq!(panel.entries[1].change, "first version kept");
    assert!(
        panel.entries[0].change.contains("headline"),
        "{}",
        panel.entries[0].change
    );
    // the newest is chosen first, against the story now: nothing differs
    let oldest = panel.entries[1].version.id.clone();
    panel.compare(s.story.revision(), || s.story.article().clone(), s.waker());
    wait(&mut panel);
    assert!(panel.lines(s.story.revision()).unwrap().0.is_empty());

    panel.chosen = Some(oldest.clone());
    panel.compare(s.story.revision(), || s.story.article().clone(), s.waker());
    wait(&mut panel);
    let (lines, current) = panel.lines(s.story.revision()).unwrap();
    assert!(current);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].label, "Headline");

    s.restore_version(&panel, &oldest, Restore::Field(Field::Headline));
    assert_eq!(
        s.story.article().headline,
        AppState::sample_article().headline
    );
    assert!(s.story.is_dirty());
    assert!(s.info.as_deref().unwrap().contains("Undo takes it back"));
    s.story.undo();
    assert_eq!(s.story.article().headline, "A second headline");
    s.restore_version(&panel, &oldest, Restore::Whole);
    // the version as saved (the edit stamps the time of modification, as every edit does)
    let mut first = panel.entries[1].article.as_deref().unwrap().clone();
    first.modified = s.story.article().modified;
    assert_eq!(s.story.article(), &first);
    assert_eq!(
        s.story.article().headline,
        AppState::sample_article().headline
    );
    s.story.undo();
    assert_eq!(s.story.article().headline, "A second headline");
}

#[test]
fn an_untitled_story_has_no_history_to_show_and_says_so() {
    let mut s = AppState::new(
        AppState::sample_article(),
        None,
        Box::new(ScriptedDialogs::default()),
    );
    let mut panel = VersionsPanel::default();
    s.toggle_history(&mut panel);
    assert!(!panel.open);
    assert!(s.info.as_deref().unwrap().contains("Save it first"));
}
