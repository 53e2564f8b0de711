//! The History panel's state: the versions kept of the open story
//! ([`copydesk_core::versions`]), one chosen, compared word by word with the story now or
//! with another version, and restored (whole, one field, or one run of paragraphs) as a
//! single edit Undo takes back — never a silent swap of the file.
//!
//! Reading the versions and comparing two of them happen on threads of their own: a long
//! story's history takes the panel a moment, never the window a frame.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use copydesk_core::article::Article;
use copydesk_core::compare;
use copydesk_core::edit::Edit;
use copydesk_core::field::Field;
use copydesk_core::format;
use copydesk_core::versions::{self, History, Line, Version};

use super::state::AppState;

/// Wakes the window when a thread has finished.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// One kept version, read.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Who, when, why, status, words.
    pub version: Version,
    /// The story it holds; `None` when its text is not a story this Copydesk reads.
    pub article: Option<Arc<Article>>,
    /// What it changed from the version before it ("+52 −10 words; headline"), or "first
    /// version kept".
    pub change: String,
}

/// What the chosen version is compared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Against {
    /// The story as it is in the window now (unsaved changes included).
    Now,
    /// Another kept version, by id.
    Version(String),
}

/// What a comparison was made of: the chosen version, and the other side (a version's id,
/// or the story's revision).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    chosen: String,
    against: Against,
    revision: u64,
}

/// The versions as read from the history, or why they could not be.
type Loaded = Result<(Vec<Entry>, Vec<String>), String>;

/// The History panel.
#[derive(Default)]
pub struct VersionsPanel {
    /// Whether the panel is on screen.
    pub open: bool,
    loading: Option<Receiver<Loaded>>,
    /// The versions, newest first.
    pub entries: Vec<Entry>,
    /// Why the history could not be read, or which version files are damaged.
    pub problems: Vec<String>,
    /// The version chosen, by id.
    pub chosen: Option<String>,
    /// What it is compared with.
    pub against: Option<Against>,
    comparing: Option<(Key, Receiver<Vec<Line>>)>,
    compared: Option<(Key, Arc<Vec<Line>>)>,
}

impl VersionsPanel {
    /// Whether the versions are still being read.
    pub fn loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Whether a comparison is under way.
    pub fn comparing(&self) -> bool {
        self.comparing.is_some()
    }

    /// The chosen version's entry.
    pub fn chosen_entry(&self) -> Option<&Entry> {
        let id = self.chosen.as_deref()?;
        self.entries.iter().find(|e| e.version.id == id)
    }

    fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.version.id == id)
    }

    /// The last comparison finished, and whether it is of what is chosen now with the story
    /// at `revision` (`false`: the story changed since, or another version was chosen).
    pub fn lines(&self, revision: u64) -> Option<(Arc<Vec<Line>>, bool)> {
        let (key, lines) = self.compared.as_ref()?;
        let current = self.wanted(revision).as_ref() == Some(key);
        Some((lines.clone(), current))
    }

    /// The comparison wanted now, with the story at `revision`.
    fn wanted(&self, revision: u64) -> Option<Key> {
        let (chosen, against) = (self.chosen.clone()?, self.against.clone()?);
        Some(Key {
            revision: if against == Against::Now { revision } else { 0 },
            chosen,
            against,
        })
    }

    /// Whether the comparison wanted with the story at `revision` is done or under way (or
    /// nothing is chosen to compare).
    pub fn is_compared(&self, revision: u64) -> bool {
        let Some(key) = self.wanted(revision) else {
            return true;
        };
        self.compared.as_ref().is_some_and(|(k, _)| *k == key)
            || self.comparing.as_ref().is_some_and(|(k, _)| *k == key)
    }

    /// Reads the history of the story at `path` afresh, on a thread.
    pub fn load(&mut self, path: &Path, wake: Wake) {
        let (tx, rx) = mpsc::channel();
        let path = path.to_path_buf();
        std::thread::Builder::new()
            .name("copydesk-history".into())
            .spawn(move || {
                let _ = tx.send(read_entries(&path));
                wake();
            })
            .ok();
        self.loading = Some(rx);
    }

    /// Takes what the threads finished; `true` when anything came.
    pub fn poll(&mut self) -> bool {
        let mut news = false;
        if let Some(rx) = &self.loading {
            match rx.try_recv() {
                Ok(loaded) => {
                    news = true;
                    self.loading = None;
                    match loaded {
                        Ok((entries, problems)) => {
                            self.entries = entries;
                            self.problems = problems;
                        }
                        Err(problem) => {
                            self.entries.clear();
                            self.problems = vec![problem];
                        }
                    }
                    if self
                        .chosen
                        .as_deref()
                        .is_none_or(|id| self.entry(id).is_none())
                    {
                        self.chosen = self.entries.first().map(|e| e.version.id.clone());
                    }
                    if self.against.is_none() {
                        self.against = Some(Against::Now);
                    }
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.loading = None,
            }
        }
        if let Some((key, rx)) = &self.comparing {
            match rx.try_recv() {
                Ok(lines) => {
                    news = true;
                    self.compared = Some((key.clone(), Arc::new(lines)));
                    self.comparing = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.comparing = None,
            }
        }
        news
    }

    /// Starts comparing what is chosen, unless that comparison is done or under way. `now`
    /// is the story in the window at `revision` (asked for only when it is needed).
    pub fn compare(&mut self, revision: u64, now: impl FnOnce() -> Article, wake: Wake) {
        let Some(key) = self.wanted(revision) else {
            return;
        };
        if self.is_compared(revision) {
            return;
        }
        let Some(older) = self.entry(&key.chosen).and_then(|e| e.article.clone()) else {
            return;
        };
        let newer: Arc<Article> = match &key.against {
            Against::Now => Arc::new(now()),
            Against::Version(id) => match self.entry(id).and_then(|e| e.article.clone()) {
                Some(a) => a,
                None => return,
            },
        };
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("copydesk-compare".into())
            .spawn(move || {
                let _ = tx.send(versions::changes(&older, &newer));
                wake();
            })
            .ok();
        self.comparing = Some((key, rx));
    }
}

/// Every version of the story at `path`, newest first, each with what it changed; and the
/// damaged version files, in words.
fn read_entries(path: &Path) -> Loaded {
    let history = History::of(path);
    let listing = history.list().map_err(|e| e.to_string())?;
    let mut entries: Vec<Entry> = Vec::with_capacity(listing.versions.len());
    let mut before: Option<Arc<Article>> = None;
    for version in listing.versions.into_iter().rev() {
        let article = history
            .read(&version.id)
            .ok()
            .and_then(|(_, text)| format::from_bytes(text.as_bytes()).ok())
            .map(Arc::new);
        let change = match (&before, &article) {
            (Some(b), Some(a)) => compare::summary(a, b).describe(),
            (None, Some(_)) => "first version kept".to_owned(),
            (_, None) => "not a story this Copydesk can read".to_owned(),
        };
        if article.is_some() {
            before = article.clone();
        }
        entries.push(Entry {
            version,
            article,
            change,
        });
    }
    entries.reverse();
    let problems = listing.damaged.iter().map(ToString::to_string).collect();
    Ok((entries, problems))
}

/// What of a version to restore.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Restore {
    /// All of it.
    Whole,
    /// One field.
    Field(Field),
    /// One changed run of body paragraphs, counted as the comparison with the story now
    /// counts them.
    Paragraphs(usize),
}

impl AppState {
    /// Opens or closes the History panel (View > History); opening reads the history afresh.
    pub fn toggle_history(&mut self, panel: &mut VersionsPanel) {
        if panel.open {
            panel.open = false;
            return;
        }
        match self.story.path().map(Path::to_path_buf) {
            Some(path) => {
                panel.open = true;
                // the last save's version first, so the list holds it
                self.story.flush_history();
                panel.load(&path, self.waker());
            }
            None => {
                self.info = Some(
                    "This story has no history yet: Copydesk keeps a version each time you save it. Save it first."
                        .into(),
                );
            }
        }
    }

    /// Puts what of version `id` `what` says in the story, as one edit Undo takes back.
    pub fn restore_version(&mut self, panel: &VersionsPanel, id: &str, what: Restore) {
        let Some(entry) = panel.entry(id) else {
            return;
        };
        let Some(version) = entry.article.as_deref() else {
            self.info = Some("That version is not a story this Copydesk can read.".into());
            return;
        };
        let now = self.story.article();
        let next = match what {
            Restore::Whole => version.clone(),
            Restore::Field(field) => compare::take_field(now, version, field),
            Restore::Paragraphs(run) => match compare::take_body_run(now, version, run) {
                Some(next) => next,
                None => return,
            },
        };
        if &next == now {
            self.info = Some("The story already reads like that version there.".into());
            return;
        }
        self.story.break_undo_group();
        self.story.apply(Edit::Replace(Box::new(next)));
        self.story.break_undo_group();
        let when = entry
            .version
            .saved_at
            .with_timezone(&chrono::Local)
            .format("%-d %b %H:%M:%S");
        let what = match what {
            Restore::Whole => "Restored the version".to_owned(),
            Restore::Field(_) | Restore::Paragraphs(_) => {
                "Restored a part of the version".to_owned()
            }
        };
        self.say_until_change(format!(
            "{what} {} saved at {when}. Undo takes it back.",
            entry.version.who()
        ));
    }

    /// The name this window signs saves with.
    pub fn your_name(&self) -> String {
        self.signer.name()
    }

    /// Sets the name this window signs saves with (empty: the computer account's).
    pub fn set_your_name(&mut self, name: &str) {
        name.trim().clone_into(&mut self.settings.your_name);
        self.signer.set(name);
    }
}

#[cfg(test)]
mod tests;
