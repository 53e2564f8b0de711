//! Fonts: the preview sets the story in Liberation Serif (SIL Open Font License, shipped in
//! `assets/fonts/`), so it reads like a printed page; the panels keep egui's sans-serif.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontId};

/// The preview's serif family, regular.
pub const SERIF: &str = "serif";
/// Bold.
pub const SERIF_BOLD: &str = "serif-bold";
/// Italic.
pub const SERIF_ITALIC: &str = "serif-italic";
/// Bold italic.
pub const SERIF_BOLD_ITALIC: &str = "serif-bold-italic";

/// Adds the serif families, falling back to egui's fonts for glyphs Liberation lacks.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    let faces: [(&str, &'static [u8]); 4] = [
        (
            SERIF,
            include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
        ),
        (
            SERIF_BOLD,
            include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
        ),
        (
            SERIF_ITALIC,
            include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
        ),
        (
            SERIF_BOLD_ITALIC,
            include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
        ),
    ];
    let fallback = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for (name, bytes) in faces {
        fonts
            .font_data
            .insert(name.to_owned(), Arc::new(FontData::from_static(bytes)));
        let mut family = vec![name.to_owned()];
        family.extend(fallback.iter().cloned());
        fonts.families.insert(FontFamily::Name(name.into()), family);
    }
    ctx.set_fonts(fonts);
}

/// The serif face for a given weight and slant.
pub fn serif(size: f32, bold: bool, italic: bool) -> FontId {
    let name = match (bold, italic) {
        (false, false) => SERIF,
        (true, false) => SERIF_BOLD,
        (false, true) => SERIF_ITALIC,
        (true, true) => SERIF_BOLD_ITALIC,
    };
    FontId::new(size, FontFamily::Name(name.into()))
}
