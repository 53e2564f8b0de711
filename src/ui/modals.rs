//! Modal questions and windows: Save / Don't Save / Cancel before a story is replaced, errors
//! in plain words, the typed-path fallback for desktops without file dialogs, and the Help
//! menu's shortcut list and markup guide.

use copydesk_core::markup::GUIDE;
use egui::{Id, Modal, RichText};

use super::commands::{COMMANDS, CommandSpec, Scope};
use super::tokens::SIZES;
use super::{Action, HelpWindow};
use crate::app::dialogs::Purpose;
use crate::app::state::{AppState, Choice, Intent, Prompt};

/// Whichever modal is up, if any; then the help window.
pub fn modals_ui(
    ctx: &egui::Context,
    state: &mut AppState,
    help: &mut HelpWindow,
    out: &mut Vec<Action>,
) {
    if let Some(prompt) = &state.prompt {
        prompt_ui(ctx, prompt, &state.story.display_name(), out);
    } else if let Some(notice) = &state.notice {
        let r = Modal::new(Id::unique("copydesk-notice")).show(ctx, |ui| {
            ui.set_max_width(SIZES.notice);
            ui.heading(&notice.title);
            ui.label(&notice.message);
            ui.add_space(SIZES.before_buttons);
            ui.button("OK").clicked()
        });
        if r.inner || r.should_close() {
            out.push(Action::DismissNotice);
        }
    } else if let Some(entry) = state.path_entry.as_mut() {
        path_entry_ui(ctx, entry.purpose, &mut entry.text, out);
    }
    help_ui(ctx, help);
}

fn prompt_ui(ctx: &egui::Context, prompt: &Prompt, name: &str, out: &mut Vec<Action>) {
    let (title, text, save_label, dont_label) = match prompt {
        Prompt::Unsaved(intent) => (
            "Unsaved changes".to_owned(),
            format!(
                "Do you want to save the changes to “{name}” before {}? If you don’t save, your changes will be lost.",
                match intent {
                    Intent::Quit => "quitting",
                    Intent::New => "starting a new story",
                    Intent::ImportNinjs => "importing",
                    Intent::Open
                    | Intent::OpenPath(_)
                    | Intent::OpenPost(_)
                    | Intent::OpenPostStory(_) => {
                        "opening another story"
                    }
                    Intent::Recover(_) => "restoring the recovered story",
                }
            ),
            "Save",
            Some("Don't Save"),
        ),
        Prompt::Revert => (
            "Revert to the saved story?".to_owned(),
            format!("Your changes to “{name}” since it was last saved will be lost."),
            "Revert",
            None,
        ),
        Prompt::Overwrite => (
            "The file changed on disk".to_owned(),
            format!(
                "Someone else changed “{name}” since you opened or last saved it. Overwrite their version with yours, or save yours under another name?"
            ),
            "Overwrite",
            Some("Save As…"),
        ),
    };
    let question = Question {
        title: &title,
        text: &text,
        yes: save_label,
        no: dont_label,
    };
    if let Some(choice) = question_ui(ctx, "copydesk-prompt", &question) {
        out.push(Action::Answer(choice));
    }
}

/// A question with two or three answers: the one modal both views ask with.
pub struct Question<'a> {
    /// The heading ("Unsaved changes").
    pub title: &'a str,
    /// What is at stake, in sentences.
    pub text: &'a str,
    /// The first button ("Save", "Overwrite"): [`Choice::Save`].
    pub yes: &'a str,
    /// The second ("Don't Save", "Reload Theirs"), when there is one: [`Choice::DontSave`].
    pub no: Option<&'a str>,
}

/// Shows `question` with a Cancel button; returns the answer once given (Escape and a
/// click outside are Cancel).
pub fn question_ui(ctx: &egui::Context, id: &str, question: &Question<'_>) -> Option<Choice> {
    let r = Modal::new(Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(SIZES.question);
        ui.heading(question.title);
        ui.label(question.text);
        ui.add_space(SIZES.before_buttons);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(question.yes).clicked() {
                choice = Some(Choice::Save);
            }
            if let Some(no) = question.no
                && ui.button(no).clicked()
            {
                choice = Some(Choice::DontSave);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Choice::Cancel);
            }
        });
        choice
    });
    match r.inner {
        Some(c) => Some(c),
        None if r.should_close() => Some(Choice::Cancel),
        None => None,
    }
}

fn path_entry_ui(ctx: &egui::Context, purpose: Purpose, text: &mut String, out: &mut Vec<Action>) {
    let what = match purpose {
        Purpose::Open => "the story to open",
        Purpose::SaveAs => "where to save the story",
        Purpose::ImportNinjs => "the ninjs file to import",
        Purpose::ExportHtml => "where to write the HTML page",
        Purpose::ExportNinjs => "where to write the ninjs file",
        Purpose::PickImage => "the image file",
        Purpose::DeskDictionary => "the desk dictionary (a text file, one word a line)",
        Purpose::DeskFolder => "the desk folder (the folder that holds the stories)",
        Purpose::DeskStyle => "the desk's style folder (a folder of Vale rules, .yml files)",
        Purpose::DeskImage => "the image file",
    };
    let r = Modal::new(Id::unique("copydesk-path-entry")).show(ctx, |ui| {
        ui.set_max_width(SIZES.path_entry);
        ui.heading(if purpose.wants_folder() {
            "Type a folder path"
        } else {
            "Type a file path"
        });
        ui.label(format!(
            "No file dialog could be shown on this desktop. Type the full path of {what}:"
        ));
        let l = ui.label(RichText::new("File path").small());
        let field = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(f32::INFINITY)
                    .id(Id::unique("copydesk-path-field")),
            )
            .labelled_by(l.id);
        field.request_focus();
        let enter = ui.input(|i| i.key_pressed(egui::Key::Enter));
        let mut done = None;
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() {
                done = Some(false);
            }
        });
        done
    });
    match r.inner {
        Some(ok) => out.push(Action::PathEntry(ok)),
        None if r.should_close() => out.push(Action::PathEntry(false)),
        None => {}
    }
}

/// One command of the shortcut list: what it does and its keys.
fn shortcut_row_ui(ui: &mut egui::Ui, ctx: &egui::Context, spec: &CommandSpec) {
    ui.label(spec.long_label());
    let keys: Vec<String> = spec
        .shortcuts
        .iter()
        .map(|k| ctx.format_shortcut(k))
        .collect();
    ui.label(RichText::new(keys.join("  or  ")).monospace());
    ui.end_row();
}

/// The shortcut list (from the command table, by where each is heard) or the markup guide.
fn help_ui(ctx: &egui::Context, help: &mut HelpWindow) {
    let title = match help {
        HelpWindow::Closed => return,
        HelpWindow::Shortcuts => "Keyboard shortcuts",
        HelpWindow::Markup => "Body markup guide",
    };
    let mut open = true;
    egui::Window::new(title)
        .id(Id::unique("copydesk-help"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(SIZES.help)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("help-grid")
                    .num_columns(2)
                    .striped(true)
                    .spacing([24.0, 6.0])
                    .show(ui, |ui| match help {
                        HelpWindow::Shortcuts => {
                            for scope in [Scope::Window, Scope::Editor, Scope::Body, Scope::Table] {
                                ui.label(RichText::new(scope.heading()).strong());
                                ui.end_row();
                                for spec in COMMANDS
                                    .iter()
                                    .filter(|s| s.scope == scope && !s.shortcuts.is_empty())
                                {
                                    shortcut_row_ui(ui, ctx, spec);
                                }
                            }
                        }
                        HelpWindow::Markup => {
                            ui.label(RichText::new("You type").strong());
                            ui.label(RichText::new("You get").strong());
                            ui.end_row();
                            for (typed, shown) in GUIDE {
                                ui.label(RichText::new(*typed).monospace());
                                ui.label(*shown);
                                ui.end_row();
                            }
                        }
                        HelpWindow::Closed => {}
                    });
            });
        });
    if !open {
        *help = HelpWindow::Closed;
    }
}
