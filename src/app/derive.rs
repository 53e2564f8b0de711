//! The reader's view of a long story and its checks, worked out off the window's thread.
//!
//! For a story of a few thousand words both take well under a millisecond, and the window
//! works them out as it draws, once per change. For a long story (a 100,000-word report, a 5 MB
//! archive piece) they take tens of milliseconds, which would hold up every keystroke: a
//! worker thread keeps its own copy of the story (it is sent each edit, as the recovery
//! journal is) and sends back the [`Document`] and the problems after each burst of edits.
//! The window shows the newest answer it has, says "updating" in the preview while an answer
//! is due, and never takes an older answer after a newer one (the worker answers in order,
//! and each answer says how many edits it had taken).
//!
//! The worker keeps its reading of the body's markup ([`Reading`]) beside its copy, and after
//! a burst of edits reads again only the paragraphs they changed: a keystroke in a 5 MB story
//! reads a few hundred bytes, not 5 MB.

use super::out_of_step::OutOfStep;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use chrono::Utc;
use copydesk_core::article::Article;
use copydesk_core::checks::{self, Problem};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::edit::Edit;
use copydesk_core::reading::{BodyChange, Reading};

/// Bytes of body from which a story's view and checks are worked out by the worker: about
/// 3,000 words, where doing it as the window draws would start to cost a keystroke more than
/// half a millisecond.
pub const LONG_STORY: usize = 20_000;

/// How much of a long story's body the window works out itself before the worker's first
/// answer: more than a screenful of preview.
pub const FIRST_LOOK: usize = 16_000;

/// An answer: the reader's view and the problems of the story after `taken` messages.
#[derive(Clone)]
pub struct Derived {
    /// Which story ([`super::story::Story::generation`]).
    pub generation: u64,
    /// How many messages the worker had taken.
    pub taken: u64,
    /// The reader's view.
    pub document: Arc<Document>,
    /// The checks' problems.
    pub problems: Arc<Vec<Problem>>,
}

enum Msg {
    Reset(Box<Article>, u64, HouseStyle),
    Edit(Edit),
    Style(HouseStyle),
}

/// The window's handle on the worker.
pub struct DeriveWorker {
    tx: Sender<Msg>,
    rx: Receiver<Derived>,
    sent: u64,
    generation: u64,
    latest: Option<Derived>,
    /// Until the worker's first answer for a story: the top of it, worked out by the window
    /// (see [`DeriveWorker::first_look`]).
    first_look: Option<(Arc<Document>, Arc<Vec<Problem>>)>,
    /// Raised when the worker's copy could not follow an edit.
    out_of_step: OutOfStep,
}

impl DeriveWorker {
    /// Starts the worker; `wake` is called (from the worker) when an answer is ready.
    pub fn start(wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (tx, worker_rx) = channel::<Msg>();
        let (worker_tx, rx) = channel();
        let out_of_step = OutOfStep::default();
        let flag = out_of_step.clone();
        std::thread::Builder::new()
            .name("copydesk-document".into())
            .spawn(move || {
                super::first_frame::wait();
                run(&worker_rx, &worker_tx, &*wake, &flag)
            })
            .ok();
        DeriveWorker {
            tx,
            rx,
            sent: 0,
            generation: 0,
            latest: None,
            first_look: None,
            out_of_step,
        }
    }

    /// Whether the worker's copy fell out of step with the story since the last call (the
    /// session then sends the whole story again with [`Self::reset`]).
    pub fn out_of_step(&self) -> bool {
        self.out_of_step.take()
    }

    fn send(&mut self, msg: Msg) {
        self.sent += 1;
        let _ = self.tx.send(msg);
    }

    /// Another story in the window.
    pub fn reset(&mut self, article: &Article, generation: u64, style: &HouseStyle) {
        self.generation = generation;
        self.latest = None;
        self.first_look = None;
        self.send(Msg::Reset(
            Box::new(article.clone()),
            generation,
            style.clone(),
        ));
    }

    /// An edit the story took.
    pub fn edit(&mut self, edit: &Edit) {
        self.send(Msg::Edit(edit.clone()));
    }

    /// The house style changed.
    pub fn style(&mut self, style: &HouseStyle) {
        self.send(Msg::Style(style.clone()));
    }

    /// Takes the worker's answers; true when a new one came.
    pub fn poll(&mut self) -> bool {
        let mut got = false;
        while let Ok(d) = self.rx.try_recv() {
            if d.generation == self.generation
                && self.latest.as_ref().is_none_or(|l| l.taken <= d.taken)
            {
                self.latest = Some(d);
                got = true;
            }
        }
        got
    }

    /// The newest answer for the story in the window.
    pub fn latest(&self) -> Option<&Derived> {
        self.latest.as_ref()
    }

    /// Whether the newest answer covers every edit sent.
    pub fn settled(&self) -> bool {
        self.latest.as_ref().is_some_and(|l| l.taken == self.sent)
    }

    /// What to show of a long story before the worker's first answer: the reader's view of
    /// its first [`FIRST_LOOK`] bytes, worked out here once (a few milliseconds however long
    /// the story), and no problems yet. The window shows it as not current.
    pub fn first_look(
        &mut self,
        article: &mut Article,
        style: &HouseStyle,
    ) -> (Arc<Document>, Arc<Vec<Problem>>) {
        self.first_look
            .get_or_insert_with(|| {
                let body = std::mem::take(&mut article.body);
                let mut head = article.clone();
                article.body = body;
                let cut = article.body.len().min(FIRST_LOOK);
                let cut = article.body[..article.body.floor_char_boundary(cut)]
                    .rfind("\n\n")
                    .unwrap_or(0);
                head.body = article.body[..cut].to_owned();
                (
                    Arc::new(Document::build(&head, style)),
                    Arc::new(Vec::new()),
                )
            })
            .clone()
    }

    /// Whether the worker has answered for the story at all (else the window shows its
    /// [`Self::first_look`], and the status bar says it is still counting and checking).
    pub fn answered(&self) -> bool {
        self.latest.is_some()
    }
}

fn run(
    rx: &Receiver<Msg>,
    tx: &Sender<Derived>,
    wake: &(dyn Fn() + Send + Sync),
    out_of_step: &OutOfStep,
) {
    let mut article: Option<Article> = None;
    // The reading of the body as it was when last worked out, and what changed since.
    let mut reading: Option<Reading> = None;
    let mut change = BodyChange::None;
    // The last view sent, whose unchanged parts the next one shares.
    let mut last: Option<Arc<Document>> = None;
    let mut style = HouseStyle::default();
    let mut generation = 0;
    let mut taken = 0;
    while let Ok(first) = rx.recv() {
        let mut msgs = vec![first];
        msgs.extend(rx.try_iter());
        for msg in msgs {
            taken += 1;
            match msg {
                Msg::Reset(a, g, s) => {
                    article = Some(*a);
                    reading = None;
                    last = None;
                    generation = g;
                    style = s;
                }
                Msg::Edit(e) => {
                    change.note(&e);
                    if let Some(a) = article.as_mut()
                        && let Err(error) = e.apply(a)
                    {
                        // Not this story any more: nothing from it until the whole story
                        // comes again.
                        article = None;
                        reading = None;
                        out_of_step.raise("reader's view", &error);
                    }
                }
                Msg::Style(s) => style = s,
            }
        }
        // A short story is worked out by the window; the worker only keeps its copy.
        let Some(a) = article.as_ref().filter(|a| a.body.len() >= LONG_STORY) else {
            reading = None;
            continue;
        };
        let r = match reading.take() {
            Some(mut r) => {
                r.update(&a.body, &change);
                r
            }
            None => Reading::read(&a.body),
        };
        change = BodyChange::None;
        let mut document = Document::from_reading(a, &style, &r);
        if let Some(before) = &last {
            document.share_with(before);
        }
        let document = Arc::new(document);
        last = Some(document.clone());
        let answer = Derived {
            generation,
            taken,
            document,
            problems: Arc::new(checks::check_reading(a, Utc::now(), &r)),
        };
        reading = Some(r);
        if tx.send(answer).is_err() {
            return;
        }
        wake();
    }
}

/// Values holding fewer pieces than this are freed at once by [`drop_later`]: waking the
/// freeing thread (a system call, some microseconds) costs more than freeing a few dozen
/// blocks. (A first limit of 2,000 would have freed a 10k-word story's whole old view, some
/// 340 blocks, on the window's thread at each keystroke.)
pub const FREE_HERE_UNDER: usize = 100;

/// Frees `value` on a thread of its own: a long story's old view (tens of thousands of
/// blocks, laid-out paragraphs) takes milliseconds to free, which the window's thread
/// should not spend between keystrokes. `pieces` is about how many allocations it holds
/// (blocks, items, words); under [`FREE_HERE_UNDER`] it is freed here and now.
pub fn drop_later<T: Send + 'static>(value: T, pieces: usize) {
    if pieces < FREE_HERE_UNDER {
        drop(value);
        return;
    }
    static BIN: std::sync::OnceLock<std::sync::Mutex<Sender<Box<dyn Send>>>> =
        std::sync::OnceLock::new();
    let bin = BIN.get_or_init(|| {
        let (tx, rx) = channel::<Box<dyn Send>>();
        // Without a thread to spare, the receiver is dropped with the closure and every
        // send below fails: the value is then freed here, as it would have been.
        let _ = std::thread::Builder::new()
            .name("copydesk-free".into())
            .spawn(move || rx.into_iter().for_each(drop));
        std::sync::Mutex::new(tx)
    });
    if let Ok(tx) = bin.lock() {
        // a failed send hands the value back, freed here
        let _ = tx.send(Box::new(value));
    }
}

#[cfg(test)]
mod tests {
    use copydesk_core::field::TextField;

    use crate::app::dialogs::ScriptedDialogs;
    use crate::app::state::AppState;

    use super::*;

    fn long_story() -> Article {
        let mut a = Article::new();
        a.headline = "A long report".into();
        a.body = "Words of the report, one after another. ".repeat(2_000);
        a
    }

    /// Edits made while the worker is busy: once it settles, the window shows the newest
    /// story, and no answer it took was older than one before it.
    #[test]
    fn a_story_edited_while_its_view_is_worked_out_shows_the_newest_text() {
        let mut s = AppState::new(long_story(), None, Box::new(ScriptedDialogs::default()));
        assert!(s.story.is_long());
        let first = s.story.document();
        assert_eq!(first.headline, "A long report");
        let mut seen = Vec::new();
        for i in 0..40 {
            let at = s.story.article().body.len();
            assert!(s.story.apply(Edit::Splice {
                field: TextField::Body,
                range: at..at,
                text: format!(" Marker{i}."),
            }));
            assert!(
                s.story
                    .apply(Edit::SetText(TextField::Headline, format!("Headline {i}")))
            );
            // the window asks every frame; the answer may be behind, never backwards
            let d = s.story.document();
            seen.push(d.headline.clone());
        }
        let numbers: Vec<i64> = seen
            .iter()
            .map(|h| {
                h.strip_prefix("Headline ")
                    .map_or(-1, |n| n.parse().unwrap_or(-1))
            })
            .collect();
        assert!(
            numbers.windows(2).all(|w| w[0] <= w[1]),
            "never an older answer: {numbers:?}"
        );
        // up to a minute (a busy machine is slow to run the worker); done when it is
        for _ in 0..6000 {
            if s.story.derived_is_current() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(s.story.derived_is_current(), "the worker caught up");
        let d = s.story.document();
        assert_eq!(d.headline, "Headline 39");
        assert!(d.body_plain_text().ends_with("Marker39."));
        // read again only where it changed, it is what reading the whole story gives
        assert_eq!(
            *d,
            Document::build(s.story.article(), &HouseStyle::default())
        );
        assert_eq!(
            *s.story.problems(),
            checks::check(s.story.article(), Utc::now())
        );
    }

    #[test]
    fn a_short_story_is_worked_out_as_the_window_draws() {
        let mut a = long_story();
        a.body = "Short.".into();
        let mut s = AppState::new(a, None, Box::new(ScriptedDialogs::default()));
        assert!(!s.story.is_long());
        assert!(
            s.story
                .apply(Edit::SetText(TextField::Headline, "Now".into()))
        );
        assert_eq!(s.story.document().headline, "Now", "at once, no worker");
        assert!(s.story.derived_is_current());
        // typed into, undone and redone, the view and checks are the whole story's
        for (at, text) in [(6, " More TK."), (0, "“Quoted. "), (3, "\n\n- a list\n")] {
            assert!(s.story.apply(Edit::Splice {
                field: TextField::Body,
                range: at..at,
                text: text.into(),
            }));
            assert_eq!(
                *s.story.document(),
                Document::build(s.story.article(), &HouseStyle::default())
            );
        }
        s.story.undo();
        s.story.undo();
        s.story.redo();
        assert_eq!(
            *s.story.document(),
            Document::build(s.story.article(), &HouseStyle::default())
        );
        assert_eq!(
            *s.story.problems(),
            checks::check(s.story.article(), Utc::now())
        );
    }

    #[test]
    fn a_long_story_just_opened_shows_its_top_until_the_worker_answers() {
        let mut a = long_story();
        a.body = (1..=3_000)
            .map(|n| format!("Paragraph {n} of the report.\n\n"))
            .collect();
        let mut worker = DeriveWorker::start(Arc::new(|| {}));
        worker.reset(&a, 1, &HouseStyle::default());
        let body = a.body.clone();
        let (doc, problems) = worker.first_look(&mut a, &HouseStyle::default());
        assert_eq!(a.body, body, "the story keeps its body");
        assert_eq!(doc.headline, "A long report");
        assert!(
            problems.is_empty(),
            "no problems claimed before the checks ran"
        );
        let last = doc.plain_text();
        assert!(last.contains("Paragraph 1 of the report."));
        assert!(
            !last.contains("Paragraph 3000 of"),
            "only the top, worked out in a few milliseconds"
        );
        assert!(doc.blocks.len() < 1_000);
        // until the worker answers for the whole story
        let started = std::time::Instant::now();
        while !worker.answered() {
            assert!(started.elapsed().as_secs() < 20, "the worker answers");
            std::thread::sleep(std::time::Duration::from_millis(5));
            worker.poll();
        }
        let whole = worker.latest().unwrap().document.plain_text();
        assert!(whole.contains("Paragraph 3000 of the report."));
    }
}
