//! The `copydesk` program: the command line decides between the window and a subcommand.
//!
//! On Windows a release build is a GUI-subsystem program (no console window opens with it);
//! the installer also ships `copydesk.com`, the same program marked as a console program,
//! which a terminal runs for `copydesk check …` (see packaging/README.md).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
