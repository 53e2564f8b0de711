//! Word lists: plain text, one word a line, that count as spelt right.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::SpellingError;

/// A list of words that are right although a dictionary may not have them: the names and
/// house spellings a desk shares (a file on a shared folder), or a user's own.
///
/// The file is plain UTF-8 text, one word a line; blank lines and lines starting with `#`
/// are comments. A word in capitals and lower case (`Corbyn`) matches only as written; a
/// word in lower case (`academise`) also matches capitalised (`Academise`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList {
    path: Option<PathBuf>,
    words: BTreeSet<String>,
}

impl WordList {
    /// Reads the list at `path`; a file that does not exist yet is an empty list (adding a
    /// word creates it).
    pub fn load(path: &Path) -> Result<WordList, SpellingError> {
        let words = read(path)?;
        Ok(WordList {
            path: Some(path.to_path_buf()),
            words,
        })
    }

    /// A list held in memory only.
    pub fn from_words<I: IntoIterator<Item = S>, S: AsRef<str>>(words: I) -> WordList {
        WordList {
            path: None,
            words: words
                .into_iter()
                .map(|w| normalize(w.as_ref().trim()))
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    /// The file the list is kept in.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The words, sorted.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Whether the list makes `word` right.
    pub fn contains(&self, word: &str) -> bool {
        let word = normalize(word);
        if self.words.contains(&word) {
            return true;
        }
        // "Academise" at the start of a sentence, for a listed "academise"
        let mut chars = word.chars();
        match chars.next() {
            Some(first) if first.is_uppercase() => {
                let lowered: String = first.to_lowercase().chain(chars).collect();
                self.words.contains(&lowered)
            }
            _ => false,
        }
    }

    /// Adds `word` and saves the list. The file is read again first, so words a colleague
    /// added to a shared list meanwhile are kept.
    pub fn add(&mut self, word: &str) -> Result<(), SpellingError> {
        self.change(|words| {
            words.insert(normalize(word.trim()));
        })
    }

    /// Takes `word` out and saves the list.
    pub fn remove(&mut self, word: &str) -> Result<(), SpellingError> {
        self.change(|words| {
            words.remove(&normalize(word.trim()));
        })
    }

    fn change(&mut self, f: impl FnOnce(&mut BTreeSet<String>)) -> Result<(), SpellingError> {
        if let Some(path) = &self.path {
            self.words = read(path)?;
        }
        f(&mut self.words);
        self.words.remove("");
        let Some(path) = &self.path else {
            return Ok(());
        };
        let mut text = String::from(
            "# Copydesk word list: one word a line; words here are taken as spelt right.\n",
        );
        for w in &self.words {
            text.push_str(w);
            text.push('\n');
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| SpellingError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        crate::format::atomic::write(path, text.as_bytes()).map_err(|source| SpellingError::Io {
            path: path.clone(),
            source,
        })
    }
}

fn read(path: &Path) -> Result<BTreeSet<String>, SpellingError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(normalize)
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(source) => Err(SpellingError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// A word as lists keep it: typographic apostrophes made straight.
pub(crate) fn normalize(word: &str) -> String {
    word.replace(['\u{2019}', '\u{02BC}'], "'")
}
