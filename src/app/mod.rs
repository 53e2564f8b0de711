//! The window's state and commands, with no drawing (that is [`crate::ui`]).
//!
//! - [`story`]: one open story session — the article, its undo, its file, and its journal,
//!   spelling and derive copies fed by one edit stream. The editor and the desk's review each
//!   own one; [`story::Story::apply`] is the one place a story changes.
//! - [`state`]: the editor's window state around its story: the unsaved-changes rule,
//!   settings, memory between runs.
//! - [`word_lists`]: the spelling settings and word lists.
//! - [`files`]: opening, saving, importing and exporting, through the file dialogs.
//! - [`versions`]: the History panel: the versions kept of the story, compared and restored.
//! - [`history`]: undo and redo for the whole story, kept as inverse edits.
//! - [`journal`], [`safety`] and [`watch`]: the recovery journal, recovering what a crash
//!   left, and noticing changes others make to the open file.
//! - [`dialogs`]: native file dialogs behind a trait tests can answer.
//! - [`pictures`]: the story's picture, read or fetched and prepared in the background.
//! - [`recent`]: the Open Recent list.
//! - [`who`]: the name every kept version of a story is signed with.
//! - [`publishing`] and [`passwords`]: publishing to WordPress, and its passwords in the
//!   computer's credential store.
//! - [`desk`]: the desk view: a folder of stories as rows, one under review, status changes
//!   to many at once.

pub mod derive;
pub mod desk;
pub mod dialogs;
pub mod files;
pub mod first_frame;
pub mod grammar;
pub mod history;
pub mod journal;
pub mod out_of_step;
pub mod passwords;
pub mod pictures;
pub mod publishing;
pub mod recent;
pub mod safety;
pub mod spelling;
pub mod state;
pub mod story;
pub mod versions;
pub mod watch;
pub mod who;
pub mod word_lists;
