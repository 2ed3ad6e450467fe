//! Normalizing a digitally deposited piece: its original files (PDF, JPEG, PNG, in the order the
//! user gave them) become **one** PDF.
//!
//! The files are untrusted, so the work is done in a child process (`ingest-worker merge OUT
//! IN…`) under the same CPU and memory limits as the batch reader ([`crate::intake`]) and a
//! wall-clock timeout. The child writes one JSON line on its standard output — the page count,
//! or the reason the files were refused — and the merged PDF to `OUT`.
//!
//! - The type of a file is read from its first bytes, never from its name or declared type.
//! - PDF pages are copied with their (inherited) media box, resources and rotation; active
//!   content is removed: JavaScript, automatic actions (`/OpenAction`, `/AA`), launch, submit
//!   and remote actions, embedded files. Links to web addresses stay. A PDF that is not compact
//!   (over [`crate::recompress::COMPACT_BYTES_PER_PAGE`] a page) has its page images
//!   recompressed ([`crate::recompress`]); a compact one is kept as it is.
//! - JPEG and PNG images are photos (or scans) of documents: [`crate::photo`] turns each one
//!   upright, crops it to the sheet, evens out the light and re-encodes it as a baseline JPEG
//!   (`/DCTDecode`, grey when colour carries nothing) at about 200 dpi, without any of the
//!   file's metadata. The images of a piece share a budget of [`photo::PAGE_BUDGET_BYTES`];
//!   the page size is the image's at 200 dpi.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use serde::{Deserialize, Serialize};

use crate::photo;

/// Wall-clock limit of a merge child; CPU and memory limits are those of the batch reader.
pub const MERGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Time left to the child, once the piece is made, to read what type its first page is.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Largest image accepted, in pixels.
pub const MAX_IMAGE_PIXELS: u64 = 50_000_000;

/// Density assumed for an image that declares none.
const DEFAULT_DPI: f32 = 200.0;

/// What a file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Detects a file's type from its first bytes (the first KiB is enough). `None`: not accepted.
pub fn detect(head: &[u8]) -> Option<Kind> {
    let head = &head[..head.len().min(1024)];
    if head.starts_with(b"\xff\xd8\xff") {
        Some(Kind::Jpeg)
    } else if head.starts_with(PNG_SIGNATURE) {
        Some(Kind::Png)
    } else if head.windows(5).any(|w| w == b"%PDF-") {
        // Like the batch reader: some producers put a few bytes before the header.
        Some(Kind::Pdf)
    } else {
        None
    }
}

/// One line of the child's output.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "frame", rename_all = "snake_case")]
enum Frame {
    Done {
        pages: u32,
        /// Perceptual hash of the first photo, if any.
        #[serde(default)]
        phash: Option<String>,
    },
    /// After `Done`: the type the first page reads as, with the classifier's confidence. A
    /// separate line, so that a crash while reading leaves the merged piece valid.
    Read {
        read_type: (String, f32),
        /// What was read on the page (personal data: kept in memory for the holder check,
        /// never logged).
        #[serde(default)]
        text: String,
    },
    Refused {
        reason: String,
    },
}

// ---------------------------------------------------------------- child side

/// Entry point of `ingest-worker merge OUT IN…`: writes the merged PDF to `out` and one frame
/// to `stdout`.
///
/// # Errors
/// Only when the frame cannot be written; a refused file is a `refused` frame.
pub fn run_merge(out: &Path, inputs: &[PathBuf], stdout: &mut impl Write) -> std::io::Result<()> {
    let mut write = |frame: &Frame| -> std::io::Result<()> {
        serde_json::to_writer(&mut *stdout, frame)?;
        stdout.write_all(b"\n")?;
        stdout.flush()
    };
    match merge_files(out, inputs) {
        Ok((pages, phash, files)) => {
            write(&Frame::Done { pages, phash })?;
            // What the first page reads as, to compare with the type the depositor chose.
            if let Some(reading) = read_first_page(&files) {
                write(&Frame::Read {
                    read_type: reading.read_type,
                    text: reading.text,
                })?;
            }
            Ok(())
        }
        Err(reason) => write(&Frame::Refused { reason }),
    }
}

type MergedFiles = (u32, Option<String>, Vec<Vec<u8>>);

fn merge_files(out: &Path, inputs: &[PathBuf]) -> Result<MergedFiles, String> {
    let files = inputs
        .iter()
        .map(std::fs::read)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("fichier illisible : {e}"))?;
    let (pdf, pages, phash) = merge_hashed(&files)?;
    std::fs::write(out, pdf).map_err(|e| format!("écriture impossible : {e}"))?;
    Ok((pages, phash, files))
}

/// Words a PDF page's text layer must hold to be read as it is rather than OCR'd.
const TEXT_LAYER_MIN_WORDS: usize = 20;

/// What the first page of a deposited piece reads as.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The type and the classifier's confidence.
    pub read_type: (String, f32),
    /// The page's text as read.
    pub text: String,
}

/// Reads and classifies the first page of a piece — the one reader of every channel: a photo
/// once normalized, or a PDF page without a text layer, is analysed as a batch page is
/// ([`read_image`]); a PDF page's text layer is read as it is. `None` when nothing reads.
pub fn read_first_page(files: &[Vec<u8>]) -> Option<Reading> {
    let bytes = files.first()?;
    let gray = match detect(bytes)? {
        Kind::Jpeg => {
            image::load_from_memory(&photo::from_jpeg(bytes, photo::PAGE_BUDGET_BYTES).ok()?.jpeg)
                .ok()?
                .into_luma8()
        }
        Kind::Png => {
            image::load_from_memory(&photo::from_png(bytes, photo::PAGE_BUDGET_BYTES).ok()?.jpeg)
                .ok()?
                .into_luma8()
        }
        Kind::Pdf => {
            let doc = Document::load_mem(bytes).ok()?;
            match doc.extract_text(&[1]) {
                Ok(t) if t.split_whitespace().count() >= TEXT_LAYER_MIN_WORDS => {
                    let c = classifier::types::classify(&t)?;
                    return Some(Reading {
                        read_type: (c.type_code.as_str().to_string(), c.confidence),
                        text: t,
                    });
                }
                _ => crate::recompress::first_page_image(&doc)?,
            }
        }
    };
    let mut ocr = crate::ocr::Tesseract::new().ok()?;
    read_image(&mut ocr, &gray)
}

/// The part of a page that holds the document, when it is much smaller than the page: a card
/// or a passport scanned alone on a flatbed, a photo with wide margins. Cropped to the ink's
/// bounding box with a margin; `None` when the document fills most of the page already.
pub(crate) fn crop_to_content(gray: &image::GrayImage) -> Option<image::GrayImage> {
    let (w, h) = gray.dimensions();
    if w < 200 || h < 200 {
        return None;
    }
    let ink = classifier::blank::ink_threshold(gray);
    // Rows and columns with more than a trace of ink (specks and scanner dust aside).
    let (mut rows, mut cols) = (vec![0u32; h as usize], vec![0u32; w as usize]);
    for (x, y, p) in gray.enumerate_pixels() {
        if p.0[0] < ink {
            rows[y as usize] += 1;
            cols[x as usize] += 1;
        }
    }
    let span = |counts: &[u32], across: u32| {
        let min = (across / 200).max(2);
        let first = counts.iter().position(|&c| c > min)?;
        let last = counts.iter().rposition(|&c| c > min)?;
        Some((first as u32, last as u32))
    };
    let (top, bottom) = span(&rows, w)?;
    let (left, right) = span(&cols, h)?;
    let margin = w.max(h) / 50;
    let (x0, y0) = (left.saturating_sub(margin), top.saturating_sub(margin));
    let (x1, y1) = ((right + margin).min(w - 1), (bottom + margin).min(h - 1));
    let (cw, ch) = (x1 - x0 + 1, y1 - y0 + 1);
    // Worth it only when the document covers well under the page.
    if u64::from(cw) * u64::from(ch) * 10 > u64::from(w) * u64::from(h) * 6 || cw < 100 || ch < 100
    {
        return None;
    }
    Some(image::imageops::crop_imm(gray, x0, y0, cw, ch).to_image())
}

/// Width of an A4 page at the resolution pages are analysed at.
const A4_WIDTH_AT_PAGE_DPI: u32 = classifier::analyze::PAGE_DPI * 2100 / 254;

/// Classifies one page image, whatever its channel: the page analysis of the batches (blank
/// check, orientation, cover, type), on the image brought to the resolution that analysis
/// expects (a photo normalized at about 200 dpi, a small scan, a card alone are scaled up to
/// an A4 page's width at 300 dpi; nothing is ever scaled down). When the analysis leaves the
/// type unsure, the page read whole at its own resolution is scored too, and the surer of the
/// two readings wins.
pub fn read_image(ocr: &mut crate::ocr::Tesseract, gray: &image::GrayImage) -> Option<Reading> {
    use classifier::ocr::{Ocr, Rect};
    use classifier::types::{score_text, REVIEW_BELOW};
    let cropped = crop_to_content(gray);
    let gray = cropped.as_ref().unwrap_or(gray);
    let scaled;
    let page = if gray.width() < A4_WIDTH_AT_PAGE_DPI * 9 / 10 {
        let h = u64::from(gray.height()) * u64::from(A4_WIDTH_AT_PAGE_DPI)
            / u64::from(gray.width().max(1));
        scaled = image::imageops::resize(
            gray,
            A4_WIDTH_AT_PAGE_DPI,
            h.clamp(1, u64::from(u32::MAX)) as u32,
            image::imageops::FilterType::Triangle,
        );
        &scaled
    } else {
        gray
    };
    // The surest reading so far, and whether its text read well (a mean word confidence of 60
    // or more): a type scored on OCR garbage must not win over one scored on real text.
    let mut best: Option<(Reading, bool)> = None;
    let consider = |best: &mut Option<(Reading, bool)>,
                    c: Option<classifier::types::Classification>,
                    text: String,
                    word_confidence: f32| {
        let Some(c) = c else { return };
        let well = word_confidence >= 60.0;
        if best
            .as_ref()
            .is_none_or(|(b, b_well)| (well, c.confidence) > (*b_well, b.read_type.1))
        {
            let read_type = (c.type_code.as_str().to_string(), c.confidence);
            *best = Some((Reading { read_type, text }, well));
        }
    };
    let settled = |best: &Option<(Reading, bool)>| {
        best.as_ref()
            .is_some_and(|(b, well)| *well && b.read_type.1 >= REVIEW_BELOW)
    };
    let mut rotation = 0;
    if let Ok(analysis) = classifier::analyze_page(ocr, page) {
        rotation = analysis.rotation;
        if let classifier::PageKind::Document { scores, .. } = &analysis.kind {
            let text = analysis.text.clone();
            consider(&mut best, scores.best(), text, analysis.ocr_confidence);
        }
    }
    // Until the type is settled: the page turned as the analysis found it, read whole at full
    // resolution (the analysis reads a page's head at half resolution: a card's small print is
    // lost there); then the other ways up (a sparse card may fool the orientation reading); then
    // mirrored (a phone's front camera mirrors what it sees).
    let views = [
        (0, false),
        (180, false),
        (90, false),
        (270, false),
        (0, true),
        (180, true),
    ];
    for (turn, mirrored) in views {
        if settled(&best) {
            break;
        }
        let mut view = classifier::analyze::rotate(page, (rotation + turn) % 360);
        if mirrored {
            image::imageops::flip_horizontal_in_place(&mut view);
        }
        let full = Rect {
            left: 0,
            top: 0,
            width: view.width(),
            height: view.height(),
        };
        if let Ok(read) = ocr.read_region(&view, full, classifier::analyze::PAGE_DPI) {
            let text = read.text();
            let scores = score_text(&classifier::text::normalize(&text));
            consider(&mut best, scores.best(), text, read.mean_confidence());
        }
    }
    if let Some((reading, _)) = best.as_mut() {
        // An identity document: its machine-readable zone, read apart with its character set,
        // is added to the text (the holder check and the type take it from there).
        let identity = matches!(
            reading.read_type.0.as_str(),
            "CID" | "TSJ" | "CIDC" | "TSJC"
        );
        if identity && classifier::mrz::find(&reading.text).is_none_or(|m| !m.valid) {
            if let Some(zone) = read_mrz(ocr, gray, rotation) {
                reading.text.push('\n');
                reading.text.push_str(&zone);
            }
        }
        return best.map(|(reading, _)| reading);
    }
    // Nothing typed the page: a machine-readable zone alone still tells an identity document.
    let zone = read_mrz(ocr, gray, rotation)?;
    let m = classifier::mrz::find(&zone)?;
    let code = m.identity_type()?;
    Some(Reading {
        read_type: (code.to_string(), if m.valid { 0.9 } else { 0.7 }),
        text: zone,
    })
}

/// Reads the machine-readable zone of an identity document: the bottom third of the page
/// (turned upright by `rotation`) as one block restricted to the zone's characters, at the
/// image's own scale, then enlarged twice when small. The text of the first reading that holds
/// a valid zone, else of the last one that holds a zone at all.
pub(crate) fn read_mrz(
    ocr: &mut crate::ocr::Tesseract,
    gray: &image::GrayImage,
    rotation: u16,
) -> Option<String> {
    let upright = classifier::analyze::rotate(gray, rotation);
    let (w, h) = upright.dimensions();
    let band = image::imageops::crop_imm(&upright, 0, h * 2 / 3, w, h - h * 2 / 3).to_image();
    let mut found = None;
    for factor in [1u32, 2] {
        if factor > 1 && w >= 1000 {
            break;
        }
        let img = if factor == 1 {
            band.clone()
        } else {
            image::imageops::resize(
                &band,
                band.width() * factor,
                band.height() * factor,
                image::imageops::FilterType::Triangle,
            )
        };
        let dpi = (img.width() * 254 / 860).clamp(70, 600);
        let Ok(text) = ocr.read_block(&img, classifier::mrz::MRZ_WHITELIST, dpi) else {
            continue;
        };
        match classifier::mrz::find(&text) {
            Some(m) if m.valid => return Some(text),
            Some(_) => found = Some(text),
            None => {}
        }
    }
    found
}

/// Keeps only the given pages (1-based, in the document's order) of a PDF the platform wrote
/// itself (a piece's PDF), for an operator's new page split.
///
/// # Errors
/// When the PDF cannot be read or a page number is out of range.
pub fn select_pages(pdf: &[u8], keep: &[u32]) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| format!("PDF illisible : {e}"))?;
    let total = doc.get_pages().len() as u32;
    if let Some(bad) = keep.iter().find(|p| **p == 0 || **p > total) {
        return Err(format!("page {bad} absente de la pièce ({total} pages)"));
    }
    let drop: Vec<u32> = (1..=total).filter(|p| !keep.contains(p)).collect();
    doc.delete_pages(&drop);
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| format!("écriture du PDF : {e}"))?;
    Ok(out)
}

/// Builds one PDF from the files, in order; returns it with its page count.
///
/// Runs on untrusted input: call it in the child process, not in the worker.
///
/// # Errors
/// The reason, in French, for the depositor (prefixed with the file's position when there are
/// several).
pub fn merge(files: &[Vec<u8>]) -> Result<(Vec<u8>, u32), String> {
    merge_hashed(files).map(|(pdf, pages, _)| (pdf, pages))
}

/// [`merge`], also returning the perceptual hash of the first photo (near-duplicate detection).
///
/// # Errors
/// As [`merge`].
pub fn merge_hashed(files: &[Vec<u8>]) -> Result<(Vec<u8>, u32, Option<String>), String> {
    let mut phash: Option<String> = None;
    if files.is_empty() {
        return Err("aucun fichier reçu".into());
    }
    let mut out = Document::with_version("1.7");
    let pages_id = out.new_object_id();
    let mut kids: Vec<ObjectId> = Vec::new();
    // The images share what the PDFs leave of the budget.
    let kinds: Vec<Option<Kind>> = files.iter().map(|f| detect(f)).collect();
    let images = kinds
        .iter()
        .filter(|k| matches!(k, Some(Kind::Jpeg | Kind::Png)))
        .count()
        .max(1);
    let pdf_bytes: usize = files
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Some(Kind::Pdf))
        .map(|(f, _)| f.len())
        .sum();
    let budget = (photo::PAGE_BUDGET_BYTES.saturating_sub(pdf_bytes) / images).max(100_000);
    for (i, (bytes, kind)) in files.iter().zip(kinds).enumerate() {
        let added = match kind {
            _ if bytes.is_empty() => Err("fichier vide (0 octet)".to_string()),
            Some(Kind::Pdf) => add_pdf(&mut out, bytes),
            Some(Kind::Jpeg) => photo::from_jpeg(bytes, budget).map(|p| {
                phash.get_or_insert_with(|| p.phash.clone());
                add_photo(&mut out, p)
            }),
            Some(Kind::Png) => photo::from_png(bytes, budget).map(|p| {
                phash.get_or_insert_with(|| p.phash.clone());
                add_photo(&mut out, p)
            }),
            None => Err("format non accepté (PDF, JPEG ou PNG attendus)".to_string()),
        };
        match added {
            Ok(ids) => kids.extend(ids),
            Err(reason) if files.len() > 1 => return Err(format!("fichier {} : {reason}", i + 1)),
            Err(reason) => return Err(reason),
        }
    }
    for &id in &kids {
        if let Ok(page) = out.get_dictionary_mut(id) {
            page.set("Parent", pages_id);
        }
    }
    let count = kids.len() as u32;
    out.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids.into_iter().map(Object::Reference).collect::<Vec<_>>(),
            "Count" => count,
        }),
    );
    let catalog_id = out.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    out.trailer.set("Root", catalog_id);
    // What no page reaches goes: the sources' catalogs, name trees, outlines, forms, actions.
    out.prune_objects();
    out.renumber_objects();
    out.compress();
    let mut pdf = Vec::new();
    out.save_to(&mut pdf)
        .map_err(|e| format!("écriture du PDF impossible : {e}"))?;
    Ok((pdf, count, phash))
}

// ---------------------------------------------------------------- PDF

/// Adds the pages of a PDF to `out`; returns their ids in order.
fn add_pdf(out: &mut Document, bytes: &[u8]) -> Result<Vec<ObjectId>, String> {
    let mut doc = Document::load_mem(bytes).map_err(|_| "PDF illisible ou tronqué".to_string())?;
    if doc.is_encrypted() {
        // Still encrypted after loading: it needs a password (lopdf opens the files that are
        // only restricted by an owner password, and they come out unencrypted).
        return Err("PDF chiffré : retirez le mot de passe avant l'envoi".into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("PDF sans aucune page".into());
    }
    // Inherited attributes are resolved while the page tree is still the source's.
    for &page_id in pages.values() {
        let page = materialize_page(&doc, page_id)?;
        doc.objects.insert(page_id, Object::Dictionary(page));
    }
    remove_active_content(&mut doc);
    if crate::recompress::needs_recompression(bytes.len(), pages.len()) {
        crate::recompress::recompress_images(&mut doc);
    }
    doc.renumber_objects_with(out.max_id + 1);
    let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    out.max_id = out.max_id.max(doc.max_id);
    // Everything moves; what the new page tree does not reach is pruned at the end.
    out.objects.extend(doc.objects);
    Ok(ids)
}

/// A page attribute, from the page or its nearest ancestor that has it.
fn inherited(doc: &Document, page_id: ObjectId, key: &[u8]) -> Option<Object> {
    let mut current = page_id;
    let mut seen = HashSet::new();
    while seen.insert(current) {
        let node = doc.get_dictionary(current).ok()?;
        if let Ok(value) = node.get(key) {
            match doc.dereference(value) {
                Ok((_, Object::Null)) | Err(_) => {}
                Ok(_) => return Some(value.clone()),
            }
        }
        current = node.get(b"Parent").ok()?.as_reference().ok()?;
    }
    None
}

/// The page dictionary with its inherited `MediaBox`, `CropBox`, `Resources` and `Rotate` made
/// its own (lopdf's `examples/merge.rs`).
fn materialize_page(doc: &Document, page_id: ObjectId) -> Result<Dictionary, String> {
    let mut page = doc
        .get_dictionary(page_id)
        .map_err(|_| "PDF illisible ou tronqué".to_string())?
        .clone();
    // A page without a media box is malformed; readers assume A4 (or Letter): so do we.
    let media_box = inherited(doc, page_id, b"MediaBox")
        .unwrap_or_else(|| Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]));
    page.set("MediaBox", media_box);
    if let Some(crop_box) = inherited(doc, page_id, b"CropBox") {
        page.set("CropBox", crop_box);
    }
    page.set(
        "Resources",
        inherited(doc, page_id, b"Resources").unwrap_or_else(|| Dictionary::new().into()),
    );
    page.set(
        "Rotate",
        inherited(doc, page_id, b"Rotate").unwrap_or(Object::Integer(0)),
    );
    Ok(page)
}

/// Keys whose value is active content or an embedded file, wherever they appear.
const ACTIVE_KEYS: &[&[u8]] = &[
    b"JS",
    b"JavaScript",
    b"OpenAction",
    b"AA",
    b"EmbeddedFiles",
    b"EF",
    b"XFA",
    b"RichMediaContent",
];

/// Actions that run code, open or send files, or play media.
const ACTIVE_ACTIONS: &[&[u8]] = &[
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"GoToR",
    b"GoToE",
    b"RichMediaExecute",
    b"Rendition",
    b"Movie",
    b"Sound",
];

fn is_active_action(dict: &Dictionary) -> bool {
    dict.get(b"S")
        .and_then(Object::as_name)
        .is_ok_and(|s| ACTIVE_ACTIONS.contains(&s))
}

/// Removes active content from every object: the keys of [`ACTIVE_KEYS`], and every action of
/// [`ACTIVE_ACTIONS`] (made `null`, which is what an absent action is). References to missing
/// objects are made `null` too: renumbering leaves them as they are, and they could then point
/// into another file of the merge.
fn remove_active_content(doc: &mut Document) {
    let active: HashSet<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| matches!(o, Object::Dictionary(d) if is_active_action(d)))
        .map(|(&id, _)| id)
        .collect();
    let existing: HashSet<ObjectId> = doc.objects.keys().copied().collect();
    let refs = Refs {
        active: &active,
        existing: &existing,
    };
    for (id, object) in doc.objects.iter_mut() {
        if active.contains(id) {
            *object = Object::Null;
        } else {
            clean(object, &refs, 0);
        }
    }
    for key in ACTIVE_KEYS {
        doc.trailer.remove(key);
    }
}

struct Refs<'a> {
    active: &'a HashSet<ObjectId>,
    existing: &'a HashSet<ObjectId>,
}

fn clean(object: &mut Object, refs: &Refs<'_>, depth: u32) {
    if depth > 64 {
        // Nothing legitimate nests this deep; do not recurse further on crafted input.
        *object = Object::Null;
        return;
    }
    match object {
        Object::Dictionary(d) if is_active_action(d) => *object = Object::Null,
        Object::Dictionary(d) => clean_dict(d, refs, depth),
        Object::Stream(s) => clean_dict(&mut s.dict, refs, depth),
        Object::Array(a) => a.iter_mut().for_each(|o| clean(o, refs, depth + 1)),
        Object::Reference(id) if refs.active.contains(id) || !refs.existing.contains(id) => {
            *object = Object::Null
        }
        _ => {}
    }
}

fn clean_dict(dict: &mut Dictionary, refs: &Refs<'_>, depth: u32) {
    for key in ACTIVE_KEYS {
        dict.remove(key);
    }
    for (_, value) in dict.iter_mut() {
        clean(value, refs, depth + 1);
    }
}

// ---------------------------------------------------------------- images

/// Page size in points of an image at a density (dots per inch).
fn page_size(width: u32, height: u32, dpi: Option<(f32, f32)>) -> (f32, f32) {
    let ok = |d: f32| (50.0..=1200.0).contains(&d);
    let (dx, dy) = match dpi {
        Some((x, y)) if ok(x) && ok(y) => (x, y),
        _ => (DEFAULT_DPI, DEFAULT_DPI),
    };
    (width as f32 * 72.0 / dx, height as f32 * 72.0 / dy)
}

pub(crate) fn check_pixels(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err("image sans dimensions".into());
    }
    if width as u64 * height as u64 > MAX_IMAGE_PIXELS {
        return Err(format!(
            "image trop grande ({width} × {height} pixels, {} millions au plus)",
            MAX_IMAGE_PIXELS / 1_000_000
        ));
    }
    Ok(())
}

/// Adds a page showing an image XObject that fills it; returns the page's id.
fn add_image_page(out: &mut Document, image: Stream, size: (f32, f32)) -> Vec<ObjectId> {
    let (w, h) = size;
    let image_id = out.add_object(image);
    let content = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Im0 Do Q");
    let content_id = out.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
    let page_id = out.add_object(dictionary! {
        "Type" => "Page",
        "MediaBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
        "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
        "Contents" => content_id,
    });
    vec![page_id]
}

/// What a JPEG's header says.
#[derive(Debug, Clone, PartialEq)]
pub struct JpegInfo {
    pub width: u32,
    pub height: u32,
    pub components: u8,
    /// Horizontal and vertical density (JFIF), in dots per inch.
    pub dpi: Option<(f32, f32)>,
    /// An Adobe (APP14) marker: CMYK samples are stored inverted.
    pub adobe: bool,
}

/// Reads a JPEG's markers up to its frame header; nothing is decoded.
///
/// # Errors
/// When the header is truncated, or the coding is one PDF readers do not all support
/// (lossless, arithmetic, 12-bit).
pub fn jpeg_info(bytes: &[u8]) -> Result<JpegInfo, String> {
    let bad = || "JPEG illisible ou tronqué".to_string();
    let mut pos = 2;
    let mut dpi = None;
    let mut adobe = false;
    loop {
        // Markers may be preceded by fill bytes 0xFF.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        if bytes.get(pos) != Some(&0xFF) {
            return Err(bad());
        }
        let marker = *bytes.get(pos + 1).ok_or_else(bad)?;
        pos += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        if marker == 0xD9 || marker == 0xDA {
            // End of image or start of scan before any frame header.
            return Err(bad());
        }
        let len = u16::from_be_bytes([
            *bytes.get(pos).ok_or_else(bad)?,
            *bytes.get(pos + 1).ok_or_else(bad)?,
        ]) as usize;
        let data = bytes.get(pos + 2..pos + len).ok_or_else(bad)?;
        match marker {
            0xE0 if data.len() >= 12 && data.starts_with(b"JFIF\0") => {
                let x = u16::from_be_bytes([data[8], data[9]]) as f32;
                let y = u16::from_be_bytes([data[10], data[11]]) as f32;
                dpi = match data[7] {
                    1 => Some((x, y)),
                    2 => Some((x * 2.54, y * 2.54)),
                    _ => None,
                };
            }
            0xEE if data.starts_with(b"Adobe") => adobe = true,
            0xC0..=0xC2 => {
                if data.len() < 6 {
                    return Err(bad());
                }
                if data[0] != 8 {
                    return Err("JPEG non pris en charge (précision de 12 bits)".into());
                }
                let height = u16::from_be_bytes([data[1], data[2]]) as u32;
                let width = u16::from_be_bytes([data[3], data[4]]) as u32;
                let components = data[5];
                if !matches!(components, 1 | 3 | 4) {
                    return Err(format!(
                        "JPEG à {components} composantes non pris en charge"
                    ));
                }
                check_pixels(width, height)?;
                return Ok(JpegInfo {
                    width,
                    height,
                    components,
                    dpi,
                    adobe,
                });
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err("JPEG non pris en charge (codage sans perte ou arithmétique)".into());
            }
            _ => {}
        }
        pos += len;
    }
}

/// Adds a page showing a normalized photo at [`photo::PAGE_DPI`].
fn add_photo(out: &mut Document, page: photo::Page) -> Vec<ObjectId> {
    let size = page_size(
        page.width,
        page.height,
        Some((photo::PAGE_DPI, photo::PAGE_DPI)),
    );
    let dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => page.width,
        "Height" => page.height,
        "BitsPerComponent" => 8,
        "ColorSpace" => if page.gray { "DeviceGray" } else { "DeviceRGB" },
        "Filter" => "DCTDecode",
    };
    let stream = Stream::new(dict, page.jpeg).with_compression(false);
    add_image_page(out, stream, size)
}

/// A PNG's declared size and density, read from its chunks before anything is decoded.
pub(crate) fn png_header(bytes: &[u8]) -> Result<(u32, u32, Option<(f32, f32)>), String> {
    let bad = || "PNG illisible ou tronqué".to_string();
    let be = |at: usize| -> Result<u32, String> {
        let b = bytes.get(at..at + 4).ok_or_else(bad)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    if bytes.get(12..16) != Some(b"IHDR".as_slice()) {
        return Err(bad());
    }
    let (width, height) = (be(16)?, be(20)?);
    let mut dpi = None;
    let mut pos = 8;
    while let (Ok(len), Some(kind)) = (be(pos), bytes.get(pos + 4..pos + 8)) {
        if kind == b"IDAT" || kind == b"IEND" {
            break;
        }
        if kind == b"pHYs" && len == 9 {
            if let Some(d) = bytes.get(pos + 8..pos + 17) {
                if d[8] == 1 {
                    let x = u32::from_be_bytes([d[0], d[1], d[2], d[3]]) as f32 * 0.0254;
                    let y = u32::from_be_bytes([d[4], d[5], d[6], d[7]]) as f32 * 0.0254;
                    dpi = Some((x, y));
                }
            }
        }
        pos = pos.saturating_add(12).saturating_add(len as usize);
    }
    Ok((width, height, dpi))
}

// ---------------------------------------------------------------- parent side

/// A merged piece.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub pages: u32,
    /// Perceptual hash of the first photo, if any.
    pub phash: Option<String>,
    /// The type the first page reads as, with the classifier's confidence.
    pub read_type: Option<(String, f32)>,
    /// The first page's text as read (empty when nothing read): for the holder check, never
    /// logged.
    pub text: String,
}

/// Why no PDF came out.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The files cannot make a piece; the reason (French) is for the depositor.
    #[error("{0}")]
    Refused(String),
    /// The child could not be run or answered nonsense: worth retrying later.
    #[error("fusion impossible : {0}")]
    Unavailable(String),
}

/// Merges `inputs` into `out` in a sandboxed child. `exe` is the `ingest-worker` binary.
///
/// # Errors
/// [`MergeError::Refused`] when a file is not accepted, or makes the child crash or exceed its
/// limits; [`MergeError::Unavailable`] when the child cannot be run.
pub async fn merge_in_child(
    exe: &Path,
    out: &Path,
    inputs: &[PathBuf],
) -> Result<Merged, MergeError> {
    use tokio::io::AsyncBufReadExt;
    let mut cmd = Command::new(exe);
    cmd.arg("merge")
        .arg(out)
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    crate::intake::limit_resources(&mut cmd);
    let mut cmd = tokio::process::Command::from(cmd);
    cmd.kill_on_drop(true);
    let mut child = cmd
        .spawn()
        .map_err(|e| MergeError::Unavailable(format!("lancement impossible : {e}")))?;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("piped")).lines();
    let first = match tokio::time::timeout(MERGE_TIMEOUT, lines.next_line()).await {
        Ok(Ok(Some(line))) => serde_json::from_str::<Frame>(&line).ok(),
        Ok(_) => None,
        // Dropping the child kills it.
        Err(_) => {
            return Err(MergeError::Refused(
                "fichier trop coûteux à lire (limite de temps atteinte)".into(),
            ))
        }
    };
    match first {
        Some(Frame::Done { pages, phash }) => {
            // The piece is made; reading its type is a bonus, bounded in time, and whatever
            // the child does now cannot undo the piece.
            let read_type = match tokio::time::timeout(READ_TIMEOUT, lines.next_line()).await {
                Ok(Ok(Some(line))) => match serde_json::from_str::<Frame>(&line) {
                    Ok(Frame::Read { read_type, text }) => Some(Reading { read_type, text }),
                    _ => None,
                },
                _ => None,
            };
            let _ = child.start_kill();
            let _ = child.wait().await;
            Ok(Merged {
                pages,
                phash,
                read_type: read_type.as_ref().map(|r| r.read_type.clone()),
                text: read_type.map(|r| r.text).unwrap_or_default(),
            })
        }
        Some(Frame::Refused { reason }) => Err(MergeError::Refused(reason)),
        _ => match tokio::time::timeout(Duration::from_secs(5), child.wait()).await {
            Ok(Ok(status)) if !status.success() => {
                Err(MergeError::Refused(crate::intake::child_failure(status)))
            }
            _ => Err(MergeError::Unavailable(
                "réponse invalide du processus de fusion".into(),
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img =
            image::RgbImage::from_fn(width, height, |x, y| image::Rgb([x as u8, y as u8, 128]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
            .encode_image(&img)
            .unwrap();
        out
    }

    fn png_rgba(width: u32, height: u32) -> Vec<u8> {
        // Black, from transparent on the left to almost opaque on the right.
        let img = image::RgbaImage::from_fn(width, height, |x, _| {
            image::Rgba([0, 0, 0, (x * 250 / width.max(1)) as u8])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A PDF with `pages` pages of text, optionally opening with JavaScript.
    fn pdf(pages: u32, javascript: bool) -> Vec<u8> {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
        });
        let mut kids = Vec::new();
        for i in 0..pages {
            let content = format!("BT /F1 24 Tf 72 720 Td (Page {}) Tj ET", i + 1);
            let content_id = doc.add_object(Stream::new(Dictionary::new(), content.into_bytes()));
            kids.push(Object::Reference(doc.add_object(dictionary! {
                "Type" => "Page",
                "Parent" => pages_id,
                "Contents" => content_id,
                "AA" => dictionary! { "O" => dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") } },
            })));
        }
        // MediaBox, Resources and Rotate only on the tree: the pages inherit them.
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => kids,
                "Count" => pages,
                "MediaBox" => vec![0.into(), 0.into(), 300.into(), 400.into()],
                "Rotate" => 90,
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            }),
        );
        let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
        if javascript {
            let js = doc.add_object(dictionary! {
                "S" => "JavaScript",
                "JS" => Object::string_literal("app.launchURL('http://example.org')"),
            });
            catalog.set("OpenAction", js);
            let launch = doc.add_object(
                dictionary! { "S" => "Launch", "F" => Object::string_literal("cmd.exe") },
            );
            let first = kids_first(&doc, pages_id);
            let annot = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link", "Rect" => vec![0.into(), 0.into(), 10.into(), 10.into()],
                "A" => launch,
            });
            doc.get_dictionary_mut(first)
                .unwrap()
                .set("Annots", vec![annot.into()]);
        }
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", catalog_id);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn kids_first(doc: &Document, pages_id: ObjectId) -> ObjectId {
        doc.get_dictionary(pages_id)
            .unwrap()
            .get(b"Kids")
            .unwrap()
            .as_array()
            .unwrap()[0]
            .as_reference()
            .unwrap()
    }

    fn encrypted_pdf() -> Vec<u8> {
        use lopdf::{EncryptionState, EncryptionVersion, Permissions};
        let mut doc = Document::load_mem(&pdf(1, false)).unwrap();
        doc.trailer.set(
            "ID",
            vec![
                Object::string_literal(b"0123456789abcdef".to_vec()),
                Object::string_literal(b"0123456789abcdef".to_vec()),
            ],
        );
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: "secret",
            key_length: 128,
            permissions: Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn files_are_recognized_by_their_first_bytes() {
        assert_eq!(detect(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(detect(b"\xef\xbb\xbf%PDF-1.4"), Some(Kind::Pdf));
        assert_eq!(detect(&jpeg(4, 4)), Some(Kind::Jpeg));
        assert_eq!(detect(&png_rgba(4, 4)), Some(Kind::Png));
        for other in [
            &b""[..],
            b"GIF89a",
            b"II*\0",
            b"PK\x03\x04",
            b"\x89PN",
            b"\xff\xd8",
            b"hello %PD",
        ] {
            assert_eq!(detect(other), None, "{other:?}");
        }
        let refused = merge(&[b"GIF89a....".to_vec()]).unwrap_err();
        assert_eq!(refused, "format non accepté (PDF, JPEG ou PNG attendus)");
    }

    #[test]
    fn jpeg_header_gives_size_components_and_density() {
        let info = jpeg_info(&jpeg(40, 30)).unwrap();
        assert_eq!((info.width, info.height, info.components), (40, 30, 3));
        assert!(jpeg_info(&jpeg(40, 30)[..20]).is_err());
        // 2 × 1 inch at 200 dpi when no density is declared.
        assert_eq!(page_size(400, 200, None), (144.0, 72.0));
        assert_eq!(page_size(300, 300, Some((300.0, 300.0))), (72.0, 72.0));
    }

    /// `qpdf --check`, where qpdf is installed (`scripts/setup.sh` installs it).
    fn qpdf_check(pdf: &[u8]) {
        let path = std::env::temp_dir().join(format!("merge-{}.pdf", uuid::Uuid::new_v4()));
        std::fs::write(&path, pdf).unwrap();
        let run = std::process::Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output();
        let _ = std::fs::remove_file(&path);
        match run {
            Ok(out) => assert!(
                out.status.success(),
                "qpdf --check: {}",
                String::from_utf8_lossy(&out.stdout)
            ),
            Err(_) => eprintln!("qpdf not found: merged PDF not checked"),
        }
    }

    #[test]
    fn pdf_jpeg_and_png_merge_in_order() {
        let files = vec![
            pdf(2, false),
            jpeg(200, 100),
            png_rgba(50, 60),
            pdf(1, false),
        ];
        let (out, pages) = merge(&files).unwrap();
        assert_eq!(pages, 5);
        qpdf_check(&out);
        let doc = Document::load_mem(&out).unwrap();
        let ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
        assert_eq!(ids.len(), 5);
        let page = |i: usize| doc.get_dictionary(ids[i]).unwrap();
        // Inherited attributes are the page's own now.
        assert_eq!(page(0).get(b"Rotate").unwrap().as_i64().unwrap(), 90);
        assert_eq!(
            page(0).get(b"MediaBox").unwrap(),
            &Object::Array(vec![0.into(), 0.into(), 300.into(), 400.into()])
        );
        assert!(page(3).get(b"Resources").is_ok());
        // The JPEG page: no sheet in it, so the frame is kept: 200 × 100 px at 200 dpi =
        // 72 × 36 pt, re-encoded (without the original's headers).
        let media: Vec<f32> = page(2)
            .get(b"MediaBox")
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o.as_float().unwrap())
            .collect();
        assert_eq!(media, vec![0.0, 0.0, 72.0, 36.0]);
        let image = |i: usize| {
            let res = page(i)
                .get_deref(b"Resources", &doc)
                .unwrap()
                .as_dict()
                .unwrap();
            let xo = res.get_deref(b"XObject", &doc).unwrap().as_dict().unwrap();
            xo.get_deref(b"Im0", &doc)
                .unwrap()
                .as_stream()
                .unwrap()
                .clone()
        };
        assert_eq!(
            image(2).dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
        assert_ne!(image(2).content, files[1]);
        // The PNG page: transparent black over white is a grey ramp (which the lighting
        // correction takes for light), grey without alpha, as a JPEG.
        let png = image(3);
        assert_eq!(
            png.dict.get(b"ColorSpace").unwrap().as_name().unwrap(),
            b"DeviceGray"
        );
        assert_eq!(
            png.dict.get(b"Filter").unwrap().as_name().unwrap(),
            b"DCTDecode"
        );
        let decoded = image::load_from_memory(&png.content).unwrap().into_luma8();
        assert_eq!(decoded.dimensions(), (50, 60));
        assert!(decoded.get_pixel(0, 0)[0] > 240);
    }

    #[test]
    fn javascript_and_launch_actions_are_removed() {
        let input = pdf(1, true);
        assert!(input.windows(10).any(|w| w == b"JavaScript"));
        let (out, pages) = merge(&[input]).unwrap();
        assert_eq!(pages, 1);
        qpdf_check(&out);
        for needle in [
            &b"JavaScript"[..],
            b"/JS",
            b"OpenAction",
            b"/AA",
            b"Launch",
            b"cmd.exe",
        ] {
            assert!(
                !out.windows(needle.len()).any(|w| w == needle),
                "{}",
                String::from_utf8_lossy(needle)
            );
        }
        let doc = Document::load_mem(&out).unwrap();
        assert!(doc.catalog().unwrap().get(b"OpenAction").is_err());
        // The link annotation stays, without its action.
        let page = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
        let annots = page.get(b"Annots").unwrap().as_array().unwrap();
        let annot = doc.dereference(&annots[0]).unwrap().1.as_dict().unwrap();
        assert!(annot.get(b"A").map_or(true, |a| a.is_null()));
    }

    #[test]
    fn encrypted_and_broken_pdfs_are_refused() {
        assert_eq!(
            merge(&[encrypted_pdf()]).unwrap_err(),
            "PDF chiffré : retirez le mot de passe avant l'envoi"
        );
        let mut truncated = pdf(3, false);
        truncated.truncate(60);
        assert_eq!(merge(&[truncated]).unwrap_err(), "PDF illisible ou tronqué");
        assert_eq!(
            merge(&[jpeg(8, 8), b"%PDF-1.4 garbage".to_vec()]).unwrap_err(),
            "fichier 2 : PDF illisible ou tronqué"
        );
    }

    #[test]
    fn oversized_png_is_refused_before_decoding() {
        // A header declaring 10 000 × 10 000 pixels, with no image data at all.
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&10_000u32.to_be_bytes());
        png.extend_from_slice(&10_000u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        let reason = merge(&[png]).unwrap_err();
        assert!(reason.starts_with("image trop grande"), "{reason}");
    }
}
