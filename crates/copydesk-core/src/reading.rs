//! One reading of the body's markup, shared by the reader's view ([`crate::document`]) and the
//! checks ([`crate::checks`]), and kept up to date edit by edit.
//!
//! Reading a 5 MB story's markup takes tens of milliseconds; a keystroke changes one
//! paragraph of tens of thousands. [`Reading::update`] reads again only the top-level blocks
//! around what changed and keeps the rest, moved along by the bytes put in or taken out.
//!
//! **Why that gives what reading the whole body would.** CommonMark reads blocks a line at a
//! time, and a top-level block (a paragraph, a list, a quotation) starts on a line where
//! every block before it has closed. From such a line on, the reading depends on nothing
//! before it. So the reading again starts at the first line of the last top-level block that
//! began on an unchanged line before the change, and it stops at the first old top-level
//! block, wholly after the change, that the new reading starts at the same place: from
//! there on, both read the same text from the same state. The one thing read across the
//! whole body is a link reference definition (`[id]: https://…`, which gives `[text][id]`
//! anywhere its address); a body that has one, or gets one, is read whole each time.
//! Newsrooms' copy rarely has them.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use crate::article::stats::{self, Counts};
use crate::checks::text::{Paragraph, UnitReader};
use crate::edit::Edit;
use crate::field::TextField;
use crate::markup::{self, Builder, Fingerprint, Located};

/// The body as read: its blocks for the reader's view, and what the checks need.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    /// The length of the body it was read from.
    len: usize,
    /// Where each top-level element of the markup starts (some give no block: a blank HTML
    /// block, a paragraph of link definitions).
    tops: Vec<usize>,
    blocks: Vec<Located>,
    /// Each block's fingerprint ([`crate::document::Document::keys`]).
    keys: Vec<u64>,
    /// Each block's words and characters.
    sizes: Vec<(usize, usize)>,
    pub(crate) paragraphs: Vec<Paragraph>,
    /// Every related-link anchor: its id and where it is.
    pub(crate) anchors: Vec<(String, Range<usize>)>,
    /// Whether the body defines link references (then it is always read whole).
    defines: bool,
}

impl Reading {
    /// Reads the whole body.
    pub fn read(body: &str) -> Reading {
        let mut reading = read_part(body, 0..body.len());
        reading.len = body.len();
        reading
    }

    /// The body's top-level blocks, each with the range of text it came from.
    pub fn blocks(&self) -> &[Located] {
        &self.blocks
    }

    /// A fingerprint of each block, by [`Self::blocks`]' order.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// Words, characters and reading time of the body.
    pub fn counts(&self) -> Counts {
        Counts::sum(self.sizes.iter().copied())
    }

    /// The length of the body this reading is of.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it is the reading of an empty body.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Brings the reading up to date with `body`, which is the body it was read from changed
    /// as `change` says. Reads again only what the change can have changed (see the module's
    /// notes); reads the whole body when the change says little (a whole text set), or does
    /// not fit the body.
    pub fn update(&mut self, body: &str, change: &BodyChange) {
        let (from, to, delta) = match *change {
            BodyChange::None if body.len() == self.len => return,
            BodyChange::Span { from, to, delta } => (from, to, delta),
            BodyChange::None | BodyChange::Whole => {
                *self = Reading::read(body);
                return;
            }
        };
        let fits = self.len.checked_add_signed(delta) == Some(body.len())
            && from <= to
            && to <= body.len()
            && body.is_char_boundary(from)
            && body.is_char_boundary(to);
        if !fits || self.defines || self.tops.is_empty() {
            *self = Reading::read(body);
            return;
        }
        let Some(to_before) = to.checked_add_signed(-delta) else {
            *self = Reading::read(body);
            return;
        };
        // Where to start: the first line of the last top-level block whose first line is
        // before the change (the text up to `from` is as it was).
        let before = self.tops.partition_point(|&t| t < from);
        let start = (0..before)
            .rev()
            .map(|i| self.tops[i])
            .find(|&t| line_end(body, t).is_some_and(|end| end <= from))
            .map_or(0, |t| line_start(body, t));
        // Where the reading may meet the old one again: old blocks whose first line, and the
        // line break before it, are after the change.
        let first_after = self.tops.partition_point(|&t| t < to_before);
        let mut last = first_after;
        loop {
            let end = self
                .tops
                .get(last + 1)
                .map_or(body.len(), |&t| shifted(t, delta));
            let part = read_part(body, start..end);
            if part.defines {
                *self = Reading::read(body);
                return;
            }
            let meets = (first_after..=last.min(self.tops.len().saturating_sub(1)))
                .map(|k| (self.tops[k], shifted(self.tops[k], delta)))
                .find(|&(_, now)| {
                    now < end
                        && line_start(body, now)
                            .checked_sub(1)
                            .is_some_and(|nl| nl >= to)
                        && part.tops.binary_search(&now).is_ok()
                });
            if let Some((was, now)) = meets {
                self.replace(start..was, part, now, delta);
                self.len = body.len();
                return;
            }
            if end == body.len() {
                self.replace(start..usize::MAX, part, usize::MAX, delta);
                self.len = body.len();
                return;
            }
            // Not met yet: read twice as far.
            last = first_after + 2 * (last - first_after + 1);
        }
    }

    /// Puts `part` (read up to `until`, in the new body) in place of what stood in `old` (in
    /// the old body), and moves what follows by `delta`.
    fn replace(&mut self, old: Range<usize>, mut part: Reading, until: usize, delta: isize) {
        part.keep_before(until);
        splice(
            &mut self.tops,
            |t| *t,
            &old,
            part.tops,
            |t| {
                *t = shifted(*t, delta);
            },
        );
        let a = self.blocks.partition_point(|b| b.range.start < old.start);
        let b = self.blocks.partition_point(|b| b.range.start < old.end);
        for l in &mut self.blocks[b..] {
            l.range = shifted(l.range.start, delta)..shifted(l.range.end, delta);
        }
        self.blocks.splice(a..b, part.blocks);
        self.keys.splice(a..b, part.keys);
        self.sizes.splice(a..b, part.sizes);
        splice(
            &mut self.paragraphs,
            |p| p.start,
            &old,
            part.paragraphs,
            |p| p.shift(delta),
        );
        splice(
            &mut self.anchors,
            |(_, r)| r.start,
            &old,
            part.anchors,
            |(_, r)| *r = shifted(r.start, delta)..shifted(r.end, delta),
        );
    }

    /// Drops what starts at or after `until`.
    fn keep_before(&mut self, until: usize) {
        let cut =
            |starts: &mut dyn Iterator<Item = usize>| starts.take_while(|&s| s < until).count();
        self.tops.truncate(cut(&mut self.tops.iter().copied()));
        let n = cut(&mut self.blocks.iter().map(|b| b.range.start));
        self.blocks.truncate(n);
        self.keys.truncate(n);
        self.sizes.truncate(n);
        let n = cut(&mut self.paragraphs.iter().map(|p| p.start));
        self.paragraphs.truncate(n);
        let n = cut(&mut self.anchors.iter().map(|(_, r)| r.start));
        self.anchors.truncate(n);
    }
}

/// Replaces the items of `v` that start within `old` with `new`, and moves those after.
fn splice<T>(
    v: &mut Vec<T>,
    start: impl Fn(&T) -> usize,
    old: &Range<usize>,
    new: Vec<T>,
    mut shift: impl FnMut(&mut T),
) {
    let a = v.partition_point(|x| start(x) < old.start);
    let b = v.partition_point(|x| start(x) < old.end);
    v[b..].iter_mut().for_each(&mut shift);
    v.splice(a..b, new);
}

fn shifted(at: usize, delta: isize) -> usize {
    at.saturating_add_signed(delta)
}

/// A line ending, as CommonMark has them: a line feed, a carriage return, or both.
fn ends_line(b: &u8) -> bool {
    matches!(b, b'\n' | b'\r')
}

/// The start of the line holding byte `at`.
fn line_start(text: &str, at: usize) -> usize {
    text.as_bytes()[..at]
        .iter()
        .rposition(ends_line)
        .map_or(0, |i| i + 1)
}

/// The end of the line holding byte `at`, after (the first byte of) its line ending; `None`
/// for the last line, which has none (text put at the body's end would go on that line).
fn line_end(text: &str, at: usize) -> Option<usize> {
    text.as_bytes()[at..]
        .iter()
        .position(ends_line)
        .map(|i| at + i + 1)
}

/// Reads `range` of `body` (which starts a line), as if it were the whole body; offsets are
/// in `body`.
fn read_part(body: &str, range: Range<usize>) -> Reading {
    let base = range.start;
    let src = &body[range];
    let mut builder = Builder::default();
    let mut units = UnitReader::default();
    let mut tops = Vec::new();
    let mut depth = 0usize;
    let mut parser = Parser::new_ext(src, markup::options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    tops.push(base + range.start);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => tops.push(base + range.start),
            _ => {}
        }
        units.event(&event, range.clone(), src);
        builder.event(event, range, src);
    }
    let defines = parser.reference_definitions().iter().next().is_some();
    let mut blocks = builder.finish();
    let mut keys = Vec::with_capacity(blocks.len());
    let mut sizes = Vec::with_capacity(blocks.len());
    for b in &mut blocks {
        b.range = b.range.start + base..b.range.end + base;
        let mut h = Fingerprint::default();
        std::hash::Hash::hash(&*b.block, &mut h);
        keys.push(std::hash::Hasher::finish(&h));
        sizes.push(stats::size(&b.block));
    }
    let (paragraphs, anchors) = units.finish(base);
    Reading {
        len: 0,
        tops,
        blocks,
        keys,
        sizes,
        paragraphs,
        anchors,
        defines,
    }
}

/// What a run of edits changed in the body, for [`Reading::update`]: noted edit by edit, in
/// the order they were applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyChange {
    /// Nothing.
    #[default]
    None,
    /// Only bytes `from..to` of the body now; what came before `from` is as it was, and what
    /// comes from `to` on is as it was, `delta` bytes further along.
    Span {
        /// Where the change starts.
        from: usize,
        /// Where the unchanged rest starts, in the body now.
        to: usize,
        /// How many bytes longer the body is now.
        delta: isize,
    },
    /// Anything: read it all again.
    Whole,
}

impl BodyChange {
    /// Notes one more edit, applied after the ones noted before.
    pub fn note(&mut self, edit: &Edit) {
        match edit {
            Edit::Splice {
                field: TextField::Body,
                range,
                text,
            } => self.splice(range.clone(), text.len()),
            Edit::Group(edits) => edits.iter().for_each(|e| self.note(e)),
            other if other.may_change_body() => *self = BodyChange::Whole,
            _ => {}
        }
    }

    /// Notes that bytes `range` of the body (as it was after the edits noted before) were
    /// replaced by `len` bytes.
    pub fn splice(&mut self, range: Range<usize>, len: usize) {
        let Some(shift) = isize::try_from(len)
            .ok()
            .zip(isize::try_from(range.len()).ok())
            .map(|(new, old)| new - old)
        else {
            *self = BodyChange::Whole;
            return;
        };
        *self = match *self {
            BodyChange::Whole => BodyChange::Whole,
            BodyChange::None => BodyChange::Span {
                from: range.start,
                to: range.start + len,
                delta: shift,
            },
            BodyChange::Span { from, to, delta } => BodyChange::Span {
                from: from.min(range.start),
                to: to.max(range.end).saturating_add_signed(shift),
                delta: delta + shift,
            },
        };
    }
}

#[cfg(test)]
mod tests;
