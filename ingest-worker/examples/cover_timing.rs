//! Development aid: times the pipeline's page analysis on cover pages, one engine on one
//! thread, and prints each cover's reading and time. Prints personal data: synthetic pages only.
//!
//! ```sh
//! cargo run --release -p ingest-worker --example cover_timing -- PAGE.png [PAGE.png ...]
//! ```

use std::time::Instant;

use classifier::{analyze_page, Ocr, OcrText, PageKind, Rect};
use image::GrayImage;

/// The engine, with a log of its calls and their times.
struct Timed {
    inner: ingest_worker::ocr::Tesseract,
    log: Vec<String>,
}

impl Ocr for Timed {
    type Error = ingest_worker::ocr::OcrError;
    fn read_region(&mut self, image: &GrayImage, r: Rect) -> Result<OcrText, Self::Error> {
        let t = Instant::now();
        let out = self.inner.read_region(image, r);
        let conf = out.as_ref().map(|t| t.mean_confidence()).unwrap_or(0.0);
        self.log.push(format!(
            "region {}x{} of {}x{}: {} ms, conf {conf:.0}",
            r.width,
            r.height,
            image.width(),
            image.height(),
            t.elapsed().as_millis()
        ));
        out
    }
    fn read_line(&mut self, image: &GrayImage, r: Rect, wl: &str) -> Result<String, Self::Error> {
        let t = Instant::now();
        let out = self.inner.read_line(image, r, wl);
        self.log.push(format!(
            "line {}x{}: {} ms",
            r.width,
            r.height,
            t.elapsed().as_millis()
        ));
        out
    }
    fn orientation(&mut self, image: &GrayImage) -> Result<Option<u16>, Self::Error> {
        let t = Instant::now();
        let out = self.inner.orientation(image);
        self.log
            .push(format!("osd: {} ms: {out:?}", t.elapsed().as_millis()));
        out
    }
}

fn main() -> anyhow::Result<()> {
    ingest_worker::ensure_omp_thread_limit();
    let mut ocr = Timed {
        inner: ingest_worker::ocr::Tesseract::new()?,
        log: vec![],
    };
    let mut total = 0u128;
    let mut n = 0u32;
    for path in std::env::args().skip(1) {
        let img = image::open(&path)?.into_luma8();
        let t = Instant::now();
        let a = analyze_page(&mut ocr, &img)?;
        let ms = t.elapsed().as_millis();
        let what = match &a.kind {
            PageKind::Cover { candidates } => candidates
                .first()
                .map_or("cover, no number".to_string(), |c| c.numero.to_string()),
            PageKind::Blank => "blank".into(),
            PageKind::Document { .. } => "document".into(),
        };
        println!("{path}\t{ms} ms\t{what}\trot {}", a.rotation);
        for l in ocr.log.drain(..) {
            println!("    {l}");
        }
        total += ms;
        n += 1;
    }
    if n > 0 {
        println!("mean {} ms over {n} pages", total / u128::from(n));
    }
    Ok(())
}
