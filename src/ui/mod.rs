//! The egui window: one file per pane, drawing [`AppState`] and turning clicks and keys into
//! [`Action`]s. Nothing here decides what a story is or how it is saved.
//!
//! - [`commands`]: the command table (labels and shortcuts, defined once).
//! - [`menus`]: the menu bar, built from the command table.
//! - [`editor`] and [`find_bar`]: the body editor with find and replace.
//! - [`metadata`]: the metadata panel and its checks list.
//! - [`preview`]: the story as readers will see it.
//! - [`status`]: the status bar.
//! - [`modals`]: the unsaved-changes prompt, notices, the typed-path fallback, help windows.
//! - [`safety`]: recovering what a crash left, and the bar for changes others made.
//! - [`comments`]: comments on words, their window and the body's margin marks.
//! - [`versions`]: the History panel: the story's kept versions, compared and restored.
//! - [`text_box`]: text fields that report edits instead of changing the story.
//! - [`tokens`] and [`fonts`]: colours, sizes and faces.
//! - [`layout`]: how the window shares its width between the body and the side panels.
//! - [`desk`]: the desk view, a folder of stories in one table, drawn instead of the editor.
//!
//! **How an edit flows.** A keystroke in the body reaches egui's `TextEdit`, which edits a
//! [`text_box::SpliceRecorder`]; the recorder shows the keystroke at once and records it as an
//! [`Edit::Splice`]. The editor pane pushes `Action::Edit`; after the panes have drawn, the
//! window's one dispatcher (`CopydeskApp::perform`) applies it to the story in focus — the
//! editor's, or the desk review's ([`CopydeskApp::story_in_focus`]) — through
//! [`crate::app::story::Story::apply`]: the story changes, undo records the inverse, the
//! revision moves on, and the story's journal, spelling and derive copies get the same edit. The status bar is drawn after that, so it shows the new
//! counts and "Unsaved changes" in the same frame; the panes drawn before the editor (metadata,
//! preview) catch up in the next frame, which the app asks for at once. The preview and checks
//! are rebuilt from the story for the new revision; the recovery journal and the file on disk
//! get the story when it is saved (see [`crate::app::files`]).

pub mod body_layout;
pub mod commands;
pub mod comments;
pub mod desk;
mod dispatch;
pub mod editor;
pub mod find_bar;
pub mod fonts;
mod frame;
pub mod layout;
pub mod menus;
pub mod metadata;
pub mod modals;
pub mod picture;
pub mod preview;
pub mod publish;
pub mod safety;
pub mod spelling;
mod start;
pub mod status;
pub mod text_box;
pub mod tokens;
pub mod versions;

use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use copydesk_core::article::DateStyle;
use copydesk_core::edit::Edit;
use copydesk_core::field::Field;

use crate::app::dialogs::{FileDialogs, NativeDialogs};
use crate::app::history::Selection;
use crate::app::state::{AppState, Choice, Intent, SessionMemory, Settings};
use crate::app::story::Story;
use commands::Command;

const SETTINGS_KEY: &str = "copydesk.settings";
const SESSION_KEY: &str = "copydesk.session";
const VIEW_KEY: &str = "copydesk.view";

/// The app id, reverse-DNS: the Wayland app id, the desktop entry's name, the package id.
pub const APP_ID: &str = "org.copydesk.Copydesk";

/// Light, dark, or as the system says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the desktop's setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// View preferences remembered between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    /// Whether the metadata panel is shown.
    pub show_metadata: bool,
    /// Whether the preview is shown.
    pub show_preview: bool,
    /// Light or dark.
    pub theme: ThemeChoice,
}

impl Default for ViewPrefs {
    fn default() -> Self {
        ViewPrefs {
            show_metadata: true,
            show_preview: true,
            theme: ThemeChoice::System,
        }
    }
}

/// What a pane asks the app to do. Panes push these; the app carries them out after the
/// panes have drawn, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Change the story.
    Edit(Edit),
    /// A burst of typing ended (a field lost focus): the next edit is a new undo step.
    EndTyping,
    /// Replace the story or close the window, asking about unsaved changes first.
    Intent(Intent),
    /// A command from the table (a menu item or a shortcut).
    Command(Command),
    /// Open a story from the Open Recent list.
    OpenRecent(PathBuf),
    /// Choose a picture file for the story.
    PickImage,
    /// Take the user to a field, selecting this byte range of its text when given (a
    /// checked problem: the placeholder word, the broken anchor).
    Focus(Field, Option<Range<usize>>),
    /// Select this byte range of the body and put the cursor there.
    SelectBody(Range<usize>),
    /// Show a find match in the body, scrolled into view, leaving the keyboard where it is.
    ShowMatch(Range<usize>),

    /// Close the find bar, selecting the match last gone to.
    CloseFind,
    /// Select the body's anchor of the related link with this id (after placing it).
    ShowAnchor(String),
    /// Open the spelling menu for a misspelt word, at a place on the screen.
    OpenSpellMenu(crate::app::spelling::Miss, egui::Pos2),
    /// Add a word to a word list.
    AddWord(crate::app::word_lists::WordListKind, String),
    /// Take a word as right in this story.
    IgnoreWord(String),
    /// Take a grammar or style finding (rule, words) as right in this story.
    IgnoreFinding(String, String),
    /// The answer to the prompt on screen.
    Answer(Choice),
    /// The notice on screen was read.
    DismissNotice,
    /// The typed path was confirmed (`true`) or cancelled.
    PathEntry(bool),
    /// Change the theme.
    SetTheme(ThemeChoice),
    /// Change how dates are written.
    SetDateStyle(DateStyle),
    /// Restore a story a crash left, in this window.
    RestoreRecovered(String),
    /// Restore a story a crash left, in a new window.
    RestoreInNewWindow(String),
    /// Throw away a story a crash left.
    DiscardRecovered(String),
    /// Take the version someone else saved over the open file.
    ReloadTheirs,
    /// Take one field from the version on disk (the comparison's Take theirs).
    TakeTheirsField(Field),
    /// Keep the window's version over the one someone else saved.
    KeepMine,
    /// Publish the story to the site in the publish panel (`force`: over a post changed on
    /// the site since).
    Publish {
        /// Overwrite the post even though someone changed it on the site.
        force: bool,
    },
    /// Take the site's version of the post (the publish panel's conflict).
    TakeTheirsFromSite,
    /// Leave the post on the site as it is (the publish panel's conflict).
    CancelPublishConflict,
    /// List the site's posts (Open from WordPress).
    ListPosts,
    /// Open this post as a story, asking first about unsaved changes.
    OpenPost(u64),
    /// Forget the site's password, in the computer's credential store too.
    ForgetPassword,
    /// Stop the publish under way before its next step.
    CancelPublish,
    /// Choose a version in the History panel.
    ChooseVersion(String),
    /// Compare the chosen version with the story now or with another version.
    CompareVersionWith(crate::app::versions::Against),
    /// Put (part of) a kept version in the story, as one edit Undo takes back.
    RestoreVersion(String, crate::app::versions::Restore),
    /// The name the versions this user saves are signed with.
    SetYourName(String),
    /// Add, answer, resolve or delete a comment.
    Comment(copydesk_core::comments::Change),
    /// Replace every match in the story (the body and its other texts), saying how many.
    ReplaceAll {
        /// The text to find.
        query: String,
        /// What to put in its place.
        replacement: String,
        /// Whether "Corbyn" and "CORBYN" differ.
        match_case: bool,
    },
}

/// Which help window is open, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HelpWindow {
    /// None.
    #[default]
    Closed,
    /// The keyboard shortcuts.
    Shortcuts,
    /// The body markup guide.
    Markup,
}

/// Window state that is about viewing, not about the story.
pub struct ViewState {
    /// The checks' problems with the picture's and the spelling worker's, in order: merged
    /// when one of them changes, not every frame (a long story has thousands).
    pub merged_problems: MergedProblems,
    /// When the last input came (egui's clock), for the cursor's rest.
    pub last_input: Option<f64>,
    /// Seconds without input after which the text cursor stops blinking and the window paints
    /// nothing more until the next input (GTK's `gtk-cursor-blink-timeout`).
    pub blink_rest_after: f64,
    /// Whether the window is awake (input in the last [`Self::blink_rest_after`] seconds).
    pub blinking: bool,
    /// Whether the style had the cursor blink before the rest began.
    pub blink_style: bool,
    /// The spelling menu.
    pub spelling: spelling::SpellView,
    /// Scripts of the open story no installed font can show.
    pub scripts: fonts::Coverage,
    /// Whether the first frame has been traced (see [`crate::TRACE_STARTUP`]).
    pub traced_first_frame: bool,
    /// Remembered between runs.
    pub prefs: ViewPrefs,
    /// The body editor.
    pub editor: editor::EditorView,
    /// The metadata panel.
    pub metadata: metadata::MetadataView,
    /// The preview.
    pub preview: preview::PreviewView,
    /// The help window on screen.
    pub help: HelpWindow,
    /// The recovery list and the comparison window.
    pub safety: safety::SafetyView,
    /// The History panel.
    pub versions: crate::app::versions::VersionsPanel,
    /// When typing last changed the story (egui's clock): the History panel compares again
    /// once typing pauses.
    pub versions_typed_at: f64,
    /// The Comments window, the comment being written, the last selection to comment on.
    pub comments: comments::CommentsView,
    /// The story's picture, loaded in the background, shared by the thumbnail and preview.
    pub pictures: picture::PictureView,
    /// The desk view's panes and what it remembers of desk folders.
    pub desk: desk::DeskView,
    /// Whether the window had the focus last frame (the file is looked at when it comes back).
    focused: bool,
    /// The side panels' widths in the last frame (metadata, preview).
    widths: (f32, f32),
    /// Panels the user wants that the window is too narrow for this frame.
    pub squeezed_out: layout::Squeezed,
    last_title: String,
    close_sent: bool,
}

/// How the window starts.
#[derive(Debug, Default, Clone)]
pub struct Startup {
    /// A story to open (from the command line or a double-click).
    pub file: Option<PathBuf>,
    /// A recovery-journal entry to restore (`copydesk --recover ID`).
    pub recover: Option<String>,
    /// The recovery journal's folder; `None` keeps no journal (tests).
    pub journal: Option<PathBuf>,
    /// A desk folder to show (`copydesk --desk FOLDER`).
    pub desk: Option<PathBuf>,
    /// Whether WordPress passwords go to the computer's credential store; `false` holds them
    /// for the run only (tests).
    pub system_keychain: bool,
    /// The Copydesk program "Restore in a new window" starts (`PROGRAM --recover ID`): the
    /// running program in the real window; `None` starts no windows (tests, whose own program
    /// is not Copydesk).
    pub program: Option<PathBuf>,
}

/// The whole window.
pub struct CopydeskApp {
    /// The story and its commands.
    pub state: AppState,
    /// Everything about viewing it.
    pub view: ViewState,
    /// The desk folder shown instead of the editor, when one is open.
    pub desk: Option<crate::app::desk::Desk>,
}

/// Seconds without input before the cursor stops blinking: its last blink, so that from 10 s
/// on (GTK's `gtk-cursor-blink-timeout`) no frame at all is painted.
pub const BLINK_REST_AFTER: f64 = 9.5;

/// Opens the window; returns when it closes.
pub fn run_window(startup: Startup) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default();
    // The icon ships in the binary; a broken icon is no reason not to open the window.
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/copydesk-256.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_title("Copydesk")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 420.0])
            .with_drag_and_drop(true),
        persist_window: true,
        // Settings stay where versions before the reverse-DNS app id kept them
        // (~/.local/share/copydesk on Linux), beside the recovery journal.
        persistence_path: eframe::storage_dir("copydesk").map(|d| d.join("app.ron")),
        ..Default::default()
    };
    // the story's workers wait for the first frame (see `app::first_frame`)
    crate::app::first_frame::hold();
    let result = eframe::run_native(
        "Copydesk",
        options,
        Box::new(move |cc| {
            Ok(Box::new(CopydeskApp::start(
                cc,
                startup,
                Box::new(NativeDialogs::default()),
            )))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "copydesk: could not open the window: {e}. Check that a display is available (DISPLAY or WAYLAND_DISPLAY), or use `copydesk check` and `copydesk export` without one."
            );
            ExitCode::from(1)
        }
    }
}

/// What the merged list was made from: the checks' list (by address), the picture's
/// problem, spelling's story, answer and shifts, and its list (by address and length).
type MergeKey = (
    usize,
    Option<copydesk_core::checks::Problem>,
    [u64; 3],
    usize,
    usize,
);

/// The window's list of problems: the checks', the picture's and spelling's, sorted. Kept
/// until one of the three changes.
#[derive(Default)]
pub struct MergedProblems {
    key: Option<MergeKey>,
    merged: Arc<Vec<copydesk_core::checks::Problem>>,
    /// The errors and warnings among the checks' and spelling's problems, with what they
    /// were counted from (the checks' list held, so it cannot be another at the same place).
    counted: Option<(CountKey, (usize, usize))>,
}

/// What the status bar's counts were counted from: the checks' list, and spelling's answer
/// (as for [`MergeKey`]).
type CountKey = (
    Arc<Vec<copydesk_core::checks::Problem>>,
    [u64; 3],
    usize,
    usize,
);

impl MergedProblems {
    /// The merged list for these parts, made again only when they changed.
    pub fn merge(
        &mut self,
        checks: &Arc<Vec<copydesk_core::checks::Problem>>,
        picture: Option<copydesk_core::checks::Problem>,
        spelling: &crate::app::spelling::Misspellings,
    ) -> Arc<Vec<copydesk_core::checks::Problem>> {
        let key = (
            Arc::as_ptr(checks) as usize,
            picture,
            [spelling.generation, spelling.taken, spelling.shifts],
            spelling.problems.as_ptr() as usize,
            spelling.problems.len(),
        );
        if self.key.as_ref() != Some(&key) {
            let mut problems = (**checks).clone();
            problems.extend(key.1.clone());
            problems.extend(spelling.problems.iter().cloned());
            problems.sort_by_key(|p| (p.severity, p.field, p.offset));
            let pieces = self.merged.len();
            crate::app::derive::drop_later(
                std::mem::replace(&mut self.merged, Arc::new(problems)),
                pieces,
            );
            self.key = Some(key);
        }
        self.merged.clone()
    }

    /// How many errors and how many warnings the checks and spelling found, counted again
    /// only when either changed (a 5 MB story has thousands, and the bar shows the counts
    /// every frame).
    pub fn counts(
        &mut self,
        checks: &Arc<Vec<copydesk_core::checks::Problem>>,
        spelling: &crate::app::spelling::Misspellings,
    ) -> (usize, usize) {
        let key: CountKey = (
            checks.clone(),
            [spelling.generation, spelling.taken, spelling.shifts],
            spelling.problems.as_ptr() as usize,
            spelling.problems.len(),
        );
        match &self.counted {
            Some((k, counts))
                if Arc::ptr_eq(&k.0, &key.0) && (k.1, k.2, k.3) == (key.1, key.2, key.3) =>
            {
                *counts
            }
            _ => {
                let (a, b) = copydesk_core::checks::counts(checks);
                let (c, d) = copydesk_core::checks::counts(&spelling.problems);
                self.counted = Some((key, (a + c, b + d)));
                (a + c, b + d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::checks::{Problem, Severity};
    use copydesk_core::field::Field;

    fn problem(severity: Severity, field: Field) -> Problem {
        Problem {
            severity,
            field,
            offset: None,
            length: None,
            message: "what is wrong".into(),
            rule: None,
        }
    }

    /// The status bar's counts follow the checks' list and spelling's answer, and are not
    /// counted again while neither changed.
    #[test]
    fn problem_counts_follow_both_lists() {
        let mut m = MergedProblems::default();
        let checks = Arc::new(vec![
            problem(Severity::Error, Field::Headline),
            problem(Severity::Warning, Field::Body),
        ]);
        let mut spelling = crate::app::spelling::Misspellings::default();
        spelling
            .problems
            .push(problem(Severity::Warning, Field::Standfirst));
        assert_eq!(m.counts(&checks, &spelling), (1, 2));
        let held = m.counted.as_ref().map(|(k, _)| k.0.clone()).unwrap();
        assert!(Arc::ptr_eq(&held, &checks), "the list counted is held");
        // the same lists: the same counts, from the cache
        m.counted.as_mut().unwrap().1 = (7, 7);
        assert_eq!(m.counts(&checks, &spelling), (7, 7));
        // another checks list, though as long
        let checks = Arc::new(vec![
            problem(Severity::Error, Field::Headline),
            problem(Severity::Error, Field::Slug),
        ]);
        assert_eq!(m.counts(&checks, &spelling), (2, 1));
        // spelling's answer moved along (a keystroke) or replaced
        spelling.shifts += 1;
        spelling.problems.clear();
        assert_eq!(m.counts(&checks, &spelling), (2, 0));
        spelling.taken += 1;
        spelling
            .problems
            .push(problem(Severity::Error, Field::Body));
        assert_eq!(m.counts(&checks, &spelling), (3, 0));
    }
}
