//! Find and replace in the body: the bar above the editor and the matches it highlights.

use std::ops::Range;
use std::sync::Arc;

use copydesk_core::edit::Edit;
use copydesk_core::field::TextField;
use copydesk_core::find;

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

/// The bar: Find, Match case, the count, Previous, Next, Close; and the replace row.
pub fn find_bar_ui(
    ui: &mut egui::Ui,
    f: &mut FindBar,
    body: &str,
    revision: u64,
    out: &mut Vec<Action>,
) {
    let matches = f.matches(body, Some(revision));
    let mut go_to: Option<usize> = None;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Find");
        let q = ui
            .add(
                egui::TextEdit::singleline(&mut f.query)
                    .id_salt("find-query")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
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
            f.close();
        }
    });
    if f.replace {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Replace with");
            ui.add(
                egui::TextEdit::singleline(&mut f.replacement)
                    .id_salt("find-replacement")
                    .desired_width(180.0),
            )
            .labelled_by(label.id);
            if ui
                .add_enabled(!matches.is_empty(), egui::Button::new("Replace"))
                .clicked()
                && let Some(m) = matches.get(f.current.min(matches.len().saturating_sub(1)))
            {
                out.push(Action::EndTyping);
                out.push(Action::Edit(Edit::Splice {
                    field: TextField::Body,
                    range: m.clone(),
                    text: f.replacement.clone(),
                }));
                out.push(Action::EndTyping);
                out.push(Action::SelectBody(m.start..m.start + f.replacement.len()));
            }
            if ui
                .add_enabled(!matches.is_empty(), egui::Button::new("Replace All"))
                .clicked()
            {
                out.push(Action::EndTyping);
                out.push(Action::Edit(Edit::ReplaceAll {
                    query: f.query.clone(),
                    replacement: f.replacement.clone(),
                    match_case: f.match_case,
                }));
            }
        });
    }
    if let Some(i) = go_to
        && let Some(m) = matches.get(i)
    {
        out.push(Action::SelectBody(m.clone()));
    }
}
