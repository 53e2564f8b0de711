//! The desk view over the real WordPress `.ci/wordpress` starts: the site's pending posts as
//! rows with their problems, a headline fixed in the review reaching the site, and a post a
//! colleague changed on the site meanwhile never overwritten unasked.

use std::time::Duration;

use super::desk::{click_row, headline_field, row_problems, rows, wait_for};
use crate::support::{app, menu, shown, shown_containing, type_into};
use copydesk::ui::CopydeskApp;
use copydesk_core::article::Status;
use copydesk_core::format;
use copydesk_wordpress::{Client, Credentials, Options, Outcome, publish};
use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::json;

/// A client of the local site as `user` (the env file's key for the name; the password's is
/// the same with `_PASSWORD`).
fn client(env: &std::collections::HashMap<String, String>, user: &str) -> Client {
    let password = match user {
        "COPYDESK_WP_USER" => "COPYDESK_WP_PASSWORD",
        _ => "COPYDESK_WP_COLLEAGUE_PASSWORD",
    };
    Client::connect(&Credentials {
        site: env["COPYDESK_WP_URL"].clone(),
        user: env[user].clone(),
        password: env[password].clone(),
    })
    .unwrap()
}

/// The post's title as the site has it.
fn title_on_site(c: &Client, post: u64) -> String {
    let json = publish::read_post(c, post).unwrap();
    json["title"]["raw"].as_str().unwrap_or_default().to_owned()
}

/// The sample story as a colleague's post pending review, headed `headline`; its id.
fn pending_post(colleague: &Client, headline: &str) -> u64 {
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.id = uuid::Uuid::new_v4();
    a.headline = headline.to_owned();
    a.slug = format!("desk-site-{}", a.id.simple());
    a.image = None;
    a.status = Status::InReview;
    match publish::publish(
        colleague,
        &a,
        &Options::default(),
        chrono::Utc::now(),
        &mut |_| {},
    )
    .unwrap()
    {
        Outcome::Published { link, .. } => link.post,
        Outcome::Conflict { .. } => unreachable!("a new post"),
    }
}

/// The window with the desk open on the local site, searched for `tag`.
fn open_site_desk(
    env: &std::collections::HashMap<String, String>,
    tag: &str,
) -> Harness<'static, CopydeskApp> {
    let mut h = app(None, vec![]);
    menu(&mut h, "File", "Open WordPress Site as Desk…");
    assert!(shown_containing(&h, "Fill in the site, user name"));
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    h.get_by_label("Open as Desk").click();
    h.run();
    wait_for(&mut h, "the site's posts are listed", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    assert!(shown(&h, "Desk on WordPress"));
    let progress = &h.state().desk.as_ref().unwrap().progress;
    assert!(progress.error.is_none(), "{:?}", progress.error);
    type_into(&mut h, "Search", tag);
    h
}

/// Frames until the review's update on the site has ended.
fn wait_updated(h: &mut Harness<'_, CopydeskApp>) {
    wait_for(h, "the post is updated on the site", |h| {
        h.state()
            .desk
            .as_ref()
            .and_then(|d| d.site())
            .is_some_and(|s| !s.updating())
    });
}

#[test]
fn the_desk_over_a_site_lists_pending_posts_and_updates_them_never_over_a_colleague() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    // A colleague files a story for review: its headline is long enough for a warning.
    let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let long = format!(
        "Council leader quits after a long row over the budget and the new bus lanes {tag}"
    );
    let short = format!("Council leader quits {tag}");
    let colleague = client(&env, "COPYDESK_WP_COLLEAGUE");
    let post = pending_post(&colleague, &long);

    // File → Open WordPress Site as Desk…: the site's fields first, then Open as Desk.
    let mut h = open_site_desk(&env, &tag);
    // Pending review only, for the editor on duty; the search finds this test's post.
    let desk = h.state().desk.as_ref().unwrap();
    assert_eq!(desk.filter().statuses, vec![Status::InReview]);
    assert!(
        desk.rows()
            .iter()
            .filter(|r| desk
                .filter()
                .statuses
                .contains(&r.summary().unwrap().status))
            .all(|r| r.summary().unwrap().status == Status::InReview)
    );
    assert_eq!(rows(&h), vec![long.clone()]);
    assert!(
        row_problems(&h, &long).contains("1 warning"),
        "the long headline's warning: {}",
        row_problems(&h, &long)
    );

    // Reviewed in place: the headline shortened, then Save updates the post.
    click_row(&mut h, &long, Modifiers::NONE);
    headline_field(&h).focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    headline_field(&h).type_text(&short);
    h.run();
    assert!(shown(&h, "Unsaved changes"));
    assert_eq!(
        title_on_site(&colleague, post),
        long,
        "nothing sent before Save"
    );
    h.get_by_label("Save").click();
    h.run();
    wait_updated(&mut h);
    assert_eq!(
        title_on_site(&colleague, post),
        short,
        "the fix reached the site"
    );
    assert!(
        shown_containing(&h, "Updated post "),
        "the status bar says so"
    );
    assert!(!h.state().desk.as_ref().unwrap().is_dirty());
    wait_for(&mut h, "the row follows", |h| {
        rows(h) == vec![short.clone()]
    });
    assert!(
        !row_problems(&h, &short).contains("warning"),
        "{}",
        row_problems(&h, &short)
    );
    let password = env["COPYDESK_WP_PASSWORD"].as_str();
    assert!(
        !format!("{:?}", h.state().desk.as_ref().unwrap().site()).contains(password),
        "the password is never in debug output"
    );

    // A colleague changes the post on the site (a second later: WordPress keeps the time
    // of a change to the second); the review's next Save asks, and writes nothing.
    std::thread::sleep(Duration::from_millis(1100));
    colleague
        .post_json(
            &format!("wp/v2/posts/{post}"),
            &json!({ "title": format!("A colleague's headline {tag}") }),
        )
        .unwrap();
    headline_field(&h).focus();
    h.run();
    headline_field(&h).type_text(" tonight");
    h.run();
    h.get_by_label("Save").click();
    h.run();
    wait_updated(&mut h);
    assert!(shown(&h, "The post changed on the site"), "a question");
    assert_eq!(
        title_on_site(&colleague, post),
        format!("A colleague's headline {tag}"),
        "their change stands"
    );
    h.get_by_label("Take Theirs").click();
    h.run();
    let review = h.state().desk.as_ref().unwrap().review.as_ref().unwrap();
    assert_eq!(
        review.article().headline,
        format!("A colleague's headline {tag}")
    );
    assert!(!review.is_dirty(), "their version is the one kept");
    // Undo brings the review's version back, unsaved.
    menu(&mut h, "Edit", "Undo");
    let review = h.state().desk.as_ref().unwrap().review.as_ref().unwrap();
    assert_eq!(review.article().headline, format!("{short} tonight"));
    assert!(review.is_dirty());
}

#[test]
fn posts_are_set_to_draft_together_on_the_site_and_one_opens_in_the_editor() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    let tag = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let colleague = client(&env, "COPYDESK_WP_COLLEAGUE");
    let first = pending_post(&colleague, &format!("Ferry strike called off {tag}"));
    let second = pending_post(&colleague, &format!("Ferry talks resume {tag}"));
    let third = pending_post(&colleague, &format!("Ferry fares frozen {tag}"));
    let mut h = open_site_desk(&env, &tag);
    assert_eq!(rows(&h).len(), 3, "{:?}", rows(&h));

    // Two of them back to draft in one step.
    click_row(
        &mut h,
        &format!("Ferry strike called off {tag}"),
        Modifiers::NONE,
    );
    click_row(
        &mut h,
        &format!("Ferry talks resume {tag}"),
        Modifiers::COMMAND,
    );
    h.get_by_label("Set status of 2 selected").click();
    h.run();
    assert!(
        h.query_all_by_label("Approved").next().is_none(),
        "WordPress has no approved status: not offered on a site"
    );
    h.get_by_label("Draft").click();
    // a spinner paints while the site answers: a frame at a time
    h.step();
    wait_for(&mut h, "the status change is done", |h| {
        h.state().desk.as_ref().is_some_and(|d| !d.bulk_running())
    });
    let status = |post: u64| {
        publish::read_post(&colleague, post).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(status(first), "draft");
    assert_eq!(status(second), "draft");
    assert_eq!(status(third), "pending", "not selected: untouched");
    assert!(shown(&h, "Set to draft 2 stories"));
    // Listed again from the site: only the pending one is left under the filter.
    wait_for(&mut h, "the site is listed again", |h| {
        rows(h) == vec![format!("Ferry fares frozen {tag}")]
    });

    // Open in Editor: the editor gets the post as a story linked to it.
    click_row(
        &mut h,
        &format!("Ferry fares frozen {tag}"),
        Modifiers::NONE,
    );
    h.get_by_label("Open in Editor").click();
    wait_for(&mut h, "the editor shows", |h| h.state().desk.is_none());
    let story = h.state().state.story.article();
    assert_eq!(story.headline, format!("Ferry fares frozen {tag}"));
    assert_eq!(story.wordpress.as_ref().map(|l| l.post), Some(third));
    // File → Desk view goes back to the site.
    menu(&mut h, "View", "Desk view");
    wait_for(&mut h, "the site is listed again", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    assert!(shown(&h, "Desk on WordPress"));
}

#[test]
fn a_refused_password_is_said_and_another_can_be_typed_without_leaving_a_dead_end() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    let mut h = app(None, vec![]);
    menu(&mut h, "File", "Open WordPress Site as Desk…");
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    type_into(&mut h, "Application password", "wrong wrong wrong");
    h.get_by_label("Open as Desk").click();
    h.run();
    wait_for(&mut h, "the site answers", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    assert!(shown_containing(
        &h,
        "The site did not accept the user name"
    ));
    h.get_by_label("Sign in again…").click();
    h.run();
    // back to the site's fields, the refused password gone
    assert!(h.state().desk.is_none());
    assert!(h.state().state.publishing.browse.open);
    assert!(h.state().state.publishing.password.is_empty());
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    h.get_by_label("Open as Desk").click();
    h.run();
    wait_for(&mut h, "the site's posts are listed", |h| {
        h.state().desk.as_ref().is_some_and(|d| d.is_loaded())
    });
    let desk = h.state().desk.as_ref().unwrap();
    assert!(desk.progress.error.is_none(), "{:?}", desk.progress.error);
}
