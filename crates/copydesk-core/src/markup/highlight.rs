//! Colouring the body markup in the editor: runs of text that share one [`Mark`].

use std::collections::HashMap;
use std::hash::Hasher as _;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

use super::{MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH, RELATED_PREFIX, options};

/// What a stretch of body text is, for colouring it in the editor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Inside a subheading.
    pub subheading: bool,
    /// Inside a block quotation.
    pub quote: bool,
    /// Bold.
    pub strong: bool,
    /// Italic.
    pub emphasis: bool,
    /// Inside a link.
    pub link: bool,
    /// A related-link anchor.
    pub related: bool,
    /// Markup characters themselves: `#`, `>`, `*`, `[`, `](url)`, `---`, list bullets.
    pub syntax: bool,
}

/// Splits the body into runs that share one [`Mark`], covering the whole text in order.
/// The editor colours each run; it caches the result and calls this only when the text changed.
pub fn highlight(text: &str) -> Vec<(Range<usize>, Mark)> {
    #[derive(Clone, Copy)]
    enum Kind {
        Subheading,
        Quote,
        Strong,
        Emphasis,
        Link,
        Related,
        Syntax,
    }
    let mut spans: Vec<(Range<usize>, Kind)> = Vec::new();
    let mut inner_text: Vec<Range<usize>> = Vec::new();
    // Open styled tags, and whether each is recorded: past the nesting limits the colour is
    // already set by the tags around, and recording them all would make deep nesting slow.
    let mut stack: Vec<(Kind, Range<usize>, bool)> = Vec::new();
    let (mut blocks, mut inlines) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => blocks += 1,
            Event::End(TagEnd::List(_)) => blocks = blocks.saturating_sub(1),
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { .. } => Some(Kind::Subheading),
                    Tag::BlockQuote(_) => Some(Kind::Quote),
                    Tag::Strong => Some(Kind::Strong),
                    Tag::Emphasis => Some(Kind::Emphasis),
                    Tag::Link {
                        link_type: LinkType::WikiLink { .. },
                        ref dest_url,
                        ..
                    } if dest_url.starts_with(RELATED_PREFIX) => Some(Kind::Related),
                    Tag::Link { .. } => Some(Kind::Link),
                    Tag::Item => {
                        if blocks < MAX_BLOCK_DEPTH {
                            spans.push((range.clone(), Kind::Syntax));
                        }
                        None
                    }
                    _ => None,
                };
                if let Some(kind) = kind {
                    let depth = match kind {
                        Kind::Quote => &mut blocks,
                        _ => &mut inlines,
                    };
                    let limit = if matches!(kind, Kind::Quote) {
                        MAX_BLOCK_DEPTH
                    } else {
                        MAX_INLINE_DEPTH
                    };
                    stack.push((kind, range, *depth < limit));
                    *depth += 1;
                }
            }
            Event::End(end) => {
                let kind_matches = matches!(
                    end,
                    TagEnd::Heading(_)
                        | TagEnd::BlockQuote(_)
                        | TagEnd::Strong
                        | TagEnd::Emphasis
                        | TagEnd::Link
                );
                if kind_matches && let Some((kind, r, recorded)) = stack.pop() {
                    let depth = match kind {
                        Kind::Quote => &mut blocks,
                        _ => &mut inlines,
                    };
                    *depth = depth.saturating_sub(1);
                    if recorded {
                        spans.push((r, kind));
                    }
                }
            }
            Event::Text(_) | Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => {
                inner_text.push(range)
            }
            Event::Rule => spans.push((range, Kind::Syntax)),
            _ => {}
        }
    }
    // Markup characters are what lies inside a styled span but outside its text: the `**`
    // around bold text, the `## ` of a heading, `](url)` after link text.
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for (r, _) in &spans {
        bounds.push(r.start);
        bounds.push(r.end);
    }
    for r in &inner_text {
        bounds.push(r.start);
        bounds.push(r.end);
    }
    bounds.sort_unstable();
    bounds.dedup();
    bounds.retain(|&b| b <= text.len() && text.is_char_boundary(b));

    // Sweep the segments; spans are few compared with characters, and this runs only on change.
    let mut out: Vec<(Range<usize>, Mark)> = Vec::with_capacity(bounds.len());
    let mut span_idx: Vec<usize> = (0..spans.len()).collect();
    span_idx.sort_by_key(|&i| spans[i].0.start);
    let mut text_idx = 0;
    inner_text.sort_by_key(|r| r.start);
    let mut active: Vec<usize> = Vec::new();
    let mut next_span = 0;
    for w in bounds.windows(2) {
        let seg = w[0]..w[1];
        if seg.is_empty() {
            continue;
        }
        while next_span < span_idx.len() && spans[span_idx[next_span]].0.start <= seg.start {
            active.push(span_idx[next_span]);
            next_span += 1;
        }
        active.retain(|&i| spans[i].0.end > seg.start);
        while text_idx < inner_text.len() && inner_text[text_idx].end <= seg.start {
            text_idx += 1;
        }
        let in_text = inner_text[text_idx..]
            .iter()
            .take_while(|r| r.start <= seg.start)
            .any(|r| r.start <= seg.start && seg.end <= r.end);
        let mut mark = Mark::default();
        for &i in &active {
            match spans[i].1 {
                Kind::Subheading => mark.subheading = true,
                Kind::Quote => mark.quote = true,
                Kind::Strong => mark.strong = true,
                Kind::Emphasis => mark.emphasis = true,
                Kind::Link => mark.link = true,
                Kind::Related => mark.related = true,
                Kind::Syntax => mark.syntax = true,
            }
        }
        let styled = mark.subheading || mark.strong || mark.emphasis || mark.link;
        if styled && !in_text && !mark.related {
            mark.syntax = true;
        }
        match out.last_mut() {
            Some((r, m)) if *m == mark && r.end == seg.start => r.end = seg.end,
            _ => out.push((seg, mark)),
        }
    }
    out
}

/// How a text differs from the one a [`Highlighter`] was last given, so that it can keep
/// the chunk boundaries it found (finding them means scanning the text from its start: a
/// 5 MB story's whole length, for every keystroke, if nothing is known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Since {
    /// It is the same text.
    Same,
    /// It begins with the same `head` bytes and ends with the same `tail` bytes (which do
    /// not overlap in either text); what lies between changed.
    Kept {
        /// Bytes at the start that are the same.
        head: usize,
        /// Bytes at the end that are the same.
        tail: usize,
    },
    /// Nothing is known: another story, or the first text.
    #[default]
    Unknown,
}

impl Since {
    /// What is known after `self` and then `next` happened.
    #[must_use]
    pub fn then(self, next: Since) -> Since {
        match (self, next) {
            (Since::Same, x) | (x, Since::Same) => x,
            (Since::Kept { head: h1, tail: t1 }, Since::Kept { head: h2, tail: t2 }) => {
                Since::Kept {
                    head: h1.min(h2),
                    tail: t1.min(t2),
                }
            }
            _ => Since::Unknown,
        }
    }
}

/// A chunk's runs, and the call that last saw it.
#[derive(Debug)]
struct Kept {
    runs: Vec<(Range<usize>, Mark)>,
    seen: u64,
}

/// Colours a body chunk by chunk, keeping each chunk's runs for the next call: after a
/// keystroke only the chunk typed in is read again, so colouring a 5 MB story costs a scan
/// for chunk boundaries and a fingerprint per chunk, not a markup parse of the whole text.
///
/// A chunk ends at a blank line followed by a line that starts at the left margin (outside
/// a fenced block): a new block, which the markup reads the same alone as in the whole text.
/// Link reference definitions (`[x]: address`) are not carried from one chunk to another;
/// the body's own links are written inline.
#[derive(Debug, Default)]
pub struct Highlighter {
    /// Runs of each chunk seen, relative to its start, by fingerprint and length.
    chunks: HashMap<(u64, usize), Kept>,
    /// Counts calls, to forget chunks the last call did not see.
    pass: u64,
    /// How many chunks have been read (not found kept), for tests.
    read: u64,
    /// Where each chunk of the last text given starts, in order.
    bounds: Vec<usize>,
    /// The length of the last text given (`None` before the first).
    len: Option<usize>,
    /// How many bytes were scanned for chunk boundaries, for tests.
    scanned: u64,
}

impl Highlighter {
    /// A highlighter with nothing kept yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same runs as [`highlight`] gives (a run may be split where a chunk ends), read
    /// again only for chunks not seen in the last call.
    pub fn highlight(&mut self, text: &str) -> Vec<(Range<usize>, Mark)> {
        self.highlight_within(text, 0..text.len(), Since::Unknown)
    }

    /// The runs of the chunks that overlap `within` (bytes of `text`), in order: what the
    /// editor needs to colour the paragraphs in sight. Only those chunks are fingerprinted
    /// and, if unseen, read. Chunks outside `within` are forgotten.
    ///
    /// `since` says how `text` differs from the last call's: the chunk boundaries found then
    /// are kept outside the change and only the text around it is scanned again; with
    /// [`Since::Unknown`] the whole text is.
    pub fn highlight_within(
        &mut self,
        text: &str,
        within: Range<usize>,
        since: Since,
    ) -> Vec<(Range<usize>, Mark)> {
        self.pass += 1;
        let pass = self.pass;
        self.find_bounds(text, since);
        let mut runs = Vec::new();
        let whole = within.start == 0 && within.end >= text.len();
        let first = self
            .bounds
            .partition_point(|&b| b <= within.start)
            .saturating_sub(1);
        for (i, &start) in self.bounds.iter().enumerate().skip(first) {
            let end = self.bounds.get(i + 1).copied().unwrap_or(text.len());
            if !whole && start >= within.end {
                break;
            }
            if !whole && end <= within.start {
                continue;
            }
            let chunk = start..end;
            let piece = &text[chunk.clone()];
            let key = (fingerprint(piece.as_bytes()), piece.len());
            let entry = self.chunks.entry(key).or_insert_with(|| {
                self.read += 1;
                Kept {
                    runs: highlight(piece),
                    seen: pass,
                }
            });
            entry.seen = pass;
            runs.extend(
                entry
                    .runs
                    .iter()
                    .map(|(r, m)| (r.start + chunk.start..r.end + chunk.start, *m)),
            );
        }
        self.chunks.retain(|_, kept| kept.seen == pass);
        runs
    }

    /// Brings [`Highlighter::bounds`] up to date for `text`.
    ///
    /// A chunk boundary is decided by the text before it and its own first byte, and at
    /// every boundary the scan is in the same state (after a blank line, outside a fenced
    /// block). So the boundaries before the change hold; the scan starts again from the
    /// last of them and stops at the first boundary inside the unchanged end that was a
    /// boundary before too: from there on both texts, and so their boundaries, are the same.
    fn find_bounds(&mut self, text: &str, since: Since) {
        let old_len = self.len.replace(text.len());
        let (head, tail, old_len) = match (since, old_len) {
            (Since::Same, Some(old)) if old == text.len() => return,
            (Since::Kept { head, tail }, Some(old))
                if head.saturating_add(tail) <= old.min(text.len()) =>
            {
                (head, tail, old)
            }
            _ => (0, 0, 0),
        };
        let keep = self.bounds.partition_point(|&b| b < head);
        let from = keep.checked_sub(1).map_or(0, |i| self.bounds[i]);
        let mut fresh = Vec::new();
        let mut rejoined = None;
        let scan = &text[from..];
        let mut scanned = 0;
        for chunk in chunks(scan) {
            let start = from + chunk.start;
            scanned = chunk.end;
            if start > from && start >= text.len() - tail {
                // the same place in the old text, inside its unchanged end
                let old = start + old_len - text.len();
                if let Ok(i) = self.bounds[keep..].binary_search(&old) {
                    rejoined = Some(keep + i);
                    break;
                }
            }
            fresh.push(start);
        }
        self.scanned += scanned as u64;
        let tail_bounds: Vec<usize> = rejoined
            .map(|i| {
                self.bounds[i..]
                    .iter()
                    .map(|&b| b + text.len() - old_len)
                    .collect()
            })
            .unwrap_or_default();
        self.bounds.truncate(keep.saturating_sub(1));
        self.bounds.extend(fresh);
        self.bounds.extend(tail_bounds);
    }
}

/// The chunks of `text` (see [`Highlighter`]), covering it in order.
fn chunks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut at = 0;
    let mut blank_before = false;
    // the open fence's character and length
    let mut fenced: Option<(u8, usize)> = None;
    let mut lines = text.split_inclusive('\n');
    std::iter::from_fn(move || {
        loop {
            let Some(line) = lines.next() else {
                return (start < text.len()).then(|| {
                    let chunk = start..text.len();
                    start = text.len();
                    chunk
                });
            };
            let line_start = at;
            at += line.len();
            let first = line.as_bytes().first().copied();
            let cut = blank_before
                && fenced.is_none()
                && line_start > start
                && first.is_some_and(|b| !b.is_ascii_whitespace());
            if let Some((mark, n, rest)) = fence(line) {
                match fenced {
                    // closed by as many of its own kind or more, and nothing after them
                    Some((open, m)) if open == mark && n >= m && rest.trim().is_empty() => {
                        fenced = None;
                    }
                    Some(_) => {}
                    // a backtick fence's info string holds no backtick
                    None if mark == b'~' || !rest.contains('`') => fenced = Some((mark, n)),
                    None => {}
                }
            }
            blank_before = line.trim().is_empty();
            if cut {
                let chunk = start..line_start;
                start = line_start;
                return Some(chunk);
            }
        }
    })
}

/// A code fence's character, how many of them, and what follows on its line, if `line`
/// (indented by up to three spaces) starts with one.
fn fence(line: &str) -> Option<(u8, usize, &str)> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let mark = *body.as_bytes().first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let n = body.bytes().take_while(|&b| b == mark).count();
    (n >= 3).then(|| (mark, n, &body[n..]))
}

/// A fast fingerprint of a chunk's bytes: with the length beside it, what [`Highlighter`]
/// keeps chunks by.
fn fingerprint(bytes: &[u8]) -> u64 {
    let mut h = Fingerprint::default();
    h.write(bytes);
    h.finish()
}

/// A fast hasher for fingerprints of one's own text (FxHash's mixing, eight bytes at a time):
/// the standard hasher is built to resist chosen input, which a fingerprint of a story does
/// not need, and costs several times as much on a 5 MB body. Used for the highlighter's
/// chunks and [`crate::document::Document::keys`].
#[derive(Default)]
pub(crate) struct Fingerprint(u64);

impl std::hash::Hasher for Fingerprint {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(w);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in words.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_covers_text_and_marks_syntax() {
        let src = "## Head\n\nSome **bold** [[related:a]] [l](https://e.com)";
        let runs = highlight(src);
        // the runs tile the text exactly
        let mut pos = 0;
        for (r, _) in &runs {
            assert_eq!(r.start, pos);
            pos = r.end;
        }
        assert_eq!(pos, src.len());
        let mark_at = |needle: &str| {
            let at = src.find(needle).unwrap();
            runs.iter().find(|(r, _)| r.contains(&at)).unwrap().1
        };
        assert!(mark_at("## ").syntax && mark_at("## ").subheading);
        assert!(mark_at("Head").subheading && !mark_at("Head").syntax);
        assert!(mark_at("**").syntax);
        assert!(mark_at("bold").strong && !mark_at("bold").syntax);
        assert!(mark_at("[[related").related);
        assert!(mark_at("l](").link);
        assert!(mark_at("](https").syntax);
        assert_eq!(mark_at("Some"), Mark::default());
    }

    #[test]
    fn runs_within_a_range_are_the_whole_texts_runs_there() {
        let src = "Intro with **bold**.\n\n```\ncode [not](a link)\n\nstill code\n```\n\n\
                   > A *quote*\n\n[[related:x]]\n\nLast [link](https://e.com) para.";
        let whole = highlight(src);
        let mut h = Highlighter::new();
        for start in (0..src.len()).filter(|&i| src.is_char_boundary(i)) {
            let end = (start + 7).min(src.len());
            let part = h.highlight_within(src, start..end, Since::Same);
            let (first, last) = (part.first().unwrap().0.start, part.last().unwrap().0.end);
            assert!(first <= start && last >= end, "covers {start}..{end}");
            assert_eq!(
                marks(&src[first..last], &shift(&part, first)),
                marks(&src[first..last], &shift(&clip(&whole, first..last), first)),
                "same marks in {start}..{end}"
            );
        }
    }

    fn shift(runs: &[(Range<usize>, Mark)], by: usize) -> Vec<(Range<usize>, Mark)> {
        runs.iter()
            .map(|(r, m)| (r.start - by..r.end - by, *m))
            .collect()
    }

    fn clip(runs: &[(Range<usize>, Mark)], to: Range<usize>) -> Vec<(Range<usize>, Mark)> {
        runs.iter()
            .filter(|(r, _)| r.end > to.start && r.start < to.end)
            .map(|(r, m)| (r.start.max(to.start)..r.end.min(to.end), *m))
            .collect()
    }

    #[test]
    fn highlight_handles_multibyte_text() {
        let src = "“Now” — **é** 🎉 [[related:ü]]";
        let runs = highlight(src);
        for (r, _) in runs {
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }
    }

    /// Each byte's mark: runs compared whatever their boundaries.
    fn marks(text: &str, runs: &[(Range<usize>, Mark)]) -> Vec<Mark> {
        let mut out = vec![None; text.len()];
        for (r, m) in runs {
            for b in r.clone() {
                assert!(out[b].is_none(), "byte {b} in two runs");
                out[b] = Some(*m);
            }
        }
        out.into_iter()
            .enumerate()
            .map(|(b, m)| m.unwrap_or_else(|| panic!("byte {b} in no run")))
            .collect()
    }

    #[test]
    fn chunk_by_chunk_colours_as_the_whole_text_does() {
        let sample = crate::format::from_bytes(crate::SAMPLE_STORY.as_bytes())
            .unwrap()
            .body;
        let mixed = "## A subheading\n\nA paragraph with **bold** and *italic*, [a link](https://example.com).\n\n\
                     > A quotation\n>\n> over two paragraphs\n\n\
                     - one\n- two\n\n  still item two\n\n\
                     1. first\n\n2. second\n\n\
                     [[related:story-1]]\n\n---\n\n\
                     ```\ncode\n\nstill code\n```\n\nAfter.\n\n    indented\n\nEnd";
        for text in [sample.as_str(), mixed, "", "one line", "\n\n\nx\n\n"] {
            let whole = highlight(text);
            let mut h = Highlighter::new();
            let chunked = h.highlight(text);
            assert_eq!(marks(text, &chunked), marks(text, &whole), "{text:?}");
            // and again, from what was kept
            assert_eq!(marks(text, &h.highlight(text)), marks(text, &whole));
        }
    }

    /// How `new` differs from `old`: the common start and end, not overlapping.
    fn since(old: &str, new: &str) -> Since {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let most = a.len().min(b.len()) - head;
        let tail = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(most)
            .take_while(|(x, y)| x == y)
            .count();
        Since::Kept { head, tail }
    }

    #[test]
    fn kept_chunk_boundaries_are_those_of_a_fresh_scan_after_any_edit() {
        let base = "Intro.\n\n```\ncode\n\nstill code\n```\n\nAfter.\n\n- one\n\n  two\n\n\
                    > quote\n\nEnd para.\n\nLast.";
        // edits that open and close fences, make and unmake blank lines and indents
        let inserts = [
            "x", "\n", "\n\n", "```", "```\n", "\n```\n", " ", "~~~\n", "é",
        ];
        let mut h = Highlighter::new();
        let mut text = base.to_owned();
        h.highlight_within(&text, 0..1, Since::Unknown);
        let mut step = 0usize;
        for at in (0..=base.len()).filter(|&i| base.is_char_boundary(i)) {
            for insert in inserts {
                step += 1;
                let mut new = text.clone();
                let at = at.min(new.len());
                if !new.is_char_boundary(at) {
                    continue;
                }
                if step.is_multiple_of(3) {
                    // a deletion now and then, to go back towards the base
                    new = base.to_owned();
                } else {
                    new.insert_str(at, insert);
                }
                let known = if step.is_multiple_of(7) {
                    since(&text, &new).then(Since::Same)
                } else {
                    since(&text, &new)
                };
                let mid = new.len() / 2;
                let within = new.floor_char_boundary(mid)..new.len();
                let runs = h.highlight_within(&new, within, known);
                let fresh: Vec<usize> = chunks(&new).map(|c| c.start).collect();
                assert_eq!(
                    h.bounds, fresh,
                    "after inserting {insert:?} at {at} in {text:?}"
                );
                let (first, last) = (
                    runs.first().map_or(0, |r| r.0.start),
                    runs.last().map_or(0, |r| r.0.end),
                );
                assert_eq!(
                    marks(&new[first..last], &shift(&runs, first)),
                    marks(
                        &new[first..last],
                        &shift(&clip(&highlight(&new), first..last), first)
                    ),
                    "{new:?}"
                );
                text = new;
            }
        }
    }

    #[test]
    fn a_keystroke_scans_only_the_paragraphs_around_it() {
        let text: String = (0..2000)
            .map(|n| format!("Paragraph {n} with **bold** words.\n\n"))
            .collect();
        let mut h = Highlighter::new();
        h.highlight_within(&text, 0..100, Since::Unknown);
        assert_eq!(
            h.scanned,
            text.len() as u64,
            "the first text is scanned whole"
        );
        let mut typed = text.clone();
        typed.insert(text.find("Paragraph 1000").unwrap() + 3, 'x');
        let at = typed.len() / 2;
        h.highlight_within(&typed, at..at + 10, since(&text, &typed));
        let scanned = h.scanned - text.len() as u64;
        assert!(
            scanned < 200,
            "a paragraph or two is scanned, not the story: {scanned}"
        );
        assert_eq!(
            h.bounds,
            chunks(&typed).map(|c| c.start).collect::<Vec<_>>()
        );
        // a fence opened mid-story changes every boundary after it: scanned to the end
        let mut fenced = typed.clone();
        fenced.insert_str(typed.find("Paragraph 1500").unwrap(), "```\n");
        h.highlight_within(&fenced, 0..10, since(&typed, &fenced));
        assert_eq!(
            h.bounds,
            chunks(&fenced).map(|c| c.start).collect::<Vec<_>>()
        );
        assert_eq!(h.bounds.len(), 1501);
    }

    #[test]
    fn what_is_known_of_two_changes_in_turn() {
        let k = |head, tail| Since::Kept { head, tail };
        assert_eq!(Since::Same.then(k(3, 4)), k(3, 4));
        assert_eq!(k(3, 4).then(Since::Same), k(3, 4));
        assert_eq!(k(3, 9).then(k(5, 2)), k(3, 2));
        assert_eq!(k(3, 9).then(Since::Unknown), Since::Unknown);
        assert_eq!(Since::Unknown.then(Since::Same), Since::Unknown);
    }

    #[test]
    fn after_a_keystroke_only_the_chunk_typed_in_is_read_again() {
        let text: String = (0..150)
            .map(|n| format!("Paragraph {n} with **bold** words.\n\n"))
            .collect();
        let mut h = Highlighter::new();
        h.highlight(&text);
        assert_eq!(
            (h.read, h.chunks.len()),
            (150, 150),
            "a chunk per paragraph"
        );
        let mut typed = text.clone();
        typed.insert(text.find("Paragraph 75").unwrap() + 3, 'x');
        let again = h.highlight(&typed);
        assert_eq!(marks(&typed, &again), marks(&typed, &highlight(&typed)));
        assert_eq!(h.read, 151, "only the paragraph typed in is read again");
        assert_eq!(h.chunks.len(), 150, "the old paragraph is forgotten");
    }
}
