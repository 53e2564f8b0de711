//! Setting the status of many stories in one step, on a thread of its own.
//!
//! Each file is dealt with on its own and said to have been: read afresh, compared with what
//! the desk listed (a story a colleague changed since the editor looked at its row is not
//! approved blindly: it is refused, and the list says to look again), given the status,
//! compared with the disk once more just before writing, and saved atomically. One file that
//! fails does not stop the others.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};

use chrono::Utc;
use copydesk_core::article::Status;
use copydesk_core::desk::{self, Row};
use copydesk_core::edit::Edit;
use copydesk_core::format::{self, DiskState};
use copydesk_core::versions::{self, Kind, Signature};

use super::review::{DeskPrompt, Then};

/// One file to change.
#[derive(Debug, Clone)]
pub struct Job {
    /// The file.
    pub path: PathBuf,
    /// Its name in the desk folder.
    pub name: String,
    /// Its headline as listed.
    pub title: String,
    /// The SHA-256 of the file as listed, when it was.
    pub listed: Option<String>,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The file.
    pub path: PathBuf,
    /// Its name in the desk folder.
    pub name: String,
    /// Its headline.
    pub title: String,
    /// What happened, in a sentence.
    pub result: Result<Done, String>,
    /// The file's new row, when it was saved.
    pub row: Option<Row>,
}

/// A file dealt with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// Saved with the new status; `errors` the checks still find.
    Saved {
        /// Errors the story still has.
        errors: usize,
    },
    /// It already had that status: left as it was.
    Already,
}

impl Outcome {
    /// Whether the file was saved with the new status.
    pub fn is_saved(&self) -> bool {
        matches!(self.result, Ok(Done::Saved { .. }))
    }

    /// Whether it had the status already.
    pub fn is_already(&self) -> bool {
        matches!(self.result, Ok(Done::Already))
    }

    /// The outcome in a sentence: "saved", "saved; it still has 2 errors", or why not.
    pub fn sentence(&self, status: Status) -> String {
        let label = status.label().to_lowercase();
        match &self.result {
            Ok(Done::Saved { errors: 0 }) => format!("{label}, saved"),
            Ok(Done::Saved { errors }) => format!(
                "{label}, saved; it still has {errors} {}",
                if *errors == 1 { "error" } else { "errors" }
            ),
            Ok(Done::Already) => format!("already {label}; left as it was"),
            Err(why) => format!("not changed: {why}"),
        }
    }
}

/// News from the thread.
#[derive(Debug)]
pub(super) enum News {
    /// One file dealt with (boxed: an outcome carries the file's new row).
    Done(Box<Outcome>),
    /// Every file dealt with.
    Finished,
}

/// The thread setting the status.
pub(super) struct Bulk {
    from: Receiver<News>,
}

impl Bulk {
    /// Starts `work` on every job (setting a status on a file, or on a post); `wake` is
    /// called after each.
    pub(super) fn start(
        jobs: Vec<Job>,
        mut work: Box<dyn FnMut(Job) -> Outcome + Send>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Bulk {
        let (to, from) = mpsc::channel();
        let work = move || {
            for job in jobs {
                let outcome = work(job);
                let _ = to.send(News::Done(Box::new(outcome)));
                wake();
            }
            let _ = to.send(News::Finished);
            wake();
        };
        if let Err(e) = std::thread::Builder::new()
            .name("copydesk-status".into())
            .spawn(work)
        {
            let (to, from) = mpsc::channel();
            let _ = to.send(News::Done(Box::new(Outcome {
                path: PathBuf::new(),
                name: String::new(),
                title: String::new(),
                result: Err(format!(
                    "the change could not start ({e}); close other programs and try again"
                )),
                row: None,
            })));
            let _ = to.send(News::Finished);
            return Bulk { from };
        }
        Bulk { from }
    }

    /// What happened since the last call.
    pub(super) fn poll(&mut self) -> Vec<News> {
        self.from.try_iter().collect()
    }
}

impl Outcome {
    /// What came of `job`: done (with the story's new row, when it was saved) or why not.
    pub(super) fn of(job: Job, result: Result<(Done, Option<Row>), String>) -> Outcome {
        let (result, row) = match result {
            Ok((done, row)) => (Ok(done), row),
            Err(why) => (Err(why), None),
        };
        Outcome {
            path: job.path,
            name: job.name,
            title: job.title,
            result,
            row,
        }
    }
}

/// Sets `status` on one file, safely, keeping the version written in its history signed by
/// `by`; says what happened.
pub fn set_status(folder: &Path, job: Job, status: Status, by: &str) -> Outcome {
    let result = change(folder, &job, status, by);
    Outcome::of(job, result)
}

fn change(
    folder: &Path,
    job: &Job,
    status: Status,
    by: &str,
) -> Result<(Done, Option<Row>), String> {
    let (mut article, stamp) = format::load_stamped(&job.path)
        .map_err(|e| format!("it cannot be read as a story ({e})"))?;
    if job.listed.as_deref().is_some_and(|l| l != stamp.sha256) {
        return Err(
            "someone changed it since the desk listed it; look at it again, then set its status again"
                .into(),
        );
    }
    if article.status == status {
        return Ok((Done::Already, None));
    }
    Edit::SetStatus(status)
        .apply(&mut article)
        .map_err(|e| format!("the status could not be set ({e})"))?;
    article.modified = Utc::now();
    // Once more, just before writing: a save by someone else in between is not overwritten.
    match stamp.check(&job.path) {
        Ok(DiskState::Unchanged(_)) => {}
        Ok(DiskState::Missing) => {
            return Err("it was deleted or moved away meanwhile".into());
        }
        Ok(DiskState::Changed(..)) => {
            return Err(
                "someone saved it while the status was being set; look at it again, then set its status again"
                    .into(),
            );
        }
        Err(e) => return Err(format!("it could not be read again ({e})")),
    }
    // The status is set even when the history cannot keep the version (it never stops a save).
    let stamp = versions::save(&job.path, &article, &Signature::new(by, Kind::Status))
        .map_err(|e| e.to_string())?
        .stamp;
    let row = Row::of_article(folder, &job.path, &article, stamp);
    let errors = row.counts().0;
    Ok((Done::Saved { errors }, Some(row)))
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

impl super::Desk {
    /// Sets the status of the selected stories shown, each file saved on its own, safely;
    /// the outcome for each is in [`Self::report`]. A story under review with unsaved changes
    /// is asked about first.
    pub fn set_status(&mut self, status: Status) {
        let paths = self.selected_shown();
        if paths.is_empty() || self.bulk.is_some() {
            return;
        }
        let reviewed_dirty = self.is_dirty()
            && self
                .review_path()
                .is_some_and(|p| paths.iter().any(|q| q == p));
        if reviewed_dirty {
            self.prompt = Some(DeskPrompt::Unsaved(Then::SetStatus(paths, status)));
        } else {
            self.start_bulk(paths, status);
        }
    }

    pub(super) fn start_bulk(&mut self, paths: Vec<PathBuf>, status: Status) {
        let jobs: Vec<Job> = paths
            .into_iter()
            .map(|path| {
                let row = self.row(&path);
                Job {
                    listed: row.map(|r| r.stamp.sha256.clone()),
                    title: row.map(|r| r.title().to_owned()).unwrap_or_default(),
                    name: desk::relative_name(&self.folder, &path),
                    path,
                }
            })
            .collect();
        // News from before (a save) would stand beside the report's summary.
        self.info = None;
        self.report = Some(BulkReport {
            status,
            outcomes: Vec::new(),
            done: false,
        });
        let work = self.post_status_work(status).unwrap_or_else(|| {
            let folder = self.folder.clone();
            let signer = self.kit.signer.clone();
            Box::new(move |job| set_status(&folder, job, status, &signer.name()))
        });
        self.bulk = Some(Bulk::start(jobs, work, self.kit.waker.as_fn()));
    }

    /// Whether a status change to many stories is under way.
    pub fn bulk_running(&self) -> bool {
        self.bulk.is_some()
    }
}
