//! The Copydesk article file: versioned JSON that is read back exactly and never loses data.
//!
//! A file is one JSON object: `"format": "copydesk-article"` and `"version": "MAJOR.MINOR"`
//! first, then the article's fields in a fixed order (see [`crate::article::Article`]),
//! pretty-printed with two-space indents, UTF-8, ending in a newline, so a desk that keeps
//! stories in git gets small, readable diffs.
//!
//! Versions: a minor version only adds fields, so any 1.x file is read by any 1.x reader and
//! the fields it does not know are kept and written back. A file from a newer *major* version
//! is refused with a message that says so, because its meaning may have changed.
//!
//! Reading never panics: every way a file can be wrong is a [`LoadError`] whose message says
//! what is wrong and what to do. The JSON Schema in `assets/schema/` describes the format.

pub mod atomic;
mod stamp;

use std::fs;
use std::io::{self, Read};
use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

use crate::article::Article;

/// The `format` value of every Copydesk article file.
pub const FORMAT_NAME: &str = "copydesk-article";
/// The version this build writes.
pub const VERSION_MAJOR: u64 = 1;
/// The minor version this build writes; a minor version only adds optional fields.
pub const VERSION_MINOR: u64 = 4;
/// The file extension used in dialogs (`story.copydesk.json` is fine too: it ends in json).
pub const EXTENSION: &str = "json";
/// Files larger than this are refused before they are read: no real story comes near it, and
/// reading an accidental video into memory would freeze the window.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be opened as an article.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read (missing, no permission, a folder…).
    #[error("{}", io_read_message(.0))]
    Io(#[source] io::Error),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error(
        "the file is {size_mb:.1} MB; Copydesk opens articles up to {limit_mb} MB. Check that this is the story you meant to open",
        size_mb = *.size as f64 / 1_048_576.0,
        limit_mb = MAX_FILE_BYTES / 1_048_576
    )]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
    },
    /// The file holds nothing, or only spaces.
    #[error(
        "the file is empty (0 bytes); it may have been cut short. Open a backup copy or start a new story"
    )]
    Empty,
    /// The file holds NUL bytes: a picture, an archive, not text.
    #[error("this is a binary file, not a Copydesk article; open a .json file saved by Copydesk")]
    Binary,
    /// The file is not UTF-8 text.
    #[error(
        "the file is not UTF-8 text (bad byte at offset {offset}); save it as UTF-8 or open the original"
    )]
    NotUtf8 {
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// The JSON is broken at a line and column.
    #[error(
        "invalid JSON at line {line}, column {column}: {message}; fix the file in a text editor or open a backup"
    )]
    Syntax {
        /// Line of the fault, from 1.
        line: usize,
        /// Column of the fault, from 1.
        column: usize,
        /// What the JSON reader expected.
        message: String,
    },
    /// The JSON stops before it is complete.
    #[error(
        "the file ends too early (line {line}, column {column}); it may have been cut short while copying. Open a backup copy"
    )]
    Truncated {
        /// Line where the file stops, from 1.
        line: usize,
        /// Column where the file stops, from 1.
        column: usize,
    },
    /// Valid JSON, but not `"format": "copydesk-article"`.
    #[error("the file holds JSON but not a Copydesk article{}", hint_text(*.hint))]
    NotAnArticle {
        /// What the JSON looks like instead, when Copydesk can tell.
        hint: Option<ForeignKind>,
    },
    /// The version is missing or not `"MAJOR.MINOR"`.
    #[error(
        "the version field is {found}; expected text such as \"1.0\". Fix the file or open a backup"
    )]
    BadVersion {
        /// The version value as the file has it.
        found: String,
    },
    /// A newer major version: its fields may mean other things.
    #[error(
        "the file was written by a newer Copydesk (format version {found}); this one reads version {VERSION_MAJOR}.x. Update Copydesk to open it"
    )]
    TooNew {
        /// The file's version.
        found: String,
    },
    /// A field of the wrong type or value.
    #[error(
        "the field `{field}` is wrong: {message}. Fix the file in a text editor or open a backup"
    )]
    Invalid {
        /// The path of the field, such as `related[2].url`.
        field: String,
        /// What is wrong with it.
        message: String,
    },
}

/// A JSON document that is something Copydesk can import rather than open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ForeignKind {
    /// An IPTC ninjs news item.
    Ninjs,
}

fn hint_text(hint: Option<ForeignKind>) -> &'static str {
    match hint {
        Some(ForeignKind::Ninjs) => {
            " (it looks like IPTC ninjs: use File > Import ninjs… or `copydesk import`)"
        }
        None => "",
    }
}

fn io_read_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "the file does not exist; check the name and folder".into(),
        io::ErrorKind::PermissionDenied => {
            "Copydesk may not read this file; ask for read access or copy it somewhere you can read"
                .into()
        }
        io::ErrorKind::IsADirectory => {
            "this is a folder, not a file; choose an article file".into()
        }
        _ => format!(
            "the file could not be read ({e}); check that the disk is available and try again"
        ),
    }
}

impl LoadError {
    /// Line and column of the fault in the file, when it has one.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Syntax { line, column, .. } | LoadError::Truncated { line, column } => {
                Some((*line, *column))
            }
            _ => None,
        }
    }
}

/// Why a save failed. The file on disk is unchanged in every case.
#[derive(Debug, Error)]
pub enum SaveError {
    /// The file could not be written; the old one is untouched.
    #[error("{}", io_write_message(.0))]
    Io(#[source] io::Error),
    /// The story could not be turned into JSON (a bug: every story can).
    #[error("the article could not be turned into JSON ({0}); please report this as a bug")]
    Encode(#[source] serde_json::Error),
}

fn io_write_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            "the folder does not exist; choose another folder with Save As".into()
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "Copydesk may not write in this folder; choose another folder with Save As".into()
        }
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "the disk is full; free some space and save again".into()
        }
        io::ErrorKind::IsADirectory => {
            "that name is a folder; choose a file name with Save As".into()
        }
        _ => format!(
            "the file could not be written ({e}); your previous file is unchanged. Try Save As to another folder"
        ),
    }
}

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: String,
    #[serde(flatten)]
    article: &'a Article,
}

/// The article as file text: pretty JSON with a trailing newline.
pub fn to_string(article: &Article) -> Result<String, SaveError> {
    let out = FileOut {
        format: FORMAT_NAME,
        version: format!("{VERSION_MAJOR}.{VERSION_MINOR}"),
        article,
    };
    let mut s = serde_json::to_string_pretty(&out).map_err(SaveError::Encode)?;
    s.push('\n');
    Ok(s)
}

/// Saves atomically: on error the file at `path` is as it was.
pub fn save(path: &Path, article: &Article) -> Result<(), SaveError> {
    let text = to_string(article)?;
    atomic::write(path, text.as_bytes()).map_err(SaveError::Io)
}

pub use stamp::{DiskStamp, DiskState};

/// Reads an article file.
pub fn load(path: &Path) -> Result<Article, LoadError> {
    let bytes = read_capped(path)?;
    from_bytes(&bytes)
}

/// Reads an article file, with the stamp of the bytes read, to tell later whether someone
/// else changed the file.
pub fn load_stamped(path: &Path) -> Result<(Article, DiskStamp), LoadError> {
    let bytes = read_capped(path)?;
    let article = from_bytes(&bytes)?;
    let meta = fs::metadata(path).ok();
    Ok((article, DiskStamp::of(&bytes, meta.as_ref())))
}

/// Saves atomically, like [`save`], and returns the stamp of the file as written.
pub fn save_stamped(path: &Path, article: &Article) -> Result<DiskStamp, SaveError> {
    let text = to_string(article)?;
    atomic::write(path, text.as_bytes()).map_err(SaveError::Io)?;
    let meta = fs::metadata(path).ok();
    Ok(DiskStamp::of(text.as_bytes(), meta.as_ref()))
}

/// Reads at most [`MAX_FILE_BYTES`], so a huge file is refused without filling memory.
pub fn read_capped(path: &Path) -> Result<Vec<u8>, LoadError> {
    let file = fs::File::open(path).map_err(LoadError::Io)?;
    let meta = file.metadata().map_err(LoadError::Io)?;
    if meta.is_dir() {
        return Err(LoadError::Io(io::Error::from(io::ErrorKind::IsADirectory)));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { size: meta.len() });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(LoadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Checks that bytes are UTF-8 JSON text and parses them into a JSON value, with errors a
/// person can act on. Shared by article loading and ninjs import.
pub fn parse_json(bytes: &[u8]) -> Result<Value, LoadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(LoadError::Empty);
    }
    if bytes.contains(&0) {
        return Err(LoadError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LoadError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    // Editors on Windows may put a byte order mark first; it is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = position(text, e.line(), e.column());
        if e.is_eof() {
            LoadError::Truncated { line, column }
        } else {
            let full = e.to_string();
            let message = match full.rfind(" at line ") {
                Some(i) => full[..i].to_owned(),
                None => full,
            };
            LoadError::Syntax {
                line,
                column,
                message,
            }
        }
    })
}

/// Where a person should look for a JSON error. serde_json counts columns from 1, but reports
/// a fault found at a line break (a raw newline inside a string) as column 0 of the next line;
/// the fault is at the end of the line before, which is where an editor's cursor must go.
fn position(text: &str, line: usize, column: usize) -> (usize, usize) {
    if column > 0 || line < 2 {
        return (line, column.max(1));
    }
    let before = text.lines().nth(line - 2).unwrap_or_default();
    (line - 1, before.chars().count() + 1)
}

/// Reads an article from file bytes.
pub fn from_bytes(bytes: &[u8]) -> Result<Article, LoadError> {
    from_value(parse_json(bytes)?)
}

/// Reads an article from a parsed JSON document.
pub fn from_value(value: Value) -> Result<Article, LoadError> {
    let Value::Object(mut map) = value else {
        return Err(LoadError::NotAnArticle { hint: None });
    };
    match map.get("format") {
        Some(Value::String(f)) if f == FORMAT_NAME => {}
        _ => {
            let ninjs = map.contains_key("uri")
                && (map.contains_key("headlines")
                    || map.contains_key("headline")
                    || map.contains_key("type"));
            return Err(LoadError::NotAnArticle {
                hint: ninjs.then_some(ForeignKind::Ninjs),
            });
        }
    }
    let version = map.get("version").cloned().unwrap_or(Value::Null);
    let major = match &version {
        Value::String(v) => parse_version(v).ok_or_else(|| LoadError::BadVersion {
            found: format!("\"{v}\""),
        })?,
        other => {
            return Err(LoadError::BadVersion {
                found: if other.is_null() {
                    "missing".into()
                } else {
                    other.to_string()
                },
            });
        }
    };
    if major > VERSION_MAJOR {
        return Err(LoadError::TooNew {
            found: version.as_str().unwrap_or_default().to_owned(),
        });
    }
    map.shift_remove("format");
    map.shift_remove("version");
    serde_path_to_error::deserialize::<_, Article>(Value::Object(map)).map_err(|e| {
        let field = e.path().to_string();
        LoadError::Invalid {
            field: if field == "." {
                "(top level)".into()
            } else {
                field
            },
            message: e.into_inner().to_string(),
        }
    })
}

/// The major version of a `"MAJOR.MINOR"` string.
fn parse_version(v: &str) -> Option<u64> {
    let (major, minor) = v.split_once('.')?;
    minor.parse::<u64>().ok()?;
    major.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(parse_version("1.0"), Some(1));
        assert_eq!(parse_version("12.3"), Some(12));
        assert_eq!(parse_version("1"), None);
        assert_eq!(parse_version("one.two"), None);
    }

    #[test]
    fn file_text_starts_with_format_and_ends_with_newline() {
        let text = to_string(&Article::new()).unwrap();
        assert!(text.starts_with(
            "{\n  \"format\": \"copydesk-article\",\n  \"version\": \"1.4\",\n  \"id\""
        ));
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn a_raw_newline_in_a_string_is_placed_at_the_end_of_its_line() {
        let text = "{\n  \"format\": \"copydesk-article\",\n  \"headline\": \"Two\nlines\"\n}\n";
        let e = parse_json(text.as_bytes()).unwrap_err();
        // line 3 is `  "headline": "Two` (18 characters): the newline comes after it
        assert_eq!(e.location(), Some((3, 19)), "{e}");
        assert!(e.to_string().contains("line 3, column 19"), "{e}");
    }
}
