//! Blank-page detection.

use image::GrayImage;

/// Share of ink below which a page counts as blank (speckles, a punched hole, bleed-through).
/// Kept low: a last page holding only a signature line must not be dropped.
const MAX_INK_SHARE: f64 = 0.0005;

/// Whether a page carries no content worth keeping.
///
/// The border (4 % on each side: scanner edges, shadows, punch holes) is ignored. A pixel is ink
/// when it is clearly darker than the page's background (bleed-through from the back side stays
/// light and does not count). Isolated specks do not count either: only pixels with a dark
/// neighbour to the right or below are counted, so dust on the glass does not make a page.
pub fn is_blank(image: &GrayImage) -> bool {
    is_blank_below(image, ink_threshold(image))
}

/// [`is_blank`], with the page's [`ink_threshold`] already known.
pub fn is_blank_below(image: &GrayImage, threshold: u8) -> bool {
    ink_share(image, threshold) < MAX_INK_SHARE
}

/// The grey level below which a pixel of the page is ink: clearly darker than its background.
pub fn ink_threshold(image: &GrayImage) -> u8 {
    background_level(image).saturating_sub(90).max(40)
}

/// Share of ink pixels (darker than `threshold`) in the page's inner area.
pub fn ink_share(image: &GrayImage, threshold: u8) -> f64 {
    let (w, h) = image.dimensions();
    if w < 20 || h < 20 {
        return 0.0;
    }
    let (x0, x1) = (w / 25, w - w / 25);
    let (y0, y1) = (h / 25, h - h / 25);
    let raw = image.as_raw();
    let stride = w as usize;
    let (x0, x1) = (x0 as usize, x1 as usize);
    let mut ink = 0u64;
    let mut seen = 0u64;
    for y in (y0 as usize..y1 as usize - 1).step_by(2) {
        let row = &raw[y * stride..(y + 1) * stride];
        let below = &raw[(y + 1) * stride..(y + 2) * stride];
        for x in (x0..x1 - 1).step_by(2) {
            seen += 1;
            if row[x] < threshold && (row[x + 1] < threshold || below[x] < threshold) {
                ink += 1;
            }
        }
    }
    if seen == 0 {
        0.0
    } else {
        ink as f64 / seen as f64
    }
}

/// The page's background grey level: the 80th percentile of a sample of pixels.
pub fn background_level(image: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    let mut n = 0u64;
    // Every 13th pixel: a prime stride, so the sample does not fall into the page's columns.
    for p in image.as_raw().iter().step_by(13) {
        hist[*p as usize] += 1;
        n += 1;
    }
    let target = n * 8 / 10;
    let mut acc = 0;
    for (level, count) in hist.iter().enumerate() {
        acc += count;
        if acc >= target.max(1) {
            return level as u8;
        }
    }
    255
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn white_and_speckled_pages_are_blank() {
        let mut img = GrayImage::from_pixel(600, 800, Luma([245]));
        assert!(is_blank(&img));
        for i in 0..200u32 {
            img.put_pixel((i * 37) % 560 + 20, (i * 53) % 760 + 20, Luma([0]));
        }
        assert!(is_blank(&img), "isolated specks are not content");
        for x in 0..600 {
            for y in 0..4 {
                img.put_pixel(x, y, Luma([0]));
            }
        }
        assert!(is_blank(&img), "a dark scanner edge is not content");
    }

    #[test]
    fn a_few_lines_of_text_are_not_blank() {
        let mut img = GrayImage::from_pixel(600, 800, Luma([240]));
        for line in 0..5u32 {
            for x in (60..540).step_by(9) {
                for dx in 0..5 {
                    for dy in 0..12 {
                        img.put_pixel(x + dx, 100 + line * 30 + dy, Luma([20]));
                    }
                }
            }
        }
        assert!(!is_blank(&img));
    }
}
