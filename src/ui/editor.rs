//! The body editor: a word-wrapped text field with the markup coloured.
//!
//! Colouring is cached by revision: the runs from [`copydesk_core::markup::highlight`] and the
//! laid-out text are kept until the story, the width, the find term or the theme change, so
//! an idle or scrolling editor does no highlighting and no layout. In the frame of a keystroke
//! the field shows the typed text from its [`SpliceRecorder`] and lays it out once.

use std::ops::Range;
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::field::TextField;
use copydesk_core::markup::{self, Mark};
use egui::text::{CCursor, CCursorRange, LayoutJob};
use egui::{FontId, Galley, Id, TextBuffer, TextFormat};

use super::Action;
use super::find_bar::{self, FindBar};
use super::text_box::SpliceRecorder;
use super::tokens::Tokens;

/// The body editor's widget id; other panes use it to focus the body.
pub fn body_id() -> Id {
    Id::unique("copydesk-body-editor")
}

/// The highlight runs of a body text.
type Runs = Arc<Vec<(Range<usize>, Mark)>>;

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
    runs: Option<(u64, Runs)>,
    /// Colours the body chunk by chunk, keeping the chunks a keystroke did not touch.
    highlighter: markup::Highlighter,
    galley: Option<GalleyKey>,
}

#[derive(PartialEq)]
struct LayoutKey {
    revision: u64,
    width: f32,
    dark: bool,
    font: FontId,
    matches: u64,
    current: Option<Range<usize>>,
    /// [`crate::ui::fonts::atlas_epoch`]: a galley from before the glyph atlas started over
    /// draws scrambled letters.
    atlas: u64,
}

struct GalleyKey {
    key: LayoutKey,
    galley: Arc<Galley>,
}

impl EditorView {
    /// How many runs of the body are drawn highlighted as find matches now.
    pub fn highlighted(&self) -> usize {
        self.galley.as_ref().map_or(0, |g| {
            g.galley
                .job
                .sections
                .iter()
                .filter(|s| {
                    [Tokens::LIGHT, Tokens::DARK]
                        .iter()
                        .any(|t| [t.find_hit, t.find_current].contains(&s.format.background))
                })
                .count()
        })
    }

    fn runs(&mut self, text: &str, revision: Option<u64>) -> Runs {
        if let (Some(rev), Some((r, runs))) = (revision, &self.runs)
            && rev == *r
        {
            return runs.clone();
        }
        let runs = Arc::new(self.highlighter.highlight(text));
        if let Some(rev) = revision {
            self.runs = Some((rev, runs.clone()));
        }
        runs
    }

    /// The laid-out body. `revision` is the story's revision when `text` is the story's own
    /// body, `None` when it holds this frame's keystroke (then nothing is cached).
    fn layout(
        &mut self,
        ui: &egui::Ui,
        text: &str,
        revision: Option<u64>,
        width: f32,
    ) -> Arc<Galley> {
        let tokens = Tokens::of(ui);
        let font = egui::TextStyle::Body.resolve(ui.style());
        let font = FontId::new(font.size * tokens.editor_scale, font.family);
        let matches = self.find.matches(text, revision);
        let current = self.find.current_match(text, revision);
        let key = revision.map(|revision| LayoutKey {
            revision,
            width,
            dark: ui.visuals().dark_mode,
            font: font.clone(),
            matches: self.find.generation(),
            current: current.clone(),
            atlas: crate::ui::fonts::atlas_epoch(ui.ctx()),
        });
        if let (Some(k), Some(cached)) = (&key, &self.galley)
            && *k == cached.key
        {
            return cached.galley.clone();
        }
        let runs = self.runs(text, revision);
        let mut job = LayoutJob::default();
        for (range, mark) in runs.iter() {
            // split runs at find matches so matches get a background
            let mut pos = range.start;
            for m in matches
                .iter()
                .filter(|m| m.end > range.start && m.start < range.end)
            {
                let (a, b) = (m.start.max(range.start), m.end.min(range.end));
                if a > pos {
                    job.append(&text[pos..a], 0.0, format(*mark, tokens, &font));
                }
                let mut f = format(*mark, tokens, &font);
                f.background = if current.as_ref() == Some(m) {
                    tokens.find_current
                } else {
                    tokens.find_hit
                };
                job.append(&text[a..b], 0.0, f);
                pos = b;
            }
            if pos < range.end {
                job.append(&text[pos..range.end], 0.0, format(*mark, tokens, &font));
            }
        }
        job.wrap.max_width = width;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        if let Some(key) = key {
            self.galley = Some(GalleyKey {
                key,
                galley: galley.clone(),
            });
        }
        galley
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
    } else if mark.subheading || mark.strong {
        // The editor's face has no bold weight, so bold text and subheadings are drawn in
        // the strongest text colour instead.
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
    if let Some(sel) = view.select.take() {
        select(ui.ctx(), id, body, sel.clone(), true);
        view.reveal = Some(sel);
    } else if let Some(m) = view.show.take() {
        select(ui.ctx(), id, body, m.clone(), false);
        view.reveal = Some(m);
    }
    let reveal = view.reveal.take();
    let mut buffer = SpliceRecorder::new(TextField::Body, body);
    let original = body.as_ptr();
    let mut layouter = |ui: &egui::Ui, buf: &dyn TextBuffer, width: f32| {
        let text = buf.as_str();
        let rev = (text.as_ptr() == original && text.len() == body.len()).then_some(revision);
        view.layout(ui, text, rev, width)
    };
    let mut spell = Vec::new();
    let spell_actions = &mut spell;
    let out_edit = egui::ScrollArea::vertical()
        .id_salt(("body-scroll", generation))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The field fills the pane, so a click anywhere below the text lands in it.
            let out = egui::TextEdit::multiline(&mut buffer)
                .id(id)
                .desired_width(f32::INFINITY)
                .min_size(ui.available_size())
                .lock_focus(true)
                .hint_text("Write the story here. A blank line starts a new paragraph.")
                .layouter(&mut layouter)
                .show(ui);
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
                },
                misspellings.in_field(TextField::Body, text),
                spell_wanted,
                spell_actions,
            );
            super::comments::margin_ui(
                ui,
                article,
                text,
                &out.galley,
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

/// The byte offset of character `chars` of `text`.
pub fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

/// How many characters stand before byte `byte` of `text`.
pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}
