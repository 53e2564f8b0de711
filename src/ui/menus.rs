//! The menu bar: File, Edit, View, Help, built from the command table so every item shows the
//! shortcut that runs it.

use copydesk_core::article::DateStyle;
use egui::{Button, Ui};

use super::commands::Command;
use super::{Action, ThemeChoice, ViewPrefs};
use crate::app::state::AppState;

/// A menu item for `command`, with its shortcut; pushes the command when clicked.
pub(super) fn item_ui(ui: &mut Ui, command: Command, enabled: bool, out: &mut Vec<Action>) {
    let mut b = Button::new(command.label());
    if let Some(k) = command.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&k));
    }
    if ui.add_enabled(enabled, b).clicked() {
        out.push(Action::Command(command));
        ui.close();
    }
}

/// A checkable menu item for a command that shows or hides something.
pub(super) fn toggle_ui(ui: &mut Ui, command: Command, on: bool, out: &mut Vec<Action>) {
    let mut b = Button::selectable(on, command.label());
    if let Some(k) = command.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&k));
    }
    if ui.add(b).clicked() {
        out.push(Action::Command(command));
    }
}

/// The menu bar.
pub fn menu_bar_ui(
    ui: &mut Ui,
    state: &AppState,
    prefs: &ViewPrefs,
    (history_open, comments_open): (bool, bool),
    out: &mut Vec<Action>,
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item_ui(ui, Command::New, true, out);
            item_ui(ui, Command::Open, true, out);
            ui.menu_button("Open Recent", |ui| {
                let recent = state.settings.recent.paths();
                if recent.is_empty() {
                    ui.label("No recent stories");
                }
                for p in recent {
                    if ui.button(p.display().to_string()).clicked() {
                        out.push(Action::OpenRecent(p.clone()));
                        ui.close();
                    }
                }
            });
            item_ui(ui, Command::OpenDeskFolder, true, out);
            item_ui(ui, Command::OpenSiteDesk, true, out);
            item_ui(ui, Command::OpenFromWordPress, true, out);
            ui.separator();
            item_ui(ui, Command::Save, true, out);
            item_ui(ui, Command::SaveAs, true, out);
            item_ui(ui, Command::Revert, state.story.path().is_some(), out);
            if !state.recovery.is_empty() {
                item_ui(ui, Command::ShowRecovery, true, out);
            }
            ui.separator();
            item_ui(ui, Command::ImportNinjs, true, out);
            ui.menu_button("Export", |ui| {
                item_ui(ui, Command::ExportHtml, true, out);
                item_ui(ui, Command::ExportNinjs, true, out);
                item_ui(ui, Command::OpenInBrowser, true, out);
            });
            item_ui(ui, Command::PublishWordPress, true, out);
            ui.separator();
            item_ui(ui, Command::Quit, true, out);
        });
        ui.menu_button("Edit", |ui| {
            item_ui(ui, Command::Undo, state.story.can_undo(), out);
            item_ui(ui, Command::Redo, state.story.can_redo(), out);
            ui.separator();
            item_ui(ui, Command::Find, true, out);
            item_ui(ui, Command::Replace, true, out);
            ui.separator();
            item_ui(ui, Command::AddComment, true, out);
            ui.separator();
            ui.menu_button("Spelling", |ui| {
                let spelling = &state.settings.spelling;
                toggle_ui(ui, Command::ToggleSpelling, spelling.enabled, out);
                item_ui(ui, Command::SpellingSuggestions, spelling.enabled, out);
                ui.separator();
                item_ui(ui, Command::ChooseDeskDictionary, true, out);
                match &spelling.desk {
                    Some(p) => {
                        ui.label(
                            egui::RichText::new(format!("Desk: {}", p.display()))
                                .small()
                                .weak(),
                        );
                        item_ui(ui, Command::ForgetDeskDictionary, true, out);
                    }
                    None => {
                        ui.label(
                            egui::RichText::new("No desk dictionary chosen")
                                .small()
                                .weak(),
                        );
                    }
                }
            });
        });
        ui.menu_button("Format", |ui| {
            for c in [
                Command::FormatBold,
                Command::FormatItalic,
                Command::FormatLink,
            ] {
                item_ui(ui, c, true, out);
            }
            ui.separator();
            for c in [
                Command::FormatSubhead,
                Command::FormatQuote,
                Command::FormatList,
            ] {
                item_ui(ui, c, true, out);
            }
        });
        ui.menu_button("View", |ui| {
            toggle_ui(ui, Command::Desk, false, out);
            ui.separator();
            toggle_ui(ui, Command::ToggleMetadata, prefs.show_metadata, out);
            toggle_ui(ui, Command::TogglePreview, prefs.show_preview, out);
            toggle_ui(ui, Command::ToggleHistory, history_open, out);
            toggle_ui(ui, Command::ToggleComments, comments_open, out);
            ui.separator();
            ui.label("Theme");
            for (theme, label) in [
                (ThemeChoice::System, "Follow the system"),
                (ThemeChoice::Light, "Light"),
                (ThemeChoice::Dark, "Dark"),
            ] {
                if ui.radio(prefs.theme == theme, label).clicked() {
                    out.push(Action::SetTheme(theme));
                }
            }
            ui.separator();
            item_ui(ui, Command::ZoomIn, true, out);
            item_ui(ui, Command::ZoomOut, true, out);
            item_ui(ui, Command::ZoomReset, true, out);
            ui.separator();
            ui.label("Dates in house style");
            let current = state.settings.house_style.date_style;
            for style in DateStyle::ALL {
                if ui.radio(current == style, style.example()).clicked() {
                    out.push(Action::SetDateStyle(style));
                }
            }
        });
        ui.menu_button("Help", |ui| {
            item_ui(ui, Command::ShowShortcuts, true, out);
            item_ui(ui, Command::ShowMarkupGuide, true, out);
            ui.separator();
            ui.label(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
        });
    });
}
