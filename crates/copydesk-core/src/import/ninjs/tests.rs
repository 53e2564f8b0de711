use super::*;
use chrono_tz::Tz;
use moments::parse_moment;

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
