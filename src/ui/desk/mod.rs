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

mod bars;
mod frame;
mod review;
mod table;

use frame::command;
pub(super) use frame::window_ui;

use std::path::{Path, PathBuf};

use copydesk_core::article::Status;
use copydesk_core::desk::{self as core_desk, Column, Filter};
use copydesk_wordpress::Credentials;

use super::commands::{self, Command};
use super::{Action, CopydeskApp, HelpWindow, menus, metadata, modals, preview, spelling, status};
use crate::app::desk::{Desk, DeskMemory, DeskPrompt, Then, site};
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
    /// The WordPress site left to open a story, to go back to (with its password, for this
    /// run only).
    return_to_site: Option<Credentials>,
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
    /// The review's list of problems, merged and sorted only when it changes.
    merged: super::MergedProblems,
}

impl Default for DeskView {
    fn default() -> Self {
        DeskView {
            memory: DeskMemory::default(),
            return_to: None,
            return_to_site: None,
            metadata: metadata::MetadataView::default(),
            preview: preview::PreviewView::default(),
            widths: (super::layout::METADATA_DEFAULT, REVIEW_PREVIEW_DEFAULT),
            results_open: false,
            scroll_to_focus: false,
            after_leaving: None,
            squeezed: super::layout::Squeezed::default(),
            merged: super::MergedProblems::default(),
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
    /// The site refused the desk's password (or cannot be reached): type it again.
    SignInAgain,
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
    // A site is not reopened at start: its password is not kept between runs.
    app.view.desk.memory.open = app
        .desk
        .as_ref()
        .filter(|d| d.site().is_none())
        .map(|d| d.folder().to_path_buf());
    eframe::set_value(storage, DESK_KEY, &app.view.desk.memory);
}

fn remember(app: &mut CopydeskApp) {
    if let Some(memory) = app.desk.as_ref().and_then(Desk::memory) {
        app.view.desk.memory.keep(memory);
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
    app.view.desk.return_to_site = None;
}

/// Opens the WordPress site of `credentials` as the desk (in place of any desk open).
pub fn open_site_desk(app: &mut CopydeskApp, credentials: Credentials) {
    remember(app);
    app.state.publishing.browse.open = false;
    app.desk = Some(Desk::open_site(credentials, app.state.kit()));
    app.view.desk.metadata = metadata::MetadataView::default();
    app.view.desk.preview = preview::PreviewView::default();
    app.view.desk.results_open = false;
    app.view.desk.memory.open = None;
    app.view.desk.return_to = None;
    app.view.desk.return_to_site = None;
}

/// Whether the editor shows the story of the desk's row `key`: its file, or its post.
fn editor_shows(app: &CopydeskApp, key: &Path) -> bool {
    let story = &app.state.story;
    match story.path() {
        Some(path) => path == key,
        None => story
            .article()
            .wordpress
            .as_ref()
            .is_some_and(|l| site::post_key(&l.site, l.post) == key),
    }
}

/// Back to the story in the editor; the desk is remembered, and File → Desk view returns.
fn leave_desk(app: &mut CopydeskApp, ctx: &egui::Context) {
    remember(app);
    if let Some(desk) = app.desk.take() {
        match desk.site() {
            Some(site) => app.view.desk.return_to_site = Some(site.credentials.clone()),
            None => app.view.desk.return_to = Some(desk.folder().to_path_buf()),
        }
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
        Command::OpenSiteDesk => match app.state.site_credentials() {
            Some(credentials) => match app.desk.as_mut() {
                Some(desk) => {
                    if let Some(then) = desk.before(Then::OpenSite(Box::new(credentials))) {
                        window_then(app, ctx, then);
                    }
                }
                None => open_site_desk(app, credentials),
            },
            None if app.desk.is_some() => {
                // The site's fields are in the editor's Open from WordPress window.
                app.view.desk.after_leaving = Some(Command::OpenSiteDesk);
                if let Some(then) = app.desk.as_mut().and_then(|d| d.before(Then::Leave)) {
                    window_then(app, ctx, then);
                }
            }
            None => {
                app.state.open_browsing();
                app.state.publishing.browse.error = Some(
                    "Fill in the site, user name and application password, then choose Open as Desk."
                        .into(),
                );
            }
        },
        Command::Desk => {
            if let Some(desk) = app.desk.as_mut() {
                if let Some(then) = desk.before(Then::Leave) {
                    window_then(app, ctx, then);
                }
            } else if let Some(credentials) = app.view.desk.return_to_site.clone() {
                open_site_desk(app, credentials);
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
            let post = app
                .desk
                .as_ref()
                .and_then(Desk::site)
                .and_then(|s| s.listed(&path));
            match post {
                Some(article) => {
                    app.state
                        .request(Intent::OpenPostStory(Box::new(article.clone())));
                }
                None => app.state.request(Intent::OpenPath(path.clone())),
            }
            if let Some(desk) = app.desk.as_mut() {
                desk.pending_open = Some(path);
            }
        }
        Then::Leave => leave_desk(app, ctx),
        Then::OpenFolder(folder) => open_desk(app, &folder),
        Then::OpenSite(credentials) => open_site_desk(app, *credentials),
        Then::Quit => {
            app.state.request(Intent::Quit);
        }
        // The desk's own kinds never come back.
        Then::Review(_) | Then::CloseReview | Then::SetStatus(..) => {}
    }
}
