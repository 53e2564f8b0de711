//! The desk view's menu bar (from the command table), its status bar, its question (through
//! the window's one question modal) and its title.

use egui::RichText;

use super::*;

/// The menu bar in desk mode: the desk's commands, the review's Save and Undo, the view.
pub(super) fn menu_bar_ui(
    ui: &mut egui::Ui,
    app: &CopydeskApp,
    out: &mut Vec<DeskAction>,
    panes: &mut Vec<Action>,
) {
    let Some(desk) = app.desk.as_ref() else {
        return;
    };
    let review = desk.review.as_ref();
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        menus::menu_ui(ui, "File", |ui| {
            menus::item_ui(ui, Command::OpenDeskFolder, true, &mut commands);
            menus::item_ui(ui, Command::OpenSiteDesk, true, &mut commands);
            menus::item_ui(ui, Command::RefreshDesk, true, &mut commands);
            menus::item_ui(
                ui,
                Command::DeskOpenInEditor,
                desk.focus().is_some(),
                &mut commands,
            );
            ui.separator();
            menus::item_ui(
                ui,
                Command::Save,
                review.is_some_and(|r| r.is_dirty()),
                &mut commands,
            );
            ui.separator();
            let mut b = egui::Button::new("Back to the Story");
            if let Some(k) = Command::Desk.shortcut() {
                b = b.shortcut_text(ui.ctx().format_shortcut(&k));
            }
            if ui.add(b).clicked() {
                commands.push(Action::Command(Command::Desk));
                ui.close();
            }
            menus::item_ui(ui, Command::Open, true, &mut commands);
            menus::item_ui(ui, Command::ShowRecovery, true, &mut commands);
            ui.separator();
            menus::item_ui(ui, Command::Quit, true, &mut commands);
        });
        menus::menu_ui(ui, "Edit", |ui| {
            menus::item_ui(
                ui,
                Command::Undo,
                review.is_some_and(|r| r.can_undo()),
                &mut commands,
            );
            menus::item_ui(
                ui,
                Command::Redo,
                review.is_some_and(|r| r.can_redo()),
                &mut commands,
            );
            ui.separator();
            menus::item_ui(ui, Command::AddComment, review.is_some(), &mut commands);
            ui.separator();
            menus::item_ui(ui, Command::DeskSelectAll, true, &mut commands);
            menus::item_ui(ui, Command::DeskSelectNone, true, &mut commands);
        });
        menus::menu_ui(ui, "View", |ui| {
            menus::toggle_ui(ui, Command::Desk, true, &mut commands);
            ui.separator();
            menus::toggle_ui(
                ui,
                Command::TogglePreview,
                app.view.prefs.show_preview,
                &mut commands,
            );
            menus::toggle_ui(
                ui,
                Command::ToggleComments,
                app.view.comments.open,
                &mut commands,
            );
            ui.separator();
            ui.label("Theme");
            for (theme, label) in [
                (crate::ui::ThemeChoice::System, "Follow the system"),
                (crate::ui::ThemeChoice::Light, "Light"),
                (crate::ui::ThemeChoice::Dark, "Dark"),
            ] {
                if ui.radio(app.view.prefs.theme == theme, label).clicked() {
                    panes.push(Action::SetTheme(theme));
                }
            }
            ui.separator();
            menus::item_ui(ui, Command::ZoomIn, true, &mut commands);
            menus::item_ui(ui, Command::ZoomOut, true, &mut commands);
            menus::item_ui(ui, Command::ZoomReset, true, &mut commands);
        });
        menus::menu_ui(ui, "Help", |ui| {
            menus::item_ui(ui, Command::ShowShortcuts, true, &mut commands);
            menus::item_ui(ui, Command::ShowMarkupGuide, true, &mut commands);
            ui.separator();
            ui.label(format!("Copydesk {}", env!("CARGO_PKG_VERSION")));
        });
    });
    for a in commands {
        if let Action::Command(c) = a {
            out.push(DeskAction::Command(c));
        }
    }
}

/// The desk's status bar: how many stories, how many shown and selected, how reading went,
/// the review's save state and news.
pub(super) fn status_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    desk: &mut Desk,
    (squeezed, results_open): (crate::ui::layout::Squeezed, bool),
    out: &mut Vec<DeskAction>,
) {
    let shown = desk.shown().len();
    let selected = desk.selected_shown().len();
    let total = desk.rows().len();
    let errors = desk.rows().iter().filter(|r| r.counts().0 > 0).count();
    let mut ui = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::left_to_right(egui::Align::Center)),
    );
    let ui = &mut ui;
    let t = Tokens::of(ui);
    let p = &desk.progress;
    let stories = |n: usize| format!("{n} {}", if n == 1 { "story" } else { "stories" });
    let on_site = desk.site().is_some();
    match (&p.error, p.complete, p.found) {
        (Some(_), _, _) => {
            let what = if on_site {
                "The site cannot be read"
            } else {
                "The folder cannot be read"
            };
            ui.label(RichText::new(what).color(t.error));
        }
        (None, Some(took), _) => {
            let first = p.first_rows.map_or(String::new(), |f| {
                format!("; the first rows after {} ms", f.as_millis())
            });
            ui.label(stories(total)).on_hover_text(format!(
                "Read and checked in {:.2} s{first}",
                took.as_secs_f64()
            ));
        }
        (None, None, Some(found)) => {
            let what = if on_site { "posts" } else { "files" };
            ui.label(format!("Reading {} of {found} {what}…", total.min(found)));
        }
        (None, None, None) => {
            ui.label(if on_site {
                "Asking the site for its posts…"
            } else {
                "Looking through the folder…"
            });
        }
    }
    ui.separator();
    ui.label(format!("{shown} shown"));
    ui.separator();
    ui.label(format!("{selected} selected"));
    ui.separator();
    let color = if errors > 0 { t.error } else { t.text };
    ui.label(RichText::new(format!("{} with errors", errors)).color(color));
    if let Some(r) = &desk.review {
        ui.separator();
        let save = if desk.site().is_some_and(|s| s.updating()) {
            RichText::new("Updating the post on the site…").color(t.warn)
        } else if r.is_dirty() {
            RichText::new("Unsaved changes").color(t.warn)
        } else if let Some(at) = r.last_saved {
            let verb = if on_site {
                "Updated on the site"
            } else {
                "Saved"
            };
            RichText::new(format!("{verb} at {}", at.format("%H:%M")))
        } else {
            RichText::new("No changes")
        };
        ui.label(save);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let hidden = match (squeezed.metadata, squeezed.preview) {
            (true, _) => Some("Review hidden: widen the window"),
            (false, true) => Some("Preview hidden: widen the window"),
            (false, false) => None,
        };
        if let Some(hidden) = hidden {
            ui.label(RichText::new(hidden).color(t.warn));
            ui.separator();
        }
        if p.watching == Some(false) {
            ui.label(RichText::new("Not watched: looked at every 2 s").color(t.weak))
                .on_hover_text(
                    "The system does not report changes in this folder (a network share?), so \
                     Copydesk looks at it every 2 seconds.",
                );
            ui.separator();
        }
        // The report's summary, once: here, or as the heading of its list when that is open.
        if let Some(report) = desk.report.as_ref().filter(|_| !results_open) {
            let r = ui
                .add(egui::Button::new(RichText::new(report.summary()).color(t.weak)).frame(false))
                .on_hover_text("What happened to each story: click for the list");
            if r.clicked() {
                out.push(DeskAction::ShowResults);
            }
            ui.separator();
        }
        if let Some(info) = &desk.info {
            ui.add(egui::Label::new(RichText::new(info).color(t.weak)).truncate());
        }
    });
}

/// The desk's question, when it has one: Save / Don't Save / Cancel before leaving a review
/// with changes, or Overwrite before saving over someone else's version.
pub(super) fn prompt_ui(ctx: &egui::Context, desk: &Desk, out: &mut Vec<DeskAction>) {
    let Some(prompt) = &desk.prompt else {
        return;
    };
    let name = desk
        .review_path()
        .map(|p| core_desk::relative_name(desk.folder(), p))
        .unwrap_or_default();
    let on_site = desk.site().is_some();
    let (title, text, save, dont) = match prompt {
        DeskPrompt::Unsaved(then) => (
            "Unsaved changes",
            format!(
                "Do you want to save the changes to “{name}”{} before {}? If you don’t save, your changes will be lost.",
                if on_site { " on the site" } else { "" },
                match then {
                    Then::Review(_) => "reviewing another story",
                    Then::CloseReview => "closing the review",
                    Then::SetStatus(..) => "setting the status",
                    Then::Open(_) => "opening a story in the editor",
                    Then::Leave => "going back to the story",
                    Then::OpenFolder(_) => "opening another desk folder",
                    Then::OpenSite(_) => "opening a site as the desk",
                    Then::Quit => "quitting",
                }
            ),
            if on_site { "Update Post" } else { "Save" },
            "Don't Save",
        ),
        DeskPrompt::Overwrite if on_site => (
            "The post changed on the site",
            {
                let (when, headline) = desk.site().and_then(|s| s.conflict()).unwrap_or_default();
                let mine = desk
                    .review
                    .as_ref()
                    .map(|r| r.article().headline.clone())
                    .unwrap_or_default();
                format!(
                    "Someone changed “{mine}” ({name}) on the site at {} GMT, since you started reviewing it; their headline: “{headline}”. Overwrite their version with yours, or take theirs (Undo brings yours back)?",
                    when.replace('T', " ")
                )
            },
            "Overwrite Theirs",
            "Take Theirs",
        ),
        DeskPrompt::Overwrite => (
            "The file changed on disk",
            format!(
                "Someone else changed “{name}” since you started reviewing it. Overwrite their version with yours, or reload theirs and lose your changes?"
            ),
            "Overwrite",
            "Reload Theirs",
        ),
    };
    let question = modals::Question {
        title,
        text: &text,
        yes: save,
        no: Some(dont),
    };
    if let Some(choice) = modals::question_ui(ctx, "copydesk-desk-prompt", &question) {
        out.push(DeskAction::Answer(choice));
    }
}

pub(super) fn update_title(app: &mut CopydeskApp, ctx: &egui::Context) {
    let Some(desk) = &app.desk else {
        return;
    };
    let name = desk
        .folder()
        .file_name()
        .filter(|_| desk.site().is_none())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| desk.folder().display().to_string());
    let mark = if desk.is_dirty() { " •" } else { "" };
    let title = format!("Desk: {name}{mark} — Copydesk");
    if title != app.view.last_title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        app.view.last_title = title;
    }
}
