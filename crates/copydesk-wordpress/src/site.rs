//! A site's posts as stories, for the desk view over a site: the site's database is the
//! desk's shared store, and any number of Copydesk windows work on it.
//!
//! One listing is seven requests whatever the number of posts: the posts pending review and the
//! others (`context=edit`, the most recently changed first), then the names of all their
//! categories, all their tags, all their featured pictures and all their authors, each in one
//! request — not a request per post.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use copydesk_core::article::Article;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::client::Client;
use crate::error::WpError;
use crate::post::{self, TermNames};
use crate::publish::{featured, link_to_post, text_of};

/// The most posts a desk over a site lists of each kind — pending review (the newest filed
/// first), and every other status (the most recently changed first). A REST page holds at
/// most 100.
pub const MOST_POSTS: usize = 100;

/// The statuses a desk over a site lists besides "pending": every one an editor can work on
/// (not trash). Listed apart from the pending posts, so that however many drafts and
/// scheduled posts a site holds, the editor on duty sees every post waiting for review.
pub const OTHER_STATUSES: &str = "draft,future,publish,private";

/// A post on the site, read as a story for the desk.
#[derive(Debug, Clone)]
pub struct SitePost {
    /// The post as a story, linked to its post ([`Article::wordpress`]).
    pub article: Article,
    /// The post's id.
    pub id: u64,
    /// When it was last changed on the site.
    pub modified: Option<DateTime<Utc>>,
    /// A SHA-256 of the post as the site sent it, in lowercase hex: it changes whenever
    /// anything in the post does, even twice within the second `modified_gmt` counts in.
    pub fingerprint: String,
    /// The size of the post's content, in bytes.
    pub len: u64,
    /// The WordPress user who wrote the post, by display name, when the site lets the user
    /// see it (empty otherwise).
    pub author: String,
}

/// What a desk lists of a site.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    /// The posts: pending review first, then the others, each the most recently changed
    /// first.
    pub posts: Vec<SitePost>,
    /// Whether a kind reached [`MOST_POSTS`], so older posts of it are not listed.
    pub truncated: bool,
}

/// The site's posts for a desk — up to [`MOST_POSTS`] pending review and as many of
/// [`OTHER_STATUSES`] — each read as a story with its dates in `zone`. Seven requests whatever
/// the number of posts.
pub fn posts(client: &Client, zone: Tz) -> Result<Listing, WpError> {
    // Pending posts newest filed first: WordPress gives a post saved with a date of its own
    // that date as its modification time, so "last changed" would put a story filed today
    // about 2016 below a hundred others.
    let pending = list(client, "pending", "id")?;
    let others = list(client, OTHER_STATUSES, "modified")?;
    let truncated = pending.len() >= MOST_POSTS || others.len() >= MOST_POSTS;
    let listed: Vec<Value> = pending.into_iter().chain(others).collect();
    let categories = names(client, "categories", &ids_in(&listed, "categories"))?;
    let tags = names(client, "tags", &ids_in(&listed, "tags"))?;
    let pictures = media(client, &listed)?;
    let authors = authors(client, &listed);
    let posts = listed
        .iter()
        .filter_map(|p| {
            let id = p.get("id")?.as_u64()?;
            let picture = featured(p).and_then(|m| pictures.get(&m));
            let mut article = post::article_from_post(p, &categories, &tags, picture, zone);
            link_to_post(client.site(), p, &mut article);
            let bytes = serde_json::to_vec(p).unwrap_or_default();
            Some(SitePost {
                id,
                modified: NaiveDateTime::parse_from_str(
                    &text_of(p, "modified_gmt"),
                    "%Y-%m-%dT%H:%M:%S",
                )
                .ok()
                .map(|t| t.and_utc()),
                fingerprint: format!("{:x}", Sha256::digest(&bytes)),
                len: text_of(p, "content").len() as u64,
                author: p
                    .get("author")
                    .and_then(Value::as_u64)
                    .and_then(|a| authors.get(&a))
                    .cloned()
                    .unwrap_or_default(),
                article,
            })
        })
        .collect();
    Ok(Listing { posts, truncated })
}

/// Up to [`MOST_POSTS`] posts in `statuses`, the last first by `order` ("modified", "id").
fn list(client: &Client, statuses: &str, order: &str) -> Result<Vec<Value>, WpError> {
    let per_page = MOST_POSTS.to_string();
    let reply = client.get(
        "wp/v2/posts",
        &[
            ("context", "edit"),
            ("per_page", per_page.as_str()),
            ("orderby", order),
            ("order", "desc"),
            ("status", statuses),
        ],
    )?;
    Ok(reply.json.as_array().cloned().unwrap_or_default())
}

/// The term ids of `kind` ("categories", "tags") used by any of `posts`.
pub(crate) fn ids_in(posts: &[Value], kind: &str) -> BTreeSet<u64> {
    posts
        .iter()
        .filter_map(|p| p.get(kind)?.as_array())
        .flatten()
        .filter_map(Value::as_u64)
        .collect()
}

/// The names of the terms `ids` of `kind`, in one request.
pub(crate) fn names(
    client: &Client,
    kind: &str,
    ids: &BTreeSet<u64>,
) -> Result<TermNames, WpError> {
    let listed = by_ids(client, &format!("wp/v2/{kind}"), ids)?;
    Ok(listed
        .iter()
        .filter_map(|t| Some((t.get("id")?.as_u64()?, t.get("name")?.as_str()?.to_owned())))
        .collect())
}

/// The display names of the posts' authors, by id, in one request. Best effort: a site may
/// show a user only the authors of published posts, or none, and the listing goes on
/// without them.
fn authors(client: &Client, posts: &[Value]) -> HashMap<u64, String> {
    let ids: BTreeSet<u64> = posts
        .iter()
        .filter_map(|p| p.get("author")?.as_u64())
        .collect();
    if ids.is_empty() {
        return HashMap::new();
    }
    let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let Ok(reply) = client.get(
        "wp/v2/users",
        &[("include", include.as_str()), ("per_page", "100")],
    ) else {
        return HashMap::new();
    };
    reply
        .json
        .as_array()
        .map(|users| {
            users
                .iter()
                .filter_map(|u| {
                    let name = copydesk_core::import::html::text(u.get("name")?.as_str()?);
                    Some((u.get("id")?.as_u64()?, name))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The featured pictures of `posts`, by id, in one request.
fn media(client: &Client, posts: &[Value]) -> Result<HashMap<u64, Value>, WpError> {
    let ids: BTreeSet<u64> = posts.iter().filter_map(featured).collect();
    let listed = by_ids(client, "wp/v2/media", &ids)?;
    Ok(listed
        .into_iter()
        .filter_map(|m| Some((m.get("id")?.as_u64()?, m)))
        .collect())
}

/// The items of `route` whose ids are `ids` (at most 100, one REST page), with
/// `context=edit`.
fn by_ids(client: &Client, route: &str, ids: &BTreeSet<u64>) -> Result<Vec<Value>, WpError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let reply = client.get(
        route,
        &[
            ("include", include.as_str()),
            ("per_page", "100"),
            ("context", "edit"),
        ],
    )?;
    Ok(reply.json.as_array().cloned().unwrap_or_default())
}
