//! File → Publish to WordPress… in the window, against the real WordPress `.ci/wordpress`
//! starts on this machine: the panel filled in by its labels, the publish running while the
//! window paints, the story recording its post, and a colleague's edit on the site offered
//! as a choice, never overwritten unasked. In CI a missing site fails the run; elsewhere the
//! tests say so and pass.

use std::time::{Duration, Instant};

use crate::support::{app, menu, shown, shown_containing, type_into};
use copydesk::ui::CopydeskApp;
use copydesk_core::article::Status;
use copydesk_core::format;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use serde_json::json;

/// Frames until the publish under way has ended (the site answers on another thread).
fn wait_published(h: &mut Harness<'_, CopydeskApp>) {
    let start = Instant::now();
    loop {
        h.step();
        if !h.state().state.publishing.running() {
            h.run();
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the publish did not end"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_story_is_published_from_the_window_and_a_colleagues_edit_is_offered_not_overwritten() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.json");
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.id = uuid::Uuid::new_v4();
    a.slug = format!("window-{}", a.id.simple());
    a.status = Status::Draft;
    format::save(&path, &a).unwrap();
    let mut h = app(Some(path.clone()), vec![]);
    menu(&mut h, "File", "Publish to WordPress…");
    assert!(shown(&h, "Publish to WordPress"));
    assert!(
        shown(&h, "Draft (proposed)"),
        "the story's status proposes a draft"
    );
    assert!(shown_containing(&h, "Not sent: the SEO headline"));
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    h.get_by_label("Publish").click();
    // the spinner paints while the site answers: a frame at a time
    h.step();
    wait_published(&mut h);
    let result = h.state().state.publishing.result.clone();
    let link = match result {
        Some(Ok(link)) => link,
        other => panic!("not published: {other:?}"),
    };
    assert!(
        shown_containing(&h, "Saved as a draft on the site: "),
        "the panel gives the post's address"
    );
    let story = h.state().state.story.article().clone();
    let post = story.wordpress.clone().expect("the story records its post");
    assert_eq!(post.link, link);
    assert_eq!(
        format::load(&path).unwrap().wordpress.unwrap().post,
        post.post,
        "and the file has it: the story was saved"
    );
    assert!(!h.state().state.story.is_dirty());
    let info = h.state().state.info.clone().unwrap_or_default();
    assert!(info.starts_with("Saved as a draft on the site"), "{info}");
    // the password is remembered for this run only: not in the settings, not in the file
    let settings = serde_json::to_string(&h.state().state.settings).unwrap();
    assert!(!settings.contains(env["COPYDESK_WP_PASSWORD"].as_str()));
    assert!(
        settings.contains(env["COPYDESK_WP_URL"].as_str()),
        "the site is remembered"
    );
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(!file.contains(env["COPYDESK_WP_PASSWORD"].as_str()));

    // A colleague changes the post on the site; publishing again offers a choice.
    std::thread::sleep(Duration::from_millis(1100));
    let colleague = copydesk_wordpress::Client::connect(&copydesk_wordpress::Credentials {
        site: env["COPYDESK_WP_URL"].clone(),
        user: env["COPYDESK_WP_COLLEAGUE"].clone(),
        password: env["COPYDESK_WP_COLLEAGUE_PASSWORD"].clone(),
    })
    .unwrap();
    colleague
        .post_json(
            &format!("wp/v2/posts/{}", post.post),
            &json!({ "title": "A colleague's headline" }),
        )
        .unwrap();
    h.get_by_label("Publish").click();
    // the spinner paints while the site answers: a frame at a time
    h.step();
    wait_published(&mut h);
    assert!(
        h.state().state.publishing.conflict.is_some(),
        "a conflict, not a write"
    );
    assert!(shown_containing(
        &h,
        "Someone changed this post on the site"
    ));
    h.get_by_label("Take theirs").click();
    h.run();
    assert_eq!(
        h.state().state.story.article().headline,
        "A colleague's headline"
    );
    // Undo brings ours back
    menu(&mut h, "Edit", "Undo");
    assert_eq!(h.state().state.story.article().headline, a.headline);
}

#[test]
fn a_post_is_opened_from_the_site_as_a_story_linked_to_it() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    // a post to find: the sample with a title no other test uses
    let wp = copydesk_wordpress::Client::connect(&copydesk_wordpress::Credentials {
        site: env["COPYDESK_WP_URL"].clone(),
        user: env["COPYDESK_WP_USER"].clone(),
        password: env["COPYDESK_WP_PASSWORD"].clone(),
    })
    .unwrap();
    let mut a = format::from_bytes(copydesk_core::SAMPLE_STORY.as_bytes()).unwrap();
    a.id = uuid::Uuid::new_v4();
    let marker = format!("Findme{}", a.id.simple());
    a.headline = format!("Council budget {marker}");
    a.slug = marker.to_lowercase();
    a.status = Status::InReview;
    let outcome = copydesk_wordpress::publish::publish(
        &wp,
        &a,
        &copydesk_wordpress::Options::default(),
        chrono::Utc::now(),
        &mut |_| {},
    )
    .unwrap();
    let copydesk_wordpress::Outcome::Published { link, .. } = outcome else {
        panic!("not published")
    };

    let mut h = app(None, vec![]);
    menu(&mut h, "File", "Open from WordPress…");
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    type_into(&mut h, "Search", &marker);
    h.get_by_label("Pending review").click();
    h.get_by_label("List posts").click();
    h.step();
    wait_site(&mut h);
    let title = format!("Open {}", a.headline);
    h.get_by_label(&title).click();
    h.step();
    wait_site(&mut h);
    let story = h.state().state.story.article().clone();
    assert_eq!(story.headline, a.headline);
    assert_eq!(story.status, Status::InReview);
    assert_eq!(story.related.len(), 3);
    assert_eq!(
        story.wordpress.as_ref().unwrap().post,
        link.post,
        "linked to its post"
    );
    assert!(
        h.state().state.story.is_dirty(),
        "not in any file yet: closing asks"
    );
    assert!(!h.state().state.publishing.browse.open);
}

/// Frames until the site has answered the list or the post.
fn wait_site(h: &mut Harness<'_, CopydeskApp>) {
    let start = Instant::now();
    loop {
        h.step();
        if h.state().state.publishing.browse.busy.is_none() {
            h.run();
            if let Some(e) = &h.state().state.publishing.browse.error {
                panic!("the site said: {e}");
            }
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the site did not answer"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_posts_and_their_open_buttons_stay_inside_a_small_window() {
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    let mut h = Harness::builder()
        .with_max_steps(30)
        .with_size(egui::vec2(720.0, 420.0))
        .build_eframe(|cc| {
            CopydeskApp::new(
                cc,
                None,
                Box::new(copydesk::app::dialogs::ScriptedDialogs::default()),
            )
        });
    crate::support::settle_spelling(&mut h);
    menu(&mut h, "File", "Open from WordPress…");
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    h.get_by_label("List posts").click();
    h.step();
    wait_site(&mut h);
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(720.0, 420.0));
    let menu_bar = h.get_by_label("File").rect();
    let first = h
        .root()
        .query_all_by(|n| {
            n.role() == egui::accesskit::Role::Button
                && n.label()
                    .is_some_and(|l| l.starts_with("Open ") && l.len() > 5)
        })
        .next()
        .expect("the site has posts (the other tests published some)");
    let r = first.rect();
    assert!(
        screen.contains_rect(r),
        "the first Open button {r:?} is on the screen"
    );
    assert!(
        r.min.y > menu_bar.max.y,
        "the list does not cover the menu bar"
    );
}

#[test]
fn a_password_the_site_accepted_is_kept_in_the_credential_store_and_filled_in_next_time() {
    use copydesk::app::passwords::{Keychain, MemoryVault, Vault};
    use std::sync::Arc;
    let Some(env) = crate::support::wordpress_site() else {
        return;
    };
    let vault = Arc::new(MemoryVault::default());
    let account =
        copydesk::app::passwords::account(&env["COPYDESK_WP_URL"], &env["COPYDESK_WP_USER"]);
    let mut h = app(None, vec![]);
    h.state_mut().state.publishing.keychain = Keychain::with(vault.clone(), Arc::new(|| {}));
    menu(&mut h, "File", "Open from WordPress…");
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    // A mistyped password is refused by the site and never kept.
    type_into(&mut h, "Application password", "not the password");
    assert_eq!(h.state().state.publishing.password, "not the password");
    h.get_by_label("List posts").click();
    h.step();
    let start = Instant::now();
    while h.state().state.publishing.browse.busy.is_some() {
        assert!(start.elapsed() < Duration::from_secs(60));
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(h.state().state.publishing.browse.error.is_some());
    assert_eq!(
        vault.get(&account).unwrap(),
        None,
        "a refused password is not kept"
    );
    // The right one is kept once the site took it.
    // (the field shows the cleared text for a frame before it is typed into)
    h.state_mut().state.publishing.password.clear();
    h.run();
    type_into(&mut h, "Application password", &env["COPYDESK_WP_PASSWORD"]);
    assert_eq!(
        h.state().state.publishing.password,
        env["COPYDESK_WP_PASSWORD"]
    );
    h.get_by_label("List posts").click();
    h.step();
    wait_site(&mut h);
    let start = Instant::now();
    while vault.get(&account).unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "not kept");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(
        vault.get(&account).unwrap().as_deref(),
        Some(env["COPYDESK_WP_PASSWORD"].as_str())
    );
    let settings = serde_json::to_string(&h.state().state.settings).unwrap();
    assert!(!settings.contains(env["COPYDESK_WP_PASSWORD"].as_str()));

    // Next run: the site and user typed, the password comes from the store.
    let mut h = app(None, vec![]);
    h.state_mut().state.publishing.keychain = Keychain::with(vault.clone(), Arc::new(|| {}));
    menu(&mut h, "File", "Open from WordPress…");
    h.state_mut().state.publishing.password.clear();
    type_into(&mut h, "Site address", &env["COPYDESK_WP_URL"]);
    type_into(&mut h, "User name", &env["COPYDESK_WP_USER"]);
    let start = Instant::now();
    while h.state().state.publishing.password.is_empty() {
        assert!(start.elapsed() < Duration::from_secs(10), "not filled in");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    h.run();
    assert_eq!(
        h.state().state.publishing.password,
        env["COPYDESK_WP_PASSWORD"]
    );
    assert!(shown_containing(
        &h,
        "Kept in the computer's credential store"
    ));
    h.get_by_label("Forget").click();
    h.run();
    assert!(h.state().state.publishing.password.is_empty());
    let start = Instant::now();
    while vault.get(&account).unwrap().is_some() {
        assert!(start.elapsed() < Duration::from_secs(10), "not forgotten");
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}
