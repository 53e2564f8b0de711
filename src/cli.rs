//! The command line: open a story in the window, check files, convert between formats.
//!
//! Output follows compiler conventions so editors and CI scripts can read it:
//! `path:line:column: error: message` (line and column only when the fault has them),
//! exit status 0 when all is well, 1 when any file has an error, 2 for a usage error.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use copydesk_core::checks::{self, Problem, Severity};
use copydesk_core::document::HouseStyle;
use copydesk_core::format::{self, LoadError};
use copydesk_core::spelling::{self, Dictionary, Speller, WordList};
use copydesk_core::versions::{self, Kind, Signature};
use copydesk_core::{export, import};

use crate::app::who;

mod desk_cli;
mod history_cli;
mod style_cli;
mod wordpress_cli;

/// The command line: a story to open in the window, or a subcommand.
#[derive(Debug, Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A desktop newsroom editor: write the story, fill in its metadata, see it as readers will.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The subcommand, if any; without one the window opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A story to open in the window (a Copydesk .json file).
    pub file: Option<PathBuf>,
    /// Restore the recovery-journal entry ID in this window (used by "Restore in a new
    /// window").
    #[arg(long, value_name = "ID", hide = true)]
    pub recover: Option<String>,
    /// Open the window on a desk folder: every story in it in one table.
    #[arg(long, value_name = "FOLDER")]
    pub desk: Option<PathBuf>,
}

/// What the command line can do without a window.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load each file and report its problems, one per line.
    Check {
        /// Article files to check.
        #[arg(required_unless_present = "list_grammar")]
        files: Vec<PathBuf>,
        /// Output as text lines or as one JSON document.
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
        /// Treat warnings as errors (exit 1 when any file has a warning).
        #[arg(long)]
        strict: bool,
        /// Do not check spelling.
        #[arg(long)]
        no_spelling: bool,
        /// A word list (one word a line) whose words are spelt right: the desk's names and
        /// house spellings. May be given more than once.
        #[arg(long = "dictionary", value_name = "PATH")]
        dictionaries: Vec<PathBuf>,
        /// Do not check grammar (English stories, in their dialect: en-GB, en-US…).
        #[arg(long)]
        no_grammar: bool,
        /// A house style to check against: a folder of Vale rules (one .yml file per rule).
        /// May be given more than once; a rule in a later folder replaces one of the same
        /// name. Without it no house style is checked.
        #[arg(long = "style", value_name = "DIR")]
        styles: Vec<PathBuf>,
        /// Do not check the house style, even with --style.
        #[arg(long)]
        no_style: bool,
        /// List the grammar rules, on or off (with the --style folders' grammar-off.txt),
        /// and what each looks for; then stop.
        #[arg(long)]
        list_grammar: bool,
    },
    /// Convert a story to another format.
    Export {
        /// The format to write.
        #[arg(long, value_enum)]
        to: Target,
        /// The Copydesk article to read.
        input: PathBuf,
        /// Where to write; `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// List every story in a desk folder (and its subfolders): status, problems, dates,
    /// section, byline, words, headline. Exits 1 when a story listed has an error.
    Desk(desk_cli::DeskArgs),
    /// Publish a story to a WordPress site (its REST API) as a draft, pending, scheduled or
    /// live post; publishing again updates the same post, never over an edit made on the
    /// site since (exit 1 naming both times; --force overwrites). The application password
    /// is read from COPYDESK_WP_PASSWORD.
    Publish(wordpress_cli::PublishArgs),
    /// Write a WordPress post as a Copydesk story linked to it (publishing it updates the
    /// post). The application password is read from COPYDESK_WP_PASSWORD.
    Pull(wordpress_cli::PullArgs),
    /// List the versions kept of a story (who saved each, when, at what status, what
    /// changed), print what changed between two word by word, or write one back out.
    /// Every write of a story by Copydesk keeps a version, signed with COPYDESK_NAME or the
    /// computer account's name.
    History(history_cli::HistoryArgs),
    /// Import an IPTC ninjs news item (3.x, 2.x or 1.x JSON) as a Copydesk story.
    Import {
        /// The ninjs file to read.
        input: PathBuf,
        /// The Copydesk article to write; `-` for standard output.
        #[arg(short, long)]
        output: PathBuf,
    },
}

/// How `copydesk check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line per problem: `path: severity: message`.
    Text,
    /// One JSON document for all files.
    Json,
}

/// What `copydesk export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// A standalone web page with schema.org JSON-LD, as the preview shows the story.
    Html,
    /// An IPTC ninjs 3.1 JSON news item.
    Ninjs,
    /// The current Copydesk article format (upgrades older files, keeps unknown fields).
    Copydesk,
}

/// Runs the command line; `main` is just this.
pub fn main() -> ExitCode {
    crate::STARTED.get_or_init(std::time::Instant::now);
    let cli = Cli::parse();
    match cli.command {
        None => crate::ui::run_window(crate::ui::Startup {
            file: cli.file,
            recover: cli.recover,
            journal: crate::app::journal::default_dir(),
            desk: cli.desk,
            system_keychain: true,
            program: std::env::current_exe().ok(),
        }),
        Some(Command::Check {
            files,
            format,
            strict,
            no_spelling,
            dictionaries,
            no_grammar,
            styles,
            no_style,
            list_grammar,
        }) => {
            if list_grammar {
                let result = style_cli::list_grammar(&mut io::stdout().lock(), &styles);
                return ExitCode::from(u8::from(result.is_err()));
            }
            let styles = if no_style { Vec::new() } else { styles };
            let mut language = match style_cli::Language::new(!no_grammar, &styles) {
                Ok(l) => l,
                Err(message) => {
                    eprintln!("{message}");
                    return ExitCode::from(2);
                }
            };
            let mut spelling = if no_spelling {
                None
            } else {
                match Spelling::new(&dictionaries) {
                    Ok(s) => Some(s),
                    Err(message) => {
                        eprintln!("{message}");
                        return ExitCode::from(2);
                    }
                }
            };
            let reports: Vec<Report> = files
                .iter()
                .map(|f| check_file_with(f, spelling.as_mut(), Some(&mut language)))
                .collect();
            let out = io::stdout();
            let mut out = out.lock();
            let result = match format {
                OutputFormat::Text => write_text(&mut out, &reports),
                OutputFormat::Json => write_json(&mut out, &reports),
            };
            if let Err(e) = result
                && e.kind() != io::ErrorKind::BrokenPipe
            {
                eprintln!("copydesk: could not write the report: {e}");
                return ExitCode::from(1);
            }
            let failed = reports.iter().any(|r| r.fails(strict));
            ExitCode::from(u8::from(failed))
        }
        Some(Command::Export { to, input, output }) => match export(to, &input, &output) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
        Some(Command::Desk(args)) => desk_cli::run(&args),
        Some(Command::Publish(args)) => wordpress_cli::run_publish(&args),
        Some(Command::Pull(args)) => wordpress_cli::run_pull(&args),
        Some(Command::History(args)) => history_cli::run(&args),
        Some(Command::Import { input, output }) => match import(&input, &output) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("{message}");
                ExitCode::from(1)
            }
        },
    }
}

/// The result of checking one file.
#[derive(Debug, Serialize)]
pub struct Report {
    /// The file as given on the command line.
    pub path: String,
    /// Set when the file could not be loaded at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load_error: Option<LoadFailure>,
    /// The checks' problems, for a file that loaded.
    pub problems: Vec<Problem>,
}

/// A file that could not be loaded, as the report gives it.
#[derive(Debug, Serialize)]
pub struct LoadFailure {
    /// What is wrong and what to do.
    pub message: String,
    /// Line of the fault, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Column of the fault, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl Report {
    /// Whether this file makes the run fail: a load error or an error (any problem when
    /// `strict`).
    pub fn fails(&self, strict: bool) -> bool {
        self.load_error.is_some()
            || self
                .problems
                .iter()
                .any(|p| p.severity == Severity::Error || strict)
    }
}

/// Spelling for `copydesk check`: a dictionary per language, read when a story first needs
/// it, and the word lists given with `--dictionary`.
pub struct Spelling {
    lists: Vec<WordList>,
    dirs: Vec<PathBuf>,
    dictionaries: HashMap<String, Option<Dictionary>>,
}

impl Spelling {
    /// Reads the word lists; an error names the list that could not be read.
    pub fn new(lists: &[PathBuf]) -> Result<Spelling, String> {
        let lists = lists
            .iter()
            .map(|p| {
                if !p.is_file() {
                    return Err(format!(
                        "copydesk: error: {}: no such word list; give the path of a text file with one word a line",
                        p.display()
                    ));
                }
                WordList::load(p).map_err(|e| format!("copydesk: error: {e}"))
            })
            .collect::<Result<_, _>>()?;
        Ok(Spelling {
            lists,
            dirs: spelling::dictionary_dirs(),
            dictionaries: HashMap::new(),
        })
    }

    /// The misspellings of `article`, or none with a note on standard error (once per
    /// language) when there is no dictionary for its language.
    fn check(&mut self, article: &copydesk_core::article::Article) -> Vec<Problem> {
        let language = article.language.trim().to_owned();
        let dirs = &self.dirs;
        let dictionary = self
            .dictionaries
            .entry(language.clone())
            .or_insert_with(|| match Dictionary::for_language(&language, dirs) {
                Ok(d) => Some(d),
                Err(e) => {
                    eprintln!("copydesk: note: spelling not checked: {e}");
                    None
                }
            });
        let Some(dictionary) = dictionary else {
            return Vec::new();
        };
        // Two lists at most are merged per speller; more lists are joined into one.
        let joined;
        let desk = match self.lists.as_slice() {
            [] => None,
            [one] => Some(one),
            many => {
                joined = WordList::from_words(many.iter().flat_map(|l| l.words()));
                Some(&joined)
            }
        };
        let speller = Speller::new(dictionary)
            .with_lists(desk, None)
            .ignoring(&article.spelling_ignore);
        checks::spelling::check_spelling(article, &speller, SUGGESTIONS)
    }
}

/// Suggestions given with each misspelling.
const SUGGESTIONS: usize = 3;

/// Loads and checks one file, spelling, grammar and style left out.
pub fn check_file(path: &Path) -> Report {
    check_file_with(path, None, None)
}

/// Loads and checks one file, with spelling when `spelling` is given, grammar and style when
/// `language` is.
pub fn check_file_with(
    path: &Path,
    spelling: Option<&mut Spelling>,
    language: Option<&mut style_cli::Language>,
) -> Report {
    let shown = path.display().to_string();
    match format::load(path) {
        Ok(article) => {
            let mut problems = checks::check(&article, chrono::Utc::now());
            problems.extend(checks::check_picture_file(&article, path.parent()));
            if let Some(s) = spelling {
                problems.extend(s.check(&article));
            }
            if let Some(l) = language {
                problems.extend(l.check(&article));
            }
            problems.sort_by_key(|p| (p.severity, p.field, p.offset));
            Report {
                path: shown,
                load_error: None,
                problems,
            }
        }
        Err(e) => Report {
            path: shown,
            load_error: Some(load_failure(&e)),
            problems: Vec::new(),
        },
    }
}

fn load_failure(e: &LoadError) -> LoadFailure {
    let (line, column) = match e.location() {
        Some((l, c)) => (Some(l), Some(c)),
        None => (None, None),
    };
    LoadFailure {
        message: e.to_string(),
        line,
        column,
    }
}

fn write_text(out: &mut impl Write, reports: &[Report]) -> io::Result<()> {
    for r in reports {
        if let Some(f) = &r.load_error {
            match (f.line, f.column) {
                (Some(l), Some(c)) => writeln!(out, "{}:{l}:{c}: error: {}", r.path, f.message)?,
                _ => writeln!(out, "{}: error: {}", r.path, f.message)?,
            }
        }
        for p in &r.problems {
            writeln!(out, "{}: {}: {}", r.path, p.severity.label(), p.message)?;
        }
    }
    Ok(())
}

fn write_json(out: &mut impl Write, reports: &[Report]) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, reports)?;
    writeln!(out)
}

/// Writes the story in another format. A ninjs export goes through the schema gate: each
/// kept field it leaves out is a warning line on standard error,
/// `IN: warning: kept field renditions.thumbnail left out: …`, and the export still succeeds.
fn export(to: Target, input: &Path, output: &Path) -> Result<(), String> {
    let article = format::load(input).map_err(|e| format!("{}: error: {e}", input.display()))?;
    let text = match to {
        Target::Html => {
            // said now, not found out by whoever opens the page
            if let Some(why) = export::html::picture_left_out(&article) {
                eprintln!("{}: warning: {why}", input.display());
            }
            export::html::render(&article, &HouseStyle::default())
        }
        Target::Ninjs => {
            let checked = export::ninjs::export_checked(&article, &HouseStyle::default());
            for left_out in &checked.left_out {
                eprintln!("{}: warning: {left_out}", input.display());
            }
            checked.text()
        }
        Target::Copydesk => {
            let text = format::to_string(&article).map_err(|e| format!("error: {e}"))?;
            return write_story(output, &text, Kind::Export);
        }
    };
    write_output(output, &text)
}

/// Reads a ninjs item and writes it as a Copydesk article.
fn import(input: &Path, output: &Path) -> Result<(), String> {
    let article = import::ninjs::import_file(input).map_err(|e| match e.location() {
        Some((line, column)) => format!("{}:{line}:{column}: error: {e}", input.display()),
        None => format!("{}: error: {e}", input.display()),
    })?;
    let text = format::to_string(&article).map_err(|e| format!("error: {e}"))?;
    write_story(output, &text, Kind::Import)
}

/// Writes a story file's `text` to standard output for `-`, else atomically to the file,
/// keeping the version written in the story's history (signed with [`who::default_name`]).
/// A history that cannot be kept is a warning on standard error; the story is written.
fn write_story(output: &Path, text: &str, kind: Kind) -> Result<(), String> {
    if output == Path::new("-") {
        return write_output(output, text);
    }
    let saved = versions::write(output, text, &Signature::new(who::default_name(), kind))
        .map_err(|e| format!("{}: error: {e}", output.display()))?;
    if let Err(e) = saved.history {
        eprintln!("{}: warning: {e}", output.display());
    }
    Ok(())
}

/// Writes `text` to standard output for `-`, else atomically to the file.
fn write_output(output: &Path, text: &str) -> Result<(), String> {
    if output == Path::new("-") {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("error: could not write to standard output: {e}"))
    } else {
        format::atomic::write(output, text.as_bytes())
            .map_err(|e| format!("{}: error: {}", output.display(), format::SaveError::Io(e)))
    }
}
