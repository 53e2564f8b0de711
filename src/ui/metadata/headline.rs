//! Headline, SEO headline, standfirst and slug, with their character counts.

use copydesk_core::article::slug::{slug_problem, slugify};
use copydesk_core::article::{COMMON_LANGUAGES, is_language_tag};
use copydesk_core::checks::{self, HEADLINE_HARD_LIMIT, HEADLINE_SEARCH_LIMIT, SEO_HEADLINE_LIMIT};
use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, TextField};
use egui::{Response, RichText};

use super::{MetadataView, Story, field_id};
use crate::ui::Action;
use crate::ui::text_box::{TextBox, text_box_ui};
use crate::ui::tokens::Tokens;

/// A labelled text field for a field of the story; scrolls into view when the checks list
/// asked for it.
#[allow(
    clippy::too_many_arguments,
    reason = "the field's parts, each a plain value at every call; a struct would only rename them"
)]
pub(super) fn text_field_ui(
    ui: &mut egui::Ui,
    view: &mut MetadataView,
    label: &str,
    field: TextField,
    value: &str,
    multiline: bool,
    hint: &str,
    out: &mut Vec<Action>,
) -> Response {
    let r = text_box_ui(
        ui,
        TextBox {
            label,
            field,
            id: field_id(Field::from(field)),
            multiline,
            hint,
            misspelt: &view.spell.0,
            spell_wanted: view.spell.1,
        },
        value,
        out,
    );
    view.scroll_if_asked(Field::from(field), &r);
    r
}

/// "57 characters (search 70, limit 110)", in the warning or error colour past a limit.
fn count_ui(ui: &mut egui::Ui, n: usize, soft: usize, hard: Option<usize>) {
    let t = Tokens::of(ui);
    let (text, color) = match hard {
        Some(h) if n > h => (format!("{n} characters — over the {h} limit"), t.error),
        _ if n > soft => (
            format!("{n} characters — over {soft}, search results will cut it"),
            t.warn,
        ),
        Some(h) if soft == h => (format!("{n} characters (limit {h})"), t.weak),
        Some(h) => (format!("{n} characters (search {soft}, limit {h})"), t.weak),
        None => (format!("{n} characters (limit {soft})"), t.weak),
    };
    ui.label(RichText::new(text).color(color));
}

/// The headline block.
pub(super) fn headline_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    let a = story.article;
    text_field_ui(
        ui,
        view,
        "Headline",
        TextField::Headline,
        &a.headline,
        true,
        "What happened, in a line",
        out,
    );
    // With an SEO headline, search results use that; only the hard limit applies here.
    let soft = if a.seo_headline.trim().is_empty() {
        HEADLINE_SEARCH_LIMIT
    } else {
        HEADLINE_HARD_LIMIT
    };
    count_ui(
        ui,
        checks::char_count(&a.headline),
        soft,
        Some(HEADLINE_HARD_LIMIT),
    );
    text_field_ui(
        ui,
        view,
        "SEO headline",
        TextField::SeoHeadline,
        &a.seo_headline,
        false,
        "Shorter headline for search results (optional)",
        out,
    );
    if !a.seo_headline.is_empty() {
        count_ui(
            ui,
            checks::char_count(&a.seo_headline),
            SEO_HEADLINE_LIMIT,
            None,
        );
    }
    text_field_ui(
        ui,
        view,
        "Standfirst",
        TextField::Standfirst,
        &a.standfirst,
        true,
        "The summary under the headline",
        out,
    );
    let derived = slugify(&a.headline);
    text_field_ui(
        ui,
        view,
        "Slug",
        TextField::Slug,
        &a.slug,
        false,
        &derived,
        out,
    );
    let t = Tokens::of(ui);
    if a.slug.is_empty() {
        ui.label(RichText::new("Made from the headline until you type one.").color(t.weak));
    } else if let Some(problem) = slug_problem(&a.slug) {
        ui.label(RichText::new(format!("The slug {problem}.")).color(t.error));
    }
    language_ui(ui, story, view, out);
}

/// The story's language: a BCP 47 tag typed freely, or one of the common ones from a menu.
fn language_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    let a = story.article;
    text_field_ui(
        ui,
        view,
        "Language",
        TextField::Language,
        &a.language,
        false,
        "A language tag such as en-GB",
        out,
    );
    let t = Tokens::of(ui);
    ui.horizontal_wrapped(|ui| {
        let name = copydesk_core::article::language_name(&a.language);
        match name {
            Some(n) => ui.label(RichText::new(n).color(t.weak)),
            None if is_language_tag(a.language.trim()) => {
                ui.label(RichText::new("A language tag").color(t.weak))
            }
            None => ui.label(
                RichText::new("Not a language tag: use one such as en-GB, fr or zh-Hant")
                    .color(t.error),
            ),
        };
        ui.menu_button("Common languages", |ui| {
            for (tag, name) in COMMON_LANGUAGES {
                if ui.button(format!("{name} — {tag}")).clicked() {
                    out.push(Action::EndTyping);
                    out.push(Action::Edit(Edit::SetText(
                        TextField::Language,
                        (*tag).to_owned(),
                    )));
                    ui.close();
                }
            }
        });
    });
}
