//! Reading ninjs news items (3.x in camelCase, 2.x in lowercase, and 1.x with its single and
//! pattern fields and its objects keyed by name) into Copydesk stories. Nothing here panics,
//! whatever the input, and nothing follows the input's depth with recursion.

mod generations;
mod moments;
mod parts;

use std::collections::HashMap;
use std::path::Path;

use chrono::Utc;
use serde_json::{Map, Value};
use thiserror::Error;

use crate::article::{Article, Status, slug};
use crate::export::ninjs::{KEPT_KEY, image_is_empty};
use crate::format::{self, LoadError};
use crate::markup::Block;
use crate::markup::write as markup;
use generations::{legacy_item, rename_keys};
use moments::{take_date, to_stamp};
pub use parts::split_byline;
use parts::{
    anchored, is_related, picture_from, related_from, str_field, take_body, take_description,
    take_headlines, take_subjects,
};

/// Why a file could not be imported as a story.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read, or is not JSON text (with line and column when known).
    #[error("{0}")]
    Load(LoadError),
    /// The file holds NUL bytes.
    #[error(
        "this is a binary file, not a ninjs news item; import a .json file from a news agency or newsroom system"
    )]
    Binary,
    /// The JSON is not an object.
    #[error(
        "the file holds a JSON {found}, not a ninjs news item (one JSON object with a \"uri\"); import a ninjs .json file"
    )]
    NotAnObject {
        /// What the JSON holds instead ("array", "string"…).
        found: &'static str,
    },
    /// A Copydesk story: it should be opened, not imported.
    #[error(
        "this is a Copydesk article, not a ninjs news item; open it directly (copydesk STORY.json) instead of importing it"
    )]
    CopydeskArticle,
    /// A JSON object with no `uri`.
    #[error(
        "the file holds JSON but not a ninjs news item: it has no \"uri\" text, which every ninjs item has; check that this is the ninjs file you meant"
    )]
    NotNinjs,
    /// The item has neither a headline nor a body (nor a picture): it would import as an
    /// empty draft.
    #[error("{}", nothing_to_import(fields))]
    NothingToImport {
        /// The item's top-level fields, named as in the file.
        fields: Vec<String>,
    },
    /// A ninjs version Copydesk does not read.
    #[error(
        "the file is ninjs version {found}; Copydesk imports ninjs 1.x, 2.x and 3.x. Ask the sender for a ninjs 3 file"
    )]
    UnsupportedVersion {
        /// The version the item gives.
        found: String,
    },
}

/// Whether a top-level field of any generation names a headline or a body.
fn is_text_field(name: &str) -> bool {
    matches!(name, "headlines" | "headline" | "title" | "bodies")
        || name.starts_with("headline_")
        || name.starts_with("body_")
}

/// How many of an item's field names an error message lists.
const FIELDS_SHOWN: usize = 12;

/// The message of [`ImportError::NothingToImport`]: what the item holds, and what it lacks.
fn nothing_to_import(fields: &[String]) -> String {
    let quoted = |names: &[&String]| {
        let mut list: Vec<String> = names
            .iter()
            .take(FIELDS_SHOWN)
            .map(|n| format!("\"{}\"", n.chars().take(60).collect::<String>()))
            .collect();
        if names.len() > FIELDS_SHOWN {
            list.push(format!("{} more", names.len() - FIELDS_SHOWN));
        }
        list.join(", ")
    };
    let all: Vec<&String> = fields.iter().collect();
    let text: Vec<&String> = fields.iter().filter(|f| is_text_field(f)).collect();
    let holds = if text.is_empty() {
        format!(
            "its fields are {}, and none of them is a headline (headlines, headline, \
             headline_ROLE, title) or a body (bodies, body_html, body_text, body_ROLE)",
            quoted(&all)
        )
    } else {
        format!(
            "{} {} there but hold{} no text (its fields: {})",
            quoted(&text),
            if text.len() == 1 { "is" } else { "are" },
            if text.len() == 1 { "s" } else { "" },
            quoted(&all)
        )
    };
    format!(
        "the ninjs item has no headline and no body, so it would import as an empty story: \
         {holds}; check that this is the item you meant, or ask the sender for it with its text"
    )
}

impl ImportError {
    /// Line and column of the fault in the file, when it has one.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            ImportError::Load(e) => e.location(),
            _ => None,
        }
    }
}

impl From<LoadError> for ImportError {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Binary => ImportError::Binary,
            other => ImportError::Load(other),
        }
    }
}

/// Imports a ninjs file.
pub fn import_file(path: &Path) -> Result<Article, ImportError> {
    let bytes = format::read_capped(path)?;
    import_bytes(&bytes)
}

/// Imports a ninjs item from the bytes of a file.
pub fn import_bytes(bytes: &[u8]) -> Result<Article, ImportError> {
    import_value(format::parse_json(bytes)?)
}

/// Imports a parsed ninjs item.
pub fn import_value(value: Value) -> Result<Article, ImportError> {
    let map = match value {
        Value::Object(m) => m,
        other => {
            return Err(ImportError::NotAnObject {
                found: json_kind(&other),
            });
        }
    };
    if map
        .get("format")
        .and_then(Value::as_str)
        .is_some_and(|f| f == format::FORMAT_NAME)
    {
        return Err(ImportError::CopydeskArticle);
    }
    let fields: Vec<String> = map.keys().cloned().collect();
    let mut map = legacy_item(rename_keys(map));
    match map.get("uri") {
        Some(Value::String(u)) if !u.trim().is_empty() => {}
        _ => return Err(ImportError::NotNinjs),
    }
    if let Some(v) = map
        .get("standard")
        .and_then(|s| s.get("version"))
        .and_then(Value::as_str)
    {
        let major = v
            .split('.')
            .next()
            .and_then(|m| m.trim().parse::<u32>().ok());
        if major.is_some_and(|m| m >= 4) {
            return Err(ImportError::UnsupportedVersion {
                found: v.to_owned(),
            });
        }
    }
    map.shift_remove("standard");
    let built = build(map);
    if built.article.headline.trim().is_empty() && !built.has_body && built.article.image.is_none()
    {
        return Err(ImportError::NothingToImport { fields });
    }
    Ok(built.article)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false value",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}
// ---------- the story ----------

/// A story built from an item, and whether the item gave it any body text.
struct Built {
    article: Article,
    has_body: bool,
}

fn build(mut m: Map<String, Value>) -> Built {
    let mut a = Article::new();
    a.language = String::new();
    a.status = Status::Draft;

    if let Some(id) = m
        .get("uri")
        .and_then(Value::as_str)
        .and_then(|u| u.trim().strip_prefix("urn:uuid:"))
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
    {
        a.id = id;
        m.shift_remove("uri");
    }

    let item_type = m
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("text")
        .to_owned();
    let picture_item = matches!(item_type.as_str(), "picture" | "graphic");

    // Headlines
    let (headline, seo) = take_headlines(&mut m);
    a.headline = headline
        .or_else(|| {
            m.get("title")
                .and_then(Value::as_str)
                .map(|t| t.trim().to_owned())
        })
        .unwrap_or_default();
    a.seo_headline = seo.unwrap_or_default();

    // Dates
    let first = take_date(&mut m, "firstCreated");
    let version = take_date(&mut m, "versionCreated");
    let content = take_date(&mut m, "contentCreated");
    let embargo = take_date(&mut m, "embargoedUntil");
    a.published = first
        .or(if content.is_none() { version } else { None })
        .map(to_stamp);
    a.updated = match (first, version) {
        (Some(f), Some(v)) if f.0 != v.0 => Some(to_stamp(v)),
        _ => None,
    };
    let now = Utc::now();
    a.created = content
        .or(first)
        .or(version)
        .map(|d| d.0.with_timezone(&Utc))
        .unwrap_or(now);
    a.modified = version
        .or(first)
        .or(content)
        .map(|d| d.0.with_timezone(&Utc))
        .unwrap_or(a.created);
    a.embargo = embargo.map(to_stamp);

    if let Some(Value::String(l)) = m.get("language") {
        a.language = l.trim().to_owned();
        m.shift_remove("language");
    }

    // Picture: the item itself for a picture item, else its first picture association.
    let mut associations: Vec<Value> = match m.shift_remove("associations") {
        Some(Value::Array(list)) => list,
        Some(other) => {
            m.insert("associations".into(), other);
            Vec::new()
        }
        None => Vec::new(),
    };
    if picture_item {
        let original = m.clone();
        let img = picture_from(&mut m);
        if image_is_empty(&img) {
            m = original;
        } else {
            a.image = Some(img);
        }
    } else {
        if let Some(Value::String(by)) = m.get("by") {
            a.byline = split_byline(by);
            m.shift_remove("by");
        }
        a.standfirst = take_description(&mut m, &["summary", "abstract", "standfirst"], false)
            .unwrap_or_default();
        let pic = associations.iter().position(|x| {
            x.get("type").and_then(Value::as_str) == Some("picture") && x.is_object()
        });
        if let Some(i) = pic
            && let Some(Value::Object(original)) = associations.get(i).cloned()
        {
            let mut p = original;
            let img = picture_from(&mut p);
            if !image_is_empty(&img) {
                associations.remove(i);
                a.image = Some(img);
            }
        }
    }

    // Related links: text associations.
    let mut names: HashMap<String, String> = HashMap::new();
    let mut kept_assoc = Vec::new();
    for x in associations {
        match x {
            Value::Object(mut r) if is_related(&r) => {
                let name = str_field(&r, "name").map(str::to_owned);
                let link = related_from(&mut r, &a);
                if let Some(name) = name {
                    names.entry(name).or_insert_with(|| link.id.clone());
                }
                a.related.push(link);
            }
            other => kept_assoc.push(other),
        }
    }
    if !kept_assoc.is_empty() {
        m.insert("associations".into(), Value::Array(kept_assoc));
    }

    // Slugline, section and keywords
    if let Some(Value::String(s)) = m.get("slugline") {
        let s = s.trim().to_owned();
        m.shift_remove("slugline");
        a.slug = if s == slug::slugify(&a.headline) {
            String::new()
        } else {
            s
        };
    }
    take_subjects(&mut m, &mut a);

    // Body
    let body = take_body(&mut m, &names);
    let mut blocks = body.blocks;
    if let Some(n) = body.nitf {
        // What the item lacks, its NITF body may say.
        if a.headline.trim().is_empty() {
            a.headline = n.headline.unwrap_or_default();
        }
        if a.byline.is_empty()
            && let Some(by) = n.byline
        {
            a.byline = split_byline(&by);
        }
        if a.standfirst.trim().is_empty() {
            a.standfirst = n.summary.unwrap_or_default();
        }
    }
    let has_body = !blocks.is_empty();
    let placed = anchored(&blocks);
    for link in &a.related {
        if !placed.contains(&link.id) {
            blocks.push(Block::Related(link.id.clone()));
        }
    }
    a.body = markup::write(&blocks);

    if !m.is_empty() {
        a.extra.insert(KEPT_KEY.into(), Value::Object(m));
    }
    Built {
        article: a,
        has_body,
    }
}
// ---------- dates ----------

#[cfg(test)]
mod tests;
