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

/// A menu of the menu bar whose items scroll when they are taller than the room below the
/// bar: in a short or zoomed window (720×420 at 150 %) the View menu would otherwise be
/// pushed up over its own title, and its first items out of reach.
pub(super) fn menu_ui(ui: &mut Ui, title: &str, add: impl FnOnce(&mut Ui)) {
    // Measured from the bar, not from inside the menu: while egui sizes a new menu it has no
    // place yet, and a menu too tall for the room below is moved beside its title instead.
    let spacing = ui.spacing();
    let below_title = ui.cursor().top() + spacing.interact_size.y;
    let frame = spacing.menu_margin.sum().y + 2.0 * spacing.item_spacing.y + 8.0;
    let room = ui.ctx().content_rect().bottom() - below_title - frame;
    ui.menu_button(title, |ui| {
        // A menu opens at its top: was it open in the last pass too?
        let pass = ui.ctx().cumulative_pass_nr();
        let seen = egui::Id::unique(("copydesk menu open", title));
        let was_open = ui.ctx().data_mut(|d| {
            let last = d.get_temp::<u64>(seen);
            d.insert_temp(seen, pass);
            last.is_some_and(|l| l + 1 >= pass)
        });
        let room = room.max(3.0 * ui.spacing().interact_size.y);
        // a solid bar, beside the items (a floating one covered their shortcuts), shown
        // whenever some items are out of sight
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        let mut area = egui::ScrollArea::vertical()
            .id_salt(title)
            .max_height(room)
            .min_scrolled_height(room);
        if !was_open {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, add);
    });
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
        menu_ui(ui, "File", |ui| {
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
        menu_ui(ui, "Edit", |ui| {
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
            ui.menu_button("Grammar and Style", |ui| {
                let spelling = &state.settings.spelling;
                toggle_ui(ui, Command::ToggleGrammar, spelling.grammar, out);
                ui.separator();
                use crate::app::grammar::StyleBook;
                toggle_ui(
                    ui,
                    Command::UseSampleStyle,
                    spelling.style == StyleBook::Sample,
                    out,
                );
                toggle_ui(
                    ui,
                    Command::ChooseDeskStyle,
                    matches!(spelling.style, StyleBook::Folder(_)),
                    out,
                );
                toggle_ui(
                    ui,
                    Command::ForgetStyle,
                    spelling.style == StyleBook::None,
                    out,
                );
                ui.label(
                    egui::RichText::new(spelling.style.describe())
                        .small()
                        .weak(),
                );
            });
        });
        menu_ui(ui, "Format", |ui| {
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
        menu_ui(ui, "View", |ui| {
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
        menu_ui(ui, "Help", |ui| {
            item_ui(ui, Command::ShowShortcuts, true, out);
            item_ui(ui, Command::ShowMarkupGuide, true, out);
            ui.separator();
            ui.label(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
        });
    });
}
