//! Dates and times in ninjs items: RFC 3339 with an offset, without one, or a date alone,
//! turned into Copydesk stamps with a zone that gives the same offset.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value};

use super::parts::str_field;
use crate::article::Stamp;

/// A date-time with its offset, and whether only a date was given.
pub(super) type Moment = (DateTime<FixedOffset>, bool);

/// Takes a date field when it can be read; one that cannot stays among the kept fields.
pub(super) fn take_date(m: &mut Map<String, Value>, key: &str) -> Option<Moment> {
    let parsed = str_field(m, key).and_then(parse_moment);
    if parsed.is_some() {
        m.shift_remove(key);
    }
    parsed
}

/// RFC 3339; a date and time without offset (read as UTC); or a date alone.
pub(super) fn parse_moment(s: &str) -> Option<Moment> {
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
pub(super) fn to_stamp((t, date_only): Moment) -> Stamp {
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
