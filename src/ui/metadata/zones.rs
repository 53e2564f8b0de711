//! The time-zone picker: a button showing the zone's city and its offset on the story's date,
//! opening a list to search by city ("new y"), abbreviation ("EST", "BST") or offset ("+02",
//! "UTC-5"). Offsets and abbreviations are those in force at the date being set (BST for a
//! July story in London, GMT for a January one), not today's.
//! Imported zones that only give an offset (`Etc/GMT-2`, which means UTC+2) are shown as
//! their offset, not as their confusing name.

use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::{OffsetName, Tz};
use egui::{Popup, PopupCloseBehavior, RichText};

use crate::ui::tokens::Tokens;

/// Zones offered first, before every IANA zone.
pub(super) const COMMON_ZONES: [Tz; 12] = [
    chrono_tz::Europe::London,
    chrono_tz::Europe::Dublin,
    chrono_tz::Europe::Paris,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::America::Chicago,
    chrono_tz::America::Los_Angeles,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Asia::Tokyo,
    chrono_tz::Asia::Hong_Kong,
    chrono_tz::Australia::Sydney,
    chrono_tz::UTC,
];

/// Cities a newsroom files from most, after [`COMMON_ZONES`]: a search by offset lists
/// these before the other zones of that offset ("+02" in July: Paris and Berlin, then Madrid
/// and Rome…, and Blantyre after them).
const NEWS_CITIES: &[Tz] = &[
    chrono_tz::Europe::Madrid,
    chrono_tz::Europe::Rome,
    chrono_tz::Europe::Amsterdam,
    chrono_tz::Europe::Brussels,
    chrono_tz::Europe::Vienna,
    chrono_tz::Europe::Zurich,
    chrono_tz::Europe::Stockholm,
    chrono_tz::Europe::Oslo,
    chrono_tz::Europe::Copenhagen,
    chrono_tz::Europe::Warsaw,
    chrono_tz::Europe::Prague,
    chrono_tz::Europe::Lisbon,
    chrono_tz::Europe::Athens,
    chrono_tz::Europe::Helsinki,
    chrono_tz::Europe::Kyiv,
    chrono_tz::Europe::Istanbul,
    chrono_tz::Europe::Moscow,
    chrono_tz::Asia::Jerusalem,
    chrono_tz::Africa::Cairo,
    chrono_tz::Africa::Johannesburg,
    chrono_tz::Africa::Lagos,
    chrono_tz::Africa::Nairobi,
    chrono_tz::Asia::Dubai,
    chrono_tz::Asia::Riyadh,
    chrono_tz::Asia::Tehran,
    chrono_tz::Asia::Karachi,
    chrono_tz::Asia::Dhaka,
    chrono_tz::Asia::Bangkok,
    chrono_tz::Asia::Singapore,
    chrono_tz::Asia::Shanghai,
    chrono_tz::Asia::Seoul,
    chrono_tz::Asia::Jakarta,
    chrono_tz::Asia::Manila,
    chrono_tz::Australia::Melbourne,
    chrono_tz::Pacific::Auckland,
    chrono_tz::America::Toronto,
    chrono_tz::America::Denver,
    chrono_tz::America::Phoenix,
    chrono_tz::America::Mexico_City,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::America::Buenos_Aires,
    chrono_tz::America::Anchorage,
    chrono_tz::Pacific::Honolulu,
];

/// Where a zone stands in a search's list: the common zones, then the news cities, then the
/// other cities, then zones that are only an offset or an old alias (`Etc/GMT-2`, `CET`).
fn rank(zone: Tz) -> (usize, usize) {
    if let Some(i) = COMMON_ZONES.iter().position(|z| *z == zone) {
        return (0, i);
    }
    if let Some(i) = NEWS_CITIES.iter().position(|z| *z == zone) {
        return (1, i);
    }
    let name = zone.name();
    if name.contains('/') && !name.starts_with("Etc/") {
        (2, 0)
    } else {
        (3, 0)
    }
}

/// The zone's offset from UTC at the moment `at` (UTC), in seconds, and its abbreviation
/// then ("BST", "EST").
fn offset_at(zone: Tz, at: NaiveDateTime) -> (i32, String) {
    let at = zone.from_utc_datetime(&at);
    let offset = at.offset().fix().local_minus_utc();
    let abbr = at.offset().abbreviation().unwrap_or_default().to_owned();
    (offset, abbr)
}

/// "UTC+05:30".
pub(super) fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// How a zone is shown: "New York — America/New_York, UTC-05:00 (EST)", or for an offset-only
/// zone "UTC+02:00 (Etc/GMT-2)".
pub(super) fn zone_label(zone: Tz, at: NaiveDateTime) -> String {
    let name = zone.name();
    let (offset, abbr) = offset_at(zone, at);
    if name.starts_with("Etc/") || name == "UTC" {
        return if name == "UTC" {
            "UTC".to_owned()
        } else {
            format!("{} ({name})", offset_text(offset))
        };
    }
    let city = name.rsplit('/').next().unwrap_or(name).replace('_', " ");
    let abbr = if abbr.starts_with(['+', '-']) || abbr.is_empty() {
        String::new()
    } else {
        format!(" ({abbr})")
    };
    format!("{city} — {name}, {}{abbr}", offset_text(offset))
}

/// Reads an offset query: "+02", "-5", "+05:30", "UTC+2", "GMT-03:00". Seconds east of UTC.
fn offset_query(q: &str) -> Option<i32> {
    let q = q
        .trim()
        .trim_start_matches("utc")
        .trim_start_matches("gmt")
        .trim();
    let (sign, rest) = match q.chars().next()? {
        '+' => (1, &q[1..]),
        '-' | '−' => (-1, &q[q.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let (h, m) = match rest.split_once(':') {
        Some((h, m)) => (h, m),
        None if rest.len() == 4 => rest.split_at(2),
        None => (rest, "0"),
    };
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 14 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// Whether `zone` answers the search `query` (already lower case) at the moment `at`.
pub(super) fn matches(zone: Tz, query: &str, at: NaiveDateTime) -> bool {
    let query = query.trim();
    if query.is_empty() {
        return true;
    }
    let (offset, abbr) = offset_at(zone, at);
    if let Some(wanted) = offset_query(query) {
        return offset == wanted;
    }
    let name = zone.name().to_lowercase().replace('_', " ");
    let words = query.replace('_', " ");
    name.contains(&words) || abbr.to_lowercase() == query
}

/// The zones answering `query` at the moment `at`: the common ones first when nothing is
/// typed.
fn found(query: &str, at: NaiveDateTime) -> Vec<Tz> {
    let q = query.to_lowercase();
    if q.trim().is_empty() {
        let mut all: Vec<Tz> = COMMON_ZONES.to_vec();
        all.extend(
            chrono_tz::TZ_VARIANTS
                .iter()
                .filter(|z| !COMMON_ZONES.contains(z)),
        );
        return all;
    }
    let mut zones: Vec<Tz> = chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .filter(|z| matches(*z, &q, at))
        .collect();
    // The cities people mean first; the rest A to Z.
    zones.sort_by_key(|z| (rank(*z), z.name()));
    zones
}

/// The picker for the date named `salt`, at the moment `at` (UTC); `query` is what has been
/// typed into its search. Returns whether the zone changed.
pub(super) fn zone_ui(
    ui: &mut egui::Ui,
    salt: &str,
    zone: &mut Tz,
    query: &mut String,
    at: NaiveDateTime,
) -> bool {
    let mut changed = false;
    let shown = zone_label(*zone, at);
    let button = ui
        .add(egui::Button::new(&shown).truncate())
        .on_hover_text("Choose the time zone: type a city, an abbreviation or an offset");
    // Named after its date ("Publication date time zone") with the zone as its value, so a screen
    // reader says both and each date's picker can be told apart.
    button.widget_info(|| {
        let mut info =
            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, format!("{salt} time zone"));
        info.current_text_value = Some(shown.clone());
        info
    });
    Popup::from_toggle_button_response(&button)
        .id(egui::Id::unique(("copydesk-zone-popup", salt)))
        .close_behavior(PopupCloseBehavior::CloseOnClickOutside)
        .width(360.0)
        .show(|ui| {
            let t = Tokens::of(ui);
            let l = ui.label("Search zones");
            let search = ui
                .add(
                    egui::TextEdit::singleline(query)
                        .hint_text("a city, EST, +02…")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            if !search.has_focus() && query.is_empty() {
                search.request_focus();
            }
            let zones = found(query, at);
            // Enter takes the first zone found: "new y", Enter.
            if search.lost_focus()
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
                && let Some(first) = zones.first()
            {
                *zone = *first;
                changed = true;
                query.clear();
                ui.close();
            }
            if zones.is_empty() {
                ui.label(RichText::new("No zone matches.").color(t.weak));
            }
            let row = ui.text_style_height(&egui::TextStyle::Button) + 4.0;
            egui::ScrollArea::vertical().max_height(300.0).show_rows(
                ui,
                row,
                zones.len(),
                |ui, rows| {
                    for z in &zones[rows] {
                        if ui
                            .selectable_label(*z == *zone, zone_label(*z, at))
                            .clicked()
                        {
                            *zone = *z;
                            changed = true;
                            query.clear();
                            ui.close();
                        }
                    }
                },
            );
        });
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_are_found_by_city_abbreviation_and_offset() {
        let january = chrono::NaiveDate::from_ymd_opt(2024, 1, 10)
            .unwrap()
            .and_hms_opt(12, 0, 0)
            .unwrap();
        let found_names =
            |q: &str| -> Vec<&'static str> { found(q, january).iter().map(|z| z.name()).collect() };
        assert!(found_names("new y").contains(&"America/New_York"));
        assert!(found_names("los angeles").contains(&"America/Los_Angeles"));
        assert!(found_names("+05:30").contains(&"Asia/Kolkata"));
        assert!(found_names("utc+5:30").contains(&"Asia/Kolkata"));
        assert!(!found_names("+05:30").contains(&"Europe/London"));
        // the abbreviation in force at the story's date: EST in January, not EDT
        assert!(found_names("est").contains(&"America/New_York"));
        assert!(!found_names("edt").contains(&"America/New_York"));
        assert!(found_names("+00:00").contains(&"Europe/London"));
        assert!(found_names("").starts_with(&["Europe/London", "Europe/Dublin"]));
        assert!(found_names("no such place").is_empty());
    }

    #[test]
    fn offset_only_zones_read_as_their_offset() {
        let july = chrono::NaiveDate::from_ymd_opt(2016, 7, 4)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let z: Tz = "Etc/GMT-2".parse().unwrap();
        assert_eq!(zone_label(z, july), "UTC+02:00 (Etc/GMT-2)");
        assert!(
            zone_label(chrono_tz::Asia::Kolkata, july)
                .starts_with("Kolkata — Asia/Kolkata, UTC+05:30")
        );
        assert_eq!(
            zone_label(chrono_tz::Europe::London, july),
            "London — Europe/London, UTC+01:00 (BST)"
        );
        assert_eq!(offset_query("-5"), Some(-5 * 3600));
        assert_eq!(offset_query("+0200"), Some(2 * 3600));
        assert_eq!(offset_query("x"), None);
    }
}
