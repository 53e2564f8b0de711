//! The whole window on a 5 MB story, headless: typing, a selection from the paragraph in
//! sight to the far end of the story deleted and undone, one made row by row across several
//! screens, and Replace All through the find bar's keys.
//!
//! The window is driven as `benches/frames.rs` drives it (`egui::Context::run_ui`, events,
//! fields focused by id), not through kittest: kittest builds the accessibility tree every
//! frame, a node per laid-out row, which at 5 MB takes longer than the story itself.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::ui::CopydeskApp;
use copydesk::ui::editor::body_id;
use eframe::App as _;
use egui::{Event, Key, Modifiers, RawInput};

/// Ctrl as a keyboard on Linux or Windows sends it: both `ctrl` and `command`.
const CTRL: Modifiers = Modifiers {
    alt: false,
    ctrl: true,
    shift: false,
    mac_cmd: false,
    command: true,
};

#[path = "../benches/common/mod.rs"]
mod common;

struct Window {
    ctx: egui::Context,
    app: CopydeskApp,
    frame: eframe::Frame,
    time: f64,
}

impl Window {
    fn open(path: std::path::PathBuf) -> Self {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = CopydeskApp::new(&cc, Some(path), Box::new(ScriptedDialogs::answering([])));
        let mut w = Window {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
        };
        for _ in 0..3 {
            w.step(Vec::new());
        }
        w
    }

    fn step(&mut self, events: Vec<Event>) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            focused: true,
            events,
            ..RawInput::default()
        };
        let (app, frame) = (&mut self.app, &mut self.frame);
        let mut out = self.ctx.run_ui(input, |ui| app.ui(ui, frame));
        // no renderer takes the font atlas's updates
        out.textures_delta.clear();
    }

    fn key(&mut self, modifiers: Modifiers, key: Key) {
        self.step(vec![Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        }]);
        self.step(Vec::new());
    }

    fn type_text(&mut self, text: &str) {
        self.step(vec![Event::Text(text.into())]);
        self.step(Vec::new());
    }

    /// Puts the cursor in the body at byte `at`, as a checked problem's click does (the
    /// body's field holds only a window of a long body, counted from the window's start).
    fn cursor_in_body(&mut self, at: usize) {
        self.app.view.editor.select = Some(at..at);
        self.step(Vec::new());
        self.step(Vec::new());
        assert!(self.ctx.memory(|m| m.has_focus(body_id())));
        let chars = self.body()[..at].chars().count();
        assert_eq!(self.app.view.editor.cursor, Some(chars));
    }

    fn body(&self) -> &str {
        &self.app.state.story.article().body
    }
}

fn five_megabytes() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let article = common::generated(5_000_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("5mb.json");
    copydesk_core::format::save(&path, &article).unwrap();
    (dir, path, article.body)
}

#[test]
fn a_five_megabyte_story_types_selects_far_deletes_undoes_and_replaces_all() {
    let (_dir, path, body) = five_megabytes();
    assert!(body.len() >= 5_000_000);
    let mut w = Window::open(path);
    assert_eq!(w.body(), body);

    // typing near the top lays out the line typed in, not the story
    let second = body.find("\n\n").unwrap() + 2;
    w.cursor_in_body(second);
    let before = w.app.view.editor.lines_laid_out();
    w.type_text("Z");
    assert_eq!(&w.body()[second..second + 1], "Z");
    let laid = w.app.view.editor.lines_laid_out() - before;
    assert!(
        laid <= 4,
        "a keystroke lays out the line typed in ({laid} lines)"
    );
    w.key(Modifiers::NONE, Key::Backspace);
    assert_eq!(w.body(), body);

    // half-way down, 2.5 MB in, the field holds a few screens there, and a keystroke lands
    // exactly at the cursor
    let middle = body[..body.len() / 2].rfind("\n\n").unwrap() + 2;
    w.cursor_in_body(middle);
    let held = w.app.view.editor.window_bytes();
    assert!(
        held.start > 0 && held.contains(&middle) && held.len() < 100_000,
        "{held:?}"
    );
    w.type_text("Q");
    assert!(w.body() == format!("{}Q{}", &body[..middle], &body[middle..]));
    w.key(Modifiers::NONE, Key::Backspace);
    assert_eq!(w.body(), body);

    // from the paragraph in sight to the end of the story, five megabytes away
    w.cursor_in_body(second);
    w.key(CTRL | Modifiers::SHIFT, Key::End);
    w.key(Modifiers::NONE, Key::Delete);
    assert_eq!(
        w.body(),
        &body[..second],
        "everything after the cursor went"
    );
    w.key(CTRL, Key::Z);
    assert_eq!(w.body(), body, "one undo brings it back");

    // selected row by row across several screens (the view follows), then deleted
    w.cursor_in_body(second);
    for _ in 0..150 {
        w.step(vec![Event::Key {
            key: Key::ArrowDown,
            physical_key: None,
            pressed: true,
            repeat: true,
            modifiers: Modifiers::SHIFT,
        }]);
    }
    w.key(Modifiers::NONE, Key::Delete);
    let gone = body.len() - w.body().len();
    assert!(
        gone > 4_000,
        "150 rows of text selected and deleted ({gone} bytes)"
    );
    assert!(body.starts_with(&w.body()[..second]));
    assert!(body.ends_with(&w.body()[second..]));
    w.key(CTRL, Key::Z);
    assert_eq!(w.body(), body);

    // find and replace all: every "Corbyn" in the body and the other texts
    let in_body = body.matches("Corbyn").count();
    assert!(in_body > 5_000, "{in_body} matches");
    w.key(CTRL, Key::H);
    w.app.view.editor.find.query = "Corbyn".into();
    w.app.view.editor.find.replacement = "Zedek".into();
    w.step(Vec::new());
    w.key(CTRL | Modifiers::ALT, Key::Enter);
    assert!(!w.body().contains("Corbyn"), "every match replaced");
    assert_eq!(w.body().matches("Zedek").count(), in_body);
    let said = w.app.state.info.clone().unwrap_or_default();
    assert!(
        said.starts_with(&format!("Replaced {}", in_body + 1))
            || said.contains(&format!("{in_body} in the body")),
        "the status bar says how many: {said}"
    );
    w.key(CTRL, Key::Z);
    assert_eq!(w.body(), body, "one undo takes them all back");
}
