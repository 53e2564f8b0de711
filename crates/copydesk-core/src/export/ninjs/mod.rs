//! IPTC ninjs 3.1: the story as a JSON news item for agencies, wire services and other
//! newsroom systems (the import of ninjs items is [`crate::import::ninjs`]).
//!
//! The export draws from [`Document`], as the preview and the HTML export do; its HTML body is
//! the HTML export's body. What maps where is in the README ("Publishing and interop").
//!
//! Fields of an imported item that Copydesk does not model are kept in the story file under
//! the key [`KEPT_KEY`] (for the picture and related links, in their own `extra`), and a
//! later export puts back those that ninjs 3.1 allows, so nothing is lost on the way through.
//! Every export passes a schema gate ([`export_checked`]): what would make the item invalid
//! is left out, and said.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

mod gate;

pub use gate::{Checked, LeftOut, MAX_KEPT_DEPTH, SCHEMA_TEXT};

use super::html::{render_body, stamp_rfc3339};
use super::safe_href;
use crate::article::{Article, Image, RelatedLink, Status};
use crate::document::{Document, HouseStyle};

/// The key in [`Article::extra`] (and in a picture's or related link's `extra`) under which
/// the ninjs fields Copydesk does not model are kept.
pub const KEPT_KEY: &str = "ninjs";

/// The ninjs version written.
pub const NINJS_VERSION: &str = "3.1";
/// The schema a written item is valid against.
pub const SCHEMA_URI: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json";

/// The association name of the story's picture.
pub const PICTURE_NAME: &str = "mainpic";
/// The role of the headline and of the body.
pub const ROLE_MAIN: &str = "main";
/// The role of the SEO headline in `headlines`.
pub const ROLE_SEO: &str = "seo";
/// The role of the standfirst in `descriptions`.
pub const ROLE_SUMMARY: &str = "summary";
/// The role of the picture's caption in its `descriptions`.
pub const ROLE_CAPTION: &str = "caption";
/// The role of the picture's alt text in its `descriptions`.
pub const ROLE_ALT: &str = "alt";
/// The `rel` of the section in `subjects`.
pub const REL_SECTION: &str = "section";
/// The `rel` of a tag in `subjects`.
pub const REL_KEYWORD: &str = "keyword";
/// The `rel` of a related link in `associations`.
pub const REL_RELATED: &str = "related";

/// The top-level properties of a ninjs 3.1 item; kept fields are put back only under these.
pub(crate) const TOP_LEVEL: &[&str] = &[
    "uri",
    "type",
    "representationType",
    "profile",
    "version",
    "firstCreated",
    "versionCreated",
    "contentCreated",
    "embargoedUntil",
    "pubStatus",
    "urgency",
    "copyrightHolder",
    "copyrightNotice",
    "usageTerms",
    "edNote",
    "language",
    "descriptions",
    "bodies",
    "headlines",
    "people",
    "organisations",
    "places",
    "subjects",
    "events",
    "eventDetails",
    "plannedCoverage",
    "objects",
    "infoSources",
    "title",
    "by",
    "slugline",
    "located",
    "renditions",
    "associations",
    "altIds",
    "trustIndicators",
    "standard",
    "genres",
    "expires",
    "rightsInfo",
    "digitalSourceType",
];

/// The story as a ninjs 3.1 news item, valid against the schema: kept fields that ninjs 3.1
/// does not allow are left out (see [`export_checked`] for which).
pub fn export(article: &Article, style: &HouseStyle) -> Value {
    export_checked(article, style).item
}

/// The story as a ninjs 3.1 news item, through the schema gate: the item, and the kept fields
/// left out because they would have made it invalid. The item is always valid ninjs 3.1.
pub fn export_checked(article: &Article, style: &HouseStyle) -> Checked {
    gate::check(&own_item(article, style), Kept::of(article))
}

/// The ninjs item as text: pretty JSON ending in a newline (through the schema gate, as
/// [`export`]).
pub fn to_string(article: &Article, style: &HouseStyle) -> String {
    export_checked(article, style).text()
}

/// Copydesk's own part of an item, before kept fields are put back: the item, and where its
/// picture and related links stand among its associations.
#[derive(Debug, Clone)]
pub(crate) struct Own {
    /// The item without kept fields.
    pub(crate) item: Map<String, Value>,
    /// The picture's association, by its place in `associations`.
    pub(crate) picture: Option<usize>,
    /// Each related link's association, by its place in `associations`.
    pub(crate) related: Vec<usize>,
}

/// Copydesk's own fields of the story's item (no kept fields).
fn own_item(article: &Article, style: &HouseStyle) -> Own {
    let doc = Document::build(article, style);
    let uri = item_uri(article);
    let mut m = Map::new();
    m.insert(
        "standard".into(),
        json!({"name": "ninjs", "version": NINJS_VERSION, "schema": SCHEMA_URI}),
    );
    m.insert("uri".into(), json!(uri));
    m.insert("type".into(), json!("text"));
    m.insert("version".into(), json!(version(article.modified)));
    if let Some(p) = &article.published {
        m.insert("firstCreated".into(), json!(stamp_rfc3339(p)));
    }
    let version_created = match &article.updated {
        Some(u) => stamp_rfc3339(u),
        None => instant(article.modified),
    };
    m.insert("versionCreated".into(), json!(version_created));
    m.insert("contentCreated".into(), json!(instant(article.created)));
    if let Some(e) = &article.embargo {
        m.insert("embargoedUntil".into(), json!(stamp_rfc3339(e)));
    }
    m.insert("pubStatus".into(), json!(pub_status(article.status)));
    let language = article.language.trim();
    if !language.is_empty() {
        m.insert("language".into(), json!(language));
    }

    let mut headlines = vec![json!({"role": ROLE_MAIN, "value": doc.headline})];
    let seo = article.seo_headline.trim();
    if !seo.is_empty() {
        headlines.push(json!({"role": ROLE_SEO, "value": seo}));
    }
    m.insert("headlines".into(), Value::Array(headlines));

    if !doc.standfirst.is_empty() {
        m.insert(
            "descriptions".into(),
            json!([{"role": ROLE_SUMMARY, "contentType": "text/plain", "value": doc.standfirst}]),
        );
    }

    let counts = doc.counts;
    m.insert(
        "bodies".into(),
        json!([
            {
                "role": ROLE_MAIN,
                "contentType": "text/html",
                "charCount": counts.chars,
                "wordCount": counts.words,
                "value": render_body(&doc),
            },
            {
                "role": ROLE_MAIN,
                "contentType": "text/plain",
                "charCount": counts.chars,
                "wordCount": counts.words,
                "value": doc.body_plain_text(),
            }
        ]),
    );

    if let Some(by) = byline(&doc.byline) {
        m.insert("by".into(), json!(by));
    }
    let slug = article.effective_slug();
    if !slug.trim().is_empty() {
        m.insert("slugline".into(), json!(slug.trim()));
    }

    let mut subjects = Vec::new();
    if !doc.section.is_empty() {
        subjects.push(json!({"name": doc.section, "rel": REL_SECTION}));
    }
    for tag in article
        .tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        subjects.push(json!({"name": tag, "rel": REL_KEYWORD}));
    }
    if !subjects.is_empty() {
        m.insert("subjects".into(), Value::Array(subjects));
    }

    let mut associations = Vec::new();
    let mut picture_at = None;
    if let Some(img) = article.image.as_ref().filter(|i| !image_is_empty(i)) {
        picture_at = Some(associations.len());
        associations.push(picture(img, &uri));
    }
    let mut related_at = Vec::with_capacity(article.related.len());
    for (n, link) in article.related.iter().enumerate() {
        related_at.push(associations.len());
        associations.push(related(link, &uri, n));
    }
    if !associations.is_empty() {
        m.insert("associations".into(), Value::Array(associations));
    }
    Own {
        item: m,
        picture: picture_at,
        related: related_at,
    }
}

/// The kept (pass-through) ninjs fields of a story: its own, its picture's and each related
/// link's, as the story file holds them under [`KEPT_KEY`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Kept {
    /// The story's own kept fields.
    pub(crate) item: Map<String, Value>,
    /// The picture's (empty without a picture).
    pub(crate) picture: Map<String, Value>,
    /// Each related link's, in the story's order.
    pub(crate) related: Vec<Map<String, Value>>,
}

impl Kept {
    fn of(article: &Article) -> Kept {
        let kept = |extra: &Map<String, Value>| match extra.get(KEPT_KEY) {
            Some(Value::Object(m)) => m.clone(),
            _ => Map::new(),
        };
        Kept {
            item: kept(&article.extra),
            picture: article
                .image
                .as_ref()
                .filter(|i| !image_is_empty(i))
                .map(|i| kept(&i.extra))
                .unwrap_or_default(),
            related: article.related.iter().map(|l| kept(&l.extra)).collect(),
        }
    }

    /// The kept fields of one owner.
    pub(crate) fn of_owner(&mut self, owner: Owner) -> Option<&mut Map<String, Value>> {
        match owner {
            Owner::Item => Some(&mut self.item),
            Owner::Picture => Some(&mut self.picture),
            Owner::Related(n) => self.related.get_mut(n),
        }
    }
}

/// Whose kept fields a field of the item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Owner {
    /// The story's own.
    Item,
    /// The picture's.
    Picture,
    /// The related link's, by its place in the story's list.
    Related(usize),
}

/// One step of a path in a JSON value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Seg {
    /// An object's field.
    Key(String),
    /// A list's entry.
    Index(usize),
}

/// A kept field put back into the item: where it stands there, and where it is kept.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// Its path in the item.
    pub(crate) at: Vec<Seg>,
    /// Whose kept fields hold it.
    pub(crate) owner: Owner,
    /// Its path in those kept fields.
    pub(crate) from: Vec<Seg>,
}

/// The item: Copydesk's own fields with the kept fields put back, and where each kept field
/// went.
pub(crate) fn assemble(own: &Own, kept: &Kept) -> (Map<String, Value>, Vec<Placed>) {
    let mut m = own.item.clone();
    let mut placed = Vec::new();
    let mut owners: Vec<(usize, Owner, &Map<String, Value>)> = Vec::new();
    if let Some(i) = own.picture {
        owners.push((i, Owner::Picture, &kept.picture));
    }
    for (n, (i, k)) in own.related.iter().zip(&kept.related).enumerate() {
        owners.push((*i, Owner::Related(n), k));
    }
    if let Some(Value::Array(associations)) = m.get_mut("associations") {
        for (i, owner, k) in owners {
            if let Some(Value::Object(a)) = associations.get_mut(i) {
                let at = [Seg::Key("associations".into()), Seg::Index(i)];
                restore(a, k, ASSOCIATION_KEYS, &at, owner, &mut placed);
            }
        }
    }
    restore(&mut m, &kept.item, TOP_LEVEL, &[], Owner::Item, &mut placed);
    (m, placed)
}

/// The item's URI: the story's id as a UUID URN, so an import gives the story back its id.
pub fn item_uri(article: &Article) -> String {
    format!("urn:uuid:{}", article.id)
}

/// The version: the time of the last change as digits (YYYYMMDDhhmmss), growing with every
/// change.
fn version(modified: DateTime<Utc>) -> String {
    modified.format("%Y%m%d%H%M%S").to_string()
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

/// `usable` once the desk has approved the story, `withheld` before.
pub fn pub_status(status: Status) -> &'static str {
    match status {
        Status::Approved | Status::Published => "usable",
        Status::Draft | Status::InReview => "withheld",
    }
}

/// "A, B and C", the way ninjs `by` is usually written.
pub fn byline(authors: &[String]) -> Option<String> {
    match authors {
        [] => None,
        [one] => Some(one.clone()),
        [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
    }
}

pub(crate) fn image_is_empty(i: &Image) -> bool {
    !i.decorative
        && i.source.trim().is_empty()
        && i.caption.trim().is_empty()
        && i.credit.trim().is_empty()
        && i.alt.trim().is_empty()
}

fn picture(img: &Image, item_uri: &str) -> Value {
    let src = safe_href(&img.source).filter(|s| s.starts_with("http"));
    let mut a = Map::new();
    a.insert("name".into(), json!(PICTURE_NAME));
    a.insert(
        "uri".into(),
        json!(src.clone().unwrap_or_else(|| format!("{item_uri}#picture"))),
    );
    a.insert("type".into(), json!("picture"));
    let mut descriptions = Vec::new();
    let caption = img.caption.trim();
    if !caption.is_empty() {
        descriptions
            .push(json!({"role": ROLE_CAPTION, "contentType": "text/plain", "value": caption}));
    }
    let alt = img.alt.trim();
    if img.decorative {
        // An empty text alternative, as in HTML: the picture carries no information.
        descriptions.push(json!({"role": ROLE_ALT, "contentType": "text/plain", "value": ""}));
    } else if !alt.is_empty() {
        descriptions.push(json!({"role": ROLE_ALT, "contentType": "text/plain", "value": alt}));
    }
    if !descriptions.is_empty() {
        a.insert("descriptions".into(), Value::Array(descriptions));
    }
    let credit = img.credit.trim();
    if !credit.is_empty() {
        a.insert("by".into(), json!(credit));
    }
    if let Some(src) = src {
        a.insert(
            "renditions".into(),
            json!([{"name": "original", "href": src}]),
        );
    }
    Value::Object(a)
}

fn related(link: &RelatedLink, item_uri: &str, n: usize) -> Value {
    let href = safe_href(&link.url);
    let mut a = Map::new();
    a.insert("name".into(), json!(link.id));
    a.insert(
        "uri".into(),
        json!(
            href.clone()
                .unwrap_or_else(|| format!("{item_uri}#related-{}", n + 1))
        ),
    );
    a.insert("type".into(), json!("text"));
    a.insert("rel".into(), json!(REL_RELATED));
    a.insert(
        "headlines".into(),
        json!([{"role": ROLE_MAIN, "value": link.title.trim()}]),
    );
    if let Some(href) = href {
        a.insert(
            "renditions".into(),
            json!([{"name": "web", "href": href, "contentType": "text/html"}]),
        );
    }
    Value::Object(a)
}

/// Keys an association may have: every item key, plus its name and relation.
const ASSOCIATION_KEYS: &[&str] = &["*", "name", "rel"];

/// Puts kept fields back: a field Copydesk wrote itself wins, except lists, which get the kept
/// entries added after Copydesk's own. Only keys in `allowed` (or every item key, for `"*"`)
/// come back; the schema gate then judges what came back. Each field put back is noted in
/// `placed`, its path in the item starting with `at` (the path of `m`).
fn restore(
    m: &mut Map<String, Value>,
    kept: &Map<String, Value>,
    allowed: &[&str],
    at: &[Seg],
    owner: Owner,
    placed: &mut Vec<Placed>,
) {
    let path = |tail: &[Seg]| at.iter().chain(tail).cloned().collect::<Vec<_>>();
    for (k, v) in kept {
        let ok = allowed.contains(&k.as_str())
            || (allowed.contains(&"*") && TOP_LEVEL.contains(&k.as_str()));
        if !ok {
            continue;
        }
        let key = Seg::Key(k.clone());
        match (m.get_mut(k), v) {
            (None, v) => {
                m.insert(k.clone(), v.clone());
                placed.push(Placed {
                    at: path(std::slice::from_ref(&key)),
                    owner,
                    from: vec![key],
                });
            }
            (Some(Value::Array(ours)), Value::Array(theirs)) => {
                let start = ours.len();
                ours.extend(theirs.iter().cloned());
                for j in 0..theirs.len() {
                    placed.push(Placed {
                        at: path(&[key.clone(), Seg::Index(start + j)]),
                        owner,
                        from: vec![key.clone(), Seg::Index(j)],
                    });
                }
            }
            (Some(_), _) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline(&[]), None);
        assert_eq!(byline(&["A".into()]).as_deref(), Some("A"));
        assert_eq!(
            byline(&["A".into(), "B".into(), "C".into()]).as_deref(),
            Some("A, B and C")
        );
    }

    #[test]
    fn kept_fields_come_back_only_where_allowed() {
        let mut m = Map::new();
        m.insert("headlines".into(), json!([{"value": "ours"}]));
        m.insert("uri".into(), json!("urn:uuid:x"));
        let kept: Map<String, Value> = serde_json::from_value(json!({
            "headlines": [{"role": "short", "value": "theirs"}],
            "uri": "http://agency.example/1",
            "copyrightNotice": "(c) Agency",
            "x-vendor": 1
        }))
        .unwrap();
        let mut placed = Vec::new();
        restore(&mut m, &kept, TOP_LEVEL, &[], Owner::Item, &mut placed);
        assert_eq!(
            placed.len(),
            2,
            "a kept headline and a kept field: {placed:?}"
        );
        assert_eq!(
            Value::Object(m),
            json!({
                "headlines": [{"value": "ours"}, {"role": "short", "value": "theirs"}],
                "uri": "urn:uuid:x",
                "copyrightNotice": "(c) Agency"
            })
        );
    }
}
