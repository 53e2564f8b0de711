//! Tests of the ninjs schema gate.

use super::*;

#[test]
fn the_schema_compiles() {
    assert!(validator().is_ok(), "{:?}", validator().err());
}

#[test]
fn the_last_resort_is_valid() {
    let own = Own {
        item: Map::new(),
        picture: None,
        related: Vec::new(),
    };
    let c = bare(&own, "test");
    assert!(is_valid(&c.item), "{}", c.item);
}

#[test]
fn depth_is_measured_without_recursion() {
    let mut v = json!(1);
    for _ in 0..10_000 {
        v = Value::Array(vec![v]);
    }
    assert!(depth_over(&v, MAX_KEPT_DEPTH));
    assert!(!depth_over(&json!({"a": [{"b": 1}]}), 3));
    assert!(depth_over(&json!({"a": [{"b": 1}]}), 2));
    // Dropping a deeply nested value recurses in serde_json; take it apart by hand.
    let mut pending = vec![v];
    while let Some(v) = pending.pop() {
        if let Value::Array(a) = v {
            pending.extend(a);
        }
    }
}

#[test]
fn field_names_use_rendition_and_association_names() {
    let item = json!({
        "renditions": [{"name": "thumbnmail", "width": "x"}],
        "associations": [{"name": "mainpic", "renditions": [{"href": "h"}]}],
        "subjects": [{"name": "Politics"}, {"name": "Economy", "uri": 5}]
    });
    let p = |segs: &[Seg]| field_name(&item, segs);
    let k = |s: &str| Seg::Key(s.into());
    assert_eq!(
        p(&[k("renditions"), Seg::Index(0)]),
        "renditions.thumbnmail"
    );
    assert_eq!(
        p(&[k("renditions"), Seg::Index(0), k("width")]),
        "renditions.thumbnmail.width"
    );
    assert_eq!(
        p(&[
            k("associations"),
            Seg::Index(0),
            k("renditions"),
            Seg::Index(0)
        ]),
        "associations.mainpic.renditions[0]"
    );
    assert_eq!(
        p(&[k("subjects"), Seg::Index(1), k("uri")]),
        "subjects[1].uri"
    );
    assert_eq!(p(&[]), "(the item)");
}
