//! The body editor: a word-wrapped text field with the markup coloured.
//!
//! The text is laid out line by line and coloured only within a screen of sight
//! ([`super::body_layout`]): a keystroke lays out the line typed in and colours what can be
//! seen, however long the story; an idle frame lays out nothing. In the frame of a keystroke
//! the field shows the typed text from its [`SpliceRecorder`].

use std::ops::Range;
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::markup::{self, Mark};
use egui::text::{CCursor, CCursorRange};
use egui::{FontId, Galley, Id, TextBuffer, TextFormat};

use super::Action;
use super::body_layout::{BodyLayout, Look, Window};
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
    /// The part of the body the field holds (see [`WINDOW_FROM`]); the field's cursor is
    /// counted from its start.
    window: Window,
    /// The cursor put aside while it is out of the window (see [`Parked`]).
    parked: Option<Parked>,
    /// The stretch of the body (the whole body's coordinates) the window was placed over.
    span: Range<f32>,
    /// The part of the laid-out body in sight when it was last drawn (the whole body's
    /// coordinates).
    sight: Range<f32>,
    /// Where a keystroke's copy of the body is made, kept between frames.
    scratch: String,
    /// Keys pressed after the editor replaced a selection reaching out of the window, in the
    /// same frame (see [`OverSelection::later`]): given to the field in the next frame, once
    /// it holds the cursor the replacement left (let go if the body lost the keyboard).
    later: Vec<egui::Event>,
}

/// Bodies longer than this (in bytes) are not given to egui's text field whole: it copies,
/// compares and walks its whole text several times a frame, which on a 5 MB story costs
/// more than everything else in the frame. It is given the whole lines within
/// [`WINDOW_SCREENS`] of sight instead (and any selection), with room above and below for
/// the rest, and the cursor counted from the window's start. Screen readers then read the
/// body a few screens at a time, as they do in other editors built for long documents.
/// Shorter bodies (some 10,000 words) are given whole.
const WINDOW_FROM: usize = 64 * 1024;

/// The body's cursor and selection (characters of the body) while they reach out of the
/// window: the field holds the few screens in sight and a stand-in, the part of the
/// selection in the window, its far ends at the window's edges, out of sight. A key that
/// acts at the cursor widens the window to the cursor's end first; what the field does at
/// that end (a Shift+click, Shift+arrows, a drag) keeps the far end ([`from_field`]); what
/// acts on the whole selection the editor does itself ([`OverSelection`]).
#[derive(Debug, Clone, Copy)]
struct Parked {
    range: CCursorRange,
    stand_in: CCursorRange,
}

/// How far beyond sight the window reaches, in screens, when it is placed.
const WINDOW_SCREENS: f32 = 1.5;

/// How near sight may come to the window's ends, in screens, before it is placed again
/// (so a scroll of a few lines keeps it, and its galley).
const WINDOW_SLACK: f32 = 0.5;

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

    /// How many characters of the body come before the part its field holds: the field's
    /// own cursor (egui's `TextEdit` state) is counted from there.
    pub fn window_chars(&self) -> usize {
        self.window.chars
    }

    /// The bytes of the body its field held when last drawn (all of it, up to
    /// [`WINDOW_FROM`]).
    pub fn window_bytes(&self) -> Range<usize> {
        self.window.bytes.clone()
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

    /// The window's galley, for its text now: the body's, or this frame's keystroke's.
    /// `sight` is the part of the body in sight, in the whole body's coordinates.
    fn layout(&mut self, ui: &egui::Ui, text: &str, width: f32, sight: Range<f32>) -> Arc<Galley> {
        let tokens = Tokens::of(ui);
        let font = egui::TextStyle::Body.resolve(ui.style());
        let font = FontId::new(font.size * tokens.editor_scale, font.family);
        let look = Look {
            width,
            font: font.clone(),
            dark: ui.visuals().dark_mode,
            atlas: crate::ui::fonts::atlas_epoch(ui.ctx()),
            pixels_per_point: ui.ctx().pixels_per_point(),
        };
        // What else the colours depend on: the find matches. Without the bar there is
        // nothing to check again (their generation moves with every keystroke's text, which
        // made a short story, all of it in sight, check every line's colours again each
        // keystroke).
        let colouring = if self.find.is_open() {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            let current = self
                .find
                .current_match(self.body.text(), self.body.revision());
            (self.find.generation(), &current).hash(&mut h);
            h.finish()
        } else {
            0
        };
        let (highlighter, find) = (&mut self.highlighter, &mut self.find);
        let mut colours = |text: &str, within: Range<usize>, since, revision| {
            let matches = find.matches(text, revision);
            let current = find.current_match(text, revision);
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
        self.body
            .layout(ui.ctx(), text, &look, sight, colouring, &mut colours)
    }

    /// The part of the body the field holds this frame: all of a short body; of a long one,
    /// the lines within [`WINDOW_SCREENS`] of sight (kept from the last frame while sight
    /// stays [`WINDOW_SLACK`] inside them), widened to hold `keep` (characters: the cursor
    /// and selection, a selection asked for).
    fn place_window(&mut self, sight: Range<f32>, keep: Option<Range<usize>>) -> Window {
        let whole = self.body.whole();
        if whole.bytes.len() <= WINDOW_FROM {
            return whole;
        }
        if self.body.char_count().is_none() {
            // Before the first layout no line's height is known: the story's first lines,
            // enough for the first screens (the next frame places the window by sight).
            let text = self.body.text();
            // (a newline's byte is never inside a character)
            let end = text.as_bytes()[WINDOW_FROM / 4..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |i| WINDOW_FROM / 4 + i);
            let end_chars = text[..end].chars().count();
            return Window {
                bytes: 0..end,
                chars: 0,
                end_chars,
                top: 0.0,
            };
        }
        let screen = (sight.end - sight.start).max(100.0);
        let span = &self.span;
        if sight.start - WINDOW_SLACK * screen < span.start
            || sight.end + WINDOW_SLACK * screen > span.end
        {
            self.span = sight.start - WINDOW_SCREENS * screen..sight.end + WINDOW_SCREENS * screen;
        }
        self.body
            .window(self.span.start, self.span.end, keep)
            .unwrap_or(whole)
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
    let ctx = ui.ctx().clone();
    keep_one_undo_copy(&ctx, id);
    // the lines laid out are of the body as it is now (an edit applied, an undo)
    view.body.sync(&ctx, body, revision);
    // a selection asked for from elsewhere (a checked problem, a find match), in bytes
    let mut asked = None;
    if let Some(sel) = view.select.take() {
        asked = Some((sel.clone(), true));
        view.reveal = Some(sel);
    } else if let Some(m) = view.show.take() {
        asked = Some((m.clone(), false));
        view.reveal = Some(m);
    }
    let reveal = view.reveal.take();
    let chars_of = |view: &EditorView, byte: usize| {
        view.body
            .chars_before(byte)
            .unwrap_or_else(|| byte_to_char(body, byte))
    };
    let asked = asked.map(|(range, focus)| {
        let (a, b) = (chars_of(view, range.start), chars_of(view, range.end));
        (CCursorRange::two(CCursor::new(a), CCursor::new(b)), focus)
    });
    let reveal_chars = reveal.as_ref().map(|r| chars_of(view, r.start));
    // The copy a keystroke makes goes into memory kept from the last one (let go when the
    // window has become much shorter).
    let mut scratch = std::mem::take(&mut view.scratch);
    // The height of a screen, from the part of the body in sight in the last frame.
    let screen = (view.sight.end - view.sight.start).max(100.0);
    let focused = ui.memory(|m| m.has_focus(id));
    // Keys held back from the last frame come first, in the order they were pressed; if the
    // body lost the keyboard meanwhile they are let go, not given to whatever has it now.
    let later = std::mem::take(&mut view.later);
    if focused && !later.is_empty() {
        ui.input_mut(|i| {
            i.events.splice(0..0, later);
        });
    }
    let page_key = take_page_key(ui, id);
    let jump = take_document_keys(ui, id);
    // the cursor and selection in the body's characters
    let mut state = egui::TextEdit::load_state(&ctx, id).unwrap_or_default();
    let old = view.window.chars;
    let in_field = state.cursor.char_range();
    let mut range = from_field(in_field, view.parked.take().as_ref(), old);
    let mut moved = false;
    let mut page_scroll = None;
    // (a selection asked for is shown from its start, where the view goes, and held as far
    // as the window reaches: an undo that brings back most of a long story selects it all)
    if let Some((r, _)) = &asked {
        range = Some(*r);
    }
    if let Some(jump) = jump
        && let Some(end) = view.body.char_count()
    {
        range = Some(jump.apply(range, end));
        // (all of the body selected leaves the view where it is: nothing need be held)
        moved = jump != Jump::All;
    }
    if let Some(key) = page_key
        && let Some(r) = range
        && let Some((to, scroll)) = page(&view.body, r, screen, key)
    {
        range = Some(to);
        moved = true;
        page_scroll = Some(scroll);
    }
    // egui's field takes Shift+Tab over a selection as "delete it, then take a tab off the
    // line's start": the selection went (found in the real window: Shift+Tab after "Place at
    // cursor" selected a link's anchor took the anchor out). Over a selection it does nothing
    // here, as no editor deletes on it; with none it still takes a tab off the line.
    if focused && range.is_some_and(|r| !r.is_empty()) {
        ui.input_mut(|i| i.events.retain(|e| !is_shift_tab(e)));
    }
    // Typing, a paste, Delete, a cut or a copy over a selection reaching out of the window
    // act on all of it, but the field holds only its part in the window: the editor does
    // those itself (a selection across a 5 MB story is never handed to the field).
    let mut collapsed = false;
    if focused
        && let Some(r) = range
        && !r.is_empty()
        && body.len() > WINDOW_FROM
        && !view.window.holds(&r)
    {
        let over = ui.input_mut(|i| OverSelection::take(&mut i.events));
        let [a, b] = r.sorted_cursors();
        let byte_of = |c: CCursor| {
            view.body
                .place(c.index.0)
                .unwrap_or_else(|| char_to_byte(body, c.index.0))
        };
        let bytes = byte_of(a)..byte_of(b);
        if over.copy {
            ctx.copy_text(body[bytes.clone()].to_owned());
        }
        if let Some(text) = over.replace {
            // the cursor after what was put in its place, in the next frame's body
            let after = bytes.start + text.len();
            out.push(Action::Edit(Edit::Splice {
                field: TextField::Body,
                range: bytes,
                text,
            }));
            out.push(Action::SelectBody(after..after));
            range = Some(CCursorRange::one(a));
        } else if let Some(to_end) = over.collapse {
            range = Some(CCursorRange::one(if to_end { b } else { a }));
            moved = true;
            collapsed = true;
        }
        view.later = over.later;
    }
    // What acts at the cursor wherever it is (a keystroke, a cursor moved from elsewhere)
    // needs the cursor's end in the field; what acts on a whole selection and is still in
    // the input (a composition typed over it), all of it. A click or a drag puts the
    // cursor's end where the pointer is, in sight, and keeps the other.
    let keys = spell_wanted
        || focused
            && ui.input(|i| {
                i.events
                    .iter()
                    .any(|e| acts_at_cursor(e) && !matches!(e, egui::Event::Copy))
            });
    let whole = focused && ui.input(|i| i.events.iter().any(acts_on_selection));
    let acting = moved || keys;
    // Where the view goes before anything is drawn: a selection made from elsewhere, the
    // cursor sent to an end, or a cursor far out of sight that a keystroke acts at (not a
    // Shift+click: that selects from the cursor to what is in sight, and the field holds
    // only what is in sight and a stand-in for the far end). Going there first keeps the
    // field's window a few screens long (it would otherwise have to reach from what is in
    // sight to the cursor: the whole of a long story) and draws the right screen in this
    // very frame.
    let jumped = jump.is_some_and(|j| j != Jump::All);
    let far = |c: usize| {
        view.body.rect_at(c).is_some_and(|r| {
            r.bottom() < view.sight.start - screen || r.top() > view.sight.end + screen
        })
    };
    let look_at = reveal_chars.or_else(|| {
        let r = range?;
        let cursor = r.primary.index.0;
        (jumped || (keys || collapsed) && far(cursor)).then_some(cursor)
    });
    let mut area = egui::ScrollArea::vertical()
        .id_salt(("body-scroll", generation))
        .auto_shrink([false, false]);
    let target = look_at.map(|c| view.body.rect_at(c));
    if target == Some(None) {
        // nothing laid out yet (a story just opened): on the next frame
        view.reveal = reveal.clone();
    }
    if let Some(Some(rect)) = target {
        // In the middle of the pane, where the eye goes, but never past either end of the
        // body (egui would spring back from there over the next frames).
        let furthest = (view.body.height() + 2.0 * TEXT_MARGIN - screen).max(0.0);
        let offset = rect.center().y + TEXT_MARGIN - screen / 2.0;
        area = area.vertical_scroll_offset(offset.clamp(0.0, furthest));
    }
    // The part of the body in sight this frame, in the whole body's coordinates: set by
    // the scrolled pane before the field lays its text out, so text scrolled into sight is
    // coloured in the frame that first shows it.
    let sight = std::cell::Cell::new((view.sight.start, view.sight.end));
    let mut spell = Vec::new();
    let spell_actions = &mut spell;
    let (out_edit, buffer_edit, window) = area
        .show(ui, |ui| {
            // The field's text starts a margin below the top of the scrolled content (the
            // room above the window, then the field): the whole body's coordinates start
            // there.
            let clip = ui.clip_rect();
            let origin = ui.cursor().top() + TEXT_MARGIN;
            sight.set((clip.top() - origin, clip.bottom() - origin));
            if let Some(scroll) = page_scroll {
                ui.scroll_with_delta(egui::vec2(0.0, scroll));
            }
            let (top, bottom) = sight.get();
            let reveal_keep = reveal_chars.map(|c| c..c);
            let mut window = view.place_window(top..bottom, reveal_keep.clone());
            if let Some(r) = range
                && window.bytes.len() < body.len()
                && !window.holds(&r)
            {
                let [a, b] = r.sorted_cursors();
                let cursor = r.primary.index.0;
                let keep = if whole {
                    Some(a.index.0..b.index.0)
                } else {
                    acting.then_some(cursor..cursor)
                };
                if let Some(keep) = keep {
                    let keep = match &reveal_keep {
                        Some(c) => keep.start.min(c.start)..keep.end.max(c.end),
                        None => keep,
                    };
                    window = view.place_window(top..bottom, Some(keep));
                }
            }
            let mut field_range = range.map(|r| shifted(r, |c| c.saturating_sub(window.chars)));
            if let Some(r) = range
                && window.bytes.len() < body.len()
                && !window.holds(&r)
            {
                // Put aside while out of the window, so that a selection far longer than
                // the screens in sight, or reading far from the cursor, keeps the field a
                // few screens long: the field holds a stand-in, the part of the selection
                // in the window (drawn as it is), its far ends at the window's edges, out
                // of sight. What the field does at the cursor's end keeps the far end.
                let inside = |c: CCursor| {
                    CCursor::new(c.index.0.clamp(window.chars, window.end_chars) - window.chars)
                };
                let stand_in = CCursorRange::two(inside(r.secondary), inside(r.primary));
                view.parked = Some(Parked { range: r, stand_in });
                field_range = Some(stand_in);
            }
            if field_range != in_field {
                // the field's cursor is counted from the window's start
                state.cursor.set_char_range(field_range);
                state.store(&ctx, id);
            }
            if asked.as_ref().is_some_and(|(_, focus)| *focus) {
                ctx.memory_mut(|m| m.request_focus(id));
            }
            view.window = window.clone();
            view.body.set_window(window.bytes.clone());
            if scratch.capacity() > 2 * window.bytes.len() + (1 << 16) {
                scratch = String::new();
            }
            let held = &body[window.bytes.clone()];
            let mut buffer = SpliceRecorder::with_scratch(TextField::Body, held, &mut scratch)
                .from_byte(window.bytes.start);
            // The cursor's byte, from the laid-out lines: a keystroke mid-way through a long
            // window is put in place without counting the characters before it.
            if let Some(f) = field_range
                && let Some(byte) = view.body.place(f.primary.index.0 + window.chars)
                && (window.bytes.start..=window.bytes.end).contains(&byte)
            {
                buffer = buffer.knowing(f.primary.index.0, byte - window.bytes.start);
            }
            // the room taken by the lines above the window
            ui.add_space(window.top);
            let mut layouter = |ui: &egui::Ui, buf: &dyn TextBuffer, width: f32| {
                let (top, bottom) = sight.get();
                view.layout(ui, buf.as_str(), width, top..bottom)
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
            // and the room taken by the lines below it
            let below = view.body.height() - window.top - out.galley.rect.height();
            if below > ui.spacing().item_spacing.y {
                ui.add_space(below - ui.spacing().item_spacing.y);
            }
            let origin = out.galley_pos.y - window.top;
            sight.set((clip.top() - origin, clip.bottom() - origin));
            let text = out.galley.text();
            // the misspelt words in the window, counted from its start (and the menu's
            // word counted from the body's start again)
            let base = window.bytes.start;
            let words = misspellings.in_field(TextField::Body);
            let from = words.partition_point(|m| m.range.start < base);
            let held: Vec<_> = words[from..]
                .iter()
                .take_while(|m| m.range.start <= base + text.len())
                .filter(|m| m.range.end <= base + text.len())
                .map(|m| crate::app::spelling::Miss {
                    range: m.range.start - base..m.range.end - base,
                    ..m.clone()
                })
                .collect();
            let before = spell_actions.len();
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
                held.iter(),
                spell_wanted,
                spell_actions,
            );
            for action in &mut spell_actions[before..] {
                if let Action::OpenSpellMenu(miss, _) = action {
                    miss.range = miss.range.start + base..miss.range.end + base;
                }
            }
            super::comments::margin_ui(
                ui,
                article,
                (text, base),
                (&out.galley, Some(&view.body)),
                out.galley_pos,
                out.response.response.rect.right(),
                comments,
            );
            (out, buffer.into_edit(), window)
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
    let range = from_field(out_edit.cursor_range, view.parked.as_ref(), window.chars);
    if let Some(range) = range {
        let (a, b) = (range.primary.index.0, range.secondary.index.0);
        view.cursor = Some(a);
        if response.has_focus() {
            view.selection = Some(a.min(b)..a.max(b));
        }
    }
    if let Some(edit) = buffer_edit {
        out.push(Action::Edit(edit));
    }
    view.scratch = scratch;
    if response.lost_focus() {
        out.push(Action::EndTyping);
    }
}

/// The body's cursor and selection (characters) from the field's, `base` characters into the
/// body: the one put aside while the field still holds its stand-in; the field's moved
/// cursor and the far end put aside where the field kept the stand-in's end there (a
/// Shift+click or Shift+arrow extending a selection reaching out of the window); else the
/// field's own.
fn from_field(
    field: Option<CCursorRange>,
    parked: Option<&Parked>,
    base: usize,
) -> Option<CCursorRange> {
    let f = field?;
    let mut range = shifted(f, |c| c + base);
    if let Some(p) = parked {
        if same_place(field, p.stand_in) {
            return Some(p.range);
        }
        if !f.is_empty() && f.secondary.index == p.stand_in.secondary.index {
            range.secondary = p.range.secondary;
        }
    }
    Some(range)
}

/// Whether the field's cursor `range` is at `stand_in`'s places (egui may change which row
/// a place at a row's end prefers).
fn same_place(range: Option<CCursorRange>, stand_in: CCursorRange) -> bool {
    range.is_some_and(|r| {
        (r.primary.index, r.secondary.index) == (stand_in.primary.index, stand_in.secondary.index)
    })
}

/// `range` with each of its places moved by `by`.
fn shifted(range: CCursorRange, by: impl Fn(usize) -> usize) -> CCursorRange {
    let mut r = range;
    r.primary.index.0 = by(r.primary.index.0);
    r.secondary.index.0 = by(r.secondary.index.0);
    r
}

/// A key that moves the body's cursor to its start or end, or selects all of it: taken
/// from egui's field, which would only reach the ends of the part of a long body it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Jump {
    /// To the start (Ctrl+Home; ⌘↑), extending the selection with Shift.
    Start { extend: bool },
    /// To the end (Ctrl+End; ⌘↓), likewise.
    End { extend: bool },
    /// Select all (Ctrl+A).
    All,
}

impl Jump {
    /// The cursor after the jump, from `range` in a body of `end` characters.
    fn apply(self, range: Option<CCursorRange>, end: usize) -> CCursorRange {
        let (start, end) = (CCursor::new(0), CCursor::new(end));
        let from = range.map_or(start, |r| r.secondary);
        match self {
            Jump::All => CCursorRange::two(start, end),
            Jump::Start { extend: true } => CCursorRange::two(from, start),
            Jump::End { extend: true } => CCursorRange::two(from, end),
            Jump::Start { .. } => CCursorRange::one(start),
            Jump::End { .. } => CCursorRange::one(end),
        }
    }
}

/// Ctrl+Home, Ctrl+End (⌘↑, ⌘↓ on a Mac; with Shift, to extend the selection) and Ctrl+A
/// pressed while the body has the keyboard: taken from the input (see [`Jump`]).
fn take_document_keys(ui: &egui::Ui, id: Id) -> Option<Jump> {
    if !ui.memory(|m| m.has_focus(id)) {
        return None;
    }
    ui.input_mut(|i| {
        let mut jump = None;
        i.events.retain(|e| {
            let egui::Event::Key {
                key,
                pressed,
                modifiers: m,
                ..
            } = e
            else {
                return true;
            };
            let this = match key {
                egui::Key::A if m.command => Some(Jump::All),
                egui::Key::Home if m.ctrl => Some(Jump::Start { extend: m.shift }),
                egui::Key::End if m.ctrl => Some(Jump::End { extend: m.shift }),
                egui::Key::ArrowUp if m.command => Some(Jump::Start { extend: m.shift }),
                egui::Key::ArrowDown if m.command => Some(Jump::End { extend: m.shift }),
                _ => None,
            };
            match this {
                Some(j) => {
                    if *pressed {
                        jump = Some(j);
                    }
                    false
                }
                None => true,
            }
        });
        jump
    })
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

/// The body's cursor (characters of the body) moved a screen up or down (less a row, so
/// the line it was on stays in sight), keeping its place across the row as well as it can,
/// and how far to scroll the pane to keep it where it was on the screen, as in every
/// editor. With Shift the selection is extended from where it began.
fn page(
    layout: &BodyLayout,
    range: CCursorRange,
    screen: f32,
    (direction, shift): (f32, bool),
) -> Option<(CCursorRange, f32)> {
    let at = layout.rect_at(range.primary.index.0)?;
    let step = (screen - at.height()).max(at.height());
    let to = CCursor::new(layout.char_at(egui::pos2(at.left(), at.center().y + direction * step))?);
    let moved = if shift {
        CCursorRange::two(range.secondary, to)
    } else {
        CCursorRange::one(to)
    };
    Some((moved, -direction * step))
}

/// What the editor does itself to a selection reaching out of the field's window (the field
/// holds only the part of it in the window, so whatever it did would reach only that part):
/// taken from the frame's input by [`OverSelection::take`].
#[derive(Debug, Default, PartialEq)]
struct OverSelection {
    /// The text put in the selection's place: what was typed or pasted over it, a newline
    /// (Enter) or a tab; empty for Backspace, Delete or a cut.
    replace: Option<String>,
    /// The selection is copied to the clipboard (a copy or a cut).
    copy: bool,
    /// The cursor put at the selection's start (`false`: Left) or end (`true`: Right), as
    /// the arrows alone do over a selection.
    collapse: Option<bool>,
    /// What acts at the cursor after the selection was replaced or collapsed in the same
    /// frame (fast typing, a key the frame also held), for the field in the next frame: it
    /// acts at the cursor the replacement leaves, which the field holds only then. Text
    /// typed right after a replacement joins it instead.
    later: Vec<egui::Event>,
}

impl OverSelection {
    /// Takes from `events` what acts on the whole selection, in order.
    fn take(events: &mut Vec<egui::Event>) -> Self {
        use egui::{Event, Key};
        let mut over = OverSelection::default();
        events.retain(|event| {
            if over.replace.is_some() || over.collapse.is_some() {
                // the selection is gone: text typed on joins what replaced it, and the
                // rest waits for the field to hold the cursor
                if let (Some(replace), Some(more)) = (&mut over.replace, typed(event)) {
                    replace.push_str(&more);
                    return false;
                }
                if acts_at_cursor(event) {
                    over.later.push(event.clone());
                    return false;
                }
                return true;
            }
            let key = |k: Key, alone: bool| {
                matches!(event, Event::Key { key, pressed: true, modifiers, .. }
                    if *key == k && (!alone || modifiers.is_none()))
            };
            if let Some(text) = typed(event) {
                over.replace = Some(text);
            } else if matches!(event, Event::Cut) {
                over.copy = true;
                over.replace = Some(String::new());
            } else if matches!(event, Event::Copy) {
                over.copy = true;
            } else if key(Key::Backspace, false)
                || matches!(event, Event::Key { key: Key::Delete, pressed: true, modifiers, .. }
                    if !modifiers.shift)
            {
                over.replace = Some(String::new());
            } else if key(Key::ArrowLeft, true) || key(Key::ArrowRight, true) {
                over.collapse = Some(key(Key::ArrowRight, true));
            } else {
                return true;
            }
            false
        });
        over
    }
}

/// The text `event` puts at the cursor, as egui's multi-line field takes it: typed (not the
/// newline some systems send with Enter, which the key itself gives) or pasted text, Enter
/// or Tab alone.
fn typed(event: &egui::Event) -> Option<String> {
    use egui::{Event, Key};
    match event {
        Event::Text(t) if !t.is_empty() && t != "\n" && t != "\r" => Some(t.clone()),
        Event::Paste(t) if !t.is_empty() => Some(t.clone()),
        Event::Key {
            key: key @ (Key::Enter | Key::Tab),
            pressed: true,
            modifiers,
            ..
        } if modifiers.is_none() => Some(if *key == Key::Enter { "\n" } else { "\t" }.to_owned()),
        _ => None,
    }
}

/// Whether `event` is Shift+Tab pressed.
fn is_shift_tab(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Key {
            key: egui::Key::Tab,
            pressed: true,
            modifiers,
            ..
        } if modifiers.shift
    )
}

/// Whether `event` acts on the whole of a selection in egui's field (replaces, deletes or
/// copies it): what is left of those once [`OverSelection::take`] has taken its own (a
/// composition typed over it, Shift+Delete) needs all of the selection in the field (Shift+Tab
/// over a selection never reaches the field: see `is_shift_tab`).
fn acts_on_selection(event: &egui::Event) -> bool {
    use egui::{Event, ImeEvent, Key};
    match event {
        Event::Text(t) | Event::Paste(t) => !t.is_empty(),
        Event::Ime(ImeEvent::Preedit { text, .. } | ImeEvent::Commit(text)) => !text.is_empty(),
        Event::Copy | Event::Cut => true,
        Event::Key {
            key: Key::Backspace | Key::Delete | Key::Enter | Key::Tab,
            pressed: true,
            ..
        } => true,
        _ => false,
    }
}

/// Whether `event`, with the body's field holding the keyboard, acts at its cursor: text
/// typed, pasted or composed, a copy or cut, a key that moves the cursor or edits at it.
/// Not a modifier pressed (egui sends Shift as a key of its own: pressed to Shift+click
/// far from the cursor, it must not take the view back to it) nor an empty composition.
fn acts_at_cursor(event: &egui::Event) -> bool {
    use egui::{Event, ImeEvent, Key};
    match event {
        Event::Text(t) | Event::Paste(t) => !t.is_empty(),
        Event::Ime(ImeEvent::Preedit { text, .. } | ImeEvent::Commit(text)) => !text.is_empty(),
        Event::Ime(ImeEvent::DeleteSurrounding { .. }) | Event::Copy | Event::Cut => true,
        Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } => {
            matches!(
                key,
                Key::ArrowDown
                    | Key::ArrowLeft
                    | Key::ArrowRight
                    | Key::ArrowUp
                    | Key::Home
                    | Key::End
                    | Key::Backspace
                    | Key::Delete
                    | Key::Enter
                    | Key::Tab
            ) || modifiers.ctrl && key.symbol_or_name().len() == 1
        }
        _ => false,
    }
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

    /// Over a selection reaching out of the window, typing, pasting, Enter, Delete, a cut and
    /// a copy act on all of it and are taken from the input; text typed on in the same frame
    /// joins the replacement, other keys wait for the next frame; the rest stays for egui.
    #[test]
    fn what_acts_on_a_far_selection_is_taken_from_the_input() {
        use egui::{Event, Key, Modifiers};
        let key = |key, modifiers| Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        };
        let take = |events: &[Event]| {
            let mut events = events.to_vec();
            let over = OverSelection::take(&mut events);
            (over, events)
        };
        let none = Modifiers::NONE;
        // typed over, then more typed, Enter, and a key for the next frame
        let (over, left) = take(&[
            Event::Text("a".into()),
            Event::Text("b".into()),
            key(Key::Enter, none),
            key(Key::ArrowLeft, none),
            Event::PointerMoved(egui::pos2(1.0, 1.0)),
        ]);
        assert_eq!(over.replace.as_deref(), Some("ab\n"));
        assert_eq!(over.later, vec![key(Key::ArrowLeft, none)]);
        assert_eq!(left, vec![Event::PointerMoved(egui::pos2(1.0, 1.0))]);
        // a cut copies and deletes; a copy only copies
        let (over, _) = take(&[Event::Cut]);
        assert!(over.copy && over.replace.as_deref() == Some(""));
        let (over, left) = take(&[Event::Copy]);
        assert!(over.copy && over.replace.is_none() && left.is_empty());
        // Backspace with Ctrl and Delete delete it; Shift+Delete and Shift+Tab stay for egui
        for k in [key(Key::Backspace, Modifiers::CTRL), key(Key::Delete, none)] {
            assert_eq!(take(&[k]).0.replace.as_deref(), Some(""));
        }
        for k in [
            key(Key::Delete, Modifiers::SHIFT),
            key(Key::Tab, Modifiers::SHIFT),
        ] {
            let (over, left) = take(std::slice::from_ref(&k));
            assert_eq!((over, left), (OverSelection::default(), vec![k]));
        }
        // Left and Right alone go to its ends; with Shift they extend it, in the field
        assert_eq!(take(&[key(Key::ArrowRight, none)]).0.collapse, Some(true));
        assert_eq!(take(&[key(Key::ArrowLeft, none)]).0.collapse, Some(false));
        let shift_left = key(Key::ArrowLeft, Modifiers::SHIFT);
        assert_eq!(take(std::slice::from_ref(&shift_left)).1, vec![shift_left]);
        // a paste, then Backspace: the Backspace waits for the cursor after the paste
        let (over, _) = take(&[Event::Paste("new".into()), key(Key::Backspace, none)]);
        assert_eq!(over.replace.as_deref(), Some("new"));
        assert_eq!(over.later, vec![key(Key::Backspace, none)]);
    }

    /// The body's selection from the field's: the stand-in gives the range put aside; a
    /// field that moved the cursor's end and kept the stand-in's far end gives the moved
    /// end and the far one; anything else is the field's own, counted from the window.
    #[test]
    fn a_far_end_put_aside_is_kept_when_the_field_moves_the_other() {
        let two = |a, b| CCursorRange::two(CCursor::new(a), CCursor::new(b));
        let parked = Parked {
            range: two(10, 5_000),
            stand_in: two(0, 300),
        };
        let base = 4_800;
        assert_eq!(
            from_field(Some(two(0, 300)), Some(&parked), base),
            Some(two(10, 5_000))
        );
        // Shift+click or Shift+Down: the far start stays
        assert_eq!(
            from_field(Some(two(0, 350)), Some(&parked), base),
            Some(two(10, 5_150))
        );
        // a plain click: a cursor where it was put
        let one = CCursorRange::one(CCursor::new(120));
        assert_eq!(
            from_field(Some(one), Some(&parked), base),
            Some(CCursorRange::one(CCursor::new(4_920)))
        );
        // nothing put aside: the field's own
        assert_eq!(
            from_field(Some(two(3, 7)), None, base),
            Some(two(4_803, 4_807))
        );
        assert_eq!(from_field(None, Some(&parked), base), None);
    }

    /// What a keystroke acts at brings a far cursor back; Shift pressed alone (to Shift+click
    /// far away), an input method's empty composition and a released key do not.
    #[test]
    fn only_what_changes_or_moves_the_text_acts_at_the_cursor() {
        use egui::{Event, ImeEvent, Key, Modifiers};
        let key = |pressed| Event::Key {
            key: Key::ArrowDown,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        };
        let with = |key, modifiers| Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        };
        let shift = Event::Key {
            key: Key::ShiftLeft,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::SHIFT,
        };
        let preedit = |text: &str| {
            Event::Ime(ImeEvent::Preedit {
                text: text.into(),
                active_range_chars: None,
            })
        };
        for (event, acts) in [
            (Event::Text("a".into()), true),
            (Event::Text(String::new()), false),
            (Event::Paste("b".into()), true),
            (Event::Copy, true),
            (Event::Cut, true),
            (key(true), true),
            (key(false), false),
            (shift, false),
            (with(Key::Escape, Modifiers::NONE), false),
            (with(Key::F5, Modifiers::NONE), false),
            // egui's own field keys: Ctrl+K deletes to the row's end on a Mac
            (with(Key::K, Modifiers::CTRL), true),
            (preedit("か"), true),
            (preedit(""), false),
            (Event::Ime(ImeEvent::Commit("字".into())), true),
            (Event::Ime(ImeEvent::Commit(String::new())), false),
            (Event::PointerMoved(egui::pos2(1.0, 2.0)), false),
            (Event::ModifiersChanged(Modifiers::SHIFT), false),
        ] {
            assert_eq!(acts_at_cursor(&event), acts, "{event:?}");
        }
    }

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
