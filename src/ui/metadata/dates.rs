//! The story's dates (publication, update, embargo) with time and zone, its status, the
//! editor notes, and the embargo banner.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Utc};
use copydesk_core::article::{DateStyle, Stamp, Status};
use copydesk_core::checks;
use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, StampField, TextField};
use egui::{Id, RichText};

use super::{MetadataView, Story, field_id};
use crate::ui::Action;
use crate::ui::tokens::Tokens;

/// Times being typed, per date: the value they were made from, and the text.
#[derive(Default)]
pub(super) struct DatesView {
    time_text: HashMap<StampField, (Option<NaiveTime>, String)>,
    /// What has been typed into each date's zone search.
    zone_query: HashMap<StampField, String>,
}

/// "Under embargo until …" while an embargo is in force.
pub(super) fn embargo_banner_ui(ui: &mut egui::Ui, story: &Story<'_>) {
    if let Some(e) = checks::embargo_in_force(story.article, Utc::now()) {
        let t = Tokens::of(ui);
        t.notice_frame().show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "Under embargo until {} {} {}",
                    e.format_date(story.style),
                    e.time
                        .map(|t| t.format("%H:%M").to_string())
                        .unwrap_or_default(),
                    e.zone_abbreviation()
                ))
                .strong(),
            );
        });
        ui.add_space(4.0);
    }
}

/// Dates, status and editor notes.
pub(super) fn dates_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    ui.label(RichText::new("Dates").strong());
    for which in StampField::ALL {
        let value = which.get(story.article);
        if let Some(new) = stamp_ui(ui, view, which, value, story.style) {
            out.push(Action::EndTyping);
            out.push(Action::Edit(Edit::SetStamp(which, new)));
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("Status");
        let mut status = story.article.status;
        let r = egui::ComboBox::from_id_salt(field_id(Field::Status))
            .selected_text(status.label())
            .show_ui(ui, |ui| {
                for s in Status::ALL {
                    ui.selectable_value(&mut status, s, s.label());
                }
            })
            .response
            .labelled_by(l.id);
        view.take_focus(Field::Status, &r);
        if status != story.article.status {
            out.push(Action::EndTyping);
            out.push(Action::Edit(Edit::SetStatus(status)));
        }
    });
    super::headline::text_field_ui(
        ui,
        view,
        "Editor notes",
        TextField::EditorNotes,
        &story.article.editor_notes,
        true,
        "Notes for the desk; never published",
        out,
    );
}

/// A date, time and zone; returns the new value when the user changed it.
fn stamp_ui(
    ui: &mut egui::Ui,
    view: &mut MetadataView,
    which: StampField,
    value: Option<Stamp>,
    style: DateStyle,
) -> Option<Option<Stamp>> {
    let label = which.label();
    let field = Field::from(which);
    let Some(mut stamp) = value else {
        let mut set = None;
        // wrapped: in a narrow panel the button goes under the words, whole
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{label}: not set"));
            let r = ui.add(egui::Button::new(format!("Set {}", label.to_lowercase())));
            view.take_focus(field, &r);
            if r.clicked() {
                set = Some(Some(Stamp::new(
                    chrono::Local::now().date_naive(),
                    None,
                    chrono_tz::Europe::London,
                )));
            }
        });
        return set;
    };
    let before = stamp;
    let mut clear = false;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(label);
        let mut date = to_jiff(stamp.date);
        let r = ui
            .add(
                egui_extras::DatePickerButton::new(&mut date)
                    .id_salt(label)
                    .show_icon(false)
                    .calendar_week(false),
            )
            .labelled_by(l.id);
        view.take_focus(field, &r);
        if r.changed()
            && let Some(d) = from_jiff(date)
        {
            stamp.date = d;
        }
        // Whole on one line: moved to the next row rather than broken mid-date.
        ui.add(
            egui::Label::new(RichText::new(stamp.format_date(style)).color(Tokens::of(ui).weak))
                .extend(),
        );
        if ui
            .small_button("Clear")
            .on_hover_text(format!("Remove the {}", label.to_lowercase()))
            .clicked()
        {
            clear = true;
        }
    });
    ui.horizontal_wrapped(|ui| {
        let (model, text) = view
            .dates
            .time_text
            .entry(which)
            .or_insert_with(|| (stamp.time, format_time(stamp.time)));
        if *model != stamp.time {
            *model = stamp.time;
            *text = format_time(stamp.time);
        }
        let l = ui.label("Time");
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id(Id::unique(("copydesk-time", label)))
                    .hint_text("HH:MM")
                    .desired_width(64.0),
            )
            .labelled_by(l.id);
        let parsed = parse_time(text);
        if r.changed()
            && let Ok(t) = parsed
        {
            stamp.time = t;
            *model = t;
        }
        if parsed.is_err() {
            ui.label(RichText::new("type a time as HH:MM").color(Tokens::of(ui).error));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Zone");
        let query = view.dates.zone_query.entry(which).or_default();
        let at = stamp.resolve().naive_utc();
        super::zones::zone_ui(ui, label, &mut stamp.zone, query, at);
    });
    if clear {
        Some(None)
    } else if stamp != before {
        Some(Some(stamp))
    } else {
        None
    }
}

fn format_time(t: Option<NaiveTime>) -> String {
    t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
}

/// "9:30", "09:30" or "09:30:15"; empty means no time. Err for anything else.
fn parse_time(text: &str) -> Result<Option<NaiveTime>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| ())
}

fn to_jiff(d: NaiveDate) -> jiff::civil::Date {
    i16::try_from(d.year())
        .ok()
        .and_then(|y| jiff::civil::Date::new(y, d.month() as i8, d.day() as i8).ok())
        .unwrap_or_else(|| jiff::civil::date(2000, 1, 1))
}

fn from_jiff(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year().into(), d.month() as u32, d.day() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_parse_loosely_and_fail_clearly() {
        assert_eq!(parse_time(""), Ok(None));
        assert_eq!(parse_time("9:30"), Ok(NaiveTime::from_hms_opt(9, 30, 0)));
        assert_eq!(
            parse_time("09:30:15"),
            Ok(NaiveTime::from_hms_opt(9, 30, 15))
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("noon").is_err());
    }

    #[test]
    fn jiff_dates_convert_both_ways() {
        let d = NaiveDate::from_ymd_opt(2016, 7, 4).unwrap();
        assert_eq!(from_jiff(to_jiff(d)), Some(d));
    }
}
