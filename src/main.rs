//! The `copydesk` program: the command line decides between the window and a subcommand.

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
