//! Tesseract (Debian's libtesseract 5, French model) behind the classifier's [`Ocr`] trait.
//!
//! One [`Tesseract`] per worker thread, initialised once and reused page after page. The
//! binding is a thin wrapper over `tesseract-sys`: the calls the pipeline needs (rectangle,
//! whitelist, word boxes as TSV, orientation detection) are not all exposed by the higher-level
//! crates. Every `unsafe` block of the project's OCR is in this file.
#![allow(unsafe_code)]

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_int};
use std::ptr;

use classifier::{Ocr, OcrText, Rect, Word};
use image::GrayImage;
use tesseract_sys as sys;

/// What can go wrong with the engine.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("Tesseract could not load the {0:?} model (is tesseract-ocr-{0} installed?)")]
    Init(String),
    #[error("Tesseract failed to recognise the page")]
    Recognize,
    #[error("Tesseract returned no text")]
    NoText,
    #[error("image too large for Tesseract: {0}x{1}")]
    TooLarge(u32, u32),
}

struct Api(*mut sys::TessBaseAPI);

// The handle is used by one thread at a time (it is moved, never shared).
unsafe impl Send for Api {}

impl Drop for Api {
    fn drop(&mut self) {
        unsafe { sys::TessBaseAPIDelete(self.0) }
    }
}

impl Api {
    fn new(lang: &str) -> Result<Self, OcrError> {
        let api = Api(unsafe { sys::TessBaseAPICreate() });
        let lang_c = CString::new(lang).map_err(|_| OcrError::Init(lang.into()))?;
        let datapath = std::env::var("TESSDATA_PREFIX")
            .ok()
            .and_then(|p| CString::new(p).ok());
        let rc = unsafe {
            sys::TessBaseAPIInit3(
                api.0,
                datapath.as_ref().map_or(ptr::null(), |d| d.as_ptr()),
                lang_c.as_ptr(),
            )
        };
        if rc != 0 {
            return Err(OcrError::Init(lang.into()));
        }
        Ok(api)
    }

    fn set_variable(&mut self, name: &str, value: &str) {
        let (n, v) = (
            CString::new(name).expect("static"),
            CString::new(value).expect("static"),
        );
        unsafe { sys::TessBaseAPISetVariable(self.0, n.as_ptr(), v.as_ptr()) };
    }

    fn set_image(&mut self, image: &GrayImage, dpi: u32) -> Result<(), OcrError> {
        let (w, h) = image.dimensions();
        if w > 30_000 || h > 30_000 || w == 0 || h == 0 {
            return Err(OcrError::TooLarge(w, h));
        }
        // Tesseract copies the pixels into its own Pix.
        unsafe {
            sys::TessBaseAPISetImage(
                self.0,
                image.as_raw().as_ptr(),
                w as c_int,
                h as c_int,
                1,
                w as c_int,
            )
        };
        unsafe { sys::TessBaseAPISetSourceResolution(self.0, dpi.clamp(70, 2400) as c_int) };
        Ok(())
    }

    fn set_psm(&mut self, psm: sys::TessPageSegMode) {
        unsafe { sys::TessBaseAPISetPageSegMode(self.0, psm) };
    }

    fn recognize(&mut self) -> Result<(), OcrError> {
        let rc = unsafe { sys::TessBaseAPIRecognize(self.0, ptr::null_mut()) };
        if rc != 0 {
            return Err(OcrError::Recognize);
        }
        Ok(())
    }

    fn take_text(ptr: *mut c_char) -> Result<String, OcrError> {
        if ptr.is_null() {
            return Err(OcrError::NoText);
        }
        let s = unsafe { CStr::from_ptr(ptr) }
            .to_string_lossy()
            .into_owned();
        unsafe { sys::TessDeleteText(ptr) };
        Ok(s)
    }

    fn tsv(&mut self) -> Result<String, OcrError> {
        Self::take_text(unsafe { sys::TessBaseAPIGetTsvText(self.0, 0) })
    }

    fn utf8(&mut self) -> Result<String, OcrError> {
        Self::take_text(unsafe { sys::TessBaseAPIGetUTF8Text(self.0) })
    }

    fn orientation(&mut self) -> Option<(i32, f32)> {
        let mut deg: c_int = 0;
        let mut conf: f32 = 0.0;
        let mut script: *const c_char = ptr::null();
        let mut script_conf: f32 = 0.0;
        let ok = unsafe {
            sys::TessBaseAPIDetectOrientationScript(
                self.0,
                &mut deg,
                &mut conf,
                &mut script,
                &mut script_conf,
            )
        };
        (ok != 0).then_some((deg, conf))
    }
}

/// A French Tesseract engine with an orientation detector beside it.
pub struct Tesseract {
    text: Api,
    osd: Option<Api>,
}

impl Tesseract {
    /// Loads the French model (and the orientation model when installed).
    ///
    /// # Errors
    /// [`OcrError::Init`] when the `fra` data cannot be loaded.
    pub fn new() -> Result<Self, OcrError> {
        let mut text = Api::new("fra")?;
        // Scanned documents are dark text on light paper: skip the inverted-line pass.
        text.set_variable("tessedit_do_invert", "0");
        // Tesseract's own chatter ("Detected N diacritics") must not reach the logs.
        text.set_variable("debug_file", "/dev/null");
        let osd = Api::new("osd").ok().map(|mut a| {
            a.set_psm(sys::TessPageSegMode_PSM_OSD_ONLY);
            a.set_variable("debug_file", "/dev/null");
            // The detector classifies 5 × this many characters in the four orientations and
            // never stops early: 250 by default (~250 ms a page), 100 here, which turned the
            // same pages the same way on the synthetic batches (~125 ms).
            a.set_variable("min_characters_to_try", "20");
            a
        });
        if osd.is_none() {
            tracing::warn!(
                "Tesseract orientation data (osd) not found: rotated pages will not be turned"
            );
        }
        Ok(Tesseract { text, osd })
    }
}

/// The region as an image of its own, or `None` when it is the whole image.
fn crop(image: &GrayImage, r: Rect) -> Option<GrayImage> {
    let (w, h) = image.dimensions();
    let left = r.left.min(w.saturating_sub(1));
    let top = r.top.min(h.saturating_sub(1));
    let width = r.width.min(w - left).max(1);
    let height = r.height.min(h - top).max(1);
    if (left, top, width, height) == (0, 0, w, h) {
        return None;
    }
    Some(image::imageops::crop_imm(image, left, top, width, height).to_image())
}

/// Parses Tesseract's TSV (level, page, block, par, line, word, left, top, width, height, conf, text).
fn parse_tsv(tsv: &str, offset: (u32, u32)) -> OcrText {
    let mut words = Vec::new();
    let mut line_ids: Vec<(u32, u32, u32)> = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.splitn(12, '\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let text = cols[11].trim();
        if text.is_empty() {
            continue;
        }
        let num = |i: usize| cols[i].parse::<u32>().unwrap_or(0);
        let key = (num(2), num(3), num(4));
        let line = match line_ids.iter().position(|k| *k == key) {
            Some(p) => p,
            None => {
                line_ids.push(key);
                line_ids.len() - 1
            }
        } as u32;
        words.push(Word {
            text: text.to_string(),
            confidence: cols[10].parse::<f32>().unwrap_or(0.0).max(0.0),
            bbox: Rect {
                left: num(6) + offset.0,
                top: num(7) + offset.1,
                width: num(8),
                height: num(9),
            },
            line,
        });
    }
    OcrText { words }
}

impl Tesseract {
    /// Reads a whole image as one block of text restricted to `whitelist` (the machine-readable
    /// zone of an identity document: `--psm 6` with its character set).
    ///
    /// # Errors
    /// The engine's error.
    pub fn read_block(
        &mut self,
        image: &GrayImage,
        whitelist: &str,
        dpi: u32,
    ) -> Result<String, OcrError> {
        self.text.set_image(image, dpi)?;
        self.text.set_variable("tessedit_char_whitelist", whitelist);
        self.text.set_psm(sys::TessPageSegMode_PSM_SINGLE_BLOCK);
        let out = self.text.recognize().and_then(|()| self.text.utf8());
        self.text.set_variable("tessedit_char_whitelist", "");
        out
    }
}

impl Ocr for Tesseract {
    type Error = OcrError;

    fn read_region(
        &mut self,
        image: &GrayImage,
        region: Rect,
        dpi: u32,
    ) -> Result<OcrText, OcrError> {
        // A region is handed over as an image of its own: `SetRectangle` on part of a page
        // returned garbage here on pages the whole read gets right.
        let crop = crop(image, region);
        self.text.set_image(crop.as_ref().unwrap_or(image), dpi)?;
        self.text.set_variable("tessedit_char_whitelist", "");
        self.text.set_psm(sys::TessPageSegMode_PSM_AUTO);
        self.text.recognize()?;
        let offset = if crop.is_some() {
            (region.left, region.top)
        } else {
            (0, 0)
        };
        Ok(parse_tsv(&self.text.tsv()?, offset))
    }

    fn read_line(
        &mut self,
        image: &GrayImage,
        region: Rect,
        whitelist: &str,
        dpi: u32,
    ) -> Result<String, OcrError> {
        let crop = crop(image, region);
        self.text.set_image(crop.as_ref().unwrap_or(image), dpi)?;
        self.text.set_variable("tessedit_char_whitelist", whitelist);
        self.text.set_psm(sys::TessPageSegMode_PSM_SINGLE_LINE);
        self.text.recognize()?;
        let out = self.text.utf8();
        self.text.set_variable("tessedit_char_whitelist", "");
        out
    }

    fn orientation(&mut self, image: &GrayImage, dpi: u32) -> Result<Option<u16>, OcrError> {
        let Some(osd) = self.osd.as_mut() else {
            return Ok(None);
        };
        osd.set_image(image, dpi)?;
        Ok(osd.orientation().and_then(|(deg, conf)| {
            // Tesseract reports the text's counter-clockwise orientation; turning the page
            // clockwise by the same angle sets it upright.
            (conf >= 1.0).then_some(((360 - deg.rem_euclid(360)) % 360) as u16)
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tsv_words_into_lines() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t95.5\tBonjour\n\
                   5\t1\t1\t1\t1\t2\t50\t20\t30\t40\t90\tmadame\n\
                   5\t1\t1\t1\t2\t1\t10\t80\t30\t40\t-1\t \n\
                   5\t1\t2\t1\t1\t1\t10\t120\t30\t40\t80\tFin\n";
        let t = parse_tsv(tsv, (0, 0));
        assert_eq!(t.text(), "Bonjour madame\nFin");
        assert_eq!(
            t.words[0].bbox,
            Rect {
                left: 10,
                top: 20,
                width: 30,
                height: 40
            }
        );
    }
}
