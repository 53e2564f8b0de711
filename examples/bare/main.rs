//! The baseline for Copydesk's start-up, memory and idle measurements: a bare eframe window
//! (the same eframe features and window size as Copydesk) holding a story's body in one
//! `TextEdit`. `benches/window.sh` runs it beside Copydesk; `benches/frames.rs` draws the
//! same UI headless.
//!
//! `cargo run --release --example bare -- STORY.json`
//!
//! With `COPYDESK_TRACE_STARTUP=1` it prints when its first frame was laid out, and with
//! `COPYDESK_TRACE_FRAMES=1` one line per frame, exactly as Copydesk does.

use std::time::Instant;

mod app;

struct Traced {
    bare: app::Bare,
    started: Instant,
    frames: u64,
    trace_startup: bool,
    trace_frames: bool,
}

impl eframe::App for Traced {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.bare.frame_ui(ui);
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        if self.frames == 0 && self.trace_startup {
            eprintln!("copydesk: first frame laid out {ms:.1} ms after start");
        }
        self.frames += 1;
        if self.trace_frames {
            eprintln!("copydesk: frame {} at {ms:.1} ms", self.frames);
        }
    }
}

fn main() -> std::process::ExitCode {
    let started = Instant::now();
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: bare STORY.json  (a Copydesk story; its body is shown)");
        return std::process::ExitCode::from(2);
    };
    let body = match copydesk_core::format::load(std::path::Path::new(&path)) {
        Ok(article) => article.body,
        Err(e) => {
            eprintln!("bare: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bare")
            .with_inner_size([1280.0, 800.0]),
        ..Default::default()
    };
    let traced = Traced {
        bare: app::Bare { body },
        started,
        frames: 0,
        trace_startup: std::env::var_os("COPYDESK_TRACE_STARTUP").is_some(),
        trace_frames: std::env::var_os("COPYDESK_TRACE_FRAMES").is_some(),
    };
    match eframe::run_native("bare", options, Box::new(|_cc| Ok(Box::new(traced)))) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bare: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
