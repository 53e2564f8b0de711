//! Publishing a story and pulling a post, step by step, never over a colleague's edit.
//!
//! A story that has a post ([`Article::wordpress`]) updates it; before writing, the post is
//! read with `context=edit`, and when its `modified_gmt` is not the one recorded someone
//! changed it on the site since: nothing is written and the caller gets their version as a
//! story ([`Outcome::Conflict`]) to compare, unless `force` was given. The picture is uploaded
//! once (its bytes' SHA-256 is recorded) and terms are found by name before any is made, so a
//! publish that failed half way is simply run again: no second picture, post or term.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use copydesk_core::article::{Article, Image, MediaLink, PostLink};
use copydesk_core::document::HouseStyle;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::client::{Client, existing_term};
use crate::error::WpError;
use crate::post::{self, PostStatus, Refs, TermNames};

/// How to publish.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What the post becomes; `None` takes what the story proposes
    /// ([`PostStatus::proposed`]).
    pub status: Option<PostStatus>,
    /// Write over the post even when someone changed it on the site since (the user chose
    /// "Overwrite", or `--force`); a post deleted on the site is made again.
    pub force: bool,
    /// The folder relative picture paths start from (the story file's).
    pub base: Option<PathBuf>,
    /// How dates are written in the post's content.
    pub style: HouseStyle,
    /// Set (from another thread) to stop before the next step: nothing more is sent, and the
    /// publish ends with [`WpError::Cancelled`]. A request under way finishes first.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Options {
    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// Announces `step`, unless the publish was cancelled.
fn begin(options: &Options, progress: &mut dyn FnMut(Step), step: Step) -> Result<(), WpError> {
    if options.cancelled() {
        return Err(WpError::Cancelled);
    }
    progress(step);
    Ok(())
}

/// A step of a publish, for the window's progress list.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Reading the post as it is on the site.
    Checking,
    /// Uploading the picture.
    Picture,
    /// Finding or making the category and tags.
    Terms,
    /// Writing the post.
    Post,
}

/// What a publish came to.
#[derive(Debug)]
pub enum Outcome {
    /// The post is written; the story should record `link`.
    Published {
        /// The post, as the story records it.
        link: Box<PostLink>,
        /// Whether a new post was made (else the story's post was updated).
        created: bool,
        /// What the post became.
        status: PostStatus,
    },
    /// Someone changed the post on the site since the story last wrote or read it: nothing
    /// was written.
    Conflict {
        /// Their version, read as a story.
        theirs: Box<Article>,
        /// The post's `modified_gmt` on the site now.
        theirs_modified: String,
        /// The `modified_gmt` the story recorded.
        recorded: String,
    },
}

/// Publishes `article` through `client`; `progress` hears each step as it starts.
pub fn publish(
    client: &Client,
    article: &Article,
    options: &Options,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(Step),
) -> Result<Outcome, WpError> {
    let linked = article
        .wordpress
        .as_ref()
        .filter(|l| same_site(&l.site, client.site()));
    let mut existing = None;
    if let Some(link) = linked {
        begin(options, progress, Step::Checking)?;
        match read_post(client, link.post) {
            Ok(post) => {
                let theirs_modified = text_of(&post, "modified_gmt");
                // Within one second `modified_gmt` cannot tell two changes apart; the
                // content's fingerprint can.
                let changed = theirs_modified != link.modified_gmt
                    || (!link.content_sha256.is_empty()
                        && content_sha256(&post) != link.content_sha256);
                if changed && !options.force {
                    let zone = article
                        .published
                        .as_ref()
                        .map_or(chrono_tz::UTC, |p| p.zone);
                    let mut theirs = pull_post(client, &post, zone)?;
                    // Linked to the post as the site has it now: taking theirs, then
                    // publishing, is not taken for another conflict.
                    link_to_post(client.site(), &post, &mut theirs);
                    return Ok(Outcome::Conflict {
                        theirs: Box::new(theirs),
                        theirs_modified,
                        recorded: link.modified_gmt.clone(),
                    });
                }
                existing = Some(link.post);
            }
            Err(WpError::PostGone(_)) if options.force => existing = None,
            Err(e) => return Err(e),
        }
    }

    let mut refs = Refs::default();
    let mut media_link = linked.and_then(|l| l.media.clone());
    match article.image.as_ref() {
        Some(image) if is_local(&image.source) => {
            begin(options, progress, Step::Picture)?;
            let uploaded =
                upload_picture(client, image, options.base.as_deref(), media_link.as_ref())?;
            refs.media = Some(uploaded.id);
            media_link = Some(uploaded);
        }
        // The post's own picture, on the site already (a pulled post): kept featured, its
        // alt text and caption brought up to date.
        Some(image)
            if media_link
                .as_ref()
                .is_some_and(|m| m.source == image.source) =>
        {
            if let Some(m) = &media_link {
                begin(options, progress, Step::Picture)?;
                describe_picture(client, m.id, image)?;
                refs.media = Some(m.id);
            }
        }
        _ => media_link = None,
    }
    if status_scheduled_in_past(article, options, now) {
        return Err(WpError::NotScheduled);
    }

    begin(options, progress, Step::Terms)?;
    if !article.section.trim().is_empty() {
        refs.category = Some(term(client, "categories", article.section.trim())?);
    }
    for tag in article
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        let id = term(client, "tags", tag)?;
        if !refs.tags.contains(&id) {
            refs.tags.push(id);
        }
    }

    begin(options, progress, Step::Post)?;
    let (proposed, at) = PostStatus::proposed(article, now);
    let status = options.status.unwrap_or(proposed);
    let scheduled = match status {
        PostStatus::Future => at.or_else(|| article.published.as_ref().map(|p| p.to_utc())),
        _ => None,
    };
    let fields = post::fields(article, &options.style, &refs, status, scheduled);
    let (reply, created) = match existing {
        Some(id) => (
            client.post_json(&format!("wp/v2/posts/{id}"), &fields)?,
            false,
        ),
        None => (client.post_json("wp/v2/posts", &fields)?, true),
    };
    let json = reply.json;
    let id = json.get("id").and_then(Value::as_u64).ok_or_else(|| {
        WpError::Other(
            client.site().to_owned(),
            "the site did not say which post it wrote".into(),
        )
    })?;
    let mut link = PostLink::new(
        client.site(),
        id,
        &text_of(&json, "link"),
        &text_of(&json, "modified_gmt"),
    );
    link.content_sha256 = content_sha256(&json);
    link.media = media_link;
    let status = PostStatus::parse(&text_of(&json, "status")).unwrap_or(status);
    Ok(Outcome::Published {
        link: Box::new(link),
        created,
        status,
    })
}

/// A SHA-256 of what an editor can change in `post` (read or written with `context=edit`):
/// title, content, excerpt, slug, status, date, categories, tags and featured picture, in
/// lowercase hex. What WordPress changes by itself (`modified_gmt`, rendered HTML, links) is
/// left out, so the same post read twice gives the same fingerprint.
pub fn content_sha256(post: &Value) -> String {
    let mut hash = Sha256::new();
    for key in ["title", "content", "excerpt"] {
        hash.update(text_of(post, key).as_bytes());
        hash.update([0]);
    }
    for key in ["slug", "status", "date_gmt"] {
        hash.update(text_of(post, key).as_bytes());
        hash.update([0]);
    }
    for key in ["categories", "tags", "featured_media"] {
        let value = post.get(key).map(Value::to_string).unwrap_or_default();
        hash.update(value.as_bytes());
        hash.update([0]);
    }
    format!("{:x}", hash.finalize())
}

/// Reads post `id` with `context=edit`.
pub fn read_post(client: &Client, id: u64) -> Result<Value, WpError> {
    match client.get(&format!("wp/v2/posts/{id}"), &[("context", "edit")]) {
        Ok(reply) if text_of(&reply.json, "status") == "trash" => Err(WpError::PostGone(id)),
        Ok(reply) => Ok(reply.json),
        Err(WpError::Refused(404 | 410, _)) => Err(WpError::PostGone(id)),
        Err(e) => Err(e),
    }
}

/// Post `id` as a story, linked to it so the next Publish updates it; dates in `zone`.
pub fn pull(client: &Client, id: u64, zone: Tz) -> Result<Article, WpError> {
    let json = read_post(client, id)?;
    let mut article = pull_post(client, &json, zone)?;
    link_to_post(client.site(), &json, &mut article);
    Ok(article)
}

/// Links `article`, read from `post` (`context=edit`), to that post on `site`, so the next
/// Publish updates it.
pub(crate) fn link_to_post(site: &str, post: &Value, article: &mut Article) {
    let id = post.get("id").and_then(Value::as_u64).unwrap_or_default();
    let mut link = PostLink::new(
        site,
        id,
        &text_of(post, "link"),
        &text_of(post, "modified_gmt"),
    );
    link.content_sha256 = content_sha256(post);
    // The featured picture is on the site already: the link remembers it, so publishing
    // the story back does not upload it again.
    if let (Some(media), Some(image)) = (featured(post), article.image.as_ref()) {
        link.media = Some(MediaLink {
            id: media,
            source: image.source.clone(),
            sha256: String::new(),
            extra: Default::default(),
        });
    }
    article.wordpress = Some(link);
}

/// A post read with `context=edit` as a story: its terms' names and picture fetched.
fn pull_post(client: &Client, json: &Value, zone: Tz) -> Result<Article, WpError> {
    let categories = names(client, "categories", json)?;
    let tags = names(client, "tags", json)?;
    let media = match featured(json) {
        Some(id) => Some(
            client
                .get(&format!("wp/v2/media/{id}"), &[("context", "edit")])?
                .json,
        ),
        None => None,
    };
    Ok(post::article_from_post(
        json,
        &categories,
        &tags,
        media.as_ref(),
        zone,
    ))
}

pub(crate) fn featured(json: &Value) -> Option<u64> {
    json.get("featured_media")
        .and_then(Value::as_u64)
        .filter(|&id| id > 0)
}

/// The names of the post's terms of `kind` ("categories", "tags"), by id.
fn names(client: &Client, kind: &str, post: &Value) -> Result<TermNames, WpError> {
    let ids = crate::site::ids_in(std::slice::from_ref(post), kind);
    crate::site::names(client, kind, &ids)
}

/// The id of the term of `kind` named `name`: found by name (case aside), else made.
fn term(client: &Client, kind: &str, name: &str) -> Result<u64, WpError> {
    let reply = client.get(
        &format!("wp/v2/{kind}"),
        &[("search", name), ("per_page", "100"), ("context", "edit")],
    )?;
    let found = reply.json.as_array().and_then(|terms| {
        terms.iter().find_map(|t| {
            let same = t
                .get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| unescape(n).eq_ignore_ascii_case(name));
            same.then(|| t.get("id").and_then(Value::as_u64)).flatten()
        })
    });
    if let Some(id) = found {
        return Ok(id);
    }
    match client.post_json(&format!("wp/v2/{kind}"), &json!({ "name": name })) {
        Ok(reply) => reply.json.get("id").and_then(Value::as_u64).ok_or_else(|| {
            WpError::Other(
                client.site().to_owned(),
                format!("no id for the new {kind} {name}"),
            )
        }),
        // Made meanwhile by someone else (or named differently by the site): its id.
        Err(e) => existing_term(&e).ok_or(e),
    }
}

/// WordPress gives term names HTML-escaped (`Politics &amp; Power`).
fn unescape(name: &str) -> String {
    copydesk_core::import::html::text(name)
}

/// Uploads the story's picture unless the site has this very picture already for the story;
/// sets its alt text and caption either way.
fn upload_picture(
    client: &Client,
    image: &Image,
    base: Option<&Path>,
    known: Option<&MediaLink>,
) -> Result<MediaLink, WpError> {
    let path = match base {
        Some(b) if Path::new(&image.source).is_relative() => b.join(&image.source),
        _ => PathBuf::from(&image.source),
    };
    let bytes = std::fs::read(&path)
        .map_err(|e| WpError::Picture(path.display().to_string(), e.to_string()))?;
    let sha256 = format!("{:x}", Sha256::digest(&bytes));
    let reuse = known
        .filter(|m| m.sha256 == sha256)
        .filter(|m| client.get(&format!("wp/v2/media/{}", m.id), &[]).is_ok())
        .map(|m| m.id);
    let id = match reuse {
        Some(id) => id,
        None => {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "picture.jpg".into());
            let reply = client.post_bytes("wp/v2/media", &bytes, content_type(&name), &name)?;
            reply
                .json
                .get("id")
                .and_then(Value::as_u64)
                .ok_or_else(|| {
                    WpError::Other(
                        client.site().to_owned(),
                        "the site did not say which picture it kept".into(),
                    )
                })?
        }
    };
    describe_picture(client, id, image)?;
    Ok(MediaLink {
        id,
        source: image.source.clone(),
        sha256,
        extra: Default::default(),
    })
}

/// Sets a media item's alt text and "caption — credit".
fn describe_picture(client: &Client, id: u64, image: &Image) -> Result<(), WpError> {
    let alt = if image.decorative {
        ""
    } else {
        image.alt.as_str()
    };
    client.post_json(
        &format!("wp/v2/media/{id}"),
        &json!({ "alt_text": alt, "caption": post::media_caption(image) }),
    )?;
    Ok(())
}

/// Whether the post is to be scheduled at a moment already past: WordPress would put it live
/// at once, which nobody asking for "scheduled" means.
fn status_scheduled_in_past(article: &Article, options: &Options, now: DateTime<Utc>) -> bool {
    if options.status != Some(PostStatus::Future) {
        return false;
    }
    let (_, proposed_at) = PostStatus::proposed(article, now);
    let at = proposed_at.or_else(|| article.published.as_ref().map(|p| p.to_utc()));
    at.is_none_or(|at| at <= now)
}

fn content_type(name: &str) -> &'static str {
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        _ => "image/jpeg",
    }
}

fn is_local(source: &str) -> bool {
    let s = source.trim();
    !s.is_empty() && !s.starts_with("http://") && !s.starts_with("https://")
}

pub(crate) fn text_of(json: &Value, key: &str) -> String {
    json.get(key)
        .and_then(|v| v.get("raw").or(Some(v)))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Whether two ways of writing a site's address are the same site.
fn same_site(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        crate::client::site_url(s)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| s.trim().trim_end_matches('/').to_owned())
    };
    norm(a) == norm(b)
}

/// A post in the site's list (File → Open from WordPress…).
#[derive(Debug, Clone, PartialEq)]
pub struct PostSummary {
    /// The post's id.
    pub id: u64,
    /// Its title, as plain text.
    pub title: String,
    /// draft, pending, future, publish or private.
    pub status: String,
    /// When it was last changed (GMT).
    pub modified_gmt: String,
}

/// The most posts [`recent_posts`] lists.
pub const MOST_LISTED: usize = 50;

/// The site's posts, the last changed first: up to [`MOST_LISTED`], whose text has `search`
/// (all when empty), in `status` (a REST status word; `None` for every status a user can
/// edit).
pub fn recent_posts(
    client: &Client,
    search: &str,
    status: Option<&str>,
) -> Result<Vec<PostSummary>, WpError> {
    let statuses = status.unwrap_or("publish,future,draft,pending,private");
    let per_page = MOST_LISTED.to_string();
    let mut query = vec![
        ("context", "edit"),
        ("per_page", per_page.as_str()),
        ("orderby", "modified"),
        ("status", statuses),
    ];
    if !search.trim().is_empty() {
        query.push(("search", search.trim()));
    }
    let reply = client.get("wp/v2/posts", &query)?;
    Ok(reply
        .json
        .as_array()
        .map(|posts| {
            posts
                .iter()
                .filter_map(|p| {
                    Some(PostSummary {
                        id: p.get("id")?.as_u64()?,
                        title: copydesk_core::import::html::text(&text_of(p, "title")),
                        status: text_of(p, "status"),
                        modified_gmt: text_of(p, "modified_gmt"),
                    })
                })
                .collect()
        })
        .unwrap_or_default())
}
