//! Pictures of every size, shape and state in the real window: the window stays up and
//! shows the picture (scaled, upright) or says why not, in the metadata panel and the preview.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::{app, open_checks, shown_containing};
use copydesk::ui::CopydeskApp;
use copydesk_core::article::{Article, Image};
use copydesk_core::format;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use image::{DynamicImage, GrayImage, ImageFormat, RgbImage};

/// A story whose picture is `source`, saved in `dir`.
fn story_with_picture(dir: &Path, source: &str) -> PathBuf {
    let mut a = Article::new();
    a.headline = "Pictures".into();
    a.body = "Text.".into();
    a.image = Some(Image {
        source: source.into(),
        caption: "A caption".into(),
        credit: "A credit".into(),
        alt: "The story's picture".into(),
        ..Image::default()
    });
    let p = dir.join("story.json");
    format::save(&p, &a).unwrap();
    p
}

fn write_picture(dir: &Path, name: &str, img: &DynamicImage, format: ImageFormat) -> String {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    std::fs::write(dir.join(name), out.into_inner()).unwrap();
    name.to_owned()
}

/// Runs the window until the picture has loaded (or failed), for at most ten seconds.
fn settle(h: &mut Harness<'_, CopydeskApp>) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        h.run_steps(3);
        let loading = shown_containing(h, "Loading the picture");
        if !loading {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the picture did not load in a minute");
}

/// The sizes at which the picture is drawn (thumbnail and preview).
fn drawn_pictures(h: &Harness<'_, CopydeskApp>) -> Vec<egui::Rect> {
    h.root()
        .query_all_by(|n| n.role() == Role::Image)
        .map(|n| n.rect())
        .collect()
}

fn open(dir: &Path, source: &str) -> Harness<'static, CopydeskApp> {
    let story = story_with_picture(dir, source);
    let mut h = app(Some(story), vec![]);
    settle(&mut h);
    h
}

#[test]
fn large_pictures_show_scaled_in_both_panes() {
    let dir = tempfile::tempdir().unwrap();
    let camera = DynamicImage::ImageLuma8(GrayImage::new(8256, 5504));
    let jpeg = write_picture(dir.path(), "camera.jpg", &camera, ImageFormat::Jpeg);
    drop(camera);
    let square = DynamicImage::ImageLuma8(GrayImage::new(10_000, 10_000));
    let png = write_picture(dir.path(), "square.png", &square, ImageFormat::Png);
    drop(square);
    let pano = DynamicImage::ImageRgb8(RgbImage::new(20_000, 300));
    let wide = write_picture(dir.path(), "pano.png", &pano, ImageFormat::Png);
    let tiff = write_picture(
        dir.path(),
        "agency.tif",
        &DynamicImage::ImageRgb8(RgbImage::new(1200, 800)),
        ImageFormat::Tiff,
    );
    for (source, ratio) in [
        (jpeg, 8256.0 / 5504.0),
        (png, 1.0),
        (wide, 20_000.0 / 300.0),
        (tiff, 1.5),
    ] {
        let h = open(dir.path(), &source);
        let drawn = drawn_pictures(&h);
        assert_eq!(drawn.len(), 2, "{source}: the thumbnail and the preview");
        for r in drawn {
            assert!(
                (r.width() / r.height() - ratio).abs() / ratio < 0.05,
                "{source}: {r:?}"
            );
            assert!(
                r.width() <= 640.0 && r.height() <= 360.0,
                "{source}: fits its pane: {r:?}"
            );
        }
    }
}

/// A decompression bomb: a PNG that says 30000×30000 pixels in a few dozen bytes.
fn bomb_png() -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (
            &b"IHDR"[..],
            [
                &30_000u32.to_be_bytes()[..],
                &30_000u32.to_be_bytes(),
                &[8, 2, 0, 0, 0],
            ]
            .concat(),
        ),
        (
            &b"IDAT"[..],
            vec![0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
        ),
        (&b"IEND"[..], vec![]),
    ] {
        png.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let checked = [kind, &data].concat();
        png.extend_from_slice(&checked);
        png.extend_from_slice(&crc32(&checked).to_be_bytes());
    }
    png
}

#[test]
fn broken_missing_and_hostile_pictures_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let good = DynamicImage::ImageRgb8(RgbImage::new(300, 200));
    let mut bytes = Cursor::new(Vec::new());
    good.write_to(&mut bytes, ImageFormat::Jpeg).unwrap();
    let bytes = bytes.into_inner();
    std::fs::write(dir.path().join("cut.jpg"), &bytes[..bytes.len() / 4]).unwrap();
    std::fs::write(
        dir.path().join("notes.jpg"),
        "these are notes, not a picture",
    )
    .unwrap();
    std::fs::write(dir.path().join("bomb.png"), bomb_png()).unwrap();
    std::fs::create_dir(dir.path().join("folder.jpg")).unwrap();
    for (source, reason) in [
        ("missing.jpg", "there is no file at this path"),
        ("folder.jpg", "this is a folder"),
        ("notes.jpg", "this is not a picture Copydesk can show"),
        (
            "bomb.png",
            "the picture is 30000×30000 pixels, more than Copydesk shows",
        ),
    ] {
        let mut h = open(dir.path(), source);
        assert!(
            shown_containing(&h, &format!("The picture cannot be shown: {reason}")),
            "{source}: in the thumbnail's and the preview's place"
        );
        open_checks(&mut h);
        assert!(
            shown_containing(
                &h,
                &format!("warning: the picture cannot be shown: {reason}")
            ),
            "{source}: in the checks list too"
        );
    }
    // a truncated JPEG: damaged, or shown grey where it ends; never a crash
    let h = open(dir.path(), "cut.jpg");
    assert!(shown_containing(&h, "damaged or cut short") || drawn_pictures(&h).len() == 2);
}
