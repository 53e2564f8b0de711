//! The body editor: a word-wrapped text field with the markup coloured, and find/replace.
//!
//! Colouring is cached: the runs from [`crate::article::body::highlight`] and the laid-out
//! text are kept until the text, the width, the find term or the theme change, so an idle
//! or scrolling editor does no highlighting and no layout.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, CCursorRange, LayoutJob};
use egui::{Color32, FontId, Galley, Id, TextBuffer};

use super::{CopydeskApp, theme};
use crate::app::find;
use crate::app::history::EditKey;
use crate::article::body::{self, Mark};

/// The body editor's widget id; other panes use it to focus the body or read its cursor.
pub fn body_id() -> Id {
    Id::unique("copydesk-body-editor")
}

#[derive(Default)]
pub struct FindBar {
    pub open: bool,
    pub replace: bool,
    pub query: String,
    pub replacement: String,
    pub match_case: bool,
    /// Index of the current match.
    pub current: usize,
    /// Whether the current match has been selected yet (the first Next shows match 1).
    shown: bool,
    focus_query: bool,
}

/// Everything the editor remembers between frames.
#[derive(Default)]
pub struct EditorView {
    pub find: FindBar,
    /// The cursor in the body, in characters, when the body last had focus. Kept in
    /// characters as egui gives it; converted to a byte offset only when used.
    pub cursor: Option<usize>,
    /// A selection to make in the body on the next frame (a find match, a checked problem).
    pub select: Option<Range<usize>>,
    highlight: Option<(String, Runs)>,
    matches: Option<MatchCache>,
    galley: Option<GalleyKey>,
}

type Runs = Vec<(Range<usize>, Mark)>;

/// Find matches for one text, query and case setting.
struct MatchCache {
    text: String,
    query: String,
    match_case: bool,
    matches: Arc<Vec<Range<usize>>>,
}

struct GalleyKey {
    text: String,
    width: f32,
    dark: bool,
    font: FontId,
    query: String,
    match_case: bool,
    galley: Arc<Galley>,
}

impl EditorView {
    pub fn open_find(&mut self, _ctx: &egui::Context, replace: bool) {
        self.find.open = true;
        self.find.replace = replace;
        self.find.focus_query = true;
    }

    /// The find matches in `text`, recomputed only when the text or the query changed.
    pub fn matches(&mut self, text: &str) -> Arc<Vec<Range<usize>>> {
        let f = &self.find;
        if let Some(c) = &self.matches
            && c.text == text
            && c.query == f.query
            && c.match_case == f.match_case
        {
            return c.matches.clone();
        }
        let m = Arc::new(if f.open {
            find::find_all(text, &f.query, f.match_case)
        } else {
            Vec::new()
        });
        self.matches = Some(MatchCache {
            text: text.to_owned(),
            query: f.query.clone(),
            match_case: f.match_case,
            matches: m.clone(),
        });
        m
    }

    fn runs(&mut self, text: &str) -> &[(Range<usize>, Mark)] {
        let stale = !matches!(&self.highlight, Some((t, _)) if t == text);
        if stale {
            self.highlight = Some((text.to_owned(), body::highlight(text)));
        }
        &self.highlight.as_ref().expect("just set").1
    }

    /// The laid-out body, from the cache when nothing that shapes it changed.
    fn layout(&mut self, ui: &egui::Ui, text: &str, width: f32) -> Arc<Galley> {
        let dark = ui.visuals().dark_mode;
        let font = egui::TextStyle::Body.resolve(ui.style());
        let font = FontId::new(font.size * 1.08, font.family);
        if let Some(k) = &self.galley
            && k.text == text
            && k.width == width
            && k.dark == dark
            && k.font == font
            && k.query == self.find.query
            && k.match_case == self.find.match_case
        {
            return k.galley.clone();
        }
        let base = ui.visuals().strong_text_color();
        let matches = self.matches(text);
        let hit = if dark {
            Color32::from_rgb(0x6a, 0x55, 0x10)
        } else {
            Color32::from_rgb(0xff, 0xe5, 0x8a)
        };
        let mut job = LayoutJob::default();
        let runs = self.runs(text).to_vec();
        for (range, mark) in runs {
            // split runs at find matches so matches get a background
            let mut pos = range.start;
            for m in matches
                .iter()
                .filter(|m| m.end > range.start && m.start < range.end)
            {
                let (a, b) = (m.start.max(range.start), m.end.min(range.end));
                if a > pos {
                    job.append(
                        &text[pos..a],
                        0.0,
                        theme::editor_format(mark, dark, font.clone(), base),
                    );
                }
                let mut f = theme::editor_format(mark, dark, font.clone(), base);
                f.background = hit;
                job.append(&text[a..b], 0.0, f);
                pos = b;
            }
            if pos < range.end {
                job.append(
                    &text[pos..range.end],
                    0.0,
                    theme::editor_format(mark, dark, font.clone(), base),
                );
            }
        }
        job.wrap.max_width = width;
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        self.galley = Some(GalleyKey {
            text: text.to_owned(),
            width,
            dark,
            font,
            query: self.find.query.clone(),
            match_case: self.find.match_case,
            galley: galley.clone(),
        });
        galley
    }
}

/// The centre pane.
pub fn pane(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    if app.view.editor.find.open {
        find_bar(ui, app);
        ui.separator();
    }
    let label = ui.label(egui::RichText::new("Story body").strong());
    let id = body_id();
    if let Some(sel) = app.view.editor.select.take() {
        select(ui.ctx(), id, &app.state.article.body, sel);
    }
    let view = &mut app.view.editor;
    let mut layouter =
        |ui: &egui::Ui, buf: &dyn TextBuffer, width: f32| view.layout(ui, buf.as_str(), width);
    let out = egui::ScrollArea::vertical()
        .id_salt("body-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::TextEdit::multiline(&mut app.state.article.body)
                .id(id)
                .desired_width(f32::INFINITY)
                .desired_rows(24)
                .lock_focus(true)
                .hint_text("Write the story here. A blank line starts a new paragraph.")
                .layouter(&mut layouter)
                .show(ui)
        })
        .inner;
    let response = out.response.response.clone().labelled_by(label.id);
    if let Some(range) = out.cursor_range {
        app.view.editor.cursor = Some(range.primary.index.0);
    }
    if response.changed() {
        app.state.edited(EditKey::Field("body"));
    }
    if response.lost_focus() {
        app.state.break_undo_group();
    }
}

/// Selects `range` (bytes) in the text field `id` and gives it focus.
pub fn select(ctx: &egui::Context, id: Id, text: &str, range: Range<usize>) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let a = CCursor::new(byte_to_char(text, range.start));
    let b = CCursor::new(byte_to_char(text, range.end));
    state.cursor.set_char_range(Some(CCursorRange::two(a, b)));
    state.store(ctx, id);
    ctx.memory_mut(|m| m.request_focus(id));
}

pub fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

pub fn byte_to_char(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

fn find_bar(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    let matches = app.view.editor.matches(&app.state.article.body);
    let mut go_to: Option<usize> = None;
    let mut close = false;
    ui.horizontal_wrapped(|ui| {
        let f = &mut app.view.editor.find;
        let label = ui.label("Find");
        let q = ui.add(
            egui::TextEdit::singleline(&mut f.query)
                .id_salt("find-query")
                .desired_width(180.0),
        );
        let q = q.labelled_by(label.id);
        if f.focus_query {
            q.request_focus();
            f.focus_query = false;
        }
        if q.changed() {
            f.current = 0;
            f.shown = false;
        }
        let enter = q.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.checkbox(&mut f.match_case, "Match case");
        let count = matches.len();
        let shown = if count == 0 {
            if f.query.is_empty() {
                String::new()
            } else {
                "No matches".to_owned()
            }
        } else {
            format!("{} of {count}", f.current.min(count - 1) + 1)
        };
        ui.label(shown);
        if ui
            .add_enabled(count > 0, egui::Button::new("Previous"))
            .clicked()
        {
            f.current = (f.current + count - 1) % count;
            f.shown = true;
            go_to = Some(f.current);
        }
        if ui
            .add_enabled(count > 0, egui::Button::new("Next"))
            .clicked()
            || (enter && count > 0)
        {
            if f.shown {
                f.current = (f.current + 1) % count;
            }
            f.shown = true;
            go_to = Some(f.current);
        }
        if ui.button("Close").clicked() {
            close = true;
        }
    });
    if app.view.editor.find.replace {
        let mut replace_one = false;
        let mut replace_every = false;
        ui.horizontal_wrapped(|ui| {
            let f = &mut app.view.editor.find;
            let label = ui.label("Replace with");
            ui.add(
                egui::TextEdit::singleline(&mut f.replacement)
                    .id_salt("find-replacement")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
            replace_one = ui
                .add_enabled(!matches.is_empty(), egui::Button::new("Replace"))
                .clicked();
            replace_every = ui
                .add_enabled(!matches.is_empty(), egui::Button::new("Replace All"))
                .clicked();
        });
        let f = &app.view.editor.find;
        if replace_every {
            let (text, _) = find::replace_all(
                &app.state.article.body,
                &f.query,
                &f.replacement,
                f.match_case,
            );
            app.state.article.body = text;
            app.state.edited(EditKey::Command);
        } else if replace_one && let Some(m) = matches.get(f.current.min(matches.len() - 1)) {
            let m = m.clone();
            let replacement = f.replacement.clone();
            app.state
                .article
                .body
                .replace_range(m.clone(), &replacement);
            app.state.edited(EditKey::Command);
            app.view.editor.select = Some(m.start..m.start + replacement.len());
        }
    }
    if close {
        app.view.editor.find.open = false;
    }
    if let Some(i) = go_to
        && let Some(m) = matches.get(i)
    {
        app.view.editor.select = Some(m.clone());
    }
}
