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
}

impl Highlighter {
    /// A highlighter with nothing kept yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same runs as [`highlight`] gives (a run may be split where a chunk ends), read
    /// again only for chunks not seen in the last call.
    pub fn highlight(&mut self, text: &str) -> Vec<(Range<usize>, Mark)> {
        self.highlight_within(text, 0..text.len())
    }

    /// The runs of the chunks that overlap `within` (bytes of `text`), in order: what the
    /// editor needs to colour the paragraphs in sight. Only those chunks are fingerprinted
    /// and, if unseen, read; the rest of the text is only scanned for where chunks end.
    /// Chunks outside `within` are forgotten.
    pub fn highlight_within(
        &mut self,
        text: &str,
        within: Range<usize>,
    ) -> Vec<(Range<usize>, Mark)> {
        self.pass += 1;
        let pass = self.pass;
        let mut runs = Vec::new();
        let whole = within.start == 0 && within.end >= text.len();
        for chunk in chunks(text) {
            if !whole && (chunk.end <= within.start || chunk.start >= within.end) {
                if chunk.start >= within.end {
                    break;
                }
                continue;
            }
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
}

/// The chunks of `text` (see [`Highlighter`]), covering it in order.
fn chunks(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = 0;
    let mut at = 0;
    let mut blank_before = false;
    let mut fenced = false;
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
                && !fenced
                && line_start > start
                && first.is_some_and(|b| !b.is_ascii_whitespace());
            if line.starts_with("```") || line.starts_with("~~~") {
                fenced = !fenced;
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
            let part = h.highlight_within(src, start..end);
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
