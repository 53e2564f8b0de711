//! Pictures of the main window with the reference story, light and dark, rendered with wgpu
//! on a software adapter (Mesa lavapipe or llvmpipe; `.ci/deps` installs them). Differences
//! from the stored pictures in `tests/snapshots/` fail the test; after an intended change,
//! run with `UPDATE_SNAPSHOTS=1` and look at the new pictures before committing them.

use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::ui::CopydeskApp;
use egui_kittest::Harness;

/// The window on the sample; spelling has answered, so its three desk words (not in
/// Debian's en-GB) are underlined.
fn window(theme: egui::Theme) -> Harness<'static, CopydeskApp> {
    let mut h = Harness::builder()
        // the spelling worker's answer arrives during a run and asks for frames of its own
        .with_max_steps(30)
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(theme)
        .wgpu()
        .build_eframe(|cc| CopydeskApp::new(cc, None, Box::new(ScriptedDialogs::default())));
    crate::support::settle_spelling(&mut h);
    h
}

#[test]
fn main_window_light() {
    let mut h = window(egui::Theme::Light);
    h.run();
    h.snapshot("main_window_light");
}

#[test]
fn main_window_dark() {
    let mut h = window(egui::Theme::Dark);
    h.run();
    h.snapshot("main_window_dark");
}

/// The spelling menu on "frontbench" (a word Debian's en-GB lacks), opened with Ctrl+. in
/// the body, over its wavy underline.
#[test]
fn spelling_menu() {
    use egui::{Key, Modifiers};
    use egui_kittest::kittest::Queryable;
    let mut h = window(egui::Theme::Light);
    let body = h.state().state.story.article().body.clone();
    let at = body[..body.find("frontbench").unwrap() + 3].chars().count();
    h.get_by_label("Story body").focus();
    h.run();
    let id = copydesk::ui::editor::body_id();
    let mut state = egui::TextEdit::load_state(&h.ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(
            egui::text::CCursor::new(at),
        )));
    state.store(&h.ctx, id);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Period);
    h.run();
    h.run();
    assert!(
        h.query_by_label("Add to my dictionary").is_some(),
        "the menu is open"
    );
    h.snapshot("spelling_menu");
}
