//! Writes a generated Copydesk story of about the given size, in the reference story's style
//! (the benchmarks' generator), for trying the window and measuring it with long stories.
//!
//! `cargo run --release --example story_of_size -- 5000000 /tmp/5mb.json`

#[path = "../benches/common/mod.rs"]
mod common;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(bytes), Some(out)) = (args.first().and_then(|b| b.parse().ok()), args.get(1)) else {
        eprintln!("usage: story_of_size BYTES OUT.json  (BYTES: the body's size, e.g. 5000000)");
        return std::process::ExitCode::from(2);
    };
    let article = common::generated(bytes);
    match copydesk_core::format::save(std::path::Path::new(out), &article) {
        Ok(()) => {
            let words = article.body.split_whitespace().count();
            println!("{out}: {} bytes of body, {words} words", article.body.len());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("story_of_size: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
