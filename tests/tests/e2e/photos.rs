//! Phone photos through the real API and worker: upright, cropped, small, without metadata;
//! the same document photographed twice is flagged as a probable duplicate.

use corpus::photo::{photograph, text_page, PhotoOptions};

use crate::app::{marie_registry, mobile_token, TestApp, BIRTH, NUMERO};

#[tokio::test]
async fn photos_become_clean_pdfs_and_a_second_photo_of_a_document_is_flagged() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    let token = mobile_token(&app, NUMERO, BIRTH, &code).await;

    let page = text_page(3).unwrap();
    let other = text_page(4).unwrap();
    // The first generated page, titled "Attestation de situation", reads as a France Travail
    // attestation; its last photo is deposited as a payslip, which its reading contradicts.
    let shots = [
        (
            "photo",
            "ATPE",
            photograph(
                &page,
                &PhotoOptions {
                    orientation: 6,
                    seed: 1,
                    ..PhotoOptions::small()
                },
            ),
        ),
        (
            "same document again",
            "ATPE",
            photograph(
                &page,
                &PhotoOptions {
                    orientation: 3,
                    seed: 2,
                    ..PhotoOptions::small()
                },
            ),
        ),
        (
            "another document",
            "ATFOR",
            photograph(
                &other,
                &PhotoOptions {
                    orientation: 8,
                    seed: 3,
                    ..PhotoOptions::small()
                },
            ),
        ),
        (
            "as a payslip",
            "FPAIE",
            photograph(
                &page,
                &PhotoOptions {
                    orientation: 1,
                    seed: 4,
                    ..PhotoOptions::small()
                },
            ),
        ),
    ];
    let mut pieces = Vec::new();
    for (name, type_code, jpeg) in &shots {
        assert!(
            jpeg.windows(4).any(|w| w == b"Exif"),
            "{name}: the generated photo carries EXIF"
        );
        let p = app
            .deposit_processed(&token, NUMERO, type_code, &[("photo.jpg", jpeg.clone())])
            .await;
        assert_eq!(p["status"], "attached", "{name}: {p}");
        assert_eq!(p["page_count"], 1);
        let pdf = app.piece_file(&token, p["id"].as_str().unwrap()).await;
        assert_eq!(crate::app::check_pdf(&pdf), 1);
        assert!(pdf.len() < 2 * 1024 * 1024, "{name}: {} bytes", pdf.len());
        assert!(
            !pdf.windows(4).any(|w| w == b"Exif"),
            "{name}: metadata left in the piece"
        );
        // Upright whatever the EXIF orientation: Tesseract, without orientation detection,
        // reads the page's title.
        let text = ocr_pdf(&pdf);
        assert!(
            text.contains("Attestation de situation"),
            "{name}: the stored page does not read upright: {text}"
        );
        pieces.push(p);
    }
    let flagged = |i: usize| {
        let db = app.db.clone();
        let id = pieces[i]["id"].as_str().unwrap().to_string();
        async move {
            sqlx::query_as::<_, (Option<String>, Option<uuid::Uuid>)>(
                "SELECT check_reason, duplicate_of FROM pieces WHERE id = $1::uuid",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let hashes: Vec<String> = sqlx::query_scalar("SELECT phash FROM pieces ORDER BY created_at")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let distance = |a: &str, b: &str| ingest_worker::photo::hash_distance(a, b).unwrap();
    println!(
        "perceptual hashes: the same document {} bits apart (of 256), another document {} bits",
        distance(&hashes[0], &hashes[1]),
        distance(&hashes[0], &hashes[2])
    );
    assert_eq!(flagged(0).await, (None, None));
    let (reason, of) = flagged(1).await;
    assert!(
        reason
            .as_deref()
            .is_some_and(|r| r.contains("doublon probable")),
        "{reason:?}"
    );
    assert_eq!(
        of.map(|u| u.to_string()).as_deref(),
        pieces[0]["id"].as_str()
    );
    assert_eq!(
        flagged(2).await.1,
        None,
        "a different document is no duplicate"
    );
    let (reason, _) = flagged(3).await;
    assert!(
        reason
            .as_deref()
            .is_some_and(|r| r.contains("plutôt qu'au type choisi « Bulletin de salaire")),
        "a type the reading contradicts must be flagged: {reason:?}"
    );
    app.cleanup().await;
}

/// Benchmark (not run by the test command; `scripts/bench-upload.sh`): generated 12-megapixel
/// phone photos deposited one at a time through the real API, timed from the start of the upload
/// to the piece `attached` (read through the API), with the stored size and the worker's peak
/// memory. Prints figures; asserts only that every piece became ready.
#[tokio::test]
#[ignore = "benchmark: scripts/bench-upload.sh"]
async fn benchmark_phone_photo_upload_to_ready() {
    use std::time::{Duration, Instant};
    let n: usize = std::env::var("BENCH_PHOTOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
        .min(39);
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let token = app.token("guichet_enregistreur", "DGALN", "075");
    let types = crate::app::type_slots();
    let photos: Vec<Vec<u8>> = (0..n)
        .map(|i| {
            photograph(
                &text_page(100 + i as u64).unwrap(),
                &PhotoOptions::phone(i as u64),
            )
        })
        .collect();
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    for (i, jpeg) in photos.iter().enumerate() {
        let started = Instant::now();
        let (s, v) = app
            .deposit(
                &token,
                NUMERO,
                Some(types[i]),
                &[("photo.jpg", jpeg.clone())],
            )
            .await;
        assert_eq!(s, 202, "{v}");
        let id = v["id"].as_str().unwrap();
        let piece = loop {
            let p: serde_json::Value = app
                .client
                .get(format!("{}/api/pieces/{id}", app.base))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if p["status"] != "processing" {
                break p;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "{p}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        times.push(started.elapsed().as_secs_f64());
        assert_eq!(piece["status"], "attached", "{piece}");
        let size: i64 = sqlx::query_scalar("SELECT size_bytes FROM pieces WHERE id = $1::uuid")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        sizes.push(size as f64 / 1000.0);
    }
    let stats = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (
            v[v.len() / 2],
            v[(v.len() * 9 / 10).min(v.len() - 1)],
            v[v.len() - 1],
        )
    };
    let input_mb = photos.iter().map(Vec::len).sum::<usize>() as f64 / photos.len() as f64 / 1e6;
    let (t50, t90, tmax) = stats(&mut times);
    let (s50, _, smax) = stats(&mut sizes);
    let mut err = std::io::stderr();
    use std::io::Write;
    let _ = writeln!(
        err,
        "upload → ready, {n} photos of 12 Mpx ({input_mb:.1} MB each on average), one at a time:\n  \
         time: median {t50:.2} s, p90 {t90:.2} s, max {tmax:.2} s (target: median ≤ 3 s)\n  \
         stored piece: median {s50:.0} KB, max {smax:.0} KB (targets: median ≤ 400 KB, always ≤ 2 MB)\n  \
         worker peak RSS: {} MB (target ≤ 300 MB; the normalizing child is measured by photo_bench)",
        app.worker_peak_rss() / 1_000_000
    );
    app.cleanup().await;
}

/// A one-page PDF whose page is a `w × h` greyish scan stored as JPEG at `quality`.
fn scanned_pdf(w: u32, h: u32, quality: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let line = (y / 20) % 3 == 0 && (x / 9) % 7 != 0;
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) % 11) as u8;
        let v = if line { 40 } else { 245 };
        image::Rgb([v - grain, v - grain, v - grain / 2])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, quality)
        .encode(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let content = "q 595 0 0 842 0 0 cm /Im1 Do Q";
    let mut image_obj = format!(
        "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
        jpeg.len()
    )
    .into_bytes();
    image_obj.extend(&jpeg);
    image_obj.extend(b"\nendstream");
    crate::app::pdf_of(
        &[
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".to_vec(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()).into_bytes(),
            image_obj,
        ],
        "",
    )
}

/// An uploaded PDF that is not compact (a 400-dpi colour scan at JPEG quality 98, over 2 MB)
/// has its page image recompressed: the piece is stored under 2 MB, grey, at 200 dpi; a compact
/// PDF keeps its image byte for byte.
#[tokio::test]
async fn a_heavy_scanned_pdf_is_recompressed_and_a_compact_one_kept() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let token = app.token("guichet_enregistreur", "DGALN", "075");
    let heavy = scanned_pdf(3307, 4677, 98);
    assert!(heavy.len() > 2 * 1024 * 1024, "{} bytes", heavy.len());
    let compact = scanned_pdf(1240, 1754, 50);
    let mut stored = Vec::new();
    for (pdf, type_code) in [(&heavy, "AVIS"), (&compact, "CAF")] {
        let p = app
            .deposit_processed(&token, NUMERO, type_code, &[("scan.pdf", pdf.clone())])
            .await;
        assert_eq!(p["status"], "attached", "{p}");
        let bytes = app.piece_file(&token, p["id"].as_str().unwrap()).await;
        assert_eq!(crate::app::check_pdf(&bytes), 1);
        stored.push(bytes);
    }
    let images = |pdf: &[u8]| {
        let path = std::env::temp_dir().join(format!("{}.pdf", uuid::Uuid::new_v4()));
        std::fs::write(&path, pdf).unwrap();
        let rows = crate::app::pdfimages(&path);
        let _ = std::fs::remove_file(&path);
        rows.into_iter().next().unwrap()
    };
    let h = images(&stored[0]);
    // pdfimages -list: page num type width height color comp bpc enc …
    assert_eq!(
        (h[3].as_str(), h[4].as_str(), h[5].as_str()),
        ("1654", "2339", "gray"),
        "{h:?}"
    );
    assert!(stored[0].len() < 1_000_000, "{} bytes", stored[0].len());
    // A PDF with a text layer is classified from it: a payslip deposited as a tax notice is
    // flagged for the guichet (not refused).
    let payslip = crate::app::small_pdf(
        "BULLETIN DE PAIE Periode du 01/03/2026 au 31/03/2026 Employeur SARL Dupont Salaire de base \
         Heures supplementaires Cotisations salariales Securite sociale Retraite complementaire \
         Salaire brut Net imposable Net a payer avant impot sur le revenu Conges payes",
    );
    let p = app
        .deposit_processed(&token, NUMERO, "AVIS", &[("avis.pdf", payslip)])
        .await;
    assert_eq!(p["status"], "attached", "{p}");
    let reason: Option<String> =
        sqlx::query_scalar("SELECT check_reason FROM pieces WHERE id = $1::uuid")
            .bind(p["id"].as_str().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(
        reason.as_deref().is_some_and(
            |r| r.contains("Bulletin de salaire") && r.contains("plutôt qu'au type choisi")
        ),
        "{reason:?}"
    );
    let c = images(&stored[1]);
    assert_eq!(
        (c[3].as_str(), c[4].as_str(), c[5].as_str()),
        ("1240", "1754", "rgb"),
        "{c:?}"
    );
    app.cleanup().await;
}

/// The text Tesseract (CLI, French, no orientation detection) reads on a one-page PDF rendered
/// at 150 dpi by pdftoppm.
fn ocr_pdf(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("ocr-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("p.pdf"), pdf).unwrap();
    let ok = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-png", "-singlefile"])
        .arg(dir.join("p.pdf"))
        .arg(dir.join("p"))
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdftoppm failed");
    let out = std::process::Command::new("tesseract")
        .arg(dir.join("p.png"))
        .args(["stdout", "-l", "fra", "--psm", "3"])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8_lossy(&out.stdout).into_owned()
}
