//! Copydesk's core: everything a story is and everything done to it, with no user interface.
//!
//! The window (the `copydesk` crate) and the command line are thin shells over this crate;
//! nothing in its dependency tree draws (CI checks `cargo tree -p copydesk-core`).
//!
//! - [`article`]: the story model, dates with time zones, slugs, counts.
//! - [`bidi`]: right-to-left lines in the order readers read them, for the preview.
//! - [`markup`]: the body markup — reading it into blocks, writing blocks back, colouring it
//!   for the editor, placing related-link anchors.
//! - [`field`]: names for every part of a story, shared by edits, checks and the window.
//! - [`edit`]: every change to a story as a value that can be applied and undone.
//! - [`find`]: finding and replacing text, with or without matching case.
//! - [`format`](mod@format): the versioned JSON file, atomic saving, load errors people can act on.
//! - [`document`]: the story as readers see it, shared by the preview and the exports.
//! - [`reading`]: one reading of the body's markup for the view and the checks, kept up to
//!   date edit by edit.
//! - [`checks`]: pre-publish problems, shared by the window and `copydesk check`.
//! - [`comments`]: editors' comments anchored on words, following them through edits.
//! - [`compare`]: how two versions of a story differ, field by field.
//! - [`desk`]: every story in a folder as one listing, filtered and sorted, for the desk.
//! - [`export`]: the HTML page with JSON-LD, and IPTC ninjs 3.1.
//! - [`import`]: IPTC ninjs items (and the HTML and NITF bodies they carry) as stories.
//! - [`spelling`]: dictionaries, word lists, and which words of a story are checked.
//! - [`versions`]: every saved version of a story kept beside its file, compared word by word.
//! - [`picture`]: the story's picture prepared for showing, within limits, upright, small.

pub mod article;
pub mod bidi;
pub mod checks;
pub mod comments;
pub mod compare;
pub mod desk;
pub mod document;
pub mod edit;
pub mod export;
pub mod field;
pub mod find;
pub mod format;
pub mod import;
pub mod markup;
pub mod picture;
pub mod reading;
pub mod spelling;
pub mod style;
pub mod versions;

/// The bundled reference story (`assets/samples/corbyn-unity-appeal.json`): the window opens
/// it as an untitled copy on a first run, and the tests read it.
pub const SAMPLE_STORY: &str = include_str!("../../../assets/samples/corbyn-unity-appeal.json");
