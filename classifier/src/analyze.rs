//! One page, start to end: blank? upright? cover with its number, or a document with its type
//! scores? Drives the [`Ocr`] engine so that the common cases cost least.

use image::{imageops, GrayImage};

use crate::blank;
use crate::cover;
use crate::grouping::page_cue;
use crate::numero::{self, Candidate};
use crate::ocr::{Ocr, OcrText, Rect};
use crate::text::{normalize, tokens};
use crate::types::{score_text, Scores};

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

/// A row near a third of the page where no ink stands, to split the page in two regions
/// without cutting a line of text; `None` when the page is too dense to split safely.
pub fn split_row(image: &GrayImage) -> Option<u32> {
    let (w, h) = image.dimensions();
    if h < 300 {
        return None;
    }
    let threshold = blank::background_level(image).saturating_sub(90).max(40);
    let (x0, x1) = (w / 20, w - w / 20);
    let ink_in_row = |y: u32| {
        (x0..x1)
            .step_by(2)
            .filter(|&x| image.get_pixel(x, y).0[0] < threshold)
            .count()
    };
    let band = (h / 150).max(4);
    let (lo, hi) = (h * 28 / 100, h * 48 / 100);
    let mut run = 0;
    for y in lo..hi {
        if ink_in_row(y) <= 1 {
            run += 1;
            if run >= band {
                return Some(y - band / 2);
            }
        } else {
            run = 0;
        }
    }
    None
}

fn rotate(image: &GrayImage, degrees: u16) -> GrayImage {
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
/// 2. The head of the page (down to a blank row near a third of its height) is read first.
///    If it reads badly, or the page lies in landscape, the engine is asked for the page's
///    orientation and the page is turned.
/// 3. A head that shows an attestation cover is mined for the numéro unique, which is then
///    re-read alone in its box with a whitelist (a few milliseconds): the rest of a cover is
///    never read.
/// 4. Otherwise the rest of the page is read and the page scored against the plan.
///
/// # Errors
/// The engine's error.
pub fn analyze_page<O: Ocr>(ocr: &mut O, image: &GrayImage) -> Result<PageAnalysis, O::Error> {
    if blank::is_blank(image) {
        return Ok(PageAnalysis {
            kind: PageKind::Blank,
            rotation: 0,
            text: String::new(),
            ocr_confidence: 0.0,
        });
    }
    let mut rotated: Option<GrayImage> = None;
    let mut rotation = 0;
    let (mut split, mut head) = read_head(ocr, image)?;
    // A landscape scan of an A4 batch is most likely a page fed sideways: Tesseract may still
    // read its vertical lines, but the piece must be stored upright, so ask the detector.
    if !reads_well(&head) || image.width() > image.height() {
        // The detector needs enough text: on a sparse page (an identity card) it may say 0 for
        // a page that is upside down. Reading badly and "upright" → try upside down too.
        let detected = ocr.orientation(image)?;
        let guess = match detected {
            Some(r @ (90 | 180 | 270)) => Some(r),
            _ if !reads_well(&head) => Some(180),
            _ => None,
        };
        if let Some(r) = guess {
            let turned = rotate(image, r);
            let (s, h) = read_head(ocr, &turned)?;
            if h.mean_confidence() > head.mean_confidence() {
                rotation = r;
                split = s;
                head = h;
                rotated = Some(turned);
            }
        }
    }
    let img = rotated.as_ref().unwrap_or(image);

    let head_norm = normalize(&head.text());
    let head_tokens = tokens(&head_norm);
    let mut candidates = numero::find_candidates(&head);
    let evidence = cover::evidence(&head_tokens);
    let mut full = head;

    let looks_like_cover = evidence.is_cover(!candidates.is_empty()) || evidence.title;
    if looks_like_cover && candidates.is_empty() {
        // The half-resolution read found no number: read the head again at full resolution.
        let region = Rect {
            left: 0,
            top: 0,
            width: img.width(),
            height: split.unwrap_or(img.height()),
        };
        full = ocr.read_region(img, region)?;
        candidates = numero::find_candidates(&full);
    }
    let mut read_rest = false;
    if !looks_like_cover || candidates.is_empty() {
        if let Some(y) = split {
            read_rest = true;
            let rest = Rect {
                left: 0,
                top: y,
                width: img.width(),
                height: img.height() - y,
            };
            full.extend(ocr.read_region(img, rest)?);
            candidates = numero::find_candidates(&full);
        }
    }
    let norm = normalize(&full.text());
    let toks = tokens(&norm);
    let evidence = cover::evidence(&toks);
    let kind = if evidence.is_cover(!candidates.is_empty()) {
        let page_wide = candidates.first().map(|c| c.numero.clone());
        reread_number(ocr, img, &mut candidates)?;
        // A corrected reading, or two passes that disagree, will need the applicant's name to
        // be trusted: read the rest of the cover too, where the name usually stands.
        let corrected = candidates
            .first()
            .is_some_and(|c| c.corrections > 0 || Some(&c.numero) != page_wide.as_ref());
        if corrected && !read_rest {
            if let Some(y) = split {
                let rest = Rect {
                    left: 0,
                    top: y,
                    width: img.width(),
                    height: img.height() - y,
                };
                full.extend(ocr.read_region(img, rest)?);
            }
        }
        PageKind::Cover { candidates }
    } else {
        PageKind::Document {
            scores: score_text(&norm),
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

/// Reads the head of the page (down to the split row) at half resolution: four times fewer
/// pixels, enough to recognise a cover and find its number, whose box is then re-read at full
/// resolution. Word boxes are given in full-resolution pixels.
fn read_head<O: Ocr>(ocr: &mut O, image: &GrayImage) -> Result<(Option<u32>, OcrText), O::Error> {
    let split = split_row(image);
    let height = split.unwrap_or(image.height());
    let head = image::imageops::crop_imm(image, 0, 0, image.width(), height).to_image();
    let small = half(&head);
    let mut text = ocr.read_region(&small, Rect::full(&small))?;
    for w in &mut text.words {
        w.bbox = Rect {
            left: w.bbox.left * 2,
            top: w.bbox.top * 2,
            width: w.bbox.width * 2,
            height: w.bbox.height * 2,
        };
    }
    Ok((split, text))
}

/// Halves an image (2×2 box average).
pub fn half(image: &GrayImage) -> GrayImage {
    let (w, h) = ((image.width() / 2).max(1), (image.height() / 2).max(1));
    let src = image.as_raw();
    let stride = image.width() as usize;
    let mut out = Vec::with_capacity((w * h) as usize);
    for y in 0..h as usize {
        let (r0, r1) = (
            2 * y * stride,
            (2 * y + 1).min(image.height() as usize - 1) * stride,
        );
        for x in 0..w as usize {
            let (c0, c1) = (2 * x, (2 * x + 1).min(stride - 1));
            let sum = src[r0 + c0] as u32
                + src[r0 + c1] as u32
                + src[r1 + c0] as u32
                + src[r1 + c1] as u32;
            out.push((sum / 4) as u8);
        }
    }
    GrayImage::from_raw(w, h, out).expect("sized above")
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
    let zone = bbox.padded(bbox.height.max(10), image);
    let line = ocr.read_line(image, zone, NUMERO_WHITELIST)?;
    let labelled = candidates[0].labelled;
    let narrow: Vec<Candidate> = numero::find_in_text(&line)
        .into_iter()
        .map(|c| Candidate {
            labelled,
            bbox: Some(bbox),
            ..c
        })
        .collect();
    candidates.retain(|c| !narrow.iter().any(|n| n.numero == c.numero));
    candidates.splice(0..0, narrow);
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
        calls: Vec<&'static str>,
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
        fn read_region(&mut self, _: &GrayImage, r: Rect) -> Result<OcrText, Self::Error> {
            if r.top == 0 {
                self.calls.push("head");
                Ok(words(self.head))
            } else {
                self.calls.push("rest");
                Ok(words(self.rest))
            }
        }
        fn read_line(&mut self, _: &GrayImage, _: Rect, _: &str) -> Result<String, Self::Error> {
            self.calls.push("line");
            Ok(self.line.to_string())
        }
        fn orientation(&mut self, _: &GrayImage) -> Result<Option<u16>, Self::Error> {
            self.calls.push("osd");
            Ok(Some(0))
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
        let mut ocr = Canned {
            head: "ATTESTATION D'ENREGISTREMENT\nde votre demande de logement social\nNuméro unique : 075 1220 l23456 DGALN",
            rest: "",
            line: "075 1220 123456 DGALN",
            calls: vec![],
        };
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Cover { candidates } = a.kind else {
            panic!("not a cover: {:?}", a.kind)
        };
        assert_eq!(candidates[0].numero.as_str(), "0751220123456DGALN");
        assert_eq!(ocr.calls, ["head", "line"]);
    }

    #[test]
    fn a_document_is_read_whole_and_scored() {
        let mut ocr = Canned {
            head: "BULLETIN DE PAIE\nPériode du 01/03/2026 au 31/03/2026",
            rest: "Salaire de base 1 800,00\nNet à payer 1 400,00\nPage 1/1",
            line: "",
            calls: vec![],
        };
        let a = analyze_page(&mut ocr, &page_with_text_band()).unwrap();
        let PageKind::Document { scores, .. } = a.kind else {
            panic!()
        };
        assert_eq!(scores.best().unwrap().type_code.as_str(), "FPAIE");
        assert_eq!(ocr.calls, ["head", "rest"]);
    }

    #[test]
    fn blank_pages_are_not_read() {
        let mut ocr = Canned {
            head: "",
            rest: "",
            line: "",
            calls: vec![],
        };
        let a = analyze_page(&mut ocr, &GrayImage::from_pixel(800, 1100, Luma([250]))).unwrap();
        assert_eq!(a.kind, PageKind::Blank);
        assert!(ocr.calls.is_empty());
    }
}
