//! The window's state and commands, with no drawing (that is [`crate::ui`]).
//!
//! - [`state`]: the open story, saving, opening, the unsaved-changes rule.
//! - [`history`]: undo and redo for the whole story.
//! - [`dialogs`]: native file dialogs behind a trait tests can answer.
//! - [`recent`]: the Open Recent list.

pub mod dialogs;
pub mod find;
pub mod history;
pub mod recent;
pub mod state;

pub use crate::ui::run_window;
