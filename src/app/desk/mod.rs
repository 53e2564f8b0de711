//! The desk view's state, with no drawing: a folder of stories as rows, kept up to date by a
//! background thread ([`loader`]), the rows selected, the story under review, and status
//! changes to many stories at once ([`bulk`]).
//!
//! Three rules carry over from the editor. **The reviewed story changes in one place**,
//! [`Desk::apply`], by typed [`Edit`]s, with undo. **Nothing typed is lost silently**:
//! reviewing another story, opening one in the editor, leaving the desk or quitting with
//! unsaved changes in the review asks Save / Don't Save / Cancel first ([`DeskPrompt`]).
//! **No file changed on disk since it was read is overwritten without asking**: the review's
//! Save compares the file with the stamp it was read with and asks; a status change to many
//! stories refuses, file by file, any story changed since the row was read, and says so.

pub mod bulk;
mod loader;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Local, Utc};
use copydesk_core::article::{Article, Status};
use copydesk_core::checks::{self, Problem};
use copydesk_core::desk::{self, Filter, Row, Sort};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::format::{self, DiskStamp, DiskState};

use super::dialogs::{Purpose, Request};
use super::history::History;
use super::state::AppState;
use bulk::{Bulk, Outcome};
use loader::{FromLoader, Loader};

/// What is remembered of one desk folder between runs: how it was filtered and sorted, and
/// what was selected.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FolderMemory {
    /// The folder.
    pub folder: PathBuf,
    /// Its filters.
    pub filter: Filter,
    /// Its order.
    pub sort: Sort,
    /// The files selected, by path inside the folder.
    pub selected: Vec<String>,
    /// The file under review, by path inside the folder.
    pub review: Option<String>,
}

/// What the desk remembers between runs (eframe's storage, beside the window's settings).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DeskMemory {
    /// The desk folder the window was showing when it closed, to show it again.
    pub open: Option<PathBuf>,
    /// Folders used, the last used first.
    pub folders: Vec<FolderMemory>,
}

/// Folders remembered at most.
const REMEMBERED_FOLDERS: usize = 20;

impl DeskMemory {
    /// What is remembered of `folder`.
    pub fn of(&self, folder: &Path) -> Option<&FolderMemory> {
        self.folders.iter().find(|m| m.folder == folder)
    }

    /// Keeps `memory` as the latest, dropping the oldest past the limit.
    pub fn keep(&mut self, memory: FolderMemory) {
        self.folders.retain(|m| m.folder != memory.folder);
        self.folders.insert(0, memory);
        self.folders.truncate(REMEMBERED_FOLDERS);
    }

    /// The folder the folder dialog starts in: the last desk folder.
    pub fn last_folder(&self) -> Option<&Path> {
        self.folders.first().map(|m| m.folder.as_path())
    }
}

/// How far reading the folder has got.
#[derive(Debug, Clone)]
pub struct Progress {
    /// When the desk was opened.
    pub started: Instant,
    /// Files that may be stories, once the folder has been walked.
    pub found: Option<usize>,
    /// How long the first rows took to arrive.
    pub first_rows: Option<Duration>,
    /// How long until every file had been read once.
    pub complete: Option<Duration>,
    /// Why the folder cannot be read, when it cannot.
    pub error: Option<String>,
    /// Subfolders that could not be read.
    pub unreadable: Vec<(PathBuf, String)>,
    /// Whether the walk stopped at its limit of files.
    pub truncated: bool,
    /// Whether the folder is watched for changes (`None` until known).
    pub watching: Option<bool>,
}

/// A question about the desk the window must show.
#[derive(Debug, Clone, PartialEq)]
pub enum DeskPrompt {
    /// The story under review has unsaved changes: save them before `then`?
    Unsaved(Then),
    /// The reviewed story's file changed on disk since it was read: overwrite it?
    Overwrite,
}

/// What was asked, waiting for an answer about the review's unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Then {
    /// Review another story (it is selected too).
    Review(PathBuf),
    /// Close the review.
    CloseReview,
    /// Set the status of these stories.
    SetStatus(Vec<PathBuf>, Status),
    /// Open the story in the editor (the window does this).
    Open(PathBuf),
    /// Back to the story in the editor (the window does this).
    Leave,
    /// Open another desk folder (the window does this).
    OpenFolder(PathBuf),
    /// Close the window (the window does this).
    Quit,
}

impl Then {
    /// Whether the window carries this out (the desk cannot by itself).
    pub fn is_for_window(&self) -> bool {
        matches!(
            self,
            Then::Open(_) | Then::Leave | Then::OpenFolder(_) | Then::Quit
        )
    }
}

/// The reviewed file, changed on disk by someone else while the review has unsaved changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewDisk {
    /// Someone saved another version.
    Changed,
    /// The file was deleted or moved.
    Missing,
}

/// The story under review: read in full, edited in place, saved to its own file.
pub struct Review {
    /// The story's file.
    pub path: PathBuf,
    article: Article,
    /// The file as read or last saved.
    stamp: DiskStamp,
    history: History,
    saved_revision: Option<u64>,
    /// Counts the stories put under review: panes reset their scrolling when it moves on.
    generation: u64,
    document: Option<(u64, Arc<Document>)>,
    problems: Option<(u64, Arc<Vec<Problem>>)>,
    /// When the review was last saved.
    pub last_saved: Option<DateTime<Local>>,
    /// Set when the file changed on disk while the review had unsaved changes.
    pub disk: Option<ReviewDisk>,
}

impl Review {
    fn new(path: PathBuf, article: Article, stamp: DiskStamp, generation: u64) -> Self {
        let history = History::new();
        Review {
            path,
            article,
            stamp,
            saved_revision: Some(history.revision()),
            history,
            generation,
            document: None,
            problems: None,
            last_saved: None,
            disk: None,
        }
    }

    /// The story, to read.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// Whether it has changes not in its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.history.revision())
    }

    /// Changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Moves on with each story put under review.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// The story as readers see it, rebuilt only when it changed.
    pub fn document(&mut self, style: &HouseStyle) -> Arc<Document> {
        let rev = self.history.revision();
        match &self.document {
            Some((r, d)) if *r == rev => d.clone(),
            _ => {
                let d = Arc::new(Document::build(&self.article, style));
                self.document = Some((rev, d.clone()));
                d
            }
        }
    }

    /// The checks' problems for the story as it is now (saved or not).
    pub fn problems(&mut self) -> Arc<Vec<Problem>> {
        let rev = self.history.revision();
        match &self.problems {
            Some((r, p)) if *r == rev => p.clone(),
            _ => {
                let p = Arc::new(checks::check(&self.article, Utc::now()));
                self.problems = Some((rev, p.clone()));
                p
            }
        }
    }
}

/// The outcome of the last status change to many stories, file by file.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkReport {
    /// The status set.
    pub status: Status,
    /// What happened to each file, in the order asked.
    pub outcomes: Vec<Outcome>,
    /// Whether every file has been dealt with.
    pub done: bool,
}

impl BulkReport {
    /// "Approved 3 stories", "Approved 2 of 3 stories; 1 not changed: see the list".
    pub fn summary(&self) -> String {
        let verb = match self.status {
            Status::Draft => "Set to draft",
            Status::InReview => "Sent for review",
            Status::Approved => "Approved",
            Status::Published => "Marked published",
        };
        let total = self.outcomes.len();
        let saved = self.outcomes.iter().filter(|o| o.is_saved()).count();
        let already = self.outcomes.iter().filter(|o| o.is_already()).count();
        let failed = total - saved - already;
        let stories = |n: usize| if n == 1 { "story" } else { "stories" };
        if !self.done {
            return format!(
                "{verb}: {} of {total} {}…",
                self.outcomes.len(),
                stories(total)
            );
        }
        let mut text = if saved == total {
            format!("{verb} {total} {}", stories(total))
        } else {
            format!("{verb} {saved} of {total} {}", stories(total))
        };
        if already > 0 {
            text.push_str(&format!("; {already} already so"));
        }
        if failed > 0 {
            text.push_str(&format!("; {failed} not changed: see the list for why"));
        }
        text
    }
}

/// A desk folder in the window: its rows, what is shown and selected, the story under review.
pub struct Desk {
    folder: PathBuf,
    rows: Vec<Row>,
    index: HashMap<PathBuf, usize>,
    /// What is shown.
    filter: Filter,
    /// In what order.
    sort: Sort,
    /// Indices into `rows`, filtered and sorted; `None` when they must be worked out again.
    shown: Option<Vec<usize>>,
    /// When `shown` was worked out (an embargo lifting changes what "embargoed" shows).
    arranged_at: Instant,
    /// The sections of the stories listed, for the filter's list.
    sections: Vec<String>,
    /// The files selected.
    selected: BTreeSet<PathBuf>,
    /// Where a Shift+click range starts.
    anchor: Option<PathBuf>,
    /// The file the keyboard is on and the review shows.
    focus: Option<PathBuf>,
    /// The story under review.
    pub review: Option<Review>,
    /// Why the focused file cannot be reviewed, in plain words.
    pub review_error: Option<String>,
    reviews: u64,
    /// The question on screen.
    pub prompt: Option<DeskPrompt>,
    /// A line of news for the status bar.
    pub info: Option<String>,
    /// How far reading the folder has got.
    pub progress: Progress,
    /// The last status change to many stories.
    pub report: Option<BulkReport>,
    bulk: Option<Bulk>,
    loader: Loader,
    wake: Arc<dyn Fn() + Send + Sync>,
    /// A story asked to open in the editor, while the editor asks about its own unsaved
    /// changes: the window leaves the desk once it is open.
    pub pending_open: Option<PathBuf>,
    /// What to remember of the folder until it is read: the selection and review to restore.
    restore: Option<FolderMemory>,
}

impl Desk {
    /// Opens `folder` (its subfolders to `depth`), as remembered in `memory`; the rows
    /// arrive from a background thread, which calls `wake` when there are some.
    pub fn open(
        folder: &Path,
        depth: usize,
        memory: Option<&FolderMemory>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Desk {
        // One name for every path, so the watcher's paths and the rows' agree.
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let loader = Loader::start(folder.clone(), depth, wake.clone());
        let (filter, sort) = memory
            .map(|m| (m.filter.clone(), m.sort))
            .unwrap_or_default();
        Desk {
            folder,
            rows: Vec::new(),
            index: HashMap::new(),
            filter,
            sort,
            shown: None,
            arranged_at: Instant::now(),
            sections: Vec::new(),
            selected: BTreeSet::new(),
            anchor: None,
            focus: None,
            review: None,
            review_error: None,
            reviews: 0,
            prompt: None,
            info: None,
            progress: Progress {
                started: Instant::now(),
                found: None,
                first_rows: None,
                complete: None,
                error: None,
                unreadable: Vec::new(),
                truncated: false,
                watching: None,
            },
            report: None,
            bulk: None,
            loader,
            wake,
            pending_open: None,
            restore: memory.cloned(),
        }
    }

    /// The folder, as the system names it.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// What to remember of the folder.
    pub fn memory(&self) -> FolderMemory {
        if let Some(m) = &self.restore {
            // Not read yet: what was remembered still stands.
            return FolderMemory {
                filter: self.filter.clone(),
                sort: self.sort,
                ..m.clone()
            };
        }
        FolderMemory {
            folder: self.folder.clone(),
            filter: self.filter.clone(),
            sort: self.sort,
            selected: self
                .selected
                .iter()
                .map(|p| desk::relative_name(&self.folder, p))
                .collect(),
            review: self
                .focus
                .as_deref()
                .map(|p| desk::relative_name(&self.folder, p)),
        }
    }

    // ---------- the rows ----------

    /// Every row read so far, in no particular order.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The row of `path`.
    pub fn row(&self, path: &Path) -> Option<&Row> {
        self.index.get(path).and_then(|&i| self.rows.get(i))
    }

    /// The rows shown, in order: indices into [`Self::rows`].
    pub fn shown(&mut self) -> &[usize] {
        if self.arranged_at.elapsed() > Duration::from_secs(30) && self.filter.embargoed {
            self.shown = None;
        }
        if self.shown.is_none() {
            self.arranged_at = Instant::now();
        }
        let (rows, filter, sort) = (&self.rows, &self.filter, self.sort);
        self.shown
            .get_or_insert_with(|| desk::arrange(rows, filter, sort, Utc::now()))
    }

    /// The sections of the stories listed, A to Z.
    pub fn sections(&self) -> &[String] {
        &self.sections
    }

    /// The filters.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Changes the filters.
    pub fn set_filter(&mut self, filter: Filter) {
        if filter != self.filter {
            self.filter = filter;
            self.shown = None;
        }
    }

    /// The order.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Changes the order.
    pub fn set_sort(&mut self, sort: Sort) {
        if sort != self.sort {
            self.sort = sort;
            self.shown = None;
        }
    }

    /// Walks the folder again (the window got the focus back).
    pub fn rescan(&self) {
        self.loader.rescan();
    }

    /// Takes what the background thread sent; returns whether anything changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        while let Ok(message) = self.loader.from.try_recv() {
            changed = true;
            match message {
                FromLoader::Scanned {
                    found,
                    unreadable,
                    truncated,
                } => {
                    self.progress.found = Some(found);
                    self.progress.unreadable = unreadable;
                    self.progress.truncated = truncated;
                    self.progress.error = None;
                }
                FromLoader::Rows(rows) => self.take_rows(rows),
                FromLoader::Gone(paths) => self.remove_rows(&paths),
                FromLoader::Complete => {
                    if self.progress.complete.is_none() {
                        self.progress.complete = Some(self.progress.started.elapsed());
                        self.restore_memory();
                    }
                }
                FromLoader::Failed(e) => self.progress.error = Some(e),
                FromLoader::Watching(w) => self.progress.watching = Some(w),
            }
        }
        if let Some(bulk) = &mut self.bulk {
            let mut saved = Vec::new();
            let mut finished = false;
            for news in bulk.poll() {
                match news {
                    bulk::News::Done(outcome) => {
                        if let Some(row) = outcome.row.clone() {
                            saved.push(row);
                        }
                        if let Some(r) = &mut self.report {
                            r.outcomes.push(*outcome);
                        }
                    }
                    bulk::News::Finished => finished = true,
                }
                changed = true;
            }
            if !saved.is_empty() {
                self.take_rows(saved);
            }
            if finished {
                self.bulk = None;
                if let Some(r) = &mut self.report {
                    r.done = true;
                    self.info = Some(r.summary());
                }
            }
        }
        changed
    }

    fn take_rows(&mut self, rows: Vec<Row>) {
        if self.progress.first_rows.is_none() && !rows.is_empty() {
            self.progress.first_rows = Some(self.progress.started.elapsed());
        }
        let mut reviewed = None;
        for row in rows {
            if self.review.as_ref().is_some_and(|r| r.path == row.path) {
                reviewed = Some(row.stamp.sha256.clone());
            }
            match self.index.get(&row.path) {
                Some(&i) => self.rows[i] = row,
                None => {
                    self.index.insert(row.path.clone(), self.rows.len());
                    self.rows.push(row);
                }
            }
        }
        self.rows_changed();
        if let Some(sha) = reviewed {
            self.review_changed_on_disk(&sha);
        }
        // A file asked for before it was read (a remembered review, a test).
        if self.review.is_none()
            && self.review_error.is_none()
            && let Some(f) = self.focus.clone()
            && self.index.contains_key(&f)
        {
            self.load_review(&f);
        }
    }

    fn remove_rows(&mut self, paths: &[PathBuf]) {
        let gone: std::collections::HashSet<&PathBuf> = paths.iter().collect();
        self.rows.retain(|r| !gone.contains(&r.path));
        self.index = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.path.clone(), i))
            .collect();
        for p in paths {
            self.selected.remove(p);
        }
        if let Some(review) = &mut self.review
            && gone.contains(&review.path)
        {
            if review.is_dirty() {
                review.disk = Some(ReviewDisk::Missing);
            } else {
                self.info = Some(format!(
                    "{} was deleted or moved away.",
                    desk::relative_name(&self.folder, &review.path)
                ));
                self.review = None;
                self.focus = None;
            }
        }
        self.rows_changed();
    }

    fn rows_changed(&mut self) {
        self.shown = None;
        let mut sections: Vec<String> = self
            .rows
            .iter()
            .filter_map(|r| r.summary())
            .map(|s| s.section.clone())
            .filter(|s| !s.is_empty())
            .collect();
        sections.sort_by_key(|s| s.to_lowercase());
        sections.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        self.sections = sections;
    }

    /// Puts back the remembered selection and review once the folder has been read.
    fn restore_memory(&mut self) {
        let Some(m) = self.restore.take() else {
            return;
        };
        for name in &m.selected {
            let p = self.folder.join(name);
            if self.index.contains_key(&p) {
                self.selected.insert(p);
            }
        }
        if self.focus.is_none()
            && let Some(name) = &m.review
        {
            let p = self.folder.join(name);
            if self.index.contains_key(&p) {
                self.focus = Some(p.clone());
                self.anchor = Some(p.clone());
                self.load_review(&p);
            }
        }
    }

    // ---------- selection ----------

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
                self.review_path(path);
                return;
            }
        }
        self.anchor = Some(path.to_path_buf());
        if toggle {
            if !self.selected.remove(path) {
                self.selected.insert(path.to_path_buf());
                self.review_path(path);
            }
            return;
        }
        if self.review_blocked(path) {
            self.prompt = Some(DeskPrompt::Unsaved(Then::Review(path.to_path_buf())));
            return;
        }
        self.selected.clear();
        self.selected.insert(path.to_path_buf());
        self.review_path(path);
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
            self.review_path(&path);
        } else {
            self.click(&path, false, false);
        }
    }

    fn review_blocked(&self, path: &Path) -> bool {
        self.review
            .as_ref()
            .is_some_and(|r| r.is_dirty() && r.path != path)
    }

    // ---------- the review ----------

    /// Reviews `path`, asking first when the review has unsaved changes.
    fn review_path(&mut self, path: &Path) {
        if self.review.as_ref().is_some_and(|r| r.path == path) {
            self.focus = Some(path.to_path_buf());
            return;
        }
        if self.review_blocked(path) {
            self.prompt = Some(DeskPrompt::Unsaved(Then::Review(path.to_path_buf())));
            return;
        }
        self.focus = Some(path.to_path_buf());
        self.load_review(path);
    }

    /// Reads `path` in full for the review.
    fn load_review(&mut self, path: &Path) {
        self.review_error = None;
        match format::load_stamped(path) {
            Ok((article, stamp)) => {
                self.reviews += 1;
                self.review = Some(Review::new(
                    path.to_path_buf(),
                    article,
                    stamp,
                    self.reviews,
                ));
            }
            Err(e) => {
                self.review = None;
                self.review_error = Some(format!(
                    "{} cannot be opened as a story: {e}.",
                    desk::relative_name(&self.folder, path)
                ));
            }
        }
    }

    /// Closes the review (asking first about unsaved changes).
    pub fn close_review(&mut self) {
        if self.review.as_ref().is_some_and(Review::is_dirty) {
            self.prompt = Some(DeskPrompt::Unsaved(Then::CloseReview));
            return;
        }
        self.review = None;
        self.review_error = None;
        self.focus = None;
    }

    /// Whether the review has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.review.as_ref().is_some_and(Review::is_dirty)
    }

    /// Applies a change to the story under review — the one place it changes — and records
    /// its inverse for undo. Returns whether the story changed.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let Some(r) = self.review.as_mut() else {
            return false;
        };
        let typing = edit.typing_field();
        match edit.apply(&mut r.article) {
            Ok(inverse) => {
                r.article.modified = Utc::now();
                r.history.record(typing, inverse, Instant::now());
                true
            }
            Err(_) => false,
        }
    }

    /// Ends a burst of typing in the review: the next edit is a new undo step.
    pub fn break_undo_group(&mut self) {
        if let Some(r) = self.review.as_mut() {
            r.history.break_group();
        }
    }

    /// Takes the review one step back.
    pub fn undo(&mut self) {
        if let Some(r) = self.review.as_mut() {
            r.history.undo(&mut r.article);
        }
    }

    /// Takes the review one step forward again.
    pub fn redo(&mut self) {
        if let Some(r) = self.review.as_mut() {
            r.history.redo(&mut r.article);
        }
    }

    /// Saves the story under review to its file, atomically; asks first when the file
    /// changed on disk since it was read. Returns whether it is now saved.
    pub fn save_review(&mut self) -> bool {
        let Some(r) = self.review.as_ref() else {
            return false;
        };
        if matches!(r.stamp.check(&r.path), Ok(DiskState::Changed(..))) {
            self.prompt = Some(DeskPrompt::Overwrite);
            return false;
        }
        self.write_review()
    }

    /// Writes the review to its file whatever is there; on failure says why.
    fn write_review(&mut self) -> bool {
        let Some(r) = self.review.as_mut() else {
            return false;
        };
        let name = desk::relative_name(&self.folder, &r.path);
        match format::save_stamped(&r.path, &r.article) {
            Ok(stamp) => {
                r.saved_revision = Some(r.history.revision());
                r.last_saved = Some(Local::now());
                r.disk = None;
                r.stamp = stamp.clone();
                let row = Row::of_article(&self.folder, &r.path, &r.article, stamp);
                self.info = Some(format!("Saved {name}"));
                self.take_rows(vec![row]);
                true
            }
            Err(e) => {
                self.info = Some(format!(
                    "Could not save {name}: {e}. Your changes are still in the review, unsaved."
                ));
                false
            }
        }
    }

    /// Throws away the review's unsaved changes: reads the file again.
    pub fn revert_review(&mut self) {
        if let Some(path) = self.review.as_ref().map(|r| r.path.clone()) {
            self.review = None;
            self.load_review(&path);
        }
    }

    /// The reviewed file's row now has these bytes (`sha`): a colleague's save. Without
    /// unsaved changes the review shows it; with them, the review says so.
    fn review_changed_on_disk(&mut self, sha: &str) {
        let Some(r) = self.review.as_mut() else {
            return;
        };
        if r.stamp.sha256 == sha {
            return;
        }
        let name = desk::relative_name(&self.folder, &r.path);
        if r.is_dirty() {
            r.disk = Some(ReviewDisk::Changed);
        } else {
            let path = r.path.clone();
            let generation = r.generation;
            if let Ok((article, stamp)) = format::load_stamped(&path) {
                let mut fresh = Review::new(path, article, stamp, generation);
                // The same story, newer: the panes keep their place.
                fresh.generation = generation;
                self.review = Some(fresh);
                self.info = Some(format!(
                    "{name} was changed on disk; the review shows the new version."
                ));
            }
        }
    }

    /// The review's bar: take the version on disk, losing the review's changes.
    pub fn reload_theirs(&mut self) {
        self.revert_review();
        self.info = Some("Reloaded the version on disk.".into());
    }

    /// The review's bar: keep the review's version; the next Save writes it over theirs
    /// without asking again.
    pub fn keep_mine(&mut self) {
        if let Some(r) = self.review.as_mut() {
            if let Ok(bytes) = std::fs::read(&r.path) {
                r.stamp = DiskStamp::of(&bytes, std::fs::metadata(&r.path).ok().as_ref());
            }
            r.disk = None;
        }
    }

    // ---------- questions ----------

    /// Asks before `then` when the review has unsaved changes; returns `then` to carry out
    /// now when it has none (the window carries out its own kinds; see [`Then::is_for_window`]).
    pub fn before(&mut self, then: Then) -> Option<Then> {
        if self.is_dirty() {
            self.prompt = Some(DeskPrompt::Unsaved(then));
            None
        } else {
            self.carry_out(then)
        }
    }

    /// The answer to the desk's prompt; returns what the window must carry out now, if
    /// anything.
    pub fn answer(&mut self, choice: super::state::Choice) -> Option<Then> {
        use super::state::Choice;
        let prompt = self.prompt.take()?;
        match (prompt, choice) {
            (_, Choice::Cancel) => None,
            (DeskPrompt::Unsaved(then), Choice::DontSave) => {
                self.revert_review();
                self.carry_out(then)
            }
            (DeskPrompt::Unsaved(then), Choice::Save) => {
                if self.save_review() {
                    self.carry_out(then)
                } else {
                    // An Overwrite question came up, or the save failed and said why.
                    None
                }
            }
            (DeskPrompt::Overwrite, Choice::Save) => {
                self.write_review();
                None
            }
            (DeskPrompt::Overwrite, Choice::DontSave) => {
                self.reload_theirs();
                None
            }
        }
    }

    /// Carries out `then` when it is the desk's own; else hands it back to the window.
    fn carry_out(&mut self, then: Then) -> Option<Then> {
        match then {
            Then::Review(path) => {
                self.selected.clear();
                self.selected.insert(path.clone());
                self.anchor = Some(path.clone());
                self.review_path(&path);
                None
            }
            Then::CloseReview => {
                self.close_review();
                None
            }
            Then::SetStatus(paths, status) => {
                self.start_bulk(paths, status);
                None
            }
            other => Some(other),
        }
    }

    // ---------- status of many stories ----------

    /// Sets the status of the selected stories shown, each file saved on its own, safely;
    /// the outcome for each is in [`Self::report`]. A story under review with unsaved changes
    /// is asked about first.
    pub fn set_status(&mut self, status: Status) {
        let paths = self.selected_shown();
        if paths.is_empty() || self.bulk.is_some() {
            return;
        }
        let reviewed_dirty = self
            .review
            .as_ref()
            .is_some_and(|r| r.is_dirty() && paths.contains(&r.path));
        if reviewed_dirty {
            self.prompt = Some(DeskPrompt::Unsaved(Then::SetStatus(paths, status)));
        } else {
            self.start_bulk(paths, status);
        }
    }

    fn start_bulk(&mut self, paths: Vec<PathBuf>, status: Status) {
        let jobs: Vec<bulk::Job> = paths
            .into_iter()
            .map(|path| {
                let row = self.row(&path);
                bulk::Job {
                    listed: row.map(|r| r.stamp.sha256.clone()),
                    title: row.map(|r| r.title().to_owned()).unwrap_or_default(),
                    name: desk::relative_name(&self.folder, &path),
                    path,
                }
            })
            .collect();
        self.report = Some(BulkReport {
            status,
            outcomes: Vec::new(),
            done: false,
        });
        self.bulk = Some(Bulk::start(
            self.folder.clone(),
            jobs,
            status,
            self.wake.clone(),
        ));
    }

    /// Whether a status change to many stories is under way.
    pub fn bulk_running(&self) -> bool {
        self.bulk.is_some()
    }

    /// Whether the folder has been read once through (tests wait for this).
    pub fn is_loaded(&self) -> bool {
        self.progress.complete.is_some() || self.progress.error.is_some()
    }
}

impl AppState {
    /// Asks for a desk folder with the system's folder dialog, starting in `start`; the
    /// answer is handed to the window ([`AppState::handed_over`]).
    pub fn ask_desk_folder(&mut self, start: Option<PathBuf>) {
        let directory = start.or_else(|| {
            self.path
                .as_deref()
                .and_then(Path::parent)
                .map(Path::to_path_buf)
        });
        self.ask(Request {
            purpose: Purpose::DeskFolder,
            title: "Open Desk Folder".into(),
            filters: Vec::new(),
            file_name: None,
            directory,
            save: false,
        });
    }

    /// Asks for a picture for the story under review in the desk, starting in its folder.
    pub fn ask_desk_image(&mut self, folder: Option<PathBuf>) {
        self.ask(Request {
            purpose: Purpose::DeskImage,
            title: "Choose Image".into(),
            filters: vec![(
                "Images".into(),
                super::files::IMAGE_EXTENSIONS.map(String::from).to_vec(),
            )],
            file_name: None,
            directory: folder,
            save: false,
        });
    }
}

#[cfg(test)]
mod tests;
