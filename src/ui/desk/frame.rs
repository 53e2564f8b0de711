//! One frame of the desk view: the table, the review beside it, the bars; then the frame's
//! actions — the desk's own, and the review panes', which go to the window's one dispatcher.

use std::path::Path;

use super::bars::{menu_bar_ui, prompt_ui, status_ui, update_title};
use super::*;

/// Draws the frame when the desk is open; returns `false` (drawing nothing) when it is not,
/// for the editor to draw. Called once a frame, after the dialogs' answers are taken.
pub(in crate::ui) fn window_ui(app: &mut CopydeskApp, ui: &mut egui::Ui) -> bool {
    let ctx = ui.ctx().clone();
    take_handover(app, &ctx);
    let Some(desk) = app.desk.as_mut() else {
        return false;
    };
    desk.poll();
    if let Some(c) = desk.take_accepted() {
        app.state
            .publishing
            .keychain
            .keep(&c.site, &c.user, &c.password);
    }
    let Some(desk) = app.desk.as_mut() else {
        return false;
    };
    if let Some(then) = desk.ready.take() {
        window_then(app, &ctx, then);
        if app.desk.is_none() {
            return false;
        }
    }
    let Some(desk) = app.desk.as_mut() else {
        return false;
    };
    // A story asked for in the editor: once the editor has it (after asking about its own
    // changes), the editor shows; if the user cancelled, the desk stays.
    if let Some(p) = desk.pending_open.clone()
        && app.state.prompt.is_none()
        && !app.state.dialog_open()
    {
        desk.pending_open = None;
        if editor_shows(app, &p) {
            leave_desk(app, &ctx);
            return false;
        }
    }

    let mut actions: Vec<DeskAction> = Vec::new();
    let mut pane_actions: Vec<Action> = Vec::new();
    window_events(app, &ctx, &mut actions);

    egui::Panel::top("menu_bar").show(ui, |ui| {
        menu_bar_ui(ui, app, &mut actions, &mut pane_actions);
    });
    let status_rect = egui::Panel::bottom("status_bar")
        .show(ui, status::reserve)
        .inner;
    let Some(desk) = app.desk.as_mut() else {
        return false;
    };
    egui::Panel::top("desk_toolbar").show(ui, |ui| {
        table::toolbar_ui(ui, desk, &mut actions);
    });
    if desk.report.is_some() && app.view.desk.results_open {
        egui::Panel::bottom("desk_results")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| table::results_ui(ui, desk, &mut actions));
    }
    review::review_ui(
        ui,
        &ctx,
        desk,
        &mut app.view.desk,
        &mut app.view.pictures,
        (
            &app.state.settings.house_style,
            app.view.prefs.show_preview,
            std::mem::take(&mut app.view.spelling.wanted),
        ),
        (&mut actions, &mut pane_actions),
    );
    egui::CentralPanel::default().show(ui, |ui| {
        table::table_ui(ui, desk, &mut app.view.desk, &mut actions);
    });
    perform(app, &ctx, actions, pane_actions);

    let mut actions = Vec::new();
    let mut pane_actions = Vec::new();
    if let Some(desk) = app.desk.as_mut() {
        status_ui(
            ui,
            status_rect,
            desk,
            (app.view.desk.squeezed, app.view.desk.results_open),
            &mut actions,
        );
        prompt_ui(&ctx, desk, &mut actions);
    }
    if let Some(review) = app.desk.as_ref().and_then(|d| d.review.as_ref()) {
        let article = review.article();
        spelling::menu_ui(
            &ctx,
            &mut app.view.spelling,
            |field| field.get(article).map(str::to_owned),
            app.state.settings.spelling.desk.is_some(),
            &mut pane_actions,
        );
        // the review's comments, on its metadata texts
        crate::ui::comments::comments_ui(&ctx, article, &mut app.view.comments, &mut pane_actions);
    }
    modals::modals_ui(&ctx, &mut app.state, &mut app.view.help, &mut pane_actions);
    // Stories a crash left — the editor's or a review's — are offered over the desk as over
    // the editor: the window may well start on the desk.
    crate::ui::safety::recovery_ui(&ctx, &app.state, &mut app.view.safety, &mut pane_actions);
    perform(app, &ctx, actions, pane_actions);
    app.view
        .comments
        .note_selection(&ctx, app.view.editor.selection.clone());

    app.state.tick();
    update_title(app, &ctx);
    if app.state.quit_confirmed && !app.view.close_sent {
        app.view.close_sent = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
    true
}

/// Closing the window, focus, dropped files and the keyboard, in desk mode.
pub(super) fn window_events(app: &mut CopydeskApp, ctx: &egui::Context, out: &mut Vec<DeskAction>) {
    // An open spelling menu has the arrows and Enter, not the field (or table) under it.
    app.view.spelling.take_keys(ctx);
    let Some(desk) = app.desk.as_mut() else {
        return;
    };
    let focused = ctx.input(|i| i.focused);
    if focused && !app.view.focused {
        // Back from another program: look at the folder and the editor's file again.
        desk.rescan();
        app.state.check_disk();
    }
    app.view.focused = focused;
    if ctx.input(|i| i.viewport().close_requested()) && !app.state.quit_confirmed {
        if let Some(then) = desk.before(Then::Quit) {
            window_then(app, ctx, then);
        }
        if !app.state.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }
    let dropped = ctx.input(|i| i.raw.dropped_files.clone());
    if let Some(path) = dropped.into_iter().find_map(|f| {
        let p = f.path().to_path_buf();
        (!p.as_os_str().is_empty()).then_some(p)
    }) {
        if path.is_dir() {
            app.state.handed_over = Some((Purpose::DeskFolder, path));
        } else {
            out.push(DeskAction::Open(path));
        }
    }
    let Some(desk) = app.desk.as_ref() else {
        return;
    };
    let modal = desk.prompt.is_some()
        || app.state.prompt.is_some()
        || app.state.notice.is_some()
        || app.state.path_entry.is_some();
    if modal {
        return;
    }
    // The window's keys, and the table's own (arrows, Enter, Ctrl+A) while no text field has
    // the keyboard: all from the command table, so Help lists them.
    out.extend(
        commands::take_shortcuts(ctx, commands::View::Desk)
            .into_iter()
            .map(DeskAction::Command),
    );
    if !egui::Popup::is_any_open(ctx) && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        out.push(DeskAction::Command(Command::Dismiss));
    }
}

/// Carries out the frame's actions, in order: the desk's own, then the panes'.
pub(super) fn perform(
    app: &mut CopydeskApp,
    ctx: &egui::Context,
    actions: Vec<DeskAction>,
    pane_actions: Vec<Action>,
) {
    for action in actions {
        perform_one(app, ctx, action);
    }
    for action in pane_actions {
        perform_pane(app, ctx, action);
    }
}

pub(super) fn perform_one(app: &mut CopydeskApp, ctx: &egui::Context, action: DeskAction) {
    if let DeskAction::Command(c) = action {
        command(app, ctx, c);
        return;
    }
    let Some(desk) = app.desk.as_mut() else {
        return;
    };
    let then = match action {
        DeskAction::Click {
            path,
            toggle,
            range,
        } => {
            desk.click(&path, toggle, range);
            None
        }
        DeskAction::Toggle(path) => {
            desk.toggle(&path);
            None
        }
        DeskAction::Open(path) => desk.before(Then::Open(path)),
        DeskAction::OpenFocused => match desk.focus().map(Path::to_path_buf) {
            Some(path) => desk.before(Then::Open(path)),
            None => None,
        },
        DeskAction::Sort(column) => {
            let sort = desk.sort().clicked(column);
            desk.set_sort(sort);
            None
        }
        DeskAction::Filter(filter) => {
            desk.set_filter(filter);
            None
        }
        DeskAction::SelectAll => {
            desk.select_all_shown();
            None
        }
        DeskAction::SelectNone => {
            desk.select_none();
            None
        }
        DeskAction::SetStatus(status) => {
            desk.set_status(status);
            app.view.desk.results_open = true;
            None
        }
        DeskAction::CloseReview => {
            desk.close_review();
            None
        }
        DeskAction::SaveReview => {
            desk.save_review();
            None
        }
        DeskAction::DiscardReview => {
            desk.revert_review();
            None
        }
        DeskAction::ReloadTheirs => {
            desk.reload_theirs();
            None
        }
        DeskAction::KeepMine => {
            desk.keep_mine();
            None
        }
        DeskAction::Answer(choice) => desk.answer(choice),
        DeskAction::Step(by, extend) => {
            desk.step(by, extend);
            app.view.desk.scroll_to_focus = true;
            None
        }
        DeskAction::SignInAgain => {
            // The password in hand is the one refused: the site's fields open (in the
            // editor's Open from WordPress window) for another, then Open as Desk.
            app.state.publishing.password.clear();
            command(app, ctx, Command::OpenSiteDesk);
            None
        }
        DeskAction::CloseResults => {
            app.view.desk.results_open = false;
            None
        }
        DeskAction::ShowResults => {
            app.view.desk.results_open = true;
            None
        }
        DeskAction::Command(_) => None,
    };
    if let Some(then) = then {
        window_then(app, ctx, then);
    }
}

/// An action from the editor's panes, drawn for the review: the window's own dispatcher
/// carries it out on the story in focus (the review's); only commands take the desk's route.
pub(super) fn perform_pane(app: &mut CopydeskApp, ctx: &egui::Context, action: Action) {
    match action {
        Action::Command(c) => command(app, ctx, c),
        Action::RestoreRecovered(id) => {
            app.perform_one(ctx, Action::RestoreRecovered(id));
            // The story comes back in the editor: show it (asking first about the review).
            if let Some(desk) = app.desk.as_mut()
                && let Some(then) = desk.before(Then::Leave)
            {
                window_then(app, ctx, then);
            }
        }
        other => app.perform_one(ctx, other),
    }
}

/// A command in desk mode: the review's Save and Undo, the desk's own, the window's.
pub(super) fn command(app: &mut CopydeskApp, ctx: &egui::Context, command: Command) {
    let Some(desk) = app.desk.as_mut() else {
        run(app, ctx, command);
        return;
    };
    if let Some(review) = desk.review.as_mut() {
        review.break_undo_group();
    }
    match command {
        // As the review's Save button: nothing to write without changes.
        Command::Save if desk.is_dirty() => {
            desk.save_review();
        }
        Command::Save => {}
        Command::Undo => app.undo_redo(false),
        Command::Redo => app.undo_redo(true),
        Command::DeskNext => perform_one(app, ctx, DeskAction::Step(1, false)),
        Command::DeskPrevious => perform_one(app, ctx, DeskAction::Step(-1, false)),
        Command::DeskExtendNext => perform_one(app, ctx, DeskAction::Step(1, true)),
        Command::DeskExtendPrevious => perform_one(app, ctx, DeskAction::Step(-1, true)),
        Command::DeskSelectAll => perform_one(app, ctx, DeskAction::SelectAll),
        Command::DeskSelectNone => perform_one(app, ctx, DeskAction::SelectNone),
        Command::DeskOpenInEditor => perform_one(app, ctx, DeskAction::OpenFocused),
        Command::Quit => {
            if let Some(then) = desk.before(Then::Quit) {
                window_then(app, ctx, then);
            }
        }
        // What a crash left is listed over the desk too (it may be a review's edits).
        Command::ShowRecovery => app.view.safety.recovery_open = true,
        Command::New
        | Command::Open
        | Command::ImportNinjs
        | Command::PublishWordPress
        | Command::OpenFromWordPress => {
            // The editor's: leave the desk (asking about the review), then carry it out.
            app.view.desk.after_leaving = Some(command);
            if let Some(then) = desk.before(Then::Leave) {
                window_then(app, ctx, then);
            }
        }
        Command::Dismiss => {
            if app.view.help != HelpWindow::Closed {
                app.view.help = HelpWindow::Closed;
            } else if app.view.desk.results_open {
                app.view.desk.results_open = false;
            } else {
                desk.select_none();
            }
        }
        Command::TogglePreview
        | Command::ZoomIn
        | Command::ZoomOut
        | Command::ZoomReset
        | Command::ShowShortcuts
        | Command::ShowMarkupGuide
        | Command::OpenDeskFolder
        | Command::OpenSiteDesk
        | Command::Desk
        | Command::RefreshDesk
        | Command::ToggleSpelling
        | Command::ToggleGrammar
        | Command::ChooseDeskStyle
        | Command::UseSampleStyle
        | Command::ForgetStyle
        | Command::ChooseDeskDictionary
        | Command::ForgetDeskDictionary
        | Command::ToggleComments
        | Command::AddComment => run(app, ctx, command),
        Command::SpellingSuggestions => app.view.spelling.wanted = true,
        // The body editor's and the open story's: not in the desk.
        Command::FormatBold
        | Command::FormatItalic
        | Command::FormatLink
        | Command::FormatSubhead
        | Command::FormatQuote
        | Command::FormatList
        | Command::SaveAs
        | Command::ToggleMetadata
        | Command::ToggleHistory
        | Command::Revert
        | Command::ExportHtml
        | Command::ExportNinjs
        | Command::OpenInBrowser
        | Command::Find
        | Command::Replace => {}
    }
}
