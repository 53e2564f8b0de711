//! The story's picture, prepared for showing: decoded within limits, turned upright as the
//! camera recorded, and scaled down to what a pane can show — never the raw pixels.
//!
//! Agencies send pictures far larger than a screen (a 45-megapixel camera writes 8256×5504),
//! often as TIFF; a picture's file can also be cut short, corrupt, of a kind Copydesk does
//! not read, missing, or a folder. None of that may crash or stall the window: [`prepare`]
//! gives a small image or a [`PictureError`] whose message says what is wrong and what to do.
//!
//! Limits: a side of at most [`MAX_SIDE`] pixels and at most [`MAX_PIXELS`] pixels in all
//! (so a "decompression bomb", 30000×30000 in a few kilobytes, is refused before any pixel is
//! decoded), and at most [`MAX_DECODE_BYTES`] of decoder memory. Kinds read: JPEG, PNG, WebP,
//! GIF (its first frame) and TIFF. HEIC and AVIF need system codecs and are not read.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use thiserror::Error;

/// Longest side a picture may have.
pub const MAX_SIDE: u32 = 32_768;
/// Most pixels a picture may have: 200 megapixels, twice a medium-format camera's.
pub const MAX_PIXELS: u64 = 200_000_000;
/// Most memory the decoder may use for one picture.
pub const MAX_DECODE_BYTES: u64 = 1024 * 1024 * 1024;
/// Pictures read from disk or the web larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Why a picture cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PictureError {
    /// No file at the path.
    #[error("there is no file at this path; choose the picture again")]
    Missing,
    /// The path is a folder.
    #[error("this is a folder, not a picture; choose a picture file")]
    Folder,
    /// The file could not be read.
    #[error("the file could not be read ({0}); check that the disk or share is available")]
    Unreadable(String),
    /// Not a kind of picture Copydesk reads.
    #[error("this is not a picture Copydesk can show{0}; save it as JPEG or PNG")]
    Unsupported(String),
    /// Larger than the limits.
    #[error(
        "the picture is {width}×{height} pixels, more than Copydesk shows ({MAX_SIDE} a side, {} megapixels); use a smaller copy",
        MAX_PIXELS / 1_000_000
    )]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The file is broken or cut short.
    #[error("the picture file is damaged or cut short ({0}); get a fresh copy")]
    Corrupt(String),
    /// The file is too big to read at all.
    #[error("the file is {0} MB, too large to be a picture for a story; use a smaller copy")]
    FileTooLarge(u64),
}

/// A picture ready to show: RGBA pixels no larger than asked.
#[derive(Clone, PartialEq, Eq)]
pub struct Prepared {
    /// Width of `rgba`, in pixels.
    pub width: u32,
    /// Height of `rgba`, in pixels.
    pub height: u32,
    /// The pixels, four bytes each (sRGB, straight alpha), row by row.
    pub rgba: Vec<u8>,
    /// The picture's own size, upright.
    pub original: (u32, u32),
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Prepared {}×{} of {}×{}",
            self.width, self.height, self.original.0, self.original.1
        )
    }
}

/// The decoder's limits: memory only. Sizes are checked from the header, before any pixel is
/// decoded (see `check_size`), so the message can say how large the picture is.
fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_alloc = Some(MAX_DECODE_BYTES);
    l
}

fn reader(bytes: &[u8]) -> Result<ImageReader<Cursor<&[u8]>>, PictureError> {
    let mut r = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| PictureError::Unreadable(e.to_string()))?;
    if r.format().is_none() {
        return Err(PictureError::Unsupported(String::new()));
    }
    r.limits(limits());
    Ok(r)
}

fn decode_error(e: image::ImageError) -> PictureError {
    use image::ImageError as E;
    use image::error::LimitErrorKind;
    match e {
        E::Unsupported(u) => PictureError::Unsupported(format!(" ({u})")),
        E::Limits(l) if matches!(l.kind(), LimitErrorKind::DimensionError) => {
            PictureError::TooLarge {
                width: 0,
                height: 0,
            }
        }
        E::Limits(l) => PictureError::Corrupt(l.to_string()),
        E::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            PictureError::Corrupt("it ends too early".into())
        }
        other => PictureError::Corrupt(other.to_string()),
    }
}

/// The kind and the upright size of the picture in `bytes`, from its header alone.
pub fn probe(bytes: &[u8]) -> Result<(ImageFormat, u32, u32), PictureError> {
    let r = reader(bytes)?;
    let format = r.format().ok_or(PictureError::Unsupported(String::new()))?;
    let mut decoder = r.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let turned = decoder.orientation().is_ok_and(|o| {
        use image::metadata::Orientation as O;
        matches!(
            o,
            O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
        )
    });
    Ok(if turned {
        (format, h, w)
    } else {
        (format, w, h)
    })
}

fn check_size(width: u32, height: u32) -> Result<(), PictureError> {
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        Err(PictureError::TooLarge { width, height })
    } else if width == 0 || height == 0 {
        Err(PictureError::Corrupt("it has no pixels".into()))
    } else {
        Ok(())
    }
}

/// Decodes `bytes`, turns the picture upright (EXIF orientation) and scales it down to fit
/// `max_side` a side (never up). The full-size pixels are dropped before this returns.
pub fn prepare(bytes: &[u8], max_side: u32) -> Result<Prepared, PictureError> {
    let r = reader(bytes)?;
    if r.format() == Some(ImageFormat::Jpeg) && !ends_like_jpeg(bytes) {
        // The JPEG decoder fills a file cut short with grey and carries on; a desk must know
        // the picture is not whole, so it is not shown as if it were.
        return Err(PictureError::Corrupt("it ends too early".into()));
    }
    let mut decoder = r.into_decoder().map_err(decode_error)?;
    let (w, h) = decoder.dimensions();
    check_size(w, h)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match decode_error(e) {
        PictureError::TooLarge { .. } => PictureError::TooLarge {
            width: w,
            height: h,
        },
        other => other,
    })?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    let original = (img.width(), img.height());
    let max_side = max_side.max(1);
    let small = if img.width() > max_side || img.height() > max_side {
        let small = img.thumbnail(max_side, max_side);
        drop(img);
        small
    } else {
        img
    };
    let rgba = small.into_rgba8();
    Ok(Prepared {
        width: rgba.width(),
        height: rgba.height(),
        rgba: rgba.into_raw(),
        original,
    })
}

/// Whether a JPEG's bytes end with the end-of-image marker (padding after it allowed).
fn ends_like_jpeg(bytes: &[u8]) -> bool {
    let end = bytes
        .iter()
        .rposition(|&b| b != 0 && !b.is_ascii_whitespace())
        .map_or(0, |i| i + 1);
    bytes[..end].ends_with(&[0xFF, 0xD9])
}

/// Reads a picture file for [`prepare`]: says plainly when it is missing, a folder, or too
/// big to read.
pub fn read_file(path: &Path) -> Result<Vec<u8>, PictureError> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(PictureError::Missing),
        Err(e) => return Err(PictureError::Unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Err(PictureError::Folder);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(PictureError::FileTooLarge(meta.len() / 1_048_576));
    }
    std::fs::read(path).map_err(|e| PictureError::Unreadable(e.to_string()))
}

#[cfg(test)]
mod tests;
