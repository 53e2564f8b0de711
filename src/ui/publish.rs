//! File → Publish to WordPress…: the site, what the post becomes, what will and will not be
//! sent, the checks that stop a publish, the steps as they happen, and the end — the post's
//! address, a sentence saying why not, or the choice when someone changed the post on the
//! site since (Overwrite theirs, Take theirs, Cancel). The publish runs on a thread of its
//! own (`crate::app::publishing`); the window keeps painting.

use chrono::Utc;
use copydesk_core::checks::Severity;
use copydesk_wordpress::publish::Step;
use copydesk_wordpress::{PostStatus, post};
use egui::{Id, RichText};

use super::Action;
use super::tokens::{SIZES, Tokens};
use crate::app::state::AppState;

/// File → Open from WordPress…: the site's posts, the last changed first, to open one as a
/// story linked to its post.
pub fn browse_ui(ctx: &egui::Context, state: &mut AppState, out: &mut Vec<Action>) {
    if !state.publishing.browse.open {
        return;
    }
    let mut open = true;
    panel_window(ctx, "Open from WordPress", "copydesk-browse")
        .open(&mut open)
        .show(ctx, |ui| {
            let t = *Tokens::of(ui);
            let p = &mut state.publishing;
            let busy = p.browse.busy;
            ui.add_enabled_ui(busy.is_none(), |ui| {
                if site_fields_ui(ui, p) {
                    out.push(Action::ForgetPassword);
                }
                egui::Grid::new("browse-filter")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        let l = ui.label("Search");
                        let search = ui
                            .add(
                                egui::TextEdit::singleline(&mut p.browse.search)
                                    .desired_width(280.0),
                            )
                            .labelled_by(l.id);
                        if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            out.push(Action::ListPosts);
                        }
                        ui.end_row();
                        ui.label("Status");
                        ui.horizontal_wrapped(|ui| {
                            for (value, label) in [
                                (None, "Any"),
                                (Some("draft"), "Draft"),
                                (Some("pending"), "Pending review"),
                                (Some("future"), "Scheduled"),
                                (Some("publish"), "Published"),
                            ] {
                                if ui.radio(p.browse.status == value, label).clicked() {
                                    p.browse.status = value;
                                }
                            }
                        });
                        ui.end_row();
                    });
                ui.horizontal(|ui| {
                    if ui.button("List posts").clicked() {
                        out.push(Action::ListPosts);
                    }
                    // The desk view over the site: its posts as rows, reviewed in place.
                    if ui
                        .button("Open as Desk")
                        .on_hover_text(
                            "Show the site's posts in the desk view, pending review first",
                        )
                        .clicked()
                    {
                        out.push(Action::Command(super::commands::Command::OpenSiteDesk));
                    }
                });
            });
            if let Some(what) = busy {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(what);
                });
            }
            if let Some(e) = &p.browse.error {
                ui.label(RichText::new(e).color(t.error));
            }
            if p.browse.posts.len() >= copydesk_wordpress::publish::MOST_LISTED {
                ui.label(
                    RichText::new(format!(
                        "The {} posts changed last; search to find older ones.",
                        copydesk_wordpress::publish::MOST_LISTED
                    ))
                    .color(t.weak),
                );
            }
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    egui::Grid::new("browse-posts")
                        .num_columns(3)
                        .striped(true)
                        .spacing([12.0, 4.0])
                        .show(ui, |ui| {
                            for post in &p.browse.posts {
                                // The button first: a narrow window never hides it.
                                let open = egui::Button::new("Open");
                                let r = ui.add_enabled(busy.is_none(), open);
                                r.widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::Button,
                                        true,
                                        format!("Open {}", post.title),
                                    )
                                });
                                if r.clicked() {
                                    out.push(Action::OpenPost(post.id));
                                }
                                ui.label(&post.title);
                                ui.label(
                                    RichText::new(format!(
                                        "{} · post {} · changed {}",
                                        status_word(&post.status),
                                        post.id,
                                        post.modified_gmt.replace('T', " ")
                                    ))
                                    .color(t.weak),
                                );
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        state.publishing.browse.open = false;
    }
}

/// A publishing panel's window, kept inside the window and below the menu bar however small
/// the screen.
fn panel_window(ctx: &egui::Context, title: &str, id: &str) -> egui::Window<'static> {
    let room = ctx.content_rect().shrink(SIZES.window_margin);
    egui::Window::new(title.to_owned())
        .id(Id::unique(id))
        .collapsible(false)
        .resizable(true)
        .default_width(SIZES.publish)
        .max_width(room.width())
        .max_height(room.height())
        .constrain_to(room)
}

/// The site's address, user name and application password.
/// The site, user and password fields; under the password, where it is kept, and Forget
/// when the computer's credential store has it (returns whether Forget was clicked).
fn site_fields_ui(ui: &mut egui::Ui, p: &mut crate::app::publishing::Publishing) -> bool {
    let t = *Tokens::of(ui);
    let mut forget = false;
    let (url, user, password) = (&mut p.url, &mut p.user, &mut p.password);
    egui::Grid::new("publish-site")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label("Site address");
            ui.add(
                egui::TextEdit::singleline(url)
                    .hint_text("https://news.example.org")
                    .desired_width(280.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("User name");
            ui.add(egui::TextEdit::singleline(user).desired_width(280.0))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Application password");
            ui.add(
                egui::TextEdit::singleline(password)
                    .password(true)
                    .desired_width(280.0),
            )
            .labelled_by(l.id)
            .on_hover_text("Users > Profile > Application Passwords on the site.");
            ui.end_row();
            ui.label("");
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(p.keychain.note(url, user))
                        .small()
                        .color(t.weak),
                );
                if p.keychain.is_kept(url, user) && ui.small_button("Forget").clicked() {
                    forget = true;
                }
            });
            ui.end_row();
        });
    forget
}

/// The publish panel, when open.
pub fn publish_ui(ctx: &egui::Context, state: &mut AppState, out: &mut Vec<Action>) {
    if !state.publishing.open {
        return;
    }
    let mut open = true;
    panel_window(ctx, "Publish to WordPress", "copydesk-publish")
        .open(&mut open)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| panel_ui(ui, state, out));
        });
    if !open {
        state.publishing.open = false;
    }
}

fn panel_ui(ui: &mut egui::Ui, state: &mut AppState, out: &mut Vec<Action>) {
    let t = *Tokens::of(ui);
    let running = state.publishing.running();
    // The checks as the story session caches them (once per revision, not per frame), and
    // the house style's errors, which stop a publish too.
    let mut problems = (*state.story.problems()).clone();
    problems.extend(
        state
            .story
            .misspellings()
            .problems
            .iter()
            .filter(|p| p.rule.is_some() && p.severity == Severity::Error)
            .cloned(),
    );
    let article = state.story.article();
    let p = &mut state.publishing;
    ui.add_enabled_ui(!running, |ui| {
        if site_fields_ui(ui, p) {
            out.push(Action::ForgetPassword);
        }
        ui.add_space(6.0);
        ui.label(RichText::new("The post becomes").strong());
        let proposed = PostStatus::proposed(article, Utc::now()).0;
        ui.horizontal_wrapped(|ui| {
            for (status, label) in [
                (PostStatus::Draft, "Draft"),
                (PostStatus::Pending, "Pending review"),
                (PostStatus::Future, "Scheduled"),
                (PostStatus::Publish, "Published"),
            ] {
                let text = if status == proposed {
                    format!("{label} (proposed)")
                } else {
                    label.to_owned()
                };
                if ui.radio(p.status == Some(status), text).clicked() {
                    p.status = Some(status);
                }
            }
        });
    });
    ui.add_space(6.0);
    let terms: Vec<String> = std::iter::once(article.section.trim())
        .filter(|s| !s.is_empty())
        .map(|s| format!("category “{s}”"))
        .chain(
            article
                .tags
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .map(|t| format!("tag “{t}”")),
        )
        .collect();
    if !terms.is_empty() {
        ui.label(format!("Filed under: {}.", terms.join(", ")));
    }
    for left in post::not_sent(article) {
        ui.label(RichText::new(format!("Not sent: {left}.")).color(t.weak));
    }
    let errors = problems.iter().filter(|p| p.severity == Severity::Error);
    let warnings = problems.iter().filter(|p| p.severity == Severity::Warning);
    let mut blocked = false;
    for e in errors {
        blocked = true;
        ui.label(RichText::new(format!("Error: {}", e.message)).color(t.error));
    }
    for w in warnings {
        ui.label(RichText::new(format!("Warning: {}", w.message)).color(t.warn));
    }
    ui.add_space(8.0);
    let p = &state.publishing;
    let ready = !p.url.trim().is_empty() && !p.user.trim().is_empty() && !p.password.is_empty();
    ui.horizontal(|ui| {
        let publish = ui
            .add_enabled(ready && !blocked && !running, egui::Button::new("Publish"))
            .on_disabled_hover_text(if blocked {
                "Fix the errors above first"
            } else {
                "Give the site, the user name and the application password"
            });
        if publish.clicked() {
            out.push(Action::Publish { force: false });
        }
        if running {
            ui.spinner();
            if p.cancelling() {
                ui.label("Cancelling after the step under way…");
            } else {
                ui.label("Publishing…");
                if ui.button("Cancel").clicked() {
                    out.push(Action::CancelPublish);
                }
            }
        }
    });
    if running {
        for step in &p.steps {
            ui.label(RichText::new(step_text(step)).color(t.weak));
        }
    }
    if let Some(conflict) = &p.conflict {
        t.notice_frame().show(ui, |ui| {
            ui.label(format!(
                "Someone changed this post on the site (at {} GMT) since this story last \
                 published or opened it. Nothing was sent. Their headline: “{}”.",
                conflict.theirs_modified.replace('T', " "),
                conflict.theirs.headline
            ));
            ui.horizontal(|ui| {
                if ui.button("Overwrite theirs").clicked() {
                    out.push(Action::Publish { force: true });
                }
                if ui.button("Take theirs").clicked() {
                    out.push(Action::TakeTheirsFromSite);
                }
                if ui.button("Cancel").clicked() {
                    out.push(Action::CancelPublishConflict);
                }
            });
        });
    }
    match &p.result {
        Some(Ok(link)) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{}: {link}", p.done_text()));
                if !link.is_empty() && ui.button("Open in browser").clicked() {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(link));
                }
            });
        }
        Some(Err(why)) => {
            ui.label(RichText::new(why).color(t.error));
        }
        None => {}
    }
}

/// The panel's word for a REST status.
fn status_word(status: &str) -> &str {
    match status {
        "draft" => "Draft",
        "pending" => "Pending review",
        "future" => "Scheduled",
        "publish" => "Published",
        "private" => "Private",
        other => other,
    }
}

fn step_text(step: &Step) -> &'static str {
    match step {
        Step::Checking => "Reading the post as it is on the site…",
        Step::Picture => "Uploading the picture…",
        Step::Terms => "Finding the category and tags…",
        Step::Post => "Writing the post…",
    }
}
