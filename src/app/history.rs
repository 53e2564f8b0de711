//! Undo and redo for the whole story: body and every metadata field in one history.
//!
//! The history keeps whole snapshots of the article. Typing is coalesced: edits to the same
//! field that follow each other within [`COALESCE`] make one step, so Undo takes back a
//! burst of typing, not a letter. A change of field, a pause, or an explicit
//! [`History::break_group`] (a paste, a menu command) starts a new step.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::article::Article;

/// Edits to one field closer together than this are one undo step.
pub const COALESCE: Duration = Duration::from_millis(1200);
/// Oldest steps are dropped past this many.
pub const MAX_STEPS: usize = 500;

/// Revisions are drawn from one counter for the whole process, so a story opened after
/// another never reuses a revision and views caching by revision cannot show the old one.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// Which part of the story an edit touched; edits to the same key coalesce.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EditKey {
    Field(&'static str),
    /// A field of a list item, such as a related link's title.
    Item(&'static str, usize),
    /// A one-off command (add a link, replace all…): never coalesced.
    Command,
}

#[derive(Debug, Clone)]
struct Step {
    article: Article,
    revision: u64,
}

#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The article as it stands after the last recorded edit.
    current: Step,
    group: Option<(EditKey, Instant)>,
}

impl History {
    pub fn new(article: &Article) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            current: Step {
                article: article.clone(),
                revision: next_revision(),
            },
            group: None,
        }
    }

    /// The revision of the current state. Every edit gets a new one; undo and redo return to
    /// earlier ones, so "is this what was saved?" is a comparison of two numbers.
    pub fn revision(&self) -> u64 {
        self.current.revision
    }

    /// Records that `article` was just changed by an edit to `key`.
    pub fn record(&mut self, key: EditKey, article: &Article, now: Instant) {
        let continues = matches!(
            &self.group,
            Some((k, at)) if *k == key && key != EditKey::Command && now.duration_since(*at) < COALESCE
        );
        let next = Step {
            article: article.clone(),
            revision: next_revision(),
        };
        let previous = std::mem::replace(&mut self.current, next);
        if !continues {
            self.undo.push(previous);
            if self.undo.len() > MAX_STEPS {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.group = Some((key, now));
    }

    /// Ends the current typing group, so the next edit is a step of its own.
    pub fn break_group(&mut self) {
        self.group = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Steps back; returns the article to show.
    pub fn undo(&mut self) -> Option<&Article> {
        let step = self.undo.pop()?;
        let now = std::mem::replace(&mut self.current, step);
        self.redo.push(now);
        self.group = None;
        Some(&self.current.article)
    }

    pub fn redo(&mut self) -> Option<&Article> {
        let step = self.redo.pop()?;
        let now = std::mem::replace(&mut self.current, step);
        self.undo.push(now);
        self.group = None;
        Some(&self.current.article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(h: &mut History, a: &mut Article, key: EditKey, text: &str, at: Instant) {
        a.headline.push_str(text);
        h.record(key, a, at);
    }

    #[test]
    fn typing_coalesces_and_fields_split_steps() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new(&a);
        let head = EditKey::Field("headline");
        edit(&mut h, &mut a, head.clone(), "H", t0);
        edit(
            &mut h,
            &mut a,
            head.clone(),
            "i",
            t0 + Duration::from_millis(100),
        );
        a.body.push_str("Body");
        h.record(EditKey::Field("body"), &a, t0 + Duration::from_millis(200));
        // one undo takes the body back, the next the whole headline
        let back = h.undo().unwrap().clone();
        assert_eq!((back.headline.as_str(), back.body.as_str()), ("Hi", ""));
        let back = h.undo().unwrap().clone();
        assert_eq!(back.headline, "");
        assert!(!h.can_undo());
        assert_eq!(h.redo().unwrap().headline, "Hi");
        assert_eq!(h.redo().unwrap().body, "Body");
        assert!(!h.can_redo());
    }

    #[test]
    fn a_pause_starts_a_new_step() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new(&a);
        let key = EditKey::Field("headline");
        edit(&mut h, &mut a, key.clone(), "One", t0);
        edit(&mut h, &mut a, key.clone(), " two", t0 + COALESCE * 2);
        assert_eq!(h.undo().unwrap().headline, "One");
    }

    #[test]
    fn revisions_return_with_undo() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new(&a);
        let saved = h.revision();
        edit(&mut h, &mut a, EditKey::Command, "x", t0);
        assert_ne!(h.revision(), saved);
        h.undo();
        assert_eq!(h.revision(), saved);
        h.redo();
        assert_ne!(h.revision(), saved);
    }

    #[test]
    fn a_new_history_never_reuses_a_revision() {
        let a = Article::new();
        let first = History::new(&a);
        let second = History::new(&a);
        assert_ne!(first.revision(), second.revision());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new(&a);
        edit(&mut h, &mut a, EditKey::Command, "a", t0);
        let mut a = h.undo().unwrap().clone();
        assert!(h.can_redo());
        edit(&mut h, &mut a, EditKey::Command, "b", t0);
        assert!(!h.can_redo());
    }

    #[test]
    fn history_is_bounded() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new(&a);
        for _ in 0..(MAX_STEPS + 20) {
            edit(&mut h, &mut a, EditKey::Command, "x", t0);
        }
        let mut n = 0;
        while h.undo().is_some() {
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
    }
}
