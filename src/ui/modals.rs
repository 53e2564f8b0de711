//! Modal questions: Save / Don't Save / Cancel before a story is replaced, errors in plain
//! words, and the typed-path fallback for desktops without file dialogs.

use egui::{Id, Modal, RichText};

use super::CopydeskApp;
use crate::app::dialogs::Purpose;
use crate::app::state::{Choice, Intent, Prompt};

pub fn show(ctx: &egui::Context, app: &mut CopydeskApp) {
    if let Some(prompt) = app.state.prompt.clone() {
        let name = app.state.display_name();
        let (title, text, save_label, dont_label) = match &prompt {
            Prompt::Unsaved(intent) => (
                "Unsaved changes".to_owned(),
                format!(
                    "Do you want to save the changes to “{name}” before {}? If you don’t save, your changes will be lost.",
                    match intent {
                        Intent::Quit => "quitting",
                        Intent::New => "starting a new story",
                        Intent::ImportNinjs => "importing",
                        Intent::Open | Intent::OpenPath(_) => "opening another story",
                    }
                ),
                "Save",
                "Don't Save",
            ),
            Prompt::Revert => (
                "Revert to the saved story?".to_owned(),
                format!("Your changes to “{name}” since it was last saved will be lost."),
                "Revert",
                "",
            ),
        };
        let mut choice = None;
        let r = Modal::new(Id::unique("copydesk-prompt")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading(title);
            ui.label(text);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(save_label).clicked() {
                    choice = Some(Choice::Save);
                }
                if !dont_label.is_empty() && ui.button(dont_label).clicked() {
                    choice = Some(Choice::DontSave);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Choice::Cancel);
                }
            });
        });
        if r.should_close() && choice.is_none() {
            choice = Some(Choice::Cancel);
        }
        if let Some(c) = choice {
            app.state.answer(c);
        }
        return;
    }
    if let Some(notice) = app.state.notice.clone() {
        let mut close = false;
        let r = Modal::new(Id::unique("copydesk-notice")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(&notice.title);
            ui.label(&notice.message);
            ui.add_space(8.0);
            close = ui.button("OK").clicked();
        });
        if close || r.should_close() {
            app.state.notice = None;
        }
        return;
    }
    if let Some(entry) = app.state.path_entry.as_mut() {
        let mut done = None;
        let what = match entry.purpose {
            Purpose::Open => "the story to open",
            Purpose::SaveAs => "where to save the story",
            Purpose::ImportNinjs => "the ninjs file to import",
            Purpose::ExportHtml => "where to write the HTML page",
            Purpose::ExportNinjs => "where to write the ninjs file",
            Purpose::PickImage => "the image file",
        };
        let r = Modal::new(Id::unique("copydesk-path-entry")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.heading("Type a file path");
            ui.label(format!(
                "No file dialog could be shown on this desktop. Type the full path of {what}:"
            ));
            let l = ui.label(RichText::new("File path").small());
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut entry.text)
                        .desired_width(f32::INFINITY)
                        .id(Id::unique("copydesk-path-field")),
                )
                .labelled_by(l.id);
            field.request_focus();
            let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.button("OK").clicked() || enter {
                    done = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    done = Some(false);
                }
            });
        });
        if r.should_close() && done.is_none() {
            done = Some(false);
        }
        match done {
            Some(true) => app.state.confirm_path_entry(),
            Some(false) => app.state.path_entry = None,
            None => {}
        }
    }
}
