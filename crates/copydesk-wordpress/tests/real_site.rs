//! Publishing to a real WordPress on this machine: `.ci/wordpress` installs it from Debian's
//! archive, starts it and writes the credentials file these tests read
//! (`$COPYDESK_WP_ENV`, else `/tmp/copydesk-wordpress.env`). In CI a missing file fails the
//! run; on a developer's machine without the site the tests say so and pass.
#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly where its setup does"
)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime, Utc};
use copydesk_core::article::{Article, Image, Stamp, Status};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::format;
use copydesk_wordpress::publish::{self, Options, Outcome};
use copydesk_wordpress::{Client, Credentials, PostStatus, WpError};
use serde_json::{Value, json};

/// The credentials file's lines, or `None` (with a note) where there is no site.
fn site() -> Option<HashMap<String, String>> {
    let path = std::env::var_os("COPYDESK_WP_ENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/copydesk-wordpress.env"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(
            text.lines()
                .filter_map(|l| l.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        ),
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "{}: {e}; CI runs `bash .ci/wordpress` first, which writes it",
                path.display()
            );
            eprintln!(
                "no local WordPress ({}: {e}): run `bash .ci/wordpress` to test publishing",
                path.display()
            );
            None
        }
    }
}

fn connect(env: &HashMap<String, String>, user: &str, password: &str) -> Client {
    Client::connect(&Credentials {
        site: env["COPYDESK_WP_URL"].clone(),
        user: env[user].clone(),
        password: env[password].clone(),
    })
    .unwrap()
}

fn editor(env: &HashMap<String, String>) -> Client {
    connect(env, "COPYDESK_WP_USER", "COPYDESK_WP_PASSWORD")
}

/// A small JPEG in `dir`.
fn picture(dir: &Path, shade: u8) -> PathBuf {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([shade, (x * 4) as u8, (y * 5) as u8])
    });
    let p = dir.join(format!("corbyn-{shade}.jpg"));
    img.save(&p).unwrap();
    p
}

/// The sample story, made unique for this test (the tests share one site and run at once),
/// with a picture.
fn sample(dir: &Path, name: &str) -> Article {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.slug = format!("corbyn-{name}-{}", uuid_like());
    a.status = Status::Draft;
    a.image = Some(Image {
        source: picture(dir, 40).display().to_string(),
        ..a.image.unwrap()
    });
    a
}

fn uuid_like() -> String {
    format!("{:x}", Utc::now().timestamp_nanos_opt().unwrap_or_default())
}

fn options() -> Options {
    Options::default()
}

fn published(outcome: Outcome) -> (copydesk_core::article::PostLink, bool, PostStatus) {
    match outcome {
        Outcome::Published {
            link,
            created,
            status,
        } => (*link, created, status),
        Outcome::Conflict { .. } => panic!("a conflict where none was expected"),
    }
}

fn get(client: &Client, route: &str) -> Value {
    client.get(route, &[("context", "edit")]).unwrap().json
}

fn names(client: &Client, kind: &str, ids: &Value) -> Vec<String> {
    ids.as_array()
        .unwrap()
        .iter()
        .map(|id| {
            get(client, &format!("wp/v2/{kind}/{id}"))["name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[test]
fn the_sample_is_published_as_a_draft_and_reads_back_field_by_field() {
    let Some(env) = site() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let article = sample(dir.path(), "draft");
    let mut steps = Vec::new();
    let outcome = publish::publish(&wp, &article, &options(), Utc::now(), &mut |s| {
        steps.push(s)
    })
    .unwrap();
    let (link, created, status) = published(outcome);
    assert!(created);
    assert_eq!(status, PostStatus::Draft);
    assert_eq!(steps.len(), 3, "picture, terms, post: {steps:?}");

    let post = get(&wp, &format!("wp/v2/posts/{}", link.post));
    assert_eq!(post["title"]["raw"], article.headline);
    assert_eq!(post["excerpt"]["raw"], article.standfirst);
    assert_eq!(post["slug"], article.slug);
    assert_eq!(post["status"], "draft");
    // "Posted On: 4th July 2016", Europe/London: midnight BST is 23:00 the day before in UTC
    assert_eq!(post["date_gmt"], "2016-07-03T23:00:00");
    assert_eq!(names(&wp, "categories", &post["categories"]), ["Politics"]);
    // WordPress keeps a post's tags in its own order
    let mut tags = names(&wp, "tags", &post["tags"]);
    tags.sort();
    assert_eq!(tags, ["Jeremy Corbyn", "Labour Party", "Labour leadership"]);
    let media = get(&wp, &format!("wp/v2/media/{}", post["featured_media"]));
    let image = article.image.as_ref().unwrap();
    assert_eq!(media["alt_text"], image.alt);
    let caption = copydesk_core::import::html::text(media["caption"]["raw"].as_str().unwrap());
    assert_eq!(caption, format!("{} — {}", image.caption, image.credit));
    assert!(
        caption.contains("Labour Party"),
        "the credit is in the caption"
    );

    // every paragraph of the sample, and its three related links in order
    let content = post["content"]["raw"].as_str().unwrap();
    let doc = Document::build(&article, &HouseStyle::default());
    // Words as a reader reads them (the sample has non-breaking spaces: "MP\u{a0}said").
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let plain = words(&copydesk_core::import::html::text(content));
    let mut paragraphs = 0;
    for located in &doc.blocks {
        if let copydesk_core::markup::Block::Paragraph(inlines) = &*located.block {
            let paragraph = words(&copydesk_core::markup::plain_inlines(inlines));
            assert!(plain.contains(&paragraph), "the paragraph {paragraph:?}");
            paragraphs += 1;
        }
    }
    assert!(paragraphs > 10, "{paragraphs} paragraphs");
    let mut at = 0;
    for r in &article.related {
        let found = content[at..]
            .find(&format!("data-related=\"{}\"", r.id))
            .unwrap_or_else(|| panic!("related link {} in order", r.id));
        at += found + 1;
        assert!(content.contains(&r.url));
    }
    assert!(!link.link.is_empty() && !link.modified_gmt.is_empty());
    assert_eq!(
        link.media.as_ref().unwrap().id,
        post["featured_media"].as_u64().unwrap()
    );
}

#[test]
fn publishing_again_updates_the_same_post_and_a_colleagues_edit_is_not_overwritten() {
    let Some(env) = site() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let mut article = sample(dir.path(), "again");
    let (first, created, _) =
        published(publish::publish(&wp, &article, &options(), Utc::now(), &mut |_| {}).unwrap());
    assert!(created);
    article.wordpress = Some(first.clone());
    article.headline.push_str(" (updated)");
    let (second, created, _) =
        published(publish::publish(&wp, &article, &options(), Utc::now(), &mut |_| {}).unwrap());
    assert!(!created, "the same post is updated");
    assert_eq!(second.post, first.post);
    assert_eq!(
        second.media.as_ref().unwrap().id,
        first.media.as_ref().unwrap().id,
        "the picture is not uploaded again"
    );
    let politics: Vec<Value> = wp
        .get("wp/v2/categories", &[("search", "Politics")])
        .unwrap()
        .json
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == "Politics")
        .cloned()
        .collect();
    assert_eq!(
        politics.len(),
        1,
        "one Politics category, however often published"
    );
    article.wordpress = Some(second.clone());

    // A colleague changes the post on the site.
    let colleague = connect(
        &env,
        "COPYDESK_WP_COLLEAGUE",
        "COPYDESK_WP_COLLEAGUE_PASSWORD",
    );
    std::thread::sleep(std::time::Duration::from_millis(1100)); // modified_gmt has seconds
    colleague
        .post_json(
            &format!("wp/v2/posts/{}", second.post),
            &json!({ "title": "Changed on the site by a colleague" }),
        )
        .unwrap();
    article.headline = "Mine, written after theirs".into();
    match publish::publish(&wp, &article, &options(), Utc::now(), &mut |_| {}).unwrap() {
        Outcome::Conflict {
            theirs,
            theirs_modified,
            recorded,
        } => {
            assert_eq!(theirs.headline, "Changed on the site by a colleague");
            assert_ne!(theirs_modified, recorded);
        }
        Outcome::Published { .. } => panic!("a colleague's edit was overwritten"),
    }
    let post = get(&wp, &format!("wp/v2/posts/{}", second.post));
    assert_eq!(
        post["title"]["raw"], "Changed on the site by a colleague",
        "nothing written"
    );
    // Overwrite, chosen on purpose
    let force = Options {
        force: true,
        ..options()
    };
    let (third, _, _) =
        published(publish::publish(&wp, &article, &force, Utc::now(), &mut |_| {}).unwrap());
    assert_eq!(third.post, second.post);
    let post = get(&wp, &format!("wp/v2/posts/{}", second.post));
    assert_eq!(post["title"]["raw"], "Mine, written after theirs");
}

#[test]
fn a_pulled_post_is_the_story_again() {
    let Some(env) = site() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let mut article = sample(dir.path(), "pull");
    article.byline = vec!["Kevin Schofield".into(), "Emilio Casalicchio".into()];
    let (link, _, _) =
        published(publish::publish(&wp, &article, &options(), Utc::now(), &mut |_| {}).unwrap());
    let back = publish::pull(&wp, link.post, chrono_tz::Europe::London).unwrap();
    assert_eq!(back.headline, article.headline);
    assert_eq!(back.standfirst, article.standfirst);
    assert_eq!(back.slug, article.slug);
    assert_eq!(back.byline, article.byline);
    assert_eq!(back.section, "Politics");
    let (mut theirs, mut ours) = (back.tags.clone(), article.tags.clone());
    theirs.sort();
    ours.sort();
    assert_eq!(theirs, ours, "the tags (WordPress keeps its own order)");
    assert_eq!(back.status, Status::Draft);
    assert_eq!(
        back.published.unwrap().date,
        NaiveDate::from_ymd_opt(2016, 7, 4).unwrap()
    );
    assert_eq!(back.related.len(), 3);
    for (a, b) in back.related.iter().zip(&article.related) {
        assert_eq!((&a.id, &a.title, &a.url), (&b.id, &b.title, &b.url));
    }
    assert_eq!(
        copydesk_wordpress::post::body_blocks(&back),
        copydesk_wordpress::post::body_blocks(&article),
        "the body, paragraph by paragraph, related links in their places"
    );
    let image = back.image.as_ref().unwrap();
    let ours = article.image.as_ref().unwrap();
    assert_eq!(
        (&image.alt, &image.caption, &image.credit),
        (&ours.alt, &ours.caption, &ours.credit)
    );
    assert!(
        image.source.starts_with("http://127.0.0.1/"),
        "{}",
        image.source
    );
    assert_eq!(
        back.wordpress.as_ref().unwrap().post,
        link.post,
        "linked to its post"
    );

    // Published again as pulled: the same post keeps its featured picture (it is on the site
    // already, so nothing is uploaded), with the caption as the story now has it.
    let mut again = back.clone();
    again.image.as_mut().unwrap().caption = "A new caption".into();
    let featured = get(&wp, &format!("wp/v2/posts/{}", link.post))["featured_media"].clone();
    let (relinked, created, _) =
        published(publish::publish(&wp, &again, &options(), Utc::now(), &mut |_| {}).unwrap());
    assert!(!created && relinked.post == link.post);
    let post = get(&wp, &format!("wp/v2/posts/{}", link.post));
    assert_eq!(
        post["featured_media"], featured,
        "the picture stays featured"
    );
    let media = get(&wp, &format!("wp/v2/media/{featured}"));
    let caption = copydesk_core::import::html::text(media["caption"]["raw"].as_str().unwrap());
    assert_eq!(caption, "A new caption — Labour Party");
}

#[test]
fn an_embargoed_story_is_scheduled_at_the_embargo() {
    let Some(env) = site() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let mut article = sample(dir.path(), "embargo");
    article.status = Status::Approved;
    let next_year = Utc::now().year() + 1;
    article.embargo = Some(Stamp::new(
        NaiveDate::from_ymd_opt(next_year, 1, 5).unwrap(),
        NaiveTime::from_hms_opt(9, 30, 0),
        chrono_tz::Europe::London,
    ));
    let (link, _, status) =
        published(publish::publish(&wp, &article, &options(), Utc::now(), &mut |_| {}).unwrap());
    assert_eq!(status, PostStatus::Future);
    let post = get(&wp, &format!("wp/v2/posts/{}", link.post));
    assert_eq!(post["status"], "future");
    // 09:30 in London in January is 09:30 UTC
    assert_eq!(post["date_gmt"], format!("{next_year}-01-05T09:30:00"));

    // "Scheduled" for a story whose moment has passed would put it live at once: refused,
    // before anything is sent.
    let mut past = sample(dir.path(), "past");
    past.status = Status::Approved;
    let asked = Options {
        status: Some(PostStatus::Future),
        ..options()
    };
    let e = publish::publish(&wp, &past, &asked, Utc::now(), &mut |_| {}).unwrap_err();
    assert!(matches!(e, WpError::NotScheduled), "{e:?}");
    assert!(e.to_string().contains("moment still to come"), "{e}");
}

#[test]
fn a_wrong_password_is_a_sentence_that_never_holds_the_password() {
    let Some(env) = site() else { return };
    let secret = "wrong password 1234";
    let e = Client::connect(&Credentials {
        site: env["COPYDESK_WP_URL"].clone(),
        user: env["COPYDESK_WP_USER"].clone(),
        password: secret.into(),
    })
    .unwrap_err();
    assert!(matches!(e, WpError::Unauthorized(_)), "{e:?}");
    let text = e.to_string();
    assert!(
        text.contains("Application Passwords") && text.contains("CGIPassAuth"),
        "{text}"
    );
    assert!(!text.contains(secret) && !format!("{e:?}").contains(secret));
    // and no site at all at an address is said so
    let e = Client::connect(&Credentials {
        site: "http://127.0.0.1/no-wordpress-here".into(),
        user: "x".into(),
        password: "y".into(),
    })
    .unwrap_err();
    assert!(matches!(e, WpError::NoApi(_)), "{e:?}");
}

#[test]
fn the_desk_listing_reads_each_post_as_its_story_and_sees_every_change() {
    let Some(env) = site() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let mut a = sample(dir.path(), "desk-listing");
    a.status = Status::InReview;
    let (link, _, status) =
        published(publish::publish(&wp, &a, &options(), Utc::now(), &mut |_| {}).unwrap());
    assert_eq!(status, PostStatus::Pending);
    let find = || {
        let listing = copydesk_wordpress::site::posts(&wp, chrono_tz::Europe::London).unwrap();
        listing
            .posts
            .into_iter()
            .find(|p| p.id == link.post)
            .expect("a pending post is always listed")
    };
    let listed = find();
    // The same story as File → Open from WordPress makes of the post.
    let pulled = publish::pull(&wp, link.post, chrono_tz::Europe::London).unwrap();
    assert_eq!(listed.article.headline, pulled.headline);
    assert_eq!(listed.article.body, pulled.body);
    assert_eq!(listed.article.section, pulled.section);
    assert_eq!(listed.article.tags, pulled.tags);
    assert_eq!(
        listed.article.image, pulled.image,
        "the featured picture, read in one batch"
    );
    assert!(listed.article.image.is_some());
    assert_eq!(listed.article.status, Status::InReview);
    assert_eq!(listed.article.wordpress, pulled.wordpress);
    // who wrote it, by the name the site shows
    let me = get(&wp, "wp/v2/users/me");
    assert_eq!(listed.author, me["name"].as_str().unwrap());
    // A change at once, within the second WordPress counts changes in: the fingerprint
    // moves even where `modified_gmt` may not.
    wp.post_json(
        &format!("wp/v2/posts/{}", link.post),
        &json!({ "excerpt": "A new standfirst." }),
    )
    .unwrap();
    let again = find();
    assert_ne!(again.fingerprint, listed.fingerprint);
    assert_eq!(again.article.standfirst, "A new standfirst.");
}

#[test]
fn a_certificate_no_authority_signed_is_a_sentence_not_a_connection() {
    let Some(env) = site() else {
        return;
    };
    // The same site over https: Apache answers with the machine's self-signed certificate
    // (`.ci/wordpress` turns on its default-ssl site).
    let site = env["COPYDESK_WP_URL"].replacen("http://", "https://", 1);
    let e = Client::connect(&Credentials {
        site,
        user: env["COPYDESK_WP_USER"].clone(),
        password: env["COPYDESK_WP_PASSWORD"].clone(),
    })
    .unwrap_err();
    assert!(matches!(e, WpError::Tls(..)), "{e:?}");
    let said = e.to_string();
    assert!(
        said.starts_with("the secure connection to 127.0.0.1 failed:"),
        "{said}"
    );
    assert!(
        said.contains("not signed by an authority this computer trusts"),
        "{said}"
    );
    assert!(!said.contains(env["COPYDESK_WP_PASSWORD"].as_str()));
}

#[test]
fn a_colleagues_edit_in_the_same_second_is_still_not_overwritten() {
    let Some(env) = site() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let wp = editor(&env);
    let mut a = sample(dir.path(), "same-second");
    a.image = None;
    let (link, _, _) =
        published(publish::publish(&wp, &a, &options(), Utc::now(), &mut |_| {}).unwrap());
    // What the publish recorded is what a read gives: publishing again is no conflict.
    let read = publish::read_post(&wp, link.post).unwrap();
    assert_eq!(publish::content_sha256(&read), link.content_sha256);
    // A colleague's change whose modified_gmt the story happens to hold already, as when it
    // falls within the second of our own write: only the content tells.
    let colleague = connect(
        &env,
        "COPYDESK_WP_COLLEAGUE",
        "COPYDESK_WP_COLLEAGUE_PASSWORD",
    );
    let changed = colleague
        .post_json(
            &format!("wp/v2/posts/{}", link.post),
            &json!({ "excerpt": "A colleague's standfirst." }),
        )
        .unwrap();
    let mut same_second = link.clone();
    same_second.modified_gmt = changed.json["modified_gmt"].as_str().unwrap().to_owned();
    a.wordpress = Some(same_second);
    a.headline = "Ours, written over theirs?".into();
    match publish::publish(&wp, &a, &options(), Utc::now(), &mut |_| {}).unwrap() {
        Outcome::Conflict { theirs, .. } => {
            assert_eq!(theirs.standfirst, "A colleague's standfirst.");
            // Taking theirs links to the post as it is now: the next publish goes through.
            let mut taken = *theirs;
            copydesk_wordpress::post::carry_over(&a, &mut taken, "");
            taken.headline = "Ours, on top of theirs".into();
            let (again, created, _) = published(
                publish::publish(&wp, &taken, &options(), Utc::now(), &mut |_| {}).unwrap(),
            );
            assert!(!created);
            assert_eq!(again.post, link.post);
        }
        Outcome::Published { .. } => panic!("a colleague's edit was overwritten"),
    }
}
