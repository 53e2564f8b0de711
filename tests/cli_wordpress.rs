//! `copydesk publish` and `copydesk pull` against the real WordPress `.ci/wordpress` starts
//! on this machine (credentials in `$COPYDESK_WP_ENV`, else `/tmp/copydesk-wordpress.env`).
//! In CI a missing site fails the run; elsewhere the tests say so and pass.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use copydesk_core::article::Status;
use copydesk_core::format;
use serde_json::{Value, json};

fn copydesk(env: &HashMap<String, String>, data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .env("COPYDESK_WP_PASSWORD", &env["COPYDESK_WP_PASSWORD"])
        .env("COPYDESK_DATA_DIR", data)
        .output()
        .unwrap()
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn publish_updates_refuses_a_colleagues_change_and_pull_brings_the_post_back() {
    let Some(env) = support::wordpress_site() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let story = dir.path().join("story.json");
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.slug = format!("cli-{}", a.id.simple());
    a.status = Status::InReview;
    format::save(&story, &a).unwrap();
    let url = env["COPYDESK_WP_URL"].as_str();
    let user = env["COPYDESK_WP_USER"].as_str();
    let story_arg = story.to_str().unwrap();
    let site_args = ["--site", url, "--user", user];
    let mut outputs = Vec::new();

    let o = copydesk(
        &env,
        &data,
        &[
            &["publish", story_arg],
            &site_args[..],
            &["--format", "json"],
        ]
        .concat(),
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let reply: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(reply["status"], "pending", "in review proposes pending");
    assert_eq!(reply["created"], true);
    let post = reply["post"].as_u64().unwrap();
    let recorded = format::load(&story).unwrap().wordpress.unwrap();
    assert_eq!(recorded.post, post, "the story records its post");
    outputs.push((out, err));

    // again: the same post
    let o = copydesk(
        &env,
        &data,
        &[&["publish", story_arg], &site_args[..]].concat(),
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        out.starts_with(&format!("Updated post {post} (pending)")),
        "{out}"
    );
    outputs.push((out, err));

    // a colleague changes it on the site: publishing refuses, naming both times
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let colleague = copydesk_wordpress::Client::connect(&copydesk_wordpress::Credentials {
        site: url.into(),
        user: env["COPYDESK_WP_COLLEAGUE"].clone(),
        password: env["COPYDESK_WP_COLLEAGUE_PASSWORD"].clone(),
    })
    .unwrap();
    colleague
        .post_json(
            &format!("wp/v2/posts/{post}"),
            &json!({ "title": "The colleague's headline" }),
        )
        .unwrap();
    let o = copydesk(
        &env,
        &data,
        &[&["publish", story_arg], &site_args[..]].concat(),
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        err.contains("was changed on the site (modified ") && err.contains("--force"),
        "{err}"
    );
    assert!(err.contains("The colleague's headline"), "{err}");
    outputs.push((out, err));
    let o = copydesk(
        &env,
        &data,
        &[&["publish", story_arg, "--force"], &site_args[..]].concat(),
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    outputs.push((out, err));

    // pull it back as a story
    let pulled = dir.path().join("pulled.json");
    let o = copydesk(
        &env,
        &data,
        &[
            &[
                "pull",
                &post.to_string(),
                "-o",
                pulled.to_str().unwrap(),
                "--zone",
                "Europe/London",
            ],
            &site_args[..],
        ]
        .concat(),
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    outputs.push((out, err));
    let back = format::load(&pulled).unwrap();
    assert_eq!(back.headline, a.headline, "--force wrote ours over theirs");
    assert_eq!(back.status, Status::InReview);
    assert_eq!(back.related.len(), 3);
    assert_eq!(back.wordpress.unwrap().post, post);

    // The password is in no file and no output.
    let secret = &env["COPYDESK_WP_PASSWORD"];
    for (out, err) in &outputs {
        assert!(!out.contains(secret.as_str()) && !err.contains(secret.as_str()));
    }
    for file in walk(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret.as_str()),
            "the password is in {}",
            file.display()
        );
    }
}

#[test]
fn plain_http_to_another_computer_and_a_missing_password_are_refused_in_sentences() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("s.json");
    format::save(&story, &copydesk_core::article::Article::new()).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "publish",
            story.to_str().unwrap(),
            "--site",
            "http://news.example.org",
            "--user",
            "ed",
        ])
        .env("COPYDESK_WP_PASSWORD", "x")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("is plain http") && err.contains("https://"),
        "{err}"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args([
            "publish",
            story.to_str().unwrap(),
            "--site",
            "https://news.example.org",
            "--user",
            "ed",
        ])
        .env_remove("COPYDESK_WP_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("COPYDESK_WP_PASSWORD"));
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}
