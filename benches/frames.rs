//! One frame of the whole Copydesk window, headless, beside the bare baseline
//! (`examples/bare`: one `TextEdit` holding the same body) given the same events: an idle
//! frame with the cursor in the body, a body keystroke, a headline keystroke. A frame is
//! `egui::Context::run_ui` plus tessellation, the CPU work before the renderer; no GPU.
//!
//! Stories of about 1k, 10k and 100k words and 5 MB, generated in the reference story's
//! style. For each: the median frame of both, interleaved in one run, and their ratio; and
//! how long after a body keystroke the preview and checks (worked out off the window's
//! thread for long stories) had caught up.
//!
//! Run in release: `cargo bench --bench frames`. Under `cargo test --all-targets` it draws
//! a few frames of the smallest story only, as a smoke test.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::ui::CopydeskApp;
use copydesk_core::field::Field;
use eframe::App as _;
use egui::{Event, Key, Modifiers, RawInput};

mod common;

#[path = "../examples/bare/app.rs"]
mod bare;

/// The window's size, as Copydesk opens (and the bare example).
const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// Something that draws one frame of a UI.
trait Draw {
    fn draw(&mut self, ui: &mut egui::Ui);
}

struct Copydesk {
    app: CopydeskApp,
    frame: eframe::Frame,
}

impl Draw for Copydesk {
    fn draw(&mut self, ui: &mut egui::Ui) {
        self.app.ui(ui, &mut self.frame);
    }
}

impl Draw for bare::Bare {
    fn draw(&mut self, ui: &mut egui::Ui) {
        self.frame_ui(ui);
    }
}

/// A UI with its own context and clock.
struct Window<D> {
    ctx: egui::Context,
    ui: D,
    time: f64,
}

impl<D: Draw> Window<D> {
    fn new(ctx: egui::Context, ui: D) -> Self {
        let mut w = Window { ctx, ui, time: 0.0 };
        for _ in 0..3 {
            w.frame(Vec::new());
        }
        w
    }

    /// One frame given `events`: laid out and tessellated. Returns the time it took, and the
    /// CPU time of this thread in it (without the time the workers had the cores).
    fn frame(&mut self, events: Vec<Event>) -> (Duration, Duration) {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            focused: true,
            events,
            ..RawInput::default()
        };
        let started = Instant::now();
        let cpu = cpu_time::ThreadTime::now();
        let mut out = self.ctx.run_ui(input, |ui| self.ui.draw(ui));
        let meshes = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        let took = (started.elapsed(), cpu.elapsed());
        // font atlas updates: a renderer would upload them
        out.textures_delta.clear();
        std::hint::black_box(meshes);
        took
    }

    /// Puts the cursor in the field `id`, `at` a character offset, as a click would.
    fn focus(&mut self, id: egui::Id, at: usize) {
        self.ctx.memory_mut(|m| m.request_focus(id));
        self.frame(Vec::new());
        let mut state = egui::TextEdit::load_state(&self.ctx, id).unwrap_or_default();
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(
                egui::text::CCursor::new(at),
            )));
        state.store(&self.ctx, id);
        for _ in 0..3 {
            self.frame(Vec::new());
        }
        assert!(
            self.ctx.memory(|m| m.has_focus(id)),
            "the field to type into has the keyboard"
        );
    }
}

/// A keystroke's events: typing "x" and deleting it in turn, so the text stays as it was.
fn keystroke(n: usize) -> Vec<Event> {
    if n.is_multiple_of(2) {
        vec![Event::Text("x".into())]
    } else {
        vec![Event::Key {
            key: Key::Backspace,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }]
    }
}

fn copydesk(path: PathBuf) -> Window<Copydesk> {
    let ctx = egui::Context::default();
    let cc = eframe::CreationContext::_new_kittest(ctx.clone());
    let app = CopydeskApp::new(&cc, Some(path), Box::new(ScriptedDialogs::answering([])));
    Window::new(
        ctx,
        Copydesk {
            app,
            frame: eframe::Frame::_new_kittest(),
        },
    )
}

fn median(mut v: Vec<Duration>) -> f64 {
    v.sort();
    v[v.len() / 2].as_secs_f64() * 1000.0
}

/// What a frame kind measured: the bare and the Copydesk median in ms, wall time and the
/// window thread's CPU time.
struct Row {
    story: String,
    words: usize,
    kind: &'static str,
    bare: Medians,
    copydesk: Medians,
}

/// The median wall time and thread CPU time of some frames, in ms.
#[derive(Clone, Copy)]
struct Medians {
    wall: f64,
    cpu: f64,
}

impl Medians {
    fn of(frames: Vec<(Duration, Duration)>) -> Self {
        let (wall, cpu) = frames.into_iter().unzip();
        Medians {
            wall: median(wall),
            cpu: median(cpu),
        }
    }
}

/// Times `frames` frames of each window in turn, with the same events.
fn interleaved(
    a: &mut Window<bare::Bare>,
    b: &mut Window<Copydesk>,
    frames: usize,
    events: impl Fn(usize) -> Vec<Event>,
) -> (Medians, Medians) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for n in 0..frames {
        ta.push(a.frame(events(n)));
        tb.push(b.frame(events(n)));
    }
    (Medians::of(ta), Medians::of(tb))
}

/// Runs frames as the window would be woken until the long story's preview has caught up
/// with a body keystroke; returns how long after the keystroke that was.
fn preview_catch_up(w: &mut Window<Copydesk>, n: usize) -> f64 {
    let started = Instant::now();
    w.frame(keystroke(n));
    while !w.ui.app.state.story.derived_is_current() {
        if started.elapsed() > Duration::from_secs(30) {
            panic!("the preview did not catch up in 30 s");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // the frame that shows it
    w.frame(Vec::new());
    started.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    // `COPYDESK_BENCH_FRAMES=5000` times that many body keystrokes (the other kinds of frame
    // as before), for a profiler to see them.
    let keystrokes = std::env::var("COPYDESK_BENCH_FRAMES")
        .ok()
        .and_then(|n| n.parse::<usize>().ok());
    let (sizes, frames): (&[(&str, usize)], usize) = if benchmarking {
        (
            &[
                ("1k words", 5_600),
                ("10k words", 49_000),
                ("100k words", 490_000),
                ("5 MB", 5_000_000),
            ],
            60,
        )
    } else {
        (&[("1k words", 5_600)], 4)
    };
    let keystrokes = keystrokes.unwrap_or(frames);
    // `COPYDESK_BENCH_IDLE=5000` times that many idle frames, likewise.
    let idle = std::env::var("COPYDESK_BENCH_IDLE")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(frames);
    // `cargo bench --bench frames -- 5` runs only the stories whose name contains "5".
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut rows = Vec::new();
    let mut catch_up = Vec::new();
    for &(name, bytes) in sizes {
        if !only.is_empty() && !only.iter().any(|o| name.contains(o.as_str())) {
            continue;
        }
        let article = common::generated(bytes);
        let words = article.body.split_whitespace().count();
        let path = dir.path().join(format!("{}.json", name.replace(' ', "-")));
        copydesk_core::format::save(&path, &article).expect("the story saves");
        let middle = article.body[..article.body.len() / 2]
            .rfind("\n\n")
            .map_or(0, |i| i + 2);
        let middle_chars = article.body[..middle].chars().count();

        let mut b = Window::new(
            egui::Context::default(),
            bare::Bare {
                body: article.body.clone(),
            },
        );
        let mut c = copydesk(path);
        // The checks and spelling of the story as opened are not what is measured.
        while !c.ui.app.state.story.spelling_settled() || !c.ui.app.state.story.derived_is_current()
        {
            std::thread::sleep(Duration::from_millis(5));
            c.frame(Vec::new());
        }
        let story = name.to_owned();
        let mut row = |kind, (bare, copydesk)| {
            rows.push(Row {
                story: story.clone(),
                words,
                kind,
                bare,
                copydesk,
            });
        };

        b.focus(bare::Bare::field_id(), middle_chars);
        c.focus(copydesk::ui::editor::body_id(), middle_chars);
        row(
            "idle, cursor in the body",
            interleaved(&mut b, &mut c, idle, |_| Vec::new()),
        );
        // The keystrokes land where they should: in the middle of the body.
        c.frame(keystroke(0));
        assert_eq!(
            c.ui.app.state.story.article().body.len(),
            article.body.len() + 1
        );
        assert_eq!(
            &c.ui.app.state.story.article().body[middle..middle + 1],
            "x"
        );
        c.frame(keystroke(1));
        assert_eq!(c.ui.app.state.story.article().body, article.body);
        row(
            "body keystroke",
            interleaved(&mut b, &mut c, keystrokes, keystroke),
        );
        catch_up.push((
            name,
            words,
            (0..if benchmarking { 9 } else { 1 })
                .map(|n| preview_catch_up(&mut c, n * 2))
                .map(|ms| Duration::from_secs_f64(ms / 1000.0))
                .collect::<Vec<_>>(),
        ));
        // undo the catch-up keystrokes' "x"s
        for n in 0..catch_up.last().map_or(0, |c| c.2.len()) {
            c.frame(keystroke(n * 2 + 1));
        }

        // The bare window has no headline: the same keystroke goes into its body, the
        // floor a headline keystroke is held to.
        c.focus(copydesk::ui::metadata::field_id(Field::Headline), 0);
        let headline = c.ui.app.state.story.article().headline.clone();
        c.frame(keystroke(0));
        assert_eq!(
            c.ui.app.state.story.article().headline,
            format!("x{headline}")
        );
        c.frame(keystroke(1));
        row(
            "headline keystroke",
            interleaved(&mut b, &mut c, frames, keystroke),
        );
    }

    println!();
    println!(
        "One frame (run_ui + tessellate), median of {frames} ({keystrokes} body keystrokes), the bare TextEdit beside Copydesk:"
    );
    println!(
        "(cpu: the window thread's own CPU time in the frame, without the workers' turns on the cores)"
    );
    println!(
        "{:<11} {:>8}  {:<25} {:>9} {:>11} {:>6}  {:>8} {:>12} {:>6}",
        "story",
        "words",
        "frame",
        "bare ms",
        "copydesk ms",
        "ratio",
        "bare cpu",
        "copydesk cpu",
        "ratio"
    );
    for r in &rows {
        println!(
            "{:<11} {:>8}  {:<25} {:>9.2} {:>11.2} {:>5.2}×  {:>8.2} {:>12.2} {:>5.2}×",
            r.story,
            r.words,
            r.kind,
            r.bare.wall,
            r.copydesk.wall,
            r.copydesk.wall / r.bare.wall,
            r.bare.cpu,
            r.copydesk.cpu,
            r.copydesk.cpu / r.bare.cpu
        );
    }
    println!();
    println!("The preview and checks showing a body keystroke (median of the runs):");
    for (name, words, runs) in catch_up {
        println!("{name:<11} {words:>8}  {:>7.1} ms", median(runs));
    }
}
