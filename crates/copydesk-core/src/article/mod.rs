//! The article: everything a story is, with no user interface in it.
//!
//! The window, the file format, the checks and the exports all share this one model, so a
//! field added here is a field every part of Copydesk can see. The body is kept as the text
//! the journalist typed (see [`crate::markup`] for the markup); related links are placed in the body by
//! anchors (`[[related:ID]]`), so a link stays where it was put however the paragraphs around
//! it are edited.

pub mod dates;
pub mod published;
pub mod slug;
pub mod stats;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

pub use dates::{DateStyle, Stamp};
pub use published::{MediaLink, PostLink};

/// Fields a file carried that this version of Copydesk does not know. They are kept in order
/// and written back on save, so a colleague on a newer version loses nothing.
pub type Extra = Map<String, Value>;

/// One story.
///
/// Field order here is the field order in the file: keep it stable, and add new fields at the
/// end of the group they belong to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The story's identity, kept through renames and exports (the ninjs `uri`).
    pub id: Uuid,
    /// The headline readers see.
    pub headline: String,
    /// A shorter headline for search results and social cards; empty when not set.
    #[serde(default)]
    pub seo_headline: String,
    /// The summary under the headline.
    #[serde(default)]
    pub standfirst: String,
    /// Authors, in the order they are credited.
    #[serde(default)]
    pub byline: Vec<String>,
    /// The section the story runs in, such as "Politics".
    #[serde(default)]
    pub section: String,
    /// Subjects the story is filed under.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The URL slug; empty means "derive it from the headline" (see [`Article::effective_slug`]).
    #[serde(default)]
    pub slug: String,
    /// BCP 47 language tag of the story, such as `en-GB`.
    #[serde(default = "default_language")]
    pub language: String,
    /// When the story is (or was) published.
    #[serde(default)]
    pub published: Option<Stamp>,
    /// When it was last updated after publication.
    #[serde(default)]
    pub updated: Option<Stamp>,
    /// Not to be published before this moment.
    #[serde(default)]
    pub embargo: Option<Stamp>,
    /// Where the story stands on its way to readers.
    #[serde(default)]
    pub status: Status,
    /// Notes for the desk; never published.
    #[serde(default)]
    pub editor_notes: String,
    /// The lead picture.
    #[serde(default)]
    pub image: Option<Image>,
    /// Links to other stories, placed in the body by anchors.
    #[serde(default)]
    pub related: Vec<RelatedLink>,
    /// The story text in Copydesk's body markup.
    #[serde(default)]
    pub body: String,
    /// Words the spelling check takes as right in this story only ("Ignore in this story"),
    /// as typed. Format 1.1; left out of the file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spelling_ignore: Vec<String>,
    /// Grammar and house-style findings taken as right in this story ("Ignore in this
    /// story"): a rule and the words it found. Format 1.4; left out of the file when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks_ignore: Vec<IgnoredFinding>,
    /// The WordPress post the story was published to. Format 1.2; left out of the file when
    /// the story was never published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wordpress: Option<PostLink>,
    /// Editors' comments on words of the story ([`crate::comments`]). Format 1.3; left out of
    /// the file when there are none. Never exported or published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<crate::comments::Comment>,
    /// When the story was first created.
    pub created: DateTime<Utc>,
    /// When it was last changed.
    pub modified: DateTime<Utc>,
    /// Fields this version does not know, kept for the next save.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Whether `tag` has the shape of a BCP 47 language tag: a language of 2–3 letters (or 4–8),
/// then subtags of 1–8 letters or digits, joined by hyphens ("en-GB", "zh-Hant-TW", "ar").
pub fn is_language_tag(tag: &str) -> bool {
    !tag.is_empty()
        && tag.split('-').enumerate().all(|(i, part)| {
            (1..=8).contains(&part.len())
                && part.chars().all(|c| c.is_ascii_alphanumeric())
                && (i > 0 || (part.len() >= 2 && part.chars().all(|c| c.is_ascii_alphabetic())))
        })
}

/// Languages a desk uses most, offered first in the window: (tag, name).
pub const COMMON_LANGUAGES: &[(&str, &str)] = &[
    ("en-GB", "English (UK)"),
    ("en-US", "English (US)"),
    ("en", "English"),
    ("fr-FR", "French"),
    ("de-DE", "German"),
    ("es-ES", "Spanish"),
    ("it-IT", "Italian"),
    ("nl-NL", "Dutch"),
    ("pt-BR", "Portuguese (Brazil)"),
    ("pl-PL", "Polish"),
    ("cy-GB", "Welsh"),
    ("ga-IE", "Irish"),
    ("ar", "Arabic"),
    ("he", "Hebrew"),
    ("hi", "Hindi"),
    ("zh-Hans", "Chinese (simplified)"),
    ("zh-Hant", "Chinese (traditional)"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
];

/// The name of the language `tag` stands for, when it is one of [`COMMON_LANGUAGES`] or
/// the same language in another region: "German" for `de`, `de-DE` or `de-AT`; `None` for
/// a language not listed.
pub fn language_name(tag: &str) -> Option<&'static str> {
    let tag = tag.trim();
    if !is_language_tag(tag) {
        return None;
    }
    if let Some((_, name)) = COMMON_LANGUAGES
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(tag))
    {
        return Some(name);
    }
    let primary = tag.split(['-', '_']).next()?;
    COMMON_LANGUAGES
        .iter()
        .find(|(t, _)| {
            t.split('-')
                .next()
                .is_some_and(|p| p.eq_ignore_ascii_case(primary))
        })
        // "English (UK)" for en-AU would be wrong: the name without its region
        .map(|(_, name)| name.split(" (").next().unwrap_or(name))
}

fn default_language() -> String {
    "en-GB".to_owned()
}

/// Where a story stands on its way to readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written.
    #[default]
    Draft,
    /// Waiting for the desk.
    InReview,
    /// Ready to go out.
    Approved,
    /// Out.
    Published,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::InReview,
        Status::Approved,
        Status::Published,
    ];

    /// The word a desk editor would use.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Approved => "Approved",
            Status::Published => "Published",
        }
    }
}

impl Article {
    /// Whether the story takes what `rule` found in `words` as right ("Ignore in this
    /// story", [`Article::checks_ignore`]).
    pub fn ignores(&self, rule: &str, words: &str) -> bool {
        self.checks_ignore
            .iter()
            .any(|i| i.rule == rule && i.words == words)
    }
}

/// A grammar or house-style finding taken as right in one story: wherever `rule` finds
/// exactly `words`, it says nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IgnoredFinding {
    /// The rule's name (`AnA`, `PerCent`).
    pub rule: String,
    /// The words it found, as written.
    pub words: String,
}

/// The story's lead picture.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// A local file path or an http(s) URL.
    #[serde(default)]
    pub source: String,
    /// What the picture shows.
    #[serde(default)]
    pub caption: String,
    /// Who took or owns the picture.
    #[serde(default)]
    pub credit: String,
    /// Text alternative for readers who cannot see the picture.
    #[serde(default)]
    pub alt: String,
    /// The picture carries no information, so it needs no alt text.
    #[serde(default)]
    pub decorative: bool,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A link to another story, shown where its anchor stands in the body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RelatedLink {
    /// Names the link in body anchors: `[[related:ID]]`.
    pub id: String,
    /// The linked story's headline.
    #[serde(default)]
    pub title: String,
    /// The linked story's web address.
    #[serde(default)]
    pub url: String,
    /// Fields this version does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl RelatedLink {
    /// The anchor text that places this link in the body.
    pub fn anchor(&self) -> String {
        crate::markup::related_anchor(&self.id)
    }
}

impl Article {
    /// The byline's names as readers see them: trimmed, empty entries left out. The preview,
    /// the exports and the desk's byline column all show this.
    pub fn byline_names(&self) -> Vec<String> {
        self.byline
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect()
    }

    /// Every text of the story a person reads or types: headlines, standfirst, byline,
    /// section, tags, slug, editor notes, the picture's texts, related links and the body.
    /// The window looks through them for characters no font can show.
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![
            self.headline.as_str(),
            &self.seo_headline,
            &self.standfirst,
            &self.section,
            &self.slug,
            &self.editor_notes,
            &self.body,
        ];
        out.extend(self.byline.iter().map(String::as_str));
        out.extend(self.tags.iter().map(String::as_str));
        if let Some(i) = &self.image {
            out.extend([i.source.as_str(), &i.caption, &i.credit, &i.alt]);
        }
        for l in &self.related {
            out.extend([l.id.as_str(), &l.title, &l.url]);
        }
        out
    }

    /// A new, empty draft created now.
    pub fn new() -> Self {
        let now = Utc::now();
        Article {
            id: Uuid::new_v4(),
            headline: String::new(),
            seo_headline: String::new(),
            standfirst: String::new(),
            byline: Vec::new(),
            section: String::new(),
            tags: Vec::new(),
            slug: String::new(),
            language: default_language(),
            published: None,
            updated: None,
            embargo: None,
            status: Status::Draft,
            editor_notes: String::new(),
            image: None,
            related: Vec::new(),
            spelling_ignore: Vec::new(),
            checks_ignore: Vec::new(),
            wordpress: None,
            comments: Vec::new(),
            body: String::new(),
            created: now,
            modified: now,
            extra: Extra::new(),
        }
    }

    /// The slug the story is published under: the one the user typed, or one made from the
    /// headline.
    pub fn effective_slug(&self) -> String {
        if self.slug.trim().is_empty() {
            slug::slugify(&self.headline)
        } else {
            self.slug.clone()
        }
    }

    /// The related link with this id.
    pub fn related_link(&self, id: &str) -> Option<&RelatedLink> {
        self.related.iter().find(|l| l.id == id)
    }

    /// An id for a new related link, made from its title and unique in this story.
    pub fn new_related_id(&self, title: &str) -> String {
        let words: Vec<&str> = title.split_whitespace().take(4).collect();
        let mut base = slug::slugify(&words.join(" "));
        if base.is_empty() {
            base = "link".to_owned();
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while self.related_link(&candidate).is_some() {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

impl Default for Article {
    fn default() -> Self {
        Article::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_named_by_tag_or_by_their_language_in_another_region() {
        assert_eq!(language_name("en-GB"), Some("English (UK)"));
        assert_eq!(language_name("de"), Some("German"));
        assert_eq!(language_name("DE-at"), Some("German"));
        assert_eq!(language_name("en-AU"), Some("English"), "no wrong region");
        assert_eq!(language_name("sw"), None);
        assert_eq!(language_name(""), None);
        assert_eq!(language_name("en-US!!"), None, "not a tag: not named");
    }

    #[test]
    fn effective_slug_follows_headline_until_set() {
        let mut a = Article::new();
        a.headline = "Corbyn: now is the time to come together".into();
        assert_eq!(
            a.effective_slug(),
            "corbyn-now-is-the-time-to-come-together"
        );
        a.slug = "corbyn-unity".into();
        assert_eq!(a.effective_slug(), "corbyn-unity");
    }

    #[test]
    fn related_ids_are_unique() {
        let mut a = Article::new();
        let id = a.new_related_id("Angela Eagle tells Jeremy Corbyn: Stand down");
        assert_eq!(id, "angela-eagle-tells-jeremy");
        a.related.push(RelatedLink {
            id: id.clone(),
            ..Default::default()
        });
        assert_eq!(
            a.new_related_id("Angela Eagle tells Jeremy Corbyn"),
            "angela-eagle-tells-jeremy-2"
        );
        assert_eq!(a.new_related_id("!!!"), "link");
    }
}
