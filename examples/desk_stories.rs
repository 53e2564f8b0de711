//! Writes a desk folder of generated stories, to try the desk view by hand or to time it:
//!
//!     cargo run --release --example desk_stories -- /tmp/desk-2000 2000
//!     target/release/copydesk --desk /tmp/desk-2000
//!     target/release/copydesk desk /tmp/desk-2000 --errors
//!
//! The stories are described in `benches/support/desk_stories.rs` (shared with the desk's
//! benchmark): every status, several sections and time zones, some embargoed, and the usual
//! faults of a busy desk in known proportions.

#[path = "../benches/support/desk_stories.rs"]
mod desk_stories;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(folder), count) = (args.next(), args.next()) else {
        eprintln!("usage: desk_stories FOLDER [COUNT]  (COUNT defaults to 2000)");
        return ExitCode::from(2);
    };
    let count = match count.map(|c| c.parse::<usize>()) {
        None => 2000,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            eprintln!("desk_stories: COUNT must be a whole number");
            return ExitCode::from(2);
        }
    };
    let folder = PathBuf::from(folder);
    match desk_stories::generate(&folder, count) {
        Ok(n) => {
            println!("{n} stories written to {}", folder.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("desk_stories: {}: {e}", folder.display());
            ExitCode::from(1)
        }
    }
}
