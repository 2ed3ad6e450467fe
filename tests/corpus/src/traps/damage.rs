//! Mail-room accidents at the pixel level: a stain, a smear or a pleat across a cover's
//! number, and the look of a photocopy. Applied to the clean page before the scanner's own
//! defects (tone, skew, specks, grain).

use image::GrayImage;
use rand::rngs::SmallRng;
use rand::Rng;

use crate::raster;

/// A rectangle in pixels.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Px {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// A small deterministic per-pixel noise in `-1.0..1.0`.
fn hash_noise(x: i32, y: i32, salt: u32) -> f32 {
    let mut h = (x as u32).wrapping_mul(0x9e37_79b1) ^ (y as u32).wrapping_mul(0x85eb_ca6b) ^ salt;
    h ^= h >> 15;
    h = h.wrapping_mul(0x2c1b_3c6d);
    h ^= h >> 12;
    (h & 0xffff) as f32 / 32768.0 - 1.0
}

/// One ellipse of a stain's outline.
struct Blob {
    cx: f32,
    cy: f32,
    rx: f32,
    ry: f32,
}

impl Blob {
    /// 1 at the centre, 0 on the outline, negative outside.
    fn depth(&self, x: f32, y: f32) -> f32 {
        let dx = (x - self.cx) / self.rx;
        let dy = (y - self.cy) / self.ry;
        1.0 - dx * dx - dy * dy
    }
}

/// An opaque stain (coffee, ink, grease) over `r`: an irregular blot with a darker dried rim
/// and a few splashes around; under it the ink is gone into the stain's own mottling.
pub(crate) fn stain(img: &mut GrayImage, rng: &mut SmallRng, r: Px, nh: f32) {
    let pad = nh * rng.gen_range(0.35f32..0.8);
    let cx = r.x + r.w / 2.0 + rng.gen_range(-0.04f32..0.04) * r.w;
    let cy = r.y + r.h / 2.0 + rng.gen_range(-0.1f32..0.1) * r.h;
    let mut main = Blob {
        cx,
        cy,
        rx: r.w * 0.64 + pad,
        ry: r.h * 0.9 + pad,
    };
    // the main blot must hold the whole rectangle, with a margin
    let m = nh * 0.15;
    let worst = [
        (r.x - m, r.y - m),
        (r.x + r.w + m, r.y - m),
        (r.x - m, r.y + r.h + m),
        (r.x + r.w + m, r.y + r.h + m),
    ]
    .iter()
    .map(|&(x, y)| 1.0 - main.depth(x, y))
    .fold(0.0f32, f32::max);
    if worst > 0.8 {
        let s = (worst / 0.8).sqrt();
        main.rx *= s;
        main.ry *= s;
    }
    let mut blobs = vec![];
    for _ in 0..rng.gen_range(7..15) {
        let a = rng.gen_range(0.0f32..std::f32::consts::TAU);
        let at = rng.gen_range(0.8f32..1.02);
        let rb = main.ry * rng.gen_range(0.25f32..0.6);
        blobs.push(Blob {
            cx: main.cx + a.cos() * main.rx * at,
            cy: main.cy + a.sin() * main.ry * at,
            rx: rb * rng.gen_range(0.8f32..1.6),
            ry: rb,
        });
    }
    blobs.push(main);
    let level = rng.gen_range(62.0f32..112.0);
    let rim = rng.gen_range(22.0f32..42.0);
    let rim_px = nh * rng.gen_range(0.05f32..0.12);
    let (f1, f2) = (rng.gen_range(0.01f32..0.04), rng.gen_range(0.01f32..0.04));
    let (p1, p2) = (rng.gen_range(0.0f32..6.3), rng.gen_range(0.0f32..6.3));
    let mottle = rng.gen_range(5.0f32..10.0);
    let salt: u32 = rng.gen();
    let paint = |img: &mut GrayImage, blobs: &[Blob]| {
        let (iw, ih) = (img.width() as i32, img.height() as i32);
        let x0 = blobs
            .iter()
            .map(|b| b.cx - b.rx)
            .fold(f32::MAX, f32::min)
            .floor()
            .max(0.0) as i32;
        let x1 = (blobs.iter().map(|b| b.cx + b.rx).fold(0.0, f32::max).ceil() as i32).min(iw);
        let y0 = blobs
            .iter()
            .map(|b| b.cy - b.ry)
            .fold(f32::MAX, f32::min)
            .floor()
            .max(0.0) as i32;
        let y1 = (blobs.iter().map(|b| b.cy + b.ry).fold(0.0, f32::max).ceil() as i32).min(ih);
        let minr = blobs
            .iter()
            .map(|b| b.rx.min(b.ry))
            .fold(f32::MAX, f32::min);
        let rim_t = (2.0 * rim_px / minr.max(1.0)).min(0.3);
        for y in y0..y1 {
            for x in x0..x1 {
                let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
                let depth = blobs
                    .iter()
                    .map(|b| b.depth(fx, fy))
                    .fold(f32::MIN, f32::max);
                if depth <= 0.0 {
                    continue;
                }
                let p = img.get_pixel_mut(x as u32, y as u32);
                let ink = p.0[0] as f32 - 255.0;
                let mut v = level
                    + mottle * (fx * f1 + p1).sin() * (fy * f2 + p2).sin()
                    + 5.0 * hash_noise(x, y, salt)
                    + ink * 0.02;
                if depth < rim_t {
                    v -= rim * (1.0 - depth / rim_t);
                }
                // the blot's very edge soaks in softly
                let edge = (depth / (rim_t * 0.3).max(1e-3)).min(1.0);
                let orig = p.0[0] as f32;
                p.0[0] = (orig + (v - orig) * edge).clamp(0.0, 255.0) as u8;
            }
        }
    };
    paint(img, &blobs);
    // splashes
    let main = blobs.last().map(|b| (b.cx, b.cy, b.rx, b.ry));
    if let Some((cx, cy, rx, ry)) = main {
        for _ in 0..rng.gen_range(2..8) {
            let a = rng.gen_range(0.0f32..std::f32::consts::TAU);
            let dist = rng.gen_range(1.1f32..1.9);
            let rr = nh * rng.gen_range(0.06f32..0.35);
            let drop = [Blob {
                cx: cx + a.cos() * rx * dist,
                cy: cy + a.sin() * ry * dist,
                rx: rr * rng.gen_range(0.8f32..1.5),
                ry: rr,
            }];
            paint(img, &drop);
        }
    }
}

/// Wet ink or toner smeared across `r`: smeared along the line, dragged to one side, streaked
/// by the finger's ridges, its edges feathered into the page.
pub(crate) fn smudge(img: &mut GrayImage, rng: &mut SmallRng, r: Px, nh: f32) {
    let (iw, ih) = (img.width() as i32, img.height() as i32);
    let pad = nh * rng.gen_range(0.4f32..0.7);
    let drag = r.w * rng.gen_range(0.15f32..0.6);
    let right = rng.gen_bool(0.7);
    let x0 = ((r.x - pad - if right { 0.0 } else { drag }).floor() as i32).clamp(0, iw);
    let x1 = ((r.x + r.w + pad + if right { drag } else { 0.0 }).ceil() as i32).clamp(0, iw);
    let y0 = ((r.y - pad).floor() as i32).clamp(0, ih);
    let y1 = ((r.y + r.h + pad).ceil() as i32).clamp(0, ih);
    let (w, h) = ((x1 - x0) as usize, (y1 - y0) as usize);
    if w < 4 || h < 4 {
        return;
    }
    // darkness, 0 = paper
    let mut a: Vec<f32> = Vec::with_capacity(w * h);
    for y in y0..y1 {
        for x in x0..x1 {
            a.push(255.0 - img.get_pixel(x as u32, y as u32).0[0] as f32);
        }
    }
    let orig = a.clone();
    let rh = (nh * rng.gen_range(0.7f32..0.95)).max(2.0) as usize;
    let rv = (nh * 0.2).max(1.0) as usize;
    for _ in 0..3 {
        box_rows(&mut a, w, h, rh);
    }
    for _ in 0..2 {
        box_cols(&mut a, w, h, rv);
    }
    // the drag: what the finger carried away fades along the stroke
    let decay = 1.0 - 1.0 / (drag.max(8.0) * 0.5);
    for row in a.chunks_mut(w) {
        if right {
            for x in 1..w {
                row[x] = row[x].max(row[x - 1] * decay);
            }
        } else {
            for x in (0..w - 1).rev() {
                row[x] = row[x].max(row[x + 1] * decay);
            }
        }
    }
    let gain = rng.gen_range(2.2f32..3.2);
    let period = (nh * rng.gen_range(0.25f32..0.45)).max(2.0);
    let phase = rng.gen_range(0.0f32..6.3);
    let salt: u32 = rng.gen();
    for yy in 0..h {
        let streak = 1.0 + 0.25 * ((yy as f32 / period) * std::f32::consts::TAU + phase).sin();
        for xx in 0..w {
            // feathered edges: full inside, fading out over the padding
            let ex = (xx as f32).min((w - 1 - xx) as f32) / pad;
            let ey = (yy as f32).min((h - 1 - yy) as f32) / pad;
            let wgt = smoothstep(ex.min(1.0)) * smoothstep(ey.min(1.0));
            let i = yy * w + xx;
            let dark = (a[i] * gain * streak + 6.0 * hash_noise(xx as i32, yy as i32, salt))
                .clamp(0.0, 215.0);
            let v = orig[i] + (dark - orig[i]) * wgt;
            let px = img.get_pixel_mut(x0 as u32 + xx as u32, y0 as u32 + yy as u32);
            px.0[0] = (255.0 - v).clamp(0.0, 255.0) as u8;
        }
    }
}

fn smoothstep(t: f32) -> f32 {
    t * t * (3.0 - 2.0 * t)
}

/// Box blur of radius `r` along each row, in place.
fn box_rows(a: &mut [f32], w: usize, _h: usize, r: usize) {
    let mut tmp = vec![0.0f32; w];
    for row in a.chunks_mut(w) {
        box_line(row, &mut tmp, r);
        row.copy_from_slice(&tmp);
    }
}

/// Box blur of radius `r` along each column, in place.
fn box_cols(a: &mut [f32], w: usize, h: usize, r: usize) {
    let mut col = vec![0.0f32; h];
    let mut tmp = vec![0.0f32; h];
    for x in 0..w {
        for y in 0..h {
            col[y] = a[y * w + x];
        }
        box_line(&col, &mut tmp, r);
        for y in 0..h {
            a[y * w + x] = tmp[y];
        }
    }
}

/// Running mean of radius `r` (edges averaged over what exists).
fn box_line(src: &[f32], out: &mut [f32], r: usize) {
    let n = src.len();
    let mut prefix = vec![0.0f64; n + 1];
    for i in 0..n {
        prefix[i + 1] = prefix[i] + src[i] as f64;
    }
    for i in 0..n {
        let lo = i.saturating_sub(r);
        let hi = (i + r + 1).min(n);
        out[i] = ((prefix[hi] - prefix[lo]) / (hi - lo) as f64) as f32;
    }
}

/// A pleat from the sheet feeder across `r`: the strip holding it is folded under, the rest of
/// the page closes up (shifted a little sideways), and the crease leaves a dark line with a
/// soft shadow.
pub(crate) fn pleat(img: &mut GrayImage, rng: &mut SmallRng, r: Px, nh: f32, scale: f32) {
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    let pad = nh * rng.gen_range(0.25f32..0.45);
    let y0 = ((r.y - pad).floor().max(0.0) as usize).min(ih);
    let y1 = ((r.y + r.h + pad).ceil().max(0.0) as usize).min(ih);
    if y1 <= y0 {
        return;
    }
    let cut = y1 - y0;
    let dx = (rng.gen_range(-6.0f32..6.0) * scale).round() as isize;
    let buf: &mut [u8] = img.as_mut();
    for y in y0..ih - cut {
        let (dst, src) = buf.split_at_mut((y + cut) * iw);
        let d = &mut dst[y * iw..(y + 1) * iw];
        let s = &src[..iw];
        for x in 0..iw {
            let sx = x as isize - dx;
            d[x] = if sx >= 0 && (sx as usize) < iw {
                s[sx as usize]
            } else {
                255
            };
        }
    }
    for v in &mut buf[(ih - cut) * iw..] {
        *v = 255;
    }
    // the crease: a dark, slightly wavy line, a soft shadow under it, a lighter lip above
    let crease = rng.gen_range(95.0f32..150.0);
    let thick = (2.0 * scale).max(1.0);
    let shadow = (10.0 * scale).max(3.0);
    let amp = rng.gen_range(0.0f32..2.5) * scale;
    let freq = rng.gen_range(0.002f32..0.01);
    let ph = rng.gen_range(0.0f32..6.3);
    for x in 0..iw {
        let yc = y0 as f32 + amp * (x as f32 * freq + ph).sin();
        let top = (yc - thick).floor().max(0.0) as usize;
        let bot = ((yc + shadow).ceil() as usize).min(ih);
        for y in top..bot {
            let d = y as f32 + 0.5 - yc;
            let p = &mut buf[y * iw + x];
            let cur = *p as f32;
            let v = if d.abs() <= thick / 2.0 {
                cur.min(crease)
            } else if d > 0.0 {
                let t = 1.0 - (d - thick / 2.0) / shadow;
                cur - 45.0 * t.max(0.0) * t.max(0.0)
            } else {
                cur
            };
            *p = v.clamp(0.0, 255.0) as u8;
        }
    }
}

/// Turns a clean page into a photocopy of it: grey toner haze and low contrast, drum streaks,
/// softened strokes, black borders where the lid let light in, toner dust. Returns the paper
/// and ink levels (for the skew's fill and the bitonal threshold).
pub(crate) fn photocopy(img: &mut GrayImage, rng: &mut SmallRng, scale: f32) -> (u8, u8) {
    let bg = rng.gen_range(178u8..=210);
    let floor = rng.gen_range(30u8..=62);
    if scale >= 0.5 {
        blur3(img);
    }
    raster::tone(img, bg, floor);
    let (iw, ih) = (img.width() as usize, img.height() as usize);
    // haze: the page darker towards one end
    let top_dark = rng.gen_bool(0.5);
    let haze = rng.gen_range(4.0f32..14.0);
    // drum streaks: vertical bands
    let streaks: Vec<(f32, f32, f32)> = (0..rng.gen_range(0..3))
        .map(|_| {
            (
                rng.gen_range(0.0f32..iw as f32),
                rng.gen_range(2.0f32..12.0) * scale.max(0.3),
                rng.gen_range(8.0f32..24.0),
            )
        })
        .collect();
    let buf: &mut [u8] = img.as_mut();
    for y in 0..ih {
        let t = y as f32 / ih as f32;
        let g = haze * if top_dark { 1.0 - t } else { t };
        let row = &mut buf[y * iw..(y + 1) * iw];
        for (x, p) in row.iter_mut().enumerate() {
            let mut dv = g;
            for &(sx, sw, sd) in &streaks {
                let d = (x as f32 - sx).abs() / sw;
                if d < 1.0 {
                    dv += sd * (1.0 - d * d);
                }
            }
            *p = (*p as f32 - dv).clamp(0.0, 255.0) as u8;
        }
    }
    // dark borders on one to three edges, ragged
    let edges = {
        let mut e = [false; 4];
        let n = rng.gen_range(1..=3);
        while e.iter().filter(|x| **x).count() < n {
            e[rng.gen_range(0..4)] = true;
        }
        e
    };
    let dark = rng.gen_range(12u8..45);
    for (edge, on) in edges.iter().enumerate() {
        if !on {
            continue;
        }
        let along = if edge < 2 { ih } else { iw };
        let across = if edge < 2 { iw } else { ih };
        let base = across as f32 * rng.gen_range(0.012f32..0.045);
        let mut wdt = base;
        let soft = (5.0 * scale).max(2.0);
        for i in 0..along {
            wdt =
                (wdt + rng.gen_range(-1.0f32..1.0) * scale.max(0.3)).clamp(base * 0.6, base * 1.4);
            let full = wdt.ceil() as usize + soft.ceil() as usize;
            for j in 0..full.min(across) {
                let v = if (j as f32) < wdt {
                    dark as f32
                } else {
                    let t = (j as f32 - wdt) / soft;
                    dark as f32 + (bg as f32 - dark as f32) * t.min(1.0)
                };
                let (x, y) = match edge {
                    0 => (j, i),
                    1 => (iw - 1 - j, i),
                    2 => (i, j),
                    _ => (i, ih - 1 - j),
                };
                let p = &mut buf[y * iw + x];
                *p = (*p).min(v as u8);
            }
        }
    }
    let density = rng.gen_range(120.0f32..320.0);
    raster::speckle(img, rng, density, scale);
    (bg, floor)
}

/// A 3×3 box blur (a copy generation's softness).
fn blur3(img: &mut GrayImage) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w < 3 || h < 3 {
        return;
    }
    let src = img.as_raw().clone();
    let buf: &mut [u8] = img.as_mut();
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let mut s = 0u32;
            for dy in 0..3 {
                let row = (y + dy - 1) * w;
                s += src[row + x - 1] as u32 + src[row + x] as u32 + src[row + x + 1] as u32;
            }
            buf[y * w + x] = (s / 9) as u8;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// A page with black "digits" (bars) in a rectangle.
    fn page_with_bars() -> (GrayImage, Px) {
        let mut img = GrayImage::from_pixel(600, 400, image::Luma([255]));
        let r = Px {
            x: 100.0,
            y: 180.0,
            w: 300.0,
            h: 40.0,
        };
        for i in 0..18 {
            let x0 = 100 + i * 16;
            for x in x0..x0 + 6 {
                for y in 180..220 {
                    img.put_pixel(x, y, image::Luma([10]));
                }
            }
        }
        (img, r)
    }

    /// Contrast left between where the bars were and the gaps between them.
    fn bar_contrast(img: &GrayImage) -> f32 {
        let mut ink = 0.0;
        let mut gap = 0.0;
        for i in 0..18 {
            let x0 = 100 + i * 16;
            for y in 185..215 {
                ink += img.get_pixel(x0 + 3, y).0[0] as f32;
                gap += img.get_pixel(x0 + 11, y).0[0] as f32;
            }
        }
        (gap - ink) / (18.0 * 30.0)
    }

    #[test]
    fn damage_leaves_no_legible_contrast() {
        for seed in 0..12 {
            let mut rng = SmallRng::seed_from_u64(seed);
            let (clean, r) = page_with_bars();
            assert!(bar_contrast(&clean) > 200.0);
            let mut a = clean.clone();
            stain(&mut a, &mut rng, r, 40.0);
            assert!(
                bar_contrast(&a).abs() < 12.0,
                "stain {seed}: {}",
                bar_contrast(&a)
            );
            let mut b = clean.clone();
            smudge(&mut b, &mut rng, r, 40.0);
            assert!(
                bar_contrast(&b).abs() < 25.0,
                "smudge {seed}: {}",
                bar_contrast(&b)
            );
            let mut c = clean.clone();
            pleat(&mut c, &mut rng, r, 40.0, 1.0);
            let dark = c.pixels().filter(|p| p.0[0] < 60).count();
            assert!(
                dark < 600 * 3,
                "pleat {seed}: the bars are gone, the crease stays"
            );
        }
    }

    #[test]
    fn photocopy_keeps_text_contrast_and_darkens_borders() {
        let mut rng = SmallRng::seed_from_u64(3);
        let (mut img, _) = page_with_bars();
        let (bg, floor) = photocopy(&mut img, &mut rng, 1.0);
        assert!(bg > floor + 100);
        assert!(bar_contrast(&img) > 60.0);
    }
}
