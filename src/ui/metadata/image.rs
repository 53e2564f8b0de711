//! The story's picture: file or address, thumbnail, caption, credit, alt text.

use copydesk_core::article::Image;
use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, TextField};
use egui::RichText;

use super::headline::text_field_ui;
use super::{MetadataView, Story};
use crate::ui::Action;
use crate::ui::tokens::Tokens;

/// The picture section.
pub(super) fn image_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    out: &mut Vec<Action>,
) {
    ui.label(RichText::new("Image").strong());
    let Some(img) = &story.article.image else {
        let r = ui.button("Add image");
        view.take_focus(Field::Image, &r);
        if r.clicked() {
            out.push(Action::EndTyping);
            out.push(Action::Edit(Edit::SetImage(Some(Box::default()))));
        }
        return;
    };
    text_field_ui(
        ui,
        "Image file or URL",
        TextField::ImageSource,
        &img.source,
        false,
        "a file path or https://…",
        out,
    );
    ui.horizontal(|ui| {
        if ui.button("Choose image file…").clicked() {
            out.push(Action::PickImage);
        }
        if ui.button("Remove image").clicked() {
            out.push(Action::EndTyping);
            out.push(Action::Edit(Edit::SetImage(None)));
        }
    });
    thumbnail_ui(ui, img);
    text_field_ui(
        ui,
        "Caption",
        TextField::ImageCaption,
        &img.caption,
        false,
        "What the picture shows",
        out,
    );
    text_field_ui(
        ui,
        "Credit",
        TextField::ImageCredit,
        &img.credit,
        false,
        "Who took or owns it",
        out,
    );
    ui.add_enabled_ui(!img.decorative, |ui| {
        text_field_ui(
            ui,
            "Alt text",
            TextField::ImageAlt,
            &img.alt,
            false,
            "Describe the picture for readers who cannot see it",
            out,
        );
    });
    let mut decorative = img.decorative;
    if ui
        .checkbox(&mut decorative, "Decorative (needs no alt text)")
        .changed()
    {
        out.push(Action::EndTyping);
        out.push(Action::Edit(Edit::SetDecorative(decorative)));
    }
}

/// A small picture of a local image file.
fn thumbnail_ui(ui: &mut egui::Ui, img: &Image) {
    let source = img.source.trim();
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
        ui.label(
            RichText::new("No file at this path.")
                .small()
                .color(Tokens::of(ui).warn),
        );
    }
}
