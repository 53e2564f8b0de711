//! Undo and redo for the whole story: body and every metadata field in one history.
//!
//! The history keeps **inverse edits**, not copies of the story: applying an
//! [`Edit`] gives back the edit that undoes it, and a step is the list of those inverses. A
//! typed word in a 5 MB body costs the word and where it went.
//!
//! Typing is coalesced: edits to the same text field that follow each other within
//! [`COALESCE`] make one step, so Undo takes back a burst of typing, not a letter. A change of
//! field, a pause, or an explicit [`History::break_group`] (focus moved, a menu command)
//! starts a new step. Memory is bounded twice: at most [`MAX_STEPS`] steps, and at most
//! [`MAX_BYTES`] of text kept by them; the oldest steps go first.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use copydesk_core::article::Article;
use copydesk_core::edit::{Edit, EditError};
use copydesk_core::field::TextField;

/// Edits to one field closer together than this are one undo step.
pub const COALESCE: Duration = Duration::from_millis(1200);
/// Oldest steps are dropped past this many.
pub const MAX_STEPS: usize = 500;
/// Oldest steps are dropped once the text the steps keep passes this many bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Revisions are drawn from one counter for the whole process, so a story opened after
/// another never reuses a revision and views caching by revision cannot show the old one.
static NEXT_REVISION: AtomicU64 = AtomicU64::new(1);

/// A revision number never used before in this process.
pub fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, Ordering::Relaxed)
}

/// The text an undo or redo changed in one field, as a byte range of the field's new text:
/// what the window selects afterwards, so the cursor goes back to where the change was (the
/// words a deletion brings back are selected again; undone typing leaves the cursor where
/// the typing began).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The field.
    pub field: TextField,
    /// The range in its text now.
    pub range: Range<usize>,
}

impl Selection {
    /// The span of text that `applied` (edits applied in this order) changed in the body, if
    /// they changed it, else in the field of the last text edit; `None` when they changed no
    /// text (a status, a tag, a whole story). A change to several texts (Replace All) is
    /// shown in the body, where the journalist writes: selecting it in the headline would
    /// take the keyboard there, and the next key typed would replace the headline.
    pub fn changed_by(applied: &[Edit]) -> Option<Selection> {
        let mut splices = Vec::new();
        flatten(applied, &mut splices);
        let field = if splices.iter().any(|(f, _, _)| *f == TextField::Body) {
            TextField::Body
        } else {
            splices.last().map(|(f, _, _)| *f)?
        };
        let mut span: Option<Range<usize>> = None;
        // whether the changes lie apart, with text none of them touched between them
        let mut apart = false;
        for (f, range, len) in splices {
            if f != field {
                continue;
            }
            let new = range.start..range.start + len;
            span = Some(match span {
                None => new,
                Some(s) => {
                    apart |= range.start > s.end || range.end < s.start;
                    // Where the span's ends are after this splice replaced `range`.
                    let moved = |at: usize| {
                        if at >= range.end {
                            at - range.len() + len
                        } else if at > range.start {
                            range.start + len
                        } else {
                            at
                        }
                    };
                    moved(s.start).min(new.start)..moved(s.end).max(new.end)
                }
            });
        }
        // Changes apart (Replace All) are not selected as one stretch: the next key typed
        // would replace all the text between the first and the last. The cursor goes to
        // the first of them.
        span.map(|range| Selection {
            field,
            range: if apart {
                range.start..range.start
            } else {
                range
            },
        })
    }
}

/// The text edits in `edits`, in order, as (field, range replaced, length of the new text);
/// a whole-text change counts as replacing the field from its start.
fn flatten(edits: &[Edit], out: &mut Vec<(TextField, Range<usize>, usize)>) {
    // Groups nest only as deep as the code builds them (a group of splices), but a list is
    // walked with a stack all the same: nothing here follows the input's depth.
    let mut stack: Vec<&Edit> = edits.iter().rev().collect();
    while let Some(edit) = stack.pop() {
        match edit {
            Edit::Splice { field, range, text } => out.push((*field, range.clone(), text.len())),
            Edit::SetText(field, text) => out.push((*field, 0..0, text.len())),
            Edit::Group(inner) => stack.extend(inner.iter().rev()),
            _ => {}
        }
    }
}

/// One undo (or redo) step: edits that, applied last first, take the story back.
#[derive(Debug)]
struct Step {
    edits: Vec<Edit>,
    /// The revision before the step, and after it.
    before: u64,
    after: u64,
    weight: usize,
}

impl Step {
    fn push(&mut self, inverse: Edit) {
        // Only the oldest whole-text value of a field matters when the step is undone.
        if let Edit::SetText(field, _) = &inverse
            && self
                .edits
                .iter()
                .any(|e| matches!(e, Edit::SetText(f, _) if f == field))
        {
            return;
        }
        self.weight += inverse.weight();
        self.edits.push(inverse);
    }

    /// Applies the step's edits last first; returns the step that redoes (or undoes) it. All
    /// or nothing: when an edit does not fit, the ones already applied are taken back and the
    /// story is as it was.
    fn apply(self, article: &mut Article) -> Result<Step, EditError> {
        let mut back: Vec<Edit> = Vec::with_capacity(self.edits.len());
        let mut weight = 0;
        for edit in self.edits.into_iter().rev() {
            match edit.apply(article) {
                Ok(inverse) => {
                    weight += inverse.weight();
                    back.push(inverse);
                }
                Err(e) => {
                    for inverse in back.into_iter().rev() {
                        // Each inverse fits: it was made from the story as it then was.
                        let _ = inverse.apply(article);
                    }
                    return Err(e);
                }
            }
        }
        Ok(Step {
            edits: back,
            before: self.after,
            after: self.before,
            weight,
        })
    }
}

/// The story's undo and redo stacks.
#[derive(Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    /// The field being typed into and when, while typing continues one step.
    group: Option<(TextField, Instant)>,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// An empty history at a new revision.
    pub fn new() -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            revision: next_revision(),
            group: None,
        }
    }

    /// The revision of the current state. Every edit gets a new one; undo and redo return to
    /// earlier ones, so "is this what was saved?" is a comparison of two numbers.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that an edit was applied: `inverse` is what it returned, `typing` the field
    /// it typed into when it was typing (see [`Edit::typing_field`] of the edit applied, not
    /// of its inverse: the inverse of Replace All is a list of splices, but not typing).
    pub fn record(&mut self, typing: Option<TextField>, inverse: Edit, now: Instant) {
        let continues = matches!(
            (&self.group, typing),
            (Some((f, at)), Some(t)) if *f == t && now.duration_since(*at) < COALESCE
        );
        let before = self.revision;
        self.revision = next_revision();
        match self.undo.last_mut() {
            Some(step) if continues => {
                step.push(inverse);
                step.after = self.revision;
            }
            _ => {
                // The step before is finished: it keeps only the room its edits take.
                if let Some(last) = self.undo.last_mut() {
                    last.edits.shrink_to_fit();
                }
                let mut step = Step {
                    edits: Vec::new(),
                    before,
                    after: self.revision,
                    weight: 0,
                };
                step.push(inverse);
                self.undo.push(step);
            }
        }
        self.redo.clear();
        self.group = typing.map(|t| (t, now));
        self.trim();
    }

    /// Drops the oldest steps past the limits on steps and bytes.
    fn trim(&mut self) {
        let mut bytes: usize = self.undo.iter().map(|s| s.weight).sum();
        let mut drop = 0;
        while self.undo.len() - drop > MAX_STEPS || (bytes > MAX_BYTES && drop < self.undo.len()) {
            bytes -= self.undo[drop].weight;
            drop += 1;
        }
        self.undo.drain(..drop);
    }

    /// Ends the current typing group, so the next edit is a step of its own.
    pub fn break_group(&mut self) {
        self.group = None;
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes `article` one step back. Returns the edits applied, in order (the recovery
    /// journal applies them to its copy), with the text they changed (to select), or `None`
    /// when there was nothing to undo.
    pub fn undo(&mut self, article: &mut Article) -> Option<(Vec<Edit>, Option<Selection>)> {
        self.group = None;
        Self::step(&mut self.undo, &mut self.redo, &mut self.revision, article)
    }

    /// Takes `article` one step forward again; returns the edits applied, as [`History::undo`].
    pub fn redo(&mut self, article: &mut Article) -> Option<(Vec<Edit>, Option<Selection>)> {
        self.group = None;
        Self::step(&mut self.redo, &mut self.undo, &mut self.revision, article)
    }

    fn step(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        revision: &mut u64,
        a: &mut Article,
    ) -> Option<(Vec<Edit>, Option<Selection>)> {
        let step = from.pop()?;
        let target = step.before;
        let applied: Vec<Edit> = step.edits.iter().rev().cloned().collect();
        match step.apply(a) {
            Ok(back) => {
                to.push(back);
                *revision = target;
                let selection = Selection::changed_by(&applied);
                Some((applied, selection))
            }
            Err(_) => {
                // A step that no longer fits the story cannot happen while every change goes
                // through the history; if it did, the step was taken back whole (the story is
                // as it was) and the history forgets what it can no longer undo, rather than
                // undo the wrong thing.
                from.clear();
                to.clear();
                *revision = next_revision();
                None
            }
        }
    }

    /// Bytes of text the undo and redo steps keep (for the memory figures in the README).
    pub fn weight(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|s| s.weight).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::edit::Edit;

    fn typed(h: &mut History, a: &mut Article, field: TextField, text: &str, at: Instant) {
        let end = field.get(a).map_or(0, str::len);
        let inverse = Edit::Splice {
            field,
            range: end..end,
            text: text.into(),
        }
        .apply(a)
        .unwrap();
        h.record(Some(field), inverse, at);
    }

    #[test]
    fn typing_coalesces_and_fields_split_steps() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        typed(&mut h, &mut a, TextField::Headline, "H", t0);
        typed(
            &mut h,
            &mut a,
            TextField::Headline,
            "i",
            t0 + Duration::from_millis(100),
        );
        typed(
            &mut h,
            &mut a,
            TextField::Body,
            "Body",
            t0 + Duration::from_millis(200),
        );
        // one undo takes the body back, the next the whole headline
        assert!(h.undo(&mut a).is_some());
        assert_eq!((a.headline.as_str(), a.body.as_str()), ("Hi", ""));
        assert!(h.undo(&mut a).is_some());
        assert_eq!(a.headline, "");
        assert!(!h.can_undo());
        assert!(h.redo(&mut a).is_some());
        assert_eq!(a.headline, "Hi");
        assert!(h.redo(&mut a).is_some());
        assert_eq!(a.body, "Body");
        assert!(!h.can_redo());
    }

    #[test]
    fn a_pause_starts_a_new_step() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        typed(&mut h, &mut a, TextField::Headline, "One", t0);
        typed(
            &mut h,
            &mut a,
            TextField::Headline,
            " two",
            t0 + COALESCE * 2,
        );
        h.undo(&mut a);
        assert_eq!(a.headline, "One");
    }

    #[test]
    fn revisions_return_with_undo() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        let saved = h.revision();
        typed(&mut h, &mut a, TextField::Body, "x", t0);
        assert_ne!(h.revision(), saved);
        h.undo(&mut a);
        assert_eq!(h.revision(), saved);
        h.redo(&mut a);
        assert_ne!(h.revision(), saved);
    }

    #[test]
    fn a_new_history_never_reuses_a_revision() {
        assert_ne!(History::new().revision(), History::new().revision());
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        typed(&mut h, &mut a, TextField::Body, "a", t0);
        h.undo(&mut a);
        assert!(h.can_redo());
        typed(&mut h, &mut a, TextField::Body, "b", t0);
        assert!(!h.can_redo());
    }

    #[test]
    fn history_is_bounded_in_steps() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        for _ in 0..(MAX_STEPS + 20) {
            h.break_group();
            typed(&mut h, &mut a, TextField::Body, "x", t0);
        }
        let mut n = 0;
        while h.undo(&mut a).is_some() {
            n += 1;
        }
        assert_eq!(n, MAX_STEPS);
    }

    #[test]
    fn whole_text_values_keep_only_the_oldest_in_a_step() {
        let t0 = Instant::now();
        let mut a = Article::new();
        let mut h = History::new();
        for (i, text) in ["a", "ab", "abc"].iter().enumerate() {
            let inv = Edit::SetText(TextField::Headline, (*text).into())
                .apply(&mut a)
                .unwrap();
            h.record(
                Some(TextField::Headline),
                inv,
                t0 + Duration::from_millis(i as u64 * 10),
            );
        }
        assert_eq!(h.undo.len(), 1);
        assert_eq!(h.undo[0].edits.len(), 1, "one old value is enough");
        h.undo(&mut a);
        assert_eq!(a.headline, "");
        h.redo(&mut a);
        assert_eq!(a.headline, "abc");
    }

    /// Undo memory for 200 typed edits on a 5 MB story: the figure in the README.
    #[test]
    fn undo_memory_for_a_long_story_stays_small() {
        let t0 = Instant::now();
        let mut a = Article::new();
        a.body = "word ".repeat(1_000_000); // 5 MB
        let mut h = History::new();
        for i in 0..200u64 {
            // every tenth edit after a pause, so there are many steps
            let at = t0 + Duration::from_secs(i / 10 * 2) + Duration::from_millis(i % 10);
            let pos = (i as usize * 24_989) % a.body.len();
            let inverse = Edit::Splice {
                field: TextField::Body,
                range: pos..pos,
                text: "x".into(),
            }
            .apply(&mut a)
            .unwrap();
            h.record(Some(TextField::Body), inverse, at);
        }
        let bytes = h.weight();
        assert!(bytes < 64 * 1024, "200 edits keep {bytes} bytes");
        while h.undo(&mut a).is_some() {}
        assert_eq!(a.body.len(), 5_000_000);
    }

    #[test]
    fn a_step_that_does_not_fit_is_undone_whole_or_not_at_all() {
        let mut a = Article::new();
        a.headline = "Budget".into();
        let mut h = History::new();
        let t = Instant::now();
        // One step of two inverses, applied last first: the headline's fits and is applied,
        // then the other does not fit, so the headline must be taken back.
        h.record(Some(TextField::Headline), Edit::RemoveRelated(5), t);
        h.record(
            Some(TextField::Headline),
            Edit::SetText(TextField::Headline, "Old".into()),
            t,
        );
        let before = a.clone();
        assert!(h.undo(&mut a).is_none(), "the step cannot be undone");
        assert_eq!(a, before, "and the story is exactly as it was");
        assert!(!h.can_undo() && !h.can_redo());
    }

    #[test]
    fn selection_spans_what_the_edits_changed() {
        let splice = |range: Range<usize>, text: &str| Edit::Splice {
            field: TextField::Body,
            range,
            text: text.into(),
        };
        // three backspaces undone: "c" back at 3, "b" at 2, "a" at 1 -> "abc" selected
        let undone = [splice(1..1, "a"), splice(2..2, "b"), splice(3..3, "c")];
        let s = Selection::changed_by(&undone).unwrap();
        assert_eq!(s.range, 1..4);
        // typing undone: the letters taken out leave the cursor where typing began
        let untyped = [splice(6..7, ""), splice(5..6, ""), splice(4..5, "")];
        assert_eq!(Selection::changed_by(&untyped).unwrap().range, 4..4);
        assert!(Selection::changed_by(&[Edit::RemoveTag(0)]).is_none());
        // Replace All undone in the body and the headline, whichever came last: the body's
        // change is the one shown
        let headline = Edit::Splice {
            field: TextField::Headline,
            range: 0..3,
            text: "Corbyn".into(),
        };
        for both in [
            vec![splice(4..9, "Corbyn"), headline.clone()],
            vec![headline.clone(), splice(4..9, "Corbyn")],
        ] {
            let s = Selection::changed_by(&both).unwrap();
            assert_eq!((s.field, s.range), (TextField::Body, 4..10));
        }
        // changes apart in the body (Replace All undone, last match first): not one
        // selection over everything between them, which the next key would replace, but
        // the cursor at the first
        let apart = [
            splice(90..95, "Corbyn"),
            splice(40..45, "Corbyn"),
            splice(4..9, "Corbyn"),
        ];
        let s = Selection::changed_by(&apart).unwrap();
        assert_eq!((s.field, s.range), (TextField::Body, 4..4));
        // a change to the headline alone is shown there
        let s = Selection::changed_by(std::slice::from_ref(&headline)).unwrap();
        assert_eq!((s.field, s.range), (TextField::Headline, 0..6));
    }
}
