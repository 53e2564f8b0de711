//! The desk's table and what is around it: the folder and the filters above, the bar for the
//! rows selected, the list of what a status change did.
//!
//! The table is `egui_extras::TableBuilder` with rows of one height, so only the rows in view
//! are laid out: a folder of thousands of stories scrolls as smoothly as one of ten. Every
//! control has a name screen readers (and the tests) find it by.

use chrono::{DateTime, Local, Utc};
use copydesk_core::article::Status;
use copydesk_core::checks::Severity;
use copydesk_core::desk::{self as core_desk, Column, Filter, Row};
use egui::{RichText, Sense, WidgetInfo};
use egui_extras::TableBuilder;

use super::{DeskAction, DeskView};
use crate::app::desk::Desk;
use crate::ui::tokens::Tokens;

/// The folder, the filters and the selection's status menu, above the table.
pub(super) fn toolbar_ui(ui: &mut egui::Ui, desk: &mut Desk, out: &mut Vec<DeskAction>) {
    let t = Tokens::of(ui);
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        let heading = if desk.site().is_some() {
            "Desk on WordPress"
        } else {
            "Desk"
        };
        ui.label(RichText::new(heading).strong());
        ui.add(
            egui::Label::new(RichText::new(desk.folder().display().to_string()).color(t.weak))
                .truncate(),
        );
    });
    if let Some(e) = &desk.progress.error {
        let mut e = e.clone();
        if let Some(first) = e.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        ui.label(RichText::new(format!("{e}.")).color(t.error));
        if desk.site().is_some() && ui.button("Sign in again…").clicked() {
            out.push(DeskAction::SignInAgain);
        }
    }
    if desk.progress.truncated {
        let text = if desk.site().is_some() {
            format!(
                "Only the {} posts changed last of each kind (pending, other) are listed: find older ones with File > Open from WordPress…",
                copydesk_wordpress::site::MOST_POSTS
            )
        } else {
            format!(
                "Only the first {} files are listed: open a smaller folder to see the rest.",
                core_desk::MAX_FILES
            )
        };
        ui.label(RichText::new(text).color(t.warn));
    }
    for (dir, why) in &desk.progress.unreadable {
        ui.label(
            RichText::new(format!(
                "{}: this subfolder could not be read ({why}); its stories are not listed.",
                core_desk::relative_name(desk.folder(), dir)
            ))
            .color(t.warn),
        );
    }
    let mut filter = desk.filter().clone();
    ui.horizontal_wrapped(|ui| {
        ui.label("Status");
        let status_text = match filter.statuses.as_slice() {
            [] => "Any status".to_owned(),
            [one] => one.label().to_owned(),
            many => format!("{} statuses", many.len()),
        };
        egui::ComboBox::from_id_salt("desk-status-filter")
            .selected_text(status_text.clone())
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.statuses.is_empty(), "Any status")
                    .clicked()
                {
                    filter.statuses.clear();
                }
                for s in Status::ALL {
                    if ui
                        .selectable_label(filter.statuses == [s], s.label())
                        .clicked()
                    {
                        filter.statuses = vec![s];
                    }
                }
            })
            .response
            .widget_info(|| {
                let mut info = WidgetInfo::labeled(egui::Role::ComboBox, true, "Status filter");
                info.current_text_value = Some(status_text.clone());
                info
            });
        ui.label("Section");
        let section_text = filter
            .section
            .clone()
            .unwrap_or_else(|| "Any section".to_owned());
        egui::ComboBox::from_id_salt("desk-section-filter")
            .selected_text(section_text.clone())
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.section.is_none(), "Any section")
                    .clicked()
                {
                    filter.section = None;
                }
                for s in desk.sections() {
                    let on = filter.section.as_deref() == Some(s.as_str());
                    if ui.selectable_label(on, s).clicked() {
                        filter.section = Some(s.clone());
                    }
                }
            })
            .response
            .widget_info(|| {
                let mut info = WidgetInfo::labeled(egui::Role::ComboBox, true, "Section filter");
                info.current_text_value = Some(section_text.clone());
                info
            });
        ui.checkbox(&mut filter.errors, "Has errors");
        ui.checkbox(&mut filter.embargoed, "Embargoed");
        let l = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut filter.text)
                .hint_text("headline, byline or file")
                .desired_width(200.0)
                .id(egui::Id::unique("desk-search")),
        )
        .labelled_by(l.id);
        if !filter.is_empty() && ui.button("Clear filters").clicked() {
            filter = Filter::default();
        }
    });
    if filter != *desk.filter() {
        out.push(DeskAction::Filter(filter));
    }
    let selected = desk.selected_shown().len();
    let shown = desk.shown().len();
    ui.horizontal(|ui| {
        if selected == 0 {
            ui.label(RichText::new("Select stories (Ctrl+click, Shift+click, the boxes) to set their status together").color(t.weak));
        } else {
            let on_site = desk.site().is_some();
            let reviewed_apart = desk
                .focus()
                .is_some_and(|f| !desk.is_selected(f));
            ui.menu_button(format!("Set status of {selected} selected"), |ui| {
                // WordPress has no "approved": on a site it would stay pending review.
                for s in Status::ALL
                    .into_iter()
                    .filter(|s| !on_site || *s != Status::Approved)
                {
                    if ui.button(s.label()).clicked() {
                        out.push(DeskAction::SetStatus(s));
                        ui.close();
                    }
                }
            });
            if ui.button("Select none").clicked() {
                out.push(DeskAction::SelectNone);
            }
            if reviewed_apart {
                ui.label(
                    RichText::new("The story under review is not among them").color(t.weak),
                );
            }
        }
        if shown > 0 && selected < shown && ui.button(format!("Select all {shown} shown")).clicked() {
            out.push(DeskAction::SelectAll);
        }
        if desk.bulk_running() {
            ui.spinner();
        }
    });
    ui.add_space(2.0);
}

/// The table of stories.
pub(super) fn table_ui(
    ui: &mut egui::Ui,
    desk: &mut Desk,
    view: &mut DeskView,
    out: &mut Vec<DeskAction>,
) {
    let shown = desk.shown().to_vec();
    if shown.is_empty() {
        empty_ui(ui, desk);
        return;
    }
    let now = Utc::now();
    let sort = desk.sort();
    let focus_row = desk
        .focus()
        .and_then(|f| shown.iter().position(|&i| desk.rows()[i].path == f));
    let t = Tokens::of(ui);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
    let modifiers = ui.input(|i| i.modifiers);
    egui::ScrollArea::horizontal()
        .id_salt("desk-table-wide")
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt(("desk-table", desk.folder()))
                .striped(true)
                .resizable(true)
                .sense(Sense::click())
                .auto_shrink([false, false])
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(egui_extras::Column::exact(22.0))
                .column(
                    egui_extras::Column::initial(240.0)
                        .at_least(120.0)
                        .clip(true),
                )
                .column(egui_extras::Column::initial(80.0).at_least(60.0))
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(70.0)
                        .clip(true),
                )
                // dates keep room for "14 Sep 2026" whole: a narrow table scrolls sideways
                // rather than cut them ("4 Jul 2(")
                .column(
                    egui_extras::Column::initial(140.0)
                        .at_least(DATE_COLUMN)
                        .clip(true),
                )
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(DATE_COLUMN)
                        .clip(true),
                )
                .column(egui_extras::Column::initial(90.0).at_least(50.0).clip(true))
                .column(
                    egui_extras::Column::initial(120.0)
                        .at_least(50.0)
                        .clip(true),
                )
                .column(egui_extras::Column::initial(56.0).at_least(40.0))
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(60.0)
                        .clip(true),
                )
                .column(
                    egui_extras::Column::initial(110.0)
                        .at_least(DATE_COLUMN)
                        .clip(true),
                )
                .column(egui_extras::Column::remainder().at_least(100.0).clip(true));
            if std::mem::take(&mut view.scroll_to_focus)
                && let Some(i) = focus_row
            {
                table = table.scroll_to_row(i, None);
            }
            table
                .header(row_height, |mut header| {
                    header.col(|_| {});
                    for column in Column::ALL {
                        header.col(|ui| {
                            let sorted = (sort.column == column).then_some(sort.descending);
                            let r = heading_ui(ui, column, sorted);
                            if r.clicked() {
                                out.push(DeskAction::Sort(column));
                            }
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_height, shown.len(), |mut row| {
                        let Some(r) = shown.get(row.index()).and_then(|&i| desk.rows().get(i))
                        else {
                            return;
                        };
                        let selected = desk.is_selected(&r.path);
                        let focused = desk.focus() == Some(r.path.as_path());
                        // Highlighted: the rows a status change will touch, and only those.
                        // The row under review has a bar at its left edge instead.
                        row.set_selected(selected);
                        row.col(|ui| {
                            if focused {
                                let cell = ui.max_rect();
                                let bar = egui::Rect::from_min_max(
                                    cell.left_top(),
                                    egui::pos2(cell.left() + 3.0, cell.bottom()),
                                );
                                ui.painter().rect_filled(bar, 1.0, t.link);
                            }
                            let mut on = selected;
                            let c = ui.add(egui::Checkbox::without_text(&mut on));
                            let name = format!("Select {}", r.title());
                            c.widget_info(|| {
                                WidgetInfo::selected(egui::Role::CheckBox, true, selected, &name)
                            });
                            if c.changed() {
                                out.push(DeskAction::Toggle(r.path.clone()));
                            }
                        });
                        cells_ui(&mut row, r, now, t);
                        let response = row.response();
                        if response.double_clicked() {
                            out.push(DeskAction::Open(r.path.clone()));
                        } else if response.clicked() {
                            out.push(DeskAction::Click {
                                path: r.path.clone(),
                                toggle: modifiers.command,
                                range: modifiers.shift,
                            });
                        }
                    });
                });
        });
}

/// A column's heading: a button that sorts by it, with a small triangle when the table is
/// sorted by it (painted: egui's built-in fonts have no arrows). `sorted` is `Some(true)`
/// when the column is sorted largest, latest or Z first.
fn heading_ui(ui: &mut egui::Ui, column: Column, sorted: Option<bool>) -> egui::Response {
    let label = column.label();
    let r = ui.add(egui::Button::new(RichText::new(label).strong()).frame(false));
    let hover = match sorted {
        None => format!("Sort by {}", label.to_lowercase()),
        Some(false) => format!(
            "Sorted by {}, {}; click to reverse",
            label.to_lowercase(),
            ascending(column)
        ),
        Some(true) => format!(
            "Sorted by {}, {}; click to reverse",
            label.to_lowercase(),
            descending(column)
        ),
    };
    // The table's counts come from the checks alone; the review adds spelling.
    let hover = if column == Column::Problems {
        format!("{hover}. Spelling is counted when a story is under review, not in the table")
    } else {
        hover
    };
    if let Some(down) = sorted {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(9.0, 9.0), Sense::hover());
        let color = ui.visuals().strong_text_color();
        let (l, r_, t, b) = (
            rect.left(),
            rect.right(),
            rect.top() + 1.0,
            rect.bottom() - 1.0,
        );
        let points = if down {
            vec![
                egui::pos2(l, t),
                egui::pos2(r_, t),
                egui::pos2(rect.center().x, b),
            ]
        } else {
            vec![
                egui::pos2(l, b),
                egui::pos2(r_, b),
                egui::pos2(rect.center().x, t),
            ]
        };
        ui.painter().add(egui::Shape::convex_polygon(
            points,
            color,
            egui::Stroke::NONE,
        ));
    }
    r.on_hover_text(hover)
}

/// How a column reads sorted smallest first.
fn ascending(column: Column) -> &'static str {
    match column {
        Column::Problems | Column::Words => "fewest first",
        Column::Published | Column::Embargo | Column::Modified => "earliest first",
        Column::Status => "draft first",
        _ => "A to Z",
    }
}

/// How a column reads sorted largest first.
fn descending(column: Column) -> &'static str {
    match column {
        Column::Problems | Column::Words => "most first",
        Column::Published | Column::Embargo | Column::Modified => "latest first",
        Column::Status => "published first",
        _ => "Z to A",
    }
}

/// The cells of one row after its checkbox.
fn cells_ui(row: &mut egui_extras::TableRow<'_, '_>, r: &Row, now: DateTime<Utc>, t: &Tokens) {
    let Ok(s) = &r.story else {
        let message = match &r.story {
            Err(f) => f.message.clone(),
            Ok(_) => String::new(),
        };
        row.col(|ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(format!("Cannot be read: {message}")).color(t.error),
                )
                .truncate(),
            )
            .on_hover_text(format!(
                "{}: {message}. Fix the file in a text editor or restore it from a backup.",
                r.relative
            ));
        });
        row.col(|ui| {
            ui.label(RichText::new("—").color(t.weak));
        });
        row.col(|ui| {
            ui.label(RichText::new("1 error").color(t.error));
        });
        for _ in 0..5 {
            row.col(|_| {});
        }
        modified_cells(row, r, t);
        return;
    };
    row.col(|ui| {
        let headline = if s.headline.is_empty() {
            RichText::new("(no headline)").italics().color(t.weak)
        } else {
            RichText::new(&s.headline)
        };
        ui.add(egui::Label::new(headline).truncate().selectable(false));
    });
    row.col(|ui| {
        ui.label(RichText::new(s.status.label()).color(status_color(s.status, t)));
    });
    row.col(|ui| {
        let color = if s.errors > 0 {
            t.error
        } else if s.warnings > 0 {
            t.warn
        } else {
            t.weak
        };
        let r = ui.label(RichText::new(problems_text(s.errors, s.warnings)).color(color));
        if !s.problems.is_empty() {
            r.on_hover_ui(|ui| {
                for p in &s.problems {
                    let c = match p.severity {
                        Severity::Error => t.error,
                        Severity::Warning => t.warn,
                    };
                    ui.label(
                        RichText::new(format!("{}: {}", p.severity.label(), p.message)).color(c),
                    );
                }
                ui.label(
                    RichText::new("Spelling is checked when the story is under review.")
                        .color(t.weak),
                );
            });
        }
    });
    row.col(|ui| {
        match &s.published {
            // A date alone is shown alone (its zone on hover): the column stays narrow.
            Some(p) if p.time.is_none() => ui
                .label(p.date.format("%-d %b %Y").to_string())
                .on_hover_text(core_desk::stamp_text(p)),
            Some(p) => ui.label(core_desk::stamp_text(p)),
            None => ui.label(RichText::new("not set").color(t.error)),
        };
    });
    row.col(|ui| {
        if let Some(e) = &s.embargo {
            let text = core_desk::stamp_text(e);
            if e.is_after(now) {
                ui.label(RichText::new(text).strong().color(t.warn))
                    .on_hover_text("Embargoed: not to be published before this");
            } else {
                ui.label(RichText::new(text).color(t.weak))
                    .on_hover_text("The embargo has lifted");
            }
        }
    });
    row.col(|ui| {
        ui.label(&s.section);
    });
    row.col(|ui| {
        ui.label(s.byline.join(", "));
    });
    row.col(|ui| {
        ui.label(s.words.to_string());
    });
    modified_cells(row, r, t);
}

fn modified_cells(row: &mut egui_extras::TableRow<'_, '_>, r: &Row, t: &Tokens) {
    row.col(|ui| {
        if let Some(change) = &r.last_change {
            let by = r.changed_by();
            let text = if change.by.trim().is_empty() {
                RichText::new(by).italics().color(t.weak)
            } else {
                RichText::new(by)
            };
            ui.add(egui::Label::new(text).truncate())
                .on_hover_text(format!("Last {}", change.kind.label()));
        }
    });
    row.col(|ui| {
        if let Some(m) = r.modified() {
            let local = m.with_timezone(&Local);
            ui.label(modified_text(local, Local::now()))
                .on_hover_text(local.format("%-d %B %Y, %H:%M:%S").to_string());
        }
    });
    row.col(|ui| {
        ui.label(RichText::new(&r.relative).color(t.weak));
    });
}

/// A row's problems in few words: "No problems", "1 error", "2 warnings", "1 error, 2
/// warnings" (the column is narrow; the tooltip lists them).
pub fn problems_text(errors: usize, warnings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (errors, warnings) {
        (0, 0) => "No problems".to_owned(),
        (e, 0) => plural(e, "error", "errors"),
        (0, w) => plural(w, "warning", "warnings"),
        (e, w) => format!(
            "{}, {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    }
}

/// "14:32" today, "Yesterday 09:10", "3 Jul 14:32" this year, "3 Jul 2015" before.
pub fn modified_text(at: DateTime<Local>, now: DateTime<Local>) -> String {
    let (day, today) = (at.date_naive(), now.date_naive());
    if day == today {
        at.format("%H:%M").to_string()
    } else if today.pred_opt() == Some(day) {
        at.format("Yesterday %H:%M").to_string()
    } else if at.format("%Y").to_string() == now.format("%Y").to_string() {
        at.format("%-d %b %H:%M").to_string()
    } else {
        at.format("%-d %b %Y").to_string()
    }
}

fn status_color(s: Status, t: &Tokens) -> egui::Color32 {
    match s {
        Status::Draft => t.weak,
        Status::InReview => t.warn,
        Status::Approved => t.link,
        Status::Published => t.text,
    }
}

/// What the table says when it has no rows to show.
fn empty_ui(ui: &mut egui::Ui, desk: &Desk) {
    let t = Tokens::of(ui);
    ui.add_space(24.0);
    ui.vertical_centered(|ui| {
        let on_site = desk.site().is_some();
        let text = if desk.progress.error.is_some() && on_site {
            "Nothing to list: the site cannot be read (the reason is above). Refresh with F5 once it answers."
        } else if desk.progress.error.is_some() {
            "Nothing to list: the folder cannot be read. Choose another with File > Open Desk Folder…"
        } else if !desk.is_loaded() {
            "Reading the stories…"
        } else if desk.rows().is_empty() && on_site {
            "The site has no posts a desk lists (drafts, pending, scheduled, published, private)."
        } else if desk.rows().is_empty() {
            "No stories in this folder. Copydesk lists .json story files here and in its subfolders."
        } else {
            "No story matches the filters. Clear filters to see them all."
        };
        ui.label(RichText::new(text).color(t.weak));
    });
}

/// What the last status change did, file by file.
pub(super) fn results_ui(ui: &mut egui::Ui, desk: &Desk, out: &mut Vec<DeskAction>) {
    let Some(report) = &desk.report else {
        return;
    };
    let t = Tokens::of(ui);
    ui.horizontal(|ui| {
        ui.label(RichText::new(report.summary()).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Close the list").clicked() {
                out.push(DeskAction::CloseResults);
            }
        });
    });
    egui::ScrollArea::vertical()
        .id_salt("desk-results")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("desk-results-grid")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for o in &report.outcomes {
                        ui.label(RichText::new(&o.name).color(t.weak));
                        ui.label(&o.title);
                        let color = if o.result.is_err() {
                            t.error
                        } else if o.is_saved() {
                            t.text
                        } else {
                            t.weak
                        };
                        ui.label(RichText::new(o.sentence(report.status)).color(color));
                        ui.end_row();
                    }
                });
        });
}

/// The least width of a date column: "14 Sep 2026" and the cell's margins.
const DATE_COLUMN: f32 = 100.0;
