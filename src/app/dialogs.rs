//! Native file dialogs behind a small trait, so tests can answer them.
//!
//! The real dialogs ([`NativeDialogs`]) run rfd on a worker thread so the window keeps
//! painting while a dialog is open, and wake the window when the answer is in. On Linux rfd
//! is built with its GTK 3 backend, which shows a dialog on any X11 or Wayland desktop, with
//! or without an xdg-desktop-portal. Where no dialog can be shown at all, rfd answers "none"
//! at once, exactly as if the user had pressed Cancel; an answer that fast is reported as
//! [`Answer::Unavailable`] so the window can offer a field to type the path instead.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// What the chosen path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A story to open.
    Open,
    /// Where to save the story.
    SaveAs,
    /// A ninjs item to import.
    ImportNinjs,
    /// Where to write the HTML page.
    ExportHtml,
    /// Where to write the ninjs item.
    ExportNinjs,
    /// A picture for the story.
    PickImage,
    /// The desk's word list for spelling.
    DeskDictionary,
    /// A folder of stories to show as the desk (a folder dialog).
    DeskFolder,
    /// The desk's house style, a folder of Vale rules (a folder dialog).
    DeskStyle,
    /// A picture for the story under review in the desk.
    DeskImage,
}

impl Purpose {
    /// Whether the dialog chooses a folder rather than a file.
    pub fn wants_folder(self) -> bool {
        matches!(self, Purpose::DeskFolder | Purpose::DeskStyle)
    }
}

/// What to ask the user for.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// What the path is for.
    pub purpose: Purpose,
    /// The dialog's title.
    pub title: String,
    /// (name, extensions) pairs, such as ("Copydesk article", ["json"]).
    pub filters: Vec<(String, Vec<String>)>,
    /// Suggested file name for save dialogs.
    pub file_name: Option<String>,
    /// The folder to start in.
    pub directory: Option<PathBuf>,
    /// A save dialog (a new name may be typed) rather than an open dialog.
    pub save: bool,
}

/// What the user answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A path was chosen.
    Chosen(PathBuf),
    /// The dialog was cancelled.
    Cancelled,
    /// No dialog could be shown on this desktop.
    Unavailable,
}

/// Something that can ask the user for a path.
pub trait FileDialogs {
    /// Starts asking; `wake` is called (from any thread) when the answer is ready.
    fn ask(&mut self, request: Request, wake: Box<dyn Fn() + Send>);
    /// The answer, once it is in.
    fn poll(&mut self) -> Option<(Purpose, Answer)>;
    /// Whether a dialog is open now.
    fn is_open(&self) -> bool;
}

/// An answer quicker than this cannot have come from a person.
const TOO_FAST: Duration = Duration::from_millis(100);

/// The operating system's dialogs, through rfd.
#[derive(Default)]
pub struct NativeDialogs {
    waiting: Option<(Purpose, Receiver<Answer>)>,
}

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, request: Request, wake: Box<dyn Fn() + Send>) {
        let mut d = rfd::AsyncFileDialog::new().set_title(&request.title);
        for (name, exts) in &request.filters {
            d = d.add_filter(name, exts);
        }
        if let Some(dir) = &request.directory {
            d = d.set_directory(dir);
        }
        if let Some(name) = &request.file_name {
            d = d.set_file_name(name);
        }
        // The dialog is created here, on the window's thread (macOS needs that), and awaited
        // on a worker thread so the window keeps painting.
        let started = Instant::now();
        let (tx, rx) = mpsc::channel();
        if request.purpose.wants_folder() {
            let fut = d.pick_folder();
            std::thread::spawn(move || {
                let picked = pollster::block_on(fut).map(|h| h.path().to_path_buf());
                let _ = tx.send(answer(picked, started.elapsed()));
                wake();
            });
        } else if request.save {
            let fut = d.save_file();
            std::thread::spawn(move || {
                let picked = pollster::block_on(fut).map(|h| h.path().to_path_buf());
                let _ = tx.send(answer(picked, started.elapsed()));
                wake();
            });
        } else {
            let fut = d.pick_file();
            std::thread::spawn(move || {
                let picked = pollster::block_on(fut).map(|h| h.path().to_path_buf());
                let _ = tx.send(answer(picked, started.elapsed()));
                wake();
            });
        }
        self.waiting = Some((request.purpose, rx));
    }

    fn poll(&mut self) -> Option<(Purpose, Answer)> {
        let (purpose, rx) = self.waiting.as_ref()?;
        let purpose = *purpose;
        match rx.try_recv() {
            Ok(a) => {
                self.waiting = None;
                Some((purpose, a))
            }
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                self.waiting = None;
                Some((purpose, Answer::Unavailable))
            }
        }
    }

    fn is_open(&self) -> bool {
        self.waiting.is_some()
    }
}

fn answer(picked: Option<PathBuf>, took: Duration) -> Answer {
    match picked {
        Some(p) => Answer::Chosen(p),
        None if took < TOO_FAST => Answer::Unavailable,
        None => Answer::Cancelled,
    }
}

/// Dialogs that answer from a script, for tests: each request takes the next answer.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// The answers still to give, in order.
    pub answers: VecDeque<Answer>,
    /// Every request made, in order.
    pub asked: Vec<Request>,
    ready: Option<(Purpose, Answer)>,
}

impl ScriptedDialogs {
    /// Dialogs that give these answers, one per request, then Cancel.
    pub fn answering(answers: impl IntoIterator<Item = Answer>) -> Self {
        ScriptedDialogs {
            answers: answers.into_iter().collect(),
            ..Default::default()
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn ask(&mut self, request: Request, wake: Box<dyn Fn() + Send>) {
        let a = self.answers.pop_front().unwrap_or(Answer::Cancelled);
        self.ready = Some((request.purpose, a));
        self.asked.push(request);
        wake();
    }

    fn poll(&mut self) -> Option<(Purpose, Answer)> {
        self.ready.take()
    }

    fn is_open(&self) -> bool {
        self.ready.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instant_none_means_no_dialog() {
        assert_eq!(answer(None, Duration::from_millis(5)), Answer::Unavailable);
        assert_eq!(answer(None, Duration::from_secs(3)), Answer::Cancelled);
        assert_eq!(
            answer(Some("a.json".into()), Duration::from_millis(5)),
            Answer::Chosen("a.json".into())
        );
    }
}
