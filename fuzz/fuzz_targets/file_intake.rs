//! The parsing of untrusted files, in process: what the worker's sandboxed children run
//! (`intake::run_extract` on a batch PDF or TIFF; `merge::merge` on a deposited PDF, JPEG or PNG,
//! then the reading of a PDF's first page), and the decoding of each extracted page image that
//! the worker itself does before OCR (`EncodedImage::decode_gray`). Panics, endless loops and
//! runaway memory are findings.
#![no_main]

use std::io::{BufRead, Read};
use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

// The modules of ingest-worker that parse untrusted files, included by path: a dependency on the
// crate would build sqlx, lapin and the S3 SDK with the fuzzer's instrumentation (over 10 minutes
// on 2 cores). Their `crate::` paths resolve to these and to the `ocr` stand-in below; when one of
// them starts using another module of the crate, add it here.
#[allow(dead_code)]
#[path = "../../ingest-worker/src/intake.rs"]
mod intake;
#[allow(dead_code)]
#[path = "../../ingest-worker/src/merge.rs"]
mod merge;
#[allow(dead_code)]
#[path = "../../ingest-worker/src/page.rs"]
mod page;
#[allow(dead_code)]
#[path = "../../ingest-worker/src/photo.rs"]
mod photo;
#[allow(dead_code)]
#[path = "../../ingest-worker/src/recompress.rs"]
mod recompress;

/// Stands in for ingest-worker's Tesseract binding, which `merge` names only to read the first
/// page once merged (`run_merge`, not reached here): no libtesseract to build and link.
mod ocr {
    use classifier::{Ocr, OcrText, Rect};
    use image::GrayImage;

    #[derive(Debug, thiserror::Error)]
    #[error("no OCR in the fuzz target")]
    pub struct Unavailable;

    pub struct Tesseract;

    impl Tesseract {
        pub fn new() -> Result<Self, Unavailable> {
            Err(Unavailable)
        }

        pub fn read_block(
            &mut self,
            _: &GrayImage,
            _: &str,
            _: u32,
        ) -> Result<String, Unavailable> {
            Err(Unavailable)
        }
    }

    impl Ocr for Tesseract {
        type Error = Unavailable;
        fn read_region(&mut self, _: &GrayImage, _: Rect, _: u32) -> Result<OcrText, Unavailable> {
            Err(Unavailable)
        }
        fn read_line(
            &mut self,
            _: &GrayImage,
            _: Rect,
            _: &str,
            _: u32,
        ) -> Result<String, Unavailable> {
            Err(Unavailable)
        }
        fn orientation(&mut self, _: &GrayImage, _: u32) -> Result<Option<u16>, Unavailable> {
            Err(Unavailable)
        }
    }
}

/// One scratch file per fuzzing process: `run_extract` reads a path.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("fuzz-file-intake-{}.bin", std::process::id()))
    })
}

/// Batch intake: the child's frames, then each page decoded as the worker does.
fn batch(data: &[u8]) {
    let path = scratch();
    std::fs::write(path, data).expect("scratch file");
    let mut frames = Vec::new();
    intake::run_extract(path, &mut frames).expect("writing to a Vec");
    let mut reader = &frames[..];
    let mut line = String::new();
    loop {
        line.clear();
        if reader
            .read_line(&mut line)
            .expect("frames are UTF-8 JSON lines")
            == 0
        {
            break;
        }
        let frame: serde_json::Value = serde_json::from_str(&line).expect("a JSON frame");
        if frame["frame"] != "page" {
            continue;
        }
        let mut raw: page::RawPage =
            serde_json::from_value(frame["page"].clone()).expect("a page frame");
        let len = frame["len"].as_u64().expect("a page length") as usize;
        raw.image.data = vec![0; len];
        reader
            .read_exact(&mut raw.image.data)
            .expect("the page bytes follow");
        if let Ok(gray) = raw.image.decode_gray() {
            assert_eq!(gray.dimensions(), (raw.image.width, raw.image.height));
        }
    }
}

/// Deposited piece: one file made into one PDF, which must read back with its page count.
fn deposit(data: &[u8]) {
    if let Ok((pdf, pages)) = merge::merge(&[data.to_vec()]) {
        let doc = lopdf::Document::load_mem(&pdf).expect("merge wrote a readable PDF");
        assert_eq!(doc.get_pages().len(), pages as usize);
    }
}

/// What the merge child then reads of a deposited PDF to tell its type: the first page's text
/// layer, else its image. (Recompression needs files far over `-max_len`: not reached.)
fn first_page(data: &[u8]) {
    if let Ok(doc) = lopdf::Document::load_mem(data) {
        let _ = doc.extract_text(&[1]);
        let _ = recompress::first_page_image(&doc);
    }
}

fuzz_target!(|data: &[u8]| {
    let tiff = data.starts_with(b"II*\0") || data.starts_with(b"MM\0*");
    match merge::detect(data) {
        Some(merge::Kind::Pdf) => {
            batch(data);
            deposit(data);
            first_page(data);
        }
        Some(merge::Kind::Jpeg | merge::Kind::Png) => deposit(data),
        None if tiff => batch(data),
        None => {}
    }
});
