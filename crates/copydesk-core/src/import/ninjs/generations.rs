//! Older ninjs generations brought to the 3.x shape before a story is built: 2.x's lowercase
//! names and 1.x's single fields become 3.x's arrays with roles.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::export::ninjs::ROLE_MAIN;

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

/// Renames 2.x keys to their 3.x names at every level (a 3.x key already there wins).
pub(super) fn rename_keys(map: Map<String, Value>) -> Map<String, Value> {
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

pub(super) fn rename_value(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(rename_keys(m)),
        Value::Array(a) => Value::Array(a.into_iter().map(rename_value).collect()),
        other => other,
    }
}

/// Moves ninjs 1.x fields agencies still send (`headline`, `body_html`, `body_text`,
/// `description_text`, `byline`, associations as an object) to their 3.x places.
pub(super) fn legacy_item(mut m: Map<String, Value>) -> Map<String, Value> {
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
