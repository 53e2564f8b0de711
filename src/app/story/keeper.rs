//! Keeps the versions a story session's saves write, on a thread of its own: compressing and
//! writing a version of a long story never holds up the window, which waits only for the
//! story's own atomic write ([`copydesk_core::versions::save_later`]).
//!
//! Versions are kept in the order the saves were made. A problem keeping one comes back as a
//! sentence for the status bar. Dropping the keeper waits for the versions still queued, so
//! closing the window right after a save keeps its version.

use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

use copydesk_core::versions::Pending;

enum Job {
    Keep(Pending),
    /// Answers once every version queued before it is kept.
    Flush(SyncSender<()>),
}

/// The thread that keeps a session's versions.
pub struct Keeper {
    jobs: Option<Sender<Job>>,
    problems: Receiver<String>,
    thread: Option<JoinHandle<()>>,
}

impl Keeper {
    /// Starts the thread; `wake` is called when a problem is waiting.
    pub fn start(wake: std::sync::Arc<dyn Fn() + Send + Sync>) -> Keeper {
        let (jobs, queue) = mpsc::channel::<Job>();
        let (report, problems) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("copydesk-versions".into())
            .spawn(move || {
                for job in queue {
                    match job {
                        Job::Keep(pending) => {
                            if let Err(e) = pending.keep() {
                                let _ = report.send(e.to_string());
                                wake();
                            }
                        }
                        Job::Flush(done) => {
                            let _ = done.send(());
                        }
                    }
                }
            })
            .ok();
        Keeper {
            jobs: Some(jobs),
            problems,
            thread,
        }
    }

    /// Queues a version to keep; kept at once, here, if the thread could not start.
    pub fn keep(&self, pending: Pending) -> Option<String> {
        match (&self.jobs, &self.thread) {
            (Some(jobs), Some(_)) => match jobs.send(Job::Keep(pending)) {
                Ok(()) => None,
                Err(mpsc::SendError(Job::Keep(pending))) => {
                    pending.keep().err().map(|e| e.to_string())
                }
                Err(_) => None,
            },
            _ => pending.keep().err().map(|e| e.to_string()),
        }
    }

    /// A problem keeping a version, if one came.
    pub fn problem(&self) -> Option<String> {
        self.problems.try_recv().ok()
    }

    /// Waits until every version queued so far is kept.
    pub fn flush(&self) {
        let (done, wait) = mpsc::sync_channel(1);
        if let Some(jobs) = &self.jobs
            && jobs.send(Job::Flush(done)).is_ok()
        {
            let _ = wait.recv();
        }
    }
}

impl Drop for Keeper {
    fn drop(&mut self) {
        // Closing the queue ends the thread once it has kept what was queued.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
