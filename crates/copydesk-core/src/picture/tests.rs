use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{GrayImage, ImageEncoder, Rgb, RgbImage};

use super::*;

fn encode(img: &DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

/// EXIF (a TIFF header and one IFD) holding only an orientation.
fn exif_orientation(o: u16) -> Vec<u8> {
    let mut e = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
    e.extend_from_slice(&1u16.to_be_bytes()); // one entry
    e.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    e.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    e.extend_from_slice(&1u32.to_be_bytes()); // one value
    e.extend_from_slice(&o.to_be_bytes());
    e.extend_from_slice(&[0, 0]);
    e.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    e
}

#[test]
fn a_camera_original_is_scaled_to_the_pane() {
    // 8256×5504, as a 45-megapixel camera writes
    let img = DynamicImage::ImageLuma8(GrayImage::from_fn(8256, 5504, |x, y| {
        image::Luma([((x / 64 + y / 64) % 256) as u8])
    }));
    let jpeg = encode(&img, ImageFormat::Jpeg);
    drop(img);
    assert_eq!(probe(&jpeg).unwrap(), (ImageFormat::Jpeg, 8256, 5504));
    let p = prepare(&jpeg, 1600).unwrap();
    assert_eq!((p.width, p.height), (1600, 1067));
    assert_eq!(p.original, (8256, 5504));
    assert_eq!(p.rgba.len(), 1600 * 1067 * 4);
}

#[test]
fn very_large_and_very_long_pngs_are_scaled() {
    let big = DynamicImage::ImageLuma8(GrayImage::new(10_000, 10_000));
    let png = encode(&big, ImageFormat::Png);
    drop(big);
    let p = prepare(&png, 2048).unwrap();
    assert_eq!((p.width, p.height), (2048, 2048));
    let pano = DynamicImage::ImageRgb8(RgbImage::new(20_000, 300));
    let p = prepare(&encode(&pano, ImageFormat::Png), 2048).unwrap();
    assert_eq!((p.width, p.height), (2048, 31));
    // the renderer's limit is what the caller asks for: never more
    let p = prepare(&encode(&pano, ImageFormat::Png), 8192).unwrap();
    assert!(p.width <= 8192);
}

#[test]
fn an_exif_rotated_portrait_is_shown_upright() {
    // stored landscape, left half red, right half blue; EXIF says "turn 90° clockwise"
    let img = RgbImage::from_fn(40, 20, |x, _| {
        if x < 20 {
            Rgb([255, 0, 0])
        } else {
            Rgb([0, 0, 255])
        }
    });
    let mut jpeg = Vec::new();
    let mut enc = JpegEncoder::new_with_quality(&mut jpeg, 95);
    enc.set_exif_metadata(exif_orientation(6)).unwrap();
    enc.write_image(img.as_raw(), 40, 20, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert_eq!(probe(&jpeg).unwrap(), (ImageFormat::Jpeg, 20, 40));
    let p = prepare(&jpeg, 100).unwrap();
    assert_eq!((p.width, p.height), (20, 40), "upright: a portrait");
    let px = |x: u32, y: u32| &p.rgba[((y * p.width + x) * 4) as usize..][..3];
    assert!(
        px(10, 5)[0] > 200 && px(10, 5)[2] < 60,
        "red on top: {:?}",
        px(10, 5)
    );
    assert!(
        px(10, 35)[2] > 200 && px(10, 35)[0] < 60,
        "blue below: {:?}",
        px(10, 35)
    );
}

#[test]
fn a_truncated_jpeg_is_damaged_not_a_crash() {
    let img = DynamicImage::ImageRgb8(RgbImage::from_fn(400, 300, |x, y| {
        Rgb([x as u8, y as u8, 7])
    }));
    let jpeg = encode(&img, ImageFormat::Jpeg);
    let cut = &jpeg[..jpeg.len() / 3];
    assert_eq!(
        prepare(cut, 500),
        Err(PictureError::Corrupt("it ends too early".into()))
    );
    assert!(matches!(
        prepare(&jpeg[..20], 500),
        Err(PictureError::Corrupt(_))
    ));
}

/// CRC-32 as PNG chunks use it.
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

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    c.extend_from_slice(&crc32(&checked).to_be_bytes());
    c
}

#[test]
fn a_decompression_bomb_is_refused_before_decoding() {
    // a PNG that says 30000×30000 (900 megapixels) in a few dozen bytes
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = 30_000u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&30_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    assert!(png.len() < 100);
    match prepare(&png, 1000) {
        Err(PictureError::TooLarge { .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(matches!(probe(&png), Err(PictureError::TooLarge { .. })));
    let message = PictureError::TooLarge {
        width: 30_000,
        height: 30_000,
    }
    .to_string();
    assert!(
        message.contains("30000×30000") && message.contains("smaller copy"),
        "{message}"
    );
}

#[test]
fn tiff_webp_and_gif_are_read() {
    let img = DynamicImage::ImageRgba8(image::RgbaImage::from_fn(64, 48, |x, y| {
        image::Rgba([x as u8 * 4, y as u8 * 5, 90, 255])
    }));
    for format in [
        ImageFormat::Tiff,
        ImageFormat::WebP,
        ImageFormat::Gif,
        ImageFormat::Png,
    ] {
        let p = prepare(&encode(&img, format), 32).unwrap();
        assert_eq!((p.width, p.height), (32, 24), "{format:?}");
    }
}

#[test]
fn what_is_not_a_picture_says_so() {
    assert!(matches!(
        prepare(b"%PDF-1.7 not a picture", 100),
        Err(PictureError::Unsupported(_))
    ));
    assert!(matches!(
        prepare(b"", 100),
        Err(PictureError::Unsupported(_))
    ));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        read_file(&dir.path().join("gone.jpg")),
        Err(PictureError::Missing)
    );
    assert_eq!(read_file(dir.path()), Err(PictureError::Folder));
}
