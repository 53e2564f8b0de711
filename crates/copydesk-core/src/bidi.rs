//! Right-to-left text (Arabic, Hebrew, …) set the way readers read it.
//!
//! egui shapes each run of one font in its own direction (an Arabic word comes out joined and
//! right to left) but places the runs of a line left to right in typing order, so the words of
//! an Arabic sentence come out backwards. The preview breaks a paragraph into lines as typed,
//! then asks [`visual_tokens`] for each line: the Unicode Bidirectional Algorithm (UAX #9, via
//! `unicode-bidi`) gives the line's runs in visual order, and within a right-to-left run the
//! words and the characters between them are turned round, while each right-to-left word stays
//! in typing order for the shaper to set. Numbers and Latin names inside Arabic keep their
//! order, as the algorithm says.
//!
//! The exported HTML needs none of this: it says `dir="auto"` and browsers apply the algorithm.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiInfo, bidi_class};
use unicode_segmentation::UnicodeSegmentation;

/// Whether `text` reads right to left: its first letter with a direction (UAX #9 rules P2–P3)
/// is Arabic, Hebrew or another right-to-left script. Text with no such letter is left to
/// right.
pub fn is_rtl(text: &str) -> bool {
    text.chars()
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(false),
            BidiClass::R | BidiClass::AL => Some(true),
            _ => None,
        })
        .unwrap_or(false)
}

/// One piece of a line as it is to be drawn, left to right on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The bytes of the line's text this piece shows, in typing order (a right-to-left word is
    /// shaped right to left by the text engine).
    pub range: Range<usize>,
    /// The character to draw instead, for a bracket that turns round in right-to-left text
    /// (`(` shows as `)`), per UAX #9 rule L4.
    pub mirrored: Option<char>,
}

/// The pieces of `text[line]` in the order they appear on screen, left to right, for a line
/// of a paragraph whose direction the first strong letter of `paragraph` decides (`paragraph`
/// is the whole paragraph's text, `line` a byte range of it).
///
/// Concatenating the tokens' texts gives what the eye sees, except that right-to-left words
/// are still in typing order (the shaper turns them round). Grapheme clusters (an emoji with
/// its skin tone, a letter with its marks) are never split.
pub fn visual_tokens(paragraph: &str, line: Range<usize>) -> Vec<Token> {
    visual_lines(paragraph, &[line]).pop().unwrap_or_default()
}

/// [`visual_tokens`] for every line of a paragraph at once: the algorithm reads the
/// paragraph once, however many lines it has. Ranges are cut to the text and moved back to
/// character boundaries.
pub fn visual_lines(paragraph: &str, lines: &[Range<usize>]) -> Vec<Vec<Token>> {
    let level = if is_rtl(paragraph) {
        unicode_bidi::Level::rtl()
    } else {
        unicode_bidi::Level::ltr()
    };
    let info = BidiInfo::new(paragraph, Some(level));
    lines
        .iter()
        .map(|line| {
            let start = paragraph.floor_char_boundary(line.start.min(paragraph.len()));
            let end = paragraph.floor_char_boundary(line.end.min(paragraph.len()));
            line_tokens(paragraph, &info, start..end)
        })
        .collect()
}

fn line_tokens(paragraph: &str, info: &BidiInfo<'_>, line: Range<usize>) -> Vec<Token> {
    let mut out = Vec::new();
    if line.is_empty() {
        return out;
    }
    // The line may span several of the algorithm's paragraphs (a paragraph separator inside
    // it); each is reordered on its own, left to right as they come.
    for para in &info.paragraphs {
        let part = line.start.max(para.range.start)..line.end.min(para.range.end);
        if part.is_empty() {
            continue;
        }
        let (levels, runs) = info.visual_runs(para, part);
        for run in runs {
            let rtl = levels.get(run.start).is_some_and(|l| l.is_rtl());
            let mut pieces = pieces(paragraph, run);
            if rtl {
                pieces.reverse();
                for p in &mut pieces {
                    p.mirrored = mirror(&paragraph[p.range.clone()]);
                }
            }
            out.extend(pieces);
        }
    }
    out
}

/// `text[run]` cut into pieces: right-to-left words (grapheme clusters that start with a
/// right-to-left letter, run together) whole, and every other grapheme cluster on its own.
fn pieces(text: &str, run: Range<usize>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut word: Option<Range<usize>> = None;
    for (at, g) in text[run.clone()].grapheme_indices(true) {
        let range = run.start + at..run.start + at + g.len();
        let letter = g
            .chars()
            .next()
            .is_some_and(|c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL));
        match (&mut word, letter) {
            (Some(w), true) => w.end = range.end,
            (None, true) => word = Some(range),
            (w, false) => {
                if let Some(done) = w.take() {
                    out.push(Token {
                        range: done,
                        mirrored: None,
                    });
                }
                out.push(Token {
                    range,
                    mirrored: None,
                });
            }
        }
    }
    if let Some(done) = word {
        out.push(Token {
            range: done,
            mirrored: None,
        });
    }
    out
}

/// The mirror image of a lone bracket or quotation mark, for right-to-left runs.
fn mirror(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    Some(match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line as the eye reads it from left to right, right-to-left words shown turned
    /// round as the shaper will draw them.
    fn seen(text: &str) -> String {
        visual_tokens(text, 0..text.len())
            .into_iter()
            .map(|t| {
                let piece = &text[t.range];
                match t.mirrored {
                    Some(m) => m.to_string(),
                    None if is_rtl(piece) => piece.chars().rev().collect(),
                    None => piece.to_owned(),
                }
            })
            .collect()
    }

    #[test]
    fn direction_comes_from_the_first_letter() {
        assert!(is_rtl("مرحبا بالعالم"));
        assert!(is_rtl("  «שלום» world"));
        assert!(!is_rtl("Hello مرحبا"));
        assert!(!is_rtl("2024 — ..."), "no letter: left to right");
        assert!(!is_rtl(""));
    }

    #[test]
    fn left_to_right_lines_are_untouched() {
        let text = "Plain English, with (brackets) and 2024.";
        let tokens = visual_tokens(text, 0..text.len());
        assert!(
            tokens
                .windows(2)
                .all(|w| w[0].range.end == w[1].range.start)
        );
        assert!(tokens.iter().all(|t| t.mirrored.is_none()));
        assert_eq!(seen(text), text);
    }

    #[test]
    fn arabic_words_come_right_to_left_and_stay_whole() {
        // two words: the first typed is drawn on the right
        let text = "مرحبا بالعالم";
        let tokens = visual_tokens(text, 0..text.len());
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(words, ["بالعالم", " ", "مرحبا"]);
    }

    #[test]
    fn punctuation_and_brackets_sit_where_a_reader_expects() {
        // "hello: (world)." in Hebrew — the colon follows the first word on its left, the
        // brackets turn round, the full stop ends the line on the far left
        assert_eq!(seen("שלום: (עולם)."), ".(םלוע) :םולש");
    }

    #[test]
    fn numbers_and_latin_names_keep_their_order_inside_arabic() {
        let text = "قال Gartner إن 2024 عام";
        let s = seen(text);
        assert!(s.contains("Gartner"), "{s}");
        assert!(s.contains("2024"), "{s}");
        // read from the right: قال first, عام last (on the left)
        assert!(s.starts_with("ماع"), "{s}");
        assert!(s.ends_with("لاق"), "{s}");
    }

    #[test]
    fn a_full_stop_between_arabic_and_hebrew_sits_left_of_the_arabic() {
        let text = "تنقل الخبر. שלום עולם:";
        let tokens = visual_tokens(text, 0..text.len());
        let pieces: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
        assert_eq!(
            pieces,
            [":", "עולם", " ", "שלום", " ", ".", "الخبر", " ", "تنقل"]
        );
    }

    #[test]
    fn emoji_with_a_skin_tone_stay_one_piece() {
        let text = "شكرا 👍🏽 جدا";
        let tokens = visual_tokens(text, 0..text.len());
        assert!(tokens.iter().any(|t| &text[t.range.clone()] == "👍🏽"));
    }

    #[test]
    fn a_line_is_a_part_of_its_paragraph() {
        let text = "مرحبا بالعالم الكبير";
        let second = text.find("الكبير").unwrap();
        let tokens = visual_tokens(text, second..text.len());
        assert_eq!(tokens.len(), 1);
        assert_eq!(&text[tokens[0].range.clone()], "الكبير");
        assert!(visual_tokens(text, 5..5).is_empty());
        assert!(
            visual_tokens(text, 0..10_000).len() >= 3,
            "a range past the end is cut"
        );
    }
}
