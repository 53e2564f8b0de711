//! Where a story was published: the WordPress site, the post, and the picture uploaded for it
//! (file format 1.2). Kept in the story file so the next Publish updates the same post, never
//! overwrites an edit made on the site since (its `modified_gmt` is compared first), and does
//! not upload the same picture twice.

use serde::{Deserialize, Serialize};

use super::Extra;

/// The post a story was published to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostLink {
    /// The site's address as the user gave it (`https://news.example.org`).
    pub site: String,
    /// The post's id on that site.
    pub post: u64,
    /// The post's address for readers.
    #[serde(default)]
    pub link: String,
    /// The post's `modified_gmt` when Copydesk last wrote or read it: a different value on the
    /// site means someone changed the post there since.
    #[serde(default)]
    pub modified_gmt: String,
    /// A SHA-256 of the post's editable fields (title, content, excerpt, slug, status, date,
    /// terms, featured picture) as the site had them then, in lowercase hex: a change made on
    /// the site within the same second as `modified_gmt` still shows. Empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub content_sha256: String,
    /// The picture uploaded to the site's media library for this story, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<MediaLink>,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A picture uploaded to the site's media library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaLink {
    /// The media item's id on the site.
    pub id: u64,
    /// The story's picture source it was uploaded from.
    pub source: String,
    /// The SHA-256 of the picture's bytes when uploaded: the same picture is not sent again.
    pub sha256: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl PostLink {
    /// A link to post `post` on `site`, as the site answered.
    pub fn new(site: &str, post: u64, link: &str, modified_gmt: &str) -> Self {
        PostLink {
            site: site.to_owned(),
            post,
            link: link.to_owned(),
            modified_gmt: modified_gmt.to_owned(),
            content_sha256: String::new(),
            media: None,
            extra: Extra::new(),
        }
    }
}
