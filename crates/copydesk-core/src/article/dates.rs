//! Dates as a newsroom uses them: a day, an optional time of day, and the time zone the desk
//! works in, written out in house style ("4th July 2016").
//!
//! A story's dates are kept as wall-clock date and time plus an IANA zone, not as a UTC
//! instant: "4 July 2016, Europe/London" is what the journalist typed and what readers see,
//! and the UTC offset (BST, +01:00) follows from it. chrono has no ordinal day format, so the
//! house styles are written here.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A moment in a story's life: publication, update or embargo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The calendar date, in the stamp's zone.
    pub date: NaiveDate,
    /// The time of day, when known. The reference story gives only a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<NaiveTime>,
    /// IANA time zone, such as `Europe/London`.
    pub zone: Tz,
}

impl Stamp {
    /// A stamp for `date` (and `time`, when known) in `zone`.
    pub fn new(date: NaiveDate, time: Option<NaiveTime>, zone: Tz) -> Self {
        Stamp { date, time, zone }
    }

    /// The wall-clock date and time (midnight when no time is set).
    pub fn local(&self) -> NaiveDateTime {
        self.date.and_time(self.time.unwrap_or(NaiveTime::MIN))
    }

    /// The instant this stamp names. A wall-clock time that falls in a daylight-saving gap
    /// (02:30 on the morning clocks go forward) is read as the first valid time after it; one
    /// that happens twice when clocks go back is read as the first.
    pub fn resolve(&self) -> DateTime<Tz> {
        let local = self.local();
        if let Some(t) = self.zone.from_local_datetime(&local).earliest() {
            return t;
        }
        // In a gap: step forward a minute at a time (gaps are at most a few hours).
        let mut probe = local;
        for _ in 0..(24 * 60) {
            probe += chrono::Duration::minutes(1);
            if let Some(t) = self.zone.from_local_datetime(&probe).earliest() {
                return t;
            }
        }
        // No zone has a day-long gap; fall back to reading the wall clock as UTC.
        self.zone.from_utc_datetime(&local)
    }

    /// The moment in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.resolve().with_timezone(&Utc)
    }

    /// The zone's abbreviation on that date, such as "BST" or "GMT" for Europe/London.
    pub fn zone_abbreviation(&self) -> String {
        self.resolve().format("%Z").to_string()
    }

    /// RFC 3339 with the UTC offset, such as `2016-07-04T09:00:00+01:00`.
    pub fn to_rfc3339(&self) -> String {
        self.resolve()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }

    /// Whether this moment is still to come at `now`.
    pub fn is_after(&self, now: DateTime<Utc>) -> bool {
        self.to_utc() > now
    }

    /// The date in the given house style.
    pub fn format_date(&self, style: DateStyle) -> String {
        style.format(self.date)
    }
}

/// How dates are written in the preview and the exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// "4th July 2016", the reference story's style.
    #[default]
    OrdinalDayMonthYear,
    /// "4 July 2016".
    DayMonthYear,
    /// "July 4, 2016".
    MonthDayYear,
}

impl DateStyle {
    /// Every style, in the order the View menu lists them.
    pub const ALL: [DateStyle; 3] = [
        DateStyle::OrdinalDayMonthYear,
        DateStyle::DayMonthYear,
        DateStyle::MonthDayYear,
    ];

    /// `date` written in this style: "4th July 2016", "4 July 2016" or "July 4, 2016".
    pub fn format(self, date: NaiveDate) -> String {
        let month = date.format("%B");
        let (day, year) = (date.day(), date.year());
        match self {
            DateStyle::OrdinalDayMonthYear => {
                format!("{day}{} {month} {year}", ordinal_suffix(day))
            }
            DateStyle::DayMonthYear => format!("{day} {month} {year}"),
            DateStyle::MonthDayYear => format!("{month} {day}, {year}"),
        }
    }

    /// An example of the style, for menus.
    pub fn example(self) -> String {
        self.format(NaiveDate::from_ymd_opt(2016, 7, 4).expect("valid date"))
    }
}

/// The English ordinal suffix for a day of the month: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th,
/// 21st, 22nd, 23rd, 31st.
pub fn ordinal_suffix(day: u32) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ordinal_table() {
        let want = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (10, "10th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (14, "14th"),
            (20, "20th"),
            (21, "21st"),
            (22, "22nd"),
            (23, "23rd"),
            (24, "24th"),
            (30, "30th"),
            (31, "31st"),
        ];
        for (day, text) in want {
            assert_eq!(format!("{day}{}", ordinal_suffix(day)), text);
        }
    }

    #[test]
    fn house_styles() {
        let date = d(2016, 7, 4);
        assert_eq!(DateStyle::OrdinalDayMonthYear.format(date), "4th July 2016");
        assert_eq!(DateStyle::DayMonthYear.format(date), "4 July 2016");
        assert_eq!(DateStyle::MonthDayYear.format(date), "July 4, 2016");
        assert_eq!(
            DateStyle::OrdinalDayMonthYear.format(d(2016, 12, 22)),
            "22nd December 2016"
        );
    }

    #[test]
    fn london_summer_and_winter() {
        let summer = Stamp::new(
            d(2016, 7, 4),
            NaiveTime::from_hms_opt(9, 30, 0),
            chrono_tz::Europe::London,
        );
        assert_eq!(summer.zone_abbreviation(), "BST");
        assert_eq!(summer.to_rfc3339(), "2016-07-04T09:30:00+01:00");
        let winter = Stamp::new(d(2016, 12, 4), None, chrono_tz::Europe::London);
        assert_eq!(winter.zone_abbreviation(), "GMT");
        assert_eq!(winter.to_rfc3339(), "2016-12-04T00:00:00+00:00");
    }

    #[test]
    fn gap_time_resolves_forward() {
        // Clocks went forward at 01:00 GMT on 27 March 2016: 01:30 did not exist in London.
        let s = Stamp::new(
            d(2016, 3, 27),
            NaiveTime::from_hms_opt(1, 30, 0),
            chrono_tz::Europe::London,
        );
        assert_eq!(s.to_rfc3339(), "2016-03-27T02:00:00+01:00");
    }

    #[test]
    fn serialises_compactly() {
        let s = Stamp::new(d(2016, 7, 4), None, chrono_tz::Europe::London);
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"date":"2016-07-04","zone":"Europe/London"}"#
        );
    }
}
