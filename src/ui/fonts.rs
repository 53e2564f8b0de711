//! Fonts: the preview sets the story in Liberation Serif (SIL Open Font License, shipped in
//! `assets/fonts/`), so it reads like a printed page; the panels keep egui's sans-serif.
//!
//! Every other script comes from the fonts installed on the computer: eframe's system font
//! provider (its `system_fonts` feature, on fontique) finds a font for a character the
//! bundled faces lack the first time that character is laid out, through the system's own
//! fallback (fontconfig, DirectWrite, CoreText), and adds it to the end of the family's
//! chain. Nothing is loaded for scripts a story does not use; the list of system fonts is
//! read on a background thread from start-up. [`Coverage`] notices characters no installed
//! font has, so the status bar can name their scripts instead of showing silent boxes.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontId};
use unicode_script::{Script, UnicodeScript};

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

/// Which scripts of the open story no font on this computer can show.
///
/// It looks only at text that is new (a story opened, an edit's inserted text), and asks
/// the fonts about each distinct character once per session, so typing costs a set lookup
/// per character.
#[derive(Default)]
pub struct Coverage {
    /// Characters already asked about.
    asked: HashSet<char>,
    /// Whether the computer's colour emoji font has been sent for ([`colour_emoji_first`]).
    emoji_sent_for: bool,
    /// The colour emoji font once found, until the next frame puts it in.
    emoji_found: Arc<std::sync::Mutex<Option<egui::epaint::text::FontInsert>>>,
    /// How full egui's glyph atlas was at the end of the last frame.
    atlas_fill: f32,
    /// Of those, the ones no font has.
    missing: HashSet<char>,
    /// The scripts of the open story's characters that no font has, by name.
    story: BTreeSet<&'static str>,
    /// The story these belong to ([`crate::app::story::Story::generation`]).
    generation: Option<u64>,
}

/// A count that goes up each time egui's glyph atlas starts over (new fonts, or an atlas
/// that filled up): a galley kept from before points into the old atlas and draws scrambled
/// letters, so the editor's and the preview's kept layouts carry it in their keys.
pub fn atlas_epoch(ctx: &egui::Context) -> u64 {
    ctx.data(|d| d.get_temp::<u64>(egui::Id::unique(ATLAS_EPOCH)))
        .unwrap_or(0)
}

const ATLAS_EPOCH: &str = "copydesk atlas epoch";

impl Coverage {
    /// Called before anything is laid out in a frame: puts in the colour emoji font once it
    /// has been found, and moves [`atlas_epoch`] on when the glyph atlas has started over
    /// since the last frame ended (its fill only grows otherwise).
    pub fn begin_frame(&mut self, ctx: &egui::Context) {
        let found = self
            .emoji_found
            .lock()
            .map(|mut f| f.take())
            .unwrap_or(None);
        if let Some(insert) = found {
            ctx.add_font(insert);
        }
        let fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
        // less full than when the last frame ended: it started over
        if fill < self.atlas_fill {
            let epoch = atlas_epoch(ctx) + 1;
            ctx.data_mut(|d| d.insert_temp(egui::Id::unique(ATLAS_EPOCH), epoch));
        }
    }

    /// Called when the frame's text is all laid out: how full the atlas is now.
    pub fn end_frame(&mut self, ctx: &egui::Context) {
        self.atlas_fill = ctx.fonts(|f| f.font_atlas_fill_ratio());
    }

    /// Starts over for story `generation` when it is not the one looked at so far; returns
    /// whether it did (the caller then passes all of the story's texts to [`Self::look_at`]).
    pub fn story(&mut self, generation: u64) -> bool {
        if self.generation == Some(generation) {
            return false;
        }
        self.generation = Some(generation);
        self.story.clear();
        true
    }

    /// Looks at `texts`, new in the story, asking `ctx`'s fonts about characters not seen
    /// before (which lets the system font provider find a font for them).
    pub fn look_at(&mut self, ctx: &egui::Context, texts: &[&str]) {
        let font = FontId::proportional(14.0);
        for text in texts {
            for c in text.chars() {
                if c.is_ascii() || c.is_whitespace() || c.is_control() || is_invisible(c) {
                    continue;
                }
                if self.asked.insert(c) {
                    if !ctx.fonts_mut(|f| f.has_glyph(&font, c)) {
                        self.missing.insert(c);
                    } else if is_emoji(c) && !self.emoji_sent_for {
                        // some font on this computer draws it: make sure it is the colour one
                        self.emoji_sent_for = true;
                        colour_emoji_first(ctx, self.emoji_found.clone());
                    }
                }
                if self.missing.contains(&c) {
                    self.story.insert(script_name(c));
                }
            }
        }
    }

    /// The scripts of the open story no installed font can show, by name, sorted.
    pub fn missing_scripts(&self) -> Vec<&'static str> {
        self.story.iter().copied().collect()
    }
}

/// Characters drawn as emoji: pictographs, and the older symbols (❤ U+2764, ☀, ✈) that a
/// variation selector turns into emoji. A loose net on purpose: a symbol caught by it costs
/// nothing more than the colour emoji font sent for once.
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{2300}'..='\u{23FF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{FE0F}' | '\u{1F000}'..='\u{1FAFF}')
}

/// Puts the computer's colour emoji font in every family's chain right after the bundled
/// text faces, before any font the system finds later.
///
/// egui asks the system for a font character by character, through the generic sans-serif
/// family first: for ❤ (U+2764), which plain text fonts also have, fontconfig answers DejaVu
/// Sans, so "❤️" was drawn as a grey outline beside colour 💙 and 🎉 (issue 26, item 8). The
/// colour font is found once, on a thread of its own (looking through the system's fonts
/// takes a moment), the first time a story shows an emoji; egui lays text out again with it.
///
/// The font is put in by the window's own thread at the start of a frame
/// ([`Coverage::begin_frame`]), never from this thread while a frame is laying text out.
fn colour_emoji_first(
    ctx: &egui::Context,
    found: Arc<std::sync::Mutex<Option<egui::epaint::text::FontInsert>>>,
) {
    let ctx = ctx.clone();
    // Without a thread the emoji keep the fonts the system chose, as before.
    let _ = std::thread::Builder::new()
        .name("copydesk colour emoji".into())
        .spawn(move || {
            crate::app::first_frame::wait();
            if let Some(insert) = find_colour_emoji()
                && let Ok(mut slot) = found.lock()
            {
                *slot = Some(insert);
                ctx.request_repaint();
            }
        });
}

/// The system's emoji font (its generic "emoji" family: Noto Color Emoji on Linux, Segoe UI
/// Emoji on Windows, Apple Color Emoji on macOS), for every family the window uses, after
/// the configured faces.
fn find_colour_emoji() -> Option<egui::epaint::text::FontInsert> {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    use fontique::{
        Collection, CollectionOptions, GenericFamily, QueryFamily, QueryStatus, SourceCache,
    };
    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: true,
    });
    let mut cache = SourceCache::new(Default::default());
    let mut query = collection.query(&mut cache);
    query.set_families([QueryFamily::Generic(GenericFamily::Emoji)]);
    let mut found = None;
    query.matches_with(|font| {
        if font.charmap().and_then(|map| map.map('\u{2764}')).is_some() {
            found = Some(font.clone());
            QueryStatus::Stop
        } else {
            QueryStatus::Continue
        }
    });
    drop(query);
    let font = found?;
    let name = format!(
        "colour emoji: {}",
        collection.family_name(font.family.0).unwrap_or("unknown")
    );
    let (blob, _) = font.blob.into_raw_parts();
    let mut families = vec![FontFamily::Proportional, FontFamily::Monospace];
    families.extend(
        [SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC].map(|f| FontFamily::Name(f.into())),
    );
    let families = families
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    Some(FontInsert::new(
        &name,
        FontData::from_blob(blob, font.index),
        families,
    ))
}

/// Characters that draw nothing and need no glyph: joiners, variation selectors, marks
/// that only steer direction.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0020}'..='\u{E007F}')
        || ('\u{1F3FB}'..='\u{1F3FF}').contains(&c) // skin tones join the emoji before them
}

/// A script's name as a reader knows it: "Arabic", "Chinese characters (Han)", "emoji and
/// symbols" for the characters that belong to no one script.
pub fn script_name(c: char) -> &'static str {
    match c.script() {
        Script::Common | Script::Inherited | Script::Unknown => "emoji and symbols",
        Script::Han => "Chinese characters (Han)",
        Script::Hiragana | Script::Katakana => "Japanese kana",
        Script::Hangul => "Korean (Hangul)",
        other => other.full_name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_named_as_readers_know_them() {
        assert_eq!(script_name('ع'), "Arabic");
        assert_eq!(script_name('क'), "Devanagari");
        assert_eq!(script_name('中'), "Chinese characters (Han)");
        assert_eq!(script_name('か'), "Japanese kana");
        assert_eq!(script_name('한'), "Korean (Hangul)");
        assert_eq!(script_name('🎉'), "emoji and symbols");
        assert_eq!(script_name('א'), "Hebrew");
    }

    #[test]
    fn a_story_is_looked_at_once_and_only_new_text_after() {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let mut c = Coverage::default();
        assert!(c.story(1));
        assert!(!c.story(1), "the same story");
        // egui's own fonts have Latin, Greek and Cyrillic; no system fonts in a test
        c.look_at(&ctx, &["Plain English", "Ελληνικά", "Русский"]);
        assert!(c.missing_scripts().is_empty(), "{:?}", c.missing_scripts());
        c.look_at(&ctx, &["\u{E0B8}\u{E0B9}"]); // private use: no font anywhere
        assert_eq!(c.missing_scripts(), ["emoji and symbols"]);
        // another story starts with nothing missing
        assert!(c.story(2));
        assert!(c.missing_scripts().is_empty());
        c.look_at(&ctx, &["\u{E0B8}"]);
        assert_eq!(
            c.missing_scripts().len(),
            1,
            "known missing without asking again"
        );
    }
}
