//! The window's side of keeping work safe: the list of stories a crash left (restore here,
//! in a new window, or discard), the bar shown when someone else changed the open file, and
//! the comparison of the two versions.

use std::sync::Arc;

use chrono::Local;
use copydesk_core::compare;
use egui::{Id, RichText};

use super::Action;
use super::tokens::Tokens;
use crate::app::state::AppState;
use crate::app::story::DiskChange;

/// What the safety windows remember between frames.
#[derive(Debug, Default)]
pub struct SafetyView {
    /// Whether the recovery list is shown.
    pub recovery_open: bool,
    /// Whether the comparison of mine and theirs is shown.
    pub compare_open: bool,
    /// The entry whose Discard waits for confirmation.
    confirm_discard: Option<String>,
    /// The comparison as last worked out, for the story's revision and their file's hash:
    /// worked out once, not every frame.
    compared: Option<(u64, String, Arc<Compared>)>,
}

/// The fields that differ, each with both versions as word runs.
type Compared = Vec<(compare::Difference, Vec<compare::Run>, Vec<compare::Run>)>;

/// The bar under the menus while the open file changed on disk; nothing otherwise.
pub fn disk_bar_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    view: &mut SafetyView,
    out: &mut Vec<Action>,
) {
    let Some(change) = &state.story.disk_change else {
        return;
    };
    let t = Tokens::of(ui);
    let name = state.story.display_name();
    egui::Frame::new()
        .fill(t.notice_fill)
        .inner_margin(egui::Margin::symmetric(8, 6))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| match change {
                DiskChange::Changed { .. } => {
                    ui.label(
                        RichText::new(format!(
                            "{name} was changed on disk by someone else. You have unsaved changes."
                        ))
                        .strong(),
                    );
                    if ui
                        .button("Reload (lose mine)")
                        .on_hover_text("Open the version on disk; Undo brings yours back")
                        .clicked()
                    {
                        out.push(Action::ReloadTheirs);
                    }
                    if ui
                        .button("Keep mine")
                        .on_hover_text("Keep your version; Save will write it over theirs")
                        .clicked()
                    {
                        out.push(Action::KeepMine);
                    }
                    if ui.button("Compare").clicked() {
                        view.compare_open = true;
                    }
                }
                DiskChange::Unreadable(why) => {
                    ui.label(
                        RichText::new(format!(
                            "{name} was changed on disk and cannot be read now ({why}). Copydesk looks again when it changes."
                        ))
                        .strong(),
                    );
                    if ui.button("Keep mine").clicked() {
                        out.push(Action::KeepMine);
                    }
                }
                DiskChange::Missing => {
                    ui.label(
                        RichText::new(format!(
                            "{name} was deleted or moved on disk. Save puts it back."
                        ))
                        .strong(),
                    );
                    if ui.button("Dismiss").clicked() {
                        out.push(Action::KeepMine);
                    }
                }
            });
        });
}

/// Mine and theirs, field by field.
pub fn compare_ui(
    ctx: &egui::Context,
    state: &AppState,
    view: &mut SafetyView,
    out: &mut Vec<Action>,
) {
    let Some(DiskChange::Changed { theirs, .. }) = &state.story.disk_change else {
        view.compare_open = false;
        return;
    };
    if !view.compare_open {
        return;
    }
    let Some(DiskChange::Changed { stamp, .. }) = &state.story.disk_change else {
        return;
    };
    let revision = state.story.revision();
    let compared = match &view.compared {
        Some((r, sha, c)) if *r == revision && *sha == stamp.sha256 => c.clone(),
        _ => {
            let c: Arc<Compared> = Arc::new(
                compare::differences(state.story.article(), theirs)
                    .into_iter()
                    .map(|d| {
                        let (mine, theirs) = compare::word_runs(&d.mine, &d.theirs);
                        (d, mine, theirs)
                    })
                    .collect(),
            );
            view.compared = Some((revision, stamp.sha256.clone(), c.clone()));
            c
        }
    };
    let mut open = true;
    let room = ctx
        .content_rect()
        .shrink(super::tokens::SIZES.window_margin);
    egui::Window::new("Your version and the one on disk")
        .id(Id::unique("copydesk-compare"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([room.width().min(900.0), room.height().min(560.0)])
        .max_width(room.width())
        .max_height(room.height())
        .constrain_to(room)
        .show(ctx, |ui| {
            let t = *Tokens::of(ui);
            ui.horizontal_wrapped(|ui| {
                if ui.button("Reload (lose mine)").clicked() {
                    out.push(Action::ReloadTheirs);
                }
                if ui.button("Keep mine").clicked() {
                    out.push(Action::KeepMine);
                }
                ui.label(
                    RichText::new("Underlined on a colour: words only that version has.")
                        .small()
                        .color(t.weak),
                );
            });
            ui.separator();
            // Two equal columns, whatever the text: each side gets half the width.
            ui.columns(2, |c| {
                c[0].label(RichText::new("Yours").strong());
                c[1].label(RichText::new("On disk").strong());
            });
            egui::ScrollArea::vertical().show(ui, |ui| {
                if compared.is_empty() {
                    ui.label("The two versions hold the same story.");
                }
                for (d, mine, theirs) in compared.iter() {
                    ui.separator();
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&d.label).strong());
                        let take = ui.small_button("Take theirs").on_hover_text(format!(
                            "Use the version on disk for {}; Undo takes it back",
                            d.label.to_lowercase()
                        ));
                        take.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Take theirs: {}", d.label),
                            )
                        });
                        if take.clicked() {
                            out.push(Action::TakeTheirsField(d.field));
                        }
                    });
                    ui.columns(2, |c| {
                        for (ui, (runs, tint)) in
                            c.iter_mut().zip([(mine, t.warn), (theirs, t.link)])
                        {
                            let job = runs_job(ui, runs, tint);
                            // ragged right, as text is read (a justified column spreads words)
                            ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                                ui.add(egui::Label::new(job).wrap());
                            });
                        }
                    });
                }
            });
        });
    if !open {
        view.compare_open = false;
    }
}

/// One version's runs as text: the words only it has on a tint, underlined (a mark, not
/// colour alone); an empty field as a dash.
fn runs_job(ui: &egui::Ui, runs: &[compare::Run], tint: egui::Color32) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    if runs.iter().all(|r| r.text.is_empty()) {
        job.append(
            "—",
            0.0,
            egui::TextFormat::simple(font, ui.visuals().weak_text_color()),
        );
        return job;
    }
    for r in runs {
        let mut f = egui::TextFormat::simple(font.clone(), color);
        if r.changed {
            f.background = tint.gamma_multiply(0.25);
            f.underline = egui::Stroke::new(1.5, tint);
        }
        job.append(&r.text, 0.0, f);
    }
    job
}

/// The stories a crash left, each to restore or discard.
pub fn recovery_ui(
    ctx: &egui::Context,
    state: &AppState,
    view: &mut SafetyView,
    out: &mut Vec<Action>,
) {
    if state.recovery.is_empty() {
        view.recovery_open = false;
    }
    if !view.recovery_open {
        return;
    }
    let mut open = true;
    egui::Window::new("Recover unsaved stories")
        .id(Id::unique("copydesk-recovery"))
        .open(&mut open)
        .collapsible(false)
        .default_width(crate::ui::tokens::SIZES.compare)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            let t = Tokens::of(ui);
            ui.label(
                "Copydesk did not close properly last time. These stories had changes that were \
                 not saved:",
            );
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(420.0)
                .show(ui, |ui| {
                    for o in &state.recovery {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            let headline = match o.article.headline.trim() {
                                "" => "Untitled story",
                                h => h,
                            };
                            ui.label(RichText::new(headline).strong());
                            let file = o.path.as_ref().map_or_else(
                                || "never saved".to_owned(),
                                |p| p.display().to_string(),
                            );
                            ui.label(RichText::new(file).color(t.weak));
                            let when = o.changed.with_timezone(&Local);
                            let changes = match &o.against_file {
                                Some(s) => {
                                    format!("Changes against the saved file: {}", s.describe())
                                }
                                None if o.path.is_some() => {
                                    "The saved file is gone or cannot be read.".to_owned()
                                }
                                None => format!(
                                    "{} words, never saved",
                                    o.article.body.split_whitespace().count()
                                ),
                            };
                            ui.label(format!(
                                "Last change {}. {changes}",
                                when.format("%-d %B %Y at %H:%M:%S")
                            ));
                            let excerpt = match &o.against_file {
                                Some(s) => s.excerpt.clone(),
                                None => compare::tail(&o.article.body, compare::EXCERPT_CHARS),
                            };
                            if !excerpt.is_empty() {
                                ui.label(RichText::new(format!("“{excerpt}”")).italics());
                            }
                            ui.horizontal_wrapped(|ui| {
                                if view.confirm_discard.as_deref() == Some(o.id.as_str()) {
                                    ui.label(
                                        RichText::new("Discard these changes for good?")
                                            .color(t.error),
                                    );
                                    if ui.button("Discard").clicked() {
                                        out.push(Action::DiscardRecovered(o.id.clone()));
                                        view.confirm_discard = None;
                                    }
                                    if ui.button("Keep").clicked() {
                                        view.confirm_discard = None;
                                    }
                                } else {
                                    if ui.button("Restore here").clicked() {
                                        out.push(Action::RestoreRecovered(o.id.clone()));
                                    }
                                    if ui
                                        .button("Restore in a new window")
                                        .on_hover_text("Open it in a Copydesk window of its own")
                                        .clicked()
                                    {
                                        out.push(Action::RestoreInNewWindow(o.id.clone()));
                                    }
                                    if ui.button("Discard…").clicked() {
                                        view.confirm_discard = Some(o.id.clone());
                                    }
                                }
                            });
                        });
                    }
                });
            ui.add_space(4.0);
            ui.label(
                RichText::new(
                    "Close this list to decide later: the File menu has Recover unsaved stories.",
                )
                .small()
                .color(t.weak),
            );
        });
    if !open {
        view.recovery_open = false;
    }
}
