//! Pictures of the main window with the reference story, light and dark, rendered with wgpu
//! on a software adapter (Mesa lavapipe or llvmpipe; `.ci/deps` installs them). Differences
//! from the stored pictures in `tests/snapshots/` fail the test; after an intended change,
//! run with `UPDATE_SNAPSHOTS=1` and look at the new pictures before committing them.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::ui::CopydeskApp;
use egui_kittest::Harness;

fn window(theme: egui::Theme) -> Harness<'static, CopydeskApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_theme(theme)
        .wgpu()
        .build_eframe(|cc| CopydeskApp::new(cc, None, Box::new(ScriptedDialogs::default())))
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
