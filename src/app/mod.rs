//! The window's state and commands (no drawing here; see [`crate::ui`]).

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run_window(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    ExitCode::SUCCESS
}
