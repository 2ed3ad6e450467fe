//! Development aid: `cargo run --example ocr_page -- IMAGE` prints what the pipeline reads on one
//! page image (kind, rotation, text). Prints personal data: for synthetic pages only.

use classifier::analyze::PAGE_DPI;
use classifier::{analyze_page, Ocr, Rect};

fn main() -> anyhow::Result<()> {
    ingest_worker::ensure_omp_thread_limit();
    let path = std::env::args().nth(1).expect("usage: ocr_page IMAGE");
    let mut img = image::open(&path)?.into_luma8();
    match std::env::args().nth(2).as_deref() {
        Some("90") => img = image::imageops::rotate90(&img),
        Some("180") => img = image::imageops::rotate180(&img),
        Some("270") => img = image::imageops::rotate270(&img),
        _ => {}
    }
    let mut ocr = ingest_worker::ocr::Tesseract::new()?;
    let t = std::time::Instant::now();
    let full = ocr.read_region(&img, Rect::full(&img), PAGE_DPI)?;
    println!(
        "--- full page ({} ms, conf {:.0}):\n{}",
        t.elapsed().as_millis(),
        full.mean_confidence(),
        full.text()
    );
    let split = classifier::analyze::split_row(&img, classifier::blank::ink_threshold(&img));
    println!("--- split {:?} of {}", split, img.height());
    if let Some(y) = split {
        let head = ocr.read_region(
            &img,
            Rect {
                left: 0,
                top: 0,
                width: img.width(),
                height: y,
            },
            PAGE_DPI,
        )?;
        println!("--- head:\n{}", head.text());
        let crop = image::imageops::crop_imm(&img, 0, 0, img.width(), y).to_image();
        crop.save("/tmp/head.png")?;
        let head2 = ocr.read_region(&crop, Rect::full(&crop), PAGE_DPI)?;
        println!("--- head as its own image:\n{}", head2.text());
    }
    println!("--- orientation: {:?}", ocr.orientation(&img, PAGE_DPI)?);
    let t = std::time::Instant::now();
    let blank = classifier::blank::is_blank(&img);
    println!("--- blank {blank} in {} ms", t.elapsed().as_millis());
    let t = std::time::Instant::now();
    let y = classifier::analyze::split_row(&img, classifier::blank::ink_threshold(&img))
        .unwrap_or(img.height());
    println!("--- split in {} ms", t.elapsed().as_millis());
    let t = std::time::Instant::now();
    let head = image::imageops::crop_imm(&img, 0, 0, img.width(), y).to_image();
    let small = classifier::analyze::half(&head);
    println!("--- crop+half in {} ms", t.elapsed().as_millis());
    let t = std::time::Instant::now();
    let _ = ocr.read_region(&small, Rect::full(&small), PAGE_DPI / 2)?;
    println!("--- half head OCR in {} ms", t.elapsed().as_millis());
    let t = std::time::Instant::now();
    let _ = ocr.read_line(
        &img,
        Rect {
            left: 1100,
            top: 520,
            width: 1150,
            height: 100,
        },
        classifier::analyze::NUMERO_WHITELIST,
        PAGE_DPI,
    )?;
    println!("--- zone OCR in {} ms", t.elapsed().as_millis());
    let t = std::time::Instant::now();
    let a = analyze_page(&mut ocr, &img)?;
    println!(
        "--- analysis ({} ms): rotation {} kind {:?}\n--- text:\n{}",
        t.elapsed().as_millis(),
        a.rotation,
        a.kind,
        a.text
    );
    Ok(())
}
