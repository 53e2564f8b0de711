//! The desk view in the window, driven headless through egui_kittest by accessible labels:
//! a folder of stories in one table, sorted and filtered, a story fixed in place, the status
//! of several set at once, and a colleague's save showing up in its row.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{app, menu, shown};
use chrono::{Datelike, NaiveDate, Utc};
use copydesk::app::dialogs::{Answer, ScriptedDialogs};
use copydesk::ui::{CopydeskApp, Startup};
use copydesk_core::article::{Article, Stamp, Status};
use copydesk_core::field::TextField;
use copydesk_core::format;
use copydesk_core::versions::{self, Kind};
use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Saves the sample story, changed by `change`, as `name` in `dir`.
fn story(dir: &Path, name: &str, change: impl FnOnce(&mut Article)) -> PathBuf {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    change(&mut a);
    let p = dir.join(name);
    format::save(&p, &a).unwrap();
    p
}

/// A desk: a story in every status (one of them with no headline, one embargoed until next
/// year), a broken file and a file that is not a story.
fn desk_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    story(d, "council.json", |a| {
        a.headline = "Council tax to rise".into();
        a.status = Status::Draft;
        a.section = "Local".into();
    });
    story(d, "budget.json", |a| {
        a.headline = "Budget row deepens".into();
        a.status = Status::InReview;
        a.section = "Politics".into();
    });
    story(d, "minister.json", |a| {
        a.headline = "Minister resigns".into();
        a.status = Status::Approved;
        a.section = "Politics".into();
        let next_year = NaiveDate::from_ymd_opt(Utc::now().year() + 1, 1, 5).unwrap();
        a.embargo = Some(Stamp::new(
            next_year,
            chrono::NaiveTime::from_hms_opt(9, 0, 0),
            chrono_tz::Europe::London,
        ));
    });
    story(d, "bridge.json", |a| {
        a.headline = "Bridge reopens".into();
        a.status = Status::Published;
        a.section = "Local".into();
    });
    story(d, "untitled.json", |a| {
        a.headline = String::new();
        a.status = Status::InReview;
        a.section = "Politics".into();
    });
    std::fs::write(
        d.join("broken.json"),
        "{\n  \"format\": \"copydesk-article\",\n  oops\n}",
    )
    .unwrap();
    std::fs::write(d.join("settings.json"), "{\"theme\": \"dark\"}").unwrap();
    dir
}

/// Runs the window until `done`, a frame at a time (the desk's threads answer meanwhile).
pub(crate) fn wait_for(
    h: &mut Harness<'_, CopydeskApp>,
    what: &str,
    done: impl Fn(&Harness<'_, CopydeskApp>) -> bool,
) {
    let start = Instant::now();
    loop {
        h.step();
        if done(h) {
            h.run();
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what}: waited a minute"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The window with the desk open on `dir`, through File → Open Desk Folder….
fn open_desk(dir: &Path) -> Harness<'static, CopydeskApp> {
    let mut h = app(None, vec![Answer::Chosen(dir.to_path_buf())]);
    menu(&mut h, "File", "Open Desk Folder…");
    wait_for(&mut h, "the folder is read", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    h
}

/// The headlines (or file names) of the rows shown, top to bottom.
pub(crate) fn rows(h: &Harness<'_, CopydeskApp>) -> Vec<String> {
    // Each row's checkbox is named after it: "Select <headline>".
    let mut boxes: Vec<(f32, String)> = h
        .root()
        .query_all_by(|n| {
            n.role() == Role::CheckBox && n.label().is_some_and(|l| l.starts_with("Select "))
        })
        .map(|n| {
            let label = n.accesskit_node().label().unwrap();
            (
                n.rect().min.y,
                label.trim_start_matches("Select ").to_owned(),
            )
        })
        .collect();
    boxes.sort_by(|a, b| a.0.total_cmp(&b.0));
    boxes.into_iter().map(|(_, l)| l).collect()
}

/// Clicks the row of `title` (its headline cell), with `modifiers`.
pub(crate) fn click_row(h: &mut Harness<'_, CopydeskApp>, title: &str, modifiers: Modifiers) {
    h.root()
        .query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|v| v == title))
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap_or_else(|| panic!("no row {title:?}"))
        .click_modifiers(modifiers);
    h.run();
}

/// Clicks a column's heading.
fn sort_by(h: &mut Harness<'_, CopydeskApp>, column: &str) {
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label().is_some_and(|l| {
                    l == column || l.strip_prefix(column).is_some_and(|r| r.starts_with(' '))
                })
        })
        .next()
        .unwrap_or_else(|| panic!("no heading {column:?}"))
        .click();
    h.run();
}

/// The problem count in the row of `title` ("1 error, 2 warnings"): the label to the right of
/// its headline, on the same line.
pub(crate) fn row_problems(h: &Harness<'_, CopydeskApp>, title: &str) -> String {
    let head = h
        .root()
        .query_all_by(|n| n.role() == Role::Label && n.value().is_some_and(|v| v == title))
        .map(|n| n.rect())
        // the table is left of the review, which may show the headline too
        .min_by(|a, b| a.min.x.total_cmp(&b.min.x))
        .unwrap_or_else(|| panic!("no row {title:?}"));
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Label
                && n.value().is_some_and(|v| {
                    v == "No problems" || v.contains("error") || v.contains("warning")
                })
        })
        .find(|n| {
            (n.rect().center().y - head.center().y).abs() < 2.0 && n.rect().min.x > head.min.x
        })
        .map(|n| n.value().unwrap())
        .unwrap_or_else(|| panic!("no problem count in the row of {title:?}"))
}

#[test]
fn a_folder_lists_a_story_in_every_status_sorted_and_filtered() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    let mut listed = rows(&h);
    listed.sort();
    assert_eq!(
        listed,
        [
            "Bridge reopens",
            "Budget row deepens",
            "Council tax to rise",
            "Minister resigns",
            "broken.json",
            "untitled.json",
        ],
        "the broken file is listed by name; settings.json is skipped"
    );
    for status in ["Draft", "In review", "Approved", "Published"] {
        assert!(shown(&h, status), "{status} in the table");
    }
    assert!(
        crate::support::shown_containing(&h, "Cannot be read: invalid JSON at line 3"),
        "the broken file says why"
    );
    assert!(shown(&h, "(no headline)"));

    // Sort by status: draft first, the broken file (no status) last; again: the other way.
    sort_by(&mut h, "Status");
    let by_status = rows(&h);
    assert_eq!(by_status[0], "Council tax to rise");
    assert_eq!(by_status[5], "broken.json");
    assert_eq!(by_status[4], "Bridge reopens");
    sort_by(&mut h, "Status");
    let back = rows(&h);
    assert_eq!(back[0], "Bridge reopens");
    assert_eq!(back[5], "broken.json", "no status: last either way");

    // Filter: in review only; then also with errors; then a search.
    h.get_by_label("Status filter").click();
    h.run();
    h.root()
        .query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l == "In review"))
        .last()
        .unwrap()
        .click();
    h.run();
    let mut in_review = rows(&h);
    in_review.sort();
    assert_eq!(in_review, ["Budget row deepens", "untitled.json"]);
    h.get_by_label("Has errors").click();
    h.run();
    assert_eq!(rows(&h), ["untitled.json"]);
    h.get_by_label("Clear filters").click();
    h.run();
    assert_eq!(rows(&h).len(), 6);
    h.get_by_label("Embargoed").click();
    h.run();
    assert_eq!(rows(&h), ["Minister resigns"]);
    h.get_by_label("Embargoed").click();
    h.run();
    crate::support::type_into(&mut h, "Search", "COUNCIL");
    assert_eq!(rows(&h), ["Council tax to rise"]);
    assert!(shown(&h, "1 shown"));

    // The filters and the order are remembered for the folder: back to the story and to
    // the desk again.
    menu(&mut h, "File", "Back to the Story");
    assert!(h.state().desk.is_none());
    menu(&mut h, "View", "Desk view");
    wait_for(&mut h, "the folder is read again", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    assert_eq!(rows(&h), ["Council tax to rise"]);
    let memory = &h.state().view.desk.memory;
    let remembered = memory.folders.first().unwrap();
    assert_eq!(remembered.filter.text, "COUNCIL");
}

/// The review's headline field (the table's "Headline" heading is a button).
pub(crate) fn headline_field<'h>(h: &'h Harness<'_, CopydeskApp>) -> egui_kittest::Node<'h> {
    h.root()
        .query_all_by(|n| {
            n.role() == Role::MultilineTextInput && n.label().is_some_and(|l| l == "Headline")
        })
        .next()
        .expect("the review's headline field")
}

#[test]
fn a_headline_fixed_in_place_is_saved_and_its_row_follows() {
    let dir = desk_folder();
    let path = dir.path().join("untitled.json");
    let mut h = open_desk(dir.path());
    assert!(
        row_problems(&h, "(no headline)").starts_with("1 error"),
        "{}",
        row_problems(&h, "(no headline)")
    );
    click_row(&mut h, "(no headline)", Modifiers::NONE);
    assert!(shown(&h, "Review"), "the review opens beside the table");
    // the editor's own metadata panel: its headline field
    headline_field(&h).focus();
    h.run();
    headline_field(&h).type_text("Ferry strike called off");
    h.run();
    assert!(shown(&h, "Unsaved changes"));
    assert_eq!(
        format::load(&path).unwrap().headline,
        "",
        "nothing written before Save"
    );
    h.get_by_label("Save").click();
    h.run();
    assert_eq!(
        format::load(&path).unwrap().headline,
        "Ferry strike called off",
        "the file on disk"
    );
    assert!(
        !row_problems(&h, "Ferry strike called off").contains("error"),
        "the row's problems follow: {}",
        row_problems(&h, "Ferry strike called off")
    );
    assert!(shown(&h, "Saved untitled.json"));
    // undo is the review's own, and marks it unsaved again
    menu(&mut h, "Edit", "Undo");
    assert!(shown(&h, "Unsaved changes"));
}

#[test]
fn three_stories_are_approved_in_one_step() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    assert!(shown(&h, "Last changed by"), "the column's heading");
    assert!(!shown(&h, "Desk Editor"), "no history kept yet");
    h.state_mut().state.set_your_name("Desk Editor");
    click_row(&mut h, "Council tax to rise", Modifiers::NONE);
    click_row(&mut h, "Budget row deepens", Modifiers::COMMAND);
    h.get_by_label("Select Minister resigns").click();
    h.run();
    assert!(shown(&h, "3 selected"));
    h.get_by_label("Set status of 3 selected").click();
    h.run();
    h.root()
        .query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l == "Approved"))
        .last()
        .unwrap()
        .click();
    h.run();
    wait_for(&mut h, "the status change is done", |h| {
        h.state().desk.as_ref().is_some_and(|d| !d.bulk_running())
    });
    for name in ["council.json", "budget.json", "minister.json"] {
        let status = format::load(&dir.path().join(name)).unwrap().status;
        assert_eq!(status, Status::Approved, "{name}");
    }
    // each status change kept its version, signed; the rows say who changed them
    for name in ["council.json", "budget.json"] {
        let newest = versions::History::of(&dir.path().join(name))
            .newest()
            .unwrap()
            .unwrap();
        assert_eq!(
            (newest.saved_by.as_str(), newest.kind),
            ("Desk Editor", Kind::Status)
        );
    }
    assert_eq!(h.query_all_by_label("Desk Editor").count(), 2);
    assert_eq!(
        format::load(&dir.path().join("bridge.json"))
            .unwrap()
            .status,
        Status::Published,
        "not selected: untouched"
    );
    // said per file, and once above the list (the status bar leaves it to the list while
    // the list is open, then says it itself)
    assert_eq!(
        h.query_all_by_label("Approved 2 of 3 stories; 1 already so")
            .count(),
        1
    );
    assert!(shown(&h, "already approved; left as it was"));
    assert_eq!(
        h.query_all_by_label("approved, saved").count(),
        2,
        "a line for each story saved"
    );
    h.get_by_label("Close the list").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("Approved 2 of 3 stories; 1 already so")
            .count(),
        1,
        "the status bar says it, once"
    );
}

#[test]
fn a_story_saved_by_another_process_updates_its_row() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    assert!(shown(&h, "Budget row deepens"));
    // Another process (copydesk itself, rewriting a story atomically) saves a new version.
    let elsewhere = tempfile::tempdir().unwrap();
    let theirs = story(elsewhere.path(), "theirs.json", |a| {
        a.headline = "Budget row ends in deal".into();
        a.status = Status::Approved;
        a.section = "Politics".into();
    });
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["export", "--to", "copydesk"])
        .arg(&theirs)
        .arg("-o")
        .arg(dir.path().join("budget.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let saved = Instant::now();
    wait_for(&mut h, "the row follows the file", |h| {
        shown(h, "Budget row ends in deal")
    });
    assert!(
        saved.elapsed() < Duration::from_secs(2),
        "within two seconds: {:?}",
        saved.elapsed()
    );
    assert!(!shown(&h, "Budget row deepens"));
    // a new file appears, a deleted one goes
    std::process::Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["export", "--to", "copydesk"])
        .arg(&theirs)
        .arg("-o")
        .arg(dir.path().join("new.json"))
        .output()
        .unwrap();
    wait_for(&mut h, "the new file's row", |h| {
        h.state().desk.as_ref().unwrap().rows().len() == 7
    });
    std::fs::remove_file(dir.path().join("council.json")).unwrap();
    wait_for(&mut h, "the deleted file's row goes", |h| {
        !shown(h, "Council tax to rise")
    });
}

/// A window with the recovery journal in `journal`, on the desk `folder` (or the editor).
fn window_with_journal(journal: &Path, folder: Option<&Path>) -> Harness<'static, CopydeskApp> {
    let journal = journal.to_path_buf();
    let desk = folder.map(Path::to_path_buf);
    let mut h = Harness::builder()
        .with_max_steps(30)
        .with_size(egui::vec2(1280.0, 860.0))
        .build_eframe(move |cc| {
            CopydeskApp::start(
                cc,
                Startup {
                    journal: Some(journal),
                    desk,
                    ..Startup::default()
                },
                Box::new(ScriptedDialogs::default()),
            )
        });
    h.run();
    h
}

#[test]
fn the_reviews_edits_are_spelt_and_survive_a_window_dropped_unsaved() {
    let dir = desk_folder();
    let data = tempfile::tempdir().unwrap();
    let journal = data.path().join("recovery");
    let mut h = window_with_journal(&journal, Some(dir.path()));
    wait_for(&mut h, "the folder is read", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    click_row(&mut h, "Council tax to rise", Modifiers::NONE);
    assert!(shown(&h, "Review"));
    // a misspelling typed in the review is found by the review's own spelling worker
    crate::support::type_into(&mut h, "Standfirst", " The goverment said so.");
    let review_misses = |h: &Harness<'_, CopydeskApp>| -> Vec<String> {
        let review = h.state().desk.as_ref().unwrap().review.as_ref().unwrap();
        review
            .misspellings()
            .words
            .iter()
            .filter(|m| m.field == TextField::Standfirst)
            .map(|m| m.word.clone())
            .collect()
    };
    wait_for(&mut h, "the review's spelling", |h| {
        review_misses(h).contains(&"goverment".to_owned())
    });
    // …and listed with the review's checks, as the editor's are
    h.root()
        .query_all_by(|n| {
            n.role() == Role::Button
                && n.label()
                    .is_some_and(|l| l.contains("warning") && l.contains("error"))
        })
        .next()
        .expect("the review's problem count")
        .click();
    h.run();
    assert!(crate::support::shown_containing(
        &h,
        "“goverment” in the standfirst may be misspelt"
    ));
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(shown(&h, "Unsaved changes"));
    // The window goes away without saving and without asking (a crash would do the same,
    // only sooner): the review's journal entry is left for the next start.
    h.state()
        .desk
        .as_ref()
        .unwrap()
        .review
        .as_ref()
        .unwrap()
        .flush_journal();
    drop(h);
    assert_eq!(
        format::load(&dir.path().join("council.json"))
            .unwrap()
            .standfirst,
        format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes())
            .unwrap()
            .standfirst,
        "nothing was saved to the file"
    );

    // The next start opens on the desk again (as a remembered desk would): the list is
    // offered over it, and the restored story shows in the editor.
    let mut h = window_with_journal(&journal, Some(dir.path()));
    assert!(h.state().desk.is_some(), "the window starts on the desk");
    assert!(shown(&h, "Recover unsaved stories"));
    assert!(
        shown(&h, "Council tax to rise"),
        "the review's story is offered"
    );
    h.get_all_by_label("Restore here").next().unwrap().click();
    h.run();
    assert!(
        h.state().desk.is_none(),
        "the editor shows the restored story"
    );
    let story = &h.state().state.story;
    assert!(
        story
            .article()
            .standfirst
            .ends_with(" The goverment said so.")
    );
    assert!(story.is_dirty());
    let council = std::fs::canonicalize(dir.path().join("council.json")).unwrap();
    assert_eq!(
        story.path(),
        Some(council.as_path()),
        "restored to its file"
    );
}

#[test]
fn the_desks_keys_come_from_the_command_table_and_help_lists_them() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    // ↓ from no row reviews the first; Shift+↓ adds the next to the selection
    h.key_press(egui::Key::ArrowDown);
    h.run();
    let first = h
        .state()
        .desk
        .as_ref()
        .unwrap()
        .focus()
        .map(Path::to_path_buf);
    assert!(first.is_some(), "the arrow reviews a row");
    h.key_press_modifiers(Modifiers::SHIFT, egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().desk.as_ref().unwrap().selected().len(), 2);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.run();
    let desk = h.state_mut().desk.as_mut().unwrap();
    let shown_rows = desk.shown().len();
    assert!(shown_rows > 2);
    assert_eq!(
        desk.selected().len(),
        shown_rows,
        "every row shown is selected"
    );
    menu(&mut h, "Help", "Keyboard shortcuts");
    assert!(shown(&h, "In the desk's table"));
    for listed in [
        "Review the next row",
        "Add the next row to the selection",
        "Select every row shown",
        "Open the story under review in the editor",
    ] {
        assert!(shown(&h, listed), "Help lists {listed:?}");
    }
}

/// The rows a status change will touch are the highlighted ones, and only those: the row
/// under review, unchecked, is not highlighted, and the bar says it is not among them.
#[test]
fn the_row_under_review_is_not_counted_unless_it_is_checked() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    click_row(&mut h, "Council tax to rise", Modifiers::NONE);
    h.get_by_label("Select Budget row deepens").click();
    h.run();
    h.get_by_label("Select Council tax to rise").click();
    h.run();
    let desk = h.state_mut().desk.as_mut().unwrap();
    let focus = desk.focus().unwrap().to_path_buf();
    assert!(focus.ends_with("council.json"), "still under review");
    assert!(!desk.is_selected(&focus));
    assert_eq!(desk.selected_shown().len(), 1);
    assert!(shown(&h, "Set status of 1 selected"));
    assert!(shown(&h, "The story under review is not among them"));
    // checked again: it is among them, and the bar says nothing more
    h.get_by_label("Select Council tax to rise").click();
    h.run();
    assert!(shown(&h, "Set status of 2 selected"));
    assert!(!shown(&h, "The story under review is not among them"));
}

/// The review reads left to right as the editor does: the table, then the story's metadata,
/// then its preview on the far right (it was metadata on the far right, past the preview).
#[test]
fn the_review_puts_metadata_before_the_preview_as_the_editor_does() {
    let dir = desk_folder();
    let mut h = open_desk(dir.path());
    h.set_size(egui::vec2(1600.0, 800.0));
    h.run();
    click_row(&mut h, "Council tax to rise", Modifiers::NONE);
    h.run();
    let metadata = headline_field(&h).rect();
    // the preview's heading (the menu bar has a "Preview" of its own, at the top)
    let preview = h
        .query_all_by_value("Preview")
        .map(|n| n.rect())
        .max_by(|a, b| a.top().total_cmp(&b.top()))
        .unwrap();
    let table = h.get_by_label("Select Council tax to rise").rect();
    assert!(
        table.right() < metadata.left(),
        "the table first: {table:?} {metadata:?}"
    );
    assert!(
        metadata.right() < preview.left(),
        "then the metadata, then the preview: {metadata:?} {preview:?}"
    );
}
