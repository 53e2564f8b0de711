//! Counts a desk cares about: words, characters and reading time of the copy readers see.

use crate::markup::{Located, plain_block};

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
    let mut words = 0;
    let mut chars = 0;
    for b in blocks {
        let text = plain_block(&b.block);
        words += text.split_whitespace().count();
        chars += text.chars().filter(|c| *c != '\n').count();
    }
    Counts {
        words,
        chars,
        reading_minutes: words.div_ceil(WORDS_PER_MINUTE),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse;

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
