//! Design tokens: every colour and text size the panes use, for both themes, in one place.
//!
//! Panes ask for [`Tokens::of`] the `Ui` they draw in and read named values; no pane writes a
//! colour literal. Changing the look of Copydesk is changing this file.

use egui::Color32;

/// The colours and sizes of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tokens {
    /// Body text in the editor and the preview.
    pub text: Color32,
    /// Headings and bold text, the strongest text colour.
    pub strong: Color32,
    /// Hints, notes, secondary text.
    pub weak: Color32,
    /// Links in the preview and the editor.
    pub link: Color32,
    /// The section label in the preview.
    pub accent: Color32,
    /// Warnings: a problem worth a look, unsaved changes, an embargo.
    pub warn: Color32,
    /// Errors: a problem that stops publication.
    pub error: Color32,
    /// The background of the embargo banner and other notices.
    pub notice_fill: Color32,
    /// The background of find matches in the body.
    pub find_hit: Color32,
    /// The background of the find match last gone to.
    pub find_current: Color32,
    /// Subheadings in the editor: a colour of their own, so a long story's sections can be
    /// found at a glance (the editor's face has one weight and one size: a bolder or larger
    /// subheading would move every letter after it when it is coloured).
    pub subheading: Color32,
    /// Markup characters in the editor (`**`, `##`, `](url)`).
    pub syntax: Color32,
    /// Related-link anchors in the editor.
    pub related: Color32,
    /// Quoted text in the editor.
    pub quote: Color32,
    /// The bar beside a quotation in the preview.
    pub quote_bar: Color32,
    /// The wavy line under a misspelt word.
    pub misspelt: Color32,
    /// The double line under words the grammar checker flags (spelling's line is wavy).
    pub grammar: Color32,
    /// The dashed line under words against the house style.
    pub house_style: Color32,
    /// Words put in since, in the History panel (underlined too: not colour alone).
    pub added: Color32,
    /// Words taken out since, in the History panel (struck through too).
    pub removed: Color32,
    /// The editor's text size, relative to egui's body size.
    pub editor_scale: f32,
    /// Preview sizes, in points.
    pub preview: PreviewSizes,
}

/// Text sizes of the preview, which sets the story as a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PreviewSizes {
    /// The headline.
    pub headline: f32,
    /// The standfirst.
    pub standfirst: f32,
    /// Body paragraphs.
    pub body: f32,
    /// Subheadings.
    pub subheading: f32,
    /// The picture caption.
    pub caption: f32,
    /// Dateline, byline and picture credit.
    pub meta: f32,
    /// The section label above the headline.
    pub section: f32,
    /// Widest the text column gets, for a comfortable line length.
    pub column: f32,
}

const PREVIEW: PreviewSizes = PreviewSizes {
    headline: 28.0,
    standfirst: 19.0,
    body: 16.5,
    subheading: 21.0,
    caption: 14.0,
    meta: 13.0,
    section: 12.0,
    column: 620.0,
};

/// Widths and spacing of windows and modals, in points: the same in both themes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sizes {
    /// A question (Save / Don't Save / Cancel, Overwrite…).
    pub question: f32,
    /// A notice (an error in plain words).
    pub notice: f32,
    /// The typed-path field shown where no file dialog can be.
    pub path_entry: f32,
    /// The Help windows (shortcuts, markup guide).
    pub help: f32,
    /// The comparison of two versions.
    pub compare: f32,
    /// The History panel's list of versions.
    pub history_list: f32,
    /// The Comments window.
    pub comments: f32,
    /// The publish panel.
    pub publish: f32,
    /// Between a modal's text and its buttons.
    pub before_buttons: f32,
    /// Kept free around a floating window, so it never covers the menu bar or leaves the
    /// screen.
    pub window_margin: f32,
}

/// The sizes every pane and modal uses.
pub const SIZES: Sizes = Sizes {
    question: 440.0,
    notice: 460.0,
    path_entry: 520.0,
    help: 460.0,
    compare: 560.0,
    history_list: 250.0,
    comments: 380.0,
    publish: 480.0,
    before_buttons: 8.0,
    window_margin: 28.0,
};

impl Tokens {
    /// The box an inline notice sits in (an embargo in force, a file changed on disk).
    pub fn notice_frame(&self) -> egui::Frame {
        egui::Frame::new()
            .fill(self.notice_fill)
            .inner_margin(6.0)
            .corner_radius(4.0)
    }

    /// The light theme.
    pub const LIGHT: Tokens = Tokens {
        text: Color32::from_rgb(0x1d, 0x1d, 0x1f),
        strong: Color32::from_rgb(0x10, 0x10, 0x10),
        weak: Color32::from_rgb(0x5f, 0x63, 0x68),
        link: Color32::from_rgb(0x1a, 0x5f, 0xb4),
        accent: Color32::from_rgb(0xb0, 0x10, 0x20),
        warn: Color32::from_rgb(0x9a, 0x60, 0x00),
        error: Color32::from_rgb(0xb0, 0x1c, 0x1c),
        notice_fill: Color32::from_rgb(0xf6, 0xe8, 0xc8),
        find_hit: Color32::from_rgb(0xff, 0xe5, 0x8a),
        find_current: Color32::from_rgb(0xff, 0xa9, 0x3a),
        subheading: Color32::from_rgb(0x3b, 0x3a, 0xa5),
        syntax: Color32::from_rgb(0x80, 0x80, 0x88),
        related: Color32::from_rgb(0xa0, 0x52, 0x00),
        quote: Color32::from_rgb(0x2e, 0x7d, 0x32),
        quote_bar: Color32::from_rgb(0xc4, 0xc8, 0xcd),
        misspelt: Color32::from_rgb(0xd0, 0x20, 0x20),
        grammar: Color32::from_rgb(0x1f, 0x5f, 0xbf),
        house_style: Color32::from_rgb(0x8a, 0x3a, 0xb9),
        added: Color32::from_rgb(0x1b, 0x6e, 0x2a),
        removed: Color32::from_rgb(0xb0, 0x1c, 0x1c),
        editor_scale: 1.08,
        preview: PREVIEW,
    };

    /// The dark theme.
    pub const DARK: Tokens = Tokens {
        text: Color32::from_rgb(0xdc, 0xdc, 0xdc),
        strong: Color32::from_rgb(0xf0, 0xf0, 0xf0),
        weak: Color32::from_rgb(0xa8, 0xad, 0xb3),
        link: Color32::from_rgb(0x6c, 0xb6, 0xff),
        accent: Color32::from_rgb(0xff, 0x80, 0x80),
        warn: Color32::from_rgb(0xf0, 0xc0, 0x40),
        error: Color32::from_rgb(0xff, 0x70, 0x70),
        notice_fill: Color32::from_rgb(0x4a, 0x3c, 0x14),
        find_hit: Color32::from_rgb(0x6a, 0x55, 0x10),
        find_current: Color32::from_rgb(0x8c, 0x4a, 0x00),
        subheading: Color32::from_rgb(0xa9, 0xb1, 0xff),
        syntax: Color32::from_rgb(0x8a, 0x8f, 0x98),
        related: Color32::from_rgb(0xe0, 0xa0, 0x4a),
        quote: Color32::from_rgb(0x9c, 0xd6, 0x9c),
        quote_bar: Color32::from_rgb(0x5a, 0x5e, 0x63),
        misspelt: Color32::from_rgb(0xff, 0x60, 0x60),
        grammar: Color32::from_rgb(0x7f, 0xb2, 0xff),
        house_style: Color32::from_rgb(0xd2, 0x9b, 0xff),
        added: Color32::from_rgb(0x8c, 0xe0, 0x96),
        removed: Color32::from_rgb(0xff, 0x8a, 0x8a),
        editor_scale: 1.08,
        preview: PREVIEW,
    };

    /// The tokens for the theme `ui` is drawn in.
    pub fn of(ui: &egui::Ui) -> &'static Tokens {
        Self::for_dark(ui.visuals().dark_mode)
    }

    /// The tokens for a dark or a light theme.
    pub fn for_dark(dark: bool) -> &'static Tokens {
        if dark { &Self::DARK } else { &Self::LIGHT }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(c: Color32) -> f32 {
        let f = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every text colour reads on its theme's panel background at WCAG AA for normal text
    /// (4.5:1), hints included: a desk editor reads them all day.
    #[test]
    fn text_colours_have_enough_contrast() {
        for (tokens, bg) in [
            (Tokens::LIGHT, egui::Visuals::light().panel_fill),
            (Tokens::DARK, egui::Visuals::dark().panel_fill),
        ] {
            for (name, c) in [
                ("text", tokens.text),
                ("strong", tokens.strong),
                ("weak", tokens.weak),
                ("link", tokens.link),
                ("accent", tokens.accent),
                ("warn", tokens.warn),
                ("error", tokens.error),
                ("subheading", tokens.subheading),
            ] {
                let r = contrast(c, bg);
                assert!(r >= 4.5, "{name} on {bg:?}: {r:.2}");
            }
        }
    }
}
