//! The body editor: a word-wrapped text field with the markup coloured.
//!
//! The text is laid out line by line and coloured only within a screen of sight
//! ([`super::body_layout`]): a keystroke lays out the line typed in and colours what can be
//! seen, however long the story; an idle frame lays out nothing. In the frame of a keystroke
//! the field shows the typed text from its [`SpliceRecorder`].

use std::ops::Range;
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::field::TextField;
use copydesk_core::markup::{self, Mark};
use egui::text::{CCursor, CCursorRange};
use egui::{FontId, Galley, Id, TextBuffer, TextFormat};

use super::Action;
use super::body_layout::{BodyLayout, Look};
use super::find_bar::{self, FindBar};
use super::text_box::SpliceRecorder;
use super::tokens::Tokens;

/// egui's `TextEdit` margin above its text (its default, `Margin::symmetric(4, 2)`).
const TEXT_MARGIN: f32 = 2.0;

/// The body editor's widget id; other panes use it to focus the body.
pub fn body_id() -> Id {
    Id::unique("copydesk-body-editor")
}

/// How many undo states egui's `TextEdit` keeps for the body: one. Each is a whole copy of
/// the text, and egui keeps up to 100 (a pause in typing makes one), so a 5 MB story grew by
/// ~120 MB in its first few seconds of typing. Copydesk's undo is its own (`app::history`;
/// the command table takes Ctrl+Z before the field sees it), so those copies were never used.
const FIELD_UNDO_STATES: usize = 1;

/// Sets the body field's own undo to keep [`FIELD_UNDO_STATES`], once per field.
fn keep_one_undo_copy(ctx: &egui::Context, id: Id) {
    let done = id.with("undo-kept-short");
    if ctx.data(|d| d.get_temp::<bool>(done)).unwrap_or(false) {
        return;
    }
    let mut state = egui::text_edit::TextEditState::load(ctx, id).unwrap_or_default();
    state.set_undoer(egui::util::undoer::Undoer::with_settings(
        egui::util::undoer::Settings {
            max_undos: FIELD_UNDO_STATES,
            ..Default::default()
        },
    ));
    state.store(ctx, id);
    ctx.data_mut(|d| d.insert_temp(done, true));
}

/// Everything the editor remembers between frames.
#[derive(Default)]
pub struct EditorView {
    /// The find and replace bar.
    pub find: FindBar,
    /// The cursor in the body, in characters, when the body last had focus. Kept in
    /// characters as egui gives it; converted to a byte offset only when used.
    pub cursor: Option<usize>,
    /// A selection to make in the body on the next frame (a find match, a checked problem).
    pub select: Option<Range<usize>>,
    /// The body's selection (characters, in order) in the last frame it had the keyboard:
    /// what the formatting bar formats, though a click on the bar takes the keyboard.
    pub selection: Option<Range<usize>>,
    /// A find match to show on the next frame: made the body's selection and scrolled into
    /// view, without taking the keyboard from the find bar.
    pub show: Option<Range<usize>>,
    /// A selection made that still has to be scrolled into view (the frame after it is made,
    /// once the text is laid out).
    reveal: Option<Range<usize>>,
    /// Colours the body chunk by chunk, keeping the chunks a keystroke did not touch.
    highlighter: markup::Highlighter,
    /// The body laid out line by line, coloured where it can be seen.
    body: BodyLayout,
    /// The part of the laid-out body in sight when it was last drawn (its own coordinates).
    sight: Range<f32>,
    /// Where a keystroke's copy of the body is made, kept between frames.
    scratch: String,
}

impl EditorView {
    /// How many runs of the body are drawn highlighted as find matches now (in the part
    /// of the body that is coloured: the lines within a screen of sight).
    pub fn highlighted(&self) -> usize {
        self.body.count_sections(|f| {
            [Tokens::LIGHT, Tokens::DARK]
                .iter()
                .any(|t| [t.find_hit, t.find_current].contains(&f.background))
        })
    }

    /// How many lines of the body in sight when it was last drawn were drawn in the plain
    /// colour, not coloured for their markup (none, unless something is wrong).
    pub fn uncoloured_in_sight(&self) -> usize {
        self.body
            .uncoloured_between(self.sight.start, self.sight.end)
    }

    /// How far down the body the view was when it was last drawn (points from the top).
    pub fn sight_top(&self) -> f32 {
        self.sight.start
    }

    /// What the preview shows at its top to follow this view: the page's top while the
    /// body is seen from its start, else the paragraph at the top of the view.
    pub fn follow(&self) -> super::preview::Follow {
        if self.sight.start <= 0.0 {
            return super::preview::Follow::Top;
        }
        match self.body.line_at(self.sight.start) {
            Some(byte) => super::preview::Follow::Body(byte),
            None => super::preview::Follow::Top,
        }
    }

    /// How many lines of the body have been laid out since the editor started (a keystroke
    /// lays out the line typed in, however long the story).
    pub fn lines_laid_out(&self) -> u64 {
        self.body.lines_laid_out()
    }

    /// The laid-out body. `revision` is the story's revision when `text` is the story's own
    /// body, `None` when it holds this frame's keystroke. `sight` is the part of the body
    /// in sight, in the galley's coordinates.
    fn layout(
        &mut self,
        ui: &egui::Ui,
        text: &str,
        revision: Option<u64>,
        width: f32,
        sight: Range<f32>,
    ) -> Arc<Galley> {
        let tokens = Tokens::of(ui);
        let font = egui::TextStyle::Body.resolve(ui.style());
        let font = FontId::new(font.size * tokens.editor_scale, font.family);
        let matches = self.find.matches(text, revision);
        let current = self.find.current_match(text, revision);
        let look = Look {
            width,
            font: font.clone(),
            dark: ui.visuals().dark_mode,
            atlas: crate::ui::fonts::atlas_epoch(ui.ctx()),
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        // What else the colours depend on: the find matches. Without any there is nothing
        // to check again (their generation moves with every keystroke's text, which made a
        // short story, all of it in sight, check every line's colours again each keystroke).
        let colouring = if matches.is_empty() && current.is_none() {
            0
        } else {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (self.find.generation(), &current).hash(&mut h);
            h.finish()
        };
        let highlighter = &mut self.highlighter;
        let mut colours = |text: &str, within: Range<usize>, since| {
            let runs = highlighter.highlight_within(text, within, since);
            let mut sections = Vec::with_capacity(runs.len());
            for (range, mark) in runs {
                // split runs at find matches so matches get a background
                let mut pos = range.start;
                let first = matches.partition_point(|m| m.end <= range.start);
                for m in matches[first..].iter().take_while(|m| m.start < range.end) {
                    let (a, b) = (m.start.max(range.start), m.end.min(range.end));
                    if a > pos {
                        sections.push((pos..a, format(mark, tokens, &font)));
                    }
                    let mut f = format(mark, tokens, &font);
                    f.background = if current.as_ref() == Some(m) {
                        tokens.find_current
                    } else {
                        tokens.find_hit
                    };
                    sections.push((a..b, f));
                    pos = b;
                }
                if pos < range.end {
                    sections.push((pos..range.end, format(mark, tokens, &font)));
                }
            }
            sections
        };
        self.body.layout(
            ui.ctx(),
            text,
            revision,
            &look,
            sight,
            colouring,
            &mut colours,
        )
    }
}

/// How a run of body text looks in the editor.
fn format(mark: Mark, t: &Tokens, font: &FontId) -> TextFormat {
    let color = if mark.related {
        t.related
    } else if mark.syntax {
        t.syntax
    } else if mark.link {
        t.link
    } else if mark.subheading {
        t.subheading
    } else if mark.strong {
        // The editor's face has no bold weight, so bold text is drawn in the strongest text
        // colour instead.
        t.strong
    } else if mark.quote {
        t.quote
    } else {
        t.text
    };
    let mut f = TextFormat::simple(font.clone(), color);
    f.italics = mark.emphasis;
    if mark.related {
        f.background = t.related.gamma_multiply(0.12);
    }
    if mark.link && !mark.syntax {
        f.underline = egui::Stroke::new(1.0, t.link);
    }
    f
}

/// The centre pane: the find bar when open, then the body. `(revision, generation)` say
/// which state of which story this is.
pub fn editor_ui(
    ui: &mut egui::Ui,
    article: &Article,
    (revision, generation): (u64, u64),
    view: &mut EditorView,
    (misspellings, spell_wanted): (&crate::app::spelling::Misspellings, bool),
    comments: &mut super::comments::CommentsView,
    out: &mut Vec<Action>,
) {
    let body = article.body.as_str();
    if view.find.is_open() {
        find_bar::find_bar_ui(ui, &mut view.find, article, revision, out);
        ui.separator();
    }
    let label = ui
        .horizontal_wrapped(|ui| {
            let label = ui.label(egui::RichText::new("Story body").strong());
            ui.add_space(8.0);
            format_bar_ui(ui, out);
            label
        })
        .inner;
    let id = body_id();
    keep_one_undo_copy(ui.ctx(), id);
    if let Some(sel) = view.select.take() {
        select(ui.ctx(), id, body, sel.clone(), true);
        view.reveal = Some(sel);
    } else if let Some(m) = view.show.take() {
        select(ui.ctx(), id, body, m.clone(), false);
        view.reveal = Some(m);
    }
    let reveal = view.reveal.take();
    // The copy a keystroke makes goes into memory kept from the last one (let go when the
    // body has become much shorter).
    let mut scratch = std::mem::take(&mut view.scratch);
    if scratch.capacity() > 2 * body.len() + (1 << 16) {
        scratch = String::new();
    }
    let mut buffer = SpliceRecorder::with_scratch(TextField::Body, body, &mut scratch);
    // The cursor's byte, from the laid-out lines: a keystroke mid-way through a long story
    // is put in place without counting the characters before it.
    let cursor = egui::TextEdit::load_state(ui.ctx(), id)
        .and_then(|s| s.cursor.char_range())
        .map(|r| r.primary.index.0);
    if let Some(chars) = cursor
        && let Some(byte) = view.body.place(body, revision, chars)
    {
        buffer = buffer.knowing(chars, byte);
    }
    let original = body.as_ptr();
    // The part of the body in sight this frame, in the galley's coordinates: set by the
    // scrolled pane before the field lays its text out, so text scrolled into sight is
    // coloured in the frame that first shows it.
    let sight = std::cell::Cell::new((view.sight.start, view.sight.end));
    let mut spell = Vec::new();
    let spell_actions = &mut spell;
    let out_edit = egui::ScrollArea::vertical()
        .id_salt(("body-scroll", generation))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The field is the pane's first widget: its text starts a margin below the
            // scrolled cursor.
            let clip = ui.clip_rect();
            let top = ui.cursor().top() + TEXT_MARGIN;
            sight.set((clip.top() - top, clip.bottom() - top));
            if let Some(key) = take_page_key(ui, id) {
                page(ui, id, &view.body, clip.height(), key);
            }
            let mut layouter = |ui: &egui::Ui, buf: &dyn TextBuffer, width: f32| {
                let text = buf.as_str();
                let rev =
                    (text.as_ptr() == original && text.len() == body.len()).then_some(revision);
                let (top, bottom) = sight.get();
                view.layout(ui, text, rev, width, top..bottom)
            };
            // The field fills the pane, so a click anywhere below the text lands in it.
            let out = egui::TextEdit::multiline(&mut buffer)
                .id(id)
                .desired_width(f32::INFINITY)
                .min_size(ui.available_size())
                .lock_focus(true)
                .hint_text("Write the story here. A blank line starts a new paragraph.")
                .layouter(&mut layouter)
                .show(ui);
            sight.set((
                clip.top() - out.galley_pos.y,
                clip.bottom() - out.galley_pos.y,
            ));
            let text = out.galley.text();
            super::spelling::underline_ui(
                ui,
                &super::spelling::Laid {
                    field: TextField::Body,
                    text,
                    galley: &out.galley,
                    galley_pos: out.galley_pos,
                    response: &out.response.response,
                    cursor: out.cursor_range.map(|r| r.primary.index.0),
                    rows: Some(&view.body),
                },
                misspellings.in_field(TextField::Body).iter(),
                spell_wanted,
                spell_actions,
            );
            super::comments::margin_ui(
                ui,
                article,
                text,
                (&out.galley, Some(&view.body)),
                out.galley_pos,
                out.response.response.rect.right(),
                comments,
            );
            if let Some(range) = &reveal {
                // Bring a selection made from elsewhere (a checked problem, a find match)
                // into view: the centre of the pane, where the eye goes.
                let at = CCursor::new(byte_to_char(out.galley.text(), range.start));
                let rect = out
                    .galley
                    .pos_from_cursor(at)
                    .translate(out.galley_pos.to_vec2());
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
            }
            out
        })
        .inner;
    let (top, bottom) = sight.get();
    let followed = view.follow();
    view.sight = top..bottom;
    if view.follow() != followed {
        // the preview, drawn before the body, follows in the next frame
        ui.ctx().request_repaint();
    }
    out.append(&mut spell);
    let response = out_edit.response.response.clone().labelled_by(label.id);
    if let Some(range) = out_edit.cursor_range {
        view.cursor = Some(range.primary.index.0);
        if response.has_focus() {
            let (a, b) = (range.primary.index.0, range.secondary.index.0);
            view.selection = Some(a.min(b)..a.max(b));
        }
    }
    if let Some(edit) = buffer.into_edit() {
        out.push(Action::Edit(edit));
    }
    view.scratch = scratch;
    if response.lost_focus() {
        out.push(Action::EndTyping);
    }
}

/// The formatting bar beside the body's heading: bold, italic, link, subheading,
/// quotation, list — the Format menu's commands, each named for screen readers and tests.
fn format_bar_ui(ui: &mut egui::Ui, out: &mut Vec<Action>) {
    use super::commands::Command;
    let buttons: [(Command, egui::RichText, &str); 6] = [
        (
            Command::FormatBold,
            egui::RichText::new("Bold").strong(),
            "Bold",
        ),
        (
            Command::FormatItalic,
            egui::RichText::new("Italic").italics(),
            "Italic",
        ),
        (Command::FormatLink, egui::RichText::new("Link"), "Link"),
        (
            Command::FormatSubhead,
            egui::RichText::new("Subhead"),
            "Subheading",
        ),
        (
            Command::FormatQuote,
            egui::RichText::new("Quote"),
            "Quotation",
        ),
        (Command::FormatList, egui::RichText::new("List"), "List"),
    ];
    ui.spacing_mut().item_spacing.x = 4.0;
    for (command, text, name) in buttons {
        let shortcut = command
            .shortcut()
            .map(|k| format!(" ({})", ui.ctx().format_shortcut(&k)))
            .unwrap_or_default();
        let r = ui
            .add(egui::Button::new(text).small().frame(true))
            .on_hover_text(format!("{name}{shortcut}"));
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, name));
        if r.clicked() {
            out.push(Action::Command(command));
        }
    }
}

/// Selects `range` (bytes) in the text field `id` and gives it focus.
pub fn select(ctx: &egui::Context, id: Id, text: &str, range: Range<usize>, focus: bool) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let a = CCursor::new(byte_to_char(text, range.start));
    let b = CCursor::new(byte_to_char(text, range.end));
    state.cursor.set_char_range(Some(CCursorRange::two(a, b)));
    state.store(ctx, id);
    if focus {
        ctx.memory_mut(|m| m.request_focus(id));
    }
}

/// Page Up or Page Down pressed while the body has the keyboard (egui's `TextEdit` has no
/// page keys): taken from the input, as the direction (-1 up, 1 down) and whether Shift
/// extends the selection.
fn take_page_key(ui: &egui::Ui, id: Id) -> Option<(f32, bool)> {
    if !ui.memory(|m| m.has_focus(id)) {
        return None;
    }
    ui.input_mut(|i| {
        for (key, direction) in [(egui::Key::PageDown, 1.0), (egui::Key::PageUp, -1.0)] {
            // Shift first: a key pattern without Shift matches a press with it too
            for shift in [true, false] {
                let modifiers = if shift {
                    egui::Modifiers::SHIFT
                } else {
                    egui::Modifiers::NONE
                };
                if i.consume_key(modifiers, key) {
                    return Some((direction, shift));
                }
            }
        }
        None
    })
}

/// Moves the body's cursor a screen up or down (less a row, so the line it was on stays in
/// sight), keeping its place across the row as well as it can, and scrolls the pane by the
/// same: the cursor stays where it was on the screen, as in every editor. With Shift the
/// selection is extended from where it began.
fn page(ui: &egui::Ui, id: Id, layout: &BodyLayout, screen: f32, (direction, shift): (f32, bool)) {
    let Some(galley) = layout.newest() else {
        return;
    };
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let Some(range) = state.cursor.char_range() else {
        return;
    };
    let at = galley.pos_from_cursor(range.primary);
    let step = (screen - at.height()).max(at.height());
    let to = galley.cursor_from_pos(egui::vec2(at.left(), at.center().y + direction * step));
    let moved = if shift {
        CCursorRange::two(range.secondary, to)
    } else {
        CCursorRange::one(to)
    };
    state.cursor.set_char_range(Some(moved));
    state.store(ui.ctx(), id);
    ui.scroll_with_delta(egui::vec2(0.0, -direction * step));
}

/// The byte offset of character `chars` of `text` (see [`super::text_box::byte_index`]).
pub fn char_to_byte(text: &str, chars: usize) -> usize {
    super::text_box::byte_index(text, egui::text::CharIndex(chars))
}

/// How many characters stand before byte `byte` of `text`.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Subheadings, bold, links, quotations and the markup itself each look their own in
    /// both themes: a long story's sections stand out from its bold words.
    #[test]
    fn each_kind_of_markup_has_a_look_of_its_own() {
        let font = FontId::proportional(14.0);
        for t in [&Tokens::LIGHT, &Tokens::DARK] {
            let look = |m: Mark| format(m, t, &font);
            let kinds = [
                Mark::default(),
                Mark {
                    subheading: true,
                    ..Mark::default()
                },
                Mark {
                    strong: true,
                    ..Mark::default()
                },
                Mark {
                    link: true,
                    ..Mark::default()
                },
                Mark {
                    quote: true,
                    ..Mark::default()
                },
                Mark {
                    syntax: true,
                    ..Mark::default()
                },
            ];
            let colours: Vec<_> = kinds.iter().map(|m| look(*m).color).collect();
            for (i, a) in colours.iter().enumerate() {
                for b in &colours[i + 1..] {
                    assert_ne!(a, b, "two kinds of markup drawn alike: {colours:?}");
                }
            }
            // the `## ` of a subheading is markup: grey like the rest
            let hashes = Mark {
                subheading: true,
                syntax: true,
                ..Mark::default()
            };
            assert_eq!(look(hashes).color, t.syntax);
        }
    }
}
