//! Benchmark aid: times the pipeline's page analysis on cover pages, one engine on one thread
//! with nothing else running, and prints each cover's reading, time and OCR calls, then the
//! mean and median. With `--registry CSV`, covers are read as the pipeline reads them (on for
//! the applicant's name only when the registry needs it). Prints personal data: synthetic
//! pages only. `scripts/bench.sh` runs it on the covers of its batch.
//!
//! ```sh
//! cargo run --release -p ingest-worker --example cover_timing -- [--registry CSV] PAGE.png ...
//! ```

use std::time::Instant;

use classifier::numero::Candidate;
use classifier::{analyze_page, analyze_page_with, Ocr, OcrText, PageKind, Rect};
use image::GrayImage;
use ingest_worker::pipeline::KnownDemande;

/// The engine, with a log of its calls and their times.
struct Timed {
    inner: ingest_worker::ocr::Tesseract,
    log: Vec<String>,
}

impl Ocr for Timed {
    type Error = ingest_worker::ocr::OcrError;
    fn read_region(
        &mut self,
        image: &GrayImage,
        r: Rect,
        dpi: u32,
    ) -> Result<OcrText, Self::Error> {
        let t = Instant::now();
        let out = self.inner.read_region(image, r, dpi);
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
    fn read_line(
        &mut self,
        image: &GrayImage,
        r: Rect,
        wl: &str,
        dpi: u32,
    ) -> Result<String, Self::Error> {
        let t = Instant::now();
        let out = self.inner.read_line(image, r, wl, dpi);
        self.log.push(format!(
            "line {}x{}: {} ms",
            r.width,
            r.height,
            t.elapsed().as_millis()
        ));
        out
    }
    fn orientation(&mut self, image: &GrayImage, dpi: u32) -> Result<Option<u16>, Self::Error> {
        let t = Instant::now();
        let out = self.inner.orientation(image, dpi);
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
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut known: Option<Vec<KnownDemande>> = None;
    if let Some(i) = args.iter().position(|a| a == "--registry") {
        let file = std::fs::File::open(&args[i + 1])?;
        let rows = storage::registry_csv::parse(file)?;
        known = Some(
            rows.into_iter()
                .map(|r| KnownDemande {
                    numero: r.numero,
                    nom: r.nom,
                    date_naissance: r.date_naissance,
                })
                .collect(),
        );
        args.drain(i..i + 2);
    }
    let mut times = Vec::new();
    for path in args {
        let img = image::open(&path)?.into_luma8();
        let t = Instant::now();
        let a = match &known {
            Some(known) => analyze_page_with(&mut ocr, &img, &mut |c: &[Candidate], text| {
                ingest_worker::pipeline::reading_settled(c, known, text)
            })?,
            None => analyze_page(&mut ocr, &img)?,
        };
        let ms = t.elapsed().as_millis();
        let what = match &a.kind {
            PageKind::Cover { candidates } => candidates
                .first()
                .map_or("cover, no number".to_string(), |c| c.numero.to_string()),
            PageKind::Blank => "blank".into(),
            PageKind::Document { .. } => "document".into(),
        };
        println!("{path}\t{ms} ms\t{what}\trot {}", a.rotation);
        if std::env::var_os("COVER_TEXT").is_some() {
            println!("{}", a.text);
        }
        for l in ocr.log.drain(..) {
            println!("    {l}");
        }
        times.push(ms);
    }
    if !times.is_empty() {
        let n = times.len() as u128;
        times.sort_unstable();
        println!(
            "cover read alone: mean {} ms, median {} ms, max {} ms over {n} pages",
            times.iter().sum::<u128>() / n,
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    Ok(())
}
