//! The desk view on a folder of 2,000 generated stories (`benches/support/desk_stories.rs`):
//! listing the folder in the core (walk, read, check every story), opening it in the window's
//! desk state (from open to the first rows, and to every row), filtering and sorting the rows,
//! and the window's own cost of a frame of the table while it scrolls.
//!
//! Run in release: `cargo bench --bench desk -- --warm-up-time 1 --measurement-time 5`.
//! The files are read from the system's cache after the first run: these are "warm" figures
//! (the README says how to measure a cold open). Under `cargo test --all-targets` each
//! benchmark runs once on 200 stories, as a smoke test.

#[path = "support/desk_stories.rs"]
mod desk_stories;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::Utc;
use copydesk::app::desk::Desk;
use copydesk::app::dialogs::ScriptedDialogs;
use copydesk::app::story::{Kit, Waker};
use copydesk::ui::{CopydeskApp, Startup};
use copydesk_core::desk::{self, Column, Filter, Sort};
use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

/// `cargo bench` passes `--bench`; `cargo test` does not.
fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// Opens `folder` in the desk's state and waits, polling as the window does each frame,
/// until every file has been read; returns the desk (its `progress` holds the times).
fn open_and_wait(folder: &Path) -> Desk {
    let mut d = Desk::open(
        folder,
        desk::DEFAULT_DEPTH,
        None,
        Kit::plain(Waker::default()),
    );
    let start = Instant::now();
    while !d.is_loaded() {
        d.poll();
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the desk never finished"
        );
        std::thread::sleep(Duration::from_micros(200));
    }
    d
}

fn listing(c: &mut Criterion) {
    let count = if benchmarking() { 2000 } else { 200 };
    let dir = tempfile::tempdir().expect("temporary folder");
    desk_stories::generate(dir.path(), count).expect("stories written");
    let folder = std::fs::canonicalize(dir.path()).expect("the folder is there");
    let mut g = c.benchmark_group(format!("desk {count} stories"));
    g.sample_size(10);
    g.bench_function("desk::list (walk, read, check)", |b| {
        b.iter(|| desk::list(black_box(&folder), desk::DEFAULT_DEPTH, Utc::now()).expect("lists"))
    });
    g.bench_function("open → first rows", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    let d = open_and_wait(&folder);
                    d.progress.first_rows.expect("rows arrived")
                })
                .sum()
        })
    });
    g.bench_function("open → complete", |b| {
        b.iter_custom(|n| {
            (0..n)
                .map(|_| {
                    let d = open_and_wait(&folder);
                    assert!(d.rows().len() >= count - count / 100, "every story listed");
                    d.progress.complete.expect("complete")
                })
                .sum()
        })
    });
    let rows = desk::list(&folder, desk::DEFAULT_DEPTH, Utc::now())
        .expect("lists")
        .rows;
    let by_headline = Sort {
        column: Column::Headline,
        descending: false,
    };
    g.bench_function("arrange: sort by headline", |b| {
        b.iter(|| {
            desk::arrange(
                black_box(&rows),
                &Filter::default(),
                by_headline,
                Utc::now(),
            )
        })
    });
    let search = Filter {
        text: "council".into(),
        errors: true,
        ..Filter::default()
    };
    g.bench_function("arrange: search and has errors", |b| {
        b.iter(|| desk::arrange(black_box(&rows), &search, Sort::default(), Utc::now()))
    });
    g.finish();
}

/// The window on the desk, headless (egui's layout, the table, the accessibility tree; no
/// drawing on the GPU), at 1280×800.
fn window(folder: &Path) -> Harness<'static, CopydeskApp> {
    let folder = folder.to_path_buf();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_eframe(move |cc| {
            CopydeskApp::start(
                cc,
                Startup {
                    desk: Some(folder),
                    ..Startup::default()
                },
                Box::new(ScriptedDialogs::default()),
            )
        });
    let start = Instant::now();
    while !h.state().desk.as_ref().is_some_and(Desk::is_loaded) {
        h.step();
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the desk never finished"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    h.run_ok();
    h
}

/// One frame, tessellated as the renderer would get it.
fn frame(h: &mut Harness<'_, CopydeskApp>) -> usize {
    h.step();
    let shapes = h.output().shapes.clone();
    h.ctx.tessellate(shapes, h.ctx.pixels_per_point()).len()
}

fn scrolling(c: &mut Criterion) {
    let count = if benchmarking() { 2000 } else { 200 };
    let dir = tempfile::tempdir().expect("temporary folder");
    desk_stories::generate(dir.path(), count).expect("stories written");
    let mut h = window(dir.path());
    let mut g = c.benchmark_group(format!("desk window {count} stories"));
    g.sample_size(20);
    g.bench_function("frame, idle", |b| b.iter(|| frame(&mut h)));
    // The pointer over the table; each frame scrolls three lines, down then back up.
    h.hover_at(egui::pos2(300.0, 400.0));
    let mut step = 0u32;
    g.bench_function("frame, scrolling", |b| {
        b.iter(|| {
            step += 1;
            let down = (step / 200).is_multiple_of(2);
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Line,
                delta: egui::vec2(0.0, if down { -3.0 } else { 3.0 }),
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
                modifiers: egui::Modifiers::NONE,
            });
            frame(&mut h)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = listing, scrolling
}
criterion_main!(benches);
