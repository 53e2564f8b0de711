//! Every change to a story as a value: typing, a date set, a related link moved, Replace All.
//!
//! The window never changes an [`Article`] itself. Its panes describe what the user did as an
//! [`Edit`], and the app applies it in one place. Applying an edit gives back its
//! **inverse**, the edit that takes the story back to how it was, so undo keeps only what each
//! change touched: typing a word into a 5 MB body keeps that word and where it went, not a copy
//! of the story (the design of helix's history, in story terms).
//!
//! Applying never panics: an edit that does not fit the story (a field the story does not
//! have, a range outside the text, an index past the end of a list) is an [`EditError`] and
//! leaves the story as it was.

use std::ops::Range;

use thiserror::Error;

use crate::article::{Article, Image, PostLink, RelatedLink, Stamp, Status};
use crate::comments::{self, Comment};
use crate::field::{StampField, TextField};
use crate::{find, markup};

/// One change to a story.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Replaces a field's whole text (the short fields, edited as a whole).
    SetText(TextField, String),
    /// Replaces the byte range `range` of a field's text with `text`: typing, deleting, a
    /// paste, one Replace. An empty range inserts; an empty `text` deletes.
    Splice {
        /// The field whose text changes.
        field: TextField,
        /// Byte range of the field's text to replace; must fall on character boundaries.
        range: Range<usize>,
        /// The new text for that range.
        text: String,
    },
    /// Sets or clears one of the story's dates.
    SetStamp(StampField, Option<Stamp>),
    /// Sets the story's status.
    SetStatus(Status),
    /// Marks the picture as decorative (it then needs no alt text), or not.
    SetDecorative(bool),
    /// Sets the words the spelling check takes as right in this story ("Ignore in this
    /// story").
    SetSpellingIgnore(Vec<String>),
    /// Sets the grammar and house-style findings taken as right in this story ("Ignore in
    /// this story" on a finding).
    SetChecksIgnore(Vec<crate::article::IgnoredFinding>),
    /// Gives the story a picture, or takes it away (`None`).
    SetImage(Option<Box<Image>>),
    /// Records the WordPress post the story was published to (or forgets it, `None`).
    SetPostLink(Option<Box<PostLink>>),
    /// Puts an author into the byline at position `at`.
    InsertAuthor {
        /// Position in the byline, 0 first; at most its length.
        at: usize,
        /// The author's name.
        name: String,
    },
    /// Takes the author at this position out of the byline.
    RemoveAuthor(usize),
    /// Puts a tag into the story's tags at position `at`.
    InsertTag {
        /// Position among the tags; at most their number.
        at: usize,
        /// The tag.
        tag: String,
    },
    /// Takes the tag at this position off the story.
    RemoveTag(usize),
    /// Puts a related link into the list at position `at`.
    InsertRelated {
        /// Position in the list; at most its length.
        at: usize,
        /// The link.
        link: RelatedLink,
    },
    /// Takes the related link at this position out of the list, and its anchors out of the
    /// body, so no anchor is left naming a link that is gone.
    RemoveRelated(usize),
    /// Moves the related link at `from` to position `to` in the list.
    MoveRelated {
        /// Where the link is now.
        from: usize,
        /// Where it goes.
        to: usize,
    },
    /// Places related link `index` after the paragraph holding byte `cursor` of the body: any
    /// anchors it had are taken out and a new one goes on a line of its own.
    PlaceRelated {
        /// The link's position in the list.
        index: usize,
        /// A byte offset into the body.
        cursor: usize,
    },
    /// Replaces every match of `query` in the body and every other text a person writes
    /// ([`find::searched_fields`]).
    ReplaceAll {
        /// The text to find.
        query: String,
        /// What to put in its place.
        replacement: String,
        /// Whether "Corbyn" and "CORBYN" differ.
        match_case: bool,
    },
    /// Sets the story's comments (a comment added, answered, resolved or deleted).
    SetComments(Vec<Comment>),
    /// Replaces the whole story (a reload from disk that the user may undo).
    Replace(Box<Article>),
    /// Several edits applied in order as one change.
    Group(Vec<Edit>),
}

/// Why an edit could not be applied. The story is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    /// The field names a part the story does not have.
    #[error("the story has no {0:?} to change")]
    NoSuchField(TextField),
    /// A byte range outside the text or inside a character.
    #[error("the range {start}..{end} does not fit a text of {len} bytes")]
    BadRange {
        /// Start of the range.
        start: usize,
        /// End of the range.
        end: usize,
        /// Length of the text.
        len: usize,
    },
    /// A list position past the end of the list.
    #[error("position {index} is past the end of a list of {len}")]
    BadIndex {
        /// The position asked for.
        index: usize,
        /// The list's length.
        len: usize,
    },
    /// The story has no picture to change.
    #[error("the story has no picture")]
    NoImage,
}

fn check_index(index: usize, len: usize) -> Result<(), EditError> {
    if index < len {
        Ok(())
    } else {
        Err(EditError::BadIndex { index, len })
    }
}

fn check_insert(at: usize, len: usize) -> Result<(), EditError> {
    if at <= len {
        Ok(())
    } else {
        Err(EditError::BadIndex { index: at, len })
    }
}

impl Edit {
    /// The texts this edit brings into the story (what was typed, pasted, imported or put
    /// back), so a watcher can look at what is new without reading the whole story again.
    pub fn new_texts(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut pending = vec![self];
        // A work list, not recursion: groups hold groups only as deep as the window builds
        // them, but nothing here should follow a value's depth.
        while let Some(edit) = pending.pop() {
            match edit {
                Edit::SetText(_, text) | Edit::Splice { text, .. } => out.push(text.as_str()),
                Edit::SetImage(Some(image)) => out.extend([
                    image.source.as_str(),
                    &image.caption,
                    &image.credit,
                    &image.alt,
                ]),
                Edit::InsertAuthor { name, .. } => out.push(name),
                Edit::InsertTag { tag, .. } => out.push(tag),
                Edit::InsertRelated { link, .. } => {
                    out.extend([link.id.as_str(), &link.title, &link.url]);
                }
                Edit::ReplaceAll { replacement, .. } => out.push(replacement),
                Edit::SetSpellingIgnore(_) | Edit::SetChecksIgnore(_) | Edit::SetComments(_) => {}
                Edit::Replace(article) => out.extend(article.texts()),
                Edit::Group(edits) => pending.extend(edits.iter().rev()),
                Edit::SetImage(None)
                | Edit::SetPostLink(_)
                | Edit::SetStamp(..)
                | Edit::SetStatus(_)
                | Edit::SetDecorative(_)
                | Edit::RemoveAuthor(_)
                | Edit::RemoveTag(_)
                | Edit::RemoveRelated(_)
                | Edit::MoveRelated { .. }
                | Edit::PlaceRelated { .. } => {}
            }
        }
        out
    }

    /// Applies the edit to `article` and returns its inverse; on error `article` is unchanged.
    pub fn apply(self, article: &mut Article) -> Result<Edit, EditError> {
        match self {
            Edit::SetText(field, text) => {
                let commented = comments::any_on(&article.comments, field);
                let slot = field
                    .get_mut(article)
                    .ok_or(EditError::NoSuchField(field))?;
                if !commented {
                    return Ok(Edit::SetText(field, std::mem::replace(slot, text)));
                }
                // Comments follow their words through the part that changed.
                let (range, new) = difference(slot, &text);
                let len = new.len();
                let old = std::mem::replace(slot, text);
                let inverse = Edit::SetText(field, old);
                Ok(follow_comments(article, field, &range, len, inverse))
            }
            Edit::Splice { field, range, text } => {
                let slot = field
                    .get_mut(article)
                    .ok_or(EditError::NoSuchField(field))?;
                let fits = range.start <= range.end
                    && range.end <= slot.len()
                    && slot.is_char_boundary(range.start)
                    && slot.is_char_boundary(range.end);
                if !fits {
                    return Err(EditError::BadRange {
                        start: range.start,
                        end: range.end,
                        len: slot.len(),
                    });
                }
                let old = slot[range.clone()].to_owned();
                slot.replace_range(range.clone(), &text);
                let inverse = Edit::Splice {
                    field,
                    range: range.start..range.start + text.len(),
                    text: old,
                };
                Ok(follow_comments(article, field, &range, text.len(), inverse))
            }
            Edit::SetComments(list) => Ok(Edit::SetComments(std::mem::replace(
                &mut article.comments,
                list,
            ))),
            Edit::SetStamp(which, value) => {
                let slot = which.get_mut(article);
                Ok(Edit::SetStamp(which, std::mem::replace(slot, value)))
            }
            Edit::SetStatus(status) => Ok(Edit::SetStatus(std::mem::replace(
                &mut article.status,
                status,
            ))),
            Edit::SetDecorative(on) => {
                let image = article.image.as_mut().ok_or(EditError::NoImage)?;
                Ok(Edit::SetDecorative(std::mem::replace(
                    &mut image.decorative,
                    on,
                )))
            }
            Edit::SetSpellingIgnore(words) => Ok(Edit::SetSpellingIgnore(std::mem::replace(
                &mut article.spelling_ignore,
                words,
            ))),
            Edit::SetChecksIgnore(list) => Ok(Edit::SetChecksIgnore(std::mem::replace(
                &mut article.checks_ignore,
                list,
            ))),
            Edit::SetImage(image) => {
                let old = std::mem::replace(&mut article.image, image.map(|b| *b));
                Ok(Edit::SetImage(old.map(Box::new)))
            }
            Edit::SetPostLink(link) => {
                let old = std::mem::replace(&mut article.wordpress, link.map(|b| *b));
                Ok(Edit::SetPostLink(old.map(Box::new)))
            }
            Edit::InsertAuthor { at, name } => {
                check_insert(at, article.byline.len())?;
                article.byline.insert(at, name);
                Ok(Edit::RemoveAuthor(at))
            }
            Edit::RemoveAuthor(at) => {
                check_index(at, article.byline.len())?;
                let name = article.byline.remove(at);
                Ok(Edit::InsertAuthor { at, name })
            }
            Edit::InsertTag { at, tag } => {
                check_insert(at, article.tags.len())?;
                article.tags.insert(at, tag);
                Ok(Edit::RemoveTag(at))
            }
            Edit::RemoveTag(at) => {
                check_index(at, article.tags.len())?;
                let tag = article.tags.remove(at);
                Ok(Edit::InsertTag { at, tag })
            }
            Edit::InsertRelated { at, link } => {
                check_insert(at, article.related.len())?;
                article.related.insert(at, link);
                Ok(Edit::RemoveRelated(at))
            }
            Edit::RemoveRelated(at) => {
                check_index(at, article.related.len())?;
                let new_body = markup::remove_anchors(&article.body, &article.related[at].id);
                let body_back = set_body(article, &new_body);
                let link = article.related.remove(at);
                // Undo puts the link back first, then its anchors.
                Ok(Edit::Group(vec![
                    Edit::InsertRelated { at, link },
                    body_back,
                ]))
            }
            Edit::MoveRelated { from, to } => {
                let len = article.related.len();
                check_index(from, len)?;
                check_index(to, len)?;
                let link = article.related.remove(from);
                article.related.insert(to, link);
                Ok(Edit::MoveRelated { from: to, to: from })
            }
            Edit::PlaceRelated { index, cursor } => {
                check_index(index, article.related.len())?;
                let id = article.related[index].id.clone();
                let (new_body, _) = markup::place_anchor(&article.body, cursor, &id);
                Ok(set_body(article, &new_body))
            }
            Edit::ReplaceAll {
                query,
                replacement,
                match_case,
            } => {
                // Every written text, then the body; in each, splices from the last match
                // back, so earlier offsets stay valid. The inverses, applied in reverse (first
                // match first), put every match back.
                let mut splices = Vec::new();
                for field in find::searched_fields(article)
                    .into_iter()
                    .chain([TextField::Body])
                {
                    let Some(text) = field.get(article) else {
                        continue;
                    };
                    splices.extend(
                        find::find_all(text, &query, match_case)
                            .into_iter()
                            .rev()
                            .map(|range| Edit::Splice {
                                field,
                                range,
                                text: replacement.clone(),
                            }),
                    );
                }
                Edit::Group(splices).apply(article)
            }
            Edit::Replace(new) => Ok(Edit::Replace(Box::new(std::mem::replace(article, *new)))),
            Edit::Group(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(article) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Take back what was done, so the group is all or nothing.
                            for inverse in inverses.into_iter().rev() {
                                let _ = inverse.apply(article);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Group(inverses))
            }
        }
    }

    /// The text field this edit changes, when it changes exactly one by typing; the history
    /// joins a burst of such edits to one field into one undo step.
    pub fn typing_field(&self) -> Option<TextField> {
        match self {
            Edit::SetText(field, _) | Edit::Splice { field, .. } => Some(*field),
            Edit::Group(edits) => {
                let first = edits.first()?.typing_field()?;
                edits
                    .iter()
                    .all(|e| e.typing_field() == Some(first))
                    .then_some(first)
            }
            _ => None,
        }
    }

    /// Whether this edit can change the body's text. `false` only for edits that cannot (a
    /// headline, a date, an author…): the editor keeps the body's colours and layout across
    /// those, which on a long story is most of a keystroke's work.
    pub fn may_change_body(&self) -> bool {
        match self {
            Edit::SetText(field, _) | Edit::Splice { field, .. } => *field == TextField::Body,
            Edit::SetStamp(..)
            | Edit::SetStatus(_)
            | Edit::SetDecorative(_)
            | Edit::SetSpellingIgnore(_)
            | Edit::SetChecksIgnore(_)
            | Edit::SetComments(_)
            | Edit::SetImage(_)
            | Edit::SetPostLink(_)
            | Edit::InsertAuthor { .. }
            | Edit::RemoveAuthor(_)
            | Edit::InsertTag { .. }
            | Edit::RemoveTag(_)
            | Edit::InsertRelated { .. }
            | Edit::MoveRelated { .. } => false,
            Edit::RemoveRelated(_)
            | Edit::PlaceRelated { .. }
            | Edit::ReplaceAll { .. }
            | Edit::Replace(_) => true,
            Edit::Group(edits) => edits.iter().any(Edit::may_change_body),
        }
    }

    /// Whether this edit can change anything but the body's text: `false` only for typing in
    /// the body (and a group of such). The metadata panel keeps the heights of its sections
    /// out of sight across the others, so a body keystroke does not lay the panel out whole.
    pub fn may_change_fields(&self) -> bool {
        match self {
            Edit::SetText(field, _) | Edit::Splice { field, .. } => *field != TextField::Body,
            Edit::Group(edits) => edits.iter().any(Edit::may_change_fields),
            _ => true,
        }
    }

    /// Whether this edit changes nothing but the text of text fields (the body or another):
    /// typing, a paste, a cut, one replacement of Find. It adds or takes away nothing (no
    /// author, tag, link, picture or date) and touches no field but the text it names. The
    /// metadata panel keeps the heights of its sections out of sight across such edits: the
    /// section typed in holds the keyboard, and is drawn.
    pub fn only_changes_text(&self) -> bool {
        match self {
            Edit::SetText(..) | Edit::Splice { .. } => true,
            Edit::Group(edits) => edits.iter().all(Edit::only_changes_text),
            _ => false,
        }
    }

    /// Roughly how many bytes this edit keeps alive: the text it carries. The history uses it
    /// to bound its memory.
    pub fn weight(&self) -> usize {
        let base = size_of::<Edit>();
        base + match self {
            Edit::SetText(_, s) | Edit::Splice { text: s, .. } => s.len(),
            Edit::InsertAuthor { name: s, .. } | Edit::InsertTag { tag: s, .. } => s.len(),
            Edit::InsertRelated { link, .. } => link.title.len() + link.url.len() + link.id.len(),
            Edit::ReplaceAll {
                query, replacement, ..
            } => query.len() + replacement.len(),
            Edit::SetImage(Some(i)) => {
                i.source.len() + i.caption.len() + i.credit.len() + i.alt.len()
            }
            Edit::Replace(a) => a.body.len() + a.headline.len() + a.standfirst.len() + 4096,
            Edit::Group(edits) => edits.iter().map(Edit::weight).sum(),
            Edit::SetSpellingIgnore(words) => words.iter().map(String::len).sum(),
            Edit::SetChecksIgnore(list) => list.iter().map(|i| i.rule.len() + i.words.len()).sum(),
            Edit::SetComments(list) => list
                .iter()
                .map(|c| c.quote.len() + c.thread.iter().map(|n| n.text.len() + 64).sum::<usize>())
                .sum(),
            Edit::SetPostLink(Some(l)) => l.site.len() + l.link.len() + l.modified_gmt.len() + 128,
            Edit::SetStamp(..)
            | Edit::SetStatus(_)
            | Edit::SetDecorative(_)
            | Edit::SetImage(None)
            | Edit::SetPostLink(None)
            | Edit::RemoveAuthor(_)
            | Edit::RemoveTag(_)
            | Edit::RemoveRelated(_)
            | Edit::MoveRelated { .. }
            | Edit::PlaceRelated { .. } => 0,
        }
    }
}

/// After `range` of `field` was replaced by `len` bytes: moves the comments on that field
/// with their words, and returns `inverse`, with the comments as they were when any moved
/// (so undo puts them back exactly, a detached one attached again).
fn follow_comments(
    article: &mut Article,
    field: TextField,
    range: &Range<usize>,
    len: usize,
    inverse: Edit,
) -> Edit {
    if !comments::any_on(&article.comments, field) {
        return inverse;
    }
    let before = article.comments.clone();
    if comments::follow(&mut article.comments, field, range, len) {
        Edit::Group(vec![inverse, Edit::SetComments(before)])
    } else {
        inverse
    }
}

/// Makes the body `new` by one splice of what differs, and returns the splice that takes it
/// back: a command that rewrites the body (placing an anchor) keeps only the part it changed.
fn set_body(article: &mut Article, new: &str) -> Edit {
    let (range, text) = difference(&article.body, new);
    let splice = Edit::Splice {
        field: TextField::Body,
        range,
        text: text.to_owned(),
    };
    splice
        .apply(article)
        .expect("a difference between two strings splices on character boundaries")
}

/// The smallest range of `old` that, replaced by the returned part of `new`, makes `new`:
/// what lies between their common beginning and their common end, on character boundaries.
pub fn difference<'n>(old: &str, new: &'n str) -> (Range<usize>, &'n str) {
    let prefix = old
        .char_indices()
        .zip(new.chars())
        .find(|((_, a), b)| a != b)
        .map_or(old.len().min(new.len()), |((i, _), _)| i);
    // Make sure the prefix ends on a boundary of both (it does: same bytes up to there).
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old[prefix..]
        .chars()
        .rev()
        .zip(new[prefix..].chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .scan(0, |sum, n| {
            *sum += n;
            Some(*sum)
        })
        .take_while(|&s| s <= max_suffix)
        .last()
        .unwrap_or(0);
    (prefix..old.len() - suffix, &new[prefix..new.len() - suffix])
}

#[cfg(test)]
mod tests;
