//! Turns an uploaded file into a stored photo: only JPEG, PNG and WebP that decode,
//! within size and pixel limits, turned upright, scaled down and re-encoded as JPEG.
//! Re-encoding from pixels is what strips every piece of metadata (EXIF, GPS, XMP).
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Largest upload, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Most pixels a photo may have (a 48-megapixel phone photo passes; bombs do not).
pub const MAX_PIXELS: u64 = 50_000_000;
/// Longest side of a stored photo, in pixels.
const MAX_SIDE: u32 = 1600;
/// Longest side of a thumbnail, in pixels.
const THUMB_SIDE: u32 = 400;
const JPEG_QUALITY: u8 = 85;

/// Why an upload was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoError {
    /// Not a JPEG, PNG or WebP, or it does not decode.
    NotAnImage,
    TooManyPixels,
}

/// A photo ready to store.
#[derive(Debug, Clone)]
pub struct Processed {
    pub width: u32,
    pub height: u32,
    pub image: Vec<u8>,
    pub thumbnail: Vec<u8>,
}

/// Pixels being decoded at once, over all uploads: one largest photo's worth, so the
/// decoders' memory stays under about 4 bytes a pixel of it (200 MB), however many
/// photos arrive together. Smaller photos decode side by side.
pub const DECODE_BUDGET_PIXELS: u64 = MAX_PIXELS;

/// Uploads read and processed at once, counted once the uploader is known to be allowed;
/// more get `Busy`. With 10 MB each, queued photos hold at most 80 MB.
pub const MAX_UPLOADS_IN_FLIGHT: usize = 8;
/// How long a photo's bytes may take to arrive once they hold an upload slot: a
/// 10 MB photo at about 0.7 Mbit/s. The pause limit alone (30 s between two pieces)
/// let a byte every 25 s hold a slot for ever, and eight such uploads all of them.
pub const UPLOAD_DEADLINE: std::time::Duration = std::time::Duration::from_secs(120);

/// The upload slots of the instance.
#[derive(Clone)]
pub struct UploadSlots(std::sync::Arc<tokio::sync::Semaphore>);

impl Default for UploadSlots {
    fn default() -> Self {
        Self(std::sync::Arc::new(tokio::sync::Semaphore::new(
            MAX_UPLOADS_IN_FLIGHT,
        )))
    }
}

impl UploadSlots {
    /// A slot held until the upload is stored or refused, or `None` when all are taken.
    pub fn take(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        self.0.clone().try_acquire_owned().ok()
    }
}

/// The decode budget, shared by every upload of the instance.
#[derive(Clone)]
pub struct DecodeBudget(std::sync::Arc<tokio::sync::Semaphore>);

/// Pixels are counted in units of this many (a semaphore counts in `u32`).
const PIXELS_PER_PERMIT: u64 = 100_000;

impl Default for DecodeBudget {
    fn default() -> Self {
        let permits = DECODE_BUDGET_PIXELS.div_ceil(PIXELS_PER_PERMIT) as usize;
        Self(std::sync::Arc::new(tokio::sync::Semaphore::new(permits)))
    }
}

impl DecodeBudget {
    /// Waits until `pixels` (at most `MAX_PIXELS`) fit in the budget; they are given
    /// back when the returned permit is dropped.
    pub async fn reserve(&self, pixels: u64) -> tokio::sync::OwnedSemaphorePermit {
        let permits = pixels
            .min(DECODE_BUDGET_PIXELS)
            .div_ceil(PIXELS_PER_PERMIT)
            .max(1) as u32;
        self.0
            .clone()
            .acquire_many_owned(permits)
            .await
            .expect("the decode budget is never closed")
    }
}

/// The width and height an upload says it has, read from its header only: an
/// allowed format within `MAX_PIXELS`, or the refusal.
pub fn dimensions(bytes: &[u8]) -> Result<(u32, u32), PhotoError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoError::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let (w, h) = reader.into_dimensions().map_err(refusal)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    Ok((w, h))
}

/// Decodes, checks, scales, orients and re-encodes an upload. CPU-heavy: call it from
/// a blocking thread. Only the decoded image is full size: it is scaled down first, so
/// turning and flattening work on the small copy.
pub fn process(bytes: &[u8]) -> Result<Processed, PhotoError> {
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| PhotoError::NotAnImage)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)
    ) {
        return Err(PhotoError::NotAnImage);
    }
    let mut reader = reader;
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(PhotoError::TooManyPixels);
    }
    let orientation = decoder.orientation().ok();
    let full = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    let mut stored = shrink(&full, MAX_SIDE);
    drop(full);
    if let Some(orientation) = orientation {
        stored.apply_orientation(orientation);
    }
    let stored = flatten(stored);
    let thumbnail = shrink(&stored, THUMB_SIDE);
    Ok(Processed {
        width: stored.width(),
        height: stored.height(),
        image: jpeg(&stored)?,
        thumbnail: jpeg(&thumbnail)?,
    })
}

/// A decoder's error as a refusal: over the memory limit is too many pixels (some
/// decoders check it while reading the header), anything else does not decode.
fn refusal(err: image::ImageError) -> PhotoError {
    match err {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        _ => PhotoError::NotAnImage,
    }
}

/// RGB pixels; transparent ones are laid over white, not black.
fn flatten(image: DynamicImage) -> DynamicImage {
    if !image.color().has_alpha() {
        return DynamicImage::ImageRgb8(image.into_rgb8());
    }
    let rgba = image.into_rgba8();
    let rgb = image::RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    });
    DynamicImage::ImageRgb8(rgb)
}

/// Scaled to fit `side` by area averaging (`thumbnail`), which, unlike a filtered
/// resize, needs no full-height intermediate buffer.
fn shrink(image: &DynamicImage, side: u32) -> DynamicImage {
    if image.width() <= side && image.height() <= side {
        image.clone()
    } else {
        image.thumbnail(side, side)
    }
}

fn jpeg(image: &DynamicImage) -> Result<Vec<u8>, PhotoError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
        .encode_image(image)
        .map_err(|_| PhotoError::NotAnImage)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_decode_budget_holds_one_largest_photo_at_a_time() {
        let budget = DecodeBudget::default();
        let first = budget.reserve(30_000_000).await;
        let waiting = tokio::spawn({
            let budget = budget.clone();
            async move { budget.reserve(30_000_000).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert!(!waiting.is_finished(), "60 MP do not fit in a 50 MP budget");
        // First come, first served: a smaller photo does not overtake the waiting one.
        drop(first);
        let second = tokio::time::timeout(std::time::Duration::from_secs(1), waiting)
            .await
            .expect("the second gets its turn once the first is done")
            .unwrap();
        drop(second);
        let _huge = budget.reserve(MAX_PIXELS * 2).await;
    }

    #[test]
    fn dimensions_come_from_the_header() {
        let png = encoded(ImageFormat::Png, 300, 200);
        assert_eq!(dimensions(&png), Ok((300, 200)));
        assert_eq!(dimensions(b"not an image"), Err(PhotoError::NotAnImage));
    }

    fn encoded(format: ImageFormat, w: u32, h: u32) -> Vec<u8> {
        let image = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            w,
            h,
            image::Rgba([200, 40, 40, 128]),
        ));
        let image = if format == ImageFormat::Jpeg {
            DynamicImage::ImageRgb8(image.into_rgb8())
        } else {
            image
        };
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    #[test]
    fn accepts_jpeg_png_and_webp_and_scales_them_down() {
        for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP] {
            let done = process(&encoded(format, 2400, 1200)).unwrap();
            assert_eq!((done.width, done.height), (1600, 800), "{format:?}");
            assert!(done.image.starts_with(&[0xFF, 0xD8]), "stored as JPEG");
            let thumb = image::load_from_memory(&done.thumbnail).unwrap();
            assert_eq!((thumb.width(), thumb.height()), (400, 200));
        }
    }

    #[test]
    fn refuses_what_is_not_an_allowed_image() {
        assert_eq!(
            process(b"MZ\x90\0 not a photo").unwrap_err(),
            PhotoError::NotAnImage
        );
        // A BMP header: a real image format, but not one we take.
        let bmp = b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0\x01\0\0\0\x01\0\0\0\x01\0\x18\0";
        assert_eq!(process(bmp).unwrap_err(), PhotoError::NotAnImage);
        let mut cut = encoded(ImageFormat::Png, 64, 64);
        cut.truncate(cut.len() / 2);
        assert_eq!(process(&cut).unwrap_err(), PhotoError::NotAnImage);
    }

    /// A well-formed PNG that claims `w`×`h` pixels in its header and whose image data
    /// is an empty zlib stream: tiny on disk, like a decompression bomb.
    pub fn png_claiming(w: u32, h: u32) -> Vec<u8> {
        fn crc32(bytes: &[u8]) -> u32 {
            let mut crc = !0u32;
            for b in bytes {
                crc ^= u32::from(*b);
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
        fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
            let mut body = kind.to_vec();
            body.extend(data);
            png.extend((data.len() as u32).to_be_bytes());
            png.extend(&body);
            png.extend(crc32(&body).to_be_bytes());
        }
        let mut ihdr = w.to_be_bytes().to_vec();
        ihdr.extend(h.to_be_bytes());
        ihdr.extend([8, 2, 0, 0, 0]);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut png, b"IHDR", &ihdr);
        // zlib header, one empty final stored block, Adler-32 of nothing.
        chunk(
            &mut png,
            b"IDAT",
            &[0x78, 0x01, 0x01, 0, 0, 0xFF, 0xFF, 0, 0, 0, 1],
        );
        chunk(&mut png, b"IEND", &[]);
        png
    }

    #[test]
    fn refuses_decompression_bombs_before_decoding() {
        assert_eq!(
            process(&png_claiming(20_000, 20_000)).unwrap_err(),
            PhotoError::TooManyPixels
        );
        // Within the pixel limit but without pixel data: it does not decode.
        assert_eq!(
            process(&png_claiming(100, 100)).unwrap_err(),
            PhotoError::NotAnImage
        );
    }

    #[test]
    fn transparent_pixels_become_light_not_black() {
        let done = process(&encoded(ImageFormat::Png, 8, 8)).unwrap();
        let pixel = image::load_from_memory(&done.image)
            .unwrap()
            .to_rgb8()
            .get_pixel(4, 4)
            .0;
        assert!(
            pixel[1] > 100,
            "half-transparent red over white is pink: {pixel:?}"
        );
    }
}
