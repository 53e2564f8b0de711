//! Publishing the editor's story to WordPress from the window, with no drawing: the panel's
//! form, the publish running on a thread of its own (the window keeps painting), its steps,
//! and what came of it.
//!
//! The site's address and user name are remembered in the settings; the application
//! password is kept in the computer's credential store once the site has accepted it
//! ([`super::passwords`]; else held in memory for this run only), or read from
//! `COPYDESK_WP_PASSWORD`, and never written anywhere else. A publish that succeeds records the post in the story as an edit
//! ([`Edit::SetPostLink`], one undo step) and saves the story when it has a file, so the next
//! Publish updates the same post. A post changed on the site since is never overwritten
//! unasked: the panel offers Overwrite, Take Theirs (an edit Undo takes back) or Cancel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};

use chrono::Utc;
use copydesk_core::article::Article;
use copydesk_core::checks::Severity;
use copydesk_core::edit::Edit;
use copydesk_wordpress::publish::{self, Options, Outcome, PostSummary, Step};
use copydesk_wordpress::{Client, Credentials, PostStatus, WpError, post};

use super::passwords::{self, Keychain};
use super::state::AppState;

/// The variable a password may come from (as for `copydesk publish`).
pub const PASSWORD_VARIABLE: &str = "COPYDESK_WP_PASSWORD";

/// A site the user publishes to, remembered between runs (never its password).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SiteSetting {
    /// The site's address.
    pub url: String,
    /// The WordPress user name.
    pub user: String,
}

/// What the publish panel shows and holds.
#[derive(Default)]
pub struct Publishing {
    /// Whether the panel is open.
    pub open: bool,
    /// The site's address, as typed.
    pub url: String,
    /// The user name, as typed.
    pub user: String,
    /// The application password, for this run only.
    pub password: String,
    /// What the post becomes (proposed from the story when the panel opens).
    pub status: Option<PostStatus>,
    /// The steps done so far in the publish under way (or the last one).
    pub steps: Vec<Step>,
    /// The last publish's end: the post's address, or why it failed.
    pub result: Option<Result<String, String>>,
    /// The post changed on the site since the story last wrote or read it.
    pub conflict: Option<Conflict>,
    job: Option<Receiver<Message>>,
    /// The story the publish under way is for (its session's generation): a post written
    /// after that story was closed is not recorded in another.
    for_story: u64,
    /// What the last publish made of the post.
    done_as: Option<PostStatus>,
    /// File → Open from WordPress…: the site's posts.
    pub browse: Browse,
    /// The computer's credential store, for the passwords.
    pub keychain: Keychain,
    /// The account last asked of the credential store.
    asked: Option<String>,
    /// Set to stop the publish under way before its next step.
    cancel: Arc<AtomicBool>,
}

/// The Open from WordPress list.
#[derive(Debug, Default)]
pub struct Browse {
    /// Whether the list is open.
    pub open: bool,
    /// Words to look for in the posts.
    pub search: String,
    /// A REST status word to list (`None`: every status).
    pub status: Option<&'static str>,
    /// The posts listed.
    pub posts: Vec<PostSummary>,
    /// Why the list or a post could not be read.
    pub error: Option<String>,
    /// What the background thread is doing, while it is.
    pub busy: Option<&'static str>,
    job: Option<Receiver<Fetched>>,
}

enum Fetched {
    List(Result<Vec<PostSummary>, WpError>),
    Post(Result<Box<Article>, WpError>),
}

impl std::fmt::Debug for Publishing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publishing")
            .field("open", &self.open)
            .field("url", &self.url)
            .field("user", &self.user)
            .field("password", &"(hidden)")
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// Someone changed the post on the site since the story last wrote or read it.
#[derive(Debug, Clone)]
pub struct Conflict {
    /// Their version, as a story.
    pub theirs: Box<Article>,
    /// The post's modification time on the site now (GMT).
    pub theirs_modified: String,
    /// The one the story recorded.
    pub recorded: String,
}

enum Message {
    Step(Step),
    Done(Result<Outcome, WpError>),
}

impl Publishing {
    /// Whether a publish is under way.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// Stops the publish under way before its next step (the request being made finishes;
    /// the post is not written after it).
    pub fn cancel(&self) {
        if self.running() {
            self.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Whether the publish under way was asked to stop.
    pub fn cancelling(&self) -> bool {
        self.running() && self.cancel.load(Ordering::Relaxed)
    }

    /// What the last publish did, in words: "Saved as a draft on the site", "Published".
    pub fn done_text(&self) -> &'static str {
        match self.done_as {
            Some(PostStatus::Draft) => "Saved as a draft on the site",
            Some(PostStatus::Pending) => "Sent for review on the site",
            Some(PostStatus::Future) => "Scheduled on the site",
            Some(PostStatus::Publish) | None => "Published",
        }
    }
}

impl AppState {
    /// Opens the publish panel on the story in the editor: the site it was published to (or
    /// the last site used), the status its status and dates propose.
    pub fn open_publishing(&mut self) {
        let p = &mut self.publishing;
        p.open = true;
        p.result = None;
        p.conflict = None;
        p.steps.clear();
        let article = self.story.article();
        let site = article
            .wordpress
            .as_ref()
            .map(|l| l.site.clone())
            .or_else(|| self.settings.sites.first().map(|s| s.url.clone()));
        if let Some(url) = site {
            p.user = self
                .settings
                .sites
                .iter()
                .find(|s| s.url == url)
                .map(|s| s.user.clone())
                .unwrap_or_default();
            p.url = url;
        }
        if p.password.is_empty()
            && let Ok(pw) = std::env::var(PASSWORD_VARIABLE)
        {
            p.password = pw;
        }
        p.status = Some(PostStatus::proposed(article, Utc::now()).0);
    }

    /// The checks that stop a publish (errors), as sentences.
    /// A house-style error is one: its rule is the desk's.
    pub fn publish_blockers(&mut self) -> Vec<String> {
        let style = self.story.misspellings().problems.clone();
        self.story
            .problems()
            .iter()
            .chain(style.iter())
            .filter(|p| p.severity == Severity::Error)
            .map(|p| p.message.clone())
            .collect()
    }

    /// Starts publishing the editor's story (`force`: over a post changed on the site).
    pub fn start_publishing(&mut self, force: bool) {
        if self.publishing.running() {
            return;
        }
        let blockers = self.publish_blockers();
        if !blockers.is_empty() {
            self.publishing.result = Some(Err(format!(
                "Not published: {} Fix {} first.",
                blockers.join(" "),
                if blockers.len() == 1 { "it" } else { "them" }
            )));
            return;
        }
        // News of an earlier publish must not stand beside this one.
        self.info = None;
        let p = &mut self.publishing;
        p.result = None;
        p.conflict = None;
        p.steps.clear();
        p.done_as = None;
        p.cancel = Arc::new(AtomicBool::new(false));
        let credentials = Credentials {
            site: p.url.trim().to_owned(),
            user: p.user.trim().to_owned(),
            password: p.password.clone(),
        };
        let article = self.story.article().clone();
        let options = Options {
            status: p.status,
            force,
            base: self
                .story
                .path()
                .and_then(std::path::Path::parent)
                .map(std::path::Path::to_path_buf),
            style: self.settings.house_style.clone(),
            cancel: Some(p.cancel.clone()),
        };
        let (tx, rx) = mpsc::channel();
        let wake = self.waker.as_fn();
        let spawned = std::thread::Builder::new()
            .name("copydesk-publish".into())
            .spawn(move || {
                let steps = tx.clone();
                let step_wake = wake.clone();
                let result = Client::connect(&credentials).and_then(|client| {
                    publish::publish(&client, &article, &options, Utc::now(), &mut |s| {
                        // The window may be gone; the publish still finishes.
                        let _ = steps.send(Message::Step(s));
                        step_wake();
                    })
                });
                let _ = tx.send(Message::Done(result));
                wake();
            });
        match spawned {
            Ok(_) => {
                p.job = Some(rx);
                p.for_story = self.story.generation();
            }
            Err(e) => p.result = Some(Err(format!("Could not start publishing: {e}."))),
        }
        // The site and user are remembered (never the password).
        let site = SiteSetting {
            url: self.publishing.url.trim().to_owned(),
            user: self.publishing.user.trim().to_owned(),
        };
        self.settings.sites.retain(|s| s.url != site.url);
        self.settings.sites.insert(0, site);
        self.settings.sites.truncate(10);
    }

    /// The password field's site and user were typed (or the panel opened): a password kept
    /// for them in the credential store fills an empty field.
    fn ask_keychain(&mut self) {
        let p = &mut self.publishing;
        if !(p.open || p.browse.open) || !p.password.is_empty() {
            return;
        }
        let (site, user) = (p.url.trim(), p.user.trim());
        if site.is_empty() || user.is_empty() {
            return;
        }
        let account = passwords::account(site, user);
        if p.asked.as_ref() != Some(&account) {
            p.keychain.ask(site, user);
            p.asked = Some(account);
        }
    }

    /// Keeps WordPress passwords in the computer's credential store from now on (the real
    /// window; tests and `Startup::default()` hold them for the run only).
    pub fn use_system_keychain(&mut self) {
        self.publishing.keychain =
            Keychain::with(Arc::new(passwords::SystemVault), self.waker.as_fn());
    }

    /// The site took the password in the panel: it is kept in the credential store.
    pub(in crate::app) fn password_accepted(&mut self) {
        let p = &mut self.publishing;
        p.keychain.keep(p.url.trim(), p.user.trim(), &p.password);
    }

    /// The password field's Forget: out of the field and out of the credential store.
    pub fn forget_password(&mut self) {
        let p = &mut self.publishing;
        p.keychain.forget(p.url.trim(), p.user.trim());
        p.password.clear();
        p.asked = None;
        self.info = Some("The password is forgotten, on this computer too.".into());
    }

    /// Once a frame: takes the publish's steps and its end.
    pub fn poll_publishing(&mut self) {
        self.ask_keychain();
        for (account, password) in self.publishing.keychain.poll() {
            let p = &mut self.publishing;
            if p.password.is_empty() && account == passwords::account(&p.url, &p.user) {
                p.password = password;
            }
        }
        let Some(rx) = &self.publishing.job else {
            return;
        };
        let mut done = None;
        while let Ok(m) = rx.try_recv() {
            match m {
                Message::Step(s) => self.publishing.steps.push(s),
                Message::Done(r) => done = Some(r),
            }
        }
        if let Some(result) = done {
            self.publishing.job = None;
            self.published(result);
        }
    }

    fn published(&mut self, result: Result<Outcome, WpError>) {
        match result {
            Ok(Outcome::Published { link, .. })
                if self.story.generation() != self.publishing.for_story =>
            {
                // Another story is in the window now: the post is not recorded in it.
                self.info = Some(format!(
                    "Published post {} ({}), but its story was closed meanwhile: open the post \
                     with File > Open from WordPress to go on with it.",
                    link.post, link.link
                ));
                self.publishing.result = Some(Ok(link.link.clone()));
            }
            Ok(Outcome::Published { link, status, .. }) => {
                let address = link.link.clone();
                let post = link.post;
                self.story.break_undo_group();
                self.story.apply(Edit::SetPostLink(Some(link)));
                self.story.break_undo_group();
                // Said as the post now stands, not "published" for a draft.
                let how = match status {
                    PostStatus::Draft => "Saved as a draft on the site",
                    PostStatus::Pending => "Sent for review on the site",
                    PostStatus::Future => "Scheduled on the site",
                    PostStatus::Publish => "Published live",
                };
                let saved = self.story.path().is_some() && {
                    // recorded in the story's history as the publish
                    self.story
                        .next_save_is(copydesk_core::versions::Kind::Publish);
                    self.save()
                };
                self.info = Some(format!(
                    "{how} (post {post}): {address}{}",
                    if saved {
                        ""
                    } else {
                        " — save the story to keep the link to its post"
                    }
                ));
                self.publishing.result = Some(Ok(address));
                self.publishing.done_as = Some(status);
                self.password_accepted();
            }
            Ok(Outcome::Conflict {
                theirs,
                theirs_modified,
                recorded,
            }) => {
                self.publishing.conflict = Some(Conflict {
                    theirs,
                    theirs_modified,
                    recorded,
                });
            }
            Err(e) => self.publishing.result = Some(Err(format!("Not published: {e}."))),
        }
    }

    /// The conflict's Take Theirs: the site's version replaces the story (one undo step),
    /// still linked to its post as the site has it now.
    pub fn take_theirs_from_site(&mut self) {
        let Some(conflict) = self.publishing.conflict.take() else {
            return;
        };
        let mut theirs = *conflict.theirs;
        post::carry_over(self.story.article(), &mut theirs, &conflict.theirs_modified);
        self.story.break_undo_group();
        self.story.apply(Edit::Replace(Box::new(theirs)));
        self.story.break_undo_group();
        self.say_until_change("Took the site's version. Undo brings yours back.".into());
        self.publishing.open = false;
    }

    /// Opens the Open from WordPress list, on the site used last.
    pub fn open_browsing(&mut self) {
        if self.publishing.url.is_empty()
            && let Some(site) = self.settings.sites.first()
        {
            self.publishing.url = site.url.clone();
            self.publishing.user = site.user.clone();
        }
        if self.publishing.password.is_empty()
            && let Ok(pw) = std::env::var(PASSWORD_VARIABLE)
        {
            self.publishing.password = pw;
        }
        self.publishing.browse.open = true;
        self.publishing.browse.error = None;
    }

    fn credentials(&self) -> Credentials {
        let p = &self.publishing;
        Credentials {
            site: p.url.trim().to_owned(),
            user: p.user.trim().to_owned(),
            password: p.password.clone(),
        }
    }

    /// Lists the site's posts (in the background).
    pub fn list_posts(&mut self) {
        let credentials = self.credentials();
        let search = self.publishing.browse.search.clone();
        let status = self.publishing.browse.status;
        self.fetch("Listing the posts…", move || {
            Fetched::List(
                Client::connect(&credentials)
                    .and_then(|c| publish::recent_posts(&c, &search, status)),
            )
        });
    }

    /// Reads post `id` as a story (in the background); it replaces the editor's story once
    /// read — the Unsaved prompt was answered before (see [`super::state::Intent::OpenPost`]).
    pub(in crate::app) fn open_post(&mut self, id: u64) {
        let credentials = self.credentials();
        let zone = self
            .story
            .article()
            .published
            .as_ref()
            .map_or(chrono_tz::UTC, |p| p.zone);
        self.fetch("Opening the post…", move || {
            Fetched::Post(
                Client::connect(&credentials)
                    .and_then(|c| publish::pull(&c, id, zone))
                    .map(Box::new),
            )
        });
    }

    fn fetch(&mut self, what: &'static str, work: impl FnOnce() -> Fetched + Send + 'static) {
        if self.publishing.browse.job.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let wake = self.waker.as_fn();
        let spawned = std::thread::Builder::new()
            .name("copydesk-wordpress".into())
            .spawn(move || {
                let _ = tx.send(work());
                wake();
            });
        let b = &mut self.publishing.browse;
        b.error = None;
        match spawned {
            Ok(_) => {
                b.job = Some(rx);
                b.busy = Some(what);
            }
            Err(e) => b.error = Some(format!("Could not reach the site: {e}.")),
        }
    }

    /// Puts a post read from the site in the editor, linked to its post: not in any file
    /// yet, so closing it asks and the journal keeps it.
    pub(in crate::app) fn open_post_story(&mut self, article: Article) {
        let post = article.wordpress.as_ref().map_or(0, |l| l.post);
        self.replace(article, None);
        self.story.mark_unsaved();
        self.info = Some(format!(
            "Opened post {post} from {}. Save it to keep a copy; Publish updates the post.",
            self.publishing.url.trim()
        ));
    }

    /// The site, user and password typed in the publishing panels, when all three are.
    pub fn site_credentials(&self) -> Option<Credentials> {
        let c = self.credentials();
        (!c.site.is_empty() && !c.user.is_empty() && !c.password.is_empty()).then_some(c)
    }

    /// Once a frame: takes what the site sent for the list.
    pub fn poll_browsing(&mut self) {
        let Some(rx) = &self.publishing.browse.job else {
            return;
        };
        let Ok(fetched) = rx.try_recv() else {
            return;
        };
        let b = &mut self.publishing.browse;
        b.job = None;
        b.busy = None;
        match fetched {
            Fetched::List(Ok(posts)) => {
                b.posts = posts;
                self.password_accepted();
            }
            Fetched::List(Err(e)) | Fetched::Post(Err(e)) => b.error = Some(format!("{e}.")),
            Fetched::Post(Ok(article)) => {
                b.open = false;
                let post = article.wordpress.as_ref().map_or(0, |l| l.post);
                self.replace(*article, None);
                // Not in any file yet: closing asks, and the journal keeps it.
                self.story.mark_unsaved();
                self.info = Some(format!(
                    "Opened post {post} from {}. Save it to keep a copy; Publish updates the post.",
                    self.publishing.url.trim()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::test_state;
    use copydesk_core::article::PostLink;
    use copydesk_core::field::TextField;

    fn published(post: u64) -> Result<Outcome, WpError> {
        Ok(Outcome::Published {
            link: Box::new(PostLink::new(
                "http://127.0.0.1/wp",
                post,
                "http://127.0.0.1/wp/?p=1",
                "2026-01-01T00:00:00",
            )),
            created: true,
            status: PostStatus::Draft,
        })
    }

    #[test]
    fn a_post_is_recorded_as_one_undo_step() {
        let mut s = test_state(vec![]);
        s.story
            .apply(Edit::SetText(TextField::Headline, "A story".into()));
        s.publishing.for_story = s.story.generation();
        s.published(published(7));
        assert_eq!(
            s.story.article().wordpress.as_ref().map(|l| l.post),
            Some(7)
        );
        assert!(
            s.info
                .as_deref()
                .unwrap_or("")
                .starts_with("Saved as a draft on the site (post 7)")
        );
        s.story.undo();
        assert!(
            s.story.article().wordpress.is_none(),
            "undo forgets the link"
        );
    }

    #[test]
    fn a_post_written_after_its_story_was_closed_is_not_recorded_in_another() {
        let mut s = test_state(vec![]);
        s.publishing.for_story = s.story.generation();
        s.replace(Article::new(), None);
        s.published(published(8));
        assert!(s.story.article().wordpress.is_none());
        assert!(s.info.as_deref().unwrap_or("").contains("closed meanwhile"));
    }

    #[test]
    fn errors_in_the_checks_stop_a_publish_before_anything_is_sent() {
        let mut s = test_state(vec![]);
        // a blank story: no headline is an error
        s.publishing.url = "http://127.0.0.1:9/".into();
        s.start_publishing(false);
        assert!(!s.publishing.running(), "nothing was started");
        let why = s.publishing.result.clone().unwrap().unwrap_err();
        assert!(why.starts_with("Not published:"), "{why}");
    }

    #[test]
    fn the_password_is_never_in_the_settings_or_the_debug_output() {
        let mut s = test_state(vec![]);
        s.replace(AppState::sample_article(), None);
        s.publishing.password = "secret words 99".into();
        // nothing listens on the discard port: the publish fails at once, harmlessly
        s.publishing.url = "http://127.0.0.1:9/".into();
        s.publishing.user = "editor".into();
        s.start_publishing(false);
        assert!(s.publishing.running(), "{:?}", s.publishing.result);
        let settings = serde_json::to_string(&s.settings).unwrap();
        assert!(
            settings.contains("127.0.0.1:9"),
            "the site is remembered: {settings}"
        );
        assert!(!settings.contains("secret words"));
        assert!(!format!("{:?}", s.publishing).contains("secret words"));
    }
}
