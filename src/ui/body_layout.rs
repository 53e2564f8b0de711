//! The body's laid-out text, kept one paragraph (one line of the text) at a time, coloured
//! only where it can be seen.
//!
//! egui lays out a `TextEdit`'s whole text through one layout job; for a long body that
//! means hashing the whole text and every colour section in it whenever it changes (the
//! markup alone makes about 200,000 sections in a 5 MB story), and colouring the whole body
//! before its first frame. [`BodyLayout`] keeps each line's galley itself and, when the text
//! changes, finds the changed stretch by comparing the new text with the one laid out last
//! (the common start and end), lays out only the lines in that stretch and puts the kept
//! galleys together again ([`Galley::concat`], as egui's own cache does).
//!
//! Colour never changes where a letter goes (italics are slanted, not wider; backgrounds and
//! underlines take no room), so a line out of sight is laid out in the plain text colour and
//! coloured when it comes within a screen of sight. Each line remembers a fingerprint of the
//! colours it was laid out with; the lines in sight are checked against the markup's runs
//! and the find matches whenever the text, the matches or the part in sight change.

use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

use copydesk_core::markup::Since;
use egui::emath::{GuiRounding as _, NumExt as _};
use egui::epaint::text::PlacedRow;
use egui::text::{ByteIndex, LayoutJob, LayoutSection};
use egui::{FontId, Galley, Rect, TextFormat, Vec2};

/// What a laid-out line depends on besides its text and colours: a change of any of these
/// lays out every line again.
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// The wrapping width.
    pub width: f32,
    /// The editor's font.
    pub font: FontId,
    /// Dark or light colours.
    pub dark: bool,
    /// [`crate::ui::fonts::atlas_epoch`]: a galley from before the glyph atlas started over
    /// draws scrambled letters.
    pub atlas: u64,
    /// Physical pixels per point.
    pub pixels_per_point: f32,
}

/// Colour sections (byte ranges of the whole text, in order) for the lines in a byte range,
/// told how the text differs from the one of the last call (so a highlighter can keep what
/// it found outside the change).
/// The revision is the story's when the text is the story's own body.
pub type Colours<'a> =
    dyn FnMut(&str, Range<usize>, Since, Option<u64>) -> Vec<(Range<usize>, TextFormat)> + 'a;

/// One line of the text (a paragraph to egui: the text between two `\n`).
struct Line {
    /// Where it starts in the text, in bytes.
    start: usize,
    /// Its length in bytes, without the `\n`.
    len: usize,
    /// Its length in characters, without the `\n`.
    chars: usize,
    /// Its top in the whole galley (in `f64`, so that moving it by a change in height above
    /// gives exactly the sum of the heights above: row heights are `f32`).
    top: f64,
    /// Its height (its galley's, kept here so that the lines below a change are moved
    /// without reaching into every galley).
    height: f32,
    /// How many rows it has, and how many rows and characters (egui's cursor unit, a
    /// newline counted) come before it: where a row starts is then a binary search.
    rows: usize,
    first_row: usize,
    first_char: usize,
    galley: Arc<Galley>,
    /// A fingerprint of the colour sections it was laid out with.
    colour: u64,
}

impl Line {
    fn range(&self) -> Range<usize> {
        self.start..self.start + self.len
    }
}

/// The body's layout, kept between frames; see the module documentation.
#[derive(Default)]
pub struct BodyLayout {
    look: Option<Look>,
    /// The whole text the lines are of: the story's body, or the body with this frame's
    /// keystroke in it.
    text: String,
    lines: Vec<Line>,
    /// The part of [`BodyLayout::text`] the editor's field shows (whole lines, in bytes):
    /// what the galley is made of. Set each frame by [`BodyLayout::set_window`]; a keystroke
    /// moves its end.
    window: Range<usize>,
    /// The lines of the window when its galley was last put together.
    shown: Range<usize>,
    /// The galley of the window's lines as they are now.
    galley: Option<Assembled>,
    /// The one before, kept to be brought up to date in place while the field still holds
    /// the newest (see [`BodyLayout::assemble`]).
    spare: Option<Assembled>,
    /// The story revision [`BodyLayout::text`] is, when it is the story's own body.
    revision: Option<u64>,
    /// The lines whose colours were checked for the text and the colouring now.
    checked: Range<usize>,
    /// The colouring's generation when they were checked.
    colouring: u64,
    /// How many lines have been laid out (tests and benchmarks).
    laid_out: u64,
    /// How the text differs from the one colours were last asked for.
    since: Since,
    /// Lines have been laid out again since the galley was put together.
    relaid: bool,
}

/// How far beyond the part in sight lines are kept coloured, in screens: scrolling a little
/// never meets a line drawn in the plain colour.
const MARGIN_SCREENS: f32 = 1.0;

/// A stretch of whole lines of the body (see [`BodyLayout::window`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Window {
    /// Its bytes in the body.
    pub bytes: Range<usize>,
    /// How many characters (egui's cursor unit, a newline counted) come before it.
    pub chars: usize,
    /// And before its end.
    pub end_chars: usize,
    /// Its top in the whole body's layout.
    pub top: f32,
}

impl Window {
    /// Whether the window holds all of `range` (characters of the body).
    pub fn holds(&self, range: &egui::text::CCursorRange) -> bool {
        let [a, b] = range.sorted_cursors();
        self.chars <= a.index.0 && b.index.0 <= self.end_chars
    }
}

impl BodyLayout {
    /// How many lines have been laid out since the editor started (each keystroke should
    /// add a handful however long the story).
    pub fn lines_laid_out(&self) -> u64 {
        self.laid_out
    }

    /// How many lines between `from` and `to` (the whole body's coordinates) were not
    /// coloured for the text and colouring of the last layout: shown in the plain colour, if
    /// in sight.
    pub fn uncoloured_between(&self, from: f32, to: f32) -> usize {
        let lines = self.lines_between(from, to);
        lines.len() - (lines.start.max(self.checked.start)..lines.end.min(self.checked.end)).len()
    }

    /// Where row `row` of `galley` starts in its text (the window's), in bytes and in
    /// characters (egui's cursor unit), worked out from the lines (one addition per line
    /// above it) rather than by walking every row and the text above it; `None` when
    /// `galley` is not the one this layout made last.
    pub fn row_start(&self, galley: &Galley, row: usize) -> Option<(usize, usize)> {
        let newest = self.galley.as_ref()?;
        if !std::ptr::eq(Arc::as_ptr(&newest.galley), galley) {
            return None;
        }
        let lines = self.lines.get(self.shown.clone())?;
        let first = lines.first()?;
        let i = lines.partition_point(|l| l.first_row - first.first_row + l.rows <= row);
        let line = lines.get(i)?;
        let into: usize = line.galley.rows[..row - (line.first_row - first.first_row)]
            .iter()
            .map(|r| r.char_count_including_newline().0)
            .sum();
        let text = line.galley.text();
        let byte = text.char_indices().nth(into).map_or(text.len(), |(i, _)| i);
        Some((
            line.start - first.start + byte,
            line.first_char - first.first_char + into,
        ))
    }

    /// Makes the text laid out the story's body `body` at `revision`, laying out again the
    /// lines that changed (when there are lines: the first layout lays out all of them).
    /// An unchanged revision costs nothing; another revision of the same text, one
    /// comparison.
    pub fn sync(&mut self, ctx: &egui::Context, body: &str, revision: u64) {
        if self.revision == Some(revision) && self.text.len() == body.len() {
            return;
        }
        if self.text != body {
            let change = self.replace_text(body);
            match self.look.clone() {
                Some(look) if !self.lines.is_empty() => self.relayout(ctx, &look, Some(change)),
                _ => self.lines.clear(),
            }
        }
        self.revision = Some(revision);
    }

    /// Puts `new` in place of the text, changing only the stretch that differs; returns how.
    fn replace_text(&mut self, new: &str) -> Change {
        let old_len = self.text.len();
        let p = common_prefix(self.text.as_bytes(), new.as_bytes());
        let s = common_suffix(
            self.text.as_bytes(),
            new.as_bytes(),
            old_len.min(new.len()) - p,
        );
        self.text
            .replace_range(p..old_len - s, &new[p..new.len() - s]);
        self.since = self.since.then(Since::Kept { head: p, tail: s });
        Change {
            old_len,
            head: p,
            tail: s,
        }
    }

    /// The text laid out (the story's body, or the body with this frame's keystroke).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The story's revision the text laid out is, when it is the story's own body.
    pub fn revision(&self) -> Option<u64> {
        self.revision
    }

    /// The byte where character `chars` of the text starts, found from its line (a halving,
    /// then a walk along the line); `None` past the end or before the first layout.
    pub fn place(&self, chars: usize) -> Option<usize> {
        let line = &self.lines[self.line_of_char(chars)?];
        let into = chars - line.first_char;
        if into > line.chars {
            // past the end of the text (a cursor left from a longer one)
            return None;
        }
        let within = &self.text[line.range()];
        Some(line.start + super::text_box::byte_index(within, egui::text::CharIndex(into)))
    }

    /// How many characters come before byte `byte` of the text (found from its line);
    /// `None` before the first layout.
    pub fn chars_before(&self, byte: usize) -> Option<usize> {
        let byte = byte.min(self.text.len());
        let i = self
            .lines
            .partition_point(|l| l.start <= byte)
            .checked_sub(1)?;
        let line = &self.lines[i];
        let end = byte.min(line.range().end);
        let within = self.text.get(line.start..end)?;
        Some(line.first_char + within.chars().count())
    }

    /// The line character `chars` (egui's cursor unit) is in, found by halving; `None`
    /// before the first layout.
    fn line_of_char(&self, chars: usize) -> Option<usize> {
        self.lines
            .partition_point(|l| l.first_char <= chars)
            .checked_sub(1)
    }

    /// How many characters the text has (egui's cursor unit: newlines counted).
    pub fn char_count(&self) -> Option<usize> {
        self.lines.last().map(|l| l.first_char + l.chars)
    }

    /// Where character `chars` is drawn, in the whole body's coordinates.
    pub fn rect_at(&self, chars: usize) -> Option<Rect> {
        let line = &self.lines[self.line_of_char(chars)?];
        let at = line
            .galley
            .pos_from_cursor(egui::text::CCursor::new(chars - line.first_char));
        Some(at.translate(Vec2::Y * line.top as f32))
    }

    /// Where the line at height `y` (the whole body's coordinates) starts in the text, in
    /// bytes.
    pub fn line_at(&self, y: f32) -> Option<usize> {
        let lines = self.lines_between(y, y);
        self.lines.get(lines.start).map(|l| l.start)
    }

    /// The height of the whole body laid out.
    pub fn height(&self) -> f32 {
        self.lines
            .last()
            .map_or(0.0, |l| (l.top + f64::from(l.height)) as f32)
    }

    /// The whole lines whose tops lie between `from` and `to` (the whole body's
    /// coordinates), widened to hold the characters `keep`: what the editor's field is given
    /// of a long body. `None` before the first layout.
    pub fn window(&self, from: f32, to: f32, keep: Option<Range<usize>>) -> Option<Window> {
        let mut lines = self.lines_between(from, to);
        if let Some(keep) = keep {
            let line_of = |c: usize| self.line_of_char(c).unwrap_or(0);
            lines.start = lines.start.min(line_of(keep.start));
            lines.end = lines.end.max(line_of(keep.end) + 1);
        }
        let first = self.lines.get(lines.start)?;
        let last = self.lines.get(lines.end.checked_sub(1)?)?;
        Some(Window {
            bytes: first.start..last.range().end,
            chars: first.first_char,
            end_chars: last.first_char + last.chars,
            top: first.top as f32,
        })
    }

    /// The whole text as the window.
    pub fn whole(&self) -> Window {
        Window {
            bytes: 0..self.text.len(),
            chars: 0,
            end_chars: self.char_count().unwrap_or(0),
            top: 0.0,
        }
    }

    /// The character nearest to `pos` (the whole body's coordinates); `None` before the
    /// first layout.
    pub fn char_at(&self, pos: egui::Pos2) -> Option<usize> {
        let y = pos.y.clamp(0.0, self.height() - 0.5);
        let line = self.lines.get(self.lines_between(y, y).start)?;
        let within = egui::vec2(pos.x, y - line.top as f32);
        Some(line.first_char + line.galley.cursor_from_pos(within).index.0)
    }

    /// Shows the bytes `bytes` of the text (whole lines, from [`BodyLayout::window`]) in the
    /// galleys made from now on.
    pub fn set_window(&mut self, bytes: Range<usize>) {
        let end = bytes.end.min(self.text.len());
        self.window = bytes.start.min(end)..end;
    }

    /// The galley this layout made last, if any (what the field shows of the body).
    pub fn newest(&self) -> Option<Arc<Galley>> {
        self.galley.as_ref().map(|a| a.galley.clone())
    }

    /// The sections of the laid-out lines that were coloured with a format for which
    /// `pred` holds (tests: how many find matches are drawn).
    pub fn count_sections(&self, pred: impl Fn(&TextFormat) -> bool) -> usize {
        self.lines
            .iter()
            .flat_map(|l| l.galley.job.sections.iter())
            .filter(|s| pred(&s.format))
            .count()
    }

    /// The galley of the window (see [`BodyLayout::set_window`]), whose text is now
    /// `text`: the window's text as the body has it, or with this frame's keystroke in it.
    ///
    /// `sight` is the part of the body in sight, in the whole body's coordinates;
    /// `colouring` changes whenever `colours` would colour the same text differently (find
    /// matches, theme); `colours` gives the sections of the lines in sight.
    pub fn layout(
        &mut self,
        ctx: &egui::Context,
        text: &str,
        look: &Look,
        sight: Range<f32>,
        colouring: u64,
        colours: &mut Colours<'_>,
    ) -> Arc<Galley> {
        if self.look.as_ref() != Some(look) {
            self.look = Some(look.clone());
            self.lines.clear();
            self.galley = None;
            self.spare = None;
        }
        let mut changed = false;
        if self.lines.is_empty() {
            self.relayout(ctx, look, None);
            changed = true;
        }
        // how the window's text differs from the newest galley's (nothing, unless it changed)
        let mut change = None;
        let window = self.window.clone();
        let old = &self.text[window.clone()];
        if old != text {
            let p = common_prefix(old.as_bytes(), text.as_bytes());
            let s = common_suffix(
                old.as_bytes(),
                text.as_bytes(),
                old.len().min(text.len()) - p,
            );
            // how the galley's text differs, when it was the window's text before this
            // keystroke (lines laid out again since, by another change, make it unknown)
            change = (!self.relaid).then_some(Change {
                old_len: old.len(),
                head: p,
                tail: s,
            });
            let old_len = self.text.len();
            self.text
                .replace_range(window.start + p..window.end - s, &text[p..text.len() - s]);
            let whole = Change {
                old_len,
                head: window.start + p,
                tail: old_len - window.end + s,
            };
            self.since = self.since.then(Since::Kept {
                head: whole.head,
                tail: whole.tail,
            });
            self.window.end = window.start + text.len();
            self.revision = None;
            self.relayout(ctx, look, Some(whole));
            changed = true;
        }

        // the lines within a screen of sight
        let margin = (sight.end - sight.start).max(100.0) * MARGIN_SCREENS;
        let wanted = self.lines_between(sight.start - margin, sight.end + margin);
        let recheck = changed
            || colouring != self.colouring
            || wanted.start < self.checked.start
            || wanted.end > self.checked.end;
        if recheck && !wanted.is_empty() {
            let bytes = self.lines[wanted.start].start..self.lines[wanted.end - 1].range().end;
            let since = std::mem::replace(&mut self.since, Since::Same);
            let sections = colours(&self.text, bytes, since, self.revision);
            let mut at = 0;
            let mut relaid = Vec::new();
            for i in wanted.clone() {
                let range = self.lines[i].range();
                while at < sections.len() && sections[at].0.end <= range.start {
                    at += 1;
                }
                let mut own = Vec::new();
                for (r, f) in sections[at..].iter() {
                    if r.start >= range.end && !range.is_empty() {
                        break;
                    }
                    let (a, b) = (r.start.max(range.start), r.end.min(range.end));
                    if a < b {
                        own.push((a - range.start..b - range.start, f.clone()));
                    }
                    if r.start >= range.end {
                        break;
                    }
                }
                if own.is_empty() {
                    // an empty line, or nothing given for it
                    if let Some((_, f)) = sections.get(at).or(sections.last()) {
                        own.push((0..range.len(), f.clone()));
                    }
                }
                let fp = fingerprint(&own);
                if fp != self.lines[i].colour {
                    relaid.push((i, own, fp));
                }
            }
            if !relaid.is_empty() {
                changed = true;
                let jobs: Vec<_> = relaid
                    .iter()
                    .map(|(i, own, _)| line_job(&self.text[self.lines[*i].range()], own, look))
                    .collect();
                let galleys = ctx.fonts_mut(|f| {
                    jobs.into_iter()
                        .map(|job| f.layout_job(job))
                        .collect::<Vec<_>>()
                });
                self.laid_out += galleys.len() as u64;
                for ((i, _, fp), galley) in relaid.into_iter().zip(galleys) {
                    self.lines[i].galley = galley;
                    self.lines[i].colour = fp;
                }
            }
            self.checked = wanted;
            self.colouring = colouring;
        }

        let shown = self.lines_of_window();
        let moved = self.galley.as_ref().is_none_or(|a| {
            a.base != self.window.start
                || shown != self.shown
                || a.galley.text().len() != text.len()
        });
        if changed || moved || self.relaid {
            self.shown = shown;
            self.relaid = false;
            self.assemble(look, change);
        }
        match &self.galley {
            Some(a) => a.galley.clone(),
            None => Arc::new(Galley::concat(Arc::new(whole_job(text, look)), &[], 1.0)),
        }
    }

    /// The lines the window holds.
    fn lines_of_window(&self) -> Range<usize> {
        let (start, end) = (self.window.start, self.window.end);
        let first = self.lines.partition_point(|l| l.start < start);
        let last = self.lines.partition_point(|l| l.start <= end);
        first.min(self.lines.len())..last.max(first + 1).min(self.lines.len())
    }

    /// The lines whose tops lie between `from` and `to` (and the line `from` falls in).
    fn lines_between(&self, from: f32, to: f32) -> Range<usize> {
        let first = self
            .lines
            .partition_point(|l| l.top <= f64::from(from))
            .saturating_sub(1);
        let end = self.lines.partition_point(|l| l.top < f64::from(to));
        first..end.max(first).min(self.lines.len())
    }

    /// Lays out again the lines the change (`change`, from the last text to the text now)
    /// touched, all of them when `change` is `None`, keeping the others in place: the lines
    /// below the change are only moved (their start by the change in length, their top by
    /// the change in height), which on a 5 MB story's 60,000 lines is what a keystroke costs
    /// here.
    fn relayout(&mut self, ctx: &egui::Context, look: &Look, change: Option<Change>) {
        let text = &self.text;
        let (head, tail, middle, old_len) = match change {
            Some(c) if !self.lines.is_empty() => {
                let (p, s) = (c.head, c.tail);
                // the lines wholly in the common start, and from the first wholly in the end
                let head = self.lines.partition_point(|l| l.start + l.len < p);
                let tail_from = c.old_len - s + 1;
                let tail = self
                    .lines
                    .partition_point(|l| l.start < tail_from)
                    .max(head);
                let from = head
                    .checked_sub(1)
                    .map_or(0, |i| self.lines[i].range().end + 1);
                let to = self
                    .lines
                    .get(tail)
                    .map_or(text.len(), |l| l.start + text.len() - c.old_len - 1);
                (head, tail, from..to, c.old_len)
            }
            _ => {
                self.since = Since::Unknown;
                self.lines.clear();
                (0, 0, 0..text.len(), text.len())
            }
        };
        // the changed stretch, plain for now: colours are put in for the lines in sight
        let mut fresh = Vec::new();
        let mut jobs = Vec::new();
        let mut at = middle.start;
        let plain = plain(look);
        for piece in text[middle.clone()].split('\n') {
            let own = [(0..piece.len(), plain.clone())];
            jobs.push(line_job(piece, &own, look));
            fresh.push((at, piece.len(), fingerprint(&own)));
            at += piece.len() + 1;
        }
        let galleys = ctx.fonts_mut(|f| {
            jobs.into_iter()
                .map(|job| f.layout_job(job))
                .collect::<Vec<_>>()
        });
        self.laid_out += galleys.len() as u64;
        let (mut top, mut row, mut char) = head.checked_sub(1).map_or((0.0, 0, 0), |i| {
            let l = &self.lines[i];
            (
                l.top + f64::from(l.height),
                l.first_row + l.rows,
                l.first_char + l.chars + 1,
            )
        });
        let fresh: Vec<Line> = fresh
            .into_iter()
            .zip(galleys)
            .map(|((start, len, colour), galley)| {
                let line = Line {
                    start,
                    len,
                    chars: text[start..start + len].chars().count(),
                    top,
                    height: galley.rect.height(),
                    rows: galley.rows.len(),
                    first_row: row,
                    first_char: char,
                    galley,
                    colour,
                };
                top += f64::from(line.height);
                row += line.rows;
                char += line.chars + 1;
                line
            })
            .collect();
        // the lines below: moved by the change in length, height, rows and characters
        let new_len = text.len();
        if let Some(first) = self.lines.get(tail) {
            let dy = top - first.top;
            let (first_row, first_char) = (first.first_row, first.first_char);
            for line in &mut self.lines[tail..] {
                line.start = line.start + new_len - old_len;
                line.top += dy;
                line.first_row = line.first_row + row - first_row;
                line.first_char = line.first_char + char - first_char;
            }
        }
        self.lines.splice(head..tail, fresh);
        // which lines were checked is unknown now: check again
        self.checked = 0..0;
        self.relaid = true;
    }

    /// Puts the window's lines' galleys together into its galley.
    ///
    /// Putting every row together again ([`Galley::concat`]) touches each row of the
    /// window, which, when the window is a 5 MB story's whole text, takes longer than the
    /// keystroke's own work. Instead the rows of the lines that changed are put in place in
    /// a galley nobody else holds: the newest, or, while the field still holds that (a
    /// keystroke lays out twice in one frame), the one before it, brought up to date from
    /// its own text. Only when neither can be used (the first layout, a new width, a window
    /// that moved) is everything put together.
    ///
    /// `change` is how the window's text differs from the newest galley's, when known.
    fn assemble(&mut self, look: &Look, change: Option<Change>) {
        let base = self.window.start;
        let text = &self.text[self.window.clone()];
        let lines = &self.lines[self.shown.clone()];
        if let [only] = lines {
            self.galley = Some(Assembled {
                galley: only.galley.clone(),
                base,
                rows: vec![only.galley.rows.len() as u32],
                colours: vec![only.colour],
            });
            self.spare = None;
            return;
        }
        if let Some(mut newest) = self.galley.take() {
            let known = change.filter(|c| c.old_len == newest.galley.text().len());
            if let Some(replaced) = (newest.rows.len() > 1 && newest.base == base)
                .then(|| patch(&mut newest, lines, base, text, look, known))
                .flatten()
            {
                // After a change to much of the story (Replace All, a long selection
                // deleted and undone) the one before holds the old rows of all of it: they
                // are let go rather than kept until the next keystroke.
                if replaced > SPARE_LIMIT {
                    self.spare = None;
                }
                self.galley = Some(newest);
                return;
            }
            // held by the field: the one before, if nobody holds that
            if let Some(mut before) = self.spare.take()
                && before.rows.len() > 1
                && before.base == base
                && patch(&mut before, lines, base, text, look, None).is_some()
            {
                self.spare = Some(newest);
                self.galley = Some(before);
                return;
            }
            self.galley = Some(newest);
        }
        let galleys: Vec<Arc<Galley>> = lines.iter().map(|l| l.galley.clone()).collect();
        let galley = Arc::new(Galley::concat(
            Arc::new(whole_job(text, look)),
            &galleys,
            look.pixels_per_point,
        ));
        let fresh = Assembled {
            galley,
            base,
            rows: lines.iter().map(|l| l.galley.rows.len() as u32).collect(),
            colours: lines.iter().map(|l| l.colour).collect(),
        };
        self.spare = self.galley.replace(fresh);
    }
}

/// How a text differs from the one before: the same `head` bytes at the start and `tail`
/// at the end, not overlapping.
#[derive(Debug, Clone, Copy)]
struct Change {
    /// The length of the text before.
    old_len: usize,
    head: usize,
    tail: usize,
}

/// A whole galley, with the number of rows and the colours of each of its lines.
struct Assembled {
    galley: Arc<Galley>,
    /// Where its text starts in the whole text.
    base: usize,
    rows: Vec<u32>,
    colours: Vec<u64>,
}

/// The layout job of the whole text (its galley is put together from the lines').
fn whole_job(text: &str, look: &Look) -> LayoutJob {
    let mut job = LayoutJob {
        text: text.to_owned(),
        ..LayoutJob::default()
    };
    job.sections.push(LayoutSection {
        leading_space: 0.0,
        byte_range: ByteIndex(0)..ByteIndex(text.len()),
        format: plain(look),
    });
    job.wrap.max_width = look.width;
    job
}

/// Rows replaced in a patch above which the spare galley is let go (see
/// [`BodyLayout::assemble`]).
const SPARE_LIMIT: usize = 2_000;

/// Brings `a` up to date with `lines` (the lines of `text`, which starts at byte `base` of
/// the whole text the lines' places are counted in) in place, when nobody else
/// holds its galley: the rows of lines whose text or colours changed are replaced and the
/// rows below moved by the change in height. Returns how many rows were replaced, or
/// `None`, changing nothing, when it cannot (the galley is held elsewhere, or its lines do
/// not match). `known` is how `text` differs from the galley's, when the caller knows (a
/// comparison of two 5 MB texts saved).
fn patch(
    a: &mut Assembled,
    lines: &[Line],
    base: usize,
    text: &str,
    look: &Look,
    known: Option<Change>,
) -> Option<usize> {
    let g = Arc::get_mut(&mut a.galley)?;
    let old = g.text();
    let (n, nx) = (lines.len(), a.rows.len());
    let (p, s) = match known {
        Some(c) => (c.head, c.tail),
        None => {
            let p = common_prefix(old.as_bytes(), text.as_bytes());
            let s = common_suffix(
                old.as_bytes(),
                text.as_bytes(),
                old.len().min(text.len()) - p,
            );
            (p, s)
        }
    };
    let old_len = old.len();
    // Lines wholly in the common start or end are the same lines in both texts.
    let h = lines.partition_point(|l| l.start - base + l.len < p);
    let tail_from = text.len() - s + 1;
    let t = n - lines.partition_point(|l| l.start == base || l.start - base < tail_from);
    if h + t >= n || h + t >= nx || g.rows.is_empty() {
        return None;
    }
    let ppp = look.pixels_per_point;
    let total: usize = a.rows.iter().map(|&r| r as usize).sum();
    if total != g.rows.len() {
        return None;
    }
    let head_rows: usize = a.rows[..h].iter().map(|&r| r as usize).sum();
    let tail_rows: usize = a.rows[nx - t..].iter().map(|&r| r as usize).sum();
    let old_mid = total - head_rows - tail_rows;
    // Lines kept whose colours changed: the same rows in the same places, other colours.
    let kept = (0..h)
        .map(|i| (i, i))
        .chain((0..t).map(|k| (n - t + k, nx - t + k)));
    let recoloured: Vec<(usize, usize)> = kept
        .filter(|&(new, old_line)| a.colours[old_line] != lines[new].colour)
        .collect();
    // where each old line's rows begin (only needed, and only worked out, when some are
    // recoloured)
    let mut first_row = Vec::new();
    if !recoloured.is_empty() {
        first_row = vec![0usize; nx + 1];
        for (i, &r) in a.rows.iter().enumerate() {
            first_row[i + 1] = first_row[i] + r as usize;
        }
    }
    if recoloured
        .iter()
        .any(|&(new, old_line)| lines[new].galley.rows.len() != a.rows[old_line] as usize)
    {
        return None;
    }
    let mut recoloured_rows = 0;
    for (new, old_line) in recoloured {
        let line = &lines[new];
        let at = first_row[old_line];
        recoloured_rows += line.galley.rows.len();
        for (k, pr) in line.galley.rows.iter().enumerate() {
            let placed = &mut g.rows[at + k];
            g.num_vertices = g.num_vertices - placed.visuals.mesh.vertices.len()
                + pr.visuals.mesh.vertices.len();
            g.num_indices =
                g.num_indices - placed.visuals.mesh.indices.len() + pr.visuals.mesh.indices.len();
            placed.row = pr.row.clone();
        }
        a.colours[old_line] = line.colour;
    }
    // The changed lines' rows, placed as `Galley::concat` places them.
    let bottom = |row: Option<&PlacedRow>| row.map_or(0.0, |r| r.rect().bottom());
    let mut y = bottom(head_rows.checked_sub(1).map(|i| &g.rows[i]));
    let old_bottom = bottom((head_rows + old_mid).checked_sub(1).map(|i| &g.rows[i]));
    let (mut vertices, mut indices) = (0, 0);
    for r in &g.rows[head_rows..head_rows + old_mid] {
        vertices += r.visuals.mesh.vertices.len();
        indices += r.visuals.mesh.indices.len();
    }
    g.num_vertices -= vertices;
    g.num_indices -= indices;
    let mut fresh = Vec::new();
    for (k, line) in lines[h..n - t].iter().enumerate() {
        let last_line = h + k + 1 == n;
        let offset = y;
        let count = line.galley.rows.len();
        for (ri, pr) in line.galley.rows.iter().enumerate() {
            let pos = (pr.pos + offset * Vec2::Y).round_to_pixels(ppp);
            y = y.max(pos.y + pr.size.y);
            g.mesh_bounds |= pr.visuals.mesh_bounds.translate(pos.to_vec2());
            g.rect |= Rect::from_min_size(pos, pr.size);
            g.num_vertices += pr.visuals.mesh.vertices.len();
            g.num_indices += pr.visuals.mesh.indices.len();
            fresh.push(PlacedRow {
                pos,
                row: pr.row.clone(),
                ends_with_newline: pr.ends_with_newline || (!last_line && ri + 1 == count),
            });
        }
    }
    // The rows below move by the change in height, in whole pixels so their own spacing
    // stays exact.
    let dy = ((y - old_bottom) * ppp).round() / ppp;
    if head_rows > 0 {
        g.rows[head_rows - 1].ends_with_newline = true;
    }
    let fresh_rows = fresh.len();
    g.rows.splice(head_rows..head_rows + old_mid, fresh);
    if dy != 0.0 {
        for r in &mut g.rows[head_rows + fresh_rows..] {
            r.pos.y += dy;
        }
        if tail_rows > 0 {
            g.mesh_bounds.max.y += dy;
        }
    }
    let last = g.rows.last().map_or(0.0, |r| r.rect().bottom());
    g.rect.max.y = last;
    g.mesh_bounds.max.y = g.mesh_bounds.max.y.min(last + 2.0 * look.font.size);
    g.rect = g.rect.round_ui();
    g.rect.max.x = g.rect.max.x.at_most(g.rect.min.x + look.width).floor_ui();
    // The text: the changed stretch replaced in place.
    let job = Arc::make_mut(&mut g.job);
    job.text
        .replace_range(p..old_len - s, &text[p..text.len() - s]);
    if let Some(section) = job.sections.first_mut() {
        section.byte_range = ByteIndex(0)..ByteIndex(text.len());
    }
    a.rows.splice(
        h..nx - t,
        lines[h..n - t].iter().map(|l| l.galley.rows.len() as u32),
    );
    a.colours
        .splice(h..nx - t, lines[h..n - t].iter().map(|l| l.colour));
    Some(old_mid + recoloured_rows)
}

/// The plain text format of the body.
fn plain(look: &Look) -> TextFormat {
    let tokens = if look.dark {
        crate::ui::tokens::Tokens::DARK
    } else {
        crate::ui::tokens::Tokens::LIGHT
    };
    TextFormat::simple(look.font.clone(), tokens.text)
}

/// A line's layout job with its colour sections (relative to the line).
fn line_job(text: &str, sections: &[(Range<usize>, TextFormat)], look: &Look) -> LayoutJob {
    let mut job = LayoutJob {
        text: text.to_owned(),
        sections: Vec::with_capacity(sections.len()),
        ..LayoutJob::default()
    };
    for (range, format) in sections {
        job.sections.push(LayoutSection {
            leading_space: 0.0,
            byte_range: ByteIndex(range.start)..ByteIndex(range.end),
            format: format.clone(),
        });
    }
    job.wrap.max_width = look.width;
    job
}

/// What a line's colours are, in a number: lines whose number is unchanged keep their galley.
/// (With aHash, as egui hashes its own keys: a whole-story layout takes one per line.)
fn fingerprint(sections: &[(Range<usize>, TextFormat)]) -> u64 {
    let mut h = ahash::AHasher::default();
    sections.hash(&mut h);
    h.finish()
}

/// How many bytes `a` and `b` share at their start (compared a block at a time).
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const BLOCK: usize = 4096;
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// How many bytes `a` and `b` share at their end, at most `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    const BLOCK: usize = 4096;
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + BLOCK <= max && a[la - i - BLOCK..la - i] == b[lb - i - BLOCK..lb - i] {
        i += BLOCK;
    }
    while i < max && a[la - i - 1] == b[lb - i - 1] {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    impl BodyLayout {
        /// The whole text as the window: `text` is the story's body at `revision`, or a
        /// keystroke's text (`None`).
        #[allow(
            clippy::too_many_arguments,
            reason = "the layout's own, and the text's"
        )]
        fn layout_whole(
            &mut self,
            ctx: &egui::Context,
            text: &str,
            revision: Option<u64>,
            look: &Look,
            sight: Range<f32>,
            colouring: u64,
            colours: &mut Colours<'_>,
        ) -> Arc<Galley> {
            if let Some(r) = revision {
                self.sync(ctx, text, r);
            }
            self.set_window(0..self.text.len());
            self.layout(ctx, text, look, sight, colouring, colours)
        }
    }

    fn look() -> Look {
        Look {
            width: 300.0,
            font: FontId::proportional(14.0),
            dark: false,
            atlas: 0,
            pixels_per_point: 1.0,
        }
    }

    /// Colours every `*` red and the rest plain.
    fn stars(
        text: &str,
        range: Range<usize>,
        _: Since,
        _: Option<u64>,
    ) -> Vec<(Range<usize>, TextFormat)> {
        let look = look();
        let red = TextFormat::simple(look.font.clone(), egui::Color32::RED);
        let mut out = Vec::new();
        for (i, c) in text[range.clone()].char_indices() {
            let at = range.start + i;
            let f = if c == '*' { red.clone() } else { plain(&look) };
            out.push((at..at + c.len_utf8(), f));
        }
        out
    }

    fn whole(ctx: &egui::Context, text: &str) -> Arc<Galley> {
        let look = look();
        let mut job = LayoutJob::default();
        for (r, f) in stars(text, 0..text.len(), Since::Unknown, None) {
            job.append(&text[r], 0.0, f);
        }
        if text.is_empty() {
            job.append("", 0.0, plain(&look));
        }
        job.wrap.max_width = look.width;
        ctx.fonts_mut(|f| f.layout_job(job))
    }

    /// Lays out with everything in sight (so every line coloured), like egui would.
    fn check(ctx: &egui::Context, l: &mut BodyLayout, text: &str) -> Arc<Galley> {
        let g = l.layout_whole(ctx, text, None, &look(), 0.0..1e9, 0, &mut stars);
        let e = whole(ctx, text);
        assert_eq!(g.text(), text);
        assert_eq!(g.rows.len(), e.rows.len(), "rows of {text:?}");
        for (a, b) in g.rows.iter().zip(&e.rows) {
            // within a pixel: rows below a change are moved by whole pixels, and a glyph's
            // place within a pixel may differ with how the text was split into sections
            let near = |x: f32, y: f32| (x - y).abs() <= 1.0;
            assert!(
                near(a.pos.x, b.pos.x) && near(a.pos.y, b.pos.y),
                "{:?} {:?} {text:?}",
                a.pos,
                b.pos
            );
            assert_eq!(a.ends_with_newline, b.ends_with_newline, "{text:?}");
            assert_eq!(a.glyphs.len(), b.glyphs.len(), "{text:?}");
            assert!(
                near(a.size.x, b.size.x) && a.size.y == b.size.y,
                "{:?} {:?} {text:?}",
                a.size,
                b.size
            );
            // the same colours in the same order (where a glyph falls within a pixel may
            // differ with how the text was split into sections)
            let colours = |m: &egui::Mesh| m.vertices.iter().map(|v| v.color).collect::<Vec<_>>();
            assert_eq!(
                colours(&a.visuals.mesh),
                colours(&b.visuals.mesh),
                "colours of {text:?}"
            );
        }
        assert!(
            (g.rect.height() - e.rect.height()).abs() <= 1.0,
            "{:?} {:?}",
            g.rect,
            e.rect
        );
        // the lines kept in place and moved are where a fresh count puts them
        let (mut top, mut start, mut row, mut char) = (0.0f64, 0, 0, 0);
        for line in &l.lines {
            assert_eq!(
                (line.start, line.top, line.first_row, line.first_char),
                (start, top, row, char),
                "{text:?}"
            );
            assert_eq!(line.height, line.galley.rect.height());
            assert_eq!(line.rows, line.galley.rows.len());
            assert_eq!(&text[line.range()], line.galley.text());
            top += f64::from(line.height);
            start += line.len + 1;
            row += line.rows;
            char += line.chars + 1;
        }
        // where each row starts, found from the lines, is where walking the rows puts it
        let (mut byte, mut char) = (0, 0);
        for (i, row) in g.rows.iter().enumerate() {
            assert_eq!(
                l.row_start(&g, i),
                Some((byte, char)),
                "row {i} of {text:?}"
            );
            let n = row.char_count_including_newline().0;
            byte += text[byte..]
                .chars()
                .take(n)
                .map(char::len_utf8)
                .sum::<usize>();
            char += n;
        }
        assert_eq!(
            l.row_start(&e, 0),
            None,
            "another galley is not this layout's"
        );
        // every character's byte, found from its line, is where counting puts it
        let count = text.chars().count();
        for c in 0..=count {
            let counted = text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
            assert_eq!(l.place(c), Some(counted), "character {c} of {text:?}");
        }
        assert_eq!(l.place(count + 1), None, "past the end of {text:?}");
        g
    }

    fn ctx() -> egui::Context {
        let ctx = egui::Context::default();
        let mut out = ctx.run_ui(egui::RawInput::default(), |_| {});
        out.textures_delta.clear();
        ctx
    }

    #[test]
    fn edits_anywhere_give_what_egui_lays_out_for_the_whole_text() {
        let ctx = ctx();
        let mut l = BodyLayout::default();
        let base = "First *line* of the text, long enough to wrap at three hundred points \
                    of width, surely.\n\nSecond.\n\n*Third*\nFourth";
        check(&ctx, &mut l, base);
        let edits: &[(usize, usize, &str)] = &[
            (0, 0, "X"),
            (5, 6, ""),
            (base.len(), base.len(), "\n"),
            (base.len(), base.len(), "\n\n"),
            (10, 10, "\n"),
            (0, base.len(), ""),
            (0, 0, "only"),
            (0, 4, "a\nb\nc"),
            (2, 3, ""),
            (1, 2, ""),
            (0, 0, "\n"),
            // several bytes a character (a right-to-left script is left out: egui's own
            // layout of the whole text, with a section per character, repeats its letters)
            (3, 3, "é — ü\n\nçà "),
            (12, 14, ""),
        ];
        let mut text = base.to_owned();
        let mut held = None;
        for (n, (a, b, with)) in edits.iter().enumerate() {
            let (a, b) = ((*a).min(text.len()), (*b).min(text.len()));
            text.replace_range(a..b, with);
            // every other time the last galley is still held (as the window holds it while
            // a keystroke is laid out): the one before is brought up to date instead
            let g = check(&ctx, &mut l, &text);
            held = (n % 2 == 0).then_some(g);
        }
        drop(held);
    }

    #[test]
    fn colours_are_told_what_stayed_the_same_since_they_were_last_asked() {
        let ctx = ctx();
        let mut l = BodyLayout::default();
        let mut text: String = (0..200).map(|n| format!("Paragraph {n}.\n\n")).collect();
        let mut last: Option<String> = None;
        let mut told = Vec::new();
        let mut layout = |l: &mut BodyLayout, text: &str, look: &Look, told: &mut Vec<Since>| {
            let mut colours = |t: &str, range: Range<usize>, since: Since, _: Option<u64>| {
                match (since, last.as_deref()) {
                    (Since::Same, Some(old)) => assert_eq!(old, t),
                    (Since::Kept { head, tail }, Some(old)) => {
                        assert!(head + tail <= old.len().min(t.len()));
                        assert_eq!(old[..head], t[..head], "the same start");
                        assert_eq!(old[old.len() - tail..], t[t.len() - tail..], "the same end");
                        assert!(
                            head + tail + 8 >= old.len().min(t.len()),
                            "all but the few bytes edited: {head} {tail}"
                        );
                    }
                    (Since::Unknown, _) => {}
                    (_, None) => panic!("{since:?} on the first call"),
                }
                told.push(since);
                last = Some(t.to_owned());
                stars(t, range, since, None)
            };
            l.layout_whole(&ctx, text, None, look, 0.0..400.0, 0, &mut colours);
        };
        layout(&mut l, &text, &look(), &mut told);
        for (n, at) in [100usize, 5, 1500, 0, 2000].into_iter().enumerate() {
            let at = at.min(text.len());
            if n % 2 == 0 {
                text.insert_str(at, "ab\n");
            } else {
                text.replace_range(at..at + 3, "");
            }
            layout(&mut l, &text, &look(), &mut told);
            // the frame lays the story out again: nothing changed
            layout(&mut l, &text, &look(), &mut told);
        }
        let wider = Look {
            width: 400.0,
            ..look()
        };
        layout(&mut l, &text, &wider, &mut told);
        assert_eq!(told[0], Since::Unknown, "nothing known at first");
        assert!(
            told[1..told.len() - 1]
                .iter()
                .all(|s| matches!(s, Since::Kept { .. } | Since::Same)),
            "{told:?}"
        );
        assert_eq!(
            told.last(),
            Some(&Since::Unknown),
            "a new width starts over"
        );
    }

    /// The galley of a window of the text is the whole text's rows for those lines, moved
    /// up by the window's top; where its rows start, found from the lines, is in the
    /// window's text.
    fn check_window(ctx: &egui::Context, l: &BodyLayout, g: &Galley, text: &str, w: &Window) {
        let e = whole(ctx, text);
        assert_eq!(g.text(), &text[w.bytes.clone()]);
        let first = e
            .rows
            .iter()
            .position(|r| (r.pos.y - w.top).abs() <= 1.0)
            .expect("a row at the window's top");
        let (mut byte, mut char) = (0, 0);
        for (i, row) in g.rows.iter().enumerate() {
            let whole_row = &e.rows[first + i];
            assert!(
                (row.pos.y + w.top - whole_row.pos.y).abs() <= 1.0,
                "row {i}"
            );
            assert_eq!(row.glyphs.len(), whole_row.glyphs.len(), "row {i}");
            assert_eq!(l.row_start(g, i), Some((byte, char)), "row {i}");
            let n = row.char_count_including_newline().0;
            byte += g.text()[byte..]
                .chars()
                .take(n)
                .map(char::len_utf8)
                .sum::<usize>();
            char += n;
        }
        assert_eq!(char, w.end_chars - w.chars);
        // the places of the whole text, from the lines
        let chars = text.chars().count();
        assert_eq!(l.char_count(), Some(chars));
        for b in [0, w.bytes.start, w.bytes.end, text.len() / 2, text.len()] {
            let c = text[..b].chars().count();
            assert_eq!(l.chars_before(b), Some(c), "byte {b}");
            assert_eq!(l.place(c), Some(b), "character {c}");
        }
    }

    /// A long text's window: laid out from the whole text's lines, and a keystroke in it
    /// changes the whole text laid out (and only the lines it touched).
    #[test]
    fn a_window_of_a_long_text_is_its_rows_and_takes_keystrokes_in_place() {
        let ctx = ctx();
        let mut l = BodyLayout::default();
        let text: String = (0..300)
            .map(|n| format!("Paragraph *{n}* of a story long enough to wrap here and there.\n\n"))
            .collect();
        l.sync(&ctx, &text, 1);
        l.set_window(0..text.len());
        l.layout(&ctx, &text, &look(), 0.0..1e9, 0, &mut stars);
        let w = l.window(3_000.0, 3_600.0, None).expect("a window");
        assert!(w.bytes.start > 0 && w.bytes.end < text.len(), "{w:?}");
        assert_eq!(l.window(3_000.0, 3_600.0, Some(5..5)).unwrap().chars, 0);
        l.set_window(w.bytes.clone());
        let held = &text[w.bytes.clone()];
        let g = l.layout(&ctx, held, &look(), 3_000.0..3_600.0, 0, &mut stars);
        check_window(&ctx, &l, &g, &text, &w);
        // a keystroke in the window: the whole text has it, and the window grows by it
        let at = held.len() / 2;
        let typed = format!("{}X *bold* and\n\nnew {}", &held[..at], &held[at..]);
        let before = l.lines_laid_out();
        let g = l.layout(&ctx, &typed, &look(), 3_000.0..3_600.0, 0, &mut stars);
        assert!(l.lines_laid_out() - before < 10, "only the lines typed in");
        let whole_typed = format!("{}{typed}{}", &text[..w.bytes.start], &text[w.bytes.end..]);
        assert_eq!(l.text(), whole_typed);
        assert_eq!(l.revision(), None);
        let w2 = Window {
            bytes: w.bytes.start..w.bytes.start + typed.len(),
            end_chars: w.end_chars + typed.chars().count() - held.chars().count(),
            ..w.clone()
        };
        check_window(&ctx, &l, &g, &whole_typed, &w2);
        // the story takes the keystroke: its next revision is the same text, compared once
        l.sync(&ctx, &whole_typed, 2);
        assert_eq!(l.revision(), Some(2));
        // an edit from elsewhere above the window (an undo): the lines follow it
        let undone = whole_typed.replacen("Paragraph *3*", "P *3*", 1);
        l.sync(&ctx, &undone, 3);
        let w3 = l.window(3_000.0, 3_600.0, None).unwrap();
        l.set_window(w3.bytes.clone());
        let g = l.layout(
            &ctx,
            &undone[w3.bytes.clone()],
            &look(),
            3_000.0..3_600.0,
            0,
            &mut stars,
        );
        check_window(&ctx, &l, &g, &undone, &w3);
    }

    #[test]
    fn a_keystroke_lays_out_one_line_of_many() {
        let ctx = ctx();
        let mut l = BodyLayout::default();
        let mut text: String = (0..2_000).map(|n| format!("Paragraph {n}.\n\n")).collect();
        l.layout_whole(&ctx, &text, Some(1), &look(), 0.0..400.0, 0, &mut stars);
        let first = l.lines_laid_out();
        assert!(first >= 4_000, "every line laid out once: {first}");
        let at = text.find("Paragraph 1000.").unwrap();
        text.insert(at, '*');
        let g = l.layout_whole(&ctx, &text, None, &look(), 0.0..400.0, 0, &mut stars);
        assert_eq!(l.lines_laid_out() - first, 1, "only the line typed in");
        assert_eq!(g.text(), text);
        // the same text again as the story's next revision: nothing laid out
        l.layout_whole(&ctx, &text, Some(2), &look(), 0.0..400.0, 0, &mut stars);
        assert_eq!(l.lines_laid_out() - first, 1);
    }

    #[test]
    fn lines_are_coloured_as_they_come_into_sight() {
        let ctx = ctx();
        let mut l = BodyLayout::default();
        let text: String = (0..2_000).map(|n| format!("*{n}*\n")).collect();
        let red = |l: &BodyLayout| l.count_sections(|f| f.color == egui::Color32::RED);
        l.layout_whole(&ctx, &text, Some(1), &look(), 0.0..400.0, 0, &mut stars);
        let near_top = red(&l);
        assert!(near_top > 0 && near_top < 400, "{near_top} red sections");
        let g = l.layout_whole(&ctx, &text, Some(1), &look(), 0.0..400.0, 0, &mut stars);
        let bottom = g.rect.height();
        let before = l.lines_laid_out();
        l.layout_whole(
            &ctx,
            &text,
            Some(1),
            &look(),
            bottom - 400.0..bottom,
            0,
            &mut stars,
        );
        assert!(
            l.lines_laid_out() > before,
            "the end coloured when scrolled to"
        );
        let last = l.lines.last().unwrap();
        assert!(last.galley.job.sections.len() > 1 || last.len == 0);
        let near_end = &l.lines[l.lines.len() - 3];
        assert!(
            near_end
                .galley
                .job
                .sections
                .iter()
                .any(|s| s.format.color == egui::Color32::RED)
        );
    }

    #[test]
    fn common_ends_are_found_across_blocks() {
        let a = "x".repeat(10_000);
        let mut b = a.clone();
        b.replace_range(5_000..5_001, "y");
        assert_eq!(common_prefix(a.as_bytes(), b.as_bytes()), 5_000);
        assert_eq!(common_suffix(a.as_bytes(), b.as_bytes(), 5_000), 4_999);
        assert_eq!(common_prefix(b"abc", b"abc"), 3);
        assert_eq!(common_suffix(b"abc", b"zbc", 3), 2);
        assert_eq!(common_suffix(b"", b"a", 0), 0);
    }
}
