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
    copy: Option<String>,
    edits: Vec<Edit>,
}

impl<'a> SpliceRecorder<'a> {
    /// A recorder for `field`, whose text is now `text`.
    pub fn new(field: TextField, text: &'a str) -> Self {
        SpliceRecorder {
            field,
            original: text,
            copy: None,
            edits: Vec::new(),
        }
    }

    /// Whether the text is still the story's own (nothing typed this frame).
    pub fn is_original(&self) -> bool {
        self.copy.is_none()
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
        let original = self.original;
        self.copy.get_or_insert_with(|| original.to_owned())
    }
}

fn byte_index(text: &str, chars: CharIndex) -> usize {
    text.char_indices()
        .nth(chars.0)
        .map_or(text.len(), |(i, _)| i)
}

impl TextBuffer for SpliceRecorder<'_> {
    fn is_mutable(&self) -> bool {
        true
    }

    fn as_str(&self) -> &str {
        self.copy.as_deref().unwrap_or(self.original)
    }

    fn insert_text(&mut self, text: &str, char_index: CharIndex) -> usize {
        if text.is_empty() {
            return 0;
        }
        let field = self.field;
        let buffer = self.text_mut();
        let at = byte_index(buffer, char_index);
        buffer.insert_str(at, text);
        self.edits.push(Edit::Splice {
            field,
            range: at..at,
            text: text.to_owned(),
        });
        text.chars().count()
    }

    fn delete_char_range(&mut self, char_range: Range<CharIndex>) {
        if char_range.start >= char_range.end {
            return;
        }
        let field = self.field;
        let buffer = self.text_mut();
        let start = byte_index(buffer, char_range.start);
        let end = byte_index(buffer, char_range.end);
        if start >= end {
            return;
        }
        buffer.replace_range(start..end, "");
        self.edits.push(Edit::Splice {
            field,
            range: start..end,
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
        b.misspelt
            .iter()
            .filter(|m| m.field == b.field && text.get(m.range.clone()) == Some(m.word.as_str())),
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

    #[test]
    fn nothing_typed_is_no_edit() {
        let r = SpliceRecorder::new(TextField::Headline, "x");
        assert_eq!(r.as_str(), "x");
        assert!(r.into_edit().is_none());
    }
}
