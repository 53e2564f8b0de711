//! Every script a newsroom prints: with the computer's fonts (Debian's Noto families, which
//! `.ci/deps` installs) nothing in a story of eleven scripts and emoji is an empty box; without
//! them the status bar names the scripts it cannot show. Right-to-left paragraphs are set
//! against the right edge of the preview.

use std::path::PathBuf;
use std::sync::Arc;

use crate::support::{menu, shown_containing, type_into};
use copydesk::app::dialogs::{Answer, ScriptedDialogs};
use copydesk::ui::CopydeskApp;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn story() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/many-scripts.json")
}

/// The window on the many-scripts story; with the system's fonts when `system_fonts`, as
/// the real window has them.
fn window(
    system_fonts: bool,
    answers: Vec<Answer>,
    snapshot: bool,
) -> Harness<'static, CopydeskApp> {
    window_on(story(), system_fonts, answers, snapshot)
}

/// [`window`] on the story at `path`.
fn window_on(
    path: PathBuf,
    system_fonts: bool,
    answers: Vec<Answer>,
    snapshot: bool,
) -> Harness<'static, CopydeskApp> {
    let mut builder = Harness::builder()
        .with_max_steps(30)
        .with_size(egui::vec2(1280.0, 800.0));
    if !system_fonts {
        // boxes are what this test is about
        builder = builder.allow_missing_glyphs();
    }
    if snapshot {
        builder = builder.wgpu();
    }
    let mut h = builder.build_eframe(move |cc| {
        if system_fonts {
            cc.egui_ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new().with_locale(Some("en-GB")),
            ));
        }
        CopydeskApp::new(
            cc,
            Some(path),
            Box::new(ScriptedDialogs::answering(answers)),
        )
    });
    crate::support::settle_spelling(&mut h);
    h
}

fn missing_note(h: &Harness<'_, CopydeskApp>) -> Option<String> {
    h.root()
        .query_all_by(|n| n.value().is_some_and(|v| v.starts_with("No font for")))
        .next()
        .and_then(|n| n.value())
}

#[test]
fn without_the_fonts_the_status_bar_names_the_scripts() {
    let sample =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/samples/corbyn-unity-appeal.json");
    let mut h = window(false, vec![Answer::Chosen(sample)], false);
    h.run();
    let note = missing_note(&h).expect("the status bar says which scripts cannot be shown");
    for script in [
        "Arabic",
        "Hebrew",
        "Devanagari",
        "Chinese characters (Han)",
        "Japanese kana",
        "Korean (Hangul)",
    ] {
        assert!(note.contains(script), "{script} in {note:?}");
    }
    // egui's own faces have Greek and Cyrillic
    assert!(
        !note.contains("Greek") && !note.contains("Cyrillic"),
        "{note}"
    );
    // another story, in Latin letters only: the note goes
    menu(&mut h, "File", "Open…");
    h.run();
    assert_eq!(missing_note(&h), None);
    // typing Thai into it brings the note back, for Thai alone
    type_into(&mut h, "Headline", " ไทย");
    h.run();
    assert_eq!(missing_note(&h).as_deref(), Some("No font for Thai"));
}

#[test]
fn with_the_fonts_every_script_shows() {
    let mut h = window(true, vec![], false);
    h.run();
    assert_eq!(
        missing_note(&h),
        None,
        "with fonts-noto-core, fonts-noto-cjk and fonts-noto-color-emoji installed (.ci/deps)"
    );
    assert!(shown_containing(
        &h,
        "Cambrios被Gartner評選為「最酷供應商」"
    ));
}

/// The story in every script, light, as the snapshot `tests/snapshots/many_scripts.png`:
/// look at it after a change (`UPDATE_SNAPSHOTS=1`) — no boxes anywhere, Arabic and Hebrew
/// set from the right in the preview.
#[test]
fn many_scripts_snapshot() {
    let mut h = window(true, vec![], true);
    h.ctx.set_theme(egui::Theme::Light);
    h.run();
    h.snapshot("many_scripts");
}

#[test]
fn right_to_left_paragraphs_sit_against_the_right_edge_of_the_preview() {
    let mut h = window(true, vec![], false);
    h.run();
    let preview = h.get_by_label("Preview").rect();
    let standfirst = h.state().state.story.article().standfirst.clone();
    let hebrew = "הדובר אמר כי המוצר החדש יגיע לשווקים בשנה הבאה.";
    let greek_start = "Ο εκπρόσωπος";
    let rect_of = |h: &Harness<'_, CopydeskApp>, text: &str| {
        h.root()
            .query_all_by(|n| {
                n.role() == Role::Label && n.value().is_some_and(|v| v.starts_with(text))
            })
            .map(|n| n.rect())
            .find(|r| r.left() >= preview.left() - 5.0)
            .unwrap_or_else(|| panic!("the preview shows {text:?}"))
    };
    let right = h.ctx.content_rect().right();
    let (s, he, el) = (
        rect_of(&h, &standfirst),
        rect_of(&h, hebrew),
        rect_of(&h, greek_start),
    );
    // a right-to-left paragraph ends at the column's right edge; a short one starts well
    // inside it; a left-to-right one starts at the left edge
    assert!((s.right() - he.right()).abs() < 1.0, "{s:?} {he:?}");
    assert!(he.right() > right - 40.0, "{he:?} in a window {right} wide");
    assert!(he.left() > el.left() + 20.0, "{he:?} against {el:?}");
    assert!(
        (el.left() - preview.left()).abs() < 2.0,
        "{el:?} {preview:?}"
    );
    // an Arabic related-link title is a link, set from the right of its box
    let arabic_link = h
        .root()
        .query_all_by(|n| {
            n.role() == Role::Link && n.label().is_some_and(|l| l == "مقال بالعربية عن الإعلان")
        })
        .next()
        .expect("the Arabic title is a link")
        .rect();
    assert!(arabic_link.right() > right - 40.0, "{arabic_link:?}");
    assert!(
        arabic_link.left() > preview.left() + 100.0,
        "{arabic_link:?}"
    );
}

#[test]
fn the_slug_made_from_a_headline_keeps_what_a_reader_would_type() {
    let mut h = window(true, vec![], false);
    menu(&mut h, "File", "New");
    type_into(&mut h, "Headline", "Beijing 北京 — دبي — हिन्दी ❤️ news");
    let slug = h.get_by_label("Slug");
    assert_eq!(
        slug.accesskit_node().placeholder(),
        Some("beijing-news"),
        "no transliterated noise, no emoji"
    );
}

/// The face that draws `c` in the panels' family: the first in its chain that has it.
fn face_for(h: &Harness<'_, CopydeskApp>, c: char) -> Option<String> {
    h.ctx.fonts_mut(|f| {
        f.characters(&egui::FontFamily::Proportional)
            .get(&c)
            .and_then(|faces| faces.first().cloned())
    })
}

/// Issue 26, item 8: ❤️ is drawn by the colour emoji font, not by the first text font the
/// system offers that also has U+2764 (DejaVu Sans, a grey outline), even in a story whose
/// only emoji it is.
#[test]
fn a_red_heart_is_drawn_in_colour() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heart.json");
    let mut a = copydesk_core::article::Article::new();
    a.headline = "Readers write in".into();
    a.body = "We \u{2764}\u{FE0F} the Sunday edition, one reader wrote.".into();
    copydesk_core::format::save(&path, &a).unwrap();
    let mut h = window_on(path, true, vec![], false);
    // the colour font is looked for on a thread of its own
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut face = face_for(&h, '\u{2764}');
    while !face.as_deref().is_some_and(|f| f.contains("Emoji"))
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
        face = face_for(&h, '\u{2764}');
    }
    assert!(
        face.as_deref().is_some_and(|f| f.contains("Color Emoji")),
        "❤ is drawn by {face:?}"
    );
    // and the glyph atlas started over with it: the body and preview lay out again
    assert!(copydesk::ui::fonts::atlas_epoch(&h.ctx) >= 1);
    // and still by the bundled face for the words around it
    assert_eq!(face_for(&h, 'W').as_deref(), Some("Ubuntu-Light"));
}
