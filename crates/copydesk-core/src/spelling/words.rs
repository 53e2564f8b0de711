//! Which words of a text are checked.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use unicode_script::{Script, UnicodeScript};

use crate::markup;

/// What kind of text is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Plain text: a headline, a caption, a link title.
    Plain,
    /// The body's markup: markup characters, link addresses and related-link anchors are not
    /// words.
    Markup,
}

/// The byte ranges of the words of `text` to check against a dictionary of `script`: words
/// as Unicode separates them (UAX #29, so `won't` and `Labour’s` are one word each), with a
/// letter in them, leaving out words in other scripts, words with digits, words in capitals
/// (`BBC`), web and e-mail addresses, and for [`Text::Markup`] everything that is markup.
pub fn words(text: &str, kind: Text, script: Script) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let skip = skipped(text, kind);
    let mut skip = skip.iter().peekable();
    for (at, word) in text.split_word_bound_indices() {
        let range = at..at + word.len();
        while skip.next_if(|s| s.end <= range.start).is_some() {}
        if skip.peek().is_some_and(|s| s.start < range.end) {
            continue;
        }
        if is_checked(word, script) {
            out.push(range);
        }
    }
    out
}

fn is_checked(word: &str, script: Script) -> bool {
    let mut letters = 0;
    let mut upper = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            let s = c.script();
            if s != script && s != Script::Common && s != Script::Inherited {
                return false;
            }
        } else if c.is_numeric() {
            return false;
        }
    }
    letters > 0 && !(letters > 1 && upper == letters)
}

/// Byte ranges of `text` never checked, in order: web and e-mail addresses, and markup.
pub(crate) fn skipped(text: &str, kind: Text) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if kind == Text::Markup {
        for (range, mark) in markup::highlight(text).iter() {
            if mark.syntax || mark.related {
                out.push(range.clone());
            }
        }
    }
    // addresses: a run of non-space characters holding "://", "www." or an "@" between
    // letters
    let mut at = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let range = at..at + chunk.len();
        at = range.end;
        let c = chunk.trim_end();
        let email = c
            .split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'));
        // from where the address starts: a link's last word before `](https://…` is a word
        let start = if let Some(at) = c.find("://") {
            c[..at]
                .rfind(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.')))
                .map_or(0, |j| j + 1)
        } else if let Some(at) = c.find("www.")
            && !c[..at].ends_with(|ch: char| ch.is_alphanumeric())
        {
            at
        } else if email {
            0
        } else {
            continue;
        };
        out.push(range.start + start..range.start + c.len());
    }
    out.sort_by_key(|r| (r.start, r.end));
    out
}

/// The script most letters of a dictionary's word list are written in (Latin for English).
pub(crate) fn main_script(dic: &str) -> Script {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for c in dic
        .lines()
        .skip(1)
        .take(2_000)
        .flat_map(|l| l.split('/').next().unwrap_or("").chars())
        .filter(|c| c.is_alphabetic())
    {
        let s = c.script();
        match counts.iter_mut().find(|(k, _)| *k == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map_or(Script::Latin, |(s, _)| s)
}
