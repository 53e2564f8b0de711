//! The desk view's state, with no drawing: a folder of stories as rows, kept up to date by a
//! background thread ([`loader`]), the rows selected ([`selection`]), the story under review
//! ([`review`]), and status changes to many stories at once ([`bulk`]); what is remembered of
//! each folder is [`memory`].
//!
//! Three rules carry over from the editor, because the review **is** an editor's story
//! session ([`crate::app::story::Story`]): every change to it goes through
//! [`Story::apply`](crate::app::story::Story::apply), with undo, the recovery journal and
//! spelling. **Nothing typed is lost silently**: reviewing another story, opening one in the
//! editor, leaving the desk or quitting with unsaved changes in the review asks Save / Don't
//! Save / Cancel first ([`DeskPrompt`]). **No file changed on disk since it was read is
//! overwritten without asking**: the review's Save compares the file with the stamp it was
//! read with and asks; a status change to many stories refuses, file by file, any story
//! changed since the row was read, and says so.

pub mod bulk;
mod loader;
mod memory;
mod review;
mod selection;
pub mod site;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use copydesk_core::desk::{self, Filter, Row, Sort};

use super::dialogs::{Purpose, Request};
use super::state::AppState;
use super::story::{DiskChange, Kit, Story};
use bulk::Bulk;
pub use bulk::BulkReport;
use loader::{FromLoader, Loader};
pub use memory::{DeskMemory, FolderMemory};
pub use review::{DeskPrompt, Then};
pub use site::Site;

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
    /// The story under review: a story session like the editor's (journal, spelling, undo).
    pub review: Option<Story>,
    /// The row the review shows: its file, or its post on a site.
    review_key: Option<PathBuf>,
    /// The site listed, for a desk over a WordPress site.
    site: Option<Site>,
    /// What the window must carry out now, handed back after a wait (an update on the site
    /// that the Unsaved question's Save started).
    pub ready: Option<Then>,
    /// Why the focused file cannot be reviewed, in plain words.
    pub review_error: Option<String>,
    /// What the review's story sessions are started with (the window's waker, word lists,
    /// house style and journal folder).
    kit: Kit,
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
    /// A story asked to open in the editor, while the editor asks about its own unsaved
    /// changes: the window leaves the desk once it is open.
    pub pending_open: Option<PathBuf>,
    /// What to remember of the folder until it is read: the selection and review to restore.
    restore: Option<FolderMemory>,
}

impl Desk {
    /// Opens `folder` (its subfolders to `depth`), as remembered in `memory`; the rows
    /// arrive from a background thread, which wakes the window (the kit's waker) when there
    /// are some. Stories are reviewed in sessions started with `kit`.
    pub fn open(folder: &Path, depth: usize, memory: Option<&FolderMemory>, kit: Kit) -> Desk {
        // One name for every path, so the watcher's paths and the rows' agree.
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let loader = Loader::start(folder.clone(), depth, kit.waker.as_fn());
        Desk::with_loader(folder, loader, memory, kit)
    }

    /// A desk whose rows come from `loader`.
    fn with_loader(
        folder: PathBuf,
        loader: Loader,
        memory: Option<&FolderMemory>,
        kit: Kit,
    ) -> Desk {
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
            review_key: None,
            site: None,
            ready: None,
            review_error: None,
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
            kit,
            pending_open: None,
            restore: memory.cloned(),
        }
    }

    /// The folder, as the system names it.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// What to remember of the folder (nothing for a site: its posts are its own memory).
    pub fn memory(&self) -> Option<FolderMemory> {
        self.site.is_none().then(|| self.folder_memory())
    }

    fn folder_memory(&self) -> FolderMemory {
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
                FromLoader::Posts(posts) => self.take_posts(posts),
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
        if let Some(r) = self.review.as_mut() {
            // The review's session: its file's watch, its journal, its spelling.
            let bar = r.disk_change.is_some();
            if let Some(news) = r.tick() {
                self.info = Some(news);
                changed = true;
            }
            if !bar && r.disk_change.is_some() {
                // Older news would say the opposite of the bar that just came up.
                self.info = None;
            }
            changed |= r.poll_spelling();
        }
        changed |= self.poll_update();
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
                if self.site.is_some() {
                    // The posts as the site has them now.
                    self.loader.rescan();
                }
                if let Some(r) = &mut self.report {
                    // The status bar shows the report's summary already: said once.
                    r.done = true;
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
            if self.review_path() == Some(row.path.as_path()) {
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
        match reviewed {
            Some(fingerprint) if self.site.is_some() => self.post_changed_on_site(&fingerprint),
            Some(sha) => self.review_changed_on_disk(&sha),
            None => {}
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
        if let Some(path) = self.review_path().map(Path::to_path_buf)
            && let Some(review) = &mut self.review
            && gone.contains(&path)
        {
            if review.is_dirty() {
                if self.site.is_some() {
                    self.info = Some(format!(
                        "{} was deleted on the site or is no longer listed; Save would make it again.",
                        desk::relative_name(&self.folder, &path)
                    ));
                } else {
                    review.disk_change = Some(DiskChange::Missing);
                }
            } else {
                self.info = Some(format!(
                    "{} was deleted or moved away.",
                    desk::relative_name(&self.folder, &path)
                ));
                self.review = None;
                self.review_key = None;
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

    /// The window's word lists or house style changed: the review's session takes them, and
    /// so does every review started from now on.
    pub fn set_kit(&mut self, kit: Kit) {
        if let Some(r) = self.review.as_mut() {
            if kit.lists != self.kit.lists {
                r.set_lists(kit.lists.clone());
            }
            r.set_style(&kit.style);
        }
        self.kit = kit;
    }

    /// The row the review shows: its file, or (on a site) its post's key
    /// ([`site::post_key`]).
    pub fn review_path(&self) -> Option<&Path> {
        self.review.as_ref().and(self.review_key.as_deref())
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
            self.story
                .path()
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
