//! The window's word lists and spelling settings: the switch, the desk's shared list, the
//! user's own, and "ignore in this story". The checking itself is the story sessions'
//! spelling workers' ([`super::spelling`]).

use std::path::PathBuf;

use copydesk_core::edit::Edit;
use copydesk_core::spelling::WordList;

use super::spelling::Lists;
use super::state::AppState;
use super::story::Story;

/// Which word list a word is added to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordListKind {
    /// The desk's shared list.
    Desk,
    /// The user's own.
    Personal,
}

/// Takes `word` as right in `story` from now on (kept in the story file; one undo step).
pub fn ignore_word(story: &mut Story, word: &str) {
    let mut words = story.article().spelling_ignore.clone();
    if !words.iter().any(|w| w == word) {
        words.push(word.to_owned());
        story.break_undo_group();
        story.apply(Edit::SetSpellingIgnore(words));
        story.break_undo_group();
    }
}

/// Takes what `rule` found in `words` as right in `story` from now on (kept in the story
/// file; one undo step).
pub fn ignore_finding(story: &mut Story, rule: &str, words: &str) {
    let mut list = story.article().checks_ignore.clone();
    let ignored = copydesk_core::article::IgnoredFinding {
        rule: rule.to_owned(),
        words: words.to_owned(),
    };
    if !list.contains(&ignored) {
        list.push(ignored);
        story.break_undo_group();
        story.apply(Edit::SetChecksIgnore(list));
        story.break_undo_group();
    }
}

impl AppState {
    /// The spelling switch and word lists, as the story sessions' workers take them.
    pub fn spelling_lists(&self) -> Lists {
        Lists {
            enabled: self.settings.spelling.enabled,
            desk: self.settings.spelling.desk.clone(),
            personal: self.personal_dictionary.clone(),
            language: crate::app::grammar::Choice {
                grammar: self.settings.spelling.grammar,
                style: self.settings.spelling.style.clone(),
                own: self.own_style.clone(),
            },
        }
    }

    /// Keeps the user's own house-style rules in `folder` (in the user's data folder).
    pub fn set_own_style(&mut self, folder: Option<PathBuf>) {
        self.own_style = folder;
        self.apply_spelling_settings();
    }

    /// Turns grammar on or off.
    pub fn set_grammar(&mut self, on: bool) {
        self.settings.spelling.grammar = on;
        self.apply_spelling_settings();
    }

    /// Checks against `style` from now on.
    pub fn set_style_book(&mut self, style: crate::app::grammar::StyleBook) {
        self.settings.spelling.style = style;
        self.apply_spelling_settings();
    }

    /// Keeps the user's own word list at `path` (in the user's data folder).
    pub fn set_personal_dictionary(&mut self, path: Option<PathBuf>) {
        self.personal_dictionary = path;
        self.apply_spelling_settings();
    }

    /// Sends the worker the settings' lists (after they were loaded or changed).
    pub fn apply_spelling_settings(&mut self) {
        let lists = self.spelling_lists();
        self.story.set_lists(lists);
    }

    /// Turns spelling on or off.
    pub fn set_spelling(&mut self, enabled: bool) {
        self.settings.spelling.enabled = enabled;
        self.apply_spelling_settings();
    }

    /// Uses the word list at `path` as the desk's (`None`: no desk list).
    pub fn set_desk_dictionary(&mut self, path: Option<PathBuf>) {
        self.info = Some(match &path {
            Some(p) => format!("Desk dictionary: {}", p.display()),
            None => "No desk dictionary".to_owned(),
        });
        self.settings.spelling.desk = path;
        self.apply_spelling_settings();
    }

    /// Adds `word` to a word list and saves it; says so, or why not, in the status bar.
    pub fn add_word(&mut self, kind: WordListKind, word: &str) {
        let (path, name) = match kind {
            WordListKind::Desk => (self.settings.spelling.desk.clone(), "the desk dictionary"),
            WordListKind::Personal => (self.personal_dictionary.clone(), "your dictionary"),
        };
        let Some(path) = path else {
            self.info = Some(match kind {
                WordListKind::Desk => {
                    "Choose the desk dictionary first: Edit > Spelling > Desk dictionary…".into()
                }
                WordListKind::Personal => "There is no data folder for your dictionary".into(),
            });
            return;
        };
        let added = WordList::load(&path).and_then(|mut l| l.add(word));
        self.info = Some(match added {
            Ok(()) => format!("Added “{word}” to {name}"),
            Err(e) => format!("Could not add “{word}” to {name}: {e}"),
        });
        self.apply_spelling_settings();
    }

    /// Takes `word` as right in this story from now on (kept in the story file; undoable).
    pub fn ignore_word(&mut self, word: &str) {
        ignore_word(&mut self.story, word);
    }
}
