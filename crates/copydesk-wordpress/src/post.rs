//! A story as a WordPress post, and a post as a story: what goes where, with no network.
//!
//! | story | post |
//! |---|---|
//! | headline | `title` |
//! | byline and body | `content`: the HTML export's article body, the byline above it as the preview shows it, related links in their places |
//! | standfirst | `excerpt` |
//! | slug (or one made from the headline) | `slug` |
//! | publication date and zone | `date_gmt` |
//! | status, embargo, publication time | `status` (see [`PostStatus::proposed`]) |
//! | section | one category; tags | tags (ids found by the caller) |
//! | picture | the featured image, with alt text and "caption — credit" |
//!
//! The SEO headline, editor notes, language and the spelling words have no place in a plain
//! WordPress post: [`not_sent`] lists them, and the window says so before publishing.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use copydesk_core::article::{Article, Image, RelatedLink, Stamp, Status};
use copydesk_core::document::{Document, HouseStyle};
use copydesk_core::export::html;
use copydesk_core::import::html as html_in;
use copydesk_core::markup::{Block, write as markup};
use serde_json::{Value, json};

/// What a post becomes on the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostStatus {
    /// Saved, not shown to readers.
    Draft,
    /// Waiting for an editor's review on the site.
    Pending,
    /// Scheduled: the site publishes it at its date.
    Future,
    /// Live.
    Publish,
}

impl PostStatus {
    /// The REST API's word for it.
    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Pending => "pending",
            PostStatus::Future => "future",
            PostStatus::Publish => "publish",
        }
    }

    /// From the REST API's word, or a user's ("scheduled" for future, "published" for
    /// publish).
    pub fn parse(s: &str) -> Option<PostStatus> {
        Some(match s.trim().to_ascii_lowercase().as_str() {
            "draft" => PostStatus::Draft,
            "pending" | "pending review" => PostStatus::Pending,
            "future" | "scheduled" => PostStatus::Future,
            "publish" | "published" | "live" => PostStatus::Publish,
            _ => return None,
        })
    }

    /// What the story's status, embargo and publication time propose: an embargo still in
    /// force, or a publication time still to come on a story ready to go, schedules it at
    /// that moment; otherwise draft → draft, in review and approved → pending, published →
    /// publish.
    pub fn proposed(article: &Article, now: DateTime<Utc>) -> (PostStatus, Option<DateTime<Utc>>) {
        if let Some(embargo) = article.embargo.as_ref().filter(|e| e.is_after(now))
            && article.status != Status::Draft
        {
            return (PostStatus::Future, Some(embargo.to_utc()));
        }
        if let Some(at) = article.published.as_ref().filter(|p| p.is_after(now))
            && matches!(article.status, Status::Approved | Status::Published)
        {
            return (PostStatus::Future, Some(at.to_utc()));
        }
        let status = match article.status {
            Status::Draft => PostStatus::Draft,
            Status::InReview | Status::Approved => PostStatus::Pending,
            Status::Published => PostStatus::Publish,
        };
        (status, None)
    }
}

/// The ids of the terms and picture the post refers to, found or made on the site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Refs {
    /// The section's category, when the story has a section.
    pub category: Option<u64>,
    /// The tags' ids, in the story's order.
    pub tags: Vec<u64>,
    /// The featured picture's media id.
    pub media: Option<u64>,
}

/// The post's fields for `article` (create or update), as `status`, at `date` when
/// scheduled.
pub fn fields(
    article: &Article,
    style: &HouseStyle,
    refs: &Refs,
    status: PostStatus,
    scheduled: Option<DateTime<Utc>>,
) -> Value {
    let doc = Document::build(article, style);
    let mut post = json!({
        "title": doc.headline,
        "content": content(&doc),
        "excerpt": doc.standfirst,
        "slug": article.effective_slug(),
        "status": status.as_str(),
        "categories": refs.category.into_iter().collect::<Vec<_>>(),
        "tags": refs.tags,
        "featured_media": refs.media.unwrap_or(0),
    });
    let date = match (status, scheduled) {
        (PostStatus::Future, Some(at)) => Some(at),
        _ => article.published.as_ref().map(Stamp::to_utc),
    };
    if let Some(at) = date {
        post["date_gmt"] = Value::String(at.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    post
}

/// The post's HTML: the byline as the preview shows it, then the body as the HTML export
/// writes it (related links in `<aside class="related">` where their anchors stand).
pub fn content(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(byline) = doc.byline_text() {
        out.push_str("<p class=\"byline\">");
        out.push_str(&html_escape(&byline));
        out.push_str("</p>\n");
    }
    out.push_str(&html::render_body(doc));
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// What the story has that the post will not carry.
pub fn not_sent(article: &Article) -> Vec<&'static str> {
    let mut out = Vec::new();
    if !article.seo_headline.trim().is_empty() {
        out.push("the SEO headline (WordPress has no field for it without an SEO plugin)");
    }
    if !article.editor_notes.trim().is_empty() {
        out.push("the editor notes (never published)");
    }
    let on_site = article
        .wordpress
        .as_ref()
        .and_then(|l| l.media.as_ref())
        .zip(article.image.as_ref())
        .is_some_and(|(m, i)| m.source == i.source);
    if !on_site
        && article
            .image
            .as_ref()
            .is_some_and(|i| i.source.starts_with("http"))
    {
        out.push("the picture (it is on the web, not a file to upload; link it in the body)");
    }
    out
}

/// Makes `theirs` (the post as the site has it now, read as a story) the story's next
/// version: linked to the post as the site has it (its own link, or ours as modified at
/// `theirs_modified`), and keeping what the site has no place for (the story's id, SEO
/// headline, editor notes, language, creation time) as `ours` had it.
pub fn carry_over(ours: &Article, theirs: &mut Article, theirs_modified: &str) {
    if theirs.wordpress.is_none()
        && let Some(mut link) = ours.wordpress.clone()
    {
        theirs_modified.clone_into(&mut link.modified_gmt);
        link.content_sha256.clear();
        theirs.wordpress = Some(link);
    }
    theirs.id = ours.id;
    theirs.seo_headline.clone_from(&ours.seo_headline);
    theirs.editor_notes.clone_from(&ours.editor_notes);
    theirs.language.clone_from(&ours.language);
    theirs.created = ours.created;
}

/// Names the site gives its terms, by id (from `GET categories` and `GET tags`).
pub type TermNames = HashMap<u64, String>;

/// A post read with `context=edit` as a story. `categories` and `tags` name the post's
/// terms; `media` is its featured picture (`GET media/ID`), if any; `zone` is the zone its
/// dates are shown in (the story's own when the post is linked to one, else the site's).
pub fn article_from_post(
    post: &Value,
    categories: &TermNames,
    tags: &TermNames,
    media: Option<&Value>,
    zone: Tz,
) -> Article {
    let raw = |key: &str| {
        post.get(key)
            .and_then(|v| v.get("raw").or(Some(v)))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let mut a = Article::new();
    a.headline = html_in::text(&raw("title"));
    a.standfirst = html_in::text(&raw("excerpt"));
    a.slug = post
        .get("slug")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let (byline, body_html) = split_byline(&raw("content"));
    a.byline = byline;
    a.related = related_links(&body_html);
    let ids: Vec<String> = a.related.iter().map(|r| r.id.clone()).collect();
    let blocks = html_in::blocks(&body_html, &|id| {
        ids.iter().any(|k| k == id).then(|| id.to_owned())
    });
    a.body = markup::write(&blocks);
    let status = post
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("draft");
    a.status = match status {
        "publish" => Status::Published,
        "future" => Status::Approved,
        "pending" => Status::InReview,
        _ => Status::Draft,
    };
    a.published = post
        .get("date_gmt")
        .and_then(Value::as_str)
        .and_then(|d| NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok())
        .map(|utc| {
            let local = Utc
                .from_utc_datetime(&utc)
                .with_timezone(&zone)
                .naive_local();
            Stamp::new(local.date(), Some(local.time()), zone)
        });
    if status == "future" {
        a.embargo = a.published;
    }
    a.section = ids_of(post, "categories")
        .first()
        .and_then(|id| categories.get(id))
        .cloned()
        .unwrap_or_default();
    a.tags = ids_of(post, "tags")
        .iter()
        .filter_map(|id| tags.get(id).cloned())
        .collect();
    a.image = media.map(image_from_media);
    a
}

fn ids_of(post: &Value, key: &str) -> Vec<u64> {
    post.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default()
}

/// The byline paragraph Copydesk writes at the top of the content ("By A and B"), taken
/// off: the names, and the rest of the HTML.
fn split_byline(content: &str) -> (Vec<String>, String) {
    let trimmed = content.trim_start();
    let open = "<p class=\"byline\">";
    if let Some(rest) = trimmed.strip_prefix(open)
        && let Some(end) = rest.find("</p>")
    {
        let text = html_in::text(&rest[..end]);
        let list = copydesk_core::document::parse_byline(&text);
        return (list, rest[end + 4..].to_owned());
    }
    (Vec::new(), content.to_owned())
}

/// The related links Copydesk placed in the content (`<aside class="related"
/// data-related="ID">` around a link, or `<a class="related" data-related="ID">` in running
/// text), in order, once each.
fn related_links(html_text: &str) -> Vec<RelatedLink> {
    let fragment = scraper_free::Fragment::new(html_text);
    let mut out: Vec<RelatedLink> = Vec::new();
    for (id, url, title) in fragment.related() {
        if out.iter().any(|r| r.id == id) {
            continue;
        }
        out.push(RelatedLink {
            id,
            title,
            url,
            extra: Default::default(),
        });
    }
    out
}

/// A picture from the media library as the story's picture: its address, alt text, and the
/// caption split back into caption and credit at " — ".
fn image_from_media(media: &Value) -> Image {
    let raw = |key: &str| {
        media
            .get(key)
            .and_then(|v| v.get("raw").or(Some(v)))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let caption = html_in::text(&raw("caption"));
    let (caption, credit) = match caption.rsplit_once(" — ") {
        Some((c, by)) => (c.to_owned(), by.to_owned()),
        None => (caption, String::new()),
    };
    Image {
        source: media
            .get("source_url")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        caption,
        credit,
        alt: raw("alt_text"),
        decorative: false,
        extra: Default::default(),
    }
}

/// The picture's caption on the site: "caption — credit" (WordPress has no credit field).
pub fn media_caption(image: &Image) -> String {
    match (image.caption.trim(), image.credit.trim()) {
        (c, "") => c.to_owned(),
        ("", by) => by.to_owned(),
        (c, by) => format!("{c} — {by}"),
    }
}

/// The blocks of a story's body, for tests that compare what came back.
pub fn body_blocks(article: &Article) -> Vec<Block> {
    Document::build(article, &HouseStyle::default())
        .blocks
        .into_iter()
        .map(|b| std::sync::Arc::unwrap_or_clone(b.block))
        .collect()
}

/// Reading the related links out of HTML without a DOM: the content is Copydesk's own
/// markup (or what WordPress kept of it), so a scan for `data-related` is enough and stays
/// linear in the text.
mod scraper_free {
    use copydesk_core::import::html as html_in;

    pub struct Fragment<'a>(&'a str);

    impl<'a> Fragment<'a> {
        pub fn new(html: &'a str) -> Self {
            Fragment(html)
        }

        /// (id, href, title) of each `data-related` element with a link in it.
        pub fn related(&self) -> Vec<(String, String, String)> {
            let mut out = Vec::new();
            let s = self.0;
            let mut at = 0;
            while let Some(found) = s[at..].find("data-related=\"") {
                let start = at + found + "data-related=\"".len();
                let Some(len) = s[start..].find('"') else {
                    break;
                };
                let id = html_in::text(&s[start..start + len]);
                // The element's extent: to its closing </aside> or </a>.
                let rest = &s[start + len..];
                let end = ["</aside>", "</a>", "</span>"]
                    .iter()
                    .filter_map(|t| rest.find(t).map(|i| i + t.len()))
                    .min()
                    .unwrap_or(rest.len());
                let element = &rest[..end];
                let href = element
                    .find("href=\"")
                    .map(|i| &element[i + 6..])
                    .and_then(|h| h.find('"').map(|j| &h[..j]))
                    .map(|h| h.replace("&amp;", "&"))
                    .unwrap_or_default();
                // The text after the element's opening tag.
                let inner = element.find('>').map_or("", |gt| &element[gt + 1..]);
                let title = html_in::text(inner);
                out.push((id, href, title));
                at = start + len + end;
            }
            out
        }
    }
}
