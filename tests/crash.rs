//! Killing Copydesk at any moment loses nothing that was on disk: a child process saves a
//! story (keeping each version in its history) and writes its recovery-journal entry in a
//! loop, and is killed (SIGKILL on Unix) at random moments, hundreds of times. After each
//! kill the story file, its history and the journal entry must each load, and hold whole
//! versions, never a mix or a torn file.
//!
//! Every kill counts, on any machine: the child says on its standard output when its first
//! save and journal entry are on disk, and the kill's random moment is counted from then, so
//! each kill finds a story and an entry to check however slow the disk or busy the machine.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use copydesk::app::journal::{self, Journal, Standing};
use copydesk_core::article::Article;
use copydesk_core::format;
use copydesk_core::versions::{self, History, Kind, Signature};

const CHILD_VARIABLE: &str = "COPYDESK_CRASH_CHILD";
const KILLS: u32 = 300;

/// The version number a story of this test carries in its headline.
fn version(a: &Article) -> u64 {
    a.headline
        .strip_prefix("version ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a whole version: {:?}", a.headline))
}

fn story_path(dir: &Path) -> PathBuf {
    dir.join("story.json")
}

/// What the child prints once its first save and journal entry are on disk.
const WRITTEN: &str = "copydesk-crash-child: written";

/// The child: saves the story and journals it, one version after another, until killed.
#[test]
#[ignore = "run by saves_and_journal_entries_survive_kills as its child process"]
fn child_saver() {
    let Some(dir) = std::env::var_os(CHILD_VARIABLE).map(PathBuf::from) else {
        return;
    };
    let path = story_path(&dir);
    let mut next = format::load(&path).map_or(0, |a| version(&a) + 1);
    let mut journal = Journal::open(&dir.join("recovery")).unwrap();
    let mut article = Article::new();
    // A body of about 300 KB, so that writes take long enough to be interrupted.
    let body = "Every word of this paragraph matters to somebody on the desk. ".repeat(5_000);
    let mut announced = false;
    loop {
        article.headline = format!("version {next}");
        article.body = format!("{body}\n\n{next}");
        // The history's own trouble never stops a save; the parent checks the history.
        let _ = versions::save(&path, &article, &Signature::new("Crash Child", Kind::Save))
            .unwrap()
            .history;
        journal.reset(&article);
        journal
            .stand(Standing {
                path: Some(path.clone()),
                disk: None,
                dirty: true,
            })
            .unwrap();
        journal.flush();
        if !announced {
            // The parent counts the kill's moment from here.
            let mut out = std::io::stdout().lock();
            writeln!(out, "{WRITTEN}").unwrap();
            out.flush().unwrap();
            announced = true;
        }
        next += 1;
    }
}

/// A small, seeded random number generator: the kill moments vary but the run repeats.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn saves_and_journal_entries_survive_kills() {
    let dir = tempfile::tempdir().unwrap();
    let story = story_path(dir.path());
    let recovery = dir.path().join("recovery");
    let mut rng = Lcg(0x00c0_ffee);
    let (mut last_story, mut entries_seen, mut stories_seen) = (0, 0, 0);
    let mut versions_seen = 0;
    let started = Instant::now();
    for kill in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "child_saver",
                "--ignored",
                "--nocapture",
                "--quiet",
            ])
            .env(CHILD_VARIABLE, dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        // Wait, however long it takes, until the child has saved and journaled once; a
        // child that dies first fails here with what it printed.
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        loop {
            line.clear();
            let read = out.read_line(&mut line).unwrap();
            assert!(read > 0, "the child {kill} ended before its first save");
            if line.trim_end() == WRITTEN {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(rng.next(40)));
        child.kill().unwrap();
        child.wait().unwrap();

        if story.exists() {
            let a = format::load(&story)
                .unwrap_or_else(|e| panic!("after kill {kill}, the story does not load: {e}"));
            let v = version(&a);
            assert!(
                v >= last_story,
                "after kill {kill}, version {v} < {last_story}"
            );
            assert!(a.body.ends_with(&format!("\n\n{v}")), "a torn story");
            // The history reads whole; its newest version is the story, or the one before
            // when the kill came between writing the story and keeping its version.
            let history = History::of(&story);
            // (every version file is read now and then: reading them all after every kill
            // would make the test's time grow with the square of the kills)
            if kill % 25 == 24 {
                let listing = history.list().unwrap();
                assert!(
                    listing.damaged.is_empty(),
                    "after kill {kill}: {:?}",
                    listing.damaged
                );
                versions_seen = listing.versions.len();
            }
            let (_, newest) = history.read("1").unwrap();
            let kept = version(&format::from_bytes(newest.as_bytes()).unwrap());
            assert!(
                kept == v || kept + 1 == v,
                "after kill {kill}: story {v}, newest version {kept}"
            );
            last_story = v;
            stories_seen += 1;
        }
        // Every entry left loads whole; the dead child's is an orphan, and is cleared here.
        if recovery.exists() {
            for entry in std::fs::read_dir(&recovery).unwrap().flatten() {
                let p = entry.path();
                if p.extension().is_some_and(|e| e == "json") {
                    let a = journal::read_entry_story(&p).unwrap_or_else(|| {
                        panic!("after kill {kill}, {} does not load", p.display())
                    });
                    let v = version(&a);
                    assert!(a.body.ends_with(&format!("\n\n{v}")), "a torn entry");
                    entries_seen += 1;
                }
            }
            let mut j = Journal::open(&recovery).unwrap();
            for orphan in j.orphans() {
                j.discard(orphan);
            }
        }
    }
    println!(
        "{KILLS} kills in {:.1} s: the story loaded whole {stories_seen} times (last version \
         {last_story}), {entries_seen} journal entries loaded whole, up to {versions_seen} \
         versions in the history",
        started.elapsed().as_secs_f64()
    );
    assert!(last_story > 0, "the child saved at least once");
    // Each kill came after the child's first save and entry: each left both to check.
    assert_eq!(stories_seen, KILLS, "every kill left a story to check");
    assert!(
        entries_seen >= KILLS,
        "every kill left a journal entry to check ({entries_seen} of {KILLS})"
    );
    // No temporary file is older than a few minutes yet, so some may be left; none is a story.
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name == "story.json"
                || name == "recovery"
                || name == versions::FOLDER
                || name.ends_with(".tmp"),
            "{name}"
        );
    }
}
