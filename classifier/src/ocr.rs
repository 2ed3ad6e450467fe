//! The OCR engine seen from the classifier: a small trait the worker implements over Tesseract
//! and tests implement over canned text.

use image::GrayImage;

/// A rectangle in page pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub left: u32,
    pub top: u32,
    pub width: u32,
    pub height: u32,
}

impl Rect {
    /// The whole of an image.
    pub fn full(image: &GrayImage) -> Self {
        Rect {
            left: 0,
            top: 0,
            width: image.width(),
            height: image.height(),
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        let left = self.left.min(other.left);
        let top = self.top.min(other.top);
        let right = (self.left + self.width).max(other.left + other.width);
        let bottom = (self.top + self.height).max(other.top + other.height);
        Rect {
            left,
            top,
            width: right - left,
            height: bottom - top,
        }
    }

    /// Grown by `margin` pixels on each side, clipped to the image.
    pub fn padded(self, margin: u32, image: &GrayImage) -> Rect {
        let left = self.left.saturating_sub(margin);
        let top = self.top.saturating_sub(margin);
        let right = (self.left + self.width + margin).min(image.width());
        let bottom = (self.top + self.height + margin).min(image.height());
        Rect {
            left,
            top,
            width: right.saturating_sub(left),
            height: bottom.saturating_sub(top),
        }
    }
}

/// One recognised word with its box, its line and Tesseract's confidence (0–100).
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub confidence: f32,
    pub bbox: Rect,
    /// Words with the same `line` are on the same text line, in reading order.
    pub line: u32,
}

/// What the engine read in one region.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OcrText {
    pub words: Vec<Word>,
}

impl OcrText {
    /// The text, one line per OCR line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut last_line = None;
        for w in &self.words {
            match last_line {
                Some(l) if l == w.line => out.push(' '),
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(&w.text);
            last_line = Some(w.line);
        }
        out
    }

    /// The words, line by line (each line non-empty, in reading order).
    pub fn lines(&self) -> Vec<Vec<&Word>> {
        let mut lines: Vec<Vec<&Word>> = Vec::new();
        for w in &self.words {
            match lines.last_mut() {
                Some(l) if l[0].line == w.line => l.push(w),
                _ => lines.push(vec![w]),
            }
        }
        lines
    }

    /// Mean word confidence (0–100), 0 when nothing was read.
    pub fn mean_confidence(&self) -> f32 {
        if self.words.is_empty() {
            return 0.0;
        }
        self.words.iter().map(|w| w.confidence).sum::<f32>() / self.words.len() as f32
    }

    /// Appends another region's words, keeping line numbers distinct.
    pub fn extend(&mut self, other: OcrText) {
        let offset = self.words.iter().map(|w| w.line + 1).max().unwrap_or(0);
        self.words.extend(other.words.into_iter().map(|mut w| {
            w.line += offset;
            w
        }));
    }
}

/// An OCR engine. One value per thread; the classifier calls it page by page.
pub trait Ocr {
    type Error: std::error::Error + Send + Sync + 'static;

    /// Reads the words of `region` (automatic page segmentation) of an image of `dpi` dots per
    /// inch. The resolution matters: the engine sizes its layout analysis by it, and a
    /// half-resolution image said to be at full resolution loses the cells of its tables.
    ///
    /// # Errors
    /// The engine's own error.
    fn read_region(
        &mut self,
        image: &GrayImage,
        region: Rect,
        dpi: u32,
    ) -> Result<OcrText, Self::Error>;

    /// Reads one line of text in `region` of an image of `dpi` dots per inch, restricted to the
    /// characters of `whitelist`.
    ///
    /// # Errors
    /// The engine's own error.
    fn read_line(
        &mut self,
        image: &GrayImage,
        region: Rect,
        whitelist: &str,
        dpi: u32,
    ) -> Result<String, Self::Error>;

    /// The clockwise rotation (0, 90, 180 or 270 degrees) that turns the page (an image of `dpi`
    /// dots per inch) upright, when the engine can tell.
    ///
    /// # Errors
    /// The engine's own error.
    fn orientation(&mut self, image: &GrayImage, dpi: u32) -> Result<Option<u16>, Self::Error>;
}
