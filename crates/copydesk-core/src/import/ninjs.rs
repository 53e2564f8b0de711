//! Reading ninjs news items (3.x in camelCase, 2.x in lowercase, and the 1.x fields agencies
//! still send) into Copydesk stories. Nothing here panics, whatever the input.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};
use thiserror::Error;

use crate::article::{Article, Image, RelatedLink, Stamp, Status, slug};
use crate::export::ninjs::image_is_empty;
use crate::export::ninjs::{
    KEPT_KEY, REL_KEYWORD, REL_RELATED, REL_SECTION, ROLE_ALT, ROLE_CAPTION, ROLE_MAIN, ROLE_SEO,
};
use crate::export::safe_href;
use crate::format::{self, LoadError};
use crate::import::html as html_in;
use crate::markup::write as markup;
use crate::markup::{Block, Inline};

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
    /// A ninjs version Copydesk does not read.
    #[error(
        "the file is ninjs version {found}; Copydesk imports ninjs 1.x, 2.x and 3.x. Ask the sender for a ninjs 3 file"
    )]
    UnsupportedVersion {
        /// The version the item gives.
        found: String,
    },
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
    Ok(build(map))
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

// ---------- keys: 2.x lowercase and 1.x fields ----------

/// ninjs 2.x keys, lowercase, and their 3.x names.
const RENAMES: &[(&str, &str)] = &[
    ("altids", "altIds"),
    ("charcount", "charCount"),
    ("contactinfo", "contactInfo"),
    ("contentcreated", "contentCreated"),
    ("contenttype", "contentType"),
    ("copyrightholder", "copyrightHolder"),
    ("copyrightnotice", "copyrightNotice"),
    ("ednote", "edNote"),
    ("embargoed", "embargoedUntil"),
    ("encodedrights", "encodedRights"),
    ("firstcreated", "firstCreated"),
    ("geojson", "geoJSON"),
    ("infosources", "infoSources"),
    ("langid", "langId"),
    ("linkedrights", "linkedRights"),
    ("postalcode", "postalCode"),
    ("pubstatus", "pubStatus"),
    ("representationtype", "representationType"),
    ("rightsinfo", "rightsInfo"),
    ("sizeinbytes", "sizeInBytes"),
    ("symboltype", "symbolType"),
    ("trustindicators", "trustIndicators"),
    ("usageterms", "usageTerms"),
    ("versioncreated", "versionCreated"),
    ("wordcount", "wordCount"),
];

/// Renames 2.x keys to their 3.x names at every level (a 3.x key already there wins).
fn rename_keys(map: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::with_capacity(map.len());
    let has: HashSet<String> = map.keys().cloned().collect();
    for (k, v) in map {
        let v = rename_value(v);
        let new = RENAMES
            .iter()
            .find(|(old, _)| *old == k)
            .map(|(_, new)| *new)
            .filter(|new| !has.contains(*new));
        out.insert(new.map(str::to_owned).unwrap_or(k), v);
    }
    out
}

fn rename_value(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(rename_keys(m)),
        Value::Array(a) => Value::Array(a.into_iter().map(rename_value).collect()),
        other => other,
    }
}

/// Moves ninjs 1.x fields agencies still send (`headline`, `body_html`, `body_text`,
/// `description_text`, `byline`, associations as an object) to their 3.x places.
fn legacy_item(mut m: Map<String, Value>) -> Map<String, Value> {
    if !m.contains_key("headlines")
        && let Some(Value::String(h)) = m.get("headline").cloned()
    {
        m.shift_remove("headline");
        m.insert("headlines".into(), json!([{"role": ROLE_MAIN, "value": h}]));
    }
    if !m.contains_key("bodies") {
        let mut bodies = Vec::new();
        for (key, ct) in [
            ("body_html", "text/html"),
            ("body_xhtml", "application/xhtml+xml"),
            ("body_text", "text/plain"),
        ] {
            if let Some(Value::String(b)) = m.get(key).cloned() {
                m.shift_remove(key);
                bodies.push(json!({"contentType": ct, "value": b}));
            }
        }
        if !bodies.is_empty() {
            m.insert("bodies".into(), Value::Array(bodies));
        }
    }
    if !m.contains_key("descriptions") {
        let mut descriptions = Vec::new();
        for (key, ct) in [
            ("description_text", "text/plain"),
            ("description_html", "text/html"),
        ] {
            if let Some(Value::String(d)) = m.get(key).cloned() {
                m.shift_remove(key);
                descriptions.push(json!({"contentType": ct, "value": d}));
            }
        }
        if !descriptions.is_empty() {
            m.insert("descriptions".into(), Value::Array(descriptions));
        }
    }
    if !m.contains_key("by")
        && let Some(Value::String(b)) = m.get("byline").cloned()
    {
        m.shift_remove("byline");
        m.insert("by".into(), json!(b));
    }
    match m.shift_remove("associations") {
        Some(Value::Object(named)) => {
            let list: Vec<Value> = named
                .into_iter()
                .map(|(name, v)| match v {
                    Value::Object(mut a) => {
                        a.entry("name").or_insert(json!(name));
                        Value::Object(legacy_item(a))
                    }
                    other => other,
                })
                .collect();
            m.insert("associations".into(), Value::Array(list));
        }
        Some(Value::Array(list)) => {
            let list = list
                .into_iter()
                .map(|v| match v {
                    Value::Object(a) => Value::Object(legacy_item(a)),
                    other => other,
                })
                .collect();
            m.insert("associations".into(), Value::Array(list));
        }
        Some(other) => {
            m.insert("associations".into(), other);
        }
        None => {}
    }
    m
}

// ---------- the story ----------

fn build(mut m: Map<String, Value>) -> Article {
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
    let blocks = take_body(&mut m, &names);
    let mut blocks = blocks;
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
    a
}

fn str_field<'m>(m: &'m Map<String, Value>, k: &str) -> Option<&'m str> {
    m.get(k).and_then(Value::as_str)
}

/// Whether an entry holds HTML: by its content type or role (and, for bodies only, by its look).
fn is_html(entry: &Map<String, Value>) -> bool {
    is_html_sniffed(entry, false)
}

fn is_html_sniffed(entry: &Map<String, Value>, sniff: bool) -> bool {
    let ct = str_field(entry, "contentType")
        .unwrap_or("")
        .to_ascii_lowercase();
    let role = str_field(entry, "role").unwrap_or("").to_ascii_lowercase();
    ct.contains("html")
        || ct.contains("xml")
        || matches!(role.as_str(), "richtext" | "xhtml" | "html")
        || (sniff && ct.is_empty() && str_field(entry, "value").is_some_and(looks_like_html))
}

fn looks_like_html(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with('<') && s.contains('>')
}

/// Text of an entry: its value, or the words of its HTML.
fn entry_text(entry: &Map<String, Value>) -> Option<String> {
    let v = str_field(entry, "value")?;
    Some(if is_html(entry) {
        html_in::text(v)
    } else {
        markup::collapse(v).trim().to_owned()
    })
}

/// Takes a list field out of the map as entries that are objects; other entries stay.
fn take_list(m: &mut Map<String, Value>, key: &str) -> Vec<Map<String, Value>> {
    match m.shift_remove(key) {
        Some(Value::Array(list)) => {
            let mut objects = Vec::new();
            let mut others = Vec::new();
            for x in list {
                match x {
                    Value::Object(o) => objects.push(o),
                    other => others.push(other),
                }
            }
            if !others.is_empty() {
                m.insert(key.into(), Value::Array(others));
            }
            objects
        }
        Some(other) => {
            m.insert(key.into(), other);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// Puts back entries not used.
fn put_back(m: &mut Map<String, Value>, key: &str, rest: Vec<Map<String, Value>>) {
    if rest.is_empty() {
        return;
    }
    let rest = rest.into_iter().map(Value::Object);
    match m.get_mut(key) {
        Some(Value::Array(list)) => list.extend(rest),
        _ => {
            m.insert(key.into(), Value::Array(rest.collect()));
        }
    }
}

fn take_headlines(m: &mut Map<String, Value>) -> (Option<String>, Option<String>) {
    let mut list = take_list(m, "headlines");
    let role = |e: &Map<String, Value>| str_field(e, "role").unwrap_or("").to_ascii_lowercase();
    let has_value = |e: &Map<String, Value>| str_field(e, "value").is_some();
    let main = list
        .iter()
        .position(|e| has_value(e) && role(e) == ROLE_MAIN)
        .or_else(|| {
            list.iter().position(|e| {
                has_value(e) && matches!(role(e).as_str(), "" | "simple" | "headline" | "default")
            })
        })
        .or_else(|| {
            list.iter()
                .position(|e| has_value(e) && role(e) != ROLE_SEO)
        });
    let main = main.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    let seo = list
        .iter()
        .position(|e| has_value(e) && role(e) == ROLE_SEO)
        .map(|i| list.remove(i))
        .and_then(|e| entry_text(&e));
    put_back(m, "headlines", list);
    (main, seo)
}

/// Takes a description: the first with one of `roles`, else the first in plain text (not an
/// alt text or caption unless `any_role`), else the first in HTML. HTML twins go with it.
fn take_description(m: &mut Map<String, Value>, roles: &[&str], any_role: bool) -> Option<String> {
    let mut list = take_list(m, "descriptions");
    let role = |e: &Map<String, Value>| str_field(e, "role").unwrap_or("").to_ascii_lowercase();
    let usable = |e: &Map<String, Value>| {
        str_field(e, "value").is_some()
            && role(e) != ROLE_ALT
            && (any_role || !matches!(role(e).as_str(), "caption"))
    };
    let pick = list
        .iter()
        .position(|e| usable(e) && roles.contains(&role(e).as_str()))
        .or_else(|| list.iter().position(|e| usable(e) && !is_html(e)))
        .or_else(|| list.iter().position(usable));
    let text = pick.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    if text.is_some() {
        list.retain(|e| !(is_html(e) && role(e) != ROLE_ALT));
    }
    put_back(m, "descriptions", list);
    text
}

fn take_alt(m: &mut Map<String, Value>) -> Option<String> {
    let mut list = take_list(m, "descriptions");
    let i = list.iter().position(|e| {
        str_field(e, "role").is_some_and(|r| r.eq_ignore_ascii_case(ROLE_ALT))
            && str_field(e, "value").is_some()
    });
    let alt = i.map(|i| list.remove(i)).and_then(|e| entry_text(&e));
    put_back(m, "descriptions", list);
    alt
}

/// A picture from an item or association: its best rendition, caption, credit and alt text.
fn picture_from(p: &mut Map<String, Value>) -> Image {
    let mut img = Image::default();
    let alt = take_alt(p);
    match alt {
        Some(a) if a.is_empty() => img.decorative = true,
        Some(a) => img.alt = a,
        None => {}
    }
    img.caption = take_description(p, &[ROLE_CAPTION], true).unwrap_or_default();
    if let Some(Value::String(by)) = p.get("by") {
        img.credit = by.trim().to_owned();
        p.shift_remove("by");
    } else if let Some(Value::String(holder)) = p.get("copyrightHolder") {
        img.credit = holder.trim().to_owned();
    }
    let mut renditions = take_list(p, "renditions");
    let href = |r: &Map<String, Value>| {
        str_field(r, "href")
            .and_then(safe_href)
            .filter(|h| h.starts_with("http"))
    };
    let name = |r: &Map<String, Value>| str_field(r, "name").unwrap_or("").to_ascii_lowercase();
    let preferred = ["original", "highres", "baseimage", "main", "viewimage"];
    let pick = preferred
        .iter()
        .find_map(|want| {
            renditions
                .iter()
                .position(|r| href(r).is_some() && name(r) == *want)
        })
        .or_else(|| {
            renditions
                .iter()
                .enumerate()
                .filter(|(_, r)| href(r).is_some())
                .max_by_key(|(_, r)| r.get("width").and_then(Value::as_u64).unwrap_or(0))
                .map(|(i, _)| i)
        });
    if let Some(i) = pick {
        let r = renditions.remove(i);
        img.source = href(&r).unwrap_or_default();
    }
    put_back(p, "renditions", renditions);
    let uri_is_ours = str_field(p, "uri")
        .is_some_and(|u| u.ends_with("#picture") || (!img.source.is_empty() && u == img.source));
    if uri_is_ours {
        p.shift_remove("uri");
    }
    if str_field(p, "type").is_some_and(|t| t == "picture") {
        p.shift_remove("type");
    }
    if str_field(p, "name").is_some() {
        p.shift_remove("name");
    }
    if !p.is_empty() {
        img.extra
            .insert(KEPT_KEY.into(), Value::Object(std::mem::take(p)));
    }
    img
}

fn is_related(r: &Map<String, Value>) -> bool {
    str_field(r, "type") == Some("text") || str_field(r, "rel") == Some(REL_RELATED)
}

/// Whether an id can stand in a `[[related:ID]]` anchor and be read back the same.
fn good_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

fn related_from(r: &mut Map<String, Value>, a: &Article) -> RelatedLink {
    let mut link = RelatedLink::default();
    let (title, _) = take_headlines(r);
    link.title = title
        .or_else(|| str_field(r, "title").map(|t| t.trim().to_owned()))
        .unwrap_or_default();
    let mut renditions = take_list(r, "renditions");
    let href = |x: &Map<String, Value>| str_field(x, "href").and_then(safe_href);
    let pick = renditions
        .iter()
        .position(|x| href(x).is_some() && str_field(x, "name") == Some("web"))
        .or_else(|| renditions.iter().position(|x| href(x).is_some()));
    if let Some(i) = pick {
        let x = renditions.remove(i);
        link.url = href(&x).unwrap_or_default();
    } else if let Some(u) = str_field(r, "uri").and_then(safe_href) {
        link.url = u;
    }
    put_back(r, "renditions", renditions);
    let uri_is_ours = str_field(r, "uri").is_some_and(|u| {
        u.contains("#related-")
            || (!link.url.is_empty() && safe_href(u).as_deref() == Some(&link.url))
    });
    if uri_is_ours {
        r.shift_remove("uri");
    }
    let name = str_field(r, "name").map(str::to_owned).unwrap_or_default();
    let taken = |id: &str| a.related.iter().any(|l| l.id == id);
    link.id = if good_id(&name) && !taken(&name) {
        name.clone()
    } else {
        a.new_related_id(&link.title)
    };
    if str_field(r, "type") == Some("text") {
        r.shift_remove("type");
    }
    if str_field(r, "rel") == Some(REL_RELATED) {
        r.shift_remove("rel");
    }
    if name == link.id {
        r.shift_remove("name");
    }
    if !r.is_empty() {
        link.extra
            .insert(KEPT_KEY.into(), Value::Object(std::mem::take(r)));
    }
    link
}

fn take_subjects(m: &mut Map<String, Value>, a: &mut Article) {
    let mut list = take_list(m, "subjects");
    let rel = |e: &Map<String, Value>| str_field(e, "rel").unwrap_or("").to_ascii_lowercase();
    let name = |e: &Map<String, Value>| str_field(e, "name").map(|n| n.trim().to_owned());
    if let Some(i) = list
        .iter()
        .position(|e| rel(e) == REL_SECTION && name(e).is_some())
    {
        a.section = name(&list.remove(i)).unwrap_or_default();
    }
    let mut rest = Vec::new();
    for e in list {
        match name(&e) {
            Some(n) if rel(&e) == REL_KEYWORD => {
                if !n.is_empty() {
                    a.tags.push(n);
                }
            }
            _ => rest.push(e),
        }
    }
    put_back(m, "subjects", rest);
    if let Some(Value::Array(words)) = m.get("keywords")
        && words.iter().all(Value::is_string)
    {
        for w in words.iter().filter_map(Value::as_str) {
            let w = w.trim();
            if !w.is_empty() {
                a.tags.push(w.to_owned());
            }
        }
        m.shift_remove("keywords");
    }
}

/// The body blocks, from the first HTML body, else the first plain-text body. Every body is
/// taken: the others are the same story in another form, and an export writes them anew.
fn take_body(m: &mut Map<String, Value>, names: &HashMap<String, String>) -> Vec<Block> {
    let list = take_list(m, "bodies");
    let related = |name: &str| names.get(name).cloned();
    if let Some(e) = list
        .iter()
        .find(|e| is_html_sniffed(e, true) && str_field(e, "value").is_some())
    {
        return html_in::blocks(str_field(e, "value").unwrap_or(""), &related);
    }
    if let Some(v) = list.iter().find_map(|e| str_field(e, "value")) {
        return plain_blocks(v);
    }
    Vec::new()
}

/// Paragraphs of plain text: split at blank lines, or at line ends when there are none.
fn plain_blocks(text: &str) -> Vec<Block> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let has_blank = text
        .split('\n')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0].trim().is_empty() && !w[1].trim().is_empty() && w[0] != w[1]);
    let paras: Vec<String> = if text.contains("\n\n") || has_blank {
        let mut out = Vec::new();
        let mut cur = String::new();
        for line in text.split('\n') {
            if line.trim().is_empty() {
                if !cur.trim().is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            } else {
                cur.push(' ');
                cur.push_str(line);
            }
        }
        if !cur.trim().is_empty() {
            out.push(cur);
        }
        out
    } else {
        text.split('\n').map(str::to_owned).collect()
    };
    let blocks = paras
        .into_iter()
        .map(|p| Block::Paragraph(vec![Inline::Text(html_in::clean(&p))]))
        .collect();
    markup::normalise_blocks(blocks)
}

/// Every related id the blocks anchor.
fn anchored(blocks: &[Block]) -> HashSet<String> {
    fn inl(i: &[Inline], out: &mut HashSet<String>) {
        for x in i {
            match x {
                Inline::Related(id) => {
                    out.insert(id.clone());
                }
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Link { content: c, .. } => {
                    inl(c, out)
                }
                _ => {}
            }
        }
    }
    fn blk(b: &[Block], out: &mut HashSet<String>) {
        for x in b {
            match x {
                Block::Related(id) => {
                    out.insert(id.clone());
                }
                Block::Paragraph(i) | Block::Subheading(i) => inl(i, out),
                Block::Quote(c) => blk(c, out),
                Block::List { items, .. } => {
                    for item in items {
                        blk(item, out);
                    }
                }
                Block::Break => {}
            }
        }
    }
    let mut out = HashSet::new();
    blk(blocks, &mut out);
    out
}

/// "By A, B and C" (or "A and B", "A, B, and C") as a list of names.
pub fn split_byline(by: &str) -> Vec<String> {
    let by = by.trim();
    let by = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| by.strip_prefix(p))
        .unwrap_or(by);
    let mut out = Vec::new();
    for part in by.split(',') {
        for name in part.split(" and ") {
            let name = name.trim();
            let name = name.strip_prefix("and ").unwrap_or(name).trim();
            if !name.is_empty() {
                out.push(name.to_owned());
            }
        }
    }
    out
}

// ---------- dates ----------

/// A date-time with its offset, and whether only a date was given.
type Moment = (DateTime<FixedOffset>, bool);

/// Takes a date field when it can be read; one that cannot stays among the kept fields.
fn take_date(m: &mut Map<String, Value>, key: &str) -> Option<Moment> {
    let parsed = str_field(m, key).and_then(parse_moment);
    if parsed.is_some() {
        m.shift_remove(key);
    }
    parsed
}

/// RFC 3339; a date and time without offset (read as UTC); or a date alone.
fn parse_moment(s: &str) -> Option<Moment> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some((t, false));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some((Utc.from_utc_datetime(&t).fixed_offset(), false));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                .fixed_offset(),
            true,
        ));
    }
    None
}

/// Zones without daylight saving for offsets that are not whole hours.
const HALF_HOUR_ZONES: &[&str] = &[
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Yangon",
    "Asia/Kabul",
    "Asia/Tehran",
    "Australia/Darwin",
    "Australia/Eucla",
    "Pacific/Marquesas",
    "Asia/Colombo",
];

/// A zone that gives this moment's offset: `UTC`, `Etc/GMT-1` for +01:00 and so on, or a zone
/// for half-hour offsets; `UTC` (with the time moved to UTC) when none fits.
fn to_stamp((t, date_only): Moment) -> Stamp {
    if date_only {
        return Stamp::new(t.date_naive(), None, Tz::UTC);
    }
    let secs = t.offset().local_minus_utc();
    let mut candidates: Vec<Tz> = Vec::new();
    if secs == 0 {
        candidates.push(Tz::UTC);
    } else if secs % 3600 == 0 && (-12 * 3600..=14 * 3600).contains(&secs) {
        let hours = secs / 3600;
        // Etc zones count the other way: Etc/GMT-1 is one hour ahead of UTC.
        if let Ok(z) = format!("Etc/GMT{:+}", -hours).parse::<Tz>() {
            candidates.push(z);
        }
    } else {
        candidates.extend(HALF_HOUR_ZONES.iter().filter_map(|z| z.parse::<Tz>().ok()));
    }
    for zone in candidates {
        let local = t.with_timezone(&zone);
        if local.offset().fix().local_minus_utc() != secs {
            continue;
        }
        let time = local.time();
        let stamp = Stamp::new(
            local.date_naive(),
            (time != NaiveTime::MIN).then_some(time),
            zone,
        );
        if stamp.to_utc() == t.with_timezone(&Utc) {
            return stamp;
        }
    }
    let utc = t.with_timezone(&Utc);
    let time = utc.time();
    Stamp::new(
        utc.date_naive(),
        (time != NaiveTime::MIN).then_some(time),
        Tz::UTC,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_split() {
        assert_eq!(
            split_byline("Paulo Santalucia and Frances d'Emilio"),
            vec!["Paulo Santalucia", "Frances d'Emilio"]
        );
        assert_eq!(split_byline("By A, B, and C"), vec!["A", "B", "C"]);
        assert_eq!(split_byline("  "), Vec::<String>::new());
    }

    #[test]
    fn offsets_become_zones() {
        let s = to_stamp(parse_moment("2016-07-04T09:30:00+01:00").unwrap());
        assert_eq!(s.zone.name(), "Etc/GMT-1");
        assert_eq!(s.to_rfc3339(), "2016-07-04T09:30:00+01:00");
        let s = to_stamp(parse_moment("2016-07-04T00:00:00+01:00").unwrap());
        assert_eq!(s.time, None);
        let s = to_stamp(parse_moment("2013-07-09T10:37:00Z").unwrap());
        assert_eq!(s.zone, Tz::UTC);
        let s = to_stamp(parse_moment("2020-01-01T10:00:00+05:30").unwrap());
        assert_eq!(s.to_rfc3339(), "2020-01-01T10:00:00+05:30");
        let s = to_stamp(parse_moment("2020-01-01T10:00:00-02:30").unwrap());
        assert_eq!(s.to_utc().to_rfc3339(), "2020-01-01T12:30:00+00:00");
        assert!(parse_moment("yesterday").is_none());
        assert_eq!(parse_moment("2020-01-01").map(|m| m.1), Some(true));
    }
}
