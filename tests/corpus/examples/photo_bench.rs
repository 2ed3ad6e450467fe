//! Benchmark of the photo normalization (issue 4): generates N 12-megapixel phone photos
//! (4000 × 3000, EXIF orientation 6) of generated A4 text pages, normalizes them, and prints
//! the median time per photo, the median and maximum output size, and with `--ocr` the
//! legibility: the share of the words Tesseract reads on the clean page that it also reads on
//! the normalized one. Figures are printed, nothing is asserted.
//!
//! ```sh
//! cargo build --release -p ingest-worker
//! cargo run --release -p corpus --example photo_bench -- 8 --ocr [--hard] [--save DIR]
//! ```
//!
//! `--hard`: deep shadows, strong perspective and a lighter table (see
//! `PhotoOptions::phone_hard`); the `sheet` column says whether the sheet was found and
//! cropped, or the frame kept.
//!
//! Each photo is normalized in process (`merge::merge`) and, when the release binary and
//! `/usr/bin/time` are there, also through the sandboxed child the worker runs
//! (`ingest-worker merge OUT IN`), whose wall time and peak RSS are printed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use classifier::{Ocr, Rect};
use corpus::photo::{photograph, text_page, PhotoOptions};
use ingest_worker::merge;

/// The clean pages and the normalized photos are both A4 at 200 dpi.
const PHOTO_DPI: u32 = ingest_worker::photo::PAGE_DPI as u32;

fn main() -> anyhow::Result<()> {
    ingest_worker::ensure_omp_thread_limit();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: u64 = args.iter().find_map(|a| a.parse().ok()).unwrap_or(6);
    let with_ocr = args.iter().any(|a| a == "--ocr");
    let hard = args.iter().any(|a| a == "--hard");
    let save = args
        .iter()
        .position(|a| a == "--save")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    if let Some(dir) = &save {
        std::fs::create_dir_all(dir)?;
    }
    let exe = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|p| p.join("ingest-worker"))
        .filter(|p| p.exists());
    let tmp = std::env::temp_dir().join(format!("photo-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    let mut ocr = if with_ocr {
        Some(ingest_worker::ocr::Tesseract::new()?)
    } else {
        None
    };

    let (mut times, mut sizes, mut child_times, mut child_rss, mut recalls) =
        (vec![], vec![], vec![], vec![], vec![]);
    println!(
        "photo  input_KB  time_ms  child_ms  child_RSS_MB  output_KB  page_px    sheet    recall"
    );
    let mut cropped_count = 0;
    for i in 0..n {
        let page = text_page(i).context("rendering the clean page")?;
        let options = if hard {
            PhotoOptions::phone_hard(i)
        } else {
            PhotoOptions::phone(i)
        };
        let photo = photograph(&page, &options);
        let t = Instant::now();
        let (pdf, pages) =
            merge::merge(std::slice::from_ref(&photo)).map_err(anyhow::Error::msg)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        anyhow::ensure!(pages == 1);
        times.push(ms);
        sizes.push(pdf.len() as f64 / 1000.0);

        let (child_ms, rss_mb) = match &exe {
            Some(exe) => run_child(exe, &tmp, &photo).unwrap_or((f64::NAN, f64::NAN)),
            None => (f64::NAN, f64::NAN),
        };
        child_times.push(child_ms);
        child_rss.push(rss_mb);

        let cropped =
            ingest_worker::photo::from_jpeg(&photo, ingest_worker::photo::PAGE_BUDGET_BYTES)
                .map_err(anyhow::Error::msg)?
                .cropped;
        cropped_count += cropped as usize;
        let jpeg = page_jpeg(&pdf)?;
        let out = image::load_from_memory(&jpeg)?.into_luma8();
        let recall = match ocr.as_mut() {
            Some(ocr) => {
                let clean = image::DynamicImage::ImageRgb8(page.clone()).into_luma8();
                let want = words(
                    &ocr.read_region(&clean, Rect::full(&clean), PHOTO_DPI)?
                        .text(),
                );
                let got = words(&ocr.read_region(&out, Rect::full(&out), PHOTO_DPI)?.text());
                let r = recall(&want, &got);
                recalls.push(r);
                format!("{:.1} %", r * 100.0)
            }
            None => "-".into(),
        };
        println!(
            "{i:>5}  {:>8.0}  {ms:>7.0}  {child_ms:>8.0}  {rss_mb:>12.0}  {:>9.0}  {:>4}×{:<4}  {:<7}  {recall}",
            photo.len() as f64 / 1000.0,
            pdf.len() as f64 / 1000.0,
            out.width(),
            out.height(),
            if cropped { "cropped" } else { "frame" },
        );
        if let Some(dir) = &save {
            std::fs::write(dir.join(format!("photo-{i}.jpg")), &photo)?;
            std::fs::write(dir.join(format!("page-{i}.jpg")), &jpeg)?;
            page.save(dir.join(format!("clean-{i}.png")))?;
            // Small PNG previews for eyes.
            let photo_img = image::load_from_memory(&photo)?;
            photo_img
                .thumbnail(800, 800)
                .save(dir.join(format!("photo-{i}-preview.png")))?;
            out.save(dir.join(format!("page-{i}.png")))?;
            image::DynamicImage::ImageLuma8(out.clone())
                .thumbnail(800, 800)
                .save(dir.join(format!("page-{i}-preview.png")))?;
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!();
    println!(
        "photos: {n} (4000 × 3000, 12 Mpx, EXIF orientation 6{}); sheet found and cropped: {cropped_count}/{n}",
        if hard { ", hard" } else { "" }
    );
    println!(
        "time per photo, in process: median {:.0} ms, max {:.0} ms",
        median(&times),
        max(&times)
    );
    if child_times.iter().any(|t| t.is_finite()) {
        println!(
            "time per photo, merge child: median {:.0} ms, max {:.0} ms; child peak RSS max {:.0} MB",
            median(&child_times),
            max(&child_times),
            max(&child_rss)
        );
    }
    println!(
        "output PDF: median {:.0} KB, max {:.0} KB",
        median(&sizes),
        max(&sizes)
    );
    if !recalls.is_empty() {
        println!(
            "OCR word recall vs clean page: median {:.1} %, min {:.1} %",
            median(&recalls) * 100.0,
            recalls.iter().copied().fold(f64::INFINITY, f64::min) * 100.0
        );
    }
    Ok(())
}

/// Runs `ingest-worker merge` on the photo under `/usr/bin/time`: (wall ms, peak RSS MB).
fn run_child(exe: &Path, tmp: &Path, photo: &[u8]) -> Option<(f64, f64)> {
    let input = tmp.join("in-0");
    let out = tmp.join("out.pdf");
    std::fs::write(&input, photo).ok()?;
    let t = Instant::now();
    let run = std::process::Command::new("/usr/bin/time")
        .args(["-f", "RSS_KB=%M"])
        .arg(exe)
        .arg("merge")
        .arg(&out)
        .arg(&input)
        .env("OMP_THREAD_LIMIT", "1")
        .output()
        .ok()?;
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let stderr = String::from_utf8_lossy(&run.stderr);
    let kb: f64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("RSS_KB="))?
        .trim()
        .parse()
        .ok()?;
    run.status.success().then_some((ms, kb / 1024.0))
}

/// The JPEG of the first page's image.
fn page_jpeg(pdf: &[u8]) -> anyhow::Result<Vec<u8>> {
    let doc = lopdf::Document::load_mem(pdf)?;
    let page = doc.get_dictionary(doc.get_pages()[&1])?;
    let res = page.get_deref(b"Resources", &doc)?.as_dict()?;
    let xo = res.get_deref(b"XObject", &doc)?.as_dict()?;
    Ok(xo.get_deref(b"Im0", &doc)?.as_stream()?.content.clone())
}

/// Words of at least two letters or digits, lower-cased, counted.
fn words(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() >= 2 {
            *out.entry(w.to_lowercase()).or_insert(0) += 1;
        }
    }
    out
}

fn recall(want: &HashMap<String, usize>, got: &HashMap<String, usize>) -> f64 {
    let total: usize = want.values().sum();
    let found: usize = want
        .iter()
        .map(|(w, n)| (*n).min(got.get(w).copied().unwrap_or(0)))
        .sum();
    found as f64 / total.max(1) as f64
}

fn median(xs: &[f64]) -> f64 {
    let mut v: Vec<f64> = xs.iter().copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn max(xs: &[f64]) -> f64 {
    xs.iter()
        .copied()
        .filter(|x| x.is_finite())
        .fold(f64::NAN, f64::max)
}
