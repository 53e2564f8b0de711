//! Find and replace: the bar above the editor, the matches it highlights in the body, and
//! those in the story's other texts (headline, standfirst, byline, caption…), gone to in
//! their fields. Matches outside the body come first, in the metadata panel's order.

use std::ops::Range;
use std::sync::Arc;

use copydesk_core::article::Article;
use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::find::{self, Hit};

use super::Action;

/// The find bar's state.
#[derive(Default)]
pub struct FindBar {
    open: bool,
    /// Whether the replace row is shown.
    pub replace: bool,
    /// The text to find.
    pub query: String,
    /// What Replace puts in its place.
    pub replacement: String,
    /// Whether "Corbyn" and "CORBYN" differ.
    pub match_case: bool,
    /// Index of the current match.
    pub current: usize,
    /// Whether the current match has been selected yet (the first Next shows match 1).
    shown: bool,
    focus_query: bool,
    cache: Option<MatchCache>,
    generation: u64,
    /// How many matches lie outside the body this frame (they come first in the count).
    outside: usize,
}

struct MatchCache {
    revision: u64,
    query: String,
    match_case: bool,
    open: bool,
    matches: Arc<Vec<Range<usize>>>,
}

impl FindBar {
    /// Opens the bar (with the replace row when `replace`) and puts the cursor in Find.
    pub fn open(&mut self, replace: bool) {
        self.open = true;
        self.replace = replace;
        self.focus_query = true;
    }

    /// Closes the bar; its matches are no longer highlighted.
    pub fn close(&mut self) {
        self.open = false;
    }

    /// Whether the bar is shown.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// The match last gone to with Next, Previous or Enter, while the bar is open: drawn
    /// stronger than the others, and selected in the body when the bar closes.
    pub fn current_match(&mut self, text: &str, revision: Option<u64>) -> Option<Range<usize>> {
        if !self.open || !self.shown {
            return None;
        }
        let matches = self.matches(text, revision);
        let total = matches.len() + self.outside;
        let at = self.current.min(total.saturating_sub(1));
        at.checked_sub(self.outside)
            .and_then(|i| matches.get(i))
            .cloned()
    }

    /// Changes whenever the set of matches may have changed, for caches keyed on it.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The matches in `text` (none while the bar is closed). `revision` is the story's
    /// revision when `text` is the story's body; the matches are cached by it.
    pub fn matches(&mut self, text: &str, revision: Option<u64>) -> Arc<Vec<Range<usize>>> {
        if let (Some(rev), Some(c)) = (revision, &self.cache)
            && c.revision == rev
            && c.query == self.query
            && c.match_case == self.match_case
            && c.open == self.open
        {
            return c.matches.clone();
        }
        let matches = Arc::new(if self.open {
            find::find_all(text, &self.query, self.match_case)
        } else {
            Vec::new()
        });
        self.generation += 1;
        if let Some(revision) = revision {
            self.cache = Some(MatchCache {
                revision,
                query: self.query.clone(),
                match_case: self.match_case,
                open: self.open,
                matches: matches.clone(),
            });
        }
        matches
    }
}

/// A label, then `field` filling the rest of the row up to `end` (drawn at the right end).
fn row_ui<R, E>(
    ui: &mut egui::Ui,
    label: &str,
    end: impl FnOnce(&mut egui::Ui) -> E,
    field: impl FnOnce(&mut egui::Ui, egui::Id) -> R,
) -> (R, E) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let e = end(ui);
            (field(ui, l.id), e)
        })
        .inner
    })
    .inner
}

/// The bar: Find with Close; Match case, the count, Previous and Next; and the replace row.
/// Each field has a row of its own and the buttons wrap, so nothing is drawn over anything
/// however narrow the pane.
pub fn find_bar_ui(
    ui: &mut egui::Ui,
    f: &mut FindBar,
    article: &Article,
    revision: u64,
    out: &mut Vec<Action>,
) {
    let body = article.body.as_str();
    let matches = f.matches(body, Some(revision));
    let fields = if f.open {
        find::find_in_fields(article, &f.query, f.match_case)
    } else {
        Vec::new()
    };
    f.outside = fields.len();
    // The matches in order: the other texts' first, then the body's.
    let hit = |i: usize| -> Option<Hit> {
        match i.checked_sub(fields.len()) {
            None => fields.get(i).cloned(),
            Some(b) => matches.get(b).map(|range| Hit {
                field: TextField::Body,
                range: range.clone(),
            }),
        }
    };
    let mut go_to: Option<usize> = None;
    let (q, close) = row_ui(
        ui,
        "Find",
        |ui| {
            ui.button("Close")
                .on_hover_text("Close the find bar (Escape)")
        },
        |ui, label| {
            ui.add(
                egui::TextEdit::singleline(&mut f.query)
                    .id_salt("find-query")
                    .desired_width(ui.available_width()),
            )
            .labelled_by(label)
        },
    );
    if close.clicked() {
        out.push(Action::CloseFind);
    }
    if f.focus_query {
        q.request_focus();
        f.focus_query = false;
    }
    if q.changed() {
        f.current = 0;
        f.shown = false;
    }
    let enter = q.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if enter {
        // Enter goes to the next match and the cursor stays here for the next Enter; the
        // body shows the match without taking the keyboard, so no Enter lands in the story.
        q.request_focus();
    }
    let count = matches.len() + fields.len();
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(&mut f.match_case, "Match case");
        // No label at all while the query is empty: an empty label in a wrapped row is
        // placed at the row's start and the next button lands on the checkbox.
        if count > 0 {
            let outside = if fields.is_empty() {
                String::new()
            } else {
                format!(" ({} outside the body)", fields.len())
            };
            ui.label(format!(
                "{} of {count}{outside}",
                f.current.min(count - 1) + 1
            ));
        } else if !f.query.is_empty() {
            ui.label("No matches");
        }
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
    });
    if f.replace {
        let (r, ()) = row_ui(
            ui,
            "Replace with",
            |_| (),
            |ui, label| {
                ui.add(
                    egui::TextEdit::singleline(&mut f.replacement)
                        .id_salt("find-replacement")
                        .desired_width(ui.available_width()),
                )
                .labelled_by(label)
            },
        );
        // Ctrl+Alt+Enter in either field replaces them all, as in most editors.
        let all_key = (q.has_focus() || r.has_focus() || q.lost_focus() || r.lost_focus())
            && ui.input_mut(|i| {
                i.consume_key(
                    egui::Modifiers::COMMAND | egui::Modifiers::ALT,
                    egui::Key::Enter,
                )
            });
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(count > 0, egui::Button::new("Replace"))
                .clicked()
                && let Some(h) = hit(f.current.min(count.saturating_sub(1)))
            {
                out.push(Action::EndTyping);
                out.push(Action::Edit(Edit::Splice {
                    field: h.field,
                    range: h.range.clone(),
                    text: f.replacement.clone(),
                }));
                out.push(Action::EndTyping);
                let replaced = h.range.start..h.range.start + f.replacement.len();
                out.push(if h.field == TextField::Body {
                    Action::SelectBody(replaced)
                } else {
                    Action::Focus(h.field.into(), Some(replaced))
                });
            }
            let all_shortcut = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
                egui::Modifiers::COMMAND | egui::Modifiers::ALT,
                egui::Key::Enter,
            ));
            if ui
                .add_enabled(count > 0, egui::Button::new("Replace All"))
                .on_hover_text(format!("Replace every match, in the body and the other texts; Undo takes them all back ({all_shortcut})"))
                .clicked()
                || (all_key && count > 0)
            {
                out.push(Action::EndTyping);
                // every match is gone: the count starts again from the first (after an
                // undo too)
                f.current = 0;
                f.shown = false;
                out.push(Action::ReplaceAll {
                    query: f.query.clone(),
                    replacement: f.replacement.clone(),
                    match_case: f.match_case,
                });
            }
        });
    }
    if let Some(h) = go_to.and_then(hit) {
        out.push(if h.field == TextField::Body {
            Action::ShowMatch(h.range)
        } else {
            // egui draws a selection only in the field with the keyboard: a match in
            // another text is shown by going there
            Action::Focus(h.field.into(), Some(h.range))
        });
    }
}
