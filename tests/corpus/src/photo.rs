//! Synthetic phone photos of documents, with their clean source: for the photo
//! normalization's tests and benchmark ([`ingest_worker::photo`]).
//!
//! A clean page (a rendering whose content is known) is laid on a dark textured background
//! with a perspective distortion and a slight rotation, lit with a shadow gradient and a warm
//! light, stored sideways with an EXIF orientation, and given metadata that must not survive
//! (an Exif APP1 segment with a camera make and a GPS IFD, a comment).

use image::{Rgb, RgbImage};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

use super::doc::FILL_ADMIN;
use super::raster::{Fonts, GlyphCache, Painter, F};
use ingest_worker::photo::{Homography, Quad};

/// How a page is photographed.
#[derive(Debug, Clone)]
pub struct PhotoOptions {
    /// Size of the scene as displayed (upright), in pixels.
    pub width: u32,
    pub height: u32,
    /// The sheet's height as a share of the scene's height (before perspective).
    pub sheet: f32,
    /// How much narrower the sheet's far (top) edge is, as a share of its width.
    pub perspective: f32,
    /// Darkening at the shadowed end of the gradient (0: none).
    pub shadow: f32,
    /// Yellowish light.
    pub warm: bool,
    /// Mean brightness of the (textured) table under the sheet, 0–255.
    pub table: f32,
    /// EXIF orientation (1–8) written in the file; the pixels are stored accordingly.
    pub orientation: u8,
    pub seed: u64,
    /// JPEG quality of the photo.
    pub quality: u8,
}

impl PhotoOptions {
    /// A small portrait photo (900 × 1200 upright), for unit tests.
    pub fn small() -> Self {
        PhotoOptions {
            width: 900,
            height: 1200,
            sheet: 0.75,
            perspective: 0.08,
            shadow: 0.35,
            warm: true,
            table: 62.0,
            orientation: 6,
            seed: 1,
            quality: 90,
        }
    }

    /// A 12-megapixel phone photo (3000 × 4000 upright, stored 4000 × 3000 with orientation 6).
    pub fn phone(seed: u64) -> Self {
        let mut rng = SmallRng::seed_from_u64(seed);
        PhotoOptions {
            width: 3000,
            height: 4000,
            sheet: rng.gen_range(0.72..0.88),
            perspective: rng.gen_range(0.02..0.12),
            shadow: rng.gen_range(0.15..0.4),
            warm: rng.gen_bool(0.5),
            table: 62.0,
            orientation: 6,
            seed,
            quality: 92,
        }
    }

    /// A harder 12-megapixel photo: deep shadow, strong perspective, a lighter table.
    pub fn phone_hard(seed: u64) -> Self {
        let mut rng = SmallRng::seed_from_u64(seed ^ 0x5eed);
        PhotoOptions {
            perspective: rng.gen_range(0.12..0.22),
            shadow: rng.gen_range(0.45..0.65),
            table: rng.gen_range(90.0..140.0),
            ..Self::phone(seed)
        }
    }
}

/// A white page `w × h` with black bars like lines of text, and an asymmetric mark: an "F" in
/// the top left corner (within 7–20 % of the width, 4–13 % of the height); the other corners
/// are blank. With `colour`, every third bar is red.
pub fn bars_page(w: u32, h: u32, colour: bool) -> RgbImage {
    let mut img = RgbImage::from_pixel(w, h, Rgb([246, 246, 243]));
    let (wf, hf) = (w as f32, h as f32);
    let mut rect = |x0: f32, y0: f32, x1: f32, y1: f32, c: Rgb<u8>| {
        for y in (y0 * hf) as u32..(y1 * hf) as u32 {
            for x in (x0 * wf) as u32..(x1 * wf) as u32 {
                img.put_pixel(x, y, c);
            }
        }
    };
    let ink = Rgb([25, 25, 30]);
    rect(0.07, 0.04, 0.10, 0.13, ink);
    rect(0.07, 0.04, 0.20, 0.065, ink);
    rect(0.07, 0.08, 0.16, 0.10, ink);
    for i in 0..19 {
        let y = 0.2 + i as f32 * 0.035;
        let end = 0.1 + (0.5 + 0.3 * ((i * 37) % 10) as f32 / 10.0) * 0.8;
        let c = if colour && i % 3 == 0 {
            Rgb([205, 30, 35])
        } else {
            ink
        };
        // Words: gaps every so often.
        let mut x = 0.1;
        let mut k = i;
        while x < end {
            k = (k * 7 + 3) % 11;
            let word = 0.04 + k as f32 * 0.008;
            rect(x, y, (x + word).min(end), y + 0.015, c);
            x += word + 0.015;
        }
    }
    img
}

/// A clean A4 page at 200 dpi (1654 × 2339) of French administrative text, for legibility
/// measures.
///
/// # Errors
/// When the DejaVu fonts cannot be loaded (see [`super::DEFAULT_FONT_DIR`]).
pub fn text_page(seed: u64) -> anyhow::Result<RgbImage> {
    let fonts = &Fonts::load()?;
    let mut rng = SmallRng::seed_from_u64(seed);
    let mut img = image::GrayImage::from_pixel(1654, 2339, image::Luma([255]));
    let mut cache = GlyphCache::default();
    let mut p = Painter {
        img: &mut img,
        fonts,
        cache: &mut cache,
    };
    let (left, right, em, lead) = (150.0, 1654.0 - 150.0, 34.0, 50.0);
    p.text(left, 220.0, F::SansB, 60.0, "Attestation de situation", 0);
    let mut base = 340.0;
    while base < 2339.0 - 200.0 {
        let para = FILL_ADMIN[rng.gen_range(0..FILL_ADMIN.len())];
        let font = if rng.gen_bool(0.5) { F::Serif } else { F::Sans };
        let mut x = left;
        for word in para.split_whitespace() {
            let wlen = fonts.measure(font, em, word);
            if x + wlen > right {
                x = left;
                base += lead;
            }
            p.text(x, base, font, em, word, 0);
            x += wlen + fonts.measure(font, em, " ");
        }
        base += lead * 1.8;
    }
    Ok(image::DynamicImage::ImageLuma8(img).into_rgb8())
}

/// A JPEG photo of `page` (see the module documentation).
pub fn photograph(page: &RgbImage, o: &PhotoOptions) -> Vec<u8> {
    let mut rng = SmallRng::seed_from_u64(o.seed);
    let (w, h) = (o.width as f64, o.height as f64);
    let aspect = page.height() as f64 / page.width() as f64;
    let hh = (o.sheet as f64 * h).min(0.9 * w * aspect) / 2.0;
    let hw = hh / aspect;
    let (cx, cy) = (
        w / 2.0 + rng.gen_range(-0.03..0.03) * w,
        h / 2.0 + rng.gen_range(-0.03..0.03) * h,
    );
    let p = o.perspective as f64 * hw;
    let theta = rng.gen_range(-5.0f64..5.0).to_radians();
    let mut jitter = || rng.gen_range(-0.01..0.01) * hw;
    let corners = [(-hw + p, -hh), (hw - p, -hh), (hw, hh), (-hw, hh)];
    let quad: Quad = corners.map(|(x, y)| {
        let (s, c) = theta.sin_cos();
        (cx + x * c - y * s + jitter(), cy + x * s + y * c + jitter())
    });
    let (pw, ph) = (page.width() as f64, page.height() as f64);
    let to_page = Homography::from_points(&quad, &[(0.0, 0.0), (pw, 0.0), (pw, ph), (0.0, ph)])
        .expect("a convex quadrilateral");
    let light = if o.warm { [1.0, 0.93, 0.78] } else { [1.0; 3] };
    let scene = RgbImage::from_fn(o.width, o.height, |x, y| {
        let (u, v) = to_page.apply(x as f64 + 0.5, y as f64 + 0.5);
        let colour = if (0.0..pw).contains(&u) && (0.0..ph).contains(&v) {
            bilinear(page, u - 0.5, v - 0.5)
        } else {
            // Dark wood-like texture.
            let (sx, sy) = (x as f64 / w * 40.0, y as f64 / h * 30.0);
            let base = o.table as f64 + 22.0 * (sx * 1.7 + 2.0 * (sy * 0.9).sin()).sin();
            [base, base * 0.8, base * 0.62]
        };
        let t = ((x as f64 / w) * 0.6 + (y as f64 / h) * 0.4).clamp(0.0, 1.0);
        let shade = 1.0 - o.shadow as f64 * t * t * (3.0 - 2.0 * t);
        Rgb([0, 1, 2].map(|c| {
            let noise = rng.gen_range(-6.0..6.0);
            (colour[c] * shade * light[c] + noise).clamp(0.0, 255.0) as u8
        }))
    });
    let stored = store_for_orientation(scene, o.orientation);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, o.quality)
        .encode_image(&stored)
        .expect("encoding to memory");
    with_metadata(&jpeg, o.orientation)
}

fn bilinear(img: &RgbImage, x: f64, y: f64) -> [f64; 3] {
    let (wm, hm) = ((img.width() - 1) as f64, (img.height() - 1) as f64);
    let (x, y) = (x.clamp(0.0, wm), y.clamp(0.0, hm));
    let (x0, y0) = (x as u32, y as u32);
    let (x1, y1) = (
        (x0 + 1).min(img.width() - 1),
        (y0 + 1).min(img.height() - 1),
    );
    let (ax, ay) = (x - x0 as f64, y - y0 as f64);
    let p = |x, y, c: usize| img.get_pixel(x, y)[c] as f64;
    [0, 1, 2].map(|c| {
        let top = p(x0, y0, c) * (1.0 - ax) + p(x1, y0, c) * ax;
        let bottom = p(x0, y1, c) * (1.0 - ax) + p(x1, y1, c) * ax;
        top * (1.0 - ay) + bottom * ay
    })
}

/// The pixels a camera stores for an upright `scene` when it tags them with `orientation`:
/// applying the orientation to them gives the scene back.
pub fn store_for_orientation(scene: RgbImage, orientation: u8) -> RgbImage {
    use image::imageops::{flip_horizontal, flip_vertical, rotate180, rotate270, rotate90};
    match orientation {
        2 => flip_horizontal(&scene),
        3 => rotate180(&scene),
        4 => flip_vertical(&scene),
        5 => rotate270(&flip_horizontal(&scene)),
        6 => rotate270(&scene),
        7 => rotate90(&flip_horizontal(&scene)),
        8 => rotate90(&scene),
        _ => scene,
    }
}

/// `jpeg` with an Exif APP1 segment (camera make `TestPhone`, the orientation, a GPS IFD
/// holding the marker `GPS-TRACE`) and a comment, right after the start of image.
pub fn with_metadata(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value);
    };
    let make = b"TestPhone\0";
    let gps_method = b"ASCII\0\0\0GPS-TRACE 48.8566N 2.3522E";
    // IFD0 at 8: 3 entries (2 + 36 + 4 bytes) → the make at 50, the GPS IFD at 60.
    let (make_at, gps_at) = (50u32, 60u32);
    // GPS IFD: 2 entries (2 + 24 + 4 bytes) → its data at 90.
    let method_at = gps_at + 30;
    tiff.extend_from_slice(&3u16.to_le_bytes());
    entry(
        &mut tiff,
        0x010F,
        2,
        make.len() as u32,
        make_at.to_le_bytes(),
    );
    let o = (orientation as u16).to_le_bytes();
    entry(&mut tiff, 0x0112, 3, 1, [o[0], o[1], 0, 0]);
    entry(&mut tiff, 0x8825, 4, 1, gps_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(make);
    tiff.extend_from_slice(&2u16.to_le_bytes());
    entry(&mut tiff, 0x0001, 2, 2, *b"N\0\0\0");
    entry(
        &mut tiff,
        0x001B,
        7,
        gps_method.len() as u32,
        method_at.to_le_bytes(),
    );
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(gps_method);
    let segment = |marker: u8, body: &[u8]| {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(body);
        s
    };
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend(segment(0xE1, &exif));
    out.extend(segment(0xFE, b"secret comment: 12 rue des Lilas"));
    out.extend_from_slice(&jpeg[2..]);
    out
}
