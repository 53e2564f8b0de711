//! Formatting the body the way a word processor does — bold, italic, a link, a subheading, a
//! quotation, a list — as changes to its markup, so nobody has to type the markup by hand.
//!
//! Each function takes the body and the selection (byte offsets) and returns one [`Change`]:
//! the span to replace, its new text and the selection to make afterwards. The window turns
//! it into one splice (one undo step). Toggling is symmetrical: formatting text that already
//! has the format takes it off again.

use std::ops::Range;

/// A change to the body's markup, and the selection to make after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The bytes of the body to replace.
    pub range: Range<usize>,
    /// What they become.
    pub text: String,
    /// The selection after the change, in the changed body (bytes).
    pub select: Range<usize>,
}

/// Why a format cannot be applied to the selection, in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// Inline formats stay within one paragraph (markup does not carry across a blank line).
    #[error("select words within one paragraph to format them")]
    AcrossParagraphs,
}

/// An inline format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    /// `**bold**`
    Bold,
    /// `*italic*`
    Italic,
}

/// A format of whole lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// `## Subheading`
    Subhead,
    /// `> quotation`
    Quote,
    /// `- item`
    List,
}

impl Lines {
    fn prefix(self) -> &'static str {
        match self {
            Lines::Subhead => "## ",
            Lines::Quote => "> ",
            Lines::List => "- ",
        }
    }
}

fn clamp(text: &str, sel: &Range<usize>) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (fix(sel.start), fix(sel.end));
    a.min(b)..a.max(b)
}

/// The word around `at` (letters, digits, apostrophes and hyphens inside it), if `at` is in
/// or at the edge of one.
fn word_at(text: &str, at: usize) -> Option<Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word(c))
        .map_or(text.len(), |(i, _)| at + i);
    (start < end).then_some(start..end)
}

/// Bold or italic on the selection, or off when it has it. An empty selection takes the
/// word at the cursor, or, between words, puts the markers in with the cursor between them.
pub fn toggle_inline(text: &str, sel: Range<usize>, format: Inline) -> Result<Change, FormatError> {
    let sel = clamp(text, &sel);
    let marker_len = match format {
        Inline::Bold => 2,
        Inline::Italic => 1,
    };
    let sel = if sel.is_empty() {
        match word_at(text, sel.start) {
            Some(word) => word,
            None => {
                let markers = "*".repeat(marker_len * 2);
                let at = sel.start + marker_len;
                return Ok(Change {
                    range: sel.clone(),
                    text: markers,
                    select: at..at,
                });
            }
        }
    } else {
        sel
    };
    // The markup does not carry across a blank line.
    if text[sel.clone()].contains("\n\n") {
        return Err(FormatError::AcrossParagraphs);
    }
    // Spaces at the edges stay outside the markers (`** word**` is not bold).
    let inner_start = sel.start + (text[sel.clone()].len() - text[sel.clone()].trim_start().len());
    let inner_end = sel.end - (text[sel.clone()].len() - text[sel.clone()].trim_end().len());
    if inner_start >= inner_end {
        return Ok(Change {
            range: sel.clone(),
            text: text[sel.clone()].to_owned(),
            select: sel,
        });
    }
    // Stars selected with the words count as around them.
    let mut start = inner_start;
    let mut end = inner_end;
    while start < end
        && text[start..end].starts_with('*')
        && text[start..end].ends_with('*')
        && end - start >= 2
    {
        start += 1;
        end -= 1;
    }
    let before = text[..start]
        .chars()
        .rev()
        .take_while(|&c| c == '*')
        .count();
    let after = text[end..].chars().take_while(|&c| c == '*').count();
    let around = before.min(after);
    let bold = matches!(around, 2 | 3);
    let italic = matches!(around, 1 | 3);
    let has = match format {
        Inline::Bold => bold,
        Inline::Italic => italic,
    };
    let words = &text[start..end];
    if has {
        // Off: the format's markers go from both sides; the other format's stay.
        let range = start - around..end + around;
        let keep = "*".repeat(around - marker_len);
        let new = format!("{keep}{words}{keep}");
        let from = range.start + keep.len();
        return Ok(Change {
            range,
            text: new,
            select: from..from + words.len(),
        });
    }
    let markers = "*".repeat(marker_len);
    let range = start - around..end + around;
    let keep = "*".repeat(around);
    let new = format!("{keep}{markers}{words}{markers}{keep}");
    let from = range.start + keep.len() + marker_len;
    Ok(Change {
        range,
        text: new,
        select: from..from + words.len(),
    })
}

/// A link on the selection: `[words](https://)`, with `https://` selected for the address
/// to be typed over. An empty selection takes the word at the cursor, or puts in
/// `[text](https://)` with `text` selected.
pub fn link(text: &str, sel: Range<usize>) -> Result<Change, FormatError> {
    let sel = clamp(text, &sel);
    let sel = if sel.is_empty() {
        word_at(text, sel.start).unwrap_or(sel)
    } else {
        sel
    };
    if text[sel.clone()].contains("\n\n") {
        return Err(FormatError::AcrossParagraphs);
    }
    let words = text[sel.clone()].trim();
    if words.is_empty() {
        let new = "[text](https://)".to_owned();
        return Ok(Change {
            select: sel.start + 1..sel.start + 5,
            range: sel,
            text: new,
        });
    }
    let start = sel.start + text[sel.clone()].find(words).unwrap_or(0);
    let end = start + words.len();
    let new = format!("[{words}](https://)");
    let address = start + words.len() + 3;
    Ok(Change {
        range: start..end,
        text: new,
        select: address..address + "https://".len(),
    })
}

/// A subheading, quotation or list on the lines the selection touches, or off when every
/// one of them has it already. Blank lines are left as they are.
pub fn toggle_lines(text: &str, sel: Range<usize>, format: Lines) -> Change {
    let sel = clamp(text, &sel);
    let start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
    // A selection ending at the start of a line does not take that line.
    let last = if sel.end > sel.start && text[..sel.end].ends_with('\n') {
        sel.end - 1
    } else {
        sel.end
    };
    let end = text[last..].find('\n').map_or(text.len(), |i| last + i);
    let block = &text[start..end];
    let prefix = format.prefix();
    let lines: Vec<&str> = block.split('\n').collect();
    let all = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .all(|l| l.starts_with(prefix));
    let changed: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                (*l).to_owned()
            } else if all {
                l[prefix.len()..].to_owned()
            } else {
                // One line format at a time: a list item made a subheading loses its dash.
                let bare = strip_line_format(l);
                format!("{prefix}{bare}")
            }
        })
        .collect();
    let new = changed.join("\n");
    Change {
        select: start..start + new.len(),
        range: start..end,
        text: new,
    }
}

/// A line without the line formats this module puts on (`## `, `> `, `- `).
fn strip_line_format(line: &str) -> &str {
    for prefix in ["## ", "> ", "- "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return rest;
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, c: &Change) -> String {
        let mut s = text.to_owned();
        s.replace_range(c.range.clone(), &c.text);
        s
    }

    fn after(text: &str, sel: Range<usize>, f: Inline) -> (String, String) {
        let c = toggle_inline(text, sel, f).unwrap();
        let s = apply(text, &c);
        let chosen = s[c.select.clone()].to_owned();
        (s, chosen)
    }

    #[test]
    fn bold_and_italic_wrap_the_selection_and_come_off_again() {
        let t = "The council met today.";
        let (s, chosen) = after(t, 4..11, Inline::Bold);
        assert_eq!(s, "The **council** met today.");
        assert_eq!(chosen, "council");
        let sel = s.find("council").unwrap();
        let (back, chosen) = after(&s, sel..sel + 7, Inline::Bold);
        assert_eq!(back, t);
        assert_eq!(chosen, "council");
        // italic on bold makes both; italic again takes only the italic off
        let (both, _) = after(&s, sel..sel + 7, Inline::Italic);
        assert_eq!(both, "The ***council*** met today.");
        let sel = both.find("council").unwrap();
        let (bold_only, _) = after(&both, sel..sel + 7, Inline::Italic);
        assert_eq!(bold_only, s);
        // bold off from bold+italic leaves the italic
        let (italic_only, _) = after(&both, sel..sel + 7, Inline::Bold);
        assert_eq!(italic_only, "The *council* met today.");
    }

    #[test]
    fn stars_and_spaces_selected_with_the_words_are_handled() {
        let t = "The **council** met.";
        // the whole "**council**" selected: bold comes off
        let (s, _) = after(t, 4..15, Inline::Bold);
        assert_eq!(s, "The council met.");
        // a word selected with its space: the space stays outside
        let (s, chosen) = after("The council met.", 4..12, Inline::Italic);
        assert_eq!(s, "The *council* met.");
        assert_eq!(chosen, "council");
    }

    #[test]
    fn no_selection_takes_the_word_at_the_cursor_or_puts_the_markers_in() {
        let (s, chosen) = after("The council met.", 7..7, Inline::Bold);
        assert_eq!(s, "The **council** met.");
        assert_eq!(chosen, "council");
        let c = toggle_inline("Say . now", 4..4, Inline::Bold).unwrap();
        assert_eq!(apply("Say . now", &c), "Say ****. now");
        assert_eq!(c.select, 6..6, "the cursor between the markers");
    }

    #[test]
    fn inline_formats_stay_within_a_paragraph() {
        let t = "One.\n\nTwo.";
        assert_eq!(
            toggle_inline(t, 0..t.len(), Inline::Bold),
            Err(FormatError::AcrossParagraphs)
        );
        assert!(
            FormatError::AcrossParagraphs
                .to_string()
                .contains("within one paragraph")
        );
    }

    #[test]
    fn a_link_wraps_the_words_and_selects_the_address_to_type() {
        let t = "Read the report today.";
        let c = link(t, 9..15).unwrap();
        let s = apply(t, &c);
        assert_eq!(s, "Read the [report](https://) today.");
        assert_eq!(&s[c.select.clone()], "https://");
        let c = link("Here: ", 6..6).unwrap();
        let s = apply("Here: ", &c);
        assert_eq!(s, "Here: [text](https://)");
        assert_eq!(&s[c.select.clone()], "text");
    }

    #[test]
    fn line_formats_go_on_every_line_touched_and_come_off_again() {
        let t = "Intro.\n\nFirst point\nSecond point\n\nEnd.";
        let from = t.find("First").unwrap();
        let to = t.find("Second").unwrap() + 3;
        let c = toggle_lines(t, from..to, Lines::List);
        let s = apply(t, &c);
        assert_eq!(s, "Intro.\n\n- First point\n- Second point\n\nEnd.");
        let c = toggle_lines(&s, c.select.clone(), Lines::List);
        assert_eq!(apply(&s, &c), t);
        // a list item made a subheading loses its dash
        let s2 = "- Point";
        let c = toggle_lines(s2, 3..3, Lines::Subhead);
        assert_eq!(apply(s2, &c), "## Point");
        let c = toggle_lines("Said so.", 0..0, Lines::Quote);
        assert_eq!(apply("Said so.", &c), "> Said so.");
    }

    #[test]
    fn hostile_selections_never_panic() {
        let t = "é**ü\n\n*";
        for a in 0..=t.len() + 2 {
            for b in 0..=t.len() + 2 {
                let _ = toggle_inline(t, a..b, Inline::Bold);
                let _ = toggle_inline(t, a..b, Inline::Italic);
                let _ = link(t, a..b);
                let _ = toggle_lines(t, a..b, Lines::Quote);
            }
        }
    }
}
