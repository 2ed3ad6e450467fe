//! One page, start to end: blank? upright? cover with its number, or a document with its type
//! scores? Drives the [`Ocr`] engine so that the common cases cost least.

use image::{imageops, GrayImage};

use crate::blank;
use crate::cover;
use crate::grouping::page_cue;
use crate::names;
use crate::numero::{self, Candidate};
use crate::ocr::{Ocr, OcrText, Rect, Word};
use crate::text::{normalize, tokens};
use crate::types::{score_text, Scores};

/// The resolution pages are analysed at: batches are scanned at 300 dpi.
pub const PAGE_DPI: u32 = 300;

/// Characters a numéro unique is made of (and the spaces between its groups).
pub const NUMERO_WHITELIST: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ ";

/// What a page turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum PageKind {
    Blank,
    /// An attestation cover; candidates best first (possibly none: unreadable number).
    Cover {
        candidates: Vec<Candidate>,
    },
    /// A page of a piece.
    Document {
        scores: Scores,
        cue: Option<(u32, u32)>,
    },
}

/// The analysis of one page. `text` holds what was read: it is personal data, kept in memory
/// for the name cross-check and never logged.
#[derive(Debug, Clone, PartialEq)]
pub struct PageAnalysis {
    pub kind: PageKind,
    /// Clockwise rotation (degrees) that turned the page upright.
    pub rotation: u16,
    pub text: String,
    /// Mean OCR word confidence (0–100).
    pub ocr_confidence: f32,
}

/// Whether OCR output looks like real text (else the page is probably not upright).
fn reads_well(t: &OcrText) -> bool {
    let words: Vec<&str> = t.words.iter().map(|w| w.text.as_str()).collect();
    let wordlike = words
        .iter()
        .filter(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_alphabetic() || c == '\''))
        .count();
    wordlike >= 3 && t.mean_confidence() >= 60.0
}

/// A row at 14–24 % of the page's height where no ink (pixels darker than `ink`, the page's
/// [`blank::ink_threshold`]) stands, to split off the page's head without cutting a line of
/// text. A dense or skewed page may have no such row: the row with the least ink in the band
/// is taken then, if it crosses only a few strokes. `None` when the page is too dense to split
/// safely.
pub fn split_row(image: &GrayImage, ink: u8) -> Option<u32> {
    let h = image.height();
    if h < 300 {
        return None;
    }
    gap_row(image, ink, h * 14 / 100, h * 24 / 100)
}

/// Where the band of the page read after row `top` ends: a gap between an eighteenth and a
/// ninth of the page further down, or the foot of the page.
fn next_band(image: &GrayImage, ink: u8, top: u32) -> u32 {
    let h = image.height();
    gap_row(image, ink, top + h / 18, top + h / 9).unwrap_or(h)
}

/// A row between `lo` and `hi` where no ink stands (or, failing that, the quietest rows if
/// they cross only a few strokes): a place to cut the page without cutting a line of text.
pub fn gap_row(image: &GrayImage, threshold: u8, lo: u32, hi: u32) -> Option<u32> {
    let (w, h) = image.dimensions();
    let hi = hi.min(h);
    if hi < lo + 3 {
        return None;
    }
    let (x0, x1) = ((w / 20) as usize, (w - w / 20) as usize);
    let raw = image.as_raw();
    let ink_in_row = |y: u32| {
        let row = &raw[y as usize * w as usize..][x0..x1];
        row.iter().step_by(2).filter(|&&p| p < threshold).count()
    };
    let band = (h / 150).max(4);
    let ink: Vec<usize> = (lo..hi).map(ink_in_row).collect();
    let mut run = 0;
    for (i, &n) in ink.iter().enumerate() {
        if n <= 1 {
            run += 1;
            if run >= band {
                return Some(lo + i as u32 - band / 2);
            }
        } else {
            run = 0;
        }
    }
    // No clean gap: the quietest few rows, if they cross less than 1 % of the width in ink.
    let window = 3;
    let (best, sum) = ink
        .windows(window)
        .map(|r| r.iter().sum::<usize>())
        .enumerate()
        .min_by_key(|&(_, s)| s)?;
    let samples = (x1 - x0) / 2;
    (sum <= window * samples / 100).then(|| lo + best as u32 + 1)
}

/// The image turned clockwise by `degrees` (90, 180 or 270; anything else: as it is).
pub fn rotate(image: &GrayImage, degrees: u16) -> GrayImage {
    match degrees {
        90 => imageops::rotate90(image),
        180 => imageops::rotate180(image),
        270 => imageops::rotate270(image),
        _ => image.clone(),
    }
}

/// Analyses one page.
///
/// 1. Blank pages stop here, without OCR.
/// 2. A page lying in landscape is turned as the orientation detector says (Tesseract reads
///    sideways lines with a high confidence, so the reading cannot tell). The head of the
///    page (down to a gap at 14–24 % of its height) is then read at half resolution; if it
///    reads badly, the detector is asked (or the page tried upside down) and the page turned.
/// 3. The page is read on at half resolution, a band at a time (cut at blank rows), until it
///    is settled as a cover with its number. The number is then re-read alone in its box at
///    full resolution with a whitelist (a few milliseconds). A cover whose number the
///    half-resolution reads garbled beyond correction has the lines that may hold it re-read
///    the same way (`rescue_number`); it is never read whole at full resolution.
/// 4. A page with no hint of a cover past two fifths of its height is a document: its rest is
///    read at full resolution and the page scored against the plan.
///
/// # Errors
/// The engine's error.
pub fn analyze_page<O: Ocr>(ocr: &mut O, image: &GrayImage) -> Result<PageAnalysis, O::Error> {
    analyze_page_with(ocr, image, &mut |_, text| names::names_someone(text))
}

/// [`analyze_page`], told by `confirmed` whether what was read of a cover so far lets the
/// registry trust its readings (the applicant's name or date of birth stands on it, or no
/// reading is known, so nothing is to confirm): until then the cover is read on, to its foot
/// if need be. Without a registry (`analyze_page`), every cover is read until it names someone.
///
/// # Errors
/// The engine's error.
pub fn analyze_page_with<O: Ocr>(
    ocr: &mut O,
    image: &GrayImage,
    confirmed: &mut dyn FnMut(&[Candidate], &str) -> bool,
) -> Result<PageAnalysis, O::Error> {
    // The page's ink level, measured once: turning the page does not change it.
    let ink = blank::ink_threshold(image);
    if blank::is_blank_below(image, ink) {
        return Ok(PageAnalysis {
            kind: PageKind::Blank,
            rotation: 0,
            text: String::new(),
            ocr_confidence: 0.0,
        });
    }
    let (img, rotation, split, head) = upright(ocr, image, ink)?;
    let img = img.as_ref().unwrap_or(image);
    let (w, h) = img.dimensions();
    let region = |top: u32, bottom: u32| Rect {
        left: 0,
        top,
        width: w,
        height: bottom - top,
    };

    // The page is read from the top at half resolution, a band at a time, until it is settled
    // as a cover with its number, or, past two fifths of its height with no hint of a cover,
    // taken for a document: a document's rest is read at full resolution.
    let mut full = head;
    let (mut candidates, mut evidence) = cover_signs(&full);
    // Where the part read so far ends (`None`: at the foot of the page).
    let mut read_to = split;
    // Where a document's full-resolution read starts, and how many words were read above it.
    let mut document_from: Option<(u32, usize)> = None;
    // Lines already re-read at full resolution in search of a garbled number.
    let mut tried: Vec<Rect> = Vec::new();
    while let Some(top) = read_to {
        if !candidates.is_empty() && evidence.is_cover(true) {
            break;
        }
        if top >= h * 2 / 5 {
            document_from.get_or_insert((top, full.words.len()));
            let hint = evidence.title || evidence.label || !candidates.is_empty();
            if !hint {
                break;
            }
            if candidates.is_empty() {
                // A cover whose number the half-resolution reads garbled: the lines that may
                // hold it are re-read at full resolution before the page is read on.
                candidates = rescue_number(ocr, img, &full, &mut tried)?;
                if !candidates.is_empty() {
                    continue;
                }
                if label_read_in_vain(&full, w, &tried, top) {
                    // The number is illegible where its label says it stands: it is not
                    // searched for in the rest of the page (an unreadable cover).
                    break;
                }
            }
        }
        let bottom = next_band(img, ink, top);
        full.extend(read_half(ocr, img, region(top, bottom))?);
        read_to = (bottom < h).then_some(bottom);
        (candidates, evidence) = cover_signs(&full);
    }
    if (evidence.title || evidence.label) && candidates.is_empty() {
        // An attestation whose number no half-resolution read found: its lines that may hold
        // the number, read since, are re-read at full resolution.
        candidates = rescue_number(ocr, img, &full, &mut tried)?;
    }
    if !evidence.is_cover(!candidates.is_empty()) {
        // A document: what lies below two fifths of its height is read at full resolution
        // for the classification (a cover whose evidence stands only there shows it now).
        if let Some((top, words)) = document_from.or(read_to.map(|t| (t, full.words.len()))) {
            full.words.truncate(words);
            full.extend(ocr.read_region(img, region(top, h), PAGE_DPI)?);
            read_to = None;
            (candidates, evidence) = cover_signs(&full);
            if (evidence.title || evidence.label) && !evidence.is_cover(!candidates.is_empty()) {
                // An attestation's title or label read at half resolution, the rest of its
                // evidence garbled there: the head is read again at full resolution before the
                // page is taken for a document (a cover taken for a document lets its pages
                // run into the previous pli).
                let mut whole = ocr.read_region(img, region(0, top), PAGE_DPI)?;
                whole.extend(OcrText {
                    words: full.words.split_off(words),
                });
                let (c, e) = cover_signs(&whole);
                full = whole;
                (candidates, evidence) = (c, e);
            }
        }
    }
    let kind = if evidence.is_cover(!candidates.is_empty()) {
        reread_number(ocr, img, &mut candidates)?;
        // A reading the registry knows is trusted only once the cover shows the applicant's
        // name or date of birth: read on, at half resolution, until it does (none of it is left
        // to read once a document's rest was read whole).
        if !candidates.is_empty() {
            while let Some(top) = read_to.filter(|_| !confirmed(&candidates, &full.text())) {
                let bottom = next_band(img, ink, top);
                full.extend(read_half(ocr, img, region(top, bottom))?);
                read_to = (bottom < h).then_some(bottom);
            }
        }
        PageKind::Cover { candidates }
    } else {
        PageKind::Document {
            scores: score_text(&normalize(&full.text())),
            cue: page_cue(&full.text()),
        }
    };
    let text = full.text();
    Ok(PageAnalysis {
        kind,
        rotation,
        ocr_confidence: full.mean_confidence(),
        text,
    })
}

/// The numbers and the cover evidence found in what was read.
fn cover_signs(read: &OcrText) -> (Vec<Candidate>, cover::CoverEvidence) {
    let evidence = cover::evidence(&tokens(&normalize(&read.text())));
    (numero::find_candidates(read), evidence)
}

/// The page turned upright (`None`: as it is), the clockwise rotation that did it, and its
/// head as read.
#[allow(clippy::type_complexity)]
fn upright<O: Ocr>(
    ocr: &mut O,
    image: &GrayImage,
    ink: u8,
) -> Result<(Option<GrayImage>, u16, Option<u32>, OcrText), O::Error> {
    let mut turned: Option<GrayImage> = None;
    let mut rotation = 0;
    let mut asked = false;
    // A landscape scan of an A4 batch is most likely a page fed sideways, and Tesseract reads
    // vertical lines well enough that the head's confidence would not show it: the detector
    // decides. A real landscape document comes back as 0 and is left as it is.
    if image.width() > image.height() {
        asked = true;
        if let Some(r @ (90 | 180 | 270)) = ocr.orientation(&half(image), PAGE_DPI / 2)? {
            turned = Some(rotate(image, r));
            rotation = r;
        }
    }
    let (mut split, mut head) = read_head(ocr, turned.as_ref().unwrap_or(image), ink)?;
    if !reads_well(&head) {
        // A portrait page that reads badly was most often fed upside down: it is read so
        // first, and the detector is asked only if that reads badly too (it needs enough text:
        // on a sparse page, an identity card, it may say 0 for a page that is upside down). A
        // page the detector has already turned is only tried upside down.
        let current = turned.as_ref().unwrap_or(image);
        // The best turn read so far: (rotation, turned page, its split, its head).
        type Turn = (u16, GrayImage, Option<u32>, OcrText);
        let try_turn = |ocr: &mut O, r: u16, best: &mut Option<Turn>| {
            let other = rotate(current, r);
            let (s, h) = read_head(ocr, &other, ink)?;
            let well = reads_well(&h);
            let to_beat = best.as_ref().map_or(&head, |b| &b.3).mean_confidence();
            if h.mean_confidence() > to_beat {
                *best = Some((r, other, s, h));
            }
            Ok::<bool, O::Error>(well)
        };
        let mut best = None;
        if !try_turn(ocr, 180, &mut best)? && !asked {
            if let Some(r @ (90 | 270)) = ocr.orientation(&half(current), PAGE_DPI / 2)? {
                try_turn(ocr, r, &mut best)?;
            }
        }
        if let Some((r, other, s, h)) = best {
            rotation = (rotation + r) % 360;
            split = s;
            head = h;
            turned = Some(other);
        }
    }
    Ok((turned, rotation, split, head))
}

/// Reads the head of the page (down to the split row) at half resolution: four times fewer
/// pixels, enough to recognise a cover and find its number, whose box is then re-read at full
/// resolution.
fn read_head<O: Ocr>(
    ocr: &mut O,
    image: &GrayImage,
    ink: u8,
) -> Result<(Option<u32>, OcrText), O::Error> {
    let split = split_row(image, ink);
    let head = Rect {
        left: 0,
        top: 0,
        width: image.width(),
        height: split.unwrap_or(image.height()),
    };
    Ok((split, read_half(ocr, image, head)?))
}

/// Reads a region at half resolution; word boxes are given in full-resolution page pixels.
fn read_half<O: Ocr>(ocr: &mut O, image: &GrayImage, region: Rect) -> Result<OcrText, O::Error> {
    let small = half_of(image, region);
    let mut text = ocr.read_region(&small, Rect::full(&small), PAGE_DPI / 2)?;
    for w in &mut text.words {
        w.bbox = Rect {
            left: region.left + w.bbox.left * 2,
            top: region.top + w.bbox.top * 2,
            width: w.bbox.width * 2,
            height: w.bbox.height * 2,
        };
    }
    Ok(text)
}

/// Halves an image (2×2 box average; an odd last row or column is averaged with itself).
pub fn half(image: &GrayImage) -> GrayImage {
    half_of(image, Rect::full(image))
}

/// Halves a region of an image, read in place (no copy of the region first).
pub fn half_of(image: &GrayImage, region: Rect) -> GrayImage {
    if image.width() == 0 || image.height() == 0 {
        return GrayImage::new(0, 0);
    }
    let (left, top) = (
        region.left.min(image.width() - 1) as usize,
        region.top.min(image.height() - 1) as usize,
    );
    let width = (region.width as usize).clamp(1, image.width() as usize - left);
    let height = (region.height as usize).clamp(1, image.height() as usize - top);
    let (w, h) = ((width / 2).max(1), (height / 2).max(1));
    let src = image.as_raw();
    let stride = image.width() as usize;
    let row = |y: usize| &src[(top + y) * stride + left..][..width];
    let mut out = Vec::with_capacity(w * h);
    for y in 0..h {
        let r0 = row(2 * y);
        let r1 = row((2 * y + 1).min(height - 1));
        if width == 1 {
            out.push(((r0[0] as u32 + r1[0] as u32) / 2) as u8);
            continue;
        }
        out.extend(
            r0.chunks_exact(2)
                .zip(r1.chunks_exact(2))
                .map(|(a, b)| ((a[0] as u32 + a[1] as u32 + b[0] as u32 + b[1] as u32) / 4) as u8),
        );
    }
    GrayImage::from_raw(w as u32, h as u32, out).expect("sized above")
}

/// At most this many lines are re-read at full resolution in search of a garbled number.
const RESCUE_READS: usize = 4;

/// The lines of what was read that may hold a number the half-resolution reads garbled, best
/// first, as boxes in page pixels: a "numéro unique" label's line (up to the page's right
/// margin: a faint number after it may not have been read at all) and the line below it, then
/// the lines with the longest runs of digits.
fn number_lines(read: &OcrText, page_width: u32) -> Vec<(Rect, bool)> {
    let lines = read.lines();
    let boxed = |line: &[&Word]| line.iter().map(|w| w.bbox).reduce(Rect::union);
    let mut labelled: Vec<Rect> = Vec::new();
    let mut digits: Vec<(usize, Rect)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(bbox) = boxed(line) else { continue };
        let text: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
        if numero::is_label(&normalize(&text.join(" "))) {
            let right = page_width - page_width / 20;
            labelled.push(Rect {
                width: right.max(bbox.left + bbox.width) - bbox.left,
                ..bbox
            });
            if let Some(next) = lines.get(i + 1).and_then(|l| boxed(l)) {
                if next.top < bbox.top + bbox.height * 4 {
                    labelled.push(next);
                }
            }
            continue;
        }
        // The longest run of words holding digits, counted in digits.
        let (mut best, mut run) = (0, 0);
        for t in &text {
            let d = t.chars().filter(char::is_ascii_digit).count();
            run = if d * 2 >= t.chars().filter(|c| c.is_alphanumeric()).count() && d > 0 {
                run + d
            } else {
                0
            };
            best = best.max(run);
        }
        if best >= 9 {
            digits.push((best, bbox));
        }
    }
    digits.sort_by_key(|(d, _)| std::cmp::Reverse(*d));
    let mut out: Vec<(Rect, bool)> = labelled.into_iter().map(|r| (r, true)).collect();
    out.extend(digits.into_iter().map(|(_, r)| (r, false)));
    out
}

/// Whether what was read holds a "numéro unique" label whose lines were all re-read at full
/// resolution (`tried`) without a number, the page being read well past them (to `read_to`):
/// the line below the last label was read too.
fn label_read_in_vain(read: &OcrText, page_width: u32, tried: &[Rect], read_to: u32) -> bool {
    let labelled: Vec<Rect> = number_lines(read, page_width)
        .into_iter()
        .filter_map(|(r, labelled)| labelled.then_some(r))
        .collect();
    !labelled.is_empty()
        && labelled.iter().all(|r| tried.contains(r))
        && labelled.iter().all(|r| r.top + r.height * 5 <= read_to)
}

/// Re-reads at full resolution, one by one, the lines of what was read that may hold a
/// number the half-resolution reads garbled (not those `tried` before), until one does.
fn rescue_number<O: Ocr>(
    ocr: &mut O,
    image: &GrayImage,
    read: &OcrText,
    tried: &mut Vec<Rect>,
) -> Result<Vec<Candidate>, O::Error> {
    for (line, labelled) in number_lines(read, image.width()) {
        if tried.len() >= RESCUE_READS {
            break;
        }
        if tried.contains(&line) {
            continue;
        }
        tried.push(line);
        let region = line.padded(line.height.max(10) / 2, image);
        let text = ocr.read_line(image, region, NUMERO_WHITELIST, PAGE_DPI)?;
        let mut found = numero::find_in_text(&text);
        if found.is_empty() && labelled {
            // A number printed in boxes, one character a box, or in a table's cell: the rules
            // are read as characters. They are erased and the line read again (the label's
            // lines only: an unreadable cover is not to cost a second read of every line).
            if let Some(clean) = erase_rules(image, region) {
                let text = ocr.read_line(&clean, Rect::full(&clean), NUMERO_WHITELIST, PAGE_DPI)?;
                found = numero::find_in_text(&text);
            }
        }
        let found: Vec<Candidate> = found
            .into_iter()
            .map(|c| Candidate {
                labelled: c.labelled || labelled,
                bbox: Some(line),
                ..c
            })
            .collect();
        if !found.is_empty() {
            return Ok(found);
        }
    }
    Ok(Vec::new())
}

/// The region with its ruling erased: rows inked across half the region's width (the tops and
/// bottoms of boxes, one character a box, or of table cells) and, between them, columns inked
/// over nearly their whole height (the boxes' sides). `None` when there is no rule to erase.
pub fn erase_rules(image: &GrayImage, region: Rect) -> Option<GrayImage> {
    let mut crop =
        imageops::crop_imm(image, region.left, region.top, region.width, region.height).to_image();
    let (w, h) = crop.dimensions();
    if w < 20 || h < 10 {
        return None;
    }
    let ink = blank::ink_threshold(&crop);
    let dark = |crop: &GrayImage, x: u32, y: u32| crop.get_pixel(x, y).0[0] < ink;
    // Where the ink stands across the region, specks and a scanner edge aside: from the 5th to
    // the 95th percentile of the inked pixels' columns.
    let ink_per_column: Vec<usize> = (0..w)
        .map(|x| (0..h).filter(|&y| dark(&crop, x, y)).count())
        .collect();
    let total: usize = ink_per_column.iter().sum();
    if total == 0 {
        return None;
    }
    let at = |share: usize| {
        let mut seen = 0;
        ink_per_column
            .iter()
            .position(|&n| {
                seen += n;
                seen * 100 >= total * share
            })
            .unwrap_or(0)
    };
    let extent = (at(95) - at(5) + 1).max(1);
    // Rows inked across half the ink's extent, two rows either side taken together (a thin,
    // slightly skewed rule spreads over several rows): a box's top and bottom, a table's lines.
    let band = |y: u32| y.saturating_sub(2)..(y + 3).min(h);
    let rule_rows: Vec<u32> = (0..h)
        .filter(|&y| {
            (0..w)
                .filter(|&x| band(y).any(|yy| dark(&crop, x, yy)))
                .count()
                * 2
                >= extent
        })
        .collect();
    let mut rows: Vec<u32> = rule_rows.iter().flat_map(|&y| band(y)).collect();
    rows.dedup();
    // Between the first and the last rule (a box's top and bottom), a column inked over
    // nearly all the height is a side: characters keep a margin inside their box.
    let columns: Vec<u32> = match (rule_rows.first(), rule_rows.last()) {
        (Some(&top), Some(&bottom)) if bottom > top + 10 => {
            let inside: Vec<u32> = (top..bottom).filter(|y| !rows.contains(y)).collect();
            let near = |x: u32| x.saturating_sub(1)..(x + 2).min(w);
            (0..w)
                .filter(|&x| {
                    let inked = inside
                        .iter()
                        .filter(|&&y| near(x).any(|xx| dark(&crop, xx, y)))
                        .count();
                    !inside.is_empty() && inked * 10 >= inside.len() * 9
                })
                .flat_map(near)
                .collect()
        }
        _ => Vec::new(),
    };
    if rows.is_empty() && columns.is_empty() {
        return None;
    }
    // Painted over with the paper's own grey, so that no white stripe is left to be read.
    let paper = image::Luma([blank::background_level(&crop)]);
    for &y in &rows {
        for x in 0..w {
            crop.put_pixel(x, y, paper);
        }
    }
    let (top, bottom) = (
        rule_rows.first().copied().unwrap_or(0),
        rule_rows.last().copied().unwrap_or(h),
    );
    for &x in &columns {
        for y in top.saturating_sub(2)..(bottom + 3).min(h) {
            crop.put_pixel(x, y, paper);
        }
    }
    Some(crop)
}

/// Re-reads the best candidate's box alone, restricted to the number's characters: the
/// narrow read settles confusions the page-wide read made. A number the narrow read finds
/// goes first; the page-wide reading stays as a second candidate.
fn reread_number<O: Ocr>(
    ocr: &mut O,
    image: &GrayImage,
    candidates: &mut Vec<Candidate>,
) -> Result<(), O::Error> {
    let Some(bbox) = candidates.first().and_then(|c| c.bbox) else {
        return Ok(());
    };
    let labelled = candidates[0].labelled;
    let mut read = |margin: u32| -> Result<Vec<Candidate>, O::Error> {
        let line = ocr.read_line(
            image,
            bbox.padded(margin, image),
            NUMERO_WHITELIST,
            PAGE_DPI,
        )?;
        Ok(numero::find_in_text(&line)
            .into_iter()
            .map(|c| Candidate {
                labelled,
                bbox: Some(bbox),
                ..c
            })
            .collect())
    };
    let narrow = read(bbox.height.max(10))?;
    let page_wide = candidates[0].clone();
    let disagree = narrow
        .first()
        .is_some_and(|n| n.numero != page_wide.numero && page_wide.corrections == 0);
    candidates.retain(|c| !narrow.iter().any(|n| n.numero == c.numero));
    candidates.splice(0..0, narrow);
    if disagree {
        // Two clean readings that differ: a third, of a wider box, settles between them. The
        // page-wide reading it confirms goes first again (two reads of three agree).
        let third = read(bbox.height.max(10) * 2)?;
        if third
            .first()
            .is_some_and(|t| t.numero == page_wide.numero && t.corrections == 0)
        {
            candidates.retain(|c| c.numero != page_wide.numero);
            candidates.insert(0, page_wide);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ocr::Word;
    use image::Luma;

    /// A fake engine: returns canned text for the head and the rest, and records its calls.
    struct Canned {
        head: &'static str,
        rest: &'static str,
        line: &'static str,
        osd: Option<u16>,
        calls: Vec<&'static str>,
        /// Width of each image read.
        widths: Vec<u32>,
        /// The resolution each image was said to have.
        dpis: Vec<u32>,
    }

    impl Canned {
        fn new(head: &'static str, rest: &'static str, line: &'static str) -> Self {
            Canned {
                head,
                rest,
                line,
                osd: Some(0),
                calls: vec![],
                widths: vec![],
                dpis: vec![],
            }
        }
    }

    fn words(text: &str) -> OcrText {
        let words = text
            .lines()
            .enumerate()
            .flat_map(|(l, line)| {
                line.split_whitespace().enumerate().map(move |(i, w)| Word {
                    text: w.to_string(),
                    confidence: 90.0,
                    bbox: Rect {
                        left: 100 + 60 * i as u32,
                        top: 100 + 40 * l as u32,
                        width: 50,
                        height: 30,
                    },
                    line: l as u32,
                })
            })
            .collect();
        OcrText { words }
    }

    impl Ocr for Canned {
        type Error = std::io::Error;
        fn read_region(
            &mut self,
            image: &GrayImage,
            _: Rect,
            dpi: u32,
        ) -> Result<OcrText, Self::Error> {
            self.widths.push(image.width());
            self.dpis.push(dpi);
            if self.calls.contains(&"head") {
                self.calls.push("rest");
                Ok(words(self.rest))
            } else {
                self.calls.push("head");
                Ok(words(self.head))
            }
        }
        fn read_line(
            &mut self,
            _: &GrayImage,
            _: Rect,
            _: &str,
            _: u32,
        ) -> Result<String, Self::Error> {
            self.calls.push("line");
            Ok(self.line.to_string())
        }
        fn orientation(&mut self, _: &GrayImage, _: u32) -> Result<Option<u16>, Self::Error> {
            self.calls.push("osd");
            Ok(self.osd)
        }
    }

    fn page_with_text_band() -> GrayImage {
        let mut img = GrayImage::from_pixel(1000, 1400, Luma([250]));
        for y in (100..300).chain(700..1200) {
            if y % 40 < 20 {
                for x in 100..900 {
                    if x % 7 < 4 {
                        img.put_pixel(x, y, Luma([10]));
                    }
                }
            }
        }
        img
    }

    #[test]
    fn a_cover_is_read_from_its_head_and_number_zone_only() {
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique : 075 1220 l23456 DGALN\nDemandeur : DUPONT Marie",
            "",
            "075 1220 123456 DGALN",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Cover { candidates } = a.kind else {
            panic!("not a cover: {:?}", a.kind)
        };
        assert_eq!(candidates[0].numero.as_str(), "0751220123456DGALN");
        assert_eq!(ocr.calls, ["head", "line"]);
        assert_eq!(ocr.widths, [500], "the head is read at half resolution");
    }

    #[test]
    fn a_cover_is_read_on_until_its_reading_is_confirmed() {
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique : 075 1220 123456 DGALN",
            "Nom : DUPONT\nPrénom : Marie",
            "075 1220 123456 DGALN",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        assert!(matches!(a.kind, PageKind::Cover { .. }), "{:?}", a.kind);
        assert_eq!(ocr.calls, ["head", "line", "rest"]);
        assert_eq!(ocr.widths, [500, 500]);
        assert!(a.text.contains("DUPONT"));

        // A reading confirmed by what the head shows: no need to read on.
        let mut ocr = Canned::new(ocr.head, ocr.rest, ocr.line);
        let mut asked = vec![];
        let a = analyze_page_with(&mut ocr, &page_with_text_band(), &mut |c, _| {
            asked.push(c[0].numero.to_string());
            true
        })
        .unwrap();
        assert!(matches!(a.kind, PageKind::Cover { .. }), "{:?}", a.kind);
        assert_eq!(ocr.calls, ["head", "line"]);
        assert_eq!(asked.len(), 1);

        // A reading to confirm by the registry's name: read on until it stands, even past
        // another name.
        let mut ocr = Canned::new(ocr.head, ocr.rest, ocr.line);
        let a = analyze_page_with(&mut ocr, &page_with_text_band(), &mut |_, text| {
            text.contains("DUPONT")
        })
        .unwrap();
        assert!(matches!(a.kind, PageKind::Cover { .. }), "{:?}", a.kind);
        assert_eq!(ocr.calls, ["head", "line", "rest"]);
        assert!(a.text.contains("DUPONT"));
    }

    #[test]
    fn a_third_read_settles_between_two_clean_readings_that_differ() {
        struct Lines(Vec<&'static str>, u32);
        impl Ocr for Lines {
            type Error = std::io::Error;
            fn read_region(
                &mut self,
                _: &GrayImage,
                _: Rect,
                _: u32,
            ) -> Result<OcrText, Self::Error> {
                Ok(words(""))
            }
            fn read_line(
                &mut self,
                _: &GrayImage,
                _: Rect,
                _: &str,
                _: u32,
            ) -> Result<String, Self::Error> {
                self.1 += 1;
                Ok(self.0.remove(0).to_string())
            }
            fn orientation(&mut self, _: &GrayImage, _: u32) -> Result<Option<u16>, Self::Error> {
                Ok(None)
            }
        }
        let img = page_with_text_band();
        let page_wide = || numero::find_candidates(&words("Numéro unique : 093 0925 931601 GDPUB"));
        // The narrow read garbles, the wider one agrees with the page: the page's reading leads.
        let mut ocr = Lines(vec!["093 0925 031601 6DPUR", "093 0925 931601 GDPUB"], 0);
        let mut c = page_wide();
        reread_number(&mut ocr, &img, &mut c).unwrap();
        assert_eq!(c[0].numero.as_str(), "0930925931601GDPUB");
        assert_eq!(ocr.1, 2);
        // The wider read agrees with the narrow one: the narrow reading leads.
        let mut ocr = Lines(vec!["093 0925 031601 6DPUR", "093 0925 031601 6DPUR"], 0);
        let mut c = page_wide();
        reread_number(&mut ocr, &img, &mut c).unwrap();
        assert_eq!(c[0].numero.as_str(), "09309250316016DPUR");
        // Readings that agree need no third read.
        let mut ocr = Lines(vec!["093 0925 931601 GDPUB"], 0);
        let mut c = page_wide();
        reread_number(&mut ocr, &img, &mut c).unwrap();
        assert_eq!(ocr.1, 1);
    }

    #[test]
    fn a_cover_whose_number_stands_below_the_head_has_the_rest_read_at_half_resolution() {
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social",
            "Votre numéro unique :\n075 1220 123456 DGALN\nNom du demandeur : MARTIN",
            "075 1220 123456 DGALN",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Cover { candidates } = a.kind else {
            panic!("not a cover: {:?}", a.kind)
        };
        assert_eq!(candidates[0].numero.as_str(), "0751220123456DGALN");
        assert_eq!(ocr.calls, ["head", "rest", "line"]);
        assert_eq!(ocr.widths, [500, 500]);
        assert!(a.text.contains("MARTIN"));
    }

    #[test]
    fn a_garbled_number_is_re_read_on_its_line_at_full_resolution_not_the_whole_page() {
        // The half-resolution reads see the label and a number that does not parse; the line
        // under the label, re-read alone at full resolution, gives it.
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique :\n#75 1220 12345 DGALN",
            "Demandeur : DUPONT Marie\nDate de dépôt : 12/01/2026",
            "075 1220 123456 DGALN",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Cover { candidates } = a.kind else {
            panic!("not a cover: {:?}", a.kind)
        };
        assert_eq!(candidates[0].numero.as_str(), "0751220123456DGALN");
        assert!(candidates[0].labelled);
        assert!(ocr.calls.contains(&"line"), "{:?}", ocr.calls);
        assert!(
            ocr.widths.iter().all(|&w| w == 500),
            "nothing read whole at full resolution: {:?}",
            ocr.widths
        );
    }

    #[test]
    fn a_page_that_only_mentions_an_attestation_is_read_at_full_resolution() {
        // The head names an attestation, the rest (at half resolution, band after band) shows
        // no number: below two fifths of its height the page is read at full resolution and
        // scored as a document.
        let mut ocr = Canned::new(
            "ATTESTATION D'INSCRIPTION\nFrance Travail",
            "Vous êtes inscrit comme demandeur d'emploi depuis le 02/01/2025",
            "",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        assert!(matches!(a.kind, PageKind::Document { .. }), "{:?}", a.kind);
        let (last, before) = ocr.widths.split_last().unwrap();
        assert_eq!(*last, 1000, "{:?}", ocr.widths);
        assert!(
            before.len() >= 2 && before.iter().all(|&w| w == 500),
            "{:?}",
            ocr.widths
        );
    }

    #[test]
    fn a_document_is_read_whole_and_scored() {
        let mut ocr = Canned::new(
            "BULLETIN DE PAIE\nPériode du 01/03/2026 au 31/03/2026",
            "Salaire de base 1 800,00\nNet à payer 1 400,00\nPage 1/1",
            "",
        );
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Document { scores, .. } = a.kind else {
            panic!()
        };
        assert_eq!(scores.best().unwrap().type_code.as_str(), "FPAIE");
        // The top two fifths at half resolution (head and bands), the rest at full resolution.
        let (last, before) = ocr.widths.split_last().unwrap();
        assert_eq!(*last, 1000, "{:?}", ocr.widths);
        assert!(before.iter().all(|&w| w == 500), "{:?}", ocr.widths);
        assert_eq!(ocr.calls[0], "head");
        // Each image is read at the resolution it has (Tesseract sizes its layout analysis by
        // it: a half-resolution page said to be at 300 dpi loses the cells of its tables).
        let said: Vec<u32> = ocr.widths.iter().map(|w| w * PAGE_DPI / 1000).collect();
        assert_eq!(ocr.dpis, said);
    }

    #[test]
    fn a_landscape_page_is_turned_as_the_detector_says_before_it_is_read() {
        let mut ocr = Canned::new(
            "BULLETIN DE PAIE\nPériode du 01/03/2026 au 31/03/2026",
            "Net à payer 1 400,00",
            "",
        );
        ocr.osd = Some(90);
        let sideways = imageops::rotate270(&page_with_text_band());
        let a = analyze_page(&mut ocr, &sideways).unwrap();
        assert_eq!(a.rotation, 90);
        assert_eq!(ocr.calls[..2], ["osd", "head"]);
        assert_eq!(ocr.widths[0], 500, "the turned page is read, portrait");
    }

    #[test]
    fn a_page_that_reads_badly_is_tried_upside_down_then_the_detector_is_asked() {
        let mut ocr = Canned::new("x", "", "");
        ocr.osd = None;
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        // The fake reads no better upside down: the first reading is kept.
        assert_eq!(a.rotation, 0);
        assert_eq!(ocr.calls[..3], ["head", "rest", "osd"]);
    }

    /// An engine that reads a payslip when the image it is given shows the page's top-left
    /// mark (a black corner) where it belongs, and specks otherwise.
    struct Marked {
        calls: Vec<&'static str>,
        osd: Option<u16>,
    }

    impl Ocr for Marked {
        type Error = std::io::Error;
        fn read_region(
            &mut self,
            image: &GrayImage,
            _: Rect,
            _: u32,
        ) -> Result<OcrText, Self::Error> {
            self.calls.push("read");
            let upright = image.get_pixel(0, 0).0[0] < 100 && image.get_pixel(1, 1).0[0] < 100;
            Ok(if upright {
                words("BULLETIN DE PAIE\nPériode du 01/03/2026 au 31/03/2026\nNet à payer")
            } else {
                OcrText {
                    words: vec![Word {
                        text: "~".into(),
                        confidence: 20.0,
                        bbox: Rect {
                            left: 0,
                            top: 0,
                            width: 10,
                            height: 10,
                        },
                        line: 0,
                    }],
                }
            })
        }
        fn read_line(
            &mut self,
            _: &GrayImage,
            _: Rect,
            _: &str,
            _: u32,
        ) -> Result<String, Self::Error> {
            self.calls.push("line");
            Ok(String::new())
        }
        fn orientation(&mut self, _: &GrayImage, _: u32) -> Result<Option<u16>, Self::Error> {
            self.calls.push("osd");
            Ok(self.osd)
        }
    }

    fn marked_page() -> GrayImage {
        let mut img = page_with_text_band();
        for y in 0..8 {
            for x in 0..8 {
                img.put_pixel(x, y, Luma([0]));
            }
        }
        img
    }

    #[test]
    fn an_upside_down_page_that_reads_well_so_is_turned_without_the_detector() {
        let mut ocr = Marked {
            calls: vec![],
            osd: Some(90),
        };
        let a = analyze_page(&mut ocr, &imageops::rotate180(&marked_page())).unwrap();
        assert_eq!(a.rotation, 180);
        assert!(matches!(a.kind, PageKind::Document { .. }), "{:?}", a.kind);
        assert!(!ocr.calls.contains(&"osd"), "{:?}", ocr.calls);
    }

    #[test]
    fn a_portrait_page_with_sideways_text_is_turned_as_the_detector_says() {
        // Sideways content on a portrait sheet: upside down reads no better, the detector
        // says how to turn it.
        let page = marked_page();
        let square = GrayImage::from_fn(1400, 1400, |x, y| {
            if x < 1000 {
                *page.get_pixel(x, y)
            } else {
                Luma([250])
            }
        });
        // A 1400×1400 sheet is not landscape: the detector is not asked first.
        let sideways = imageops::rotate90(&square);
        let mut ocr = Marked {
            calls: vec![],
            osd: Some(270),
        };
        let a = analyze_page(&mut ocr, &sideways).unwrap();
        assert_eq!(a.rotation, 270);
        assert_eq!(ocr.calls[..4], ["read", "read", "osd", "read"]);
    }

    #[test]
    fn a_cover_whose_labelled_number_is_illegible_is_not_read_to_its_foot() {
        // Title and label in the head, no number anywhere: once the label's lines were re-read
        // at full resolution in vain, the rest of the page is left unread.
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique :\n#### ####",
            "Demandeur : DUPONT Marie",
            "#### ####",
        );
        let page = page_with_text_band();
        let a = analyze_page(&mut ocr, &page).unwrap();
        assert_eq!(a.kind, PageKind::Cover { candidates: vec![] });
        let bands = ocr.calls.iter().filter(|c| **c == "rest").count();
        let lines = ocr.calls.iter().filter(|c| **c == "line").count();
        assert_eq!(
            lines, 2,
            "the label's line and the one below: {:?}",
            ocr.calls
        );
        // The bands down to two fifths of the page and past the line below the label, not
        // those down to its foot.
        assert!((1..=8).contains(&bands), "{:?}", ocr.calls);
        assert_eq!(ocr.calls.last(), Some(&"rest"), "{:?}", ocr.calls);

        // Without a label, the page is read to its foot in search of the number.
        let mut ocr = Canned::new(
            "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social",
            "Demandeur : DUPONT Marie",
            "",
        );
        analyze_page(&mut ocr, &page).unwrap();
        let all = ocr.calls.iter().filter(|c| **c == "rest").count();
        assert!(all >= bands + 4, "{bands} then {:?}", ocr.calls);
    }

    #[test]
    fn a_dense_page_is_split_at_its_quietest_rows() {
        // Text lines every 40 rows with a 4-row gap, and one row of a few specks in each gap.
        let mut img = GrayImage::from_pixel(1000, 1400, Luma([250]));
        for y in 0..1400 {
            for x in 100..900 {
                let ink = if y % 40 < 36 {
                    x % 7 < 4
                } else {
                    y % 40 == 37 && x % 200 == 0
                };
                if ink {
                    img.put_pixel(x, y, Luma([10]));
                }
            }
        }
        let y = split_row(&img, blank::ink_threshold(&img)).expect("a split");
        assert!((196..=336).contains(&y), "{y}");
        assert!(y % 40 >= 36, "cuts a text line at {y}");
        // A page of solid text everywhere has no split.
        let solid =
            GrayImage::from_fn(1000, 1400, |x, _| Luma([if x % 3 == 0 { 10 } else { 250 }]));
        assert_eq!(split_row(&solid, blank::ink_threshold(&solid)), None);
    }

    #[test]
    fn a_region_is_halved_in_place_as_its_copy_would_be() {
        let img = GrayImage::from_fn(101, 77, |x, y| Luma([((x * 7 + y * 13) % 256) as u8]));
        for r in [
            Rect::full(&img),
            Rect {
                left: 3,
                top: 10,
                width: 41,
                height: 17,
            },
            Rect {
                left: 100,
                top: 76,
                width: 1,
                height: 1,
            },
        ] {
            let copy = imageops::crop_imm(&img, r.left, r.top, r.width, r.height).to_image();
            assert_eq!(half_of(&img, r), half(&copy), "{r:?}");
        }
        assert_eq!(half(&img).dimensions(), (50, 38));
    }

    #[test]
    fn the_rules_of_boxed_characters_are_erased_and_the_characters_kept() {
        // Six boxes 60 px tall, 3 px sides and tops, each holding a 30 px tall stroke.
        let mut img = GrayImage::from_pixel(400, 100, Luma([255]));
        for b in 0..6u32 {
            let x0 = 20 + b * 60;
            for y in 20..80 {
                for x in [x0, x0 + 1, x0 + 2, x0 + 57, x0 + 58, x0 + 59] {
                    img.put_pixel(x, y, Luma([0]));
                }
            }
            for x in x0..x0 + 60 {
                for y in [20, 21, 22, 77, 78, 79] {
                    img.put_pixel(x, y, Luma([0]));
                }
            }
            for y in 35..65 {
                for x in x0 + 25..x0 + 35 {
                    img.put_pixel(x, y, Luma([0]));
                }
            }
        }
        let clean = erase_rules(&img, Rect::full(&img)).expect("rules found");
        let dark = |x: u32, y: u32| clean.get_pixel(x, y).0[0] < 128;
        assert!(!dark(20, 50) && !dark(78, 50), "box sides erased");
        assert!(!dark(50, 21), "box tops erased");
        assert!(dark(50, 50) && dark(290, 40), "characters kept");
        // Plain text has nothing to erase.
        let mut text = GrayImage::from_pixel(400, 100, Luma([255]));
        for b in 0..6u32 {
            for y in 35..65 {
                for x in 20 + b * 60..30 + b * 60 {
                    text.put_pixel(x, y, Luma([0]));
                }
            }
        }
        assert!(erase_rules(&text, Rect::full(&text)).is_none());
    }

    #[test]
    fn blank_pages_are_not_read() {
        let mut ocr = Canned::new("", "", "");
        let a = analyze_page(&mut ocr, &GrayImage::from_pixel(800, 1100, Luma([250]))).unwrap();
        assert_eq!(a.kind, PageKind::Blank);
        assert!(ocr.calls.is_empty());
    }
}
