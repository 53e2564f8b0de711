//! The schema gate: every ninjs item Copydesk writes is checked against the ninjs 3.1 schema
//! that ships with it ([`SCHEMA_TEXT`]) before it leaves the export.
//!
//! Copydesk's own fields are valid by construction (the tests hold them to it). The kept
//! fields of an imported item are whatever the agency sent: where one would make the item
//! invalid, the gate leaves out the smallest part of it that the schema complains of (a
//! field of a rendition, a rendition, a subject, a whole field) and says so in a
//! [`LeftOut`]; the story file keeps it. The item the gate lets through is always valid:
//! should Copydesk's own fields ever fail (a bug), they are left out too and reported as
//! Copydesk's, and the last resort is an item with only the story's `uri`.
//!
//! Nothing here follows the item's depth with recursion: kept fields nested deeper than
//! [`MAX_KEPT_DEPTH`] are left out before the schema sees them.

use std::fmt;
use std::sync::LazyLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use jsonschema::{Retrieve, Uri, ValidationError, Validator};
use serde_json::{Map, Value, json};

use super::{KEPT_KEY, Kept, NINJS_VERSION, Own, Owner, Placed, SCHEMA_URI, Seg, assemble};

/// The ninjs 3.1 JSON Schema, as IPTC publishes it (MIT licence, in `schema/` beside it).
pub const SCHEMA_TEXT: &str = include_str!("../../../schema/ninjs-schema_3.1.json");

/// How deep a kept field may nest (objects and lists within it) and still be exported.
/// Real items nest a handful of levels; this bound keeps the check's own depth small.
pub const MAX_KEPT_DEPTH: usize = 32;

/// Rounds of corrections before the gate leaves out every kept field that is left.
const MAX_ROUNDS: usize = 16;

/// Schema errors read in one round; more wait for the next round.
const MAX_FAULTS: usize = 1000;

/// How much of the schema's complaint a message quotes.
const MAX_REASON_CHARS: usize = 200;

/// An exported ninjs item that passed the schema gate, and what the gate left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The item: valid ninjs 3.1.
    pub item: Value,
    /// Fields left out of the item because ninjs 3.1 does not allow them, in the order found.
    pub left_out: Vec<LeftOut>,
}

impl Checked {
    /// The item as text: pretty JSON ending in a newline.
    pub fn text(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.item).unwrap_or_else(|_| "{}".to_owned());
        s.push('\n');
        s
    }
}

/// A field the schema gate left out of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// Where it was in the item: dotted, with renditions and associations by their names
    /// (`renditions.thumbnail.width`, `associations.mainpic.copyrightNotice`, `subjects[2]`).
    pub field: String,
    /// What the schema says is wrong with it.
    pub reason: String,
    /// Whether it was a kept (pass-through) field; `false` for one of Copydesk's own, which
    /// is a bug in Copydesk.
    pub kept: bool,
}

impl fmt::Display for LeftOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kept {
            write!(
                f,
                "kept field {} left out: {}; ninjs 3.1 does not allow it, so the story file \
                 keeps it (under \"{KEPT_KEY}\") but the export does not: correct or remove it \
                 there",
                self.field, self.reason
            )
        } else {
            write!(
                f,
                "Copydesk's field {} left out: {}; this is a bug in Copydesk, please report it \
                 with the story file",
                self.field, self.reason
            )
        }
    }
}

/// The schema has one outside reference, to GeoJSON (a place's geometry): it is read as
/// allowing any value, so nothing is fetched and a place's `geoJSON` passes as sent.
struct Offline;

impl Retrieve for Offline {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        if uri.as_str().starts_with("https://geojson.org/") {
            Ok(json!({}))
        } else {
            Err(format!("the ninjs gate fetches nothing ({})", uri.as_str()).into())
        }
    }
}

static VALIDATOR: LazyLock<Result<Validator, String>> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(SCHEMA_TEXT).map_err(|e| e.to_string())?;
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(Offline)
        .build(&schema)
        .map_err(|e| e.to_string())
});

/// The compiled schema, or why it does not compile (a test makes sure it does).
fn validator() -> Result<&'static Validator, &'static str> {
    VALIDATOR.as_ref().map_err(String::as_str)
}

/// Whether `item` is valid ninjs 3.1 (against the schema shipped with Copydesk).
#[cfg(test)]
fn is_valid(item: &Value) -> bool {
    validator().is_ok_and(|v| v.is_valid(item))
}

/// A place in the item the schema complains of, and what it says.
struct Fault {
    at: Vec<Seg>,
    reason: String,
    /// A complaint about the value itself (a wrong type, format or missing field) rather than
    /// about fields the schema does not know. Unknown-field complaints can follow from a
    /// failure further in (a field whose value fails is then not "evaluated"), so they are
    /// acted on only in a round that has no other complaint.
    direct: bool,
}

/// The schema's complaints about `item`, at most [`MAX_FAULTS`].
fn faults(validator: &Validator, item: &Value) -> Vec<Fault> {
    let mut out = Vec::new();
    for e in validator.iter_errors(item).take(MAX_FAULTS) {
        let at: Vec<Seg> = e
            .instance_path()
            .segments()
            .map(|s| match s {
                LocationSegment::Property(p) => Seg::Key(p.into_owned()),
                LocationSegment::Index(i) => Seg::Index(i),
            })
            .collect();
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                for name in unexpected {
                    let mut path = at.clone();
                    path.push(Seg::Key(name.clone()));
                    out.push(Fault {
                        at: path,
                        reason: format!(
                            "ninjs 3.1 has no field \"{}\" here",
                            clip(name, MAX_REASON_CHARS)
                        ),
                        direct: false,
                    });
                }
            }
            ValidationErrorKind::UnevaluatedItems { .. }
            | ValidationErrorKind::AdditionalItems { .. } => out.push(Fault {
                at,
                reason: reason(&e),
                direct: false,
            }),
            _ => out.push(Fault {
                at,
                reason: reason(&e),
                direct: true,
            }),
        }
    }
    if out.iter().any(|f| f.direct) {
        out.retain(|f| f.direct);
    }
    out
}

/// The schema's complaint as a short sentence.
fn reason(e: &ValidationError<'_>) -> String {
    clip(&e.to_string(), MAX_REASON_CHARS)
}

/// At most `max` characters of `s`, with "…" where it was cut.
fn clip(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// Where a complaint lands among the kept fields.
enum Landing {
    /// Inside one kept field: its owner and the path within the owner's kept fields.
    Kept(Owner, Vec<Seg>),
    /// On something of Copydesk's that holds kept fields (a list with kept entries added):
    /// those kept fields, each as [`Placed`].
    Around(Vec<Placed>),
    /// On Copydesk's own field.
    Own,
}

fn land(placed: &[Placed], at: &[Seg]) -> Landing {
    if let Some(p) = placed.iter().find(|p| at.starts_with(&p.at)) {
        let mut from = p.from.clone();
        from.extend(at.iter().skip(p.at.len()).cloned());
        return Landing::Kept(p.owner, from);
    }
    let inside: Vec<Placed> = placed
        .iter()
        .filter(|p| p.at.starts_with(at))
        .cloned()
        .collect();
    if inside.is_empty() {
        Landing::Own
    } else {
        Landing::Around(inside)
    }
}

/// A kept field to leave out: whose, where, its name in the item, and why.
struct Removal {
    owner: Owner,
    from: Vec<Seg>,
    left_out: LeftOut,
}

/// Checks the item that `own` and `kept` make, leaving out what ninjs 3.1 does not allow.
pub(crate) fn check(own: &Own, mut kept: Kept) -> Checked {
    let Ok(validator) = validator() else {
        return bare(own, "the ninjs 3.1 schema could not be read");
    };
    let mut left_out = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let (m, placed) = assemble(own, &kept);
        let item = Value::Object(m);
        let mut removals = too_deep(&item, &placed);
        if removals.is_empty() {
            if validator.is_valid(&item) {
                return Checked { item, left_out };
            }
            let mut own_fault = false;
            for f in faults(validator, &item) {
                match land(&placed, &f.at) {
                    Landing::Kept(owner, from) => removals.push(Removal {
                        owner,
                        from,
                        left_out: LeftOut {
                            field: field_name(&item, &f.at),
                            reason: f.reason,
                            kept: true,
                        },
                    }),
                    Landing::Around(inside) => {
                        for p in inside {
                            removals.push(Removal {
                                owner: p.owner,
                                left_out: LeftOut {
                                    field: field_name(&item, &p.at),
                                    reason: format!(
                                        "{} (at {})",
                                        f.reason,
                                        field_name(&item, &f.at)
                                    ),
                                    kept: true,
                                },
                                from: p.from,
                            });
                        }
                    }
                    Landing::Own => own_fault = true,
                }
            }
            if own_fault && removals.is_empty() {
                // Copydesk's own fields fail: a bug. They are corrected on their own, without
                // the kept fields, whose places would no longer be known.
                return own_only(
                    validator,
                    own,
                    &kept,
                    left_out,
                    "Copydesk's own fields failed the schema, so no kept field is exported",
                );
            }
        }
        if !apply(&mut kept, removals, &mut left_out) {
            break;
        }
    }
    own_only(
        validator,
        own,
        &kept,
        left_out,
        "the item was still not valid after the gate's corrections, so no kept field is exported",
    )
}

/// Leaves the removals out of the kept fields, deepest and last first so that the places of
/// the others stay right, and notes them.
/// Whether anything was left out.
fn apply(kept: &mut Kept, mut removals: Vec<Removal>, left_out: &mut Vec<LeftOut>) -> bool {
    removals.sort_by(|a, b| (b.owner, &b.from).cmp(&(a.owner, &a.from)));
    removals.dedup_by(|a, b| a.owner == b.owner && a.from == b.from);
    let chosen: Vec<(Owner, Vec<Seg>)> =
        removals.iter().map(|r| (r.owner, r.from.clone())).collect();
    let mut noted = Vec::new();
    for r in removals {
        let inside_another = chosen.iter().any(|(owner, from)| {
            *owner == r.owner && from.len() < r.from.len() && r.from.starts_with(from)
        });
        if inside_another {
            continue;
        }
        let removed = kept
            .of_owner(r.owner)
            .is_some_and(|map| remove_in_map(map, &r.from));
        if removed {
            noted.push(r.left_out);
        }
    }
    // Noted in the item's order, not the order of removal.
    noted.reverse();
    let any = !noted.is_empty();
    left_out.extend(noted);
    any
}

/// Removes what `path` names from `map`; whether it named something.
fn remove_in_map(map: &mut Map<String, Value>, path: &[Seg]) -> bool {
    let Some((Seg::Key(first), rest)) = path.split_first() else {
        return false;
    };
    if rest.is_empty() {
        return map.shift_remove(first).is_some();
    }
    map.get_mut(first).is_some_and(|v| remove_in_value(v, rest))
}

/// Removes what `path` (not empty) names inside `v`, walking down without recursion; whether
/// it named something.
fn remove_in_value(v: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut node = v;
    for seg in parents {
        let next = match (node, seg) {
            (Value::Object(m), Seg::Key(k)) => m.get_mut(k),
            (Value::Array(a), Seg::Index(i)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return false,
        }
    }
    match (node, last) {
        (Value::Object(m), Seg::Key(k)) => m.shift_remove(k).is_some(),
        (Value::Array(a), Seg::Index(i)) if *i < a.len() => {
            a.remove(*i);
            true
        }
        _ => false,
    }
}

/// Kept fields nested deeper than [`MAX_KEPT_DEPTH`], to leave out before the schema walks
/// them.
fn too_deep(item: &Value, placed: &[Placed]) -> Vec<Removal> {
    placed
        .iter()
        .filter(|p| value_at(item, &p.at).is_some_and(|v| depth_over(v, MAX_KEPT_DEPTH)))
        .map(|p| Removal {
            owner: p.owner,
            from: p.from.clone(),
            left_out: LeftOut {
                field: field_name(item, &p.at),
                reason: format!("it nests more than {MAX_KEPT_DEPTH} levels deep"),
                kept: true,
            },
        })
        .collect()
}

/// Whether `v` nests more than `max` levels (a scalar is level 0), without recursion.
fn depth_over(v: &Value, max: usize) -> bool {
    let mut pending = vec![(v, 0usize)];
    while let Some((v, d)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match v {
            Value::Object(m) => Box::new(m.values()),
            Value::Array(a) => Box::new(a.iter()),
            _ => continue,
        };
        if d + 1 > max {
            return true;
        }
        pending.extend(children.map(|c| (c, d + 1)));
    }
    false
}

/// The value `path` names in `v`.
fn value_at<'v>(v: &'v Value, path: &[Seg]) -> Option<&'v Value> {
    let mut node = v;
    for seg in path {
        node = match (node, seg) {
            (Value::Object(m), Seg::Key(k)) => m.get(k)?,
            (Value::Array(a), Seg::Index(i)) => a.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// A path in the item as people read it: `renditions.thumbnail.width`, `subjects[2].uri`.
/// Renditions and associations go by their names where they have one.
fn field_name(item: &Value, path: &[Seg]) -> String {
    let mut out = String::new();
    let mut node = Some(item);
    let mut parent_key: Option<&str> = None;
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&clip(k, 60));
                node = node.and_then(|n| n.get(k));
                parent_key = Some(k);
            }
            Seg::Index(i) => {
                let entry = node.and_then(|n| n.get(*i));
                let name = entry
                    .and_then(|e| e.get("name"))
                    .and_then(Value::as_str)
                    .filter(|n| !n.trim().is_empty())
                    .filter(|_| matches!(parent_key, Some("renditions" | "associations")));
                match name {
                    Some(n) => {
                        out.push('.');
                        out.push_str(&clip(n, 60));
                    }
                    None => out.push_str(&format!("[{i}]")),
                }
                node = entry;
                parent_key = None;
            }
        }
    }
    if out.is_empty() {
        out.push_str("(the item)");
    }
    out
}

/// Copydesk's own fields alone, corrected where the schema complains (a bug, reported as
/// such); every kept field still in `kept` is reported as left out, for `why`.
fn own_only(
    validator: &Validator,
    own: &Own,
    kept: &Kept,
    mut left_out: Vec<LeftOut>,
    why: &str,
) -> Checked {
    let (with_kept, placed) = assemble(own, kept);
    let with_kept = Value::Object(with_kept);
    for p in placed {
        left_out.push(LeftOut {
            field: field_name(&with_kept, &p.at),
            reason: why.to_owned(),
            kept: true,
        });
    }
    let mut item = Value::Object(own.item.clone());
    for _ in 0..MAX_ROUNDS {
        if validator.is_valid(&item) {
            return Checked { item, left_out };
        }
        let mut targets: Vec<(Vec<Seg>, String)> = faults(validator, &item)
            .into_iter()
            .filter(|f| !f.at.is_empty())
            .map(|f| (f.at, f.reason))
            .collect();
        targets.sort_by(|a, b| b.0.cmp(&a.0));
        targets.dedup_by(|a, b| a.0 == b.0);
        let paths: Vec<Vec<Seg>> = targets.iter().map(|t| t.0.clone()).collect();
        let mut noted = Vec::new();
        for (at, reason) in targets {
            let inside_another = paths
                .iter()
                .any(|p| p.len() < at.len() && at.starts_with(p));
            if inside_another {
                continue;
            }
            let field = field_name(&item, &at);
            if remove_in_value(&mut item, &at) {
                noted.push(LeftOut {
                    field,
                    reason,
                    kept: false,
                });
            }
        }
        if noted.is_empty() {
            break;
        }
        noted.reverse();
        left_out.extend(noted);
    }
    if validator.is_valid(&item) {
        return Checked { item, left_out };
    }
    let last = bare(own, "Copydesk's own fields could not be made valid");
    left_out.extend(last.left_out);
    Checked {
        item: last.item,
        left_out,
    }
}

/// The last resort: an item with only the story's `uri` and the standard, which is valid.
fn bare(own: &Own, why: &str) -> Checked {
    let uri = match own.item.get("uri") {
        Some(Value::String(u)) => u.clone(),
        _ => "urn:uuid:00000000-0000-0000-0000-000000000000".to_owned(),
    };
    Checked {
        item: json!({
            "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": SCHEMA_URI},
            "uri": uri,
        }),
        left_out: vec![LeftOut {
            field: "(the item)".to_owned(),
            reason: format!("{why}; only its uri is exported"),
            kept: false,
        }],
    }
}

#[cfg(test)]
mod tests;
