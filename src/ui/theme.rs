//! Fonts, colours and the light/dark theme.
//!
//! The preview sets the story in Liberation Serif (SIL Open Font License, shipped in
//! `assets/fonts/`), so it reads like a printed page; the panels keep egui's sans-serif.

use std::sync::Arc;

use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextFormat};

use crate::article::body::Mark;

pub const SERIF: &str = "serif";
pub const SERIF_BOLD: &str = "serif-bold";
pub const SERIF_ITALIC: &str = "serif-italic";
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

/// How a run of body text looks in the editor.
pub fn editor_format(mark: Mark, dark: bool, font: FontId, base: Color32) -> TextFormat {
    let (syntax, link, related, quote, head) = if dark {
        (
            Color32::from_rgb(0x8a, 0x8f, 0x98),
            Color32::from_rgb(0x6c, 0xb6, 0xff),
            Color32::from_rgb(0xe0, 0xa0, 0x4a),
            Color32::from_rgb(0x9c, 0xd6, 0x9c),
            Color32::from_rgb(0xf0, 0xf0, 0xf0),
        )
    } else {
        (
            Color32::from_rgb(0x80, 0x80, 0x88),
            Color32::from_rgb(0x1a, 0x5f, 0xb4),
            Color32::from_rgb(0xa0, 0x52, 0x00),
            Color32::from_rgb(0x2e, 0x7d, 0x32),
            Color32::from_rgb(0x10, 0x10, 0x10),
        )
    };
    let color = if mark.related {
        related
    } else if mark.syntax {
        syntax
    } else if mark.link {
        link
    } else if mark.subheading {
        head
    } else if mark.quote {
        quote
    } else {
        base
    };
    let mut f = TextFormat::simple(font, color);
    f.italics = mark.emphasis;
    if mark.related {
        f.background = related.gamma_multiply(0.12);
    }
    if mark.link && !mark.syntax {
        f.underline = egui::Stroke::new(1.0, link);
    }
    if mark.strong || mark.subheading {
        // The editor's face has no bold weight, so bold text and subheadings are drawn in
        // the strongest text colour instead.
        f.color = if mark.syntax { syntax } else { head };
    }
    f
}

/// The colour of a warning and of an error, readable on both themes.
pub fn warn_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xf0, 0xc0, 0x40)
    } else {
        Color32::from_rgb(0x9a, 0x60, 0x00)
    }
}

pub fn error_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(0xff, 0x70, 0x70)
    } else {
        Color32::from_rgb(0xb0, 0x1c, 0x1c)
    }
}
