//! The story's picture on screen: one prepared picture (see [`crate::app::pictures`]) and one
//! texture for it, shared by the metadata panel's thumbnail and the preview. While it loads,
//! and when it cannot be shown, a box of the same size says so, its text wrapped inside it.

use std::path::Path;
use std::sync::Arc;

use copydesk_core::checks::{Field, Problem};
use copydesk_core::picture::Prepared;
use egui::{ColorImage, Rect, TextureHandle, TextureOptions, Vec2};

use super::tokens::Tokens;
use crate::app::pictures::{Picture, Pictures};

/// Textures kept for pictures recently shown.
const TEXTURES: usize = 4;

/// The picture loader and the textures made from its pictures.
pub struct PictureView {
    loader: Pictures,
    textures: Vec<(Arc<Prepared>, TextureHandle)>,
}

impl PictureView {
    /// A view whose loader wakes the window through `ctx` when a picture is ready.
    pub fn new(ctx: &egui::Context) -> Self {
        let wake_ctx = ctx.clone();
        let max = ctx.input(|i| i.max_texture_side).min(PREPARED_SIDE);
        PictureView {
            loader: Pictures::new(Arc::new(move || wake_ctx.request_repaint()), max as u32),
            textures: Vec::new(),
        }
    }

    /// Takes pictures that finished loading; call once a frame.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let max = ctx.input(|i| i.max_texture_side).min(PREPARED_SIDE);
        self.loader.set_max_side(max as u32);
        self.loader.poll();
    }

    /// Where the picture at `source` stands (asking again soon while it settles).
    pub fn picture(&mut self, ctx: &egui::Context, source: &str, base: Option<&Path>) -> Picture {
        let (picture, again) = self.loader.get(source, base);
        if let Some(wait) = again {
            ctx.request_repaint_after(wait);
        }
        picture
    }

    /// A number for how the picture at `source` stands — none, loading, failed, or ready at
    /// its size — that changes when the room it takes on screen may change.
    pub fn look(&mut self, ctx: &egui::Context, source: &str, base: Option<&Path>) -> u64 {
        match self.picture(ctx, source, base) {
            Picture::None => 1,
            Picture::Loading => 2,
            // the note says why, and a longer reason may wrap to more lines
            Picture::Failed(e) => 3 | ((e.to_string().len() as u64) << 4),
            Picture::Ready(p) => 4 | (u64::from(p.width) << 4) | (u64::from(p.height) << 34),
        }
    }

    /// A warning for the checks list when the story's picture cannot be shown.
    pub fn problem(
        &mut self,
        ctx: &egui::Context,
        source: &str,
        base: Option<&Path>,
    ) -> Option<Problem> {
        match self.picture(ctx, source, base) {
            Picture::Failed(e) => Some(Problem {
                severity: copydesk_core::checks::Severity::Warning,
                field: Field::ImageSource,
                offset: None,
                length: None,
                message: format!("the picture cannot be shown: {e}"),
                rule: None,
            }),
            _ => None,
        }
    }

    fn texture(&mut self, ctx: &egui::Context, p: &Arc<Prepared>) -> TextureHandle {
        if let Some((_, t)) = self.textures.iter().find(|(q, _)| Arc::ptr_eq(p, q)) {
            return t.clone();
        }
        let image =
            ColorImage::from_rgba_unmultiplied([p.width as usize, p.height as usize], &p.rgba);
        let t = ctx.load_texture("copydesk-picture", image, TextureOptions::LINEAR);
        self.textures.push((p.clone(), t.clone()));
        if self.textures.len() > TEXTURES {
            // Dropping the handle frees the texture once nothing draws it.
            drop(self.textures.remove(0));
        }
        t
    }

    /// Shows the picture at `source` within `max` (keeping its shape), or a box saying it is
    /// loading or why it cannot be shown.
    pub fn picture_ui(
        &mut self,
        ui: &mut egui::Ui,
        source: &str,
        base: Option<&Path>,
        max: Vec2,
        alt: &str,
    ) -> egui::Response {
        let ctx = ui.ctx().clone();
        let picture = self.picture(&ctx, source, base);
        match picture {
            Picture::Ready(p) => {
                let texture = self.texture(&ctx, &p);
                let size = Vec2::new(p.width as f32, p.height as f32);
                let scale = (max.x / size.x).min(max.y / size.y).min(1.0);
                ui.add(
                    egui::Image::new((texture.id(), size * scale))
                        .alt_text(alt)
                        .fit_to_exact_size(size * scale),
                )
            }
            Picture::Loading => note_box_ui(ui, max, "Loading the picture…", false),
            Picture::None => note_box_ui(ui, max, "Picture to come", false),
            Picture::Failed(e) => {
                note_box_ui(ui, max, &format!("The picture cannot be shown: {e}."), true)
            }
        }
    }
}

/// Pictures are prepared no larger than this a side: the preview's column on a dense screen.
pub const PREPARED_SIDE: usize = 1600;

/// A grey box of the picture's place with `text` wrapped inside it.
fn note_box_ui(ui: &mut egui::Ui, max: Vec2, text: &str, problem: bool) -> egui::Response {
    let t = Tokens::of(ui);
    let width = max.x.max(40.0);
    let height = (width * 0.45).clamp(60.0, max.y.max(60.0));
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), egui::Sense::hover());
    // Screen readers (and the tests) read the note as the picture's place.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    ui.painter()
        .rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
    let inner: Rect = rect.shrink(10.0);
    let color = if problem { t.warn } else { t.weak };
    let galley = ui.painter().layout(
        text.to_owned(),
        egui::FontId::proportional(13.0),
        color,
        inner.width(),
    );
    let pos = inner.center() - galley.size() / 2.0;
    ui.painter()
        .with_clip_rect(rect)
        .galley(pos.max(inner.min), galley, color);
    response.on_hover_text(text.to_owned())
}
