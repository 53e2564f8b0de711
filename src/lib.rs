//! Copydesk, the desktop newsroom editor: the window and the command line, a thin shell over
//! [`copydesk_core`] (the story model, its file format, checks, exports and imports).
//!
//! - [`app`]: the window's state with no drawing — the story sessions (the editor's and the
//!   desk review's), every command on them, undo, file dialogs behind a trait, recent files.
//!   Every change to a story goes through [`app::story::Story::apply`].
//! - [`ui`]: the egui panes, the command table with its shortcuts, and the design tokens.
//!   Panes draw from the state and emit [`ui::Action`]s; they never change the story.
//! - [`cli`]: the command line (`copydesk check`, `export`, `import`), which needs no display.

pub mod app;
pub mod cli;
pub mod ui;

/// When the program started, for the start-up trace (`COPYDESK_TRACE_STARTUP=1` prints how
/// long the first frame took to stderr).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The environment variable that turns the start-up trace on.
pub const TRACE_STARTUP: &str = "COPYDESK_TRACE_STARTUP";

/// With `COPYDESK_TRACE_STARTUP` set, prints how long after start `phase` was reached.
pub fn trace_startup(phase: &str) {
    if std::env::var_os(TRACE_STARTUP).is_some()
        && let Some(started) = STARTED.get()
    {
        eprintln!(
            "copydesk: {phase} {:.1} ms after start",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}

/// The environment variable that prints one line per frame laid out, with its time since
/// start (`benches/window.sh` counts the frames painted at rest with it).
pub const TRACE_FRAMES: &str = "COPYDESK_TRACE_FRAMES";
