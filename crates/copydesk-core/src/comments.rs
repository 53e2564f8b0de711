//! Editors' comments, anchored on words of the story: a thread of notes on a span of the
//! body or of a metadata text, answered and resolved, never published.
//!
//! A comment holds the byte range of its words in one field. Every edit of that field moves
//! the range with the words ([`follow`], called by [`crate::edit::Edit::apply`] for each
//! splice): text typed before the words moves it along, text typed inside widens it, text
//! typed just before or just after stays outside it. When the words are deleted the comment
//! is kept, **detached**, at the place they were; it never attaches again. Undo restores the
//! comments exactly as they were (the edit's inverse carries them).
//!
//! Comments are saved in the story file (format 1.3, `comments`), and no export or publish
//! reads them.

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::field::TextField;

/// The texts a comment can hang on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// The headline.
    Headline,
    /// The SEO headline.
    SeoHeadline,
    /// The standfirst.
    Standfirst,
    /// The picture's caption.
    ImageCaption,
    /// The picture's credit.
    ImageCredit,
    /// The picture's alt text.
    ImageAlt,
    /// The body.
    Body,
}

impl Place {
    /// The text field this is.
    pub fn field(self) -> TextField {
        match self {
            Place::Headline => TextField::Headline,
            Place::SeoHeadline => TextField::SeoHeadline,
            Place::Standfirst => TextField::Standfirst,
            Place::ImageCaption => TextField::ImageCaption,
            Place::ImageCredit => TextField::ImageCredit,
            Place::ImageAlt => TextField::ImageAlt,
            Place::Body => TextField::Body,
        }
    }

    /// The place of a text field, when comments can hang on it.
    pub fn of(field: TextField) -> Option<Place> {
        Some(match field {
            TextField::Headline => Place::Headline,
            TextField::SeoHeadline => Place::SeoHeadline,
            TextField::Standfirst => Place::Standfirst,
            TextField::ImageCaption => Place::ImageCaption,
            TextField::ImageCredit => Place::ImageCredit,
            TextField::ImageAlt => Place::ImageAlt,
            TextField::Body => Place::Body,
            _ => return None,
        })
    }

    /// What the window calls it.
    pub fn label(self) -> &'static str {
        match self {
            Place::Headline => "Headline",
            Place::SeoHeadline => "SEO headline",
            Place::Standfirst => "Standfirst",
            Place::ImageCaption => "Caption",
            Place::ImageCredit => "Credit",
            Place::ImageAlt => "Alt text",
            Place::Body => "Body",
        }
    }
}

/// One note of a comment's thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What they wrote.
    pub text: String,
}

/// A comment on words of the story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    /// Unique in the story.
    pub id: String,
    /// The text its words are in.
    pub place: Place,
    /// Byte offset of its words' start in that text.
    pub start: usize,
    /// Byte offset of its words' end (equal to `start` once detached).
    pub end: usize,
    /// The words as they were when the comment was made, to show once they are gone.
    pub quote: String,
    /// The notes, first the comment itself, then the answers.
    pub thread: Vec<Note>,
    /// Answered and closed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub resolved: bool,
    /// Its words were deleted: the comment is kept, at the place they were.
    #[serde(default, skip_serializing_if = "is_false")]
    pub detached: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Comment {
    /// A new comment by `author` on `range` of `place`'s text `text`, with `note`.
    pub fn new(
        id: String,
        place: Place,
        range: Range<usize>,
        text: &str,
        author: &str,
        note: &str,
        at: DateTime<Utc>,
    ) -> Comment {
        Comment {
            id,
            place,
            quote: text.get(range.clone()).unwrap_or_default().to_owned(),
            start: range.start,
            end: range.end,
            thread: vec![Note {
                author: author.to_owned(),
                at,
                text: note.to_owned(),
            }],
            resolved: false,
            detached: false,
        }
    }

    /// Its words' range in its text.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Open: neither resolved nor left with nothing to say.
    pub fn is_open(&self) -> bool {
        !self.resolved
    }
}

/// Where a position moves when `range` of its text is replaced by `len` bytes. `sticks_after`:
/// a position at an insertion point goes after the inserted text (a comment's start: what is
/// typed just before its words stays outside them).
fn moved(pos: usize, range: &Range<usize>, len: usize, sticks_after: bool) -> usize {
    if pos < range.start || (pos == range.start && !(sticks_after && range.is_empty())) {
        pos
    } else if pos >= range.end {
        pos - (range.end - range.start) + len
    } else if sticks_after {
        // inside the replaced text, at the start: the new text belongs to the words
        range.start
    } else {
        range.start + len
    }
}

/// Moves the comments on `field` with its words after `range` of its text was replaced by
/// `len` bytes; returns whether any comment changed.
pub fn follow(
    comments: &mut [Comment],
    field: TextField,
    range: &Range<usize>,
    len: usize,
) -> bool {
    let Some(place) = Place::of(field) else {
        return false;
    };
    let mut changed = false;
    for c in comments.iter_mut().filter(|c| c.place == place) {
        let (start, end) = if c.detached {
            let p = moved(c.start, range, len, true);
            (p, p)
        } else {
            (
                moved(c.start, range, len, true),
                moved(c.end, range, len, false),
            )
        };
        let detached = c.detached || (c.start < c.end && end <= start);
        let (start, end) = if detached && !c.detached {
            (start.min(end), start.min(end))
        } else {
            (start, end)
        };
        if (start, end, detached) != (c.start, c.end, c.detached) {
            c.start = start;
            c.end = end;
            c.detached = detached;
            changed = true;
        }
    }
    changed
}

/// A change to the comments a person makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new comment on `range` of `place`'s text.
    Add {
        /// The text.
        place: Place,
        /// The words' byte range in it.
        range: Range<usize>,
        /// The comment.
        text: String,
    },
    /// An answer in a comment's thread.
    Reply {
        /// The comment.
        id: String,
        /// The answer.
        text: String,
    },
    /// Resolved (`true`) or opened again.
    Resolve {
        /// The comment.
        id: String,
        /// Resolved or not.
        resolved: bool,
    },
    /// Taken away, thread and all.
    Delete {
        /// The comment.
        id: String,
    },
}

/// The comments of `article` after `change` by `author` at `at`; `None` when it changes
/// nothing (an empty note, no such comment, words outside the text).
pub fn changed(
    article: &crate::article::Article,
    change: Change,
    author: &str,
    at: DateTime<Utc>,
) -> Option<Vec<Comment>> {
    let mut list = article.comments.clone();
    match change {
        Change::Add { place, range, text } => {
            let whole = place.field().get(article)?;
            let fits = range.start < range.end
                && whole
                    .get(range.clone())
                    .is_some_and(|w| !w.trim().is_empty());
            if !fits || text.trim().is_empty() {
                return None;
            }
            let id = new_id(&list);
            list.push(Comment::new(
                id,
                place,
                range,
                whole,
                author,
                text.trim(),
                at,
            ));
        }
        Change::Reply { id, text } => {
            if text.trim().is_empty() {
                return None;
            }
            let c = list.iter_mut().find(|c| c.id == id)?;
            c.thread.push(Note {
                author: author.to_owned(),
                at,
                text: text.trim().to_owned(),
            });
        }
        Change::Resolve { id, resolved } => {
            let c = list.iter_mut().find(|c| c.id == id)?;
            if c.resolved == resolved {
                return None;
            }
            c.resolved = resolved;
        }
        Change::Delete { id } => {
            let before = list.len();
            list.retain(|c| c.id != id);
            if list.len() == before {
                return None;
            }
        }
    }
    Some(list)
}

/// Whether any comment hangs on `field`.
pub fn any_on(comments: &[Comment], field: TextField) -> bool {
    Place::of(field).is_some_and(|p| comments.iter().any(|c| c.place == p))
}

/// A new comment id, unique among `comments`.
pub fn new_id(comments: &[Comment]) -> String {
    let mut n = comments.len() + 1;
    loop {
        let id = format!("c{n}");
        if comments.iter().all(|c| c.id != id) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str, words: &str) -> (Vec<Comment>, String) {
        let at = text.find(words).unwrap();
        let c = Comment::new(
            "c1".into(),
            Place::Body,
            at..at + words.len(),
            text,
            "Desk",
            "Source?",
            Utc::now(),
        );
        (vec![c], text.to_owned())
    }

    fn splice(cs: &mut [Comment], text: &mut String, range: Range<usize>, new: &str) {
        text.replace_range(range.clone(), new);
        follow(cs, TextField::Body, &range, new.len());
    }

    fn words(cs: &[Comment], text: &str) -> String {
        text[cs[0].range()].to_owned()
    }

    #[test]
    fn words_are_followed_through_typing_before_inside_and_after() {
        let (mut cs, mut text) = on("The minister said no. Then he left.", "said no");
        splice(&mut cs, &mut text, 0..0, "Late: ");
        assert_eq!(words(&cs, &text), "said no");
        // typed just before the words: outside them
        let s = cs[0].start;
        splice(&mut cs, &mut text, s..s, "firmly ");
        assert_eq!(words(&cs, &text), "said no");
        // inside: part of them
        let s = cs[0].start + 5;
        splice(&mut cs, &mut text, s..s, "a clear ");
        assert_eq!(words(&cs, &text), "said a clear no");
        // just after: outside
        let e = cs[0].end;
        splice(&mut cs, &mut text, e..e, " again");
        assert_eq!(words(&cs, &text), "said a clear no");
        // a word in them replaced
        let s = text.find("clear").unwrap();
        splice(&mut cs, &mut text, s..s + 5, "firm");
        assert_eq!(words(&cs, &text), "said a firm no");
        assert!(!cs[0].detached);
    }

    #[test]
    fn deleting_the_words_keeps_the_comment_detached_where_they_were() {
        let (mut cs, mut text) = on("The minister said no. Then he left.", "said no");
        let s = text.find("said").unwrap();
        splice(&mut cs, &mut text, s - 1..s + 8, "");
        assert!(cs[0].detached);
        assert_eq!(cs[0].range(), s - 1..s - 1);
        assert_eq!(cs[0].quote, "said no");
        // it stays detached, and moves with the text before it
        splice(&mut cs, &mut text, 0..0, "Late: ");
        assert!(cs[0].detached);
        assert_eq!(cs[0].start, s - 1 + 6);
        // typed where the words were: the comment does not take the new words
        let p = cs[0].start;
        splice(&mut cs, &mut text, p..p, " said yes");
        assert_eq!(cs[0].range(), p + 9..p + 9);
    }

    #[test]
    fn a_deletion_across_one_edge_shortens_the_words() {
        let (mut cs, mut text) = on("one two three four five", "two three four");
        let s = text.find("one").unwrap();
        let three = text.find("three").unwrap();
        splice(&mut cs, &mut text, s..three, "");
        assert_eq!(words(&cs, &text), "three four");
        let e = text.find("five").unwrap();
        let four = text.find("four").unwrap();
        splice(&mut cs, &mut text, four..e, "");
        assert_eq!(words(&cs, &text), "three ");
    }

    #[test]
    fn a_comment_is_added_answered_resolved_and_deleted() {
        let mut a = crate::article::Article::new();
        a.headline = "Minister resigns".into();
        let at = Utc::now();
        let add = |range: Range<usize>, text: &str| Change::Add {
            place: Place::Headline,
            range,
            text: text.into(),
        };
        assert!(changed(&a, add(0..0, "empty words"), "Desk", at).is_none());
        assert!(changed(&a, add(0..8, "  "), "Desk", at).is_none());
        assert!(changed(&a, add(0..99, "outside"), "Desk", at).is_none());
        a.comments = changed(&a, add(0..8, " Which one? "), "Desk", at).unwrap();
        assert_eq!(a.comments[0].quote, "Minister");
        assert_eq!(a.comments[0].thread[0].text, "Which one?");
        let reply = Change::Reply {
            id: "c1".into(),
            text: "The health minister.".into(),
        };
        a.comments = changed(&a, reply, "Ann", at).unwrap();
        assert_eq!(a.comments[0].thread[1].author, "Ann");
        let resolve = |resolved| Change::Resolve {
            id: "c1".into(),
            resolved,
        };
        a.comments = changed(&a, resolve(true), "Ann", at).unwrap();
        assert!(!a.comments[0].is_open());
        assert!(changed(&a, resolve(true), "Ann", at).is_none());
        let gone = changed(&a, Change::Delete { id: "c1".into() }, "Ann", at).unwrap();
        assert!(gone.is_empty());
    }

    #[test]
    fn another_field_leaves_the_comment_alone() {
        let (mut cs, _) = on("The minister said no.", "said");
        assert!(!follow(&mut cs, TextField::Headline, &(0..0), 5));
        assert!(!follow(&mut cs, TextField::Author(0), &(0..0), 5));
        assert_eq!(new_id(&cs), "c2");
    }
}
