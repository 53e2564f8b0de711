//! Two versions of a story compared word by word, as one text with the words taken out and
//! put in marked: the history panel draws it, `copydesk history --diff` prints it.
//!
//! The comparison goes field by field and, in the body, paragraph by paragraph
//! ([`crate::compare::differences`]); only the paragraphs that changed are compared word by
//! word, so two versions of a long story compare in time that follows the change, not the
//! story's length. Unchanged paragraphs are not listed (folded); [`Line::label`] says which
//! paragraphs a line stands for.

use std::io::{self, Write};
use std::time::Duration;

use similar::{Algorithm, ChangeTag, TextDiff};

use crate::article::Article;
use crate::compare;
use crate::field::Field;

/// What became of a piece of text from the older version to the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// In both.
    Same,
    /// Only in the newer version.
    Added,
    /// Only in the older version.
    Removed,
}

/// A run of words with one mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// The words, spaces included.
    pub text: String,
    /// What became of them.
    pub mark: Mark,
}

/// One changed field, or one changed run of paragraphs, compared word by word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The field.
    pub field: Field,
    /// What the window calls it ("Headline", "Body, paragraph 4").
    pub label: String,
    /// For a run of body paragraphs: which changed run of the body it is (0 for the first),
    /// to restore that run alone.
    pub run: Option<usize>,
    /// The older text and the newer, merged: removed and added words marked.
    pub pieces: Vec<Piece>,
}

impl Line {
    /// Words added and words removed on this line; none for a status or a date
    /// ([`compare::counts_words`]).
    pub fn counts(&self) -> (usize, usize) {
        if !compare::counts_words(self.field) {
            return (0, 0);
        }
        let count = |mark| {
            self.pieces
                .iter()
                .filter(|p| p.mark == mark)
                .map(|p| p.text.split_whitespace().count())
                .sum::<usize>()
        };
        (count(Mark::Added), count(Mark::Removed))
    }
}

/// Longest one field's word-by-word comparison may take before it settles for marking whole
/// runs as taken out and put in.
const WORD_DIFF_TIME: Duration = Duration::from_millis(100);

/// `older` and `newer` merged word by word.
pub fn diff_text(older: &str, newer: &str) -> Vec<Piece> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(WORD_DIFF_TIME)
        .diff_words(older, newer);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let mark = match change.tag() {
            ChangeTag::Equal => Mark::Same,
            ChangeTag::Delete => Mark::Removed,
            ChangeTag::Insert => Mark::Added,
        };
        let text = change.value();
        match pieces.last_mut() {
            Some(last) if last.mark == mark => last.text.push_str(text),
            _ => pieces.push(Piece {
                text: text.to_owned(),
                mark,
            }),
        }
    }
    pieces
}

/// Every changed field and run of body paragraphs from `older` to `newer`, in panel order.
pub fn changes(older: &Article, newer: &Article) -> Vec<Line> {
    let mut run = 0;
    compare::differences(older, newer)
        .into_iter()
        .map(|d| {
            let body_run = (d.field == Field::Body).then(|| {
                run += 1;
                run - 1
            });
            Line {
                field: d.field,
                label: d.label,
                run: body_run,
                pieces: diff_text(&d.mine, &d.theirs),
            }
        })
        .collect()
}

/// Writes `lines` for a terminal: each line's label, then its text with removed words as
/// `[-words-]` and added ones as `{+words+}` (the marks `wdiff` and `git diff --word-diff`
/// use), and with colour when `colour` is set.
pub fn write_diff(out: &mut impl Write, lines: &[Line], colour: bool) -> io::Result<()> {
    if lines.is_empty() {
        return writeln!(out, "No differences.");
    }
    for line in lines {
        writeln!(out, "{}:", line.label)?;
        write!(out, "  ")?;
        for piece in &line.pieces {
            let text = piece.text.replace('\n', "\n  ");
            match (piece.mark, colour) {
                (Mark::Same, _) => write!(out, "{text}")?,
                (Mark::Removed, false) => write!(out, "[-{text}-]")?,
                (Mark::Added, false) => write!(out, "{{+{text}+}}")?,
                (Mark::Removed, true) => write!(out, "\x1b[31m[-{text}-]\x1b[0m")?,
                (Mark::Added, true) => write!(out, "\x1b[32m{{+{text}+}}\x1b[0m")?,
            }
        }
        writeln!(out)?;
    }
    Ok(())
}
