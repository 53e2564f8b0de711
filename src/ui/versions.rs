//! The History panel (View > History): the versions kept of the open story, newest first;
//! the one chosen compared word by word with the story now or with another version; and
//! Restore — the whole version, one field, or one run of paragraphs — as an edit Undo takes
//! back.
//!
//! Words taken out since are struck through on a red tint, words put in since underlined on a
//! green one: a mark as well as a colour. Only what changed is listed; unchanged paragraphs are
//! folded away. The versions are read and compared off the window's thread
//! ([`crate::app::versions`]); the panel shows a spinner meanwhile.

use egui::{Id, RichText};

use copydesk_core::versions::{Line, Mark, Version};

use super::tokens::{SIZES, Tokens};
use super::{Action, CopydeskApp};
use crate::app::state::AppState;
use crate::app::versions::{Against, Restore, VersionsPanel};

/// How long the story must rest after a keystroke before the panel compares it again.
const REST_BEFORE_COMPARING: f64 = 0.4;

/// "5 Dec 14:02:31", in the computer's time zone (seconds: two saves a minute apart are
/// common on deadline).
fn when(v: &Version) -> String {
    v.saved_at
        .with_timezone(&chrono::Local)
        .format("%-d %b %H:%M:%S")
        .to_string()
}

/// A version as one line of the list and the "compare with" menu:
/// "Ann Reporter, 5 Dec 14:02:31".
fn title(v: &Version) -> String {
    format!("{}, {}", v.who(), when(v))
}

/// The History window, when it is open.
pub fn history_ui(
    ctx: &egui::Context,
    state: &AppState,
    panel: &mut VersionsPanel,
    out: &mut Vec<Action>,
) {
    let revision = state.story.revision();
    if !panel.open {
        return;
    }
    let mut open = true;
    let room = ctx.content_rect().shrink(SIZES.window_margin);
    egui::Window::new("History")
        .id(Id::unique("copydesk-history"))
        .open(&mut open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .default_size([room.width().min(980.0), room.height().min(620.0)])
        .max_width(room.width())
        .max_height(room.height())
        .constrain_to(room)
        .show(ctx, |ui| {
            name_ui(ui, state, out);
            ui.separator();
            egui::Panel::left("history-versions")
                .resizable(true)
                .default_size(SIZES.history_list)
                .size_range(160.0..=(ui.available_width() * 0.5).max(160.0))
                .show(ui, |ui| list_ui(ui, panel, out));
            egui::CentralPanel::default().show(ui, |ui| compare_ui(ui, panel, revision, out));
        });
    if !open {
        panel.open = false;
    }
}

/// "Your name", which signs the versions this user saves.
fn name_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Action>) {
    let t = *Tokens::of(ui);
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Your name");
        let mut name = state.settings.your_name.clone();
        let field = ui.add(
            egui::TextEdit::singleline(&mut name)
                .hint_text(state.your_name())
                .desired_width(220.0),
        );
        let changed = field.changed();
        field.labelled_by(label.id);
        if changed {
            out.push(Action::SetYourName(name));
        }
        ui.label(
            RichText::new("signs the versions you save; colleagues see it in the history")
                .small()
                .color(t.weak),
        );
    });
}

/// The versions, newest first, one chosen.
fn list_ui(ui: &mut egui::Ui, panel: &VersionsPanel, out: &mut Vec<Action>) {
    let t = *Tokens::of(ui);
    if panel.loading() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Reading the versions…");
        });
    }
    for problem in &panel.problems {
        ui.label(RichText::new(problem).small().color(t.warn));
    }
    if !panel.loading() && panel.entries.is_empty() {
        ui.label("No versions kept yet. Copydesk keeps one each time the story is saved.");
    }
    egui::ScrollArea::vertical()
        .id_salt("history-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for entry in &panel.entries {
                let v = &entry.version;
                let chosen = panel.chosen.as_deref() == Some(v.id.as_str());
                let mut job = egui::text::LayoutJob::default();
                let font = egui::TextStyle::Body.resolve(ui.style());
                let small = egui::FontId::new(font.size * 0.9, font.family.clone());
                let strong = ui.visuals().strong_text_color();
                job.append(&title(v), 0.0, egui::TextFormat::simple(font, strong));
                job.append(
                    &format!(
                        "\n{} · {} words · {}\n{}",
                        v.status.label(),
                        v.words,
                        v.kind.label(),
                        entry.change
                    ),
                    0.0,
                    egui::TextFormat::simple(small, t.weak),
                );
                job.wrap.max_width = ui.available_width();
                let row = ui.add(
                    egui::Button::selectable(chosen, job)
                        .wrap()
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                if row.clicked() && !chosen {
                    out.push(Action::ChooseVersion(v.id.clone()));
                }
                ui.add_space(2.0);
            }
        });
}

/// The chosen version against the story now or another version, word by word.
fn compare_ui(ui: &mut egui::Ui, panel: &VersionsPanel, revision: u64, out: &mut Vec<Action>) {
    let t = *Tokens::of(ui);
    let Some(entry) = panel.chosen_entry() else {
        ui.label("Choose a version on the left to see what changed since.");
        return;
    };
    let against = panel.against.clone().unwrap_or(Against::Now);
    let against_title = |a: &Against| match a {
        Against::Now => "the story now".to_owned(),
        Against::Version(id) => panel
            .entries
            .iter()
            .find(|e| &e.version.id == id)
            .map(|e| title(&e.version))
            .unwrap_or_else(|| "a version no longer kept".to_owned()),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(title(&entry.version)).strong());
        let with = ui.label("compared with");
        egui::ComboBox::from_id_salt("history-against")
            .selected_text(against_title(&against))
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(against == Against::Now, "the story now")
                    .clicked()
                {
                    out.push(Action::CompareVersionWith(Against::Now));
                }
                for e in &panel.entries {
                    if e.version.id == entry.version.id {
                        continue;
                    }
                    let other = Against::Version(e.version.id.clone());
                    if ui
                        .selectable_label(against == other, title(&e.version))
                        .clicked()
                    {
                        out.push(Action::CompareVersionWith(other));
                    }
                }
            })
            .response
            .labelled_by(with.id);
    });
    let compared = panel.lines(revision);
    // Nothing to restore when the story now already reads as this version.
    let same_now = against == Against::Now
        && compared
            .as_ref()
            .is_some_and(|(lines, current)| *current && lines.is_empty());
    ui.horizontal_wrapped(|ui| {
        let restore = ui
            .add_enabled(!same_now, egui::Button::new("Restore this version"))
            .on_hover_text("Put this whole version in the story; Undo takes it back")
            .on_disabled_hover_text("The story now reads exactly as this version");
        if restore.clicked() {
            out.push(Action::RestoreVersion(
                entry.version.id.clone(),
                Restore::Whole,
            ));
        }
        legend_ui(ui, &t);
    });
    ui.separator();
    let Some((lines, current)) = compared else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Comparing…");
        });
        return;
    };
    if !current {
        // The story (or the choice) changed since: say so rather than show an old answer
        // as if it were the story now.
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new("Comparing again…").color(t.weak));
        });
        return;
    }
    // Per-field restores change the story now; they are offered against it alone.
    let restorable = current && against == Against::Now;
    egui::ScrollArea::vertical()
        .id_salt("history-changes")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if lines.is_empty() {
                ui.label(match against {
                    Against::Now => "The story now reads exactly as this version.",
                    Against::Version(_) => "The two versions hold the same story.",
                });
                return;
            }
            for line in lines.iter() {
                line_ui(ui, &t, line, restorable.then_some(&entry.version.id), out);
            }
            ui.add_space(6.0);
            ui.label(
                RichText::new("Only what changed is shown: unchanged paragraphs are folded away.")
                    .small()
                    .color(t.weak),
            );
        });
}

/// What the marks mean, in words.
fn legend_ui(ui: &mut egui::Ui, t: &Tokens) {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Small.resolve(ui.style());
    let weak = egui::TextFormat::simple(font.clone(), t.weak);
    job.append("Since this version: ", 0.0, weak.clone());
    job.append(
        "taken out",
        0.0,
        mark_format(ui, t, Mark::Removed, font.clone()),
    );
    job.append(" (struck through), ", 0.0, weak.clone());
    job.append("put in", 0.0, mark_format(ui, t, Mark::Added, font));
    job.append(" (underlined)", 0.0, weak);
    ui.label(job);
}

fn mark_format(ui: &egui::Ui, t: &Tokens, mark: Mark, font: egui::FontId) -> egui::TextFormat {
    let mut f = egui::TextFormat::simple(font, ui.visuals().text_color());
    match mark {
        Mark::Same => {}
        Mark::Removed => {
            f.color = t.removed;
            f.background = t.removed.gamma_multiply(0.18);
            f.strikethrough = egui::Stroke::new(1.2, t.removed);
        }
        Mark::Added => {
            f.color = t.added;
            f.background = t.added.gamma_multiply(0.18);
            f.underline = egui::Stroke::new(1.5, t.added);
        }
    }
    f
}

/// One changed field or run of paragraphs, with its Restore button when it can be restored.
fn line_ui(
    ui: &mut egui::Ui,
    t: &Tokens,
    line: &Line,
    restore_from: Option<&String>,
    out: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&line.label).strong());
        let (added, removed) = line.counts();
        if let Some(words) = copydesk_core::compare::words_changed(added, removed) {
            ui.label(RichText::new(words).color(t.weak));
        }
        if let Some(id) = restore_from {
            let what = match line.run {
                Some(run) => Restore::Paragraphs(run),
                None => Restore::Field(line.field),
            };
            let button = ui.small_button("Restore").on_hover_text(format!(
                "Put {} back as this version has it; Undo takes it back",
                line.label.to_lowercase()
            ));
            button.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Restore: {}", line.label),
                )
            });
            if button.clicked() {
                out.push(Action::RestoreVersion(id.clone(), what));
            }
        }
    });
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let mut before: Option<&copydesk_core::versions::Piece> = None;
    for piece in &line.pieces {
        // "appeals" taken out and "tells" put in read as two words, not "appealstells"
        let touching = before.is_some_and(|b| {
            b.mark != Mark::Same
                && piece.mark != Mark::Same
                && b.mark != piece.mark
                && !b.text.ends_with(char::is_whitespace)
                && !piece.text.starts_with(char::is_whitespace)
        });
        if touching {
            job.append(" ", 0.0, mark_format(ui, t, Mark::Same, font.clone()));
        }
        job.append(
            &piece.text,
            0.0,
            mark_format(ui, t, piece.mark, font.clone()),
        );
        before = Some(piece);
    }
    if line.pieces.iter().all(|p| p.text.is_empty()) {
        job.append("—", 0.0, egui::TextFormat::simple(font, t.weak));
    }
    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.add(egui::Label::new(job).wrap());
    });
    ui.add_space(6.0);
}

/// Whether an input event is typing into a text (not a command such as Ctrl+Z).
fn is_typing(event: &egui::Event) -> bool {
    match event {
        egui::Event::Text(_) | egui::Event::Paste(_) | egui::Event::Ime(_) => true,
        egui::Event::Key { key, modifiers, .. } => {
            !modifiers.command
                && matches!(
                    key,
                    egui::Key::Backspace | egui::Key::Delete | egui::Key::Enter | egui::Key::Tab
                )
        }
        _ => false,
    }
}

impl CopydeskApp {
    /// Takes what the History panel's threads finished, and compares again what is chosen
    /// once the story has rested after an edit (never on every keystroke).
    pub(super) fn keep_history_compared(&mut self, ctx: &egui::Context) {
        let panel = &mut self.view.versions;
        if panel.poll() {
            ctx.request_repaint();
        }
        if !panel.open || panel.loading() {
            return;
        }
        let (now, typing) = ctx.input(|i| (i.time, i.events.iter().any(is_typing)));
        if typing {
            self.view.versions_typed_at = now;
        }
        // Typing waits for a pause; an undo, a restore or a choice is compared at once.
        let rested = now - self.view.versions_typed_at >= REST_BEFORE_COMPARING;
        let story = &self.state.story;
        if !panel.is_compared(story.revision()) {
            if rested || panel.lines(story.revision()).is_none() {
                panel.compare(
                    story.revision(),
                    || story.article().clone(),
                    self.state.waker(),
                );
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    REST_BEFORE_COMPARING,
                ));
            }
        }
    }
}
