//! Spelling in the text fields: a wavy underline under each misspelt word, drawn over the
//! field's own laid-out text (no second layout), and the menu a right-click or Ctrl+. opens
//! on a misspelt word: up to five suggestions, "Add to desk dictionary", "Add to my
//! dictionary", "Ignore in this story".

use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, Stroke, Vec2};

use super::Action;
use super::tokens::Tokens;
use crate::app::spelling::Miss;
use crate::app::state::WordListKind;

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
    /// Ctrl+. was pressed: the focused field opens the menu for the word at its cursor, in
    /// the next frame.
    pub wanted: bool,
}

impl SpellView {
    /// Opens the menu for `miss` at `at`.
    pub fn open(&mut self, ctx: &egui::Context, miss: Miss, at: Pos2) {
        self.menu = Some(Menu {
            miss,
            at,
            opened: ctx.cumulative_pass_nr(),
        });
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
}

/// Underlines `misses` (the field's misspelt words that are still in its text) and asks for
/// the menu on a right-click on one, or, when `wanted` (Ctrl+.), for the word at the cursor
/// of the focused field.
pub fn underline_ui<'m>(
    ui: &egui::Ui,
    laid: &Laid<'_>,
    misses: impl Iterator<Item = &'m Miss>,
    wanted: bool,
    out: &mut Vec<Action>,
) {
    let misses: Vec<&Miss> = misses.collect();
    if misses.is_empty() {
        return;
    }
    let color = Tokens::of(ui).error;
    let clip = ui.clip_rect();
    let chars = char_offsets(laid.text, &misses);
    let mut spans = Vec::with_capacity(misses.len());
    for (m, (start, end)) in misses.iter().zip(chars) {
        let rects = word_rects(laid.galley, laid.galley_pos, start, end);
        for r in &rects {
            if r.intersects(clip) {
                wavy(ui.painter(), *r, color);
            }
        }
        spans.push((*m, start, end, rects));
    }
    if laid.response.secondary_clicked()
        && let Some(pos) = laid.response.interact_pointer_pos()
        && let Some((m, ..)) = spans.iter().find(|(_, _, _, rects)| {
            rects
                .iter()
                .any(|r| r.expand2(Vec2::new(0.0, 4.0)).contains(pos))
        })
    {
        out.push(Action::OpenSpellMenu((*m).clone(), pos));
    }
    if wanted
        && laid.response.has_focus()
        && let Some(cursor) = laid.cursor
        && let Some((m, _, _, rects)) = spans
            .iter()
            .find(|(_, start, end, _)| (*start..=*end).contains(&cursor))
    {
        let at = rects.first().map_or(laid.galley_pos, |r| r.left_bottom());
        out.push(Action::OpenSpellMenu((*m).clone(), at));
    }
}

/// The characters (egui's cursor unit) at which each miss starts and ends, in one walk of
/// the text. `misses` are in order.
fn char_offsets(text: &str, misses: &[&Miss]) -> Vec<(usize, usize)> {
    let mut wanted: Vec<usize> = misses
        .iter()
        .flat_map(|m| [m.range.start, m.range.end])
        .collect();
    wanted.sort_unstable();
    let mut found = std::collections::HashMap::with_capacity(wanted.len());
    let mut next = wanted.iter().peekable();
    for (chars, (byte, _)) in text.char_indices().chain([(text.len(), ' ')]).enumerate() {
        while let Some(&&w) = next.peek() {
            if w > byte {
                break;
            }
            found.insert(w, chars);
            next.next();
        }
        if next.peek().is_none() {
            break;
        }
    }
    misses
        .iter()
        .map(|m| {
            (
                found.get(&m.range.start).copied().unwrap_or(0),
                found.get(&m.range.end).copied().unwrap_or(0),
            )
        })
        .collect()
}

/// The rectangles a run of characters covers, one per row it is on, on the screen.
fn word_rects(galley: &Galley, pos: Pos2, start: usize, end: usize) -> Vec<Rect> {
    let a = galley.pos_from_cursor(CCursor::new(start));
    let b = galley.pos_from_cursor(CCursor::new(end));
    let offset = pos.to_vec2();
    if (a.top() - b.top()).abs() < 1.0 {
        return vec![Rect::from_min_max(a.left_top(), b.right_bottom()).translate(offset)];
    }
    // a word broken over rows: to the end of its first row, then from the start of its last
    let first_row_end = galley
        .rows
        .iter()
        .find(|r| (r.pos.y - a.top()).abs() < 1.0)
        .map_or(a.right(), |r| r.pos.x + r.size.x);
    vec![
        Rect::from_min_max(a.left_top(), Pos2::new(first_row_end, a.bottom())).translate(offset),
        Rect::from_min_max(Pos2::new(0.0, b.top()), b.right_bottom()).translate(offset),
    ]
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
    let mut close = false;
    let area = egui::Area::new(egui::Id::unique("copydesk-spelling-menu"))
        .order(egui::Order::Foreground)
        .fixed_pos(menu.at)
        .constrain(true)
        .show(ctx, |ui| {
            egui::Frame::menu(ui.style()).show(ui, |ui| {
                ui.set_min_width(200.0);
                // menu items, not buttons
                ui.style_mut().visuals.button_frame = false;
                let m = &menu.miss;
                ui.label(egui::RichText::new(format!("“{}”", m.word)).strong());
                if m.suggestions.is_empty() {
                    ui.label(egui::RichText::new("No suggestions").weak());
                }
                for s in &m.suggestions {
                    if ui
                        .button(s)
                        .on_hover_text(format!("Replace “{}” with “{s}”", m.word))
                        .clicked()
                    {
                        out.push(Action::EndTyping);
                        out.push(Action::Edit(Edit::Splice {
                            field: m.field,
                            range: m.range.clone(),
                            text: s.clone(),
                        }));
                        out.push(Action::EndTyping);
                        close = true;
                    }
                }
                ui.separator();
                let desk = ui
                    .add_enabled(desk_chosen, egui::Button::new("Add to desk dictionary"))
                    .on_disabled_hover_text(
                        "Choose the desk's word list first: Edit > Spelling > Desk dictionary…",
                    );
                if desk.clicked() {
                    out.push(Action::AddWord(WordListKind::Desk, m.word.clone()));
                    close = true;
                }
                if ui.button("Add to my dictionary").clicked() {
                    out.push(Action::AddWord(WordListKind::Personal, m.word.clone()));
                    close = true;
                }
                if ui
                    .button("Ignore in this story")
                    .on_hover_text("Kept in the story file, for anyone who opens it")
                    .clicked()
                {
                    out.push(Action::IgnoreWord(m.word.clone()));
                    close = true;
                }
            });
        });
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
        }
    }

    #[test]
    fn byte_ranges_become_character_offsets_in_one_walk() {
        let text = "Ça wörks goverment ünd paragraf";
        let a = miss(text, "goverment");
        let b = miss(text, "paragraf");
        assert_eq!(char_offsets(text, &[&a, &b]), [(9, 18), (23, 31)]);
        let end = miss(text, "paragraf");
        assert_eq!(
            char_offsets(text, &[&end]),
            [(23, 31)],
            "a word at the very end"
        );
    }
}
