//! Counts a desk cares about: words, characters and reading time of the copy readers see.

use crate::markup::{Block, Located, plain_block};

/// Words per minute assumed for reading time; a common figure for news copy.
pub const WORDS_PER_MINUTE: usize = 230;

/// How long the story is, as readers count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Words, split at whitespace.
    pub words: usize,
    /// Characters of the text readers see, markup not counted.
    pub chars: usize,
    /// Whole minutes, rounded up; 0 only for an empty body.
    pub reading_minutes: usize,
}

/// Counts the body from its parsed blocks, so markup and anchors are not counted.
pub fn count(blocks: &[Located]) -> Counts {
    Counts::sum(blocks.iter().map(|b| size(&b.block)))
}

impl Counts {
    /// The counts of a body whose blocks have these [`size`]s (words, characters).
    pub(crate) fn sum(sizes: impl IntoIterator<Item = (usize, usize)>) -> Counts {
        let (words, chars) = sizes
            .into_iter()
            .fold((0, 0), |(w, c), (bw, bc)| (w + bw, c + bc));
        Counts {
            words,
            chars,
            reading_minutes: words.div_ceil(WORDS_PER_MINUTE),
        }
    }
}

/// The words and characters of one block, as [`count`] adds them up.
pub(crate) fn size(block: &Block) -> (usize, usize) {
    words_and_chars(&plain_block(block))
}

/// The words of `text` (as `split_whitespace` finds them) and its characters but line breaks,
/// in one pass; ASCII, nearly all of most stories, a byte at a time. (By profile, counting
/// with two passes over each block was about an eighth of a 5 MB story's view and checks.)
fn words_and_chars(text: &str) -> (usize, usize) {
    let (mut words, mut chars) = (0, 0);
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let space = if b.is_ascii() {
            i += 1;
            chars += usize::from(b != b'\n');
            // char::is_whitespace on ASCII: tab, line feed, vertical tab, form feed, return, space
            matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            chars += 1;
            c.is_whitespace()
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
    }
    (words, chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn one_pass_counts_as_split_whitespace_and_chars_do(
            text in "[ a-zA-Z0-9.\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{2028}\u{3000}éשׁ中😀]{0,60}"
        ) {
            let expected = (
                text.split_whitespace().count(),
                text.chars().filter(|c| *c != '\n').count(),
            );
            prop_assert_eq!(words_and_chars(&text), expected);
        }
    }

    #[test]
    fn counts_what_readers_see() {
        let c = count(&parse("**Two** words.\n\n[[related:x]]\n\n## Sub head"));
        assert_eq!(c.words, 4);
        assert_eq!(c.chars, "Two words.".len() + "Sub head".len());
        assert_eq!(c.reading_minutes, 1);
        assert_eq!(count(&parse("")), Counts::default());
        let long = "word ".repeat(WORDS_PER_MINUTE + 1);
        assert_eq!(count(&parse(&long)).reading_minutes, 2);
    }
}
