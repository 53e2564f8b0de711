//! The menu bar and the keyboard shortcuts. Every menu item shows its shortcut; Cmd on
//! macOS, Ctrl elsewhere (egui's `Modifiers::COMMAND`).
//!
//! Shortcuts are taken at the start of the frame, before any text field sees the keys, so
//! Ctrl+Z undoes in the whole story rather than inside one field.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::{CopydeskApp, ThemeChoice};
use crate::app::state::Intent;

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::S);
pub const SAVE_AS: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::S);
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Q);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Z);
pub const REDO: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::Z);
pub const REDO_ALT: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::Y);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::F);
pub const REPLACE: KeyboardShortcut = KeyboardShortcut::new(CMD, Key::H);
pub const TOGGLE_METADATA: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::M);
pub const TOGGLE_PREVIEW: KeyboardShortcut = KeyboardShortcut::new(CMD_SHIFT, Key::P);

/// Every command a shortcut or a menu item can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    New,
    Open,
    Save,
    SaveAs,
    Revert,
    Quit,
    Undo,
    Redo,
    Find,
    Replace,
    ToggleMetadata,
    TogglePreview,
}

/// Runs a command.
pub fn run(ctx: &egui::Context, app: &mut CopydeskApp, command: Command) {
    let s = &mut app.state;
    match command {
        Command::New => s.request(Intent::New),
        Command::Open => s.request(Intent::Open),
        Command::Save => {
            s.save();
        }
        Command::SaveAs => s.save_as(),
        Command::Revert => s.revert(),
        Command::Quit => s.request(Intent::Quit),
        Command::Undo => s.undo(),
        Command::Redo => s.redo(),
        Command::Find => app.view.editor.open_find(ctx, false),
        Command::Replace => app.view.editor.open_find(ctx, true),
        Command::ToggleMetadata => app.view.prefs.show_metadata ^= true,
        Command::TogglePreview => app.view.prefs.show_preview ^= true,
    }
}

/// Takes the frame's shortcut keys. Longer chords first: Cmd+Shift+S also matches Cmd+S.
pub fn shortcuts(ctx: &egui::Context, app: &mut CopydeskApp) {
    if app.state.prompt.is_some() || app.state.notice.is_some() || app.state.path_entry.is_some() {
        return; // a modal is up and owns the keyboard
    }
    let table = [
        (SAVE_AS, Command::SaveAs),
        (SAVE, Command::Save),
        (REDO, Command::Redo),
        (UNDO, Command::Undo),
        (REDO_ALT, Command::Redo),
        (TOGGLE_METADATA, Command::ToggleMetadata),
        (TOGGLE_PREVIEW, Command::TogglePreview),
        (NEW, Command::New),
        (OPEN, Command::Open),
        (QUIT, Command::Quit),
        (FIND, Command::Find),
        (REPLACE, Command::Replace),
    ];
    let fired: Vec<Command> = ctx.input_mut(|i| {
        table
            .iter()
            .filter(|(k, _)| i.consume_shortcut(k))
            .map(|(_, c)| *c)
            .collect()
    });
    for c in fired {
        run(ctx, app, c);
    }
}

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<&KeyboardShortcut>,
    enabled: bool,
) -> bool {
    let mut b = egui::Button::new(label);
    if let Some(k) = shortcut {
        b = b.shortcut_text(ui.ctx().format_shortcut(k));
    }
    ui.add_enabled(enabled, b).clicked()
}

/// The menu bar: File, Edit, View, Help.
pub fn bar(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    let ctx = ui.ctx().clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New", Some(&NEW), true) {
                run(&ctx, app, Command::New);
            }
            if item(ui, "Open…", Some(&OPEN), true) {
                run(&ctx, app, Command::Open);
            }
            ui.menu_button("Open Recent", |ui| {
                let recent = app.state.settings.recent.paths().to_vec();
                if recent.is_empty() {
                    ui.label("No recent stories");
                }
                for p in recent {
                    if ui.button(p.display().to_string()).clicked() {
                        if p.exists() {
                            app.state.request(Intent::OpenPath(p));
                        } else {
                            app.state.settings.recent.remove(&p);
                            app.state.notice = Some(crate::app::state::Notice {
                                title: "Could not open the story".into(),
                                message: format!(
                                    "{}: the file is no longer there; it has been taken off the list.",
                                    p.display()
                                ),
                            });
                        }
                        ui.close();
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", Some(&SAVE), true) {
                run(&ctx, app, Command::Save);
            }
            if item(ui, "Save As…", Some(&SAVE_AS), true) {
                run(&ctx, app, Command::SaveAs);
            }
            if item(ui, "Revert", None, app.state.path.is_some()) {
                run(&ctx, app, Command::Revert);
            }
            ui.separator();
            if item(ui, "Import ninjs…", None, true) {
                app.state.request(Intent::ImportNinjs);
            }
            ui.menu_button("Export", |ui| {
                if item(ui, "HTML page…", None, true) {
                    app.state.export_html();
                    ui.close();
                }
                if item(ui, "ninjs 3.1…", None, true) {
                    app.state.export_ninjs();
                    ui.close();
                }
                if item(ui, "Open in browser", None, true) {
                    if let Some(path) = app.state.html_for_browser() {
                        ctx.open_url(egui::OpenUrl::new_tab(format!("file://{}", path.display())));
                    }
                    ui.close();
                }
            });
            ui.separator();
            if item(ui, "Quit", Some(&QUIT), true) {
                run(&ctx, app, Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            if item(ui, "Undo", Some(&UNDO), app.state.can_undo()) {
                run(&ctx, app, Command::Undo);
            }
            if item(ui, "Redo", Some(&REDO), app.state.can_redo()) {
                run(&ctx, app, Command::Redo);
            }
            ui.separator();
            if item(ui, "Find…", Some(&FIND), true) {
                run(&ctx, app, Command::Find);
                ui.close();
            }
            if item(ui, "Replace…", Some(&REPLACE), true) {
                run(&ctx, app, Command::Replace);
                ui.close();
            }
        });
        ui.menu_button("View", |ui| {
            let m = app.view.prefs.show_metadata;
            let b = egui::Button::selectable(m, "Metadata panel")
                .shortcut_text(ctx.format_shortcut(&TOGGLE_METADATA));
            if ui.add(b).clicked() {
                app.view.prefs.show_metadata = !m;
            }
            let p = app.view.prefs.show_preview;
            let b = egui::Button::selectable(p, "Preview panel")
                .shortcut_text(ctx.format_shortcut(&TOGGLE_PREVIEW));
            if ui.add(b).clicked() {
                app.view.prefs.show_preview = !p;
            }
            ui.separator();
            ui.label("Theme");
            let before = app.view.prefs.theme;
            ui.radio_value(&mut app.view.prefs.theme, ThemeChoice::System, "Follow the system");
            ui.radio_value(&mut app.view.prefs.theme, ThemeChoice::Light, "Light");
            ui.radio_value(&mut app.view.prefs.theme, ThemeChoice::Dark, "Dark");
            if app.view.prefs.theme != before {
                app.apply_theme(&ctx);
            }
            ui.separator();
            egui::gui_zoom::zoom_menu_buttons(ui);
            ui.separator();
            ui.label("Dates in house style");
            let mut style = app.state.settings.house_style.date_style;
            for s in crate::article::DateStyle::ALL {
                ui.radio_value(&mut style, s, s.example());
            }
            if style != app.state.settings.house_style.date_style {
                app.state.settings.house_style.date_style = style;
                app.state.invalidate();
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
            ui.label("Body markup: ## subheading, > quotation, **bold**, *italic*,");
            ui.label("[text](https://…) links, [[related:ID]] places a related link.");
        });
    });
}
