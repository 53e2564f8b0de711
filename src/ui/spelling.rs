//! Spelling in the text fields: a wavy underline under each misspelt word, drawn over the
//! field's own laid-out text (no second layout), and the menu a right-click or Ctrl+. opens
//! on a misspelt word: up to five suggestions, "Add to desk dictionary", "Add to my
//! dictionary", "Ignore in this story". The open menu takes the keyboard: ↑ ↓ move through
//! it, Enter chooses, Escape closes — none of them reach the text field under it.

use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use egui::{Galley, Pos2, Rect, Stroke, Vec2};

use super::Action;
use super::body_layout::BodyLayout;
use super::tokens::Tokens;
use crate::app::spelling::{Flag, Miss};
use crate::app::word_lists::WordListKind;

/// The open menu: for which word, where.
#[derive(Debug, Clone)]
struct Menu {
    miss: Miss,
    at: Pos2,
    /// The pass it opened in: the click that opened it must not close it.
    opened: u64,
}

/// What spelling remembers between frames.
#[derive(Default)]
pub struct SpellView {
    menu: Option<Menu>,
    /// The menu entry the keyboard is on.
    highlight: usize,
    /// Enter was pressed: the highlighted entry is chosen this frame.
    choose: bool,
    /// Ctrl+. was pressed: the focused field opens the menu for the word at its cursor, in
    /// the next frame.
    pub wanted: bool,
    /// Escape was pressed while the menu was open.
    escaped: bool,
}

/// Puts the keyboard back in the field the menu was for: typing goes on where it was.
fn give_back_focus(ctx: &egui::Context, field: TextField) {
    let id = match field {
        TextField::Body => super::editor::body_id(),
        other => super::metadata::field_id(copydesk_core::field::Field::from(other)),
    };
    ctx.memory_mut(|m| m.request_focus(id));
}

impl SpellView {
    /// Opens the menu for `miss` at `at`.
    pub fn open(&mut self, ctx: &egui::Context, miss: Miss, at: Pos2) {
        self.menu = Some(Menu {
            miss,
            at,
            opened: ctx.cumulative_pass_nr(),
        });
        self.highlight = 0;
        self.choose = false;
    }

    /// While the menu is open, takes ↑, ↓ and Enter from the frame's input before any text
    /// field sees them: they move through the menu and choose from it. Called before the
    /// panes are drawn.
    pub fn take_keys(&mut self, ctx: &egui::Context) {
        if self.menu.is_none() {
            return;
        }
        let none = egui::Modifiers::NONE;
        ctx.input_mut(|i| {
            while i.consume_key(none, egui::Key::ArrowDown) {
                self.highlight += 1;
            }
            while i.consume_key(none, egui::Key::ArrowUp) {
                self.highlight = self.highlight.saturating_sub(1);
            }
            if i.consume_key(none, egui::Key::Enter) {
                self.choose = true;
            }
            // taken here, or the text field under the menu would give up the keyboard too
            if i.consume_key(none, egui::Key::Escape) {
                self.escaped = true;
            }
        });
        if std::mem::take(&mut self.escaped)
            && let Some(menu) = self.menu.take()
        {
            give_back_focus(ctx, menu.miss.field);
        }
    }

    /// Closes the menu; whether one was open.
    pub fn close(&mut self) -> bool {
        self.menu.take().is_some()
    }

    /// Whether the menu is open.
    pub fn is_open(&self) -> bool {
        self.menu.is_some()
    }
}

/// One text field as laid out this frame.
pub struct Laid<'a> {
    /// The field.
    pub field: TextField,
    /// Its text as the galley shows it.
    pub text: &'a str,
    /// The laid-out text.
    pub galley: &'a Galley,
    /// Where the galley is drawn.
    pub galley_pos: Pos2,
    /// The field's widget.
    pub response: &'a egui::Response,
    /// Its cursor, in characters, when it has the focus.
    pub cursor: Option<usize>,
    /// The body's line-by-line layout, which finds where a row starts without walking the
    /// text above it (`None` for the metadata panel's fields, which are short).
    pub rows: Option<&'a BodyLayout>,
}

/// Underlines `misses` (the field's misspelt words: those still in its text where they
/// were found) and asks for the menu on a right-click on one, or, when `wanted` (Ctrl+.),
/// for the word at the cursor of the focused field.
///
/// Only the rows on screen are looked at: a frame costs the same at the top of a 5 MB story
/// as in a headline, however many words are misspelt (see [`shown`]).
pub fn underline_ui<'m>(
    ui: &egui::Ui,
    laid: &Laid<'_>,
    misses: impl Iterator<Item = &'m Miss>,
    wanted: bool,
    out: &mut Vec<Action>,
) {
    let clip = ui.clip_rect();
    let Some(shown) = shown(laid.galley, laid.galley_pos, clip, laid.text, laid.rows) else {
        return;
    };
    // only the words on the rows shown are placed (a long story has thousands)
    // (placed first, then checked against the text: a 5 MB story has thousands)
    let mut misses: Vec<&Miss> = misses
        .filter(|m| m.range.end >= shown.byte && m.range.start <= shown.end)
        .filter(|m| laid.text.get(m.range.clone()) == Some(m.word.as_str()))
        .collect();
    if misses.is_empty() {
        return;
    }
    misses.sort_by_key(|m| m.range.start);
    let spans = place(laid.galley, laid.galley_pos, laid.text, &shown, &misses);
    let t = Tokens::of(ui);
    for span in &spans {
        for r in &span.rects {
            if r.intersects(clip) {
                // each kind its own line, not its colour alone
                match &span.miss.flag {
                    Flag::Spelling => wavy(ui.painter(), *r, t.error),
                    Flag::Grammar { .. } => double(ui.painter(), *r, t.grammar),
                    Flag::Style { .. } => dashed(ui.painter(), *r, t.house_style),
                }
            }
        }
    }
    if laid.response.secondary_clicked()
        && let Some(pos) = laid.response.interact_pointer_pos()
        && let Some(span) = first_of(spans.iter().filter(|s| {
            s.rects
                .iter()
                .any(|r| r.expand2(Vec2::new(0.0, 4.0)).contains(pos))
        }))
    {
        // below the words' row, so the menu does not cover the line being corrected
        let row = span
            .rects
            .iter()
            .find(|r| r.expand2(Vec2::new(0.0, 4.0)).contains(pos));
        let at = row.map_or(pos, |r| egui::pos2(pos.x, r.bottom() + 2.0));
        out.push(Action::OpenSpellMenu(span.miss.clone(), at));
    }
    if wanted
        && laid.response.has_focus()
        && let Some(cursor) = laid.cursor
        && let Some(span) = first_of(spans.iter().filter(|s| s.chars.contains(&cursor)))
    {
        let at = span
            .rects
            .first()
            .map_or(laid.galley_pos, |r| r.left_bottom());
        out.push(Action::OpenSpellMenu(span.miss.clone(), at));
    }
}

/// Of the findings at one place, the one the menu opens on: what stops a publish first (a
/// house-style error), then grammar, the style's warnings, spelling, the style's suggestions;
/// the narrowest of equals (the "!" before the whole headline's case).
fn first_of<'s, 'm: 's>(spans: impl Iterator<Item = &'s Span<'m>>) -> Option<&'s Span<'m>> {
    use copydesk_core::style::Level;
    spans.min_by_key(|s| {
        let rank = match &s.miss.flag {
            Flag::Style {
                level: Level::Error,
                ..
            } => 0,
            Flag::Grammar { .. } => 1,
            Flag::Style {
                level: Level::Warning,
                ..
            } => 2,
            Flag::Spelling => 3,
            Flag::Style { .. } => 4,
        };
        (rank, s.miss.range.len())
    })
}

/// The rows of a laid-out text that are on screen, where the first of them starts in the
/// text, in bytes and in characters (egui's cursor unit), and where the last ends.
#[derive(Debug, PartialEq)]
pub(super) struct Shown {
    /// The rows on screen.
    pub(super) rows: std::ops::Range<usize>,
    /// Where the first of them starts in the text, in bytes.
    pub(super) byte: usize,
    /// And in characters.
    pub(super) char: usize,
    /// Where the last of them ends in the text, in bytes (after its newline, if it has one).
    pub(super) end: usize,
}

impl Shown {
    /// `first..last` starting at `byte` (`char`): the rows' own characters walked to find
    /// their end (a screenful of text, however long the story).
    fn new(
        galley: &Galley,
        text: &str,
        rows: std::ops::Range<usize>,
        byte: usize,
        char: usize,
    ) -> Self {
        let chars: usize = galley.rows[rows.clone()]
            .iter()
            .map(|r| r.char_count_including_newline().0)
            .sum();
        let rest = text.get(byte..).unwrap_or("");
        let end = byte
            + rest
                .char_indices()
                .nth(chars)
                .map_or(rest.len(), |(i, _)| i);
        Shown {
            rows,
            byte,
            char,
            end,
        }
    }
}

/// Finds the rows inside `clip` by their position (rows are in order down the page), then
/// where the first starts: the rows above are counted, not the text; only the line it is
/// on is walked character by character. Newlines are found with a byte search.
///
/// `rows`, the body's layout, finds where the first row starts from its lines instead.
pub(super) fn shown(
    galley: &Galley,
    pos: Pos2,
    clip: Rect,
    text: &str,
    rows: Option<&BodyLayout>,
) -> Option<Shown> {
    let (top, bottom) = (clip.top() - pos.y, clip.bottom() - pos.y);
    let first = galley.rows.partition_point(|r| r.max_y() < top);
    let last = galley.rows.partition_point(|r| r.min_y() <= bottom);
    if first >= last {
        return None;
    }
    if let Some((byte, char)) = rows.and_then(|l| l.row_start(galley, first)) {
        return Some(Shown::new(galley, text, first..last, byte, char));
    }
    let (mut chars, mut lines, mut into_line) = (0, 0, 0);
    for r in &galley.rows[..first] {
        let n = r.char_count_including_newline().0;
        chars += n;
        if r.ends_with_newline {
            lines += 1;
            into_line = 0;
        } else {
            into_line += n;
        }
    }
    let line_start = match lines {
        0 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 1)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let byte = text[line_start..]
        .char_indices()
        .nth(into_line)
        .map_or(text.len(), |(i, _)| line_start + i);
    Some(Shown::new(galley, text, first..last, byte, chars))
}

/// A misspelt word on screen: its characters and the rectangles it covers, one per row.
struct Span<'m> {
    miss: &'m Miss,
    chars: std::ops::RangeInclusive<usize>,
    rects: Vec<Rect>,
}

/// Places the misses (in order) that fall on the rows shown, walking those rows' text once.
fn place<'m>(
    galley: &Galley,
    pos: Pos2,
    text: &str,
    shown: &Shown,
    misses: &[&'m Miss],
) -> Vec<Span<'m>> {
    let mut spans: Vec<Span<'m>> = Vec::new();
    let mut next = misses.partition_point(|m| m.range.end <= shown.byte);
    let (mut byte, mut char) = (shown.byte, shown.char);
    for row in &galley.rows[shown.rows.clone()] {
        let n = row.row.char_count_excluding_newline().0;
        let rest = text.get(byte..).unwrap_or("");
        let len = rest.char_indices().nth(n).map_or(rest.len(), |(i, _)| i);
        let row_bytes = byte..byte + len;
        // the character at a byte of this row
        let char_at = |b: usize| char + text.get(byte..b).map_or(0, |t| t.chars().count());
        let x_at = |c: usize| row.row.x_offset(egui::epaint::text::CharIndex(c - char)) + row.pos.x;
        let mut i = next;
        while let Some(m) = misses.get(i)
            && m.range.start < row_bytes.end
        {
            let (a, b) = (
                m.range.start.max(row_bytes.start),
                m.range.end.min(row_bytes.end),
            );
            if a < b {
                let (ca, cb) = (char_at(a), char_at(b));
                let rect = Rect::from_min_max(
                    Pos2::new(x_at(ca), row.min_y()),
                    Pos2::new(x_at(cb), row.max_y()),
                )
                .translate(pos.to_vec2());
                match spans.last_mut() {
                    Some(s) if std::ptr::eq(s.miss, *m) => {
                        s.chars = *s.chars.start()..=cb;
                        s.rects.push(rect);
                    }
                    _ => spans.push(Span {
                        miss: m,
                        chars: ca..=cb,
                        rects: vec![rect],
                    }),
                }
            }
            i += 1;
        }
        // words that end on this row are done; one that runs on is met again on the next
        while misses
            .get(next)
            .is_some_and(|m| m.range.end <= row_bytes.end)
        {
            next += 1;
        }
        byte = row_bytes.end + usize::from(row.ends_with_newline);
        char += row.char_count_including_newline().0;
    }
    spans
}

/// A wavy line along the bottom of `r`.
fn wavy(painter: &egui::Painter, r: Rect, color: egui::Color32) {
    let y = r.bottom() - 1.0;
    let (step, amp) = (2.0, 1.2);
    let n = ((r.width() / step).ceil() as usize).max(2);
    let points: Vec<Pos2> = (0..=n)
        .map(|i| {
            let x = (r.left() + i as f32 * step).min(r.right());
            let dy = if i % 2 == 0 { -amp } else { amp };
            Pos2::new(x, y + dy)
        })
        .collect();
    painter.add(egui::Shape::line(points, Stroke::new(1.0, color)));
}

/// Two straight lines along the bottom of `r`: a word the grammar checker flags.
fn double(painter: &egui::Painter, r: Rect, color: egui::Color32) {
    for y in [r.bottom() - 2.5, r.bottom() - 0.5] {
        painter.hline(r.x_range(), y, Stroke::new(1.0, color));
    }
}

/// A dashed line along the bottom of `r`: words against the house style.
fn dashed(painter: &egui::Painter, r: Rect, color: egui::Color32) {
    let y = r.bottom() - 1.0;
    let (dash, gap) = (4.0, 2.0);
    let mut x = r.left();
    while x < r.right() {
        let end = (x + dash).min(r.right());
        painter.hline(x..=end, y, Stroke::new(1.5, color));
        x = end + gap;
    }
}

/// The menu, when open: suggestions first, then the word lists. `text_of` gives a field's
/// text now, so a word typed over since the menu opened is not replaced.
pub fn menu_ui(
    ctx: &egui::Context,
    view: &mut SpellView,
    text_of: impl Fn(TextField) -> Option<String>,
    desk_chosen: bool,
    out: &mut Vec<Action>,
) {
    let Some(menu) = view.menu.clone() else {
        return;
    };
    let still_there = text_of(menu.miss.field)
        .is_some_and(|t| t.get(menu.miss.range.clone()) == Some(menu.miss.word.as_str()));
    if !still_there {
        view.menu = None;
        return;
    }
    let m = &menu.miss;
    // The entries the keyboard moves through, in order: the suggestions, then the lists.
    let mut entries: Vec<(String, String, Vec<Action>)> = m
        .suggestions
        .iter()
        .map(|s| {
            let label = if s.is_empty() {
                format!("Delete “{}”", m.word)
            } else {
                s.clone()
            };
            (
                label,
                format!("Replace “{}” with “{s}”", m.word),
                vec![
                    Action::EndTyping,
                    Action::Edit(Edit::Splice {
                        field: m.field,
                        range: m.range.clone(),
                        text: s.clone(),
                    }),
                    Action::EndTyping,
                ],
            )
        })
        .collect();
    let lists_from = entries.len();
    let spelling = m.flag == Flag::Spelling;
    if let Some(rule) = m.flag.rule() {
        entries.push((
            "Ignore in this story".into(),
            format!(
                "{rule} says nothing more about “{}” in this story (kept in the file)",
                m.word
            ),
            vec![Action::IgnoreFinding(rule.to_owned(), m.word.clone())],
        ));
    } else if desk_chosen {
        entries.push((
            "Add to desk dictionary".into(),
            "Into the desk's shared word list".into(),
            vec![Action::AddWord(WordListKind::Desk, m.word.clone())],
        ));
    }
    if spelling {
        entries.push((
            "Add to my dictionary".into(),
            "Into your own word list".into(),
            vec![Action::AddWord(WordListKind::Personal, m.word.clone())],
        ));
        entries.push((
            "Ignore in this story".into(),
            "Kept in the story file, for anyone who opens it".into(),
            vec![Action::IgnoreWord(m.word.clone())],
        ));
    }
    view.highlight = view.highlight.min(entries.len() - 1);
    let mut chosen = std::mem::take(&mut view.choose).then_some(view.highlight);
    let area = egui::Area::new(egui::Id::unique("copydesk-spelling-menu"))
        .order(egui::Order::Foreground)
        .fixed_pos(menu.at)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::menu(ui.style()).show(ui, |ui| {
                ui.set_min_width(200.0);
                // menu items, not buttons
                ui.style_mut().visuals.button_frame = false;
                ui.label(egui::RichText::new(format!("“{}”", m.word)).strong());
                match &m.flag {
                    Flag::Spelling => {}
                    Flag::Grammar { rule, message } => {
                        ui.set_max_width(360.0);
                        ui.label(message.as_str());
                        ui.label(egui::RichText::new(format!("Grammar: {rule}")).weak());
                    }
                    Flag::Style { rule, level, message } => {
                        ui.set_max_width(360.0);
                        ui.label(message.as_str());
                        ui.label(
                            egui::RichText::new(format!("House style: {rule} ({})", level.label()))
                                .weak(),
                        );
                    }
                }
                if m.suggestions.is_empty() && spelling {
                    ui.label(egui::RichText::new("No suggestions").weak());
                }
                for (i, (label, hover, _)) in entries.iter().enumerate() {
                    if i == lists_from {
                        ui.separator();
                        if !desk_chosen && spelling {
                            ui.add_enabled(false, egui::Button::new("Add to desk dictionary"))
                                .on_disabled_hover_text(
                                    "Choose the desk's word list first: Edit > Spelling > Desk dictionary…",
                                );
                        }
                    }
                    let on = i == view.highlight;
                    if ui
                        .add(egui::Button::selectable(on, label.as_str()))
                        .on_hover_text(hover.as_str())
                        .clicked()
                    {
                        chosen = Some(i);
                    }
                }
            });
        });
    let close = match chosen.and_then(|i| entries.into_iter().nth(i)) {
        Some((_, _, actions)) => {
            out.extend(actions);
            give_back_focus(ctx, m.field);
            true
        }
        None => false,
    };
    let clicked_elsewhere = ctx.input(|i| i.pointer.any_pressed())
        && !area.response.contains_pointer()
        && ctx.cumulative_pass_nr() > menu.opened;
    if close || clicked_elsewhere {
        view.menu = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn miss(text: &str, word: &str) -> Miss {
        let start = text.find(word).unwrap();
        Miss {
            field: TextField::Body,
            range: start..start + word.len(),
            word: word.into(),
            suggestions: vec![],
            flag: Flag::Spelling,
        }
    }

    /// A galley of `text` wrapped at `width` points, as a text field lays it out.
    fn laid(ctx: &egui::Context, text: &str, width: f32) -> std::sync::Arc<Galley> {
        let mut galley = None;
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            galley = Some(ui.fonts_mut(|f| {
                f.layout(
                    text.to_owned(),
                    egui::FontId::proportional(14.0),
                    egui::Color32::WHITE,
                    width,
                )
            }));
        });
        out.textures_delta.clear();
        galley.unwrap()
    }

    /// Where a miss's second and last characters are by egui's own (linear) cursor lookup,
    /// for comparison. (A cursor between rows is ambiguous: before the word's first
    /// character, egui puts it at the end of the row above when the word wrapped.)
    fn by_cursor(galley: &Galley, text: &str, m: &Miss) -> (Rect, Rect) {
        let ca = text[..m.range.start].chars().count();
        let cb = text[..m.range.end].chars().count();
        let a = galley.pos_from_cursor(egui::text::CCursor::new(ca + 1));
        let b = galley.pos_from_cursor(egui::text::CCursor::new(cb - 1));
        (a, b)
    }

    /// Whether `span` covers the characters egui has for its word.
    fn covers(span: &Span<'_>, galley: &Galley, text: &str) -> bool {
        let (a, b) = by_cursor(galley, text, span.miss);
        let (first, last) = (span.rects[0], *span.rects.last().unwrap());
        first.top() == a.top()
            && first.left() < a.left()
            && last.top() == b.top()
            && last.right() > b.left()
    }

    #[test]
    fn words_are_placed_where_egui_puts_their_characters() {
        let ctx = egui::Context::default();
        let text = "Ça wörks goverment ünd paragraf.\nÜber 🎉 the secnd line, \
                    which wraps round a narrow field and has anothr word.\n\nLast paragrph";
        let galley = laid(&ctx, text, 160.0);
        assert!(galley.rows.len() > 4, "the text wraps");
        let misses: Vec<Miss> = ["goverment", "paragraf", "secnd", "anothr", "paragrph"]
            .iter()
            .map(|w| miss(text, w))
            .collect();
        let refs: Vec<&Miss> = misses.iter().collect();
        let everything = Rect::from_min_size(Pos2::ZERO, Vec2::splat(10_000.0));
        let shown = shown(&galley, Pos2::ZERO, everything, text, None).unwrap();
        assert_eq!((shown.byte, shown.char), (0, 0));
        let spans = place(&galley, Pos2::ZERO, text, &shown, &refs);
        assert_eq!(spans.len(), misses.len(), "every word is placed");
        for (span, m) in spans.iter().zip(&misses) {
            assert!(std::ptr::eq(span.miss, m));
            assert!(covers(span, &galley, text), "{}", m.word);
        }
    }

    #[test]
    fn only_the_rows_on_screen_are_looked_at() {
        let ctx = egui::Context::default();
        let para = "A paragrph of the story with one misspelt word in it.\n\n";
        let text = para.repeat(400);
        let galley = laid(&ctx, &text, 200.0);
        let misses: Vec<Miss> = text
            .match_indices("paragrph")
            .map(|(i, w)| Miss {
                field: TextField::Body,
                range: i..i + w.len(),
                word: w.into(),
                suggestions: vec![],
                flag: Flag::Spelling,
            })
            .collect();
        let refs: Vec<&Miss> = misses.iter().collect();
        // a window onto the middle of the story
        let middle = galley.rows[galley.rows.len() / 2].min_y();
        let clip = Rect::from_min_max(Pos2::new(0.0, middle), Pos2::new(200.0, middle + 120.0));
        let shown = shown(&galley, Pos2::ZERO, clip, &text, None).unwrap();
        assert_eq!(shown.char, text[..shown.byte].chars().count());
        let below: usize = galley.rows[shown.rows.end..]
            .iter()
            .map(|r| r.char_count_including_newline().0)
            .sum();
        assert_eq!(
            text[shown.end..].chars().count(),
            below,
            "the rows shown end where the rows below begin"
        );
        let spans = place(&galley, Pos2::ZERO, &text, &shown, &refs);
        assert!(
            (1..=4).contains(&spans.len()),
            "the few words on screen, not all 400: {}",
            spans.len()
        );
        for span in &spans {
            assert!(covers(span, &galley, &text));
        }
        let far_below = clip.translate(Vec2::new(0.0, 1e7));
        assert!(shown_none(&galley, far_below, &text));
    }

    fn shown_none(galley: &Galley, clip: Rect, text: &str) -> bool {
        shown(galley, Pos2::ZERO, clip, text, None).is_none()
    }
}
