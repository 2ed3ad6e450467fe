//! Pixel level: fonts, a glyph cache, drawing primitives and the scanner degradations.

use std::collections::HashMap;
use std::path::PathBuf;

use ab_glyph::{point, Font, FontVec, GlyphId, PxScale};
use anyhow::Context;
use image::GrayImage;
use rand::rngs::SmallRng;
use rand::Rng;

/// The typefaces used by the generator (all from Debian's `fonts-dejavu-core`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum F {
    Sans,
    SansB,
    Serif,
    SerifB,
    Mono,
    MonoB,
}

const FONT_FILES: [(F, &str); 6] = [
    (F::Sans, "DejaVuSans.ttf"),
    (F::SansB, "DejaVuSans-Bold.ttf"),
    (F::Serif, "DejaVuSerif.ttf"),
    (F::SerifB, "DejaVuSerif-Bold.ttf"),
    (F::Mono, "DejaVuSansMono.ttf"),
    (F::MonoB, "DejaVuSansMono-Bold.ttf"),
];

/// Default location of the DejaVu fonts on Debian/Ubuntu.
pub const DEFAULT_FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

/// The loaded fonts.
pub struct Fonts {
    fonts: Vec<FontVec>,
    /// Per font: (units per em, ascent-descent height in units).
    metrics: Vec<(f32, f32)>,
}

impl Fonts {
    /// Loads the DejaVu fonts from `$CORPUS_FONT_DIR` or [`DEFAULT_FONT_DIR`].
    pub fn load() -> anyhow::Result<Self> {
        let dir = std::env::var_os("CORPUS_FONT_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_FONT_DIR));
        let mut fonts = Vec::new();
        let mut metrics = Vec::new();
        for (_, file) in FONT_FILES {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).with_context(|| {
                format!(
                    "font {} not found: install the Debian package fonts-dejavu-core \
                     (or point CORPUS_FONT_DIR to a directory holding the DejaVu TTF files)",
                    path.display()
                )
            })?;
            let font = FontVec::try_from_vec(bytes)
                .with_context(|| format!("font {} is not a valid TrueType file", path.display()))?;
            let upem = font.units_per_em().unwrap_or(2048.0);
            metrics.push((upem, font.height_unscaled()));
            fonts.push(font);
        }
        Ok(Self { fonts, metrics })
    }

    fn idx(f: F) -> usize {
        FONT_FILES.iter().position(|(x, _)| *x == f).unwrap_or(0)
    }

    /// Width in pixels of `text` at an em size of `em_px` pixels.
    pub fn measure(&self, f: F, em_px: f32, text: &str) -> f32 {
        let i = Self::idx(f);
        let font = &self.fonts[i];
        let k = em_px / self.metrics[i].0;
        let mut w = 0.0;
        let mut prev: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                w += font.kern_unscaled(p, id) * k;
            }
            w += font.h_advance_unscaled(id) * k;
            prev = Some(id);
        }
        w
    }
}

struct GlyphBmp {
    dx: i32,
    dy: i32,
    w: u32,
    h: u32,
    cov: Vec<u8>,
}

/// Rasterized glyphs, keyed by font, char and size (1/8 px): one per worker thread.
#[derive(Default)]
pub(crate) struct GlyphCache {
    map: HashMap<(u8, char, u32), Option<GlyphBmp>>,
}

/// Drawing on one page image.
pub(crate) struct Painter<'a> {
    pub img: &'a mut GrayImage,
    pub fonts: &'a Fonts,
    pub cache: &'a mut GlyphCache,
}

#[inline]
fn blend(p: &mut u8, ink: u8, c: u8) {
    let v = *p as i32 + ((ink as i32 - *p as i32) * c as i32) / 255;
    *p = v as u8;
}

impl Painter<'_> {
    /// Draws `text` with its baseline at `(x, base)` (pixels), em size `em_px`; returns the
    /// advance width in pixels.
    pub fn text(&mut self, x: f32, base: f32, f: F, em_px: f32, text: &str, ink: u8) -> f32 {
        let fi = Fonts::idx(f);
        let font = &self.fonts.fonts[fi];
        let (upem, hu) = self.fonts.metrics[fi];
        let k = em_px / upem;
        // glyphs are cached per 1/8 px of size: rasterize at the quantized size so that a
        // cached bitmap never depends on which page asked first (determinism across threads)
        let size_key = (em_px * 8.0).round() as u32;
        let scale = PxScale::from(size_key as f32 / 8.0 * hu / upem);
        let (w, h) = (self.img.width() as i32, self.img.height() as i32);
        let by = base.round() as i32;
        let mut pen = x;
        let mut prev: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = prev {
                pen += font.kern_unscaled(p, id) * k;
            }
            prev = Some(id);
            let adv = font.h_advance_unscaled(id) * k;
            if !c.is_whitespace() {
                let entry = self
                    .cache
                    .map
                    .entry((fi as u8, c, size_key))
                    .or_insert_with(|| {
                        let g = id.with_scale_and_position(scale, point(0.0, 0.0));
                        font.outline_glyph(g).map(|og| {
                            let b = og.px_bounds();
                            let gw = b.width() as u32;
                            let gh = b.height() as u32;
                            let mut cov = vec![0u8; (gw * gh) as usize];
                            og.draw(|x, y, v| {
                                if x < gw && y < gh {
                                    cov[(y * gw + x) as usize] = (v * 255.0).min(255.0) as u8;
                                }
                            });
                            GlyphBmp {
                                dx: b.min.x as i32,
                                dy: b.min.y as i32,
                                w: gw,
                                h: gh,
                                cov,
                            }
                        })
                    });
                if let Some(g) = entry {
                    let ox = pen.round() as i32 + g.dx;
                    let oy = by + g.dy;
                    let buf: &mut [u8] = self.img.as_mut();
                    for gy in 0..g.h as i32 {
                        let yy = oy + gy;
                        if yy < 0 || yy >= h {
                            continue;
                        }
                        let row = (yy * w) as usize;
                        for gx in 0..g.w as i32 {
                            let xx = ox + gx;
                            if xx < 0 || xx >= w {
                                continue;
                            }
                            let c = g.cov[(gy as u32 * g.w + gx as u32) as usize];
                            if c > 0 {
                                blend(&mut buf[row + xx as usize], ink, c);
                            }
                        }
                    }
                }
            }
            pen += adv;
        }
        pen - x
    }

    /// Sets a rectangle (pixels, clipped) to `v`.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, v: u8) {
        let (iw, ih) = (self.img.width() as i32, self.img.height() as i32);
        let x0 = (x.round() as i32).clamp(0, iw);
        let y0 = (y.round() as i32).clamp(0, ih);
        let x1 = ((x + w).round() as i32).clamp(0, iw);
        let y1 = ((y + h).round() as i32).clamp(0, ih);
        let buf: &mut [u8] = self.img.as_mut();
        for yy in y0..y1 {
            let row = (yy * iw) as usize;
            buf[row + x0 as usize..row + x1 as usize].fill(v);
        }
    }

    /// Darkens a rectangle towards `v` by `alpha` (0..=255).
    pub fn tint_rect(&mut self, x: f32, y: f32, w: f32, h: f32, v: u8, alpha: u8) {
        let (iw, ih) = (self.img.width() as i32, self.img.height() as i32);
        let x0 = (x.round() as i32).clamp(0, iw);
        let y0 = (y.round() as i32).clamp(0, ih);
        let x1 = ((x + w).round() as i32).clamp(0, iw);
        let y1 = ((y + h).round() as i32).clamp(0, ih);
        let buf: &mut [u8] = self.img.as_mut();
        for yy in y0..y1 {
            let row = (yy * iw) as usize;
            for p in &mut buf[row + x0 as usize..row + x1 as usize] {
                if *p > v {
                    blend(p, v, alpha);
                }
            }
        }
    }

    /// A filled disc (used to stroke paths).
    pub fn disc(&mut self, cx: f32, cy: f32, r: f32, v: u8) {
        let (iw, ih) = (self.img.width() as i32, self.img.height() as i32);
        let x0 = ((cx - r).floor() as i32).max(0);
        let x1 = ((cx + r).ceil() as i32).min(iw - 1);
        let y0 = ((cy - r).floor() as i32).max(0);
        let y1 = ((cy + r).ceil() as i32).min(ih - 1);
        let r2 = r * r;
        let buf: &mut [u8] = self.img.as_mut();
        for yy in y0..=y1 {
            for xx in x0..=x1 {
                let dx = xx as f32 + 0.5 - cx;
                let dy = yy as f32 + 0.5 - cy;
                let d2 = dx * dx + dy * dy;
                if d2 <= r2 {
                    let p = &mut buf[(yy * iw + xx) as usize];
                    if *p > v {
                        *p = v;
                    }
                }
            }
        }
    }

    /// Strokes a polyline with round pen of width `width` pixels.
    pub fn stroke(&mut self, pts: &[(f32, f32)], width: f32, v: u8) {
        let r = (width / 2.0).max(0.5);
        for seg in pts.windows(2) {
            let (a, b) = (seg[0], seg[1]);
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let steps = (len / (r * 0.6).max(0.5)).ceil().max(1.0) as usize;
            for i in 0..=steps {
                let t = i as f32 / steps as f32;
                self.disc(a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t, r, v);
            }
        }
    }

    /// A filled ellipse.
    pub fn fill_ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, v: u8) {
        fill_ellipse(self.img, cx, cy, rx, ry, v);
    }

    /// An ellipse outline.
    pub fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, width: f32, v: u8) {
        let n = ((rx + ry) * 0.8).max(24.0) as usize;
        let pts: Vec<(f32, f32)> = (0..=n)
            .map(|i| {
                let a = i as f32 / n as f32 * std::f32::consts::TAU;
                (cx + rx * a.cos(), cy + ry * a.sin())
            })
            .collect();
        self.stroke(&pts, width, v);
    }
}

// ---------------------------------------------------------------------------------------------
// Degradations

/// Rotates `img` by a small angle (degrees) around its centre, bilinear, filling with `bg`.
pub(crate) fn skew(img: &GrayImage, deg: f32, bg: u8) -> GrayImage {
    let (w, h) = (img.width() as i32, img.height() as i32);
    let src: &[u8] = img.as_raw();
    let mut out = vec![bg; (w * h) as usize];
    let (s, c) = deg.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    // Inverse mapping with fixed point (16.16) stepping along rows.
    for y in 0..h {
        let fy = y as f32 - cy;
        // source coordinates for x = 0
        let mut sx = c * (-cx) + s * fy + cx;
        let mut sy = -s * (-cx) + c * fy + cy;
        let row = (y * w) as usize;
        for x in 0..w {
            let x0 = sx.floor();
            let y0 = sy.floor();
            let xi = x0 as i32;
            let yi = y0 as i32;
            if xi >= 0 && yi >= 0 && xi + 1 < w && yi + 1 < h {
                let fx = ((sx - x0) * 256.0) as i32;
                let fyy = ((sy - y0) * 256.0) as i32;
                let i = (yi * w + xi) as usize;
                let a = src[i] as i32;
                let b = src[i + 1] as i32;
                let cc = src[i + w as usize] as i32;
                let d = src[i + w as usize + 1] as i32;
                let top = a * 256 + (b - a) * fx;
                let bot = cc * 256 + (d - cc) * fx;
                let v = (top * 256 + (bot - top) * fyy) >> 16;
                out[row + x as usize] = v.clamp(0, 255) as u8;
            }
            sx += c;
            sy -= s;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("sized buffer")
}

/// Maps the tones: white paper becomes `bg`, black ink becomes `floor`.
pub(crate) fn tone(img: &mut GrayImage, bg: u8, floor: u8) {
    let mut lut = [0u8; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        *v = (floor as f32 + (bg as f32 - floor as f32) * i as f32 / 255.0).round() as u8;
    }
    for p in img.iter_mut() {
        *p = lut[*p as usize];
    }
}

/// Sensor grain of amplitude ±`amp`, from a small random table (fast).
pub(crate) fn grain(img: &mut GrayImage, rng: &mut SmallRng, amp: i32) {
    if amp <= 0 {
        return;
    }
    let table: Vec<i16> = (0..8191)
        .map(|_| (rng.gen_range(-amp..=amp) + rng.gen_range(-amp..=amp)) as i16 / 2)
        .collect();
    let mut k = rng.gen_range(0..table.len());
    let step = 1 + rng.gen_range(0..5) * 2;
    for p in img.iter_mut() {
        k += step;
        if k >= table.len() {
            k -= table.len();
        }
        *p = (*p as i16 + table[k]).clamp(0, 255) as u8;
    }
}

/// Dark specks and a few light dropouts, `density` specks per megapixel.
pub(crate) fn speckle(img: &mut GrayImage, rng: &mut SmallRng, density: f32, px_scale: f32) {
    let (w, h) = (img.width(), img.height());
    let n = (w as f32 * h as f32 / 1.0e6 * density) as usize;
    for _ in 0..n {
        let x = rng.gen_range(0..w) as i32;
        let y = rng.gen_range(0..h) as i32;
        let r = (rng.gen_range(0.5f32..1.8) * px_scale).max(0.6);
        let v = rng.gen_range(20u8..140);
        let ri = r.ceil() as i32;
        for dy in -ri..=ri {
            for dx in -ri..=ri {
                if ((dx * dx + dy * dy) as f32) <= r * r {
                    let (xx, yy) = (x + dx, y + dy);
                    if xx >= 0 && yy >= 0 && (xx as u32) < w && (yy as u32) < h {
                        let p = img.get_pixel_mut(xx as u32, yy as u32);
                        p.0[0] = p.0[0].min(v);
                    }
                }
            }
        }
    }
}

/// A scanner shadow along one edge and sometimes a punched-hole pair.
pub(crate) fn scanner_marks(img: &mut GrayImage, rng: &mut SmallRng, px_scale: f32) {
    let h = img.height() as f32;
    if rng.gen_bool(0.35) {
        let depth = rng.gen_range(3.0f32..14.0) * px_scale;
        let v = rng.gen_range(40u8..120);
        let edge = rng.gen_range(0..4);
        let (iw, ih) = (img.width() as usize, img.height() as usize);
        let di = depth.ceil() as usize;
        let buf: &mut [u8] = img.as_mut();
        let mut shade = |x: usize, y: usize, d: f32| {
            let p = &mut buf[y * iw + x];
            let t = 1.0 - d / depth;
            let cur = *p as f32;
            *p = (cur + (v as f32 - cur) * t * 0.85).min(cur) as u8;
        };
        match edge {
            0 | 1 => {
                for y in 0..ih {
                    for k in 0..di.min(iw) {
                        let x = if edge == 0 { k } else { iw - 1 - k };
                        shade(x, y, k as f32);
                    }
                }
            }
            _ => {
                for k in 0..di.min(ih) {
                    let y = if edge == 2 { k } else { ih - 1 - k };
                    for x in 0..iw {
                        shade(x, y, k as f32);
                    }
                }
            }
        }
    }
    if rng.gen_bool(0.12) {
        // two punched holes on the left margin
        let r = 12.0 * px_scale;
        let x = 30.0 * px_scale;
        let v = rng.gen_range(30u8..90);
        fill_ellipse(img, x, h * 0.35, r, r, v);
        fill_ellipse(img, x, h * 0.65, r, r, v);
    }
}

/// A filled ellipse (darkening only).
pub(crate) fn fill_ellipse(img: &mut GrayImage, cx: f32, cy: f32, rx: f32, ry: f32, v: u8) {
    let (iw, ih) = (img.width() as i32, img.height() as i32);
    let y0 = ((cy - ry).floor() as i32).max(0);
    let y1 = ((cy + ry).ceil() as i32).min(ih - 1);
    let buf: &mut [u8] = img.as_mut();
    for yy in y0..=y1 {
        let dy = (yy as f32 + 0.5 - cy) / ry;
        if dy.abs() > 1.0 {
            continue;
        }
        let half = rx * (1.0 - dy * dy).sqrt();
        let x0 = ((cx - half).round() as i32).clamp(0, iw);
        let x1 = ((cx + half).round() as i32).clamp(0, iw);
        let row = (yy * iw) as usize;
        for p in &mut buf[row + x0 as usize..row + x1 as usize] {
            if *p > v {
                *p = v;
            }
        }
    }
}

/// Packs a grayscale image to 1 bit per pixel, MSB first, rows padded to a byte, 1 = white.
pub(crate) fn pack_bitonal(img: &GrayImage, threshold: u8) -> Vec<u8> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let stride = w.div_ceil(8);
    let mut out = vec![0u8; stride * h];
    let src: &[u8] = img.as_raw();
    for y in 0..h {
        let row = &src[y * w..(y + 1) * w];
        let orow = &mut out[y * stride..(y + 1) * stride];
        for (x, &v) in row.iter().enumerate() {
            if v >= threshold {
                orow[x >> 3] |= 0x80 >> (x & 7);
            }
        }
    }
    out
}

/// Thresholds in place to 0/255 (the TIFF rendering of a bitonal page).
pub(crate) fn threshold(img: &mut GrayImage, t: u8) {
    for p in img.iter_mut() {
        *p = if *p >= t { 255 } else { 0 };
    }
}
