//! Right-to-left paragraphs (Arabic, Hebrew…): their lines broken and set from the right, in
//! reading order.

use std::sync::Arc;

use egui::text::LayoutJob;
use egui::{Galley, TextFormat};

/// A right-to-left paragraph, laid out: each line's pieces in screen order, left to right,
/// with the advance after each.
#[derive(Clone)]
pub(super) struct RtlLines {
    pub(super) lines: Vec<RtlLine>,
    /// The widest line's width.
    pub(super) width: f32,
    pub(super) height: f32,
}

#[derive(Clone)]
pub(super) struct RtlLine {
    pub(super) pieces: Vec<(Arc<Galley>, f32)>,
    pub(super) width: f32,
    pub(super) height: f32,
}

/// A right-to-left paragraph laid out as readers read it: broken into lines as typed (the
/// Unicode Bidirectional Algorithm breaks lines before it reorders them), each line's pieces
/// put in screen order by [`copydesk_core::bidi`], every line set against the right edge.
///
/// Each piece (a word, a space, a full stop) is laid out on its own and placed here: egui
/// draws the characters of one run of a font in one direction, and would carry a full stop
/// into the Arabic word beside it, turning it round with the word. Each piece keeps the
/// format (weight, link colour) of the text it came from.
pub(super) fn right_to_left(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    job: &LayoutJob,
) -> RtlLines {
    let text = &job.text;
    let format_at = |byte: usize| {
        job.sections
            .iter()
            .find(|s| (s.byte_range.start.0..s.byte_range.end.0).contains(&byte))
            .or(job.sections.last())
            .map(|s| s.format.clone())
            .unwrap_or_default()
    };
    let rows = break_lines(fonts, text, job.wrap.max_width, &format_at);
    let mut lines = Vec::with_capacity(rows.len());
    let mut height = 0.0;
    for (row, tokens) in rows
        .iter()
        .zip(copydesk_core::bidi::visual_lines(text, &rows))
    {
        let mut line = RtlLine {
            pieces: Vec::with_capacity(tokens.len()),
            width: 0.0,
            height: 0.0,
        };
        for token in tokens {
            let piece = match token.mirrored {
                Some(c) => c.to_string(),
                None => text[token.range.clone()].to_owned(),
            };
            let galley = fonts.layout_job(LayoutJob::single_section(
                piece,
                format_at(token.range.start),
            ));
            let advance = galley.size().x;
            line.width += advance;
            line.height = f32::max(line.height, galley.size().y);
            line.pieces.push((galley, advance));
        }
        if line.pieces.is_empty() {
            // an empty line (two breaks in a row) still takes a line's height
            let probe = LayoutJob::single_section(" ".to_owned(), format_at(row.start));
            line.height = fonts.layout_job(probe).size().y;
        }
        height += line.height;
        lines.push(line);
    }
    let width = lines.iter().map(|l: &RtlLine| l.width).fold(0.0, f32::max);
    RtlLines {
        lines,
        width,
        height,
    }
}

/// Breaks `text` into lines no wider than `width`, at spaces and at its line breaks, in
/// typing order: byte ranges without the spaces or break that end them. A word wider than
/// the line has a line of its own.
///
/// egui's own wrapping cannot be used here: for right-to-left runs it does not keep one
/// glyph per character, so its rows cannot be mapped back to the text.
pub(super) fn break_lines(
    fonts: &mut egui::epaint::text::FontsView<'_>,
    text: &str,
    width: f32,
    format_at: &dyn Fn(usize) -> TextFormat,
) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (n, hard) in text.split('\n').enumerate() {
        if n > 0 {
            start += 1; // the line break
        }
        let mut line = start..start;
        let mut used = 0.0;
        // words with the spaces after them
        let mut at = start;
        for word in hard.split_inclusive(char::is_whitespace) {
            let range = at..at + word.len();
            at = range.end;
            let bare = word.trim_end();
            let measure = |fonts: &mut egui::epaint::text::FontsView<'_>, s: &str| {
                let job = LayoutJob::single_section(s.to_owned(), format_at(range.start));
                fonts.layout_job(job).size().x
            };
            let bare_width = measure(fonts, bare);
            if used > 0.0 && used + bare_width > width {
                lines.push(line.start..trim_end_at(text, line.clone()));
                line = range.start..range.start;
                used = 0.0;
            }
            line.end = range.end;
            used += if bare.len() == word.len() {
                bare_width
            } else {
                measure(fonts, word)
            };
        }
        lines.push(line.start..trim_end_at(text, line));
        start += hard.len();
    }
    lines
}

/// The end of `text[range]` without its trailing white space.
pub(super) fn trim_end_at(text: &str, range: std::ops::Range<usize>) -> usize {
    range.start + text[range].trim_end().len()
}
