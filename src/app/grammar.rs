//! Grammar and house style in the window, checked by the spelling worker as it checks
//! spelling: the same copy of the story, the same pieces (each field, the body paragraph by
//! paragraph), each checked once per text and kept, so a keystroke re-checks the paragraph
//! it is in and nothing else.
//!
//! What is found joins the misspellings ([`super::spelling::Miss`] with a [`Flag`]): the
//! fields underline it, the menu offers its replacements, the checks list shows it, and a
//! house-style error stops a publish.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use copydesk_core::article::Article;
use copydesk_core::style::{self, Finding, Grammar, Source, Style, grammar};

use super::spelling::{Flag, Miss, Misspellings};

/// Which house style the window checks against.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StyleBook {
    /// None.
    #[default]
    None,
    /// Copydesk's sample style ([`style::vale::SAMPLE`]).
    Sample,
    /// The desk's own, a folder of Vale rules on a shared drive.
    Folder(PathBuf),
}

impl StyleBook {
    /// How the menu names it.
    pub fn describe(&self) -> String {
        match self {
            StyleBook::None => "No house style".into(),
            StyleBook::Sample => "Copydesk's sample style".into(),
            StyleBook::Folder(p) => format!("Desk style: {}", p.display()),
        }
    }
}

/// What grammar and style check, as the worker takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    /// Check grammar (English stories).
    pub grammar: bool,
    /// The house style.
    pub style: StyleBook,
    /// The user's own rules, read after the desk's (a folder in the user's data folder).
    pub own: Option<PathBuf>,
}

/// The user's own style folder for a recovery journal in `journal_dir`: `style/` beside it,
/// in the user's data folder.
pub fn own_style(journal_dir: &Path) -> Option<PathBuf> {
    journal_dir.parent().map(|d| d.join("style"))
}

/// Grammar checkers shared by every story session of the process, one per dialect and set of
/// rules switched off: building one reads harper's dictionary, which takes a moment.
fn shared(dialect: grammar::Dialect, off: &[String]) -> Arc<Mutex<Grammar>> {
    type Shared = Mutex<HashMap<(String, Vec<String>), Arc<Mutex<Grammar>>>>;
    static GRAMMARS: OnceLock<Shared> = OnceLock::new();
    let key = (format!("{dialect:?}"), off.to_vec());
    let mut all = GRAMMARS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all.entry(key)
        .or_insert_with(|| Arc::new(Mutex::new(Grammar::new(dialect, off))))
        .clone()
}

/// The worker's grammar and style: the style read (and read again when a rule file
/// changes), and what was found in each piece of text.
#[derive(Default)]
pub struct Language {
    choice: Choice,
    style: Option<Arc<Style>>,
    /// The style's files and their modification times when read.
    stamps: Vec<(PathBuf, Option<SystemTime>)>,
    /// Findings by (scope, text) hash, valid for `key`.
    cache: HashMap<u64, Vec<Finding>>,
    key: u64,
}

impl Language {
    /// Takes what to check.
    pub fn set(&mut self, choice: Choice) {
        if choice != self.choice {
            self.choice = choice;
            self.style = None;
            self.stamps.clear();
        }
    }

    fn folders(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if let StyleBook::Folder(p) = &self.choice.style {
            out.push(p.clone());
        }
        if self.choice.style != StyleBook::None
            && let Some(own) = &self.choice.own
        {
            out.push(own.clone());
        }
        out
    }

    /// Reads the style again when one of its files changed since it was read (a desk editor
    /// mended a rule). Called when the story or the settings change, not per slice of a
    /// long story's reading: it looks at every file of the style's folders.
    pub fn refresh(&mut self) {
        if self.style.is_some() && stamps(&self.folders()) != self.stamps {
            self.style = None;
        }
    }

    /// The style, read when first needed (and after [`Self::refresh`] found it changed).
    fn style(&mut self) -> Option<Arc<Style>> {
        if self.choice.style == StyleBook::None {
            return None;
        }
        if self.style.is_none() {
            let folders = self.folders();
            self.stamps = stamps(&folders);
            self.style = Some(Arc::new(match &self.choice.style {
                StyleBook::Sample => Style::sample(&folders),
                _ => Style::load(&folders),
            }));
        }
        self.style.clone()
    }

    /// Checks `article`: pieces of text not read before are read, none once `deadline` has
    /// passed; whether every piece has been read. With `out`, what is found in the story as
    /// it is goes there (and what is kept of pieces no longer in it is dropped); without, the
    /// call only reads on (the slices of a long story between keystrokes, answered once done).
    pub fn check(
        &mut self,
        article: &Article,
        mut out: Option<&mut Misspellings>,
        deadline: Option<std::time::Instant>,
    ) -> bool {
        let style = self.style();
        let dialect = if self.choice.grammar {
            grammar::dialect(&article.language)
        } else {
            None
        };
        if style.is_none() && dialect.is_none() {
            self.cache.clear();
            return true;
        }
        let off = style
            .as_ref()
            .map(|s| s.grammar_off.clone())
            .unwrap_or_default();
        // what was found holds for one dialect, style and set of rules off
        let mut h = std::collections::hash_map::DefaultHasher::new();
        format!("{dialect:?}").hash(&mut h);
        off.hash(&mut h);
        style.as_ref().map(|s| Arc::as_ptr(s) as usize).hash(&mut h);
        let key = h.finish();
        if key != self.key {
            self.cache.clear();
            self.key = key;
        }
        let grammar = dialect.map(|d| shared(d, &off));
        let mut complete = true;
        let mut seen = std::collections::HashSet::<u64>::new();
        for piece in style::pieces(article) {
            let Some(text) = piece.field.get(article) else {
                continue;
            };
            let part = &text[piece.range.clone()];
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (piece.scope.name(), piece.markup, part).hash(&mut h);
            let id = h.finish();
            seen.insert(id);
            if !self.cache.contains_key(&id)
                && deadline.is_some_and(|d| std::time::Instant::now() >= d)
            {
                complete = false;
                continue;
            }
            let found = self.cache.entry(id).or_insert_with(|| {
                let mut g = grammar
                    .as_ref()
                    .map(|g| g.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
                style::check_piece(
                    part,
                    piece.scope,
                    piece.markup,
                    g.as_deref_mut(),
                    style.as_deref(),
                )
            });
            let Some(out) = out.as_deref_mut() else {
                continue;
            };
            for f in found.iter() {
                let range = piece.range.start + f.range.start..piece.range.start + f.range.end;
                let Some(word) = text.get(range.clone()) else {
                    continue;
                };
                if article.ignores(&f.rule, word) {
                    continue;
                }
                out.problems.push(style::problem(
                    piece.field,
                    text,
                    &Finding {
                        range: range.clone(),
                        ..f.clone()
                    },
                ));
                out.words.push(Miss {
                    field: piece.field,
                    word: word.to_owned(),
                    range,
                    suggestions: f.replacements.clone(),
                    flag: match f.source {
                        Source::Grammar => Flag::Grammar {
                            rule: f.rule.clone(),
                            message: f.message.clone(),
                        },
                        Source::Style => Flag::Style {
                            rule: f.rule.clone(),
                            level: f.level,
                            message: f.message.clone(),
                        },
                    },
                });
            }
        }
        if let Some(out) = out {
            self.cache.retain(|id, _| seen.contains(id));
            out.style_errors = style
                .map(|s| s.errors.iter().map(ToString::to_string).collect())
                .unwrap_or_default();
        }
        complete
    }
}

/// Every rule file of `folders` with its modification time, in order.
fn stamps(folders: &[PathBuf]) -> Vec<(PathBuf, Option<SystemTime>)> {
    let mut out = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            out.push((folder.clone(), None));
            continue;
        };
        let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let modified = std::fs::metadata(&f).and_then(|m| m.modified()).ok();
            out.push((f, modified));
        }
    }
    out
}
