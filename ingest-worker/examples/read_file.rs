//! Development aid: `cargo run --release --example read_file -- FILE` prints what the deposit
//! reader ([`ingest_worker::merge::read_first_page`], in process) reads on a file's first page:
//! type, confidence and text, and saves the page image it read as `/tmp/read_file.png`. Prints
//! personal data: for specimens and synthetic files only.

use ingest_worker::merge::{detect, Kind};
use ingest_worker::photo;

fn main() -> anyhow::Result<()> {
    ingest_worker::ensure_omp_thread_limit();
    let path = std::env::args().nth(1).expect("usage: read_file FILE");
    let bytes = std::fs::read(&path)?;
    let gray = match detect(&bytes) {
        Some(Kind::Jpeg) => photo::from_jpeg(&bytes, photo::PAGE_BUDGET_BYTES)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .and_then(|p| Ok(image::load_from_memory(&p.jpeg)?.into_luma8())),
        Some(Kind::Png) => photo::from_png(&bytes, photo::PAGE_BUDGET_BYTES)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .and_then(|p| Ok(image::load_from_memory(&p.jpeg)?.into_luma8())),
        Some(Kind::Pdf) => lopdf::Document::load_mem(&bytes)
            .map_err(anyhow::Error::from)
            .and_then(|d| {
                ingest_worker::recompress::first_page_image(&d)
                    .ok_or_else(|| anyhow::anyhow!("no page image"))
            }),
        None => Err(anyhow::anyhow!("not a PDF, JPEG or PNG")),
    };
    match &gray {
        Ok(g) => {
            g.save("/tmp/read_file.png")?;
            println!("page image {}x{}", g.width(), g.height());
            let mut ocr = ingest_worker::ocr::Tesseract::new()?;
            let a = classifier::analyze_page(&mut ocr, g)?;
            println!("analysis: rotation {}, kind {:?}", a.rotation, a.kind);
        }
        Err(e) => println!("page image: {e}"),
    }
    match ingest_worker::merge::read_first_page(&[bytes]) {
        Some(r) => println!("{:?}\n---\n{}", r.read_type, r.text),
        None => println!("nothing read"),
    }
    Ok(())
}
