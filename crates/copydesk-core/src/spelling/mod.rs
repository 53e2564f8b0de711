//! Spelling: Hunspell dictionaries, the desk's and the user's word lists, and which words of a
//! story's text to check.
//!
//! The story's `language` picks the dictionary ([`Dictionary::for_language`]): the system's
//! (`/usr/share/hunspell` on Linux, from the `hunspell-en-gb`, `hunspell-en-us`… packages),
//! or those Copydesk ships (`assets/dictionaries`, installed beside the program on Windows and
//! macOS). `spellbook` reads them: a pure-Rust Hunspell engine.
//!
//! Which words are checked ([`words`](fn@words)): letters in the dictionary's script, with their
//! apostrophes (`won't`, `Labour’s`); not markup (`[[related:ID]]`, link addresses, `**`), web
//! and e-mail addresses, words with digits, or words in capitals (`NATO`, `BBC`).
//!
//! A word is right when the dictionary has it, or a word list does ([`WordList`]: a desk's
//! shared list of names and house spellings, the user's own), or the story says to ignore it
//! (kept in the story file, `spelling_ignore`).

mod lists;
pub(crate) mod words;

#[cfg(test)]
mod tests;

use std::ops::Range;
use std::path::{Path, PathBuf};

pub use lists::WordList;
pub use unicode_script::Script;
pub use words::{Text, words};

/// Why spelling could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SpellingError {
    /// No dictionary for the story's language in any folder looked in.
    #[error(
        "no spelling dictionary for “{language}” was found (looked in {}); install one (on Debian and Ubuntu: the hunspell-* package for the language) or set COPYDESK_DICTIONARIES to a folder holding LANG.aff and LANG.dic",
        list(searched)
    )]
    NoDictionary {
        /// The language asked for.
        language: String,
        /// The folders looked in.
        searched: Vec<PathBuf>,
    },
    /// A dictionary or word list file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A dictionary file is not one Hunspell could read.
    #[error("{}: not a Hunspell dictionary Copydesk can read ({reason})", path.display())]
    Invalid {
        /// The .aff file.
        path: PathBuf,
        /// What the reader said.
        reason: String,
    },
}

fn list(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if names.is_empty() {
        "no folder".to_owned()
    } else {
        names.join(", ")
    }
}

/// The environment variable naming extra dictionary folders (separated like `PATH`), looked
/// in first.
pub const DICTIONARIES_VARIABLE: &str = "COPYDESK_DICTIONARIES";

/// The folders dictionaries are looked for in, in order: `$COPYDESK_DICTIONARIES`, the
/// system's Hunspell folders, then the ones shipped beside the program (Windows
/// `dictionaries\`, macOS `Contents/Resources/dictionaries`, a Linux tarball's
/// `share/copydesk/dictionaries`). Folders that do not exist are left out.
pub fn dictionary_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os(DICTIONARIES_VARIABLE)
        .map(|v| std::env::split_paths(&v).collect())
        .unwrap_or_default();
    dirs.extend(
        [
            "/usr/share/hunspell",
            "/usr/share/myspell",
            "/usr/share/myspell/dicts",
            "/usr/local/share/hunspell",
            "/Library/Spelling",
        ]
        .map(PathBuf::from),
    );
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join("Library/Spelling"));
    }
    if let Some(exe_dir) = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(Path::to_path_buf))
    {
        dirs.push(exe_dir.join("dictionaries"));
        dirs.push(exe_dir.join("../Resources/dictionaries"));
        dirs.push(exe_dir.join("../share/copydesk/dictionaries"));
    }
    // A build from the source tree (`cargo run`): the dictionaries in `assets/`.
    dirs.push(PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/dictionaries"
    )));
    dirs.retain(|d| d.is_dir());
    dirs
}

/// The `.aff` and `.dic` files for `language` (a BCP 47 tag such as `en-GB`) in `dirs`: the
/// exact language and region first (`en_GB`), then the language alone (`de`), its usual
/// region (`de_DE`), and for English without a region `en_US`, then any region.
pub fn find(language: &str, dirs: &[PathBuf]) -> Option<(PathBuf, PathBuf)> {
    let tag = language.trim();
    let mut parts = tag.split(['-', '_']).filter(|p| !p.is_empty());
    let lang = parts.next()?.to_ascii_lowercase();
    if !lang.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase);
    let mut names = Vec::new();
    if let Some(r) = &region {
        names.push(format!("{lang}_{r}"));
    }
    names.push(lang.clone());
    names.push(format!("{lang}_{}", lang.to_ascii_uppercase()));
    if lang == "en" {
        names.extend(["en_US".to_owned(), "en_GB".to_owned()]);
    }
    for name in &names {
        for dir in dirs {
            let aff = dir.join(format!("{name}.aff"));
            let dic = dir.join(format!("{name}.dic"));
            if aff.is_file() && dic.is_file() {
                return Some((aff, dic));
            }
        }
    }
    // any region of the language
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|e| e == "aff")
                    && p.file_stem()
                        .and_then(|s| s.to_str())
                        .is_some_and(|s| s.starts_with(&format!("{lang}_")))
            })
            .collect();
        found.sort();
        if let Some(aff) = found
            .into_iter()
            .find(|a| a.with_extension("dic").is_file())
        {
            let dic = aff.with_extension("dic");
            return Some((aff, dic));
        }
    }
    None
}

/// A Hunspell dictionary, read.
pub struct Dictionary {
    inner: spellbook::Dictionary,
    /// The file it was read from (the `.aff`).
    source: PathBuf,
    /// The script most of its words are written in: words in other scripts are not
    /// checked against it.
    script: Script,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl Dictionary {
    /// Reads the dictionary for `language` from the first folder of `dirs` that has one
    /// (see [`find`] and [`dictionary_dirs`]).
    pub fn for_language(language: &str, dirs: &[PathBuf]) -> Result<Dictionary, SpellingError> {
        let (aff, dic) = find(language, dirs).ok_or_else(|| SpellingError::NoDictionary {
            language: language.trim().to_owned(),
            searched: dirs.to_vec(),
        })?;
        Dictionary::load(&aff, &dic)
    }

    /// Reads a dictionary from its two files.
    pub fn load(aff: &Path, dic: &Path) -> Result<Dictionary, SpellingError> {
        let read = |p: &Path| {
            std::fs::read(p)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|source| SpellingError::Io {
                    path: p.to_path_buf(),
                    source,
                })
        };
        let (aff_text, dic_text) = (read(aff)?, read(dic)?);
        Dictionary::from_texts(&aff_text, &dic_text, aff)
    }

    /// A dictionary from the texts of its files; `source` names it in errors.
    pub fn from_texts(aff: &str, dic: &str, source: &Path) -> Result<Dictionary, SpellingError> {
        let inner = spellbook::Dictionary::new(aff, dic).map_err(|e| SpellingError::Invalid {
            path: source.to_path_buf(),
            reason: e.to_string(),
        })?;
        Ok(Dictionary {
            inner,
            source: source.to_path_buf(),
            script: words::main_script(dic),
        })
    }

    /// The `.aff` file it was read from.
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// The script of its words (Latin for English); words in other scripts are not checked
    /// against it.
    pub fn script(&self) -> Script {
        self.script
    }
}

/// A dictionary with the word lists and the story's ignored words that count as right.
#[derive(Debug, Clone, Copy)]
pub struct Speller<'a> {
    dictionary: &'a Dictionary,
    lists: [Option<&'a WordList>; 2],
    ignored: &'a [String],
}

impl<'a> Speller<'a> {
    /// Checks against `dictionary` alone.
    pub fn new(dictionary: &'a Dictionary) -> Self {
        Speller {
            dictionary,
            lists: [None, None],
            ignored: &[],
        }
    }

    /// Also takes the words of the desk's list and the user's as right.
    pub fn with_lists(mut self, desk: Option<&'a WordList>, mine: Option<&'a WordList>) -> Self {
        self.lists = [desk, mine];
        self
    }

    /// Also takes the story's ignored words as right.
    pub fn ignoring(mut self, words: &'a [String]) -> Self {
        self.ignored = words;
        self
    }

    /// Whether `word` (one word, as [`words`](fn@words) finds them) is spelt right.
    pub fn is_correct(&self, word: &str) -> bool {
        let plain = lists::normalize(word);
        self.dictionary.inner.check(word)
            || (plain != word && self.dictionary.inner.check(&plain))
            || self.lists.iter().flatten().any(|l| l.contains(word))
            || self.ignored.iter().any(|i| lists::normalize(i) == plain)
    }

    /// Up to `max` suggestions for a misspelt word, best first. Takes some milliseconds a
    /// word: ask for the words shown, not for every word of a story.
    pub fn suggest(&self, word: &str, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        self.dictionary.inner.suggest(word, &mut out);
        // Suggestions that split the word ("co lour") are rarely what a writer meant.
        out.retain(|s| !s.contains(' '));
        out.truncate(max);
        out
    }

    /// The byte ranges of the words of `text` this speller checks.
    pub fn words(&self, text: &str, kind: Text) -> Vec<Range<usize>> {
        words(text, kind, self.dictionary.script)
    }

    /// The byte ranges of the misspelt words of `text`.
    pub fn misspellings(&self, text: &str, kind: Text) -> Vec<Range<usize>> {
        words(text, kind, self.dictionary.script)
            .into_iter()
            .filter(|r| !self.is_correct(&text[r.clone()]))
            .collect()
    }
}
