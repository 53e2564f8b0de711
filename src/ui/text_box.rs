//! Text fields that describe what the user typed instead of changing the story.
//!
//! egui's `TextEdit` edits a buffer in place. Copydesk's panes may not change the story, so
//! every text field edits a [`SpliceRecorder`]: it shows the story's own text until the first
//! keystroke of a frame, then a copy with the keystroke in it (so the field shows what was
//! typed in the same frame), and it records each change as an [`Edit::Splice`] that the app
//! then applies — the one place the story changes. A keystroke in a 5 MB body is recorded as
//! the letter and where it went.

use std::any::TypeId;
use std::ops::Range;

use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use egui::text::CharIndex;
use egui::{Id, Response, TextBuffer};

use super::Action;

/// A `TextEdit` buffer over text the pane may not change; see the module documentation.
pub struct SpliceRecorder<'a> {
    field: TextField,
    original: &'a str,
    /// Where the copy is made: a buffer the caller keeps between frames (so a keystroke in
    /// a 5 MB body copies into memory already there instead of asking the system for 5 MB
    /// afresh), or one of its own.
    scratch: Option<&'a mut String>,
    own: String,
    /// Whether the copy has been made (something was typed this frame).
    copied: bool,
    edits: Vec<Edit>,
    /// A character of the text as it is now and the byte it starts at (the cursor's, given
    /// by the caller, then where each edit left it): places near it are found from it, not
    /// by counting the characters from the start of a 5 MB body.
    known: Option<(usize, usize)>,
    /// Where the text starts in the field's whole text (the body's field holds a window of a
    /// long body): the edits recorded are placed in the whole text.
    base: usize,
}

impl<'a> SpliceRecorder<'a> {
    /// A recorder for `field`, whose text is now `text`.
    pub fn new(field: TextField, text: &'a str) -> Self {
        SpliceRecorder {
            field,
            original: text,
            scratch: None,
            own: String::new(),
            copied: false,
            edits: Vec::new(),
            known: None,
            base: 0,
        }
    }

    /// The same recorder over a text that starts at byte `base` of the field's whole text:
    /// its edits are placed in the whole text.
    pub fn from_byte(mut self, base: usize) -> Self {
        self.base = base;
        self
    }

    /// Tells the recorder that character `chars` of the text starts at byte `byte` (the
    /// cursor's place, which the body editor knows from its laid-out lines). A wrong place
    /// would put a keystroke in the wrong place: the caller must know it, not guess it.
    pub fn knowing(mut self, chars: usize, byte: usize) -> Self {
        debug_assert_eq!(
            self.original.get(..byte).map(|t| t.chars().count()),
            Some(chars),
            "character {chars} does not start at byte {byte}"
        );
        self.known = Some((chars, byte));
        self
    }

    /// The byte where character `chars` of the text as it is now starts: counted from the
    /// known place when there is one nearer than the start.
    fn byte_of(&self, chars: CharIndex) -> usize {
        let text = self.as_str();
        match self.known {
            Some((c, b)) if chars.0 >= c => b + byte_index(&text[b..], CharIndex(chars.0 - c)),
            Some((c, b)) if c - chars.0 <= chars.0 => text[..b]
                .char_indices()
                .nth_back(c - chars.0 - 1)
                .map_or(0, |(i, _)| i),
            _ => byte_index(text, chars),
        }
    }

    /// A recorder that makes its copy in `scratch` (whatever it held is lost).
    pub fn with_scratch(field: TextField, text: &'a str, scratch: &'a mut String) -> Self {
        SpliceRecorder {
            scratch: Some(scratch),
            ..Self::new(field, text)
        }
    }

    /// Whether the text is still the story's own (nothing typed this frame).
    pub fn is_original(&self) -> bool {
        !self.copied
    }

    /// The edits recorded, as one edit (nothing when nothing was typed).
    pub fn into_edit(mut self) -> Option<Edit> {
        match self.edits.len() {
            0 => None,
            1 => self.edits.pop(),
            _ => Some(Edit::Group(self.edits)),
        }
    }

    fn text_mut(&mut self) -> &mut String {
        let buffer = match &mut self.scratch {
            Some(scratch) => &mut **scratch,
            None => &mut self.own,
        };
        if !self.copied {
            buffer.clear();
            buffer.push_str(self.original);
            self.copied = true;
        }
        buffer
    }
}

/// The byte where character `chars` of `text` starts (the end, past the last character).
///
/// egui gives places in characters; finding the byte walks the text before it. Counting the
/// bytes that start a character (every byte but UTF-8's continuation bytes), 64 at a time,
/// is several times faster than decoding each character, which matters mid-way through a
/// 5 MB story on every keystroke.
pub fn byte_index(text: &str, chars: CharIndex) -> usize {
    let starts_char = |b: &u8| (*b as i8) >= -0x40;
    let bytes = text.as_bytes();
    let (mut left, mut at) = (chars.0, 0);
    for block in bytes.chunks_exact(64) {
        let n = block.iter().filter(|b| starts_char(b)).count();
        if n > left {
            break;
        }
        left -= n;
        at += 64;
    }
    bytes[at..]
        .iter()
        .enumerate()
        .filter(|(_, b)| starts_char(b))
        .nth(left)
        .map_or(text.len(), |(i, _)| at + i)
}

impl TextBuffer for SpliceRecorder<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        match (&self.scratch, self.copied) {
            (_, false) => self.original,
            (Some(scratch), true) => scratch,
            (None, true) => &self.own,
        }
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        if text.is_empty() {
            return 0;
        }
        let field = self.field;
        let at = self.byte_of(char_index);
        self.text_mut().insert_str(at, text);
        let chars = text.chars().count();
        // the cursor is after what was typed
        self.known = Some((char_index.0 + chars, at + text.len()));
        let base = self.base;
        self.edits.push(Edit::Splice {
            field,
            range: base + at..base + at,
            text: text.to_owned(),
        });
        chars
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        if char_range.start >= char_range.end {
            return;
        }
        let field = self.field;
        let start = self.byte_of(char_range.start);
        let end = start + byte_index(&self.as_str()[start..], char_range.end - char_range.start);
        if start >= end {
            return;
        }
        self.text_mut().replace_range(start..end, "");
        self.known = Some((char_range.start.0, start));
        let base = self.base;
        self.edits.push(Edit::Splice {
            field,
            range: base + start..base + end,
            text: String::new(),
        });
    }

    fn type_id(&self) -> TypeId {
        TypeId::of::<SpliceRecorder<'static>>()
    }
}

/// How a [`text_box_ui`] looks.
#[derive(Debug, Clone, Copy)]
pub struct TextBox<'a> {
    /// The label above the field, which also names it for screen readers and tests.
    pub label: &'a str,
    /// The field it edits.
    pub field: TextField,
    /// The widget's id, so other panes can focus it.
    pub id: Id,
    /// Several lines (wrapping) or one.
    pub multiline: bool,
    /// Grey text shown while the field is empty.
    pub hint: &'a str,
    /// Misspelt words found in the story (the field's own are underlined).
    pub misspelt: &'a [crate::app::spelling::Miss],
    /// Ctrl+. was pressed: open the spelling menu for the word at the cursor.
    pub spell_wanted: bool,
}

/// A labelled text field over `value`; what is typed goes to `out` as edits.
pub fn text_box_ui(
    ui: &mut egui::Ui,
    b: TextBox<'_>,
    value: &str,
    out: &mut Vec<Action>,
) -> Response {
    let label = ui.label(b.label);
    let mut buffer = SpliceRecorder::new(b.field, value);
    let edit = if b.multiline {
        egui::TextEdit::multiline(&mut buffer).desired_rows(2)
    } else {
        egui::TextEdit::singleline(&mut buffer)
    };
    let shown = edit
        .id(b.id)
        .hint_text(b.hint)
        .desired_width(f32::INFINITY)
        .show(ui);
    let response = shown.response.response.clone().labelled_by(label.id);
    let text = buffer.as_str();
    super::spelling::underline_ui(
        ui,
        &super::spelling::Laid {
            field: b.field,
            text,
            galley: &shown.galley,
            galley_pos: shown.galley_pos,
            response: &response,
            cursor: shown.cursor_range.map(|r| r.primary.index.0),
            rows: None,
        },
        b.misspelt.iter().filter(|m| m.field == b.field),
        b.spell_wanted,
        out,
    );
    if let Some(edit) = buffer.into_edit() {
        out.push(Action::Edit(edit));
    }
    if response.lost_focus() {
        out.push(Action::EndTyping);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_core::article::Article;

    #[test]
    fn recorded_splices_make_the_same_text_in_the_story() {
        let mut a = Article::new();
        a.body = "héllo wörld".into();
        let mut r = SpliceRecorder::new(TextField::Body, &a.body);
        assert!(r.is_original());
        r.insert_text("!", CharIndex(11));
        r.delete_char_range(CharIndex(0)..CharIndex(2));
        r.insert_text("Ha", CharIndex(0));
        let shown = r.as_str().to_owned();
        assert_eq!(shown, "Hallo wörld!");
        let edit = r.into_edit().expect("three edits");
        edit.apply(&mut a).unwrap();
        assert_eq!(a.body, shown);
    }

    /// Edits recorded with a known place (before, at or after them, in any script) are the
    /// same as those recorded by counting from the start.
    #[test]
    fn a_known_place_finds_the_same_bytes() {
        let text = "Héllo — “wörld” 🎉 שלום 日本語 ".repeat(3);
        let count = text.chars().count();
        let edit = |r: &mut SpliceRecorder<'_>, n: usize| {
            r.insert_text("ä", CharIndex(n));
            r.delete_char_range(CharIndex(n.saturating_sub(2))..CharIndex(n + 1));
            r.insert_text("x", CharIndex(n / 2));
            r.delete_char_range(CharIndex(n / 3)..CharIndex(n / 3 + 4));
        };
        for known in (0..=count).step_by(3) {
            let byte = byte_index(&text, CharIndex(known));
            for n in 0..=count {
                let mut counted = SpliceRecorder::new(TextField::Body, &text);
                edit(&mut counted, n);
                let mut told = SpliceRecorder::new(TextField::Body, &text).knowing(known, byte);
                edit(&mut told, n);
                assert_eq!(told.as_str(), counted.as_str(), "known {known}, at {n}");
                assert_eq!(
                    told.into_edit(),
                    counted.into_edit(),
                    "known {known}, at {n}"
                );
            }
        }
    }

    #[test]
    fn a_character_is_found_at_its_byte_in_any_script() {
        let text = "Héllo — “wörld” 🎉 שלום 日本語 ".repeat(40);
        let count = text.chars().count();
        for n in 0..=count + 2 {
            let expected = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
            assert_eq!(byte_index(&text, CharIndex(n)), expected, "character {n}");
        }
        assert_eq!(byte_index("", CharIndex(3)), 0);
    }

    #[test]
    fn a_scratch_buffer_is_written_over_not_added_to() {
        let mut scratch = "left over from the last frame".to_owned();
        let mut r = SpliceRecorder::with_scratch(TextField::Body, "abc", &mut scratch);
        assert_eq!(r.as_str(), "abc", "the story's own text until a keystroke");
        r.insert_text("X", CharIndex(1));
        assert_eq!(r.as_str(), "aXbc");
        let edit = r.into_edit().expect("one edit");
        let mut a = Article::new();
        a.body = "abc".into();
        edit.apply(&mut a).unwrap();
        assert_eq!((a.body.as_str(), scratch.as_str()), ("aXbc", "aXbc"));
    }

    #[test]
    fn nothing_typed_is_no_edit() {
        let r = SpliceRecorder::new(TextField::Headline, "x");
        assert_eq!(r.as_str(), "x");
        assert!(r.into_edit().is_none());
    }
}
