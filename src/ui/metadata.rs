//! The metadata panel: every field of the story around its body, each with a label that
//! screen readers (and the GUI tests) find it by, and the checks list.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use egui::{Id, Response, RichText};

use super::{CopydeskApp, theme};
use crate::app::dialogs::{Purpose, Request};
use crate::app::history::EditKey;
use crate::article::body;
use crate::article::slug::slug_problem;
use crate::article::{Image, RelatedLink, Stamp, Status};
use crate::checks::{
    self, Field, HEADLINE_HARD_LIMIT, HEADLINE_SEARCH_LIMIT, SEO_HEADLINE_LIMIT, Severity,
};

/// Zones offered first; every IANA zone is in the list below them.
const COMMON_ZONES: [Tz; 10] = [
    chrono_tz::Europe::London,
    chrono_tz::Europe::Dublin,
    chrono_tz::Europe::Paris,
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::America::Chicago,
    chrono_tz::America::Los_Angeles,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Sydney,
    chrono_tz::UTC,
];

/// Text the user is typing that is not yet a valid value (a half-typed time).
#[derive(Default)]
pub struct MetadataView {
    time_text: HashMap<&'static str, (Option<NaiveTime>, String)>,
    new_tag: String,
    new_link_title: String,
    new_link_url: String,
}

/// The id of the widget that edits `field`, so the checks list can focus it.
pub fn field_id(field: &Field) -> Id {
    Id::unique(("copydesk-meta", format!("{field:?}")))
}

/// Adds a label and a text field named by it; returns the field's response.
fn text_field(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    id: Id,
    multiline: bool,
    hint: &str,
) -> Response {
    let l = ui.label(label);
    let edit = if multiline {
        egui::TextEdit::multiline(value).desired_rows(2)
    } else {
        egui::TextEdit::singleline(value)
    };
    let r = ui
        .add(edit.id(id).hint_text(hint).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    if r.gained_focus() {
        // focus sent from the checks list: bring the field into view
        r.scroll_to_me(Some(egui::Align::Center));
    }
    r
}

/// Gives `r` the keyboard focus when the checks list asked for `field`, for widgets whose
/// id the panel does not choose (buttons, date pickers, drop-downs).
fn focus_if_asked(focus: &mut Option<Field>, field: &Field, r: &Response) {
    if focus.as_ref() == Some(field) {
        r.request_focus();
        r.scroll_to_me(Some(egui::Align::Center));
        *focus = None;
    }
}

/// Which of the story's dates a date editor edits.
struct DateField {
    key: &'static str,
    label: &'static str,
    field: Field,
}

fn count_label(ui: &mut egui::Ui, n: usize, soft: usize, hard: Option<usize>) {
    let dark = ui.visuals().dark_mode;
    let (text, color) = match hard {
        Some(h) if n > h => (
            format!("{n} characters — over the {h} limit"),
            theme::error_color(dark),
        ),
        _ if n > soft => (
            format!("{n} characters — over {soft}, search results will cut it"),
            theme::warn_color(dark),
        ),
        Some(h) if soft == h => (
            format!("{n} characters (limit {h})"),
            ui.visuals().weak_text_color(),
        ),
        Some(h) => (
            format!("{n} characters (search {soft}, limit {h})"),
            ui.visuals().weak_text_color(),
        ),
        None => (
            format!("{n} characters (limit {soft})"),
            ui.visuals().weak_text_color(),
        ),
    };
    ui.label(RichText::new(text).small().color(color));
}

/// The left pane.
pub fn pane(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    egui::ScrollArea::vertical()
        .id_salt("metadata-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            checks_list(ui, app);
            ui.separator();
            embargo_banner(ui, app);
            headline_section(ui, app);
            ui.separator();
            dates_section(ui, app);
            ui.separator();
            people_section(ui, app);
            ui.separator();
            image_section(ui, app);
            ui.separator();
            related_section(ui, app);
            ui.add_space(12.0);
        });
    // focus requested by the checks list lands next frame, once the field exists
    if let Some(f) = app.view.focus.take() {
        match f {
            Field::Body(offset) => {
                app.view.editor.select = Some(offset..offset);
            }
            other => ui.ctx().memory_mut(|m| m.request_focus(field_id(&other))),
        }
    }
}

fn checks_list(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    let problems = app.view.problems(&app.state);
    let dark = ui.visuals().dark_mode;
    let (errors, warnings) = checks::counts(&problems);
    let title = if problems.is_empty() {
        "Checks: no problems".to_owned()
    } else {
        format!("Checks: {errors} errors, {warnings} warnings")
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt("checks-list")
        .default_open(true)
        .show(ui, |ui| {
            if problems.is_empty() {
                ui.label("Ready to publish as far as the checks can tell.");
            }
            for p in problems.iter() {
                let color = match p.severity {
                    Severity::Error => theme::error_color(dark),
                    Severity::Warning => theme::warn_color(dark),
                };
                let text =
                    RichText::new(format!("{}: {}", p.severity.label(), p.message)).color(color);
                if ui.add(egui::Button::new(text).frame(false)).clicked() {
                    app.view.focus = Some(p.field.clone());
                }
            }
        });
}

fn embargo_banner(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    if let Some(e) = checks::embargo_in_force(&app.state.article, Utc::now()) {
        let dark = ui.visuals().dark_mode;
        egui::Frame::new()
            .fill(theme::warn_color(dark).gamma_multiply(0.2))
            .inner_margin(6.0)
            .corner_radius(4.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "Under embargo until {} {} {}",
                        e.format_date(app.state.settings.house_style.date_style),
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

fn headline_section(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    let s = &mut app.state;
    let r = text_field(
        ui,
        "Headline",
        &mut s.article.headline,
        field_id(&Field::Headline),
        true,
        "What happened, in a line",
    );
    if r.changed() {
        s.edited(EditKey::Field("headline"));
    }
    // With an SEO headline, search results use that; only the hard limit applies here.
    let soft = if s.article.seo_headline.trim().is_empty() {
        HEADLINE_SEARCH_LIMIT
    } else {
        HEADLINE_HARD_LIMIT
    };
    count_label(
        ui,
        checks::char_count(&s.article.headline),
        soft,
        Some(HEADLINE_HARD_LIMIT),
    );
    let r = text_field(
        ui,
        "SEO headline",
        &mut s.article.seo_headline,
        field_id(&Field::SeoHeadline),
        false,
        "Shorter headline for search results (optional)",
    );
    if r.changed() {
        s.edited(EditKey::Field("seo_headline"));
    }
    if !s.article.seo_headline.is_empty() {
        count_label(
            ui,
            checks::char_count(&s.article.seo_headline),
            SEO_HEADLINE_LIMIT,
            None,
        );
    }
    let r = text_field(
        ui,
        "Standfirst",
        &mut s.article.standfirst,
        field_id(&Field::Standfirst),
        true,
        "The summary under the headline",
    );
    if r.changed() {
        s.edited(EditKey::Field("standfirst"));
    }
    let derived = crate::article::slug::slugify(&s.article.headline);
    let r = text_field(
        ui,
        "Slug",
        &mut s.article.slug,
        field_id(&Field::Slug),
        false,
        &derived,
    );
    if r.changed() {
        s.edited(EditKey::Field("slug"));
    }
    let dark = ui.visuals().dark_mode;
    if s.article.slug.is_empty() {
        ui.label(
            RichText::new("Made from the headline until you type one.")
                .small()
                .weak(),
        );
    } else if let Some(problem) = slug_problem(&s.article.slug) {
        ui.label(
            RichText::new(format!("The slug {problem}."))
                .small()
                .color(theme::error_color(dark)),
        );
    }
}

fn dates_section(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    ui.label(RichText::new("Dates").strong());
    let style = app.state.settings.house_style.date_style;
    let fields = [
        ("published", "Publication date", Field::Published),
        ("updated", "Updated", Field::Updated),
        ("embargo", "Embargo until", Field::Embargo),
    ];
    for (key, label, field) in fields {
        let which = DateField { key, label, field };
        let mut value = match key {
            "published" => app.state.article.published,
            "updated" => app.state.article.updated,
            _ => app.state.article.embargo,
        };
        if stamp_editor(
            ui,
            &mut app.view.metadata,
            &mut app.view.focus,
            &which,
            &mut value,
            style,
        ) {
            match key {
                "published" => app.state.article.published = value,
                "updated" => app.state.article.updated = value,
                _ => app.state.article.embargo = value,
            }
            app.state.edited(EditKey::Field(key));
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label("Status");
        let mut status = app.state.article.status;
        let r = egui::ComboBox::from_id_salt(field_id(&Field::Status))
            .selected_text(status.label())
            .show_ui(ui, |ui| {
                for s in Status::ALL {
                    ui.selectable_value(&mut status, s, s.label());
                }
            })
            .response
            .labelled_by(l.id);
        focus_if_asked(&mut app.view.focus, &Field::Status, &r);
        if status != app.state.article.status {
            app.state.article.status = status;
            app.state.edited(EditKey::Command);
        }
    });
    let r = text_field(
        ui,
        "Editor notes",
        &mut app.state.article.editor_notes,
        Id::unique("copydesk-meta-notes"),
        true,
        "Notes for the desk; never published",
    );
    if r.changed() {
        app.state.edited(EditKey::Field("editor_notes"));
    }
}

/// A date, time and zone; returns whether the user changed it.
fn stamp_editor(
    ui: &mut egui::Ui,
    view: &mut MetadataView,
    focus: &mut Option<Field>,
    which: &DateField,
    value: &mut Option<Stamp>,
    style: crate::article::DateStyle,
) -> bool {
    let (key, label, field) = (which.key, which.label, &which.field);
    let mut changed = false;
    let mut clear = false;
    let Some(stamp) = value.as_mut() else {
        ui.horizontal(|ui| {
            ui.label(format!("{label}: not set"));
            let r = ui.add(egui::Button::new(format!("Set {}", label.to_lowercase())));
            focus_if_asked(focus, field, &r);
            if r.clicked() {
                *value = Some(Stamp::new(
                    chrono::Local::now().date_naive(),
                    None,
                    chrono_tz::Europe::London,
                ));
                changed = true;
            }
        });
        return changed;
    };
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(label);
        let mut date = to_jiff(stamp.date);
        let r = ui
            .add(
                egui_extras::DatePickerButton::new(&mut date)
                    .id_salt(key)
                    .show_icon(false)
                    .calendar_week(false),
            )
            .labelled_by(l.id);
        focus_if_asked(focus, field, &r);
        if r.changed()
            && let Some(d) = from_jiff(date)
            && d != stamp.date
        {
            stamp.date = d;
            changed = true;
        }
        ui.label(RichText::new(stamp.format_date(style)).weak());
    });
    ui.horizontal_wrapped(|ui| {
        let (model, text) = view
            .time_text
            .entry(key)
            .or_insert_with(|| (stamp.time, format_time(stamp.time)));
        if *model != stamp.time {
            *model = stamp.time;
            *text = format_time(stamp.time);
        }
        let l = ui.label("Time");
        let r = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id(Id::unique(("copydesk-time", key)))
                    .hint_text("HH:MM")
                    .desired_width(64.0),
            )
            .labelled_by(l.id);
        let parsed = parse_time(text);
        if r.changed()
            && let Ok(t) = parsed
            && t != stamp.time
        {
            stamp.time = t;
            *model = t;
            changed = true;
        }
        if parsed.is_err() {
            let dark = ui.visuals().dark_mode;
            ui.label(
                RichText::new("type a time as HH:MM")
                    .small()
                    .color(theme::error_color(dark)),
            );
        }
        let l = ui.label("Zone");
        let mut zone = stamp.zone;
        egui::ComboBox::from_id_salt(("copydesk-zone", key))
            .selected_text(zone.name())
            .height(320.0)
            .show_ui(ui, |ui| {
                for z in COMMON_ZONES {
                    ui.selectable_value(&mut zone, z, z.name());
                }
                ui.separator();
                for z in chrono_tz::TZ_VARIANTS {
                    ui.selectable_value(&mut zone, z, z.name());
                }
            })
            .response
            .labelled_by(l.id);
        if zone != stamp.zone {
            stamp.zone = zone;
            changed = true;
        }
        ui.label(RichText::new(stamp.zone_abbreviation()).weak())
            .on_hover_text(format!("UTC offset: {}", stamp.resolve().format("%:z")));
        if ui
            .small_button("Clear")
            .on_hover_text(format!("Remove the {}", label.to_lowercase()))
            .clicked()
        {
            clear = true;
        }
    });
    if clear {
        *value = None;
        changed = true;
    }
    changed
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
    jiff::civil::Date::new(d.year() as i16, d.month() as i8, d.day() as i8)
        .unwrap_or_else(|_| jiff::civil::date(2000, 1, 1))
}

fn from_jiff(d: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year().into(), d.month() as u32, d.day() as u32)
}

fn people_section(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    ui.label(RichText::new("Byline, section and tags").strong());
    let s = &mut app.state;
    let mut remove = None;
    for i in 0..s.article.byline.len() {
        ui.horizontal(|ui| {
            let l = ui.label(format!("Author {}", i + 1));
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut s.article.byline[i])
                        .id(Id::unique(("copydesk-author", i)))
                        .desired_width(ui.available_width() - 70.0),
                )
                .labelled_by(l.id);
            if r.changed() {
                s.edited(EditKey::Item("author", i));
            }
            if ui
                .button("Remove")
                .on_hover_text("Remove this author")
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        s.article.byline.remove(i);
        s.edited(EditKey::Command);
    }
    if ui
        .add(egui::Button::new("Add author"))
        .on_hover_text("Add a name to the byline")
        .clicked()
    {
        s.article.byline.push(String::new());
        s.edited(EditKey::Command);
        ui.ctx().memory_mut(|m| {
            m.request_focus(Id::unique(("copydesk-author", s.article.byline.len() - 1)))
        });
    }
    let r = text_field(
        ui,
        "Section",
        &mut s.article.section,
        field_id(&Field::Section),
        false,
        "e.g. Politics",
    );
    if r.changed() {
        s.edited(EditKey::Field("section"));
    }
    ui.label("Tags");
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (i, tag) in s.article.tags.iter().enumerate() {
            if ui
                .button(format!("{tag} ×"))
                .on_hover_text(format!("Remove the tag {tag}"))
                .clicked()
            {
                remove = Some(i);
            }
        }
    });
    if let Some(i) = remove {
        s.article.tags.remove(i);
        s.edited(EditKey::Command);
    }
    let view = &mut app.view.metadata;
    let mut add = false;
    ui.horizontal(|ui| {
        let l = ui.label("New tag");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut view.new_tag)
                    .id(field_id(&Field::Tags))
                    .desired_width(ui.available_width() - 80.0),
            )
            .labelled_by(l.id);
        add = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        add |= ui.button("Add tag").clicked();
    });
    let tag = view.new_tag.trim().to_owned();
    if add && !tag.is_empty() {
        if !s.article.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            s.article.tags.push(tag);
            s.edited(EditKey::Command);
        }
        view.new_tag.clear();
    }
}

fn image_section(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    ui.label(RichText::new("Image").strong());
    let s = &mut app.state;
    if s.article.image.is_none() {
        if ui.button("Add image").clicked() {
            s.article.image = Some(Image::default());
            s.edited(EditKey::Command);
        }
        return;
    }
    let mut pick = false;
    let mut remove = false;
    let mut changed: Option<&'static str> = None;
    {
        let img = s.article.image.as_mut().expect("checked above");
        let r = text_field(
            ui,
            "Image file or URL",
            &mut img.source,
            field_id(&Field::Image),
            false,
            "a file path or https://…",
        );
        if r.changed() {
            changed = Some("image_source");
        }
        ui.horizontal(|ui| {
            pick = ui.button("Choose image file…").clicked();
            remove = ui.button("Remove image").clicked();
        });
        thumbnail(ui, &img.source);
        for (label, key, value, hint) in [
            (
                "Caption",
                "image_caption",
                &mut img.caption,
                "What the picture shows",
            ),
            (
                "Credit",
                "image_credit",
                &mut img.credit,
                "Who took or owns it",
            ),
        ] {
            let r = text_field(
                ui,
                label,
                value,
                Id::unique(("copydesk-image", key)),
                false,
                hint,
            );
            if r.changed() {
                changed = Some(key);
            }
        }
        ui.add_enabled_ui(!img.decorative, |ui| {
            let r = text_field(
                ui,
                "Alt text",
                &mut img.alt,
                Id::unique("copydesk-image-alt"),
                false,
                "Describe the picture for readers who cannot see it",
            );
            if r.changed() {
                changed = Some("image_alt");
            }
        });
        if ui
            .checkbox(&mut img.decorative, "Decorative (needs no alt text)")
            .changed()
        {
            changed = Some("image_decorative");
        }
    }
    if let Some(key) = changed {
        s.edited(EditKey::Field(key));
    }
    if remove {
        s.article.image = None;
        s.edited(EditKey::Command);
    }
    if pick {
        s.ask(Request {
            purpose: Purpose::PickImage,
            title: "Choose Image".into(),
            filters: vec![(
                "Images".into(),
                ["png", "jpg", "jpeg", "webp", "gif"]
                    .map(String::from)
                    .to_vec(),
            )],
            file_name: None,
            directory: None,
            save: false,
        });
    }
}

/// A small picture of a local image file.
fn thumbnail(ui: &mut egui::Ui, source: &str) {
    let source = source.trim();
    if source.is_empty() || source.starts_with("http://") || source.starts_with("https://") {
        return;
    }
    let path = std::path::Path::new(source);
    if path.is_file() {
        ui.add(
            egui::Image::new(format!("file://{}", path.display()))
                .max_height(120.0)
                .max_width(ui.available_width())
                .alt_text("Thumbnail of the story's image"),
        );
    } else {
        let dark = ui.visuals().dark_mode;
        ui.label(
            RichText::new("No file at this path.")
                .small()
                .color(theme::warn_color(dark)),
        );
    }
}

fn related_section(ui: &mut egui::Ui, app: &mut CopydeskApp) {
    ui.label(RichText::new("Related links").strong());
    let doc = app.state.document();
    let dark = ui.visuals().dark_mode;
    let s = &mut app.state;
    let n = s.article.related.len();
    let mut action: Option<(usize, &'static str)> = None;
    for i in 0..n {
        let placed_after = doc.placed_after(&s.article.related[i].id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let link = &mut s.article.related[i];
            ui.label(
                RichText::new(format!("Link {} · id {}", i + 1, link.id))
                    .small()
                    .weak(),
            );
            let r = text_field(
                ui,
                &format!("Link {} title", i + 1),
                &mut link.title,
                field_id(&Field::Related(i)),
                false,
                "Headline of the linked story",
            );
            let mut edited = r.changed().then_some("related_title");
            let r = text_field(
                ui,
                &format!("Link {} URL", i + 1),
                &mut link.url,
                Id::unique(("copydesk-related-url", i)),
                false,
                "https://…",
            );
            if r.changed() {
                edited = Some("related_url");
            }
            let (text, color) = match checks::related_url(&link.url) {
                Ok(_) => (
                    "Valid web address".to_owned(),
                    ui.visuals().weak_text_color(),
                ),
                Err(why) => (format!("This link {why}."), theme::error_color(dark)),
            };
            ui.label(RichText::new(text).small().color(color));
            let place = match placed_after {
                Some(0) => "Placed at the top of the body".to_owned(),
                Some(p) => format!("Placed after paragraph {p}"),
                None => "Not placed in the body yet".to_owned(),
            };
            ui.label(
                RichText::new(place)
                    .small()
                    .color(if placed_after.is_some() {
                        ui.visuals().weak_text_color()
                    } else {
                        theme::warn_color(dark)
                    }),
            );
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Place at cursor")
                    .on_hover_text("Put this link after the paragraph where the body's cursor is")
                    .clicked()
                {
                    action = Some((i, "place"));
                }
                if ui
                    .add_enabled(i > 0, egui::Button::new("Move up"))
                    .clicked()
                {
                    action = Some((i, "up"));
                }
                if ui
                    .add_enabled(i + 1 < n, egui::Button::new("Move down"))
                    .clicked()
                {
                    action = Some((i, "down"));
                }
                if ui.button("Remove link").clicked() {
                    action = Some((i, "remove"));
                }
            });
            if let Some(key) = edited {
                s.edited(EditKey::Item(key, i));
            }
        });
    }
    if let Some((i, what)) = action {
        match what {
            "place" => {
                let id = s.article.related[i].id.clone();
                let cursor = app
                    .view
                    .editor
                    .cursor
                    .map(|c| super::editor::char_to_byte(&s.article.body, c))
                    .unwrap_or(s.article.body.len());
                let (text, range) = body::place_anchor(&s.article.body, cursor, &id);
                s.article.body = text;
                app.view.editor.select = Some(range);
            }
            "up" => s.article.related.swap(i, i - 1),
            "down" => s.article.related.swap(i, i + 1),
            _ => {
                let link = s.article.related.remove(i);
                s.article.body = body::remove_anchors(&s.article.body, &link.id);
            }
        }
        s.edited(EditKey::Command);
    }
    // a new link: title and address, then Add
    let view = &mut app.view.metadata;
    ui.label(RichText::new("New related link").small());
    text_field(
        ui,
        "New link title",
        &mut view.new_link_title,
        Id::unique("copydesk-new-link-title"),
        false,
        "Headline of the linked story",
    );
    text_field(
        ui,
        "New link URL",
        &mut view.new_link_url,
        Id::unique("copydesk-new-link-url"),
        false,
        "https://…",
    );
    let title = view.new_link_title.trim().to_owned();
    if ui
        .add_enabled(!title.is_empty(), egui::Button::new("Add related link"))
        .clicked()
    {
        let id = s.article.new_related_id(&title);
        s.article.related.push(RelatedLink {
            id,
            title,
            url: view.new_link_url.trim().to_owned(),
            extra: Default::default(),
        });
        view.new_link_title.clear();
        view.new_link_url.clear();
        s.edited(EditKey::Command);
    }
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
