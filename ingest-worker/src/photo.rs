//! A photo (or image file) of a document made into a clean, legible, small page image.
//!
//! Runs inside the merge child ([`crate::merge`]) on untrusted input:
//!
//! 1. **Size first**: the declared dimensions are checked against [`MAX_IMAGE_PIXELS`] before
//!    anything is decoded, and the decoder runs with [`image::Limits`] (decompression bombs).
//! 2. **Upright**: the JPEG's EXIF orientation (APP1, IFD0 tag 0x0112, read here) is applied to
//!    the pixels. Nothing of the file's metadata (EXIF, GPS, ICC, XMP, comments) survives: the
//!    page is re-encoded from pixels.
//! 3. **Cropped**: on a downscaled greyscale copy, Otsu's threshold and the largest bright
//!    component give the sheet; its four extreme points are its corners. When they make a
//!    plausible quadrilateral (inside the frame, 20–98 % of it, convex, angles 50–130°, filling
//!    the component, each side a real edge: clearly darker outside than inside) the sheet is
//!    warped to a rectangle (homography, bilinear sampling). If not, the same is tried once on
//!    the copy divided by its local maximum (deep shadows, light tables); failing that, the
//!    frame is kept as it is.
//! 4. **Lit evenly**: each channel is divided by its background (a large max filter then a box
//!    blur, on a small copy), so shadows and yellow light go; paper becomes white, ink is
//!    stretched to black. When colour carries nothing (few strongly coloured pixels once the
//!    light is evened out) the page is greyscale.
//! 5. **Small**: the sheet's long side is brought to [`TARGET_LONG_SIDE`] pixels (about A4 at
//!    [`PAGE_DPI`]; never upscaled) and encoded as baseline JPEG; when the page exceeds its
//!    byte budget, quality then resolution step down, and below a legible floor the photo is
//!    refused with a French message.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ExtendedColorType, ImageFormat, RgbImage};

pub use crate::merge::MAX_IMAGE_PIXELS;

/// Long side of a normalized page, in pixels: A4 (297 mm) at [`PAGE_DPI`].
pub const TARGET_LONG_SIDE: u32 = 2339;

/// Density of a normalized page: its PDF page size is its pixel size at this density.
pub const PAGE_DPI: f32 = 200.0;

/// Bytes a single photo page may take at most; a piece of several images shares it.
pub const PAGE_BUDGET_BYTES: usize = 1_800_000;

/// The refusal when a photo cannot be made legible within its budget.
pub const TOO_BIG_TO_READ: &str =
    "photo impossible à rendre lisible sous 2 Mo : reprenez-la de plus près";

/// Long side of the copy on which the sheet is looked for.
const DETECT_LONG_SIDE: u32 = 640;

/// Long side of the copy on which the background (lighting) is estimated.
const LIGHT_LONG_SIDE: u32 = 300;

/// (scale of the target resolution, JPEG quality), tried in order until the page fits its
/// budget. The last one (~120 dpi on A4) is the legibility floor.
const ATTEMPTS: [(f32, u8); 4] = [(1.0, 75), (1.0, 60), (0.8, 55), (0.6, 50)];

/// A normalized page: a baseline JPEG without metadata.
#[derive(Debug, Clone)]
pub struct Page {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// One channel (`DeviceGray`) rather than three (`DeviceRGB`).
    pub gray: bool,
    /// Whether the sheet was found and cropped (otherwise the whole frame was kept).
    pub cropped: bool,
    /// [`layout_hash`] of the normalized page (near-duplicate detection).
    pub phash: String,
}

/// Normalizes a JPEG photo (see the module documentation).
///
/// # Errors
/// A French reason: the header is unreadable or declares too many pixels, the coding is not
/// supported, the data is corrupt, or the page cannot be legible within `budget` bytes.
pub fn from_jpeg(bytes: &[u8], budget: usize) -> Result<Page, String> {
    // Checks the coding and the declared size before any pixel is decoded.
    let info = crate::merge::jpeg_info(bytes)?;
    let orientation = exif_orientation(bytes)
        .and_then(Orientation::from_exif)
        .unwrap_or(Orientation::NoTransforms);
    let mut img = decode(bytes, ImageFormat::Jpeg, info.width, info.height)
        .map_err(|_| "JPEG illisible ou tronqué".to_string())?;
    img.apply_orientation(orientation);
    from_pixels(img.into_rgb8(), budget)
}

/// Normalizes a PNG image; transparency is flattened onto white paper.
///
/// # Errors
/// As [`from_jpeg`].
pub fn from_png(bytes: &[u8], budget: usize) -> Result<Page, String> {
    let (width, height, _dpi) = crate::merge::png_header(bytes)?;
    crate::merge::check_pixels(width, height)?;
    let img = decode(bytes, ImageFormat::Png, width, height)
        .map_err(|_| "PNG illisible ou tronqué".to_string())?;
    let rgb = if img.color().has_alpha() {
        let over_white =
            |v: u8, a: u8| ((v as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
        let rgba = img.into_rgba8();
        RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
            let p = rgba.get_pixel(x, y).0;
            image::Rgb([0, 1, 2].map(|c| over_white(p[c], p[3])))
        })
    } else {
        img.into_rgb8()
    };
    from_pixels(rgb, budget)
}

fn decode(
    bytes: &[u8],
    format: ImageFormat,
    width: u32,
    height: u32,
) -> image::ImageResult<DynamicImage> {
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(width);
    limits.max_image_height = Some(height);
    limits.max_alloc = Some(MAX_IMAGE_PIXELS * 8);
    reader.limits(limits);
    reader.decode()
}

/// The EXIF orientation (1–8) of a JPEG, read from its APP1 `Exif` segment (IFD0, tag
/// 0x0112). `None` when there is none or it is malformed.
pub fn exif_orientation(jpeg: &[u8]) -> Option<u8> {
    if !jpeg.starts_with(b"\xff\xd8") {
        return None;
    }
    let mut pos = 2;
    loop {
        while jpeg.get(pos) == Some(&0xFF) && jpeg.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        if *jpeg.get(pos)? != 0xFF {
            return None;
        }
        let marker = *jpeg.get(pos + 1)?;
        pos += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        if matches!(marker, 0xD9 | 0xDA) {
            return None;
        }
        let len = u16::from_be_bytes([*jpeg.get(pos)?, *jpeg.get(pos + 1)?]) as usize;
        let data = jpeg.get(pos + 2..pos + len)?;
        if marker == 0xE1 && data.starts_with(b"Exif\0\0") {
            return tiff_orientation(&data[6..]);
        }
        pos += len;
    }
}

/// Tag 0x0112 of IFD0 in a TIFF structure.
fn tiff_orientation(tiff: &[u8]) -> Option<u8> {
    let little = match tiff.get(..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b = tiff.get(at..at + 2)?;
        Some(if little {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = tiff.get(at..at + 4)?;
        let b = [b[0], b[1], b[2], b[3]];
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = u32_at(4)? as usize;
    let count = u16_at(ifd)? as usize;
    (0..count.min(512)).find_map(|i| {
        let entry = ifd + 2 + 12 * i;
        // SHORT (3), one value, stored in the first two bytes of the value field.
        (u16_at(entry)? == 0x0112 && u16_at(entry + 2)? == 3)
            .then(|| u16_at(entry + 8))
            .flatten()
            .and_then(|v| u8::try_from(v).ok())
            .filter(|v| (1..=8).contains(v))
    })
}

/// Normalizes upright pixels (see the module documentation).
///
/// # Errors
/// [`TOO_BIG_TO_READ`] when no attempt fits in `budget` bytes.
pub fn from_pixels(img: RgbImage, budget: usize) -> Result<Page, String> {
    let (w, h) = img.dimensions();
    if w == 0 || h == 0 {
        return Err("image sans dimensions".into());
    }
    // The sheet, on a small copy.
    let f = w.max(h).div_ceil(DETECT_LONG_SIDE).max(1);
    let (small, sw, sh) = box_down(img.as_raw(), w, h, 3, f);
    let small_gray = luma(&small);
    let found = (sw.min(sh) >= 32)
        .then(|| find_sheet(&small_gray, sw, sh).or_else(|| find_lit_sheet(&small_gray, sw, sh)))
        .flatten();
    let quad: Quad = match found {
        // Small pixel (x, y) covers [x f, (x + 1) f) of the original.
        Some(q) => q.map(|(x, y)| ((x + 0.5) * f as f64, (y + 0.5) * f as f64)),
        None => [
            (0.0, 0.0),
            (w as f64, 0.0),
            (w as f64, h as f64),
            (0.0, h as f64),
        ],
    };
    let dist = |a: (f64, f64), b: (f64, f64)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
    let natural_w = dist(quad[0], quad[1]).max(dist(quad[3], quad[2])).max(1.0);
    let natural_h = dist(quad[0], quad[3]).max(dist(quad[1], quad[2])).max(1.0);

    // The light, on a small rectified copy.
    let k = (LIGHT_LONG_SIDE as f64 / natural_w.max(natural_h)).min(1.0);
    let lw = ((natural_w * k).round() as u32).max(1);
    let lh = ((natural_h * k).round() as u32).max(1);
    let small_quad = quad.map(|(x, y)| (x / f as f64, y / f as f64));
    let preview = warp(&small, sw, sh, 3, &small_quad, lw, lh);
    let radius = (lw.max(lh) / 20).max(2) as usize;
    let gray = !is_colourful(&preview, lw, lh, radius);
    let (light_src, light_channels) = if gray {
        (luma(&preview), 1)
    } else {
        (preview, 3)
    };
    let light = Light::estimate(&light_src, lw, lh, light_channels, radius);
    drop(light_src);

    // The page.
    let source = if gray {
        luma(img.as_raw())
    } else {
        img.into_raw()
    };
    let channels = if gray { 1 } else { 3 };
    let natural_long = natural_w.max(natural_h);
    let mut rendered: Option<(f32, Vec<u8>, u32, u32)> = None;
    for (scale, quality) in ATTEMPTS {
        if rendered.as_ref().is_none_or(|r| r.0 != scale) {
            let long = (TARGET_LONG_SIDE as f64 * scale as f64).min(natural_long);
            let z = long / natural_long;
            let ow = ((natural_w * z).round() as u32).max(1);
            let oh = ((natural_h * z).round() as u32).max(1);
            let mut pixels = render(&source, w, h, channels, &quad, ow, oh);
            light.apply(&mut pixels, ow, oh);
            rendered = Some((scale, pixels, ow, oh));
        }
        let (_, pixels, ow, oh) = rendered.as_ref().expect("rendered above");
        let jpeg = encode_jpeg(pixels, *ow, *oh, gray, quality);
        if jpeg.len() <= budget {
            return Ok(Page {
                jpeg,
                width: *ow,
                height: *oh,
                gray,
                cropped: found.is_some(),
                phash: layout_hash(pixels, *ow, *oh, channels),
            });
        }
    }
    Err(TOO_BIG_TO_READ.into())
}

/// Side of the perceptual hash's grid: 16 × 16 cells, 256 bits.
pub const HASH_GRID: usize = 16;

/// Perceptual hash of a page's layout, as 64 hex digits: its ink averaged on a 16 × 16 grid,
/// one bit per cell (darker than the median cell or not). Two photos of one document, once
/// straightened and cropped, share their layout; two documents differ where their text blocks
/// do. Compare with [`hash_distance`].
pub fn layout_hash(pixels: &[u8], w: u32, h: u32, channels: usize) -> String {
    let (w, h, g) = (w as usize, h as usize, HASH_GRID);
    let mut cells = vec![0f64; g * g];
    for (i, cell) in cells.iter_mut().enumerate() {
        let (gx, gy) = (i % g, i / g);
        let (y0, y1) = (gy * h / g, ((gy + 1) * h / g).max(gy * h / g + 1).min(h));
        let (x0, x1) = (gx * w / g, ((gx + 1) * w / g).max(gx * w / g + 1).min(w));
        let (sy, sx) = (((y1 - y0) / 32).max(1), ((x1 - x0) / 32).max(1));
        let (mut sum, mut n) = (0f64, 0f64);
        for y in (y0..y1).step_by(sy) {
            for x in (x0..x1).step_by(sx) {
                let i = (y * w + x) * channels;
                sum += pixels.get(i..i + channels).map_or(0.0, |px| {
                    px.iter().map(|&c| f64::from(c)).sum::<f64>() / channels as f64
                });
                n += 1.0;
            }
        }
        *cell = if n > 0.0 { sum / n } else { 0.0 };
    }
    let mut sorted = cells.clone();
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[g * g / 2 - 1] + sorted[g * g / 2]) / 2.0;
    cells
        .chunks(4)
        .map(|c| {
            let nibble = c.iter().fold(0u8, |b, v| (b << 1) | u8::from(*v < median));
            char::from_digit(u32::from(nibble), 16).expect("a nibble")
        })
        .collect()
}

/// Bits that differ between two [`layout_hash`]es (`None` when they are not comparable).
pub fn hash_distance(a: &str, b: &str) -> Option<u32> {
    if a.len() != b.len() {
        return None;
    }
    a.chars()
        .zip(b.chars())
        .map(|(x, y)| Some((x.to_digit(16)? ^ y.to_digit(16)?).count_ones()))
        .sum()
}

fn encode_jpeg(pixels: &[u8], w: u32, h: u32, gray: bool, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let color = if gray {
        ExtendedColorType::L8
    } else {
        ExtendedColorType::Rgb8
    };
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode(pixels, w, h, color)
        .expect("encoding valid pixels to memory");
    out
}

/// The source warped to `ow × oh`; when it shrinks by 2× or more it is box-filtered first
/// (bilinear sampling alone would alias).
fn render(src: &[u8], w: u32, h: u32, c: usize, quad: &Quad, ow: u32, oh: u32) -> Vec<u8> {
    let sides = [
        (quad[0], quad[1]),
        (quad[3], quad[2]),
        (quad[0], quad[3]),
        (quad[1], quad[2]),
    ];
    let longest = sides
        .iter()
        .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        .fold(0.0, f64::max);
    let shrink = (longest / ow.max(oh) as f64).floor() as u32;
    if shrink >= 2 {
        let (down, dw, dh) = box_down(src, w, h, c, shrink);
        let q = quad.map(|(x, y)| (x / shrink as f64, y / shrink as f64));
        warp(&down, dw, dh, c, &q, ow, oh)
    } else {
        warp(src, w, h, c, quad, ow, oh)
    }
}

// ---------------------------------------------------------------- geometry

/// Corners in pixel coordinates (pixel (x, y) covers [x, x+1) × [y, y+1)): top left, top
/// right, bottom right, bottom left.
pub type Quad = [(f64, f64); 4];

/// A plane projective transform.
#[derive(Debug, Clone, Copy)]
pub struct Homography([f64; 8]);

impl Homography {
    /// The transform taking each `from[i]` to `to[i]`; `None` when degenerate.
    pub fn from_points(from: &Quad, to: &Quad) -> Option<Self> {
        let mut a = [[0.0f64; 9]; 8];
        for i in 0..4 {
            let ((u, v), (x, y)) = (from[i], to[i]);
            a[2 * i] = [u, v, 1.0, 0.0, 0.0, 0.0, -u * x, -v * x, x];
            a[2 * i + 1] = [0.0, 0.0, 0.0, u, v, 1.0, -u * y, -v * y, y];
        }
        for col in 0..8 {
            let pivot = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
            if a[pivot][col].abs() < 1e-12 {
                return None;
            }
            a.swap(col, pivot);
            for row in 0..8 {
                if row != col {
                    let k = a[row][col] / a[col][col];
                    for c in col..9 {
                        a[row][c] -= k * a[col][c];
                    }
                }
            }
        }
        let mut h = [0.0; 8];
        for (i, v) in h.iter_mut().enumerate() {
            *v = a[i][8] / a[i][i];
        }
        Some(Homography(h))
    }

    /// Where `(u, v)` goes.
    pub fn apply(&self, u: f64, v: f64) -> (f64, f64) {
        let h = &self.0;
        let d = h[6] * u + h[7] * v + 1.0;
        (
            (h[0] * u + h[1] * v + h[2]) / d,
            (h[3] * u + h[4] * v + h[5]) / d,
        )
    }
}

/// The quadrilateral `quad` of `src` (`w × h`, `c` interleaved channels) as an `ow × oh`
/// rectangle, bilinear sampling.
fn warp(src: &[u8], w: u32, h: u32, c: usize, quad: &Quad, ow: u32, oh: u32) -> Vec<u8> {
    let rect = [
        (0.0, 0.0),
        (ow as f64, 0.0),
        (ow as f64, oh as f64),
        (0.0, oh as f64),
    ];
    let mut out = vec![255u8; ow as usize * oh as usize * c];
    let Some(hom) = Homography::from_points(&rect, quad) else {
        return out;
    };
    let (wm, hm) = ((w - 1) as f64, (h - 1) as f64);
    let stride = w as usize * c;
    for v in 0..oh as usize {
        for u in 0..ow as usize {
            let (x, y) = hom.apply(u as f64 + 0.5, v as f64 + 0.5);
            let (fx, fy) = ((x - 0.5).clamp(0.0, wm), (y - 0.5).clamp(0.0, hm));
            let (x0, y0) = (fx as usize, fy as usize);
            let (ax, ay) = ((fx - x0 as f64) as f32, (fy - y0 as f64) as f32);
            let x1 = (x0 + 1).min(w as usize - 1);
            let y1 = (y0 + 1).min(h as usize - 1);
            let (r0, r1) = (y0 * stride, y1 * stride);
            let o = (v * ow as usize + u) * c;
            for ch in 0..c {
                let p = |row: usize, x: usize| src[row + x * c + ch] as f32;
                let top = p(r0, x0) + (p(r0, x1) - p(r0, x0)) * ax;
                let bottom = p(r1, x0) + (p(r1, x1) - p(r1, x0)) * ax;
                out[o + ch] = (top + (bottom - top) * ay + 0.5) as u8;
            }
        }
    }
    out
}

/// Averages `f × f` blocks (the last partial row and column are dropped).
fn box_down(src: &[u8], w: u32, h: u32, c: usize, f: u32) -> (Vec<u8>, u32, u32) {
    if f <= 1 {
        return (src.to_vec(), w, h);
    }
    let (ow, oh) = ((w / f).max(1), (h / f).max(1));
    let (fw, fh) = (f.min(w) as usize, f.min(h) as usize);
    let mut out = vec![0u8; ow as usize * oh as usize * c];
    let mut sums = vec![0u32; ow as usize * c];
    let stride = w as usize * c;
    for oy in 0..oh as usize {
        sums.iter_mut().for_each(|s| *s = 0);
        for dy in 0..fh {
            let row = &src[(oy * fh + dy) * stride..][..stride];
            for ox in 0..ow as usize {
                for dx in 0..fw {
                    let px = (ox * fw + dx) * c;
                    for ch in 0..c {
                        sums[ox * c + ch] += row[px + ch] as u32;
                    }
                }
            }
        }
        let n = (fw * fh) as u32;
        for (o, s) in out[oy * ow as usize * c..][..ow as usize * c]
            .iter_mut()
            .zip(&sums)
        {
            *o = ((s + n / 2) / n) as u8;
        }
    }
    (out, ow, oh)
}

/// Luma (BT.601) of interleaved RGB.
fn luma(rgb: &[u8]) -> Vec<u8> {
    rgb.chunks_exact(3)
        .map(|p| ((77 * p[0] as u32 + 150 * p[1] as u32 + 29 * p[2] as u32 + 128) >> 8) as u8)
        .collect()
}

// ---------------------------------------------------------------- the sheet

fn otsu(gray: &[u8]) -> u8 {
    let mut hist = [0u64; 256];
    gray.iter().for_each(|&v| hist[v as usize] += 1);
    let total = gray.len() as f64;
    let sum_all: f64 = hist
        .iter()
        .enumerate()
        .map(|(i, &n)| i as f64 * n as f64)
        .sum();
    let (mut wb, mut sb, mut best, mut best_var) = (0.0, 0.0, 0u8, -1.0);
    for (t, &n) in hist.iter().enumerate() {
        wb += n as f64;
        if wb == 0.0 {
            continue;
        }
        let wf = total - wb;
        if wf == 0.0 {
            break;
        }
        sb += t as f64 * n as f64;
        let (mb, mf) = (sb / wb, (sum_all - sb) / wf);
        let var = wb * wf * (mb - mf) * (mb - mf);
        if var > best_var {
            best_var = var;
            best = t as u8;
        }
    }
    best
}

/// The sheet's corners on a small greyscale image, or `None` when in doubt.
fn find_sheet(gray: &[u8], w: u32, h: u32) -> Option<Quad> {
    let (w, h) = (w as usize, h as usize);
    let t = otsu(gray);
    // Bright pixels, eroded once (3 × 3) so that thin bright bridges to the background break.
    let bright: Vec<bool> = gray.iter().map(|&v| v > t).collect();
    let mut mask = vec![false; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            mask[y * w + x] =
                (y - 1..=y + 1).all(|yy| (x - 1..=x + 1).all(|xx| bright[yy * w + xx]));
        }
    }
    // The largest 4-connected component.
    let mut label = vec![0u32; w * h];
    let (mut best, mut best_size, mut next) = (0u32, 0usize, 0u32);
    let mut stack = Vec::new();
    for start in 0..w * h {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start);
        let mut size = 0;
        while let Some(i) = stack.pop() {
            size += 1;
            let (x, y) = (i % w, i / w);
            let mut visit = |j: usize| {
                if mask[j] && label[j] == 0 {
                    label[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                visit(i - 1);
            }
            if x + 1 < w {
                visit(i + 1);
            }
            if y > 0 {
                visit(i - w);
            }
            if y + 1 < h {
                visit(i + w);
            }
        }
        if size > best_size {
            (best, best_size) = (next, size);
        }
    }
    if best == 0 {
        return None;
    }
    // Extreme points along the diagonals and along the axes; the area of the row spans.
    let mut diag = [(0usize, 0usize, i64::MAX); 4]; // min x+y, max x-y, max x+y, min x-y
    let mut axis = [(0usize, 0usize, i64::MAX); 4]; // min y, max x, max y, min x
    let mut filled = 0usize;
    for y in 0..h {
        let row = &label[y * w..][..w];
        let (Some(first), Some(last)) = (
            row.iter().position(|&l| l == best),
            row.iter().rposition(|&l| l == best),
        ) else {
            continue;
        };
        filled += last - first + 1;
        for x in [first, last] {
            let (xi, yi) = (x as i64, y as i64);
            let keys = [xi + yi, yi - xi, -(xi + yi), xi - yi];
            for (slot, key) in diag.iter_mut().zip(keys) {
                if key < slot.2 {
                    *slot = (x, y, key);
                }
            }
            let keys = [yi, -xi, -yi, xi];
            for (slot, key) in axis.iter_mut().zip(keys) {
                if key < slot.2 {
                    *slot = (x, y, key);
                }
            }
        }
    }
    let to_quad = |p: [(usize, usize, i64); 4]| p.map(|(x, y, _)| (x as f64, y as f64));
    let diag = to_quad(diag);
    let axis = to_quad(axis);
    // The axis points (top, right, bottom, left) start at whichever makes the top edge flatter.
    let axis = if (axis[1].1 - axis[0].1).abs() <= (axis[0].1 - axis[3].1).abs() {
        axis
    } else {
        [axis[3], axis[0], axis[1], axis[2]]
    };
    let quad = if area(&axis) > area(&diag) * 1.02 {
        axis
    } else {
        diag
    };
    let frame = (w * h) as f64;
    let a = area(&quad);
    // A sheet cut by the frame's edge has other corners than these: keep the frame.
    let inside = quad
        .iter()
        .all(|&(x, y)| x >= 2.0 && y >= 2.0 && x <= (w - 3) as f64 && y <= (h - 3) as f64);
    let plausible = inside
        && (0.2..=0.98).contains(&(a / frame))
        && convex_with_sane_angles(&quad)
        && (0.85..=1.1).contains(&(filled as f64 / a))
        && edges_are_edges(gray, w, h, &quad);
    plausible.then_some(quad)
}

/// Whether each side of the quadrilateral separates paper (inside) from a clearly darker
/// surface (outside). A side drawn across the paper — a shadow that cut the bright component —
/// has paper on both sides.
fn edges_are_edges(gray: &[u8], w: usize, h: usize, q: &Quad) -> bool {
    let at = |x: f64, y: f64| {
        let (x, y) = (x.round(), y.round());
        (x >= 0.0 && y >= 0.0 && (x as usize) < w && (y as usize) < h)
            .then(|| gray[y as usize * w + x as usize] as f64)
    };
    (0..4).all(|i| {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        // Clockwise order: the outward normal of a→b is (dy, -dx).
        let (nx, ny) = ((b.1 - a.1) / len, -(b.0 - a.0) / len);
        let mut contrasts: Vec<f64> = (1..20)
            .filter_map(|k| {
                let t = k as f64 / 20.0;
                let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                let inside = at(x - 3.0 * nx, y - 3.0 * ny)?;
                let outside = at(x + 3.0 * nx, y + 3.0 * ny)?;
                Some((inside - outside) / inside.max(1.0))
            })
            .collect();
        contrasts.sort_by(f64::total_cmp);
        // Most of the side: outside at least 20 % darker than inside.
        contrasts.len() >= 10 && contrasts[contrasts.len() / 4] > 0.2
    })
}

/// [`find_sheet`] on the image divided by its local maximum (a large max filter): a shadowed
/// part of the sheet is still the brightest thing around it, and a light table's ridges far
/// from the sheet no longer compete with it.
fn find_lit_sheet(gray: &[u8], w: u32, h: u32) -> Option<Quad> {
    let (wu, hu) = (w as usize, h as usize);
    let r = (wu.max(hu) / 8).max(2);
    let plane: Vec<f32> = gray.iter().map(|&v| v as f32).collect();
    let local = box_blur(&max_filter(&plane, wu, hu, r), wu, hu, r / 2);
    let ratio: Vec<u8> = gray
        .iter()
        .zip(&local)
        .map(|(&v, &m)| (v as f32 / m.max(16.0) * 255.0).min(255.0) as u8)
        .collect();
    find_sheet(&ratio, w, h)
}

/// Shoelace area (positive for the clockwise order of image coordinates).
fn area(q: &Quad) -> f64 {
    (0..4)
        .map(|i| {
            let (a, b) = (q[i], q[(i + 1) % 4]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum::<f64>()
        / 2.0
}

fn convex_with_sane_angles(q: &Quad) -> bool {
    (0..4).all(|i| {
        let (prev, p, next) = (q[(i + 3) % 4], q[i], q[(i + 1) % 4]);
        let (ax, ay) = (prev.0 - p.0, prev.1 - p.1);
        let (bx, by) = (next.0 - p.0, next.1 - p.1);
        let (la, lb) = ((ax * ax + ay * ay).sqrt(), (bx * bx + by * by).sqrt());
        if la < 1.0 || lb < 1.0 {
            return false;
        }
        // Clockwise in image coordinates: the turn from `prev→p` to `p→next` is positive.
        let cross = (p.0 - prev.0) * (next.1 - p.1) - (p.1 - prev.1) * (next.0 - p.0);
        let angle = ((ax * bx + ay * by) / (la * lb))
            .clamp(-1.0, 1.0)
            .acos()
            .to_degrees();
        cross > 0.0 && (50.0..=130.0).contains(&angle)
    })
}

// ---------------------------------------------------------------- light

/// Separable max filter of radius `r` over a `w × h` plane.
fn max_filter(plane: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut tmp = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (x.saturating_sub(r), (x + r).min(w - 1));
            tmp[y * w + x] = plane[y * w + a..=y * w + b]
                .iter()
                .copied()
                .fold(0.0, f32::max);
        }
    }
    let mut out = vec![0.0; w * h];
    for y in 0..h {
        let (a, b) = (y.saturating_sub(r), (y + r).min(h - 1));
        for x in 0..w {
            out[y * w + x] = (a..=b).map(|yy| tmp[yy * w + x]).fold(0.0, f32::max);
        }
    }
    out
}

/// Separable box blur of radius `r`.
fn box_blur(plane: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut tmp = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let (a, b) = (x.saturating_sub(r), (x + r).min(w - 1));
            tmp[y * w + x] = plane[y * w + a..=y * w + b].iter().sum::<f32>() / (b - a + 1) as f32;
        }
    }
    let mut out = vec![0.0; w * h];
    for y in 0..h {
        let (a, b) = (y.saturating_sub(r), (y + r).min(h - 1));
        for x in 0..w {
            out[y * w + x] = (a..=b).map(|yy| tmp[yy * w + x]).sum::<f32>() / (b - a + 1) as f32;
        }
    }
    out
}

/// The paper's brightness under the light, per channel: max filter (removes the ink) then blur.
fn background(src: &[u8], w: usize, h: usize, c: usize, ch: usize, r: usize) -> Vec<f32> {
    let plane: Vec<f32> = src.iter().skip(ch).step_by(c).map(|&v| v as f32).collect();
    box_blur(&max_filter(&plane, w, h, r), w, h, r)
        .into_iter()
        .map(|v| v.max(24.0))
        .collect()
}

/// Whether colour carries something: more than 1 % of strongly coloured pixels once each
/// channel is divided by its background (which removes a tinted light).
fn is_colourful(rgb: &[u8], w: u32, h: u32, r: usize) -> bool {
    let (w, h) = (w as usize, h as usize);
    let bg: Vec<Vec<f32>> = (0..3).map(|ch| background(rgb, w, h, 3, ch, r)).collect();
    let coloured = (0..w * h)
        .filter(|&i| {
            let n = [0, 1, 2].map(|ch| (rgb[i * 3 + ch] as f32 / bg[ch][i]).min(1.0));
            let max = n.iter().copied().fold(0.0, f32::max);
            let min = n.iter().copied().fold(1.0, f32::min);
            max - min > 0.2
        })
        .count();
    coloured * 100 > w * h
}

/// Lighting correction: background per channel (small map) and levels.
struct Light {
    bg: Vec<Vec<f32>>,
    w: usize,
    h: usize,
    /// Ratio to the background mapped to black.
    black: f32,
}

/// Ratio to the background mapped to white: paper, with its noise, becomes flat white.
const WHITE: f32 = 0.85;

impl Light {
    fn estimate(src: &[u8], w: u32, h: u32, c: usize, r: usize) -> Light {
        let (w, h) = (w as usize, h as usize);
        let bg: Vec<Vec<f32>> = (0..c).map(|ch| background(src, w, h, c, ch, r)).collect();
        // The darkest ink, as a ratio: 1st percentile, with some margin.
        let mut hist = [0usize; 101];
        for i in 0..w * h {
            for (ch, b) in bg.iter().enumerate() {
                let n = (src[i * c + ch] as f32 / b[i]).clamp(0.0, 1.0);
                hist[(n * 100.0) as usize] += 1;
            }
        }
        let target = (w * h * c) / 100;
        let mut seen = 0;
        let p1 = hist
            .iter()
            .position(|&n| {
                seen += n;
                seen > target
            })
            .unwrap_or(0) as f32
            / 100.0;
        Light {
            bg,
            w,
            h,
            black: (p1 * 0.8).clamp(0.05, 0.5),
        }
    }

    /// Divides each pixel of an `ow × oh` image (same channels) by the background, then levels.
    fn apply(&self, pixels: &mut [u8], ow: u32, oh: u32) {
        let c = self.bg.len();
        let (ow, oh) = (ow as usize, oh as usize);
        let gain = 255.0 / (WHITE - self.black);
        let lut_x: Vec<(usize, usize, f32)> = (0..ow).map(|u| sample_pos(u, ow, self.w)).collect();
        let mut row = vec![0.0f32; self.w];
        for v in 0..oh {
            let (y0, y1, ay) = sample_pos(v, oh, self.h);
            for (ch, bg) in self.bg.iter().enumerate() {
                for (x, r) in row.iter_mut().enumerate() {
                    let (a, b) = (bg[y0 * self.w + x], bg[y1 * self.w + x]);
                    *r = a + (b - a) * ay;
                }
                let line = &mut pixels[v * ow * c..][..ow * c];
                for (u, &(x0, x1, ax)) in lut_x.iter().enumerate() {
                    let b = row[x0] + (row[x1] - row[x0]) * ax;
                    let p = &mut line[u * c + ch];
                    let n = *p as f32 / b;
                    *p = ((n - self.black) * gain).clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

/// Where output index `i` (of `n`) falls on a map of `m` samples: two neighbours and a weight.
fn sample_pos(i: usize, n: usize, m: usize) -> (usize, usize, f32) {
    let p = ((i as f32 + 0.5) * m as f32 / n as f32 - 0.5).clamp(0.0, (m - 1) as f32);
    let p0 = p as usize;
    (p0, (p0 + 1).min(m - 1), p - p0 as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_sheet_the_frame_is_kept() {
        // Uniform grey noise: no sheet to find.
        let mut rng = 7u32;
        let img = RgbImage::from_fn(600, 400, |_, _| {
            rng = rng.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let v = 100 + (rng >> 28) as u8;
            image::Rgb([v, v, v])
        });
        let page = from_pixels(img, PAGE_BUDGET_BYTES).unwrap();
        assert!(!page.cropped);
        assert_eq!((page.width, page.height), (600, 400));
        // Tiny images go through too.
        let tiny = from_pixels(RgbImage::new(3, 2), PAGE_BUDGET_BYTES).unwrap();
        assert_eq!((tiny.width, tiny.height), (3, 2));
    }

    #[test]
    fn declared_giants_are_refused_before_decoding() {
        // JPEG: SOI, then a frame header declaring 50 000 × 50 000, and nothing else.
        let mut jpeg = b"\xff\xd8\xff\xc0\x00\x11\x08".to_vec();
        jpeg.extend_from_slice(&50_000u16.to_be_bytes());
        jpeg.extend_from_slice(&50_000u16.to_be_bytes());
        jpeg.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
        let reason = from_jpeg(&jpeg, PAGE_BUDGET_BYTES).unwrap_err();
        assert!(reason.starts_with("image trop grande"), "{reason}");
        assert_eq!(crate::merge::merge(&[jpeg]).unwrap_err(), reason);
        // PNG: a header declaring 50 000 × 50 000, no image data.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&50_000u32.to_be_bytes());
        png.extend_from_slice(&50_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let reason = from_png(&png, PAGE_BUDGET_BYTES).unwrap_err();
        assert!(reason.starts_with("image trop grande"), "{reason}");
    }

    #[test]
    fn a_sheet_cut_by_the_frame_or_too_small_is_not_taken() {
        let (w, h) = (200usize, 150usize);
        let frame = |x0: usize, y0: usize, x1: usize, y1: usize| {
            let mut g = vec![40u8; w * h];
            for y in y0..y1 {
                for x in x0..x1 {
                    g[y * w + x] = 230;
                }
            }
            g
        };
        let q = find_sheet(&frame(40, 20, 160, 130), w as u32, h as u32).unwrap();
        assert!(
            (q[0].0 - 41.0).abs() < 2.0 && (q[2].1 - 128.0).abs() < 2.0,
            "{q:?}"
        );
        // Paper whose right part fades into a soft shadow: the bright component stops where
        // the shade crosses the threshold, a side that is no edge.
        let mut shaded = frame(40, 20, 160, 130);
        for y in 20..130 {
            for x in 100..160 {
                shaded[y * w + x] = (230 - (x - 100) * 170 / 60) as u8;
            }
        }
        assert!(find_sheet(&shaded, w as u32, h as u32).is_none());
        // Touching the left edge; a tenth of the frame.
        assert!(find_sheet(&frame(0, 20, 160, 130), w as u32, h as u32).is_none());
        assert!(find_sheet(&frame(80, 50, 130, 90), w as u32, h as u32).is_none());
    }

    #[test]
    fn homography_maps_corners() {
        let a = [(0.0, 0.0), (10.0, 0.0), (10.0, 20.0), (0.0, 20.0)];
        let b = [(3.0, 1.0), (40.0, 5.0), (35.0, 60.0), (1.0, 50.0)];
        let h = Homography::from_points(&a, &b).unwrap();
        for (p, q) in a.iter().zip(&b) {
            let r = h.apply(p.0, p.1);
            assert!((r.0 - q.0).abs() < 1e-6 && (r.1 - q.1).abs() < 1e-6);
        }
    }
}
