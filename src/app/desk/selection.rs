//! The rows selected and the row the keyboard is on: clicks (with Ctrl and Shift), the
//! arrows, select all and none. Moving to another row reviews it, asking first about the
//! review's unsaved changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::Desk;
use super::review::{DeskPrompt, Then};

impl Desk {
    /// The files selected.
    pub fn selected(&self) -> &BTreeSet<PathBuf> {
        &self.selected
    }

    /// The selected files that are shown, in the order shown.
    pub fn selected_shown(&mut self) -> Vec<PathBuf> {
        let shown = self.shown().to_vec();
        shown
            .into_iter()
            .filter_map(|i| self.rows.get(i))
            .filter(|r| self.selected.contains(&r.path))
            .map(|r| r.path.clone())
            .collect()
    }

    /// The file the keyboard is on and the review shows.
    pub fn focus(&self) -> Option<&Path> {
        self.focus.as_deref()
    }

    /// Whether `path` is selected.
    pub fn is_selected(&self, path: &Path) -> bool {
        self.selected.contains(path)
    }

    /// A click on a row: reviews it and selects only it; with `toggle` (Ctrl) adds it to the
    /// selection or takes it out; with `range` (Shift) selects the rows from the last one
    /// clicked. Asks first when the review has unsaved changes.
    pub fn click(&mut self, path: &Path, toggle: bool, range: bool) {
        if range && let Some(anchor) = self.anchor.clone() {
            let shown = self.shown().to_vec();
            let pos = |p: &Path| shown.iter().position(|&i| self.rows[i].path == p);
            if let (Some(a), Some(b)) = (pos(&anchor), pos(path)) {
                let (from, to) = (a.min(b), a.max(b));
                let paths: Vec<PathBuf> = shown[from..=to]
                    .iter()
                    .map(|&i| self.rows[i].path.clone())
                    .collect();
                if !toggle {
                    self.selected.clear();
                }
                self.selected.extend(paths);
                self.review_file(path);
                return;
            }
        }
        self.anchor = Some(path.to_path_buf());
        if toggle {
            if !self.selected.remove(path) {
                self.selected.insert(path.to_path_buf());
                self.review_file(path);
            }
            return;
        }
        if self.review_blocked(path) {
            self.prompt = Some(DeskPrompt::Unsaved(Then::Review(path.to_path_buf())));
            return;
        }
        self.selected.clear();
        self.selected.insert(path.to_path_buf());
        self.review_file(path);
    }

    /// Adds `path` to the selection or takes it out (its checkbox), leaving the review.
    pub fn toggle(&mut self, path: &Path) {
        if !self.selected.remove(path) {
            self.selected.insert(path.to_path_buf());
        }
        self.anchor = Some(path.to_path_buf());
    }

    /// Selects every row shown.
    pub fn select_all_shown(&mut self) {
        let shown = self.shown().to_vec();
        let paths: Vec<PathBuf> = shown.iter().map(|&i| self.rows[i].path.clone()).collect();
        self.selected.extend(paths);
    }

    /// Selects nothing (the review stays).
    pub fn select_none(&mut self) {
        self.selected.clear();
    }

    /// Moves the focus `by` rows up (negative) or down the rows shown, selecting that row
    /// (adding it to the selection with `extend`).
    pub fn step(&mut self, by: isize, extend: bool) {
        let shown = self.shown().to_vec();
        if shown.is_empty() {
            return;
        }
        let at = self
            .focus
            .as_deref()
            .and_then(|f| shown.iter().position(|&i| self.rows[i].path == f));
        let next = match at {
            Some(a) => a.saturating_add_signed(by).min(shown.len() - 1),
            None => 0,
        };
        let path = self.rows[shown[next]].path.clone();
        if extend {
            self.selected.insert(path.clone());
            self.review_file(&path);
        } else {
            self.click(&path, false, false);
        }
    }

    pub(super) fn review_blocked(&self, path: &Path) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.is_dirty() && r.path() != Some(path))
    }
}
