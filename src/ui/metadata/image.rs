//! The story's picture: file or address, thumbnail, caption, credit, alt text.

use copydesk_core::edit::Edit;
use copydesk_core::field::{Field, TextField};
use egui::RichText;

use super::headline::text_field_ui;
use super::{MetadataView, Story};
use crate::ui::Action;
use crate::ui::picture::PictureView;

/// The picture section.
pub(super) fn image_ui(
    ui: &mut egui::Ui,
    story: &Story<'_>,
    view: &mut MetadataView,
    pictures: &mut PictureView,
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
        view,
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
    let max = egui::vec2(ui.available_width(), 120.0);
    pictures.picture_ui(
        ui,
        &img.source,
        story.base,
        max,
        "Thumbnail of the story's picture",
    );
    text_field_ui(
        ui,
        view,
        "Caption",
        TextField::ImageCaption,
        &img.caption,
        false,
        "What the picture shows",
        out,
    );
    text_field_ui(
        ui,
        view,
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
            view,
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
