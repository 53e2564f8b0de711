//! Comments in the window: Edit > Comment on Selection (Ctrl+Alt+M) on words of the body or a
//! metadata text, the Comments window (View > Comments) with each thread, its answers and
//! Resolve, and the body's margin, where a numbered mark stands beside each comment's words
//! (which are tinted and underlined with dots) and opens it.
//!
//! The comments themselves, and how they follow their words, are the core's
//! ([`copydesk_core::comments`]); every change here is an [`Action::Comment`] applied to the
//! story in focus as one edit Undo takes back.

use std::collections::HashMap;
use std::ops::Range;

use egui::text::CCursor;
use egui::{Id, RichText};

use copydesk_core::article::Article;
use copydesk_core::comments::{Change, Comment, Place};

use super::Action;
use super::editor::char_to_byte;
use super::tokens::{SIZES, Tokens};

/// The texts a comment can hang on, metadata first, in panel order.
const PLACES: [Place; 7] = [
    Place::Headline,
    Place::SeoHeadline,
    Place::Standfirst,
    Place::ImageCaption,
    Place::ImageCredit,
    Place::ImageAlt,
    Place::Body,
];

/// A comment being written, on words chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The text the words are in.
    pub place: Place,
    /// Their byte range.
    pub range: Range<usize>,
    /// The words.
    pub quote: String,
    /// The comment typed so far.
    pub text: String,
    /// Whether the comment's field is to take the keyboard (once, when it appears).
    pub focus: bool,
}

/// What the comments remember between frames.
#[derive(Debug, Default)]
pub struct CommentsView {
    /// Whether the Comments window is open.
    pub open: bool,
    /// A new comment being written.
    pub draft: Option<Draft>,
    /// Answers being written, by comment id.
    pub replies: HashMap<String, String>,
    /// Whether resolved comments are listed too.
    pub show_resolved: bool,
    /// The comment to bring into view in the window (a margin mark was clicked).
    pub reveal: Option<String>,
    /// The comment last opened from its mark, drawn outlined in the window.
    pub chosen: Option<String>,
    /// The last selection made in a text a comment can hang on, in characters.
    target: Option<(Place, Range<usize>)>,
}

impl CommentsView {
    /// Remembers the selection of the focused text, when comments can hang on it: the menu
    /// item that starts a comment takes the keyboard from the field.
    /// `body` is the body's selection (characters of the body; its field holds only a part
    /// of a long body), from [`super::editor::EditorView::selection`].
    pub fn note_selection(&mut self, ctx: &egui::Context, body: Option<Range<usize>>) {
        let Some(focused) = ctx.memory(|m| m.focused()) else {
            return;
        };
        let place = PLACES.into_iter().find(|p| match p {
            Place::Body => focused == super::editor::body_id(),
            other => focused == super::metadata::field_id(other.field().into()),
        });
        let Some(place) = place else {
            return;
        };
        if place == Place::Body {
            if let Some(range) = body {
                self.target = Some((place, range));
            }
        } else if let Some(range) =
            egui::TextEdit::load_state(ctx, focused).and_then(|s| s.cursor.char_range())
        {
            let (a, b) = (range.primary.index.0, range.secondary.index.0);
            self.target = Some((place, a.min(b)..a.max(b)));
        }
    }

    /// Starts a comment on the words last selected; `false` when none are.
    pub fn start(&mut self, article: &Article) -> bool {
        let Some((place, chars)) = self.target.clone() else {
            return false;
        };
        let Some(text) = place.field().get(article) else {
            return false;
        };
        let range = char_to_byte(text, chars.start)..char_to_byte(text, chars.end);
        let quote = text.get(range.clone()).unwrap_or_default();
        if quote.trim().is_empty() {
            return false;
        }
        self.draft = Some(Draft {
            place,
            range,
            quote: quote.to_owned(),
            text: String::new(),
            focus: true,
        });
        self.open = true;
        true
    }
}

/// "5 Dec 14:02", in the computer's time zone.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%-d %b %H:%M")
        .to_string()
}

/// The Comments window, when it is open.
pub fn comments_ui(
    ctx: &egui::Context,
    article: &Article,
    view: &mut CommentsView,
    out: &mut Vec<Action>,
) {
    if !view.open {
        return;
    }
    let mut open = true;
    let room = ctx.content_rect().shrink(SIZES.window_margin);
    egui::Window::new("Comments")
        .id(Id::unique("copydesk-comments"))
        .open(&mut open)
        .default_pos(room.right_top())
        .pivot(egui::Align2::RIGHT_TOP)
        .default_size([SIZES.comments.min(room.width()), room.height().min(560.0)])
        .max_width(room.width())
        .max_height(room.height())
        .constrain_to(room)
        .show(ctx, |ui| {
            let t = *Tokens::of(ui);
            draft_ui(ui, &t, view, out);
            let open_count = article.comments.iter().filter(|c| c.is_open()).count();
            let resolved = article.comments.len() - open_count;
            ui.horizontal_wrapped(|ui| {
                ui.label(match open_count {
                    0 => "No open comments.".to_owned(),
                    1 => "1 open comment".to_owned(),
                    n => format!("{n} open comments"),
                });
                if resolved > 0 {
                    ui.checkbox(
                        &mut view.show_resolved,
                        format!("Show {resolved} resolved"),
                    );
                }
            });
            if article.comments.is_empty() && view.draft.is_none() {
                ui.label(
                    RichText::new(
                        "Select words in the body or a text field, then Edit > Comment on Selection (Ctrl+Alt+M).",
                    )
                    .small()
                    .color(t.weak),
                );
            }
            egui::ScrollArea::vertical()
                .id_salt("comments-list")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut order: Vec<(usize, &Comment)> =
                        article.comments.iter().enumerate().collect();
                    order.sort_by_key(|(_, c)| {
                        (
                            !c.is_open(),
                            PLACES.iter().position(|p| *p == c.place),
                            c.start,
                        )
                    });
                    for (n, c) in order {
                        if !c.is_open() && !view.show_resolved {
                            continue;
                        }
                        comment_ui(ui, &t, n + 1, c, view, out);
                    }
                });
        });
    if !open {
        view.open = false;
        view.draft = None;
    }
}

/// The new comment being written.
fn draft_ui(ui: &mut egui::Ui, t: &Tokens, view: &mut CommentsView, out: &mut Vec<Action>) {
    let Some(draft) = view.draft.as_mut() else {
        return;
    };
    let mut done = false;
    t.notice_frame().show(ui, |ui| {
        ui.label(
            RichText::new(format!(
                "New comment on “{}” ({})",
                copydesk_core::compare::tail(&draft.quote, 60),
                draft.place.label().to_lowercase()
            ))
            .strong(),
        );
        let label = ui.label("Comment");
        let field = ui
            .add(
                egui::TextEdit::multiline(&mut draft.text)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text("A question for the reporter, a note for the desk"),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut draft.focus) {
            field.request_focus();
        }
        ui.horizontal(|ui| {
            let add = ui.add_enabled(
                !draft.text.trim().is_empty(),
                egui::Button::new("Add comment"),
            );
            if add.clicked() {
                out.push(Action::Comment(Change::Add {
                    place: draft.place,
                    range: draft.range.clone(),
                    text: draft.text.clone(),
                }));
                done = true;
            }
            if ui.button("Cancel").clicked() {
                done = true;
            }
        });
    });
    if done {
        view.draft = None;
    }
    ui.separator();
}

/// One comment: its words, its thread, an answer box, Resolve and Delete.
fn comment_ui(
    ui: &mut egui::Ui,
    t: &Tokens,
    number: usize,
    c: &Comment,
    view: &mut CommentsView,
    out: &mut Vec<Action>,
) {
    let mut frame = egui::Frame::group(ui.style());
    if view.chosen.as_deref() == Some(c.id.as_str()) {
        frame = frame.stroke(egui::Stroke::new(2.0, t.warn));
    }
    let frame = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{number}.")).strong());
            let words = format!(
                "“{}” ({})",
                copydesk_core::compare::tail(&c.quote, 60),
                c.place.label().to_lowercase()
            );
            if c.detached {
                ui.label(RichText::new(words).italics().strikethrough().color(t.weak));
            } else {
                // the house link colour: egui's default is too pale on a light panel
                let show = ui
                    .link(RichText::new(words).color(t.link))
                    .on_hover_text("Select these words in the story");
                if show.clicked() {
                    out.push(Action::Focus(c.place.field().into(), Some(c.range())));
                }
            }
            if c.resolved {
                ui.label(RichText::new("Resolved").small().color(t.weak));
            }
        });
        if c.detached {
            ui.label(
                RichText::new("Its words were deleted; the comment is kept.")
                    .small()
                    .color(t.warn),
            );
        }
        for (i, note) in c.thread.iter().enumerate() {
            let note_ui = |ui: &mut egui::Ui| {
                ui.label(
                    RichText::new(format!("{} · {}", note.author, when(note.at))).color(t.weak),
                );
                ui.label(&note.text);
            };
            if i == 0 {
                note_ui(ui);
            } else {
                // answers stand indented under the comment
                ui.indent(("answer", &c.id, i), note_ui);
            }
        }
        let reply = view.replies.entry(c.id.clone()).or_default();
        let field = ui.add(
            egui::TextEdit::singleline(reply)
                .desired_width(f32::INFINITY)
                .hint_text("Answer"),
        );
        field.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::TextInput,
                true,
                format!("Answer to comment {number}"),
            )
        });
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let answer = ui.add_enabled(!reply.trim().is_empty(), egui::Button::new("Answer"));
            answer.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    !reply.trim().is_empty(),
                    format!("Answer comment {number}"),
                )
            });
            if (answer.clicked() || entered) && !reply.trim().is_empty() {
                out.push(Action::Comment(Change::Reply {
                    id: c.id.clone(),
                    text: std::mem::take(reply),
                }));
            }
            let (label, resolved) = if c.resolved {
                ("Reopen", false)
            } else {
                ("Resolve", true)
            };
            let toggle = ui.button(label);
            toggle.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{label} comment {number}"),
                )
            });
            if toggle.clicked() {
                out.push(Action::Comment(Change::Resolve {
                    id: c.id.clone(),
                    resolved,
                }));
            }
            let delete = ui.button("Delete");
            delete.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Delete comment {number}"),
                )
            });
            if delete.clicked() {
                out.push(Action::Comment(Change::Delete { id: c.id.clone() }));
            }
        });
    });
    if view.reveal.as_deref() == Some(c.id.as_str()) {
        view.reveal = None;
        frame.response.scroll_to_me(Some(egui::Align::Center));
    }
    ui.add_space(4.0);
}

/// The body's commented words, tinted and underlined with dots, and a numbered mark in the
/// margin at the right of the body beside each comment's first line; a click on a mark opens
/// the comment. `text` is the part of the body from byte `base` laid out in `galley` at
/// `galley_pos`.
pub fn margin_ui(
    ui: &mut egui::Ui,
    article: &Article,
    (text, base): (&str, usize),
    (galley, rows): (&egui::Galley, Option<&super::body_layout::BodyLayout>),
    galley_pos: egui::Pos2,
    right: f32,
    view: &mut CommentsView,
) {
    let t = *Tokens::of(ui);
    let clip = ui.clip_rect();
    if !article.comments.iter().any(|c| c.place == Place::Body) {
        return;
    }
    // Only the rows on screen are looked at: where they start and end in the text is found
    // without walking the text above them (a long story costs no more than a short one).
    let Some(shown) = super::spelling::shown(galley, galley_pos, clip, text, rows) else {
        return;
    };
    let mut marks: Vec<(usize, &Comment)> = article
        .comments
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.place == Place::Body
                && c.is_open()
                && c.end <= base + text.len()
                && c.start <= base + shown.end
                && c.end >= base + shown.byte
        })
        .map(|(i, c)| (i + 1, c))
        .collect();
    if marks.is_empty() {
        return;
    }
    marks.sort_by_key(|m| m.1.start);
    // Byte offsets to characters, walking the rows on screen once, in order; an offset
    // above them stands at their start.
    let mut chars = CharCounter::new(text, shown.byte, shown.char);
    for (number, c) in marks {
        let (Some(a), Some(b)) = (
            chars.at(c.start.saturating_sub(base)),
            chars.at(c.end.saturating_sub(base)),
        ) else {
            continue;
        };
        let start = galley
            .pos_from_cursor(CCursor::new(a))
            .translate(galley_pos.to_vec2());
        let end = galley
            .pos_from_cursor(CCursor::new(b))
            .translate(galley_pos.to_vec2());
        if end.bottom() < clip.top() || start.top() > clip.bottom() {
            continue;
        }
        let color = t.warn;
        if !c.detached {
            // each row of the words: tinted, with a dotted line under it
            let first = galley
                .rows
                .partition_point(|r| r.max_y() + galley_pos.y <= start.top() + 1.0);
            for placed in galley.rows.iter().skip(first) {
                let row = placed.rect().translate(galley_pos.to_vec2());
                if row.top() >= end.bottom() - 1.0 {
                    break;
                }
                let left = if (row.top() - start.top()).abs() < 1.0 {
                    start.left()
                } else {
                    row.left()
                };
                let right_x = if (row.top() - end.top()).abs() < 1.0 {
                    end.left()
                } else {
                    row.right()
                };
                let rect = egui::Rect::from_x_y_ranges(left..=right_x, row.y_range());
                if rect.width() > 0.0 {
                    ui.painter()
                        .rect_filled(rect, 2.0, color.gamma_multiply(0.14));
                    let mut x = rect.left();
                    while x < rect.right() {
                        ui.painter()
                            .circle_filled(egui::pos2(x, rect.bottom() - 1.0), 0.9, color);
                        x += 4.0;
                    }
                }
            }
        }
        // the numbered mark in the margin
        let size = egui::vec2(20.0, 16.0);
        let mark = egui::Rect::from_min_size(egui::pos2(right - size.x - 2.0, start.top()), size);
        let id = Id::unique(("comment-mark", &c.id));
        let response = ui.interact(mark, id, egui::Sense::click());
        let note = c.thread.first().map_or("", |n| n.text.as_str());
        let gone = if c.detached { " (words deleted)" } else { "" };
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("Comment {number}{gone}: {note}"),
            )
        });
        let fill = if response.hovered() {
            color
        } else {
            color.gamma_multiply(0.8)
        };
        ui.painter().rect_filled(mark, 4.0, fill);
        ui.painter().text(
            mark.center(),
            egui::Align2::CENTER_CENTER,
            number.to_string(),
            egui::FontId::proportional(11.0),
            ui.visuals().extreme_bg_color,
        );
        let response = response.on_hover_text(format!("{}: {note}", c.thread[0].author));
        if response.clicked() {
            view.open = true;
            view.reveal = Some(c.id.clone());
            view.chosen = Some(c.id.clone());
        }
    }
}

/// Counts characters up to byte offsets asked for in increasing order, walking the text
/// once from a place whose offsets are known (the first row on screen).
struct CharCounter<'t> {
    text: &'t str,
    from: (usize, usize),
    byte: usize,
    chars: usize,
}

impl<'t> CharCounter<'t> {
    fn new(text: &'t str, byte: usize, chars: usize) -> Self {
        CharCounter {
            text,
            from: (byte, chars),
            byte,
            chars,
        }
    }

    /// The character index of byte `at` (on a character boundary; one before the starting
    /// place counts as the starting place), or `None` when it is not a boundary.
    fn at(&mut self, at: usize) -> Option<usize> {
        if at <= self.from.0 {
            return Some(self.from.1);
        }
        if at < self.byte {
            // asked out of order (an end before the next start): walk from the start
            return Some(self.from.1 + self.text.get(self.from.0..at)?.chars().count());
        }
        let part = self.text.get(self.byte..at)?;
        self.chars += part.chars().count();
        self.byte = at;
        Some(self.chars)
    }
}
