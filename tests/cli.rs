//! The `copydesk` program as scripts and CI use it: output lines, exit codes, JSON, export.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/corbyn-unity-appeal.json"
);

/// An IPTC ninjs example item (the core crate's test data).
const NINJS_EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/crates/copydesk-core/tests/data/ninjs/examples/004_simple_text_article.json"
);

/// The desk word list shipped as an example: the sample's words Debian's en-GB lacks.
const DESK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/desk-dictionary.txt"
);

/// The program, reading the dictionaries shipped in `assets/` whatever the machine has.
fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    c.env(
        "COPYDESK_DICTIONARIES",
        concat!(env!("CARGO_MANIFEST_DIR"), "/assets/dictionaries"),
    );
    c
}

fn copydesk(args: &[&str]) -> Output {
    bin().args(args).output().expect("the copydesk binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("output is UTF-8")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited, not killed")
}

/// The sample story with some fields changed, written to a temporary folder. It is given its
/// picture (by web address), which the shipped sample lacks, so that it has nothing to say
/// but what a test changes.
fn story(dir: &Path, name: &str, change: impl FnOnce(&mut Value)) -> PathBuf {
    let mut v: Value = serde_json::from_str(copydesk_core::SAMPLE_STORY).unwrap();
    v["image"]["source"] = json!("https://example.com/corbyn.jpg");
    change(&mut v);
    let p = dir.join(name);
    fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_sample_says_only_that_its_picture_is_missing_and_with_one_passes_with_nothing_to_say() {
    let o = copydesk(&["check", "--dictionary", DESK, SAMPLE]);
    assert_eq!(code(&o), 0, "a warning: {}", stdout(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.contains(": warning: the image has a caption or credit but no picture"),
        "{out}"
    );
    let o = copydesk(&["check", "--strict", "--dictionary", DESK, SAMPLE]);
    assert_eq!(code(&o), 1, "{}", stdout(&o));
    let dir = tempfile::tempdir().unwrap();
    let complete = story(dir.path(), "complete.json", |_| {});
    let o = copydesk(&["check", "--strict", "--dictionary", DESK, s(&complete)]);
    assert_eq!(code(&o), 0, "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn broken_json_reports_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("broken.json");
    fs::write(
        &p,
        "{\n  \"format\": \"copydesk-article\",\n  \"headline\": oops\n}\n",
    )
    .unwrap();
    let o = copydesk(&["check", s(&p)]);
    assert_eq!(code(&o), 1);
    let out = stdout(&o);
    assert!(out.starts_with(&format!("{}:3:", p.display())), "{out}");
    assert!(out.contains(": error: "), "{out}");
}

#[test]
fn a_long_headline_is_one_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let headline = format!("{}.", "Corbyn ".repeat(16).trim_end()); // 111 + 1 = 112
    assert_eq!(headline.chars().count(), 112);
    let p = story(dir.path(), "long.json", |v| v["headline"] = json!(headline));
    // (grammar would also see the same word sixteen times)
    let o = copydesk(&["check", "--no-spelling", "--no-grammar", s(&p)]);
    assert_eq!(
        stdout(&o),
        format!(
            "{}: error: headline is 112 characters; the limit is 110\n",
            p.display()
        )
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn warnings_pass_unless_strict() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "warn.json", |v| {
        v["image"]["credit"] = json!("");
    });
    let o = copydesk(&["check", "--no-spelling", s(&p)]);
    assert_eq!(
        stdout(&o),
        format!(
            "{}: warning: the image has no credit; add who took or owns it\n",
            p.display()
        )
    );
    assert_eq!(code(&o), 0);
    let o = copydesk(&["check", "--strict", "--no-spelling", s(&p)]);
    assert_eq!(code(&o), 1);
    // one bad file among good ones fails the run
    let o = copydesk(&[
        "check",
        "--dictionary",
        DESK,
        SAMPLE,
        "--strict",
        s(&p),
        SAMPLE,
    ]);
    assert_eq!(code(&o), 1);
}

#[test]
fn json_report_for_scripts() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "bad.json", |v| {
        v["published"] = Value::Null;
        v["related"][1]["url"] = json!("ftp://example.com/x");
    });
    let good = story(dir.path(), "good.json", |_| {});
    let o = copydesk(&[
        "check",
        "--dictionary",
        DESK,
        "--format",
        "json",
        s(&good),
        s(&p),
    ]);
    assert_eq!(code(&o), 1);
    let report: Value = serde_json::from_str(&stdout(&o)).expect("the report is JSON");
    let files = report.as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], json!(s(&good)));
    assert_eq!(files[0]["problems"], json!([]));
    let problems = files[1]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0]["severity"], json!("error"));
    assert_eq!(problems[0]["field"], json!("published"));
    assert_eq!(problems[1]["field"], json!("related_url"));
    assert_eq!(problems[1]["index"], json!(1));
    assert!(problems[1]["message"].as_str().unwrap().contains("ftp:"));
}

#[test]
fn check_without_files_is_a_usage_error() {
    let o = copydesk(&["check"]);
    assert_eq!(code(&o), 2);
    assert!(!o.stderr.is_empty());
}

#[test]
fn export_round_trips_and_keeps_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let input = story(dir.path(), "in.json", |v| {
        let obj = v.as_object_mut().unwrap();
        obj.insert("desk_priority".into(), json!({"level": 2, "note": "lead"}));
        v["related"][0]["kicker"] = json!("Analysis");
    });
    let out = dir.path().join("out.json");
    let o = copydesk(&["export", "--to", "copydesk", s(&input), "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let written: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let read: Value = serde_json::from_str(&fs::read_to_string(&input).unwrap()).unwrap();
    // everything kept; the version is the one this build writes
    let mut read = read;
    read["version"] = json!(format!(
        "{}.{}",
        copydesk_core::format::VERSION_MAJOR,
        copydesk_core::format::VERSION_MINOR
    ));
    assert_eq!(written, read);
    assert_eq!(written["desk_priority"]["note"], json!("lead"));
    assert_eq!(written["related"][0]["kicker"], json!("Analysis"));
    // the exported file checks the same, and exporting it again changes nothing
    assert_eq!(code(&copydesk(&["check", s(&out)])), 0);
    let o = copydesk(&["export", "--to", "copydesk", s(&out), "-o", "-"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), fs::read_to_string(&out).unwrap());
    // the sample itself is already in the current format, byte for byte
    let o = copydesk(&["export", "--to", "copydesk", SAMPLE, "-o", "-"]);
    assert_eq!(stdout(&o), copydesk_core::SAMPLE_STORY);
}

// ---------- spelling ----------

#[test]
fn misspellings_are_warnings_with_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "typo.json", |v| {
        v["standfirst"] = json!("The goverment said no.");
    });
    let o = copydesk(&["check", "--dictionary", DESK, s(&p)]);
    let out = stdout(&o);
    assert_eq!(code(&o), 0, "warnings pass: {out}");
    let line = out.lines().next().unwrap_or_default();
    assert!(
        line.starts_with(&format!(
            "{}: warning: “goverment” in the standfirst may be misspelt; did you mean “government”",
            p.display()
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "only that word: {out}");
    assert_eq!(
        code(&copydesk(&[
            "check",
            "--strict",
            "--dictionary",
            DESK,
            s(&p)
        ])),
        1
    );
    let o = copydesk(&["check", "--no-spelling", s(&p)]);
    assert_eq!(stdout(&o), "");
    // without the desk's list the sample's own names come up
    let o = copydesk(&["check", SAMPLE]);
    let out = stdout(&o);
    for word in ["frontbench", "academise", "PoliticsHome"] {
        assert!(out.contains(&format!("“{word}”")), "{word}: {out}");
    }
    // ignored in the story: not reported
    let p = story(dir.path(), "ignored.json", |v| {
        v["standfirst"] = json!("The goverment said no.");
        v["spelling_ignore"] = json!(["goverment", "frontbench", "academise", "PoliticsHome"]);
    });
    assert_eq!(stdout(&copydesk(&["check", s(&p)])), "");
}

#[test]
fn the_language_picks_british_or_american_english() {
    let dir = tempfile::tempdir().unwrap();
    let text = "The colour was honoured.";
    let gb = story(dir.path(), "gb.json", |v| v["standfirst"] = json!(text));
    let us = story(dir.path(), "us.json", |v| {
        v["standfirst"] = json!(text);
        v["language"] = json!("en-US");
    });
    let o = copydesk(&["check", "--dictionary", DESK, s(&gb)]);
    assert_eq!(stdout(&o), "");
    let o = copydesk(&["check", "--dictionary", DESK, s(&us)]);
    let out = stdout(&o);
    assert!(
        out.contains("“colour” in the standfirst") && out.contains("“color”"),
        "{out}"
    );
    assert!(out.contains("“honoured”"), "{out}");
}

#[test]
fn a_language_with_no_dictionary_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = story(dir.path(), "a.json", |v| v["language"] = json!("fr-FR"));
    let b = story(dir.path(), "b.json", |v| v["language"] = json!("fr-FR"));
    let o = copydesk(&["check", "--no-spelling", "--no-grammar", s(&a)]);
    assert_eq!(stderr(&o), "");
    let o = copydesk(&["check", s(&a), s(&b)]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert_eq!(err.matches("spelling not checked").count(), 1, "{err}");
    assert_eq!(
        err.matches("grammar not checked for language “fr-FR”")
            .count(),
        1,
        "{err}"
    );
    assert!(err.contains("“fr-FR”") && err.contains("install"), "{err}");
    // a word list that is not there is a usage error
    let o = copydesk(&["check", "--dictionary", "/no/such/list.txt", SAMPLE]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/no/such/list.txt"));
}

// ---------- import ----------

#[test]
fn cli_import_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.json");
    let out = bin()
        .args(["import", NINJS_EXAMPLE, "-o"])
        .arg(&story)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a = copydesk_core::format::load(&story).unwrap();
    assert_eq!(
        a.headline,
        "Captain of wrecked cruise ship on trial in Italy"
    );

    for (to, starts) in [
        ("html", "<!DOCTYPE html>"),
        ("ninjs", "{"),
        ("copydesk", "{"),
    ] {
        let out = bin()
            .args(["export", "--to", to])
            .arg(&story)
            .args(["-o", "-"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with(starts),
            "{to}"
        );
        let file = dir.path().join(format!("out.{to}"));
        let status = bin()
            .args(["export", "--to", to])
            .arg(&story)
            .arg("-o")
            .arg(&file)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(fs::read(&file).unwrap(), out.stdout);
    }
    let ninjs: Value =
        serde_json::from_slice(&fs::read(dir.path().join("out.ninjs")).unwrap()).unwrap();
    assert_eq!(
        ninjs["headlines"][0]["value"],
        "Captain of wrecked cruise ship on trial in Italy"
    );

    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"uri\": \"x\",\n  oops}").unwrap();
    let out = bin()
        .arg("import")
        .arg(&bad)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json:2:3: error: invalid JSON"), "{err}");
    let out = bin()
        .arg("import")
        .arg(&story)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Copydesk article, not a ninjs"));
}

/// A ninjs 1.x item (pattern fields, renditions keyed by name, one of them ill-typed) imports
/// whole; its export leaves out what ninjs 3.1 does not allow, says so on standard error in
/// the compiler's style, and succeeds.
#[test]
fn ninjs_1x_import_then_export_warns_of_kept_fields_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let item = dir.path().join("wire-1x.json");
    fs::write(
        &item,
        serde_json::to_string_pretty(&json!({
            "uri": "http://agency.example/1x/1",
            "type": "text",
            "versioncreated": "2015-06-01T10:00:00Z",
            "headline_main": "Harbour reopens after storm",
            "body_main": "<p>The harbour reopened on Monday.</p><p>Boats went out at dawn.</p>",
            "renditions": {
                "original": {"href": "https://news.example/harbour.html", "mimetype": "text/html"},
                "thumbnmail": {"href": "https://img.example/harbour-t.jpg", "width": "wide"}
            }
        }))
        .unwrap(),
    )
    .unwrap();
    let story = dir.path().join("story.json");
    let o = copydesk(&["import", s(&item), "-o", s(&story)]);
    assert_eq!(code(&o), 0, "{}", String::from_utf8_lossy(&o.stderr));
    let a = copydesk_core::format::load(&story).unwrap();
    assert_eq!(a.headline, "Harbour reopens after storm");
    assert_eq!(
        a.body,
        "The harbour reopened on Monday.\n\nBoats went out at dawn.\n"
    );

    let o = copydesk(&["export", "--to", "ninjs", s(&story), "-o", "-"]);
    assert_eq!(code(&o), 0, "a warning, not an error");
    assert_eq!(
        String::from_utf8_lossy(&o.stderr),
        format!(
            "{}: warning: kept field renditions.thumbnmail.width left out: \"wide\" is not of \
             type \"integer\"; ninjs 3.1 does not allow it, so the story file keeps it (under \
             \"ninjs\") but the export does not: correct or remove it there\n",
            story.display()
        )
    );
    let out: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(
        out["renditions"],
        json!([
            {"name": "original", "href": "https://news.example/harbour.html", "contentType": "text/html"},
            {"name": "thumbnmail", "href": "https://img.example/harbour-t.jpg"}
        ])
    );
    // a story without such fields exports without a word
    let o = copydesk(&["export", "--to", "ninjs", SAMPLE, "-o", "-"]);
    assert_eq!(code(&o), 0);
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // an item with no headline and no body is an error that says what it holds
    fs::write(
        &item,
        "{\"uri\": \"http://agency.example/1x/2\", \"type\": \"text\", \"renditions\": {}}",
    )
    .unwrap();
    let o = copydesk(&["import", s(&item), "-o", "-"]);
    assert_eq!(code(&o), 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "{}: error: the ninjs item has no headline and no body",
            item.display()
        )),
        "{err}"
    );
    assert!(err.contains("\"uri\", \"type\", \"renditions\""), "{err}");
}

// ---------- no display needed ----------

/// `copydesk check` and `export` run on a server with no display and no GTK: the binary links
/// no GTK library (file dialogs go through the desktop portal, loaded at run time).
#[cfg(target_os = "linux")]
#[test]
fn the_binary_links_no_gtk() {
    let out = Command::new("ldd")
        .arg(env!("CARGO_BIN_EXE_copydesk"))
        .output()
        .expect("ldd runs");
    let libs = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{libs}");
    for lib in ["libgtk", "libgdk", "libglib", "libX11", "libwayland"] {
        assert!(!libs.contains(lib), "copydesk links {lib}:\n{libs}");
    }
}

#[test]
fn check_runs_without_a_display() {
    let out = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .args(["check", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn check_warns_of_a_picture_that_cannot_be_shown() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "pic.json", |v| {
        v["image"]["source"] = json!("missing.jpg");
    });
    let o = copydesk(&["check", s(&p)]);
    assert_eq!(code(&o), 0, "a warning, not an error");
    assert!(
        stdout(&o).contains("warning: the picture cannot be shown: there is no file at this path"),
        "{}",
        stdout(&o)
    );
    fs::write(dir.path().join("missing.jpg"), "not a picture").unwrap();
    let o = copydesk(&["check", "--strict", s(&p)]);
    assert_eq!(code(&o), 1);
    assert!(stdout(&o).contains("this is not a picture Copydesk can show"));
}

/// A desk folder: a story in each status (the draft with no headline, the approved one
/// embargoed until 2099), one in a subfolder, a broken file, and JSON that is not a story.
fn desk_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    story(d, "draft.json", |v| {
        v["headline"] = json!("");
        v["status"] = json!("draft");
    });
    story(d, "review.json", |v| {
        v["headline"] = json!("Budget row deepens");
        v["status"] = json!("in_review");
        v["section"] = json!("Business");
    });
    story(d, "approved.json", |v| {
        v["headline"] = json!("Minister resigns");
        v["status"] = json!("approved");
        v["embargo"] = json!({"date": "2099-01-05", "time": "09:00:00", "zone": "Europe/London"});
    });
    fs::create_dir(d.join("local")).unwrap();
    story(&d.join("local"), "published.json", |v| {
        v["headline"] = json!("Bridge reopens");
        v["byline"] = json!(["Ann Reporter"]);
    });
    fs::write(
        d.join("broken.json"),
        "{\n  \"format\": \"copydesk-article\",\n  oops\n}",
    )
    .unwrap();
    fs::write(d.join("settings.json"), "{\"theme\": \"dark\"}").unwrap();
    fs::write(d.join("notes.txt"), "not a story").unwrap();
    dir
}

#[test]
fn desk_lists_a_folder_as_a_table() {
    let dir = desk_folder();
    let o = copydesk(&["desk", s(dir.path()), "--sort", "status"]);
    assert_eq!(code(&o), 1, "the draft and the broken file have errors");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "a heading and five files:\n{out}");
    let head = lines[0];
    for column in [
        "FILE",
        "STATUS",
        "ERRORS",
        "WARNINGS",
        "PUBLISHED",
        "EMBARGO",
        "HEADLINE",
    ] {
        assert!(head.contains(column), "{head}");
    }
    // draft, in review, approved, published; the broken file (no status) last
    assert!(lines[1].starts_with("draft.json ") && lines[1].contains(" draft "));
    assert!(lines[2].starts_with("review.json ") && lines[2].contains("Budget row deepens"));
    assert!(
        lines[3].contains("5 Jan 2099 09:00 GMT (in force)"),
        "{}",
        lines[3]
    );
    assert!(lines[4].starts_with("local/published.json ") && lines[4].contains("Ann Reporter"));
    assert!(lines[5].starts_with("broken.json "));
    assert!(
        lines[5].ends_with(
            "error: invalid JSON at line 3, column 3: key must be a string; fix the file in a text editor or open a backup"
        ),
        "{}",
        lines[5]
    );
    // columns line up: every status starts where the heading's does
    let at = head.find("STATUS").unwrap();
    assert!(
        lines[1..]
            .iter()
            .all(|l| l[at..].starts_with(['d', 'i', 'a', 'p', '-']))
    );
    assert!(!out.contains("settings.json") && !out.contains("notes.txt"));
    assert_eq!(
        stderr(&o),
        "copydesk: 5 of 5 stories listed; 2 with errors\n"
    );
}

#[test]
fn desk_lists_a_folder_as_json() {
    let dir = desk_folder();
    let o = copydesk(&["desk", s(dir.path()), "--format", "json"]);
    assert_eq!(code(&o), 1);
    assert_eq!(stderr(&o), "", "JSON says it all on standard output");
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let stories = v["stories"].as_array().unwrap();
    let paths: Vec<&str> = stories
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "approved.json",
            "broken.json",
            "draft.json",
            "local/published.json",
            "review.json"
        ],
        "by path unless asked otherwise"
    );
    let approved = &stories[0];
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["headline"], "Minister resigns");
    assert_eq!(approved["embargo"]["in_force"], true);
    assert_eq!(approved["embargo"]["utc"], "2099-01-05T09:00:00Z");
    assert_eq!(approved["errors"], 0);
    assert!(approved["words"].as_u64().unwrap() > 100);
    let broken = &stories[1];
    assert_eq!(broken["errors"], 1);
    assert_eq!(broken["load_error"]["line"], 3);
    assert_eq!(broken["load_error"]["column"], 3);
    assert!(
        broken["load_error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON at line 3, column 3")
    );
    let draft = &stories[2];
    assert_eq!(draft["errors"], 1);
    assert_eq!(draft["problems"][0]["severity"], "error");
    assert_eq!(draft["problems"][0]["field"], "headline");
    assert_eq!(
        draft["problems"][0]["message"],
        "headline is missing; write one"
    );
}

#[test]
fn desk_filters_by_status_and_errors() {
    let dir = desk_folder();
    let listed = |args: &[&str]| -> (i32, Vec<String>) {
        let mut all = vec!["desk", s(dir.path()), "--format", "json"];
        all.extend_from_slice(args);
        let o = copydesk(&all);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        let paths = v["stories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["path"].as_str().unwrap().to_owned())
            .collect();
        (code(&o), paths)
    };
    assert_eq!(
        listed(&["--status", "approved"]),
        (0, vec!["approved.json".to_owned()]),
        "no errors among those listed: exit 0"
    );
    assert_eq!(
        listed(&["--status", "in_review", "--status", "draft"]),
        (1, vec!["draft.json".to_owned(), "review.json".to_owned()])
    );
    assert_eq!(
        listed(&["--errors"]),
        (1, vec!["broken.json".to_owned(), "draft.json".to_owned()]),
        "a file that cannot be read has an error"
    );
    assert_eq!(listed(&["--errors", "--status", "published"]), (0, vec![]));
    assert_eq!(
        listed(&["--embargoed"]).1,
        ["approved.json"],
        "an embargo still in force"
    );
    assert_eq!(
        listed(&["--search", "ann rep"]).1,
        ["local/published.json"],
        "the byline"
    );
    assert_eq!(
        listed(&["--depth", "0"]).1.len(),
        4,
        "the folder alone, not local/"
    );
    // the table too
    let o = copydesk(&["desk", s(dir.path()), "--status", "approved"]);
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o).lines().count(), 2);
    assert_eq!(
        stderr(&o),
        "copydesk: 1 of 5 stories listed; 0 with errors\n"
    );
}

#[test]
fn desk_says_plainly_when_the_folder_cannot_be_listed() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let o = copydesk(&["desk", s(&missing)]);
    assert_eq!(code(&o), 2);
    assert_eq!(
        stderr(&o),
        format!(
            "copydesk: error: {}: there is no folder here; check the path, or choose the desk folder again\n",
            missing.display()
        )
    );
    let o = copydesk(&["desk", SAMPLE]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("this is a file, not a folder"));
    let o = copydesk(&["desk", s(dir.path()), "--status", "sent"]);
    assert_eq!(code(&o), 2, "a usage error");
    // an empty folder is fine
    let o = copydesk(&["desk", s(dir.path())]);
    assert_eq!(code(&o), 0);
    assert_eq!(
        stderr(&o),
        "copydesk: 0 of 0 stories listed; 0 with errors\n"
    );
}

/// Two people (two processes, one name each) take turns writing one story on a shared folder,
/// ten writes in all: the history lists ten versions, newest first, with their names,
/// statuses and times, each restores byte for byte, and two compare word by word.
#[test]
fn ten_writes_by_two_names_leave_ten_versions_that_restore_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    fs::create_dir(&shared).unwrap();
    let target = shared.join("story.json");
    let statuses = ["draft", "in_review", "approved", "published"];
    let mut written = Vec::new();
    for turn in 0..10 {
        let name = if turn % 2 == 0 {
            "Ann Reporter"
        } else {
            "Desk Editor"
        };
        let status = statuses[turn % statuses.len()];
        let draft = story(dir.path(), &format!("draft-{turn}.json"), |v| {
            v["headline"] = json!(format!("Turn {turn}: unity appeal"));
            v["status"] = json!(status);
        });
        let out = bin()
            .env("COPYDESK_NAME", name)
            .args(["export", "--to", "copydesk", s(&draft), "-o", s(&target)])
            .output()
            .unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "no warning about the history");
        written.push((name, status, fs::read(&target).unwrap()));
    }
    let out = copydesk(&["history", s(&target), "--format", "json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let listed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let versions = listed["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 10);
    let mut previous_time = None;
    for (i, v) in versions.iter().enumerate() {
        let (name, status, bytes) = &written[9 - i];
        assert_eq!(v["number"], json!(i + 1));
        assert_eq!(v["saved_by"], json!(name));
        assert_eq!(v["status"], json!(status));
        assert_eq!(v["kind"], json!("export"));
        let at = chrono::DateTime::parse_from_rfc3339(v["saved_at"].as_str().unwrap()).unwrap();
        if let Some(newer) = previous_time {
            assert!(at < newer, "newest first");
        }
        previous_time = Some(at);
        // by number and by id, byte for byte
        for wanted in [(i + 1).to_string(), v["id"].as_str().unwrap().to_owned()] {
            let restored = dir.path().join(format!("restored-{i}.json"));
            let out = copydesk(&[
                "history",
                s(&target),
                "--restore",
                &wanted,
                "-o",
                s(&restored),
            ]);
            assert_eq!(code(&out), 0, "{}", stderr(&out));
            assert_eq!(&fs::read(&restored).unwrap(), bytes, "version {wanted}");
        }
    }
    assert!(versions[9]["changes"] == json!("first version kept"));
    assert_eq!(
        versions[0]["changes"],
        json!("+1 −1 words; headline, status")
    );

    let out = copydesk(&["history", s(&target), "--diff", "2", "1"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Headline:\n  Turn [-8:-]{+9:+} unity appeal\nStatus:\n  [-Draft-]{+In review+}\n"
    );
    let text = stdout(&copydesk(&["history", s(&target)]));
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("Desk Editor") && first.contains("In review"),
        "{text}"
    );

    let out = copydesk(&["history", s(&target), "--diff", "11"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("no version 11"), "{}", stderr(&out));
}

/// An open comment is a warning for `copydesk check`, on its words; a resolved one says
/// nothing, and neither reaches an export.
#[test]
fn check_warns_of_open_comments_and_exports_leave_them_out() {
    let dir = tempfile::tempdir().unwrap();
    let comment = |resolved: bool| {
        json!([{
            "id": "c1", "place": "body", "start": 40, "end": 47, "quote": "defiant",
            "thread": [{"author": "Desk Editor", "at": "2026-12-05T09:00:00Z",
                        "text": "Says who?"}],
            "resolved": resolved
        }])
    };
    let open = story(dir.path(), "open.json", |v| v["comments"] = comment(false));
    let out = copydesk(&["check", "--no-spelling", s(&open)]);
    assert_eq!(code(&out), 0, "a warning, not an error");
    assert!(
        stdout(&out).contains("warning: an open comment on “defiant”: “Says who?”"),
        "{}",
        stdout(&out)
    );
    let out = copydesk(&["check", "--no-spelling", "--strict", s(&open)]);
    assert_eq!(code(&out), 1);
    let resolved = story(dir.path(), "resolved.json", |v| {
        v["comments"] = comment(true)
    });
    let out = copydesk(&["check", "--no-spelling", s(&resolved)]);
    assert!(!stdout(&out).contains("comment"), "{}", stdout(&out));
    for to in ["html", "ninjs"] {
        let out = copydesk(&["export", "--to", to, s(&open), "-o", "-"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(!stdout(&out).contains("Says who?"), "{to}");
    }
}

// ---------- grammar and house style ----------

/// A style folder written for a test: the rules given, by name.
fn style_folder(dir: &Path, rules: &[(&str, &str)]) -> PathBuf {
    let folder = dir.join("style");
    fs::create_dir_all(&folder).unwrap();
    for (name, yaml) in rules {
        fs::write(folder.join(format!("{name}.yml")), yaml).unwrap();
    }
    folder
}

#[test]
fn check_reports_grammar_and_house_style_with_the_rules_names() {
    let dir = tempfile::tempdir().unwrap();
    let p = story(dir.path(), "style.json", |v| {
        v["standfirst"] = json!("The minister slammed a apple tax of 5 percent.");
    });
    let style = style_folder(
        dir.path(),
        &[
            (
                "Hype",
                "extends: existence\nmessage: \"'%s' takes sides\"\nlevel: error\ntokens: [slammed]\n",
            ),
            (
                "PerCent",
                "extends: substitution\nmessage: \"Use '%s', not '%s'\"\nlevel: warning\nswap:\n  percent: per cent\n",
            ),
            // a kind Copydesk does not read: said, and the others still run
            (
                "Terms",
                "extends: consistency\nmessage: x\neither:\n  advisor: adviser\n",
            ),
        ],
    );
    let o = copydesk(&["check", "--no-spelling", "--style", s(&style), s(&p)]);
    let out = stdout(&o);
    assert_eq!(code(&o), 1, "a style error fails the check: {out}");
    let shown = p.display();
    assert!(
        out.contains(&format!(
            "{shown}: error: “slammed” in the standfirst: 'slammed' takes sides (house style: Hype)"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "{shown}: warning: “a” in the standfirst: Incorrect indefinite article. (grammar: AnA); use “an”"
        )),
        "{out}"
    );
    assert!(
        out.contains("warning: “percent” in the standfirst: Use 'per cent', not 'percent' (house style: PerCent)"),
        "{out}"
    );
    let err = stderr(&o);
    assert!(
        err.contains("Terms.yml, line 1: the rule Terms is of kind “consistency”"),
        "{err}"
    );
    // JSON names the rule
    let o = copydesk(&[
        "check",
        "--no-spelling",
        "--format",
        "json",
        "--style",
        s(&style),
        s(&p),
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let rules: Vec<&str> = v[0]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["rule"].as_str())
        .collect();
    assert_eq!(rules, ["Hype", "AnA", "PerCent"], "{v}");
    // each can be left out
    let o = copydesk(&[
        "check",
        "--no-spelling",
        "--no-grammar",
        "--style",
        s(&style),
        s(&p),
    ]);
    assert!(!stdout(&o).contains("AnA") && stdout(&o).contains("Hype"));
    let o = copydesk(&[
        "check",
        "--no-spelling",
        "--no-style",
        "--style",
        s(&style),
        s(&p),
    ]);
    assert_eq!(code(&o), 0, "grammar never fails a check");
    assert!(stdout(&o).contains("AnA") && !stdout(&o).contains("Hype"));
    // a style folder that is not there is a usage error
    let o = copydesk(&["check", "--style", "/no/such/style", s(&p)]);
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("/no/such/style: no such style folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_sample_style_finds_the_samples_two_lower_case_parties() {
    let style = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/styles/CopydeskNews");
    let o = copydesk(&["check", "--dictionary", DESK, "--style", style, SAMPLE]);
    let out = stdout(&o);
    assert_eq!(out.matches("(house style: PartyNames)").count(), 2, "{out}");
    assert_eq!(out.lines().count(), 3, "and the missing picture: {out}");
    assert_eq!(stderr(&o), "");
    // the grammar rules are listed, with the desk's switched off
    let o = copydesk(&["check", "--list-grammar"]);
    let list = stdout(&o);
    assert!(list.lines().count() > 100, "{list}");
    assert!(list.contains("AnA\ton\t"), "{list}");
    assert!(list.contains("SpellCheck\toff\t"), "{list}");
}

#[test]
fn an_html_export_says_a_local_picture_is_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let local = story(dir.path(), "local.json", |v| {
        v["image"]["source"] = json!("/home/ann/pictures/corbyn.jpg");
    });
    let out = bin()
        .args(["export", "--to", "html"])
        .arg(&local)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "still written");
    assert_eq!(
        stderr(&out),
        format!(
            "{}: warning: the picture (/home/ann/pictures/corbyn.jpg) is a file on this computer, so the page leaves it out; give its web address instead to have it shown\n",
            local.display()
        )
    );
    // by web address: nothing to say
    let web = story(dir.path(), "web.json", |_| {});
    let out = bin()
        .args(["export", "--to", "html"])
        .arg(&web)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
}
