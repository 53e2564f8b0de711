//! The desk over a WordPress site: the site's posts as rows, reviewed in place and updated on
//! the site with the same conflict check as File → Publish. The site's database is the shared
//! store, so any number of Copydesk windows on any number of machines work on one desk.
//!
//! **Reading.** A thread of its own lists the posts ([`copydesk_wordpress::site::posts`]:
//! seven requests whatever their number) when the desk opens, every [`POLL`] after, and when
//! the window gets the focus back; each post comes as a row (checked like a story file) and
//! the story it was read as, which the review starts from. A row's stamp holds a fingerprint
//! of the post as the site sent it, so a change made on the site shows at the next listing.
//!
//! **Updating.** The review's Save sends the story to its post on another thread (the window
//! keeps painting). The post is read first: when someone changed it on the site since the
//! review read it, nothing is written and the desk asks — Overwrite theirs, or Take theirs
//! (an edit Undo takes back). A status set on many posts goes the same way, post by post.
//!
//! The password is held in memory for the run only (the publish panel's), never written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, SystemTime};

use chrono::Utc;
use copydesk_core::article::{Article, Status};
use copydesk_core::desk::{self, Row};
use copydesk_core::document::HouseStyle;
use copydesk_core::edit::Edit;
use copydesk_core::format::DiskStamp;
use copydesk_wordpress::publish::{self, Options, Outcome};
use copydesk_wordpress::site::{self, SitePost};
use copydesk_wordpress::{Client, Credentials, WpError, post};

use super::Desk;
use super::bulk::{Done, Job, Outcome as BulkOutcome};
use super::loader::{FromLoader, Loader, ToLoader};
use super::review::{DeskPrompt, Then};
use crate::app::story::{Kit, Story};

/// The site is listed again this often, for changes made on it by others.
pub const POLL: Duration = Duration::from_secs(30);

/// The name of post `id` of `site` in the desk: the key of its row (`<site>/post 12`).
pub fn post_key(site: &str, id: u64) -> PathBuf {
    PathBuf::from(site.trim().trim_end_matches('/')).join(format!("post {id}"))
}

/// The post a row key names, when it names one.
pub fn post_of(key: &Path) -> Option<u64> {
    key.file_name()?
        .to_str()?
        .strip_prefix("post ")?
        .parse()
        .ok()
}

/// What the desk holds of the site it lists.
pub struct Site {
    /// The site, the user and the application password (for this run only).
    pub credentials: Credentials,
    /// Each listed post as the story it was read as, by row key: where the review starts, and
    /// what Discard Changes goes back to.
    listed: HashMap<PathBuf, Article>,
    /// The fingerprint of the post under review as last read or written.
    reviewed: Option<String>,
    /// The review's update under way.
    update: Option<Update>,
    /// The post changed on the site since the review read it, as the site has it now.
    conflict: Option<(Box<Article>, String)>,
    /// Whether the window was told the site accepted the password.
    accepted: bool,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Site")
            .field("credentials", &self.credentials)
            .field("listed", &self.listed.len())
            .finish_non_exhaustive()
    }
}

/// The review's update under way.
struct Update {
    /// The post's row.
    key: PathBuf,
    /// The review's session and revision when it was sent.
    generation: u64,
    revision: u64,
    /// What to do once it is on the site (the Unsaved question's Save).
    then: Option<Then>,
    result: Receiver<Result<Outcome, WpError>>,
}

impl Site {
    /// The story post `key` was listed (or last updated) as.
    pub fn listed(&self, key: &Path) -> Option<&Article> {
        self.listed.get(key)
    }

    /// When the post changed on the site meanwhile (GMT) and its headline there, while the
    /// Overwrite question is open.
    pub fn conflict(&self) -> Option<(&str, &str)> {
        self.conflict
            .as_ref()
            .map(|(theirs, when)| (when.as_str(), theirs.headline.as_str()))
    }

    /// Whether an update of the review is under way.
    pub fn updating(&self) -> bool {
        self.update.is_some()
    }
}

/// The row of a post read from the site.
fn row_of(folder: &Path, key: &Path, article: &Article, stamp: DiskStamp) -> Row {
    Row::of_article(folder, key, article, stamp)
}

/// A post's stamp: its content's size, its modification time, its fingerprint.
fn stamp_of(post: &SitePost) -> DiskStamp {
    DiskStamp {
        len: post.len,
        modified: post.modified.map(SystemTime::from),
        sha256: post.fingerprint.clone(),
    }
}

/// Starts the thread that lists the site's posts; `wake` is called whenever it sent some.
fn start_loader(
    credentials: Credentials,
    folder: PathBuf,
    wake: Arc<dyn Fn() + Send + Sync>,
) -> Loader {
    let (to, inbox) = mpsc::channel();
    let (out, from) = mpsc::channel();
    let send = move |m: FromLoader| {
        let _ = out.send(m);
        wake();
    };
    let spawned = std::thread::Builder::new()
        .name("copydesk-site".into())
        .spawn(move || {
            let mut known: HashMap<PathBuf, String> = HashMap::new();
            let mut client = None;
            loop {
                let listed = match &client {
                    Some(c) => Ok(c),
                    None => Client::connect(&credentials).map(|c| &*client.insert(c)),
                }
                .and_then(|c| site::posts(c, chrono_tz::UTC));
                match listed {
                    Ok(site::Listing { posts, truncated }) => {
                        send(FromLoader::Scanned {
                            found: posts.len(),
                            unreadable: Vec::new(),
                            truncated,
                        });
                        let mut now: HashMap<PathBuf, String> = HashMap::new();
                        let mut changed = Vec::new();
                        for p in posts {
                            let key = post_key(&credentials.site, p.id);
                            now.insert(key.clone(), p.fingerprint.clone());
                            if known.get(&key) != Some(&p.fingerprint) {
                                let mut row = row_of(&folder, &key, &p.article, stamp_of(&p));
                                // A post with no byline in its text: its WordPress author,
                                // on the row only (the story is not changed).
                                if let Ok(s) = &mut row.story
                                    && s.byline.is_empty()
                                    && !p.author.is_empty()
                                {
                                    s.byline = vec![p.author.clone()];
                                }
                                changed.push((row, Box::new(p.article)));
                            }
                        }
                        let gone: Vec<PathBuf> = known
                            .keys()
                            .filter(|k| !now.contains_key(*k))
                            .cloned()
                            .collect();
                        if !gone.is_empty() {
                            send(FromLoader::Gone(gone));
                        }
                        if !changed.is_empty() {
                            send(FromLoader::Posts(changed));
                        }
                        send(FromLoader::Complete);
                        known = now;
                    }
                    Err(e) => {
                        // A wrong password stays wrong: the next try needs a new client.
                        client = None;
                        send(FromLoader::Failed(format!("{e}")));
                    }
                }
                match inbox.recv_timeout(POLL) {
                    Ok(ToLoader::Stop) | Err(RecvTimeoutError::Disconnected) => return,
                    Ok(_) | Err(RecvTimeoutError::Timeout) => {}
                }
            }
        });
    if let Err(e) = spawned {
        let (out, from) = mpsc::channel();
        let _ = out.send(FromLoader::Failed(format!(
            "the desk could not start reading the site ({e}); close other programs and open it again"
        )));
        return Loader { to, from };
    }
    Loader { to, from }
}

impl Desk {
    /// Opens the desk over the site of `credentials`: its posts arrive from a background
    /// thread, shown first filtered to those pending review (the editor on duty's list).
    pub fn open_site(credentials: Credentials, kit: Kit) -> Desk {
        let folder = PathBuf::from(credentials.site.trim().trim_end_matches('/'));
        let loader = start_loader(credentials.clone(), folder.clone(), kit.waker.as_fn());
        let mut desk = Desk::with_loader(folder, loader, None, kit);
        desk.filter.statuses = vec![Status::InReview];
        desk.site = Some(Site {
            credentials,
            listed: HashMap::new(),
            reviewed: None,
            update: None,
            conflict: None,
            accepted: false,
        });
        desk
    }

    /// The site's credentials, once, when the site first listed its posts: the password
    /// worked, and may be kept in the computer's credential store.
    pub fn take_accepted(&mut self) -> Option<Credentials> {
        let listed = self.progress.complete.is_some() && self.progress.error.is_none();
        let site = self.site.as_mut().filter(|s| listed && !s.accepted)?;
        site.accepted = true;
        Some(site.credentials.clone())
    }

    /// The site the desk lists, when it lists one (else a folder).
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// Takes posts from the site's thread: their rows, and the stories they were read as.
    pub(super) fn take_posts(&mut self, posts: Vec<(Row, Box<Article>)>) {
        let Some(site) = self.site.as_mut() else {
            return;
        };
        let mut rows = Vec::with_capacity(posts.len());
        for (row, article) in posts {
            // A listing read before this desk updated the post or took the site's version
            // can land after it: the post as it was then. Taken, it would put an older
            // version in place of the one just kept (the review, clean, would take it as a
            // change on the site). It is let go; the next listing reads the post again.
            if site
                .listed
                .get(&row.path)
                .is_some_and(|held| older_than(&article, held))
            {
                continue;
            }
            site.listed.insert(row.path.clone(), *article);
            rows.push(row);
        }
        self.take_rows(rows);
    }

    /// Starts the review of the post `key` from the story it was listed as.
    pub(super) fn load_post_review(&mut self, key: &Path) {
        self.review_error = None;
        let fingerprint = self.row(key).map(|r| r.stamp.sha256.clone());
        let Some(site) = self.site.as_mut() else {
            return;
        };
        let Some(article) = site.listed.get(key).cloned() else {
            self.review = None;
            self.review_error = Some(format!(
                "{} is no longer listed on the site.",
                desk::relative_name(&self.folder, key)
            ));
            return;
        };
        site.reviewed = fingerprint;
        match self.review.as_mut() {
            Some(r) => r.replace(article, None, None),
            None => {
                let (story, error) = Story::start(article, None, None, &self.kit);
                if error.is_some() {
                    self.info = error;
                }
                self.review = Some(story);
            }
        }
        self.review_key = Some(key.to_path_buf());
    }

    /// The post under review was listed again with `fingerprint`: changed on the site by
    /// someone (or by this review's own update). A review without unsaved changes takes the
    /// site's version (Undo goes back); with them, the status bar says Save will ask.
    pub(super) fn post_changed_on_site(&mut self, fingerprint: &str) {
        let (Some(site), Some(key)) = (self.site.as_mut(), self.review_key.clone()) else {
            return;
        };
        if site.reviewed.as_deref() == Some(fingerprint) || site.update.is_some() {
            return;
        }
        site.reviewed = Some(fingerprint.to_owned());
        let (Some(r), Some(theirs)) = (self.review.as_mut(), site.listed.get(&key)) else {
            return;
        };
        let version = |a: &Article| {
            a.wordpress
                .as_ref()
                .map(|l| (l.modified_gmt.clone(), l.content_sha256.clone()))
        };
        if version(theirs) == version(r.article()) {
            // The review's own update, read back.
            return;
        }
        let name = desk::relative_name(&self.folder, &key);
        if r.is_dirty() {
            self.info = Some(format!(
                "{name} was changed on the site meanwhile; Save will ask before overwriting it."
            ));
        } else {
            r.take_as_saved(theirs.clone());
            self.info = Some(format!(
                "{name} was changed on the site; the review shows it now (Undo goes back)."
            ));
        }
    }

    /// Sends the review to its post on the site, on another thread (`force`: over a change
    /// made on the site meanwhile); `then` is carried out once it is there.
    pub(super) fn update_post(&mut self, force: bool, then: Option<Then>) {
        let (Some(site), Some(key), Some(r)) = (
            self.site.as_mut(),
            self.review_key.clone(),
            self.review.as_ref(),
        ) else {
            return;
        };
        if site.update.is_some() {
            return;
        }
        let credentials = site.credentials.clone();
        let article = r.article().clone();
        let options = Options {
            status: None,
            force,
            base: None,
            style: self.kit.style.clone(),
            cancel: None,
        };
        let (tx, rx) = mpsc::channel();
        let wake = self.kit.waker.as_fn();
        let spawned = std::thread::Builder::new()
            .name("copydesk-update".into())
            .spawn(move || {
                let result = Client::connect(&credentials).and_then(|c| {
                    publish::publish(&c, &article, &options, Utc::now(), &mut |_| {})
                });
                let _ = tx.send(result);
                wake();
            });
        let name = desk::relative_name(&self.folder, &key);
        match spawned {
            Ok(_) => {
                site.update = Some(Update {
                    key,
                    generation: r.generation(),
                    revision: r.revision(),
                    then,
                    result: rx,
                });
                self.info = Some(format!("Updating {name} on the site…"));
            }
            Err(e) => {
                self.info = Some(format!(
                    "Could not update {name} ({e}). Your changes are still in the review, unsaved."
                ));
            }
        }
    }

    /// Once a frame: what came of the review's update.
    pub(super) fn poll_update(&mut self) -> bool {
        let Some(site) = self.site.as_mut() else {
            return false;
        };
        let Some(Ok(result)) = site.update.as_ref().map(|u| u.result.try_recv()) else {
            if let Some(Err(mpsc::TryRecvError::Disconnected)) =
                site.update.as_ref().map(|u| u.result.try_recv())
            {
                site.update = None;
            }
            return false;
        };
        let Some(update) = site.update.take() else {
            return false;
        };
        let name = desk::relative_name(&self.folder, &update.key);
        let same_review = self.review_key.as_deref() == Some(update.key.as_path())
            && self
                .review
                .as_ref()
                .is_some_and(|r| r.generation() == update.generation);
        match result {
            Ok(Outcome::Published { link, .. }) => {
                let address = link.link.clone();
                if same_review && let Some(r) = self.review.as_mut() {
                    let unchanged = r.revision() == update.revision;
                    r.break_undo_group();
                    r.apply(Edit::SetPostLink(Some(link)));
                    r.break_undo_group();
                    if unchanged {
                        r.mark_saved();
                    }
                    let article = r.article().clone();
                    site.listed.insert(update.key.clone(), article.clone());
                    let stamp = self
                        .row(&update.key)
                        .map(|row| row.stamp.clone())
                        .unwrap_or_else(|| DiskStamp::of(b"", None));
                    let row = row_of(&self.folder, &update.key, &article, stamp);
                    self.take_rows(vec![row]);
                }
                self.info = Some(format!("Updated {name} on the site: {address}"));
                self.loader.rescan();
                if let Some(then) = update.then {
                    self.ready = self.carry_out(then);
                }
            }
            Ok(Outcome::Conflict {
                theirs,
                theirs_modified,
                ..
            }) => {
                self.info = Some(format!(
                    "Nothing was sent: {name} was changed on the site at {} GMT.",
                    theirs_modified.replace('T', " ")
                ));
                site.conflict = Some((theirs, theirs_modified));
                if same_review {
                    self.prompt = Some(DeskPrompt::Overwrite);
                }
            }
            Err(e) => {
                self.info = Some(format!(
                    "Could not update {name} on the site: {e}. Your changes are still in the review, unsaved."
                ));
            }
        }
        true
    }

    /// The Overwrite question's Take Theirs on a site: the post as the site has it now
    /// replaces the review (Undo brings the review's version back).
    pub(super) fn take_theirs_from_site(&mut self) {
        let Some(site) = self.site.as_mut() else {
            return;
        };
        let Some((theirs, modified)) = site.conflict.take() else {
            return;
        };
        let Some(r) = self.review.as_mut() else {
            return;
        };
        let mut theirs = *theirs;
        post::carry_over(r.article(), &mut theirs, &modified);
        r.take_as_saved(theirs.clone());
        if let Some(key) = &self.review_key {
            site.listed.insert(key.clone(), theirs);
        }
        self.info = Some("Took the site's version. Undo brings yours back.".into());
        self.loader.rescan();
    }

    /// Discard Changes on a site: back to the post as it was listed (an edit Undo takes back).
    pub(super) fn revert_post(&mut self) {
        let (Some(site), Some(key)) = (self.site.as_ref(), self.review_key.as_ref()) else {
            return;
        };
        if let (Some(r), Some(listed)) = (self.review.as_mut(), site.listed.get(key)) {
            r.take_as_saved(listed.clone());
        }
    }

    /// A status set on many posts: each is sent to the site in turn, never over a change
    /// made there since it was listed.
    pub(super) fn post_status_work(
        &self,
        status: Status,
    ) -> Option<Box<dyn FnMut(Job) -> BulkOutcome + Send>> {
        let site = self.site.as_ref()?;
        let credentials = site.credentials.clone();
        let listed = site.listed.clone();
        let folder = self.folder.clone();
        let style = self.kit.style.clone();
        let mut client: Option<Result<Client, String>> = None;
        Some(Box::new(move |job: Job| {
            let client = client
                .get_or_insert_with(|| Client::connect(&credentials).map_err(|e| e.to_string()));
            let result = match client {
                Ok(c) => set_post_status(c, &folder, listed.get(&job.path), &job, status, &style),
                Err(e) => Err(e.clone()),
            };
            BulkOutcome::of(job, result)
        }))
    }
}

/// Sets `status` on the post listed as `listed`, unless someone changed it on the site since.
fn set_post_status(
    client: &Client,
    folder: &Path,
    listed: Option<&Article>,
    job: &Job,
    status: Status,
    style: &HouseStyle,
) -> Result<(Done, Option<Row>), String> {
    let Some(listed) = listed else {
        return Err("it is no longer listed on the site".into());
    };
    if listed.status == status {
        return Ok((Done::Already, None));
    }
    let mut article = listed.clone();
    Edit::SetStatus(status)
        .apply(&mut article)
        .map_err(|e| format!("the status could not be set ({e})"))?;
    let options = Options {
        status: None,
        force: false,
        base: None,
        style: style.clone(),
        cancel: None,
    };
    match publish::publish(client, &article, &options, Utc::now(), &mut |_| {}) {
        Ok(Outcome::Published { link, .. }) => {
            article.wordpress = Some(*link);
            let row = row_of(folder, &job.path, &article, DiskStamp::of(b"", None));
            let errors = row.counts().0;
            Ok((Done::Saved { errors }, Some(row)))
        }
        Ok(Outcome::Conflict { .. }) => Err(
            "someone changed it on the site since the desk listed it; look at it again, then set its status again"
                .into(),
        ),
        Err(e) => Err(e.to_string()),
    }
}

/// Whether `listed` is an older version of the post `held` is (by the site's `modified_gmt`,
/// which WordPress moves forward at every change, a restored revision included; its ISO
/// form sorts as time does). Versions of the same second are not told apart here.
fn older_than(listed: &Article, held: &Article) -> bool {
    match (&listed.wordpress, &held.wordpress) {
        (Some(a), Some(b)) => a.modified_gmt < b.modified_gmt,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A listing read before the desk's own update (or Take Theirs) is older than the post
    /// held, and let go; the same second or a later one is not.
    #[test]
    fn a_listing_older_than_the_post_held_is_stale() {
        let at = |modified: &str| Article {
            wordpress: Some(copydesk_core::article::PostLink {
                site: "https://news.example.org".into(),
                post: 7,
                link: String::new(),
                modified_gmt: modified.into(),
                content_sha256: String::new(),
                media: None,
                extra: Default::default(),
            }),
            ..Article::default()
        };
        let held = at("2026-12-06T04:40:12");
        assert!(older_than(&at("2026-12-06T04:40:11"), &held));
        assert!(older_than(&at("2026-12-05T23:59:59"), &held));
        assert!(!older_than(&at("2026-12-06T04:40:12"), &held));
        assert!(!older_than(&at("2026-12-06T04:41:00"), &held));
        assert!(!older_than(&Article::default(), &held), "a post not linked");
        assert!(!older_than(&held, &Article::default()));
    }
}
