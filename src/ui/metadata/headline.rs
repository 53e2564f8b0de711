//! Headline, SEO headline, standfirst and slug, with their character counts.

use copydesk_core::article::slug::{slug_problem, slugify};
use copydesk_core::checks::{self, HEADLINE_HARD_LIMIT, HEADLINE_SEARCH_LIMIT, SEO_HEADLINE_LIMIT};
use copydesk_core::field::{Field, TextField};
use egui::{Response, RichText};

use super::{Story, field_id};
use crate::ui::Action;
use crate::ui::text_box::{TextBox, text_box_ui};
use crate::ui::tokens::Tokens;

/// A labelled text field for a field of the story; scrolls into view when it gains focus (a
/// click in the checks list).
pub(super) fn text_field_ui(
    ui: &mut egui::Ui,
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
        },
        value,
        out,
    );
    if r.gained_focus() {
        r.scroll_to_me(Some(egui::Align::Center));
    }
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
    ui.label(RichText::new(text).small().color(color));
}

/// The headline block.
pub(super) fn headline_ui(ui: &mut egui::Ui, story: &Story<'_>, out: &mut Vec<Action>) {
    let a = story.article;
    text_field_ui(
        ui,
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
        "Standfirst",
        TextField::Standfirst,
        &a.standfirst,
        true,
        "The summary under the headline",
        out,
    );
    let derived = slugify(&a.headline);
    text_field_ui(ui, "Slug", TextField::Slug, &a.slug, false, &derived, out);
    if a.slug.is_empty() {
        ui.label(
            RichText::new("Made from the headline until you type one.")
                .small()
                .weak(),
        );
    } else if let Some(problem) = slug_problem(&a.slug) {
        ui.label(
            RichText::new(format!("The slug {problem}."))
                .small()
                .color(Tokens::of(ui).error),
        );
    }
}
