//! Copydesk: a desktop newsroom editor.
//!
//! The crate is a pure core with a thin window on top:
//!
//! - [`article`]: the story model, its body markup, dates and slugs (no UI).
//! - [`format`]: the versioned JSON file, atomic saving, load errors people can act on.
//! - [`document`]: the story as readers see it, shared by the preview and the exports.
//! - [`export`]: the HTML page with JSON-LD, and IPTC ninjs export and import.
//! - [`checks`]: pre-publish problems, shared by the window and `copydesk check`.
//! - [`cli`]: the command line.
//! - [`app`] and [`ui`]: the eframe window; `app` holds state and commands, `ui` the panes.
#![forbid(unsafe_code)]

pub mod app;
pub mod article;
pub mod checks;
pub mod cli;
pub mod document;
pub mod export;
pub mod format;
pub mod ui;

/// The bundled reference story, opened as an untitled copy on a first run.
pub const SAMPLE_STORY: &str = include_str!("../assets/samples/corbyn-unity-appeal.json");
