//! Older ninjs generations brought to the 3.x shape before a story is built: 2.x's lowercase
//! names and 1.x's single fields become 3.x's arrays with roles.
//!
//! Nothing here follows the input's depth with recursion: the walks keep their own work lists.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::export::ninjs::ROLE_MAIN;
use crate::import::nitf;

use super::parts::looks_like_html;

// ---------- keys: 2.x lowercase and 1.x fields ----------

/// ninjs 2.x keys, lowercase, and their 3.x names.
pub(super) const RENAMES: &[(&str, &str)] = &[
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

/// ninjs 1.x item fields named in the singular (or otherwise) and their 3.x names. Renamed on
/// an item and its associations only: deeper down these words can be ordinary keys.
pub(super) const ITEM_RENAMES_1X: &[(&str, &str)] = &[
    ("person", "people"),
    ("organisation", "organisations"),
    ("place", "places"),
    ("subject", "subjects"),
    ("event", "events"),
    ("object", "objects"),
    ("infosource", "infoSources"),
    ("trustindicator", "trustIndicators"),
    ("genre", "genres"),
    ("$standard", "standard"),
];

/// Renames 2.x keys to their 3.x names at every level (a 3.x key already there wins).
pub(super) fn rename_keys(map: Map<String, Value>) -> Map<String, Value> {
    let mut root = Value::Object(map);
    // A work list, not recursion: the item may nest as deep as its JSON does.
    let mut pending: Vec<&mut Value> = vec![&mut root];
    while let Some(v) = pending.pop() {
        match v {
            Value::Object(m) => {
                let old = std::mem::take(m);
                *m = rename_shallow(old, RENAMES);
                pending.extend(m.values_mut());
            }
            Value::Array(list) => pending.extend(list.iter_mut()),
            _ => {}
        }
    }
    match root {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// One object's keys renamed by `table`, in their order; a new name already there wins.
fn rename_shallow(map: Map<String, Value>, table: &[(&str, &str)]) -> Map<String, Value> {
    let has: HashSet<String> = map.keys().cloned().collect();
    let mut out = Map::with_capacity(map.len());
    for (k, v) in map {
        let new = table
            .iter()
            .find(|(old, _)| *old == k)
            .map(|(_, new)| *new)
            .filter(|new| !has.contains(*new));
        out.insert(new.map(str::to_owned).unwrap_or(k), v);
    }
    out
}

// ---------- 1.x items ----------

/// Format words a 1.x pattern field's name may carry (`body_html`, `description_text`,
/// `headline_main_html`) and the content types they stand for.
const FORMATS: &[(&str, &str)] = &[
    ("html", "text/html"),
    ("xhtml", "application/xhtml+xml"),
    ("richtext", "text/html"),
    ("text", "text/plain"),
    ("plain", "text/plain"),
    ("txt", "text/plain"),
    ("nitf", "application/nitf+xml"),
    ("xml", "application/xml"),
];

/// How a 1.x pattern field whose name gives no format is read.
#[derive(Clone, Copy)]
enum Sniff {
    /// As plain text (headlines: a headline is kept as typed).
    Never,
    /// As HTML (or NITF) when its text looks like markup, else plain text.
    ByContent,
}

/// Moves the ninjs 1.x fields agencies still send to their 3.x places, on the item and on
/// every association it holds (however deep, without recursion):
///
/// - `headline` and every `headline_ROLE` become `headlines` (`headline` with role `main`);
/// - `body_html`, `body_text`, `body_xhtml` and every `body_ROLE` become `bodies` (a name
///   without a format word is HTML or text by its content);
/// - `description_text`, `description_html` and every `description_ROLE` become
///   `descriptions`;
/// - `byline` becomes `by`; `person`, `subject`, `place`… become `people`, `subjects`,
///   `places`…; `$standard` becomes `standard`;
/// - `renditions` and `associations` given as objects keyed by name become arrays, the key
///   becoming each entry's `name` (a rendition's `mimetype` becoming its `contentType`);
/// - `altIds` given as an object becomes an array of `{role, value}`.
///
/// A 3.x array already there wins: the 1.x fields then stay as they are.
pub(super) fn legacy_item(mut m: Map<String, Value>) -> Map<String, Value> {
    legacy_fields(&mut m);
    // A work list of associations still to convert, not recursion.
    let mut pending: Vec<&mut Map<String, Value>> = associations_of(&mut m);
    while let Some(a) = pending.pop() {
        legacy_fields(a);
        pending.extend(associations_of(a));
    }
    m
}

/// The object entries of an item's `associations` array.
fn associations_of(m: &mut Map<String, Value>) -> Vec<&mut Map<String, Value>> {
    match m.get_mut("associations") {
        Some(Value::Array(list)) => list.iter_mut().filter_map(Value::as_object_mut).collect(),
        _ => Vec::new(),
    }
}

/// The 1.x conversions on one item or association, not on what it holds.
fn legacy_fields(m: &mut Map<String, Value>) {
    *m = rename_shallow(std::mem::take(m), ITEM_RENAMES_1X);
    if !m.contains_key("headlines") {
        let mut headlines = Vec::new();
        if let Some(Value::String(h)) = m.get("headline").cloned() {
            m.shift_remove("headline");
            headlines.push(json!({"role": ROLE_MAIN, "value": h}));
        }
        headlines.extend(take_pattern(m, "headline_", Sniff::Never));
        if !headlines.is_empty() {
            m.insert("headlines".into(), Value::Array(headlines));
        }
    }
    if !m.contains_key("bodies") {
        let bodies = take_pattern(m, "body_", Sniff::ByContent);
        if !bodies.is_empty() {
            m.insert("bodies".into(), Value::Array(bodies));
        }
    }
    if !m.contains_key("descriptions") {
        let descriptions = take_pattern(m, "description_", Sniff::ByContent);
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
    if let Some(Value::Object(named)) = m.get("renditions") {
        let list = named_to_list(named.clone(), |r| {
            if !r.contains_key("contentType")
                && let Some(ct) = r.shift_remove("mimetype")
            {
                r.insert("contentType".into(), ct);
            }
        });
        m.insert("renditions".into(), Value::Array(list));
    }
    if let Some(Value::Object(named)) = m.get("associations") {
        let list = named_to_list(named.clone(), |_| {});
        m.insert("associations".into(), Value::Array(list));
    }
    if let Some(Value::Object(ids)) = m.get("altIds")
        && ids.values().all(Value::is_string)
    {
        let list = ids
            .iter()
            .map(|(role, value)| json!({"role": role, "value": value}))
            .collect();
        m.insert("altIds".into(), Value::Array(list));
    }
}

/// The 1.x form of `renditions` and `associations`, an object keyed by name, as a 3.x array:
/// each key becomes its entry's `name` (a text `name` the entry gives itself wins), in order.
/// An entry that is not an object stays as it is, for the schema gate to judge on export.
fn named_to_list(named: Map<String, Value>, fix: impl Fn(&mut Map<String, Value>)) -> Vec<Value> {
    named
        .into_iter()
        .map(|(name, v)| match v {
            Value::Object(mut entry) => {
                let mut with_name = Map::with_capacity(entry.len() + 1);
                let own_name = match entry.shift_remove("name") {
                    Some(Value::String(n)) => n,
                    _ => name,
                };
                with_name.insert("name".into(), json!(own_name));
                with_name.extend(entry);
                fix(&mut with_name);
                Value::Object(with_name)
            }
            other => other,
        })
        .collect()
}

/// Takes every `PREFIXrole` text field (`headline_short`, `body_main`, `description_caption`)
/// as 3.x entries in the item's order: the words of the name after the prefix that are format
/// words give the content type, the others (joined by `_`) the role.
fn take_pattern(m: &mut Map<String, Value>, prefix: &str, sniff: Sniff) -> Vec<Value> {
    let keys: Vec<String> = m
        .iter()
        .filter(|(k, v)| v.is_string() && k.len() > prefix.len() && k.starts_with(prefix))
        .map(|(k, _)| k.clone())
        .collect();
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(Value::String(value)) = m.shift_remove(&key) else {
            continue;
        };
        let suffix = key.get(prefix.len()..).unwrap_or("");
        let mut content_type = None;
        let mut role = Vec::new();
        for word in suffix.split('_').filter(|w| !w.is_empty()) {
            let lower = word.to_ascii_lowercase();
            match FORMATS.iter().find(|(f, _)| *f == lower) {
                Some((_, ct)) if content_type.is_none() => content_type = Some(*ct),
                _ => role.push(word),
            }
        }
        let content_type = content_type.or(match sniff {
            Sniff::Never => None,
            Sniff::ByContent if nitf::looks_like_nitf(&value) => Some("application/nitf+xml"),
            Sniff::ByContent if looks_like_html(&value) => Some("text/html"),
            Sniff::ByContent => Some("text/plain"),
        });
        let mut entry = Map::new();
        if !role.is_empty() {
            entry.insert("role".into(), json!(role.join("_")));
        }
        if let Some(ct) = content_type {
            entry.insert("contentType".into(), json!(ct));
        }
        entry.insert("value".into(), json!(value));
        out.push(Value::Object(entry));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn pattern_fields_become_entries_with_roles() {
        let m = legacy_item(obj(json!({
            "uri": "x",
            "headline": "Main",
            "headline_short": "Short",
            "headline_seo_html": "<b>Seo</b>",
            "body_main": "<p>Hi</p>",
            "body_teaser": "Plain teaser",
            "description_summary": "Sum",
            "description_text": "Text"
        })));
        assert_eq!(
            m["headlines"],
            json!([
                {"role": "main", "value": "Main"},
                {"role": "short", "value": "Short"},
                {"role": "seo", "contentType": "text/html", "value": "<b>Seo</b>"}
            ])
        );
        assert_eq!(
            m["bodies"],
            json!([
                {"role": "main", "contentType": "text/html", "value": "<p>Hi</p>"},
                {"role": "teaser", "contentType": "text/plain", "value": "Plain teaser"}
            ])
        );
        assert_eq!(
            m["descriptions"],
            json!([
                {"role": "summary", "contentType": "text/plain", "value": "Sum"},
                {"contentType": "text/plain", "value": "Text"}
            ])
        );
        assert!(!m.contains_key("headline_short"));
    }

    #[test]
    fn object_renditions_and_associations_become_arrays() {
        let m = legacy_item(obj(json!({
            "uri": "x",
            "renditions": {"thumb": {"href": "https://a.example/t.jpg", "mimetype": "image/jpeg"}},
            "associations": {"pic": {"uri": "p", "renditions": {"big": {"href": "https://a.example/b.jpg"}}}},
            "subject": [{"name": "Politics"}],
            "altids": {"agency": "123"}
        })));
        assert_eq!(
            m["renditions"],
            json!([{"name": "thumb", "href": "https://a.example/t.jpg", "contentType": "image/jpeg"}])
        );
        assert_eq!(
            m["associations"],
            json!([{"name": "pic", "uri": "p", "renditions": [{"name": "big", "href": "https://a.example/b.jpg"}]}])
        );
        assert_eq!(m["subjects"], json!([{"name": "Politics"}]));
        // altids is renamed by rename_keys in an import; here it stays as sent
        assert!(m.contains_key("altids"));
    }

    #[test]
    fn deep_associations_convert_without_recursion() {
        let mut v = json!({"uri": "leaf", "headline_main": "Deep"});
        for i in 0..100 {
            v = json!({"uri": format!("u{i}"), "associations": {"a": v}});
        }
        let mut m = legacy_item(obj(v));
        for _ in 0..100 {
            m = obj(m["associations"][0].clone());
        }
        assert_eq!(m["headlines"], json!([{"role": "main", "value": "Deep"}]));
    }
}
