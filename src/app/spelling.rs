//! Spelling in the window: a worker thread keeps its own copy of the story (it is sent each
//! edit, as the recovery journal is), checks what changed, and sends back the misspelt words
//! and the checks list's warnings. The window never checks or suggests on a keystroke.
//!
//! Checking is incremental: each field, and each paragraph of the body, is checked once per
//! text and its misspellings cached, so typing in one paragraph of a 100,000-word story checks
//! that paragraph alone. The cache starts over when the language, a word list or the story's
//! ignored words change.
//!
//! Between an edit and the worker's answer the window keeps showing the last answer, moved
//! along by the edit ([`Misspellings::shift`]), and draws an underline only where its word is
//! still in the text.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::SystemTime;

use copydesk_core::article::Article;
use copydesk_core::checks::Problem;
use copydesk_core::checks::spelling::{misspelling, spelled_fields};
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::spelling::{self, Dictionary, Speller, Text, WordList};

use super::out_of_step::OutOfStep;

/// A misspelt word: where it is and what it was when found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Miss {
    /// The field it is in.
    pub field: TextField,
    /// Its bytes in the field's text.
    pub range: Range<usize>,
    /// The word.
    pub word: String,
    /// What it may have been meant to be, best first (up to five; none for words past the
    /// first [`SUGGESTED_WORDS`] distinct ones). For grammar and style, what to put instead.
    pub suggestions: Vec<String>,
    /// What found it.
    pub flag: Flag,
}

/// What found a [`Miss`]: spelling, grammar or the house style, each underlined its own way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Flag {
    /// A word the dictionary does not know.
    #[default]
    Spelling,
    /// The grammar checker.
    Grammar {
        /// Its rule (`AnA`).
        rule: String,
        /// What is wrong.
        message: String,
    },
    /// A rule of the house style.
    Style {
        /// Its name (`PerCent`).
        rule: String,
        /// How much it matters (an error stops a publish).
        level: copydesk_core::style::Level,
        /// The rule's message.
        message: String,
    },
}

impl Flag {
    /// The rule's name, for grammar and style.
    pub fn rule(&self) -> Option<&str> {
        match self {
            Flag::Spelling => None,
            Flag::Grammar { rule, .. } | Flag::Style { rule, .. } => Some(rule),
        }
    }
}

/// What the worker last found, for one story.
#[derive(Debug, Clone, Default)]
pub struct Misspellings {
    /// Which story ([`super::story::Story::generation`]).
    pub generation: u64,
    /// Whether this is the worker's answer (not yet, just after a story was put in the
    /// window): tests wait for it.
    pub checked: bool,
    /// How many messages (stories, edits, lists) the worker had taken when it answered.
    pub taken: u64,
    /// The misspelt words (and grammar and style findings), sorted by field and then by
    /// where each starts: a field's words are found by halving, not by a walk through
    /// thousands each frame (see [`Self::in_field`]).
    pub words: Vec<Miss>,
    /// The checks list's warnings, with suggestions.
    pub problems: Vec<Problem>,
    /// Said once, quietly, when the story's language has no dictionary.
    pub note: Option<String>,
    /// The house style's rules that could not be read, each said with its file and line.
    pub style_errors: Vec<String>,
    /// Whether grammar and style have read the whole story (a long story's are worked
    /// through a slice at a time after its spelling is sent).
    pub complete: bool,
    /// How many times [`Self::shift`] moved the words along (things made from these, such
    /// as the window's list of problems, are made again when it changes).
    pub shifts: u64,
}

impl Misspellings {
    /// Moves the words of `field` along by a splice of `range` into `len` new bytes: words
    /// after it move, words it touches are dropped until the worker looks again.
    pub fn shift(&mut self, field: TextField, range: &Range<usize>, len: usize) {
        self.shifts += 1;
        self.words.retain_mut(|m| {
            if m.field != field || m.range.end < range.start {
                return true;
            }
            if m.range.start > range.end {
                m.range = m.range.start - range.len() + len..m.range.end - range.len() + len;
                return true;
            }
            false
        });
        for p in &mut self.problems {
            if p.field == field.into()
                && let Some(at) = p.offset
                && at > range.end
            {
                p.offset = Some(at - range.len() + len);
            }
        }
    }

    /// The words found in `field`, in order (whether each is still where it was found is
    /// for the caller to check, for the few it places: see
    /// [`crate::ui::spelling::underline_ui`]).
    pub fn in_field(&self, field: TextField) -> &[Miss] {
        let from = self.words.partition_point(|m| m.field < field);
        let len = self.words[from..].partition_point(|m| m.field == field);
        &self.words[from..from + len]
    }

    /// The words found in every field but `field`.
    pub fn outside(&self, field: TextField) -> impl Iterator<Item = &Miss> {
        let from = self.words.partition_point(|m| m.field < field);
        let to = from + self.in_field(field).len();
        self.words[..from].iter().chain(&self.words[to..])
    }
}

/// Where the word lists are and whether spelling is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lists {
    /// Check at all.
    pub enabled: bool,
    /// The desk's shared list, when the user chose one.
    pub desk: Option<PathBuf>,
    /// The user's own list.
    pub personal: Option<PathBuf>,
    /// Grammar and house style.
    pub language: super::grammar::Choice,
}

enum Msg {
    /// Another story (or the same one reloaded).
    Reset(Box<Article>, u64),
    /// An edit to the story.
    Edit(Edit),
    /// The lists or the switch changed.
    Lists(Lists),
}

/// The handle the window holds.
pub struct SpellCheck {
    tx: Sender<Msg>,
    rx: Receiver<Misspellings>,
    /// The last answer.
    pub current: Misspellings,
    /// How many messages were sent to the worker.
    sent: u64,
    /// Raised when the worker's copy could not follow an edit.
    out_of_step: OutOfStep,
}

/// How many distinct misspelt words get suggestions (each takes 15–30 ms on the worker,
/// once per word).
pub const SUGGESTED_WORDS: usize = 100;
/// How long grammar and style read new text before the worker answers (and looks for
/// another keystroke): a long story's grammar comes a slice at a time, spelling at once.
const LANGUAGE_SLICE: std::time::Duration = std::time::Duration::from_millis(40);
/// Suggestions offered for a word (the menu); the checks list shows the first three.
const SUGGESTIONS: usize = 5;

impl SpellCheck {
    /// Starts the worker; `wake` is called (from the worker) when an answer is ready.
    pub fn start(dirs: Vec<PathBuf>, lists: Lists, wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (tx, worker_rx) = channel();
        let (worker_tx, rx) = channel();
        let out_of_step = OutOfStep::default();
        let flag = out_of_step.clone();
        std::thread::Builder::new()
            .name("copydesk-spelling".into())
            .spawn(move || {
                super::first_frame::wait();
                let mut worker = Worker::new(dirs, lists);
                worker.out_of_step = flag;
                worker.run(&worker_rx, &worker_tx, &*wake);
            })
            .ok();
        SpellCheck {
            tx,
            rx,
            current: Misspellings::default(),
            sent: 0,
            out_of_step,
        }
    }

    /// Whether the worker's copy fell out of step with the story since the last call (the
    /// session then sends the whole story again with [`Self::reset`]).
    pub fn out_of_step(&self) -> bool {
        self.out_of_step.take()
    }

    fn send(&mut self, msg: Msg) {
        self.sent += 1;
        let _ = self.tx.send(msg);
    }

    /// Whether the last answer covers everything sent (tests wait for this).
    pub fn settled(&self) -> bool {
        self.current.checked && self.current.taken == self.sent
    }

    /// Sends the worker another story.
    pub fn reset(&mut self, article: &Article, generation: u64) {
        self.current = Misspellings {
            generation,
            ..Misspellings::default()
        };
        self.send(Msg::Reset(Box::new(article.clone()), generation));
    }

    /// Sends the worker an edit the story took; shifts the shown words meanwhile.
    pub fn edit(&mut self, edit: &Edit) {
        if let Edit::Splice { field, range, text } = edit {
            self.current.shift(*field, range, text.len());
        }
        self.send(Msg::Edit(edit.clone()));
    }

    /// Sends the worker new word lists or the switch.
    pub fn lists(&mut self, lists: Lists) {
        if !lists.enabled {
            self.current.words.clear();
            self.current.problems.clear();
            self.current.note = None;
        }
        self.send(Msg::Lists(lists));
    }

    /// Takes the worker's latest answer, if one came; true when it did.
    pub fn poll(&mut self) -> bool {
        let mut got = false;
        while let Ok(m) = self.rx.try_recv() {
            if m.generation == self.current.generation {
                // a long story's answer holds thousands of words: freed off this thread
                let old = std::mem::replace(&mut self.current, m);
                let pieces = old.words.len() + old.problems.len();
                super::derive::drop_later(old, pieces);
                got = true;
            } else {
                // an answer for a story since replaced: still counts as taken
                self.current.taken = m.taken;
            }
        }
        got
    }
}

/// A word list and the file's modification time when read, so a list a colleague changed is
/// read again.
struct LoadedList {
    list: WordList,
    modified: Option<SystemTime>,
}

impl LoadedList {
    fn load(path: &Path) -> Option<LoadedList> {
        let list = WordList::load(path).ok()?;
        Some(LoadedList {
            list,
            modified: modified(path),
        })
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The worker's state and checking, without its thread: what the spelling thread runs, and
/// what the benchmarks time.
pub struct Worker {
    dirs: Vec<PathBuf>,
    lists: Lists,
    article: Option<Article>,
    generation: u64,
    dictionaries: HashMap<String, Option<Arc<Dictionary>>>,
    desk: Option<LoadedList>,
    personal: Option<LoadedList>,
    /// Misspellings by (kind, text) hash, valid for `key`.
    cache: HashMap<u64, Vec<Range<usize>>>,
    key: u64,
    suggestions: HashMap<String, Vec<String>>,
    /// Raised when the copy could not follow an edit.
    out_of_step: OutOfStep,
    /// Grammar and house style.
    language: super::grammar::Language,
}

impl Worker {
    /// A worker reading dictionaries from `dirs`, with these lists.
    pub fn new(dirs: Vec<PathBuf>, lists: Lists) -> Self {
        let mut w = Worker {
            dirs,
            lists: lists.clone(),
            article: None,
            generation: 0,
            dictionaries: HashMap::new(),
            desk: None,
            personal: None,
            cache: HashMap::new(),
            key: 0,
            suggestions: HashMap::new(),
            out_of_step: OutOfStep::default(),
            language: super::grammar::Language::default(),
        };
        w.set_lists(lists);
        w
    }

    fn set_lists(&mut self, lists: Lists) {
        self.desk = lists.desk.as_deref().and_then(LoadedList::load);
        self.personal = lists.personal.as_deref().and_then(LoadedList::load);
        self.language.set(lists.language.clone());
        self.lists = lists;
    }

    /// Reads a list again when its file changed since (a colleague added a word).
    fn refresh_lists(&mut self) {
        let stale = |l: &Option<LoadedList>, p: &Option<PathBuf>| match (l, p) {
            (Some(l), Some(p)) => l.modified != modified(p),
            (None, Some(p)) => p.is_file(),
            _ => false,
        };
        if stale(&self.desk, &self.lists.desk) || stale(&self.personal, &self.lists.personal) {
            self.set_lists(self.lists.clone());
        }
        // and the house style, when a rule file changed
        self.language.refresh();
    }

    fn run(
        mut self,
        rx: &Receiver<Msg>,
        tx: &Sender<Misspellings>,
        wake: &(dyn Fn() + Send + Sync),
    ) {
        use std::sync::mpsc::TryRecvError;
        let mut taken = 0;
        // grammar still to read for the story as it is: go on between messages
        let mut unfinished = false;
        loop {
            let first = if unfinished {
                match rx.try_recv() {
                    Ok(m) => Some(m),
                    Err(TryRecvError::Empty) => None,
                    Err(TryRecvError::Disconnected) => return,
                }
            } else {
                match rx.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return,
                }
            };
            let news = first.is_some();
            if let Some(first) = first {
                self.take(first);
                taken += 1;
                // everything queued meanwhile, then one check
                while let Ok(more) = rx.try_recv() {
                    self.take(more);
                    taken += 1;
                }
                self.refresh_lists();
            }
            // an answer for each batch of messages (spelling at once), and one when grammar
            // is through: not one per slice, which would keep the window painting. A slice
            // with no news only reads on; the answer is put together once.
            if !news && !self.read_on(LANGUAGE_SLICE) {
                continue;
            }
            let mut found = self.check_within(Some(LANGUAGE_SLICE));
            unfinished = !found.complete;
            found.taken = taken;
            if tx.send(found).is_err() {
                return;
            }
            wake();
        }
    }

    /// Takes a story to check (story number `generation`).
    pub fn take_story(&mut self, article: Article, generation: u64) {
        self.take(Msg::Reset(Box::new(article), generation));
    }

    /// Takes an edit the story took.
    pub fn take_edit(&mut self, edit: Edit) {
        self.take(Msg::Edit(edit));
    }

    fn take(&mut self, msg: Msg) {
        match msg {
            Msg::Reset(a, generation) => {
                self.article = Some(*a);
                self.generation = generation;
            }
            Msg::Edit(e) => {
                if let Some(a) = self.article.as_mut()
                    && let Err(error) = e.apply(a)
                {
                    // Not this story any more: nothing is checked until it comes whole.
                    self.article = None;
                    self.out_of_step.raise("spelling", &error);
                }
            }
            Msg::Lists(l) => self.set_lists(l),
        }
    }

    fn dictionary(&mut self, language: &str) -> Result<Arc<Dictionary>, String> {
        let dirs = &self.dirs;
        let entry = self
            .dictionaries
            .entry(language.to_owned())
            .or_insert_with(|| Dictionary::for_language(language, dirs).ok().map(Arc::new));
        entry
            .clone()
            .ok_or_else(|| format!("No spelling dictionary for “{language}”: spelling not checked"))
    }

    /// Checks the story as it is now: only text not checked before (a paragraph typed in)
    /// is looked at, the rest comes from the cache. Grammar and style read the whole story.
    pub fn check(&mut self) -> Misspellings {
        self.check_within(None)
    }

    /// Grammar and style read on for `budget` without answering; whether they are through.
    fn read_on(&mut self, budget: std::time::Duration) -> bool {
        let Some(article) = self.article.as_ref() else {
            return true;
        };
        let deadline = std::time::Instant::now() + budget;
        self.language.check(article, None, Some(deadline))
    }

    /// As [`Self::check`], but grammar and style read new text for `budget` at most (all of
    /// it for `None`); [`Misspellings::complete`] says whether they are done.
    pub fn check_within(&mut self, budget: Option<std::time::Duration>) -> Misspellings {
        let mut out = Misspellings {
            generation: self.generation,
            checked: true,
            ..Misspellings::default()
        };
        let Some(article) = self.article.take() else {
            return out;
        };
        if self.lists.enabled {
            match self.dictionary(article.language.trim()) {
                Ok(dictionary) => self.check_with(&article, &dictionary, &mut out),
                Err(note) => out.note = Some(note),
            }
        }
        let deadline = budget.map(|b| std::time::Instant::now() + b);
        out.complete = self.language.check(&article, Some(&mut out), deadline);
        // spelling's words come field by field, grammar's and style's after them
        out.words.sort_by_key(|m| (m.field, m.range.start));
        self.article = Some(article);
        out
    }

    fn check_with(&mut self, article: &Article, dictionary: &Dictionary, out: &mut Misspellings) {
        // the cache holds for one dictionary, set of lists and ignored words
        let mut h = std::collections::hash_map::DefaultHasher::new();
        dictionary.source().hash(&mut h);
        self.desk
            .as_ref()
            .map(|l| l.list.words().collect::<Vec<_>>())
            .hash(&mut h);
        self.personal
            .as_ref()
            .map(|l| l.list.words().collect::<Vec<_>>())
            .hash(&mut h);
        article.spelling_ignore.hash(&mut h);
        let key = h.finish();
        if key != self.key {
            self.cache.clear();
            self.suggestions.clear();
            self.key = key;
        }
        let speller = Speller::new(dictionary)
            .with_lists(
                self.desk.as_ref().map(|l| &l.list),
                self.personal.as_ref().map(|l| &l.list),
            )
            .ignoring(&article.spelling_ignore);
        let mut seen = std::collections::HashSet::<u64>::new();
        for (field, kind) in spelled_fields(article) {
            let Some(text) = field.get(article) else {
                continue;
            };
            for (start, part) in parts(text, kind) {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (kind == Text::Markup, part).hash(&mut h);
                let id = h.finish();
                seen.insert(id);
                let found = self
                    .cache
                    .entry(id)
                    .or_insert_with(|| speller.misspellings(part, kind));
                for r in found.iter() {
                    let range = start + r.start..start + r.end;
                    out.words.push(Miss {
                        field,
                        word: text[range.clone()].to_owned(),
                        range,
                        suggestions: Vec::new(),
                        flag: Flag::Spelling,
                    });
                }
            }
        }
        // forget paragraphs no longer in the story
        self.cache.retain(|id, _| seen.contains(id));
        for m in &mut out.words {
            let text = m.field.get(article).unwrap_or_default();
            if self.suggestions.len() < SUGGESTED_WORDS || self.suggestions.contains_key(&m.word) {
                m.suggestions = self
                    .suggestions
                    .entry(m.word.clone())
                    .or_insert_with(|| speller.suggest(&m.word, SUGGESTIONS))
                    .clone();
            }
            let shown = &m.suggestions[..m.suggestions.len().min(3)];
            out.problems
                .push(misspelling(m.field, text, m.range.clone(), shown));
        }
    }
}

/// A field's text in the pieces that are checked and cached apart: the body paragraph by
/// paragraph (blank lines between), any other field whole. Each with its byte offset.
fn parts(text: &str, kind: Text) -> Vec<(usize, &str)> {
    if kind == Text::Plain {
        return vec![(0, text)];
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = text[start..].find("\n\n").map_or(text.len(), |i| start + i);
        if end > start {
            out.push((start, &text[start..end]));
        }
        start = end + 2;
    }
    out
}

/// The folders dictionaries are read from (see [`spelling::dictionary_dirs`]).
pub fn dictionary_dirs() -> Vec<PathBuf> {
    spelling::dictionary_dirs()
}

/// The user's own word list for a recovery journal in `journal_dir`: the file
/// `personal-dictionary.txt` beside it, in the user's data folder (`$COPYDESK_DATA_DIR` when
/// set).
pub fn personal_dictionary(journal_dir: &Path) -> Option<PathBuf> {
    journal_dir
        .parent()
        .map(|d| d.join("personal-dictionary.txt"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(s: &mut SpellCheck) {
        // up to a minute (a busy machine builds the grammar checker slowly); done when it is
        for _ in 0..6000 {
            s.poll();
            if s.settled() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the spelling worker did not answer");
    }

    fn on(desk: Option<PathBuf>) -> Lists {
        Lists {
            enabled: true,
            desk,
            personal: None,
            language: Default::default(),
        }
    }

    /// Spelling, grammar and style findings come out sorted by field and place, so a
    /// field's are found by halving, and the words outside a field are all the others.
    #[test]
    fn words_are_sorted_by_field_and_place() {
        let mut a = Article::new();
        a.headline = "This is a apple from the goverment".into();
        a.standfirst = "A paragraf".into();
        a.body = "Teh goverment said it was a apple.\n\nThe the end.".into();
        let lists = Lists {
            language: crate::app::grammar::Choice {
                grammar: true,
                ..Default::default()
            },
            ..on(None)
        };
        let mut w = Worker::new(dictionary_dirs(), lists);
        w.take_story(a, 1);
        let found = w.check_within(None);
        let grammar = found
            .words
            .iter()
            .filter(|m| !matches!(m.flag, Flag::Spelling))
            .count();
        assert!(grammar >= 2, "grammar found too: {:?}", found.words);
        let keys: Vec<_> = found
            .words
            .iter()
            .map(|m| (m.field, m.range.start))
            .collect();
        assert!(keys.is_sorted(), "{keys:?}");
        for field in [TextField::Headline, TextField::Standfirst, TextField::Body] {
            let filtered: Vec<&Miss> = found.words.iter().filter(|m| m.field == field).collect();
            let found_in: Vec<&Miss> = found.in_field(field).iter().collect();
            assert!(!found_in.is_empty());
            assert_eq!(found_in, filtered);
            let others: Vec<&Miss> = found.words.iter().filter(|m| m.field != field).collect();
            assert_eq!(found.outside(field).collect::<Vec<_>>(), others);
        }
        assert!(found.in_field(TextField::Slug).is_empty());
    }

    #[test]
    fn edits_are_checked_in_the_background_and_shown_words_move_along() {
        let mut a = Article::new();
        a.standfirst = "The goverment said".into();
        a.body = "First paragraf.\n\nSecond one.".into();
        let mut s = SpellCheck::start(dictionary_dirs(), on(None), Arc::new(|| {}));
        s.reset(&a, 1);
        wait(&mut s);
        let words: Vec<&str> = s.current.words.iter().map(|m| m.word.as_str()).collect();
        assert_eq!(words, ["goverment", "paragraf"]);
        assert!(s.current.problems[0].message.contains("government"));
        // typing before a word moves it along at once, before the worker answers
        let edit = Edit::Splice {
            field: TextField::Standfirst,
            range: 0..0,
            text: "Yes. ".into(),
        };
        let _ = edit.clone().apply(&mut a);
        s.edit(&edit);
        let m = &s.current.words[0];
        assert_eq!(&a.standfirst[m.range.clone()], "goverment");
        wait(&mut s);
        // a new misspelling in the body's second paragraph
        let at = a.body.len();
        let edit = Edit::Splice {
            field: TextField::Body,
            range: at..at,
            text: " Anothr.".into(),
        };
        let _ = edit.clone().apply(&mut a);
        s.edit(&edit);
        wait(&mut s);
        let words: Vec<&str> = s.current.words.iter().map(|m| m.word.as_str()).collect();
        assert_eq!(words, ["goverment", "paragraf", "Anothr"]);
        // ignoring a word in the story
        s.edit(&Edit::SetSpellingIgnore(vec!["paragraf".into()]));
        wait(&mut s);
        assert_eq!(s.current.words.len(), 2);
    }

    #[test]
    fn a_desk_list_changed_by_a_colleague_is_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let desk = dir.path().join("desk.txt");
        let mut a = Article::new();
        a.body = "Qwrtp spoke.".into();
        let mut s = SpellCheck::start(dictionary_dirs(), on(Some(desk.clone())), Arc::new(|| {}));
        s.reset(&a, 1);
        wait(&mut s);
        assert_eq!(s.current.words.len(), 1);
        // another machine adds the word to the shared list
        std::thread::sleep(std::time::Duration::from_millis(20));
        WordList::load(&desk).unwrap().add("Qwrtp").unwrap();
        s.edit(&Edit::SetText(TextField::Headline, "Any".into()));
        wait(&mut s);
        assert!(s.current.words.is_empty(), "{:?}", s.current.words);
    }

    #[test]
    fn no_dictionary_says_so_and_spelling_can_be_off() {
        let mut a = Article::new();
        a.language = "xx-YY".into();
        a.body = "Qwrtp.".into();
        let mut s = SpellCheck::start(dictionary_dirs(), on(None), Arc::new(|| {}));
        s.reset(&a, 1);
        wait(&mut s);
        assert!(s.current.words.is_empty());
        assert!(
            s.current
                .note
                .as_deref()
                .unwrap_or_default()
                .contains("“xx-YY”")
        );
        a.language = "en-GB".into();
        s.reset(&a, 2);
        wait(&mut s);
        assert_eq!(s.current.words.len(), 1);
        s.lists(Lists {
            enabled: false,
            desk: None,
            personal: None,
            language: Default::default(),
        });
        assert!(s.current.words.is_empty());
        wait(&mut s);
        assert!(s.current.words.is_empty() && s.current.note.is_none());
    }

    #[test]
    fn paragraphs_are_the_cached_pieces() {
        assert_eq!(
            parts("a\n\nb\n\n\n\nc", Text::Markup),
            [(0, "a"), (3, "b"), (8, "c")]
        );
        assert_eq!(parts("a\n\nb", Text::Plain), [(0, "a\n\nb")]);
    }
}
