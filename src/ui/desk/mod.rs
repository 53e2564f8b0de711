//! The desk view: every story in a folder in one table, for the editor on duty — a mode of
//! the window, drawn instead of the editor while a desk folder is open.
//!
//! - [`table`]: the toolbar with the filters, the table (only its visible rows are drawn),
//!   the bar for changing the status of the rows selected, and the list of what happened.
//! - [`review`]: the story selected, reviewed in place with the editor's own metadata panel
//!   and preview ([`super::metadata`], [`super::preview`]), not copies of them.
//!
//! The window's hooks are small: [`window_ui`] draws the frame when the desk is open (and
//! takes a desk folder chosen in a dialog), [`run`] carries out the desk's commands from the
//! editor's menus, [`start`] and [`save`] bring the desk back between runs. The state is
//! [`crate::app::desk::Desk`]. The review's panes push the editor's own [`Action`]s, carried
//! out by the window's one dispatcher on the story in focus
//! ([`CopydeskApp::story_in_focus`]): every change to a reviewed story goes through
//! [`Story::apply`](crate::app::story::Story::apply), as the editor's do.

mod review;
mod table;

use std::path::{Path, PathBuf};

use copydesk_core::article::Status;
use copydesk_core::desk::{self as core_desk, Column, Filter};
use egui::{Id, Modal, RichText};

use super::commands::{self, Command};
use super::{Action, CopydeskApp, HelpWindow, menus, metadata, modals, preview, spelling, status};
use crate::app::desk::{Desk, DeskMemory, DeskPrompt, Then};
use crate::app::dialogs::Purpose;
use crate::app::state::{Choice, Intent};
use crate::ui::tokens::Tokens;

const DESK_KEY: &str = "copydesk.desk";

/// What the desk view keeps between frames besides the desk itself.
pub struct DeskView {
    /// Remembered between runs: the folders, their filters and selections.
    pub memory: DeskMemory,
    /// The desk folder left to open a story, to go back to.
    pub return_to: Option<PathBuf>,
    /// The review's metadata panel.
    pub(super) metadata: metadata::MetadataView,
    /// The review's preview.
    preview: preview::PreviewView,
    /// The review panes' widths in the last frame (metadata, preview).
    widths: (f32, f32),
    /// Whether the list of what a status change did is open.
    results_open: bool,
    /// A row to bring into view (the keyboard moved to it).
    scroll_to_focus: bool,
    /// A command to run once the desk is left (Open… from the desk).
    after_leaving: Option<Command>,
    /// The review's panes left out this frame for want of room (the status bar says so).
    squeezed: super::layout::Squeezed,
}

impl Default for DeskView {
    fn default() -> Self {
        DeskView {
            memory: DeskMemory::default(),
            return_to: None,
            metadata: metadata::MetadataView::default(),
            preview: preview::PreviewView::default(),
            widths: (super::layout::METADATA_DEFAULT, REVIEW_PREVIEW_DEFAULT),
            results_open: false,
            scroll_to_focus: false,
            after_leaving: None,
            squeezed: super::layout::Squeezed::default(),
        }
    }
}

/// The review's preview starts narrower than the editor's: the table needs the room.
const REVIEW_PREVIEW_DEFAULT: f32 = 320.0;
/// The table keeps at least this much of the window's width (the headline and a few
/// columns); the review's panes give way first, the preview before the metadata.
pub const MIN_TABLE: f32 = 480.0;

/// What the desk's own widgets ask for; carried out after they have drawn.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DeskAction {
    /// A click on a row: `toggle` with Ctrl (Cmd), `range` with Shift.
    Click {
        path: PathBuf,
        toggle: bool,
        range: bool,
    },
    /// The row's checkbox.
    Toggle(PathBuf),
    /// Open the story in the editor (double-click, Enter).
    Open(PathBuf),
    /// Open the story under review in the editor.
    OpenFocused,
    /// Sort by a column (a second click turns the order round).
    Sort(Column),
    /// New filters.
    Filter(Filter),
    /// Select every row shown.
    SelectAll,
    /// Select nothing.
    SelectNone,
    /// Set the status of the rows selected.
    SetStatus(Status),
    /// Close the review.
    CloseReview,
    /// Save the review.
    SaveReview,
    /// Throw away the review's changes.
    DiscardReview,
    /// Take the version on disk over the review's.
    ReloadTheirs,
    /// Keep the review's version over the one on disk.
    KeepMine,
    /// The answer to the desk's prompt.
    Answer(Choice),
    /// Move the keyboard up or down the rows, extending the selection with Shift.
    Step(isize, bool),
    /// Close the list of what a status change did.
    CloseResults,
    /// Open the list of what a status change did.
    ShowResults,
    /// A command from the table (a menu item, a shortcut).
    Command(Command),
}

/// Brings the desk back as it was left: `folder` from `copydesk --desk`, else the desk the
/// window was showing when it last closed — unless `editor_asked` (a story or a recovery
/// named on the command line): then View → Desk view goes back to it.
pub(super) fn start(
    app: &mut CopydeskApp,
    storage: Option<&dyn eframe::Storage>,
    folder: Option<PathBuf>,
    editor_asked: bool,
) {
    if let Some(memory) = storage.and_then(|s| eframe::get_value::<DeskMemory>(s, DESK_KEY)) {
        app.view.desk.memory = memory;
    }
    let remembered = app.view.desk.memory.open.clone();
    if editor_asked && folder.is_none() {
        app.view.desk.return_to = remembered;
        return;
    }
    let folder = folder.or(remembered);
    if let Some(folder) = folder {
        open_desk(app, &folder);
    }
}

/// Keeps the desk's memory in eframe's storage.
pub(super) fn save(app: &mut CopydeskApp, storage: &mut dyn eframe::Storage) {
    remember(app);
    app.view.desk.memory.open = app.desk.as_ref().map(|d| d.folder().to_path_buf());
    eframe::set_value(storage, DESK_KEY, &app.view.desk.memory);
}

fn remember(app: &mut CopydeskApp) {
    if let Some(desk) = &app.desk {
        app.view.desk.memory.keep(desk.memory());
    }
}

/// Opens `folder` as the desk (in place of any desk open), as remembered.
pub fn open_desk(app: &mut CopydeskApp, folder: &Path) {
    remember(app);
    let canonical = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let memory = app.view.desk.memory.of(&canonical).cloned();
    app.desk = Some(Desk::open(
        &canonical,
        core_desk::DEFAULT_DEPTH,
        memory.as_ref(),
        app.state.kit(),
    ));
    app.view.desk.metadata = metadata::MetadataView::default();
    app.view.desk.preview = preview::PreviewView::default();
    app.view.desk.results_open = false;
    app.view.desk.memory.open = Some(canonical);
    app.view.desk.return_to = None;
}

/// Back to the story in the editor; the desk is remembered, and File → Desk view returns.
fn leave_desk(app: &mut CopydeskApp, ctx: &egui::Context) {
    remember(app);
    if let Some(desk) = app.desk.take() {
        app.view.desk.return_to = Some(desk.folder().to_path_buf());
    }
    app.view.desk.memory.open = None;
    // The editor's title comes back at once.
    app.view.last_title.clear();
    ctx.request_repaint();
    if let Some(c) = app.view.desk.after_leaving.take() {
        app.run(ctx, c);
    }
}

/// Carries out a desk command from the editor's menus or shortcuts.
pub(super) fn run(app: &mut CopydeskApp, ctx: &egui::Context, command: Command) {
    match command {
        Command::OpenDeskFolder => {
            let start = app
                .desk
                .as_ref()
                .map(|d| d.folder().to_path_buf())
                .or_else(|| app.view.desk.memory.last_folder().map(Path::to_path_buf));
            app.state.ask_desk_folder(start);
        }
        Command::Desk => {
            if let Some(desk) = app.desk.as_mut() {
                if let Some(then) = desk.before(Then::Leave) {
                    window_then(app, ctx, then);
                }
            } else if let Some(folder) = app
                .view
                .desk
                .return_to
                .clone()
                .or_else(|| app.view.desk.memory.last_folder().map(Path::to_path_buf))
            {
                open_desk(app, &folder);
            } else {
                run(app, ctx, Command::OpenDeskFolder);
            }
        }
        Command::RefreshDesk => {
            if let Some(d) = &app.desk {
                d.rescan();
            }
        }
        Command::DeskNext
        | Command::DeskPrevious
        | Command::DeskExtendNext
        | Command::DeskExtendPrevious
        | Command::DeskSelectAll
        | Command::DeskSelectNone
        | Command::DeskOpenInEditor => {
            // The table's commands: nothing to do while the editor shows.
            if app.desk.is_some() {
                self::command(app, ctx, command);
            }
        }
        _ => app.run(ctx, command),
    }
}

/// Takes a path a dialog chose for the desk (a folder to open, a picture for the review).
fn take_handover(app: &mut CopydeskApp, ctx: &egui::Context) {
    let Some((purpose, path)) = app.state.handed_over.take() else {
        return;
    };
    match purpose {
        Purpose::DeskFolder => match app.desk.as_mut() {
            Some(desk) => {
                if let Some(then) = desk.before(Then::OpenFolder(path)) {
                    window_then(app, ctx, then);
                }
            }
            None => open_desk(app, &path),
        },
        Purpose::DeskImage => {
            if let Some(review) = app.desk.as_mut().and_then(|d| d.review.as_mut()) {
                review.set_picture(path.display().to_string());
            }
        }
        _ => {}
    }
}

/// Carries out what the desk handed back to the window.
fn window_then(app: &mut CopydeskApp, ctx: &egui::Context, then: Then) {
    match then {
        Then::Open(path) => {
            app.state.request(Intent::OpenPath(path.clone()));
            if let Some(desk) = app.desk.as_mut() {
                desk.pending_open = Some(path);
            }
        }
        Then::Leave => leave_desk(app, ctx),
        Then::OpenFolder(folder) => open_desk(app, &folder),
        Then::Quit => {
            app.state.request(Intent::Quit);
        }
        // The desk's own kinds never come back.
        Then::Review(_) | Then::CloseReview | Then::SetStatus(..) => {}
    }
}

/// Draws the frame when the desk is open; returns `false` (drawing nothing) when it is not,
/// for the editor to draw. Called once a frame, after the dialogs' answers are taken.
pub(super) fn window_ui(app: &mut CopydeskApp, ui: &mut egui::Ui) -> bool {
    let ctx = ui.ctx().clone();
    take_handover(app, &ctx);
    let Some(desk) = app.desk.as_mut() else {
        return false;
    };
    desk.poll();
    // A story asked for in the editor: once the editor has it (after asking about its own
    // changes), the editor shows; if the user cancelled, the desk stays.
    if let Some(p) = desk.pending_open.clone()
        && app.state.prompt.is_none()
        && !app.state.dialog_open()
    {
        desk.pending_open = None;
        if app.state.story.path() == Some(p.as_path()) {
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
        status_ui(ui, status_rect, desk, app.view.desk.squeezed, &mut actions);
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
    }
    modals::modals_ui(&ctx, &mut app.state, &mut app.view.help, &mut pane_actions);
    perform(app, &ctx, actions, pane_actions);

    app.state.tick();
    update_title(app, &ctx);
    if app.state.quit_confirmed && !app.view.close_sent {
        app.view.close_sent = true;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }
    true
}

/// Closing the window, focus, dropped files and the keyboard, in desk mode.
fn window_events(app: &mut CopydeskApp, ctx: &egui::Context, out: &mut Vec<DeskAction>) {
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
fn perform(
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

fn perform_one(app: &mut CopydeskApp, ctx: &egui::Context, action: DeskAction) {
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
fn perform_pane(app: &mut CopydeskApp, ctx: &egui::Context, action: Action) {
    match action {
        Action::Command(c) => command(app, ctx, c),
        other => app.perform_one(ctx, other),
    }
}

/// A command in desk mode: the review's Save and Undo, the desk's own, the window's.
fn command(app: &mut CopydeskApp, ctx: &egui::Context, command: Command) {
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
        Command::New | Command::Open | Command::ImportNinjs | Command::ShowRecovery => {
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
        | Command::Desk
        | Command::RefreshDesk
        | Command::ToggleSpelling
        | Command::ChooseDeskDictionary
        | Command::ForgetDeskDictionary => run(app, ctx, command),
        Command::SpellingSuggestions => app.view.spelling.wanted = true,
        // The body editor's and the open story's: not in the desk.
        Command::SaveAs
        | Command::ToggleMetadata
        | Command::Revert
        | Command::ExportHtml
        | Command::ExportNinjs
        | Command::OpenInBrowser
        | Command::Find
        | Command::Replace => {}
    }
}

/// The menu bar in desk mode: the desk's commands, the review's Save and Undo, the view.
fn menu_bar_ui(
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
        ui.menu_button("File", |ui| {
            menus::item_ui(ui, Command::OpenDeskFolder, true, &mut commands);
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
            ui.separator();
            menus::item_ui(ui, Command::Quit, true, &mut commands);
        });
        ui.menu_button("Edit", |ui| {
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
            menus::item_ui(ui, Command::DeskSelectAll, true, &mut commands);
            menus::item_ui(ui, Command::DeskSelectNone, true, &mut commands);
        });
        ui.menu_button("View", |ui| {
            menus::toggle_ui(ui, Command::Desk, true, &mut commands);
            ui.separator();
            menus::toggle_ui(
                ui,
                Command::TogglePreview,
                app.view.prefs.show_preview,
                &mut commands,
            );
            ui.separator();
            ui.label("Theme");
            for (theme, label) in [
                (super::ThemeChoice::System, "Follow the system"),
                (super::ThemeChoice::Light, "Light"),
                (super::ThemeChoice::Dark, "Dark"),
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
        ui.menu_button("Help", |ui| {
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
fn status_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    desk: &mut Desk,
    squeezed: super::layout::Squeezed,
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
    match (&p.error, p.complete, p.found) {
        (Some(_), _, _) => {
            ui.label(RichText::new("The folder cannot be read").color(t.error));
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
            ui.label(format!("Reading {} of {found} files…", total.min(found)));
        }
        (None, None, None) => {
            ui.label("Looking through the folder…");
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
        let save = if r.is_dirty() {
            RichText::new("Unsaved changes").color(t.warn)
        } else if let Some(at) = r.last_saved {
            RichText::new(format!("Saved at {}", at.format("%H:%M")))
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
        if let Some(report) = &desk.report {
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
fn prompt_ui(ctx: &egui::Context, desk: &Desk, out: &mut Vec<DeskAction>) {
    let Some(prompt) = &desk.prompt else {
        return;
    };
    let name = desk
        .review_path()
        .map(|p| core_desk::relative_name(desk.folder(), p))
        .unwrap_or_default();
    let (title, text, save, dont) = match prompt {
        DeskPrompt::Unsaved(then) => (
            "Unsaved changes",
            format!(
                "Do you want to save the changes to “{name}” before {}? If you don’t save, your changes will be lost.",
                match then {
                    Then::Review(_) => "reviewing another story",
                    Then::CloseReview => "closing the review",
                    Then::SetStatus(..) => "setting the status",
                    Then::Open(_) => "opening a story in the editor",
                    Then::Leave => "going back to the story",
                    Then::OpenFolder(_) => "opening another desk folder",
                    Then::Quit => "quitting",
                }
            ),
            "Save",
            "Don't Save",
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
    let r = Modal::new(Id::unique("copydesk-desk-prompt")).show(ctx, |ui| {
        ui.set_max_width(440.0);
        ui.heading(title);
        ui.label(text);
        ui.add_space(8.0);
        let mut choice = None;
        ui.horizontal(|ui| {
            if ui.button(save).clicked() {
                choice = Some(Choice::Save);
            }
            if ui.button(dont).clicked() {
                choice = Some(Choice::DontSave);
            }
            if ui.button("Cancel").clicked() {
                choice = Some(Choice::Cancel);
            }
        });
        choice
    });
    match r.inner {
        Some(c) => out.push(DeskAction::Answer(c)),
        None if r.should_close() => out.push(DeskAction::Answer(Choice::Cancel)),
        None => {}
    }
}

fn update_title(app: &mut CopydeskApp, ctx: &egui::Context) {
    let Some(desk) = &app.desk else {
        return;
    };
    let name = desk
        .folder()
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| desk.folder().display().to_string());
    let mark = if desk.is_dirty() { " •" } else { "" };
    let title = format!("Desk: {name}{mark} — Copydesk");
    if title != app.view.last_title {
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
        app.view.last_title = title;
    }
}
