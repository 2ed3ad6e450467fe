//! Hostile files deposited as pieces: each is refused alone with its reason (at the door when
//! its first bytes already tell, by the worker's sandboxed child otherwise), active content is
//! stripped, the worker survives with bounded memory, and the good pieces around them are ready.

use serde_json::Value;

use crate::app::{marie_registry, pdf_of, small_pdf, TestApp, NUMERO};

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn png_declaring(w: u32, h: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    v.extend(13u32.to_be_bytes());
    v.extend(&ihdr);
    v.extend(crc32(&ihdr).to_be_bytes());
    v.extend([0, 0, 0, 0]);
    v.extend(b"IEND");
    v.extend(crc32(b"IEND").to_be_bytes());
    v
}

fn jpeg_declaring(w: u16, h: u16) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    v.extend(h.to_be_bytes());
    v.extend(w.to_be_bytes());
    v.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    v.extend([0xFF, 0xD9]);
    v
}

fn hostile() -> Vec<(&'static str, Vec<u8>)> {
    let good = small_pdf("Bonne piece");
    let mut xref_broken = good.clone();
    let at = xref_broken.windows(4).rposition(|w| w == b"xref").unwrap();
    xref_broken.truncate(at);
    xref_broken
        .extend(b"xref\n0 6\nzzzz garbage\ntrailer\n<< /Size 6 >>\nstartxref\n99999\n%%EOF\n");
    let nested = format!("[{}{}]", "[".repeat(200_000), "]".repeat(200_000));
    vec![
        ("tronqué", good[..good.len() / 2].to_vec()),
        ("xref cassée", xref_broken),
        (
            "xref /W [0 0 0]",
            b"%PDF-1.5\n1 0 obj\n<< /Type /XRef /W [0 0 0] /Size 3 /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n".to_vec(),
        ),
        (
            "tableaux imbriqués",
            pdf_of(
                &[
                    "<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    &format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots {nested} >>"),
                ],
                "",
            ),
        ),
        (
            "boucle /Pages",
            pdf_of(&["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"], ""),
        ),
        (
            "chiffré",
            pdf_of(
                &[
                    "<< /Type /Catalog /Pages 2 0 R >>",
                    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                    "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <00> /U <00> >>",
                ],
                "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
            ),
        ),
        ("PNG 50 000 × 50 000", png_declaring(50_000, 50_000)),
        ("JPEG 50 000 × 50 000", jpeg_declaring(50_000, 50_000)),
        ("polyglotte PDF et zip", [b"%PDF-1.4\n".to_vec(), b"PK\x03\x04\x14\x00\x00\x00".to_vec(), vec![0; 64]].concat()),
    ]
}

#[tokio::test]
async fn hostile_files_are_refused_alone_and_the_worker_survives() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");

    // Refused at the door: what the first bytes already condemn.
    for (name, bytes) in [
        ("zip renommé", b"PK\x03\x04 zip".to_vec()),
        ("vide", Vec::new()),
    ] {
        let (s, v) = app
            .deposit(&guichet, NUMERO, Some("ACNE"), &[("piece.pdf", bytes)])
            .await;
        assert_eq!(s, 400, "{name}: {v}");
        assert!(
            v["erreur"].as_str().is_some_and(|e| !e.is_empty()),
            "{name}: {v}"
        );
    }
    // Everything else reaches the worker (unless its structure already condemns it) between
    // good pieces.
    let mut submitted: Vec<(String, String)> = Vec::new();
    let mut report = Vec::new();
    for (i, (name, bytes)) in hostile().into_iter().enumerate() {
        let (s, v) = app
            .deposit(&guichet, NUMERO, Some("NOTE"), &[("piece.pdf", bytes)])
            .await;
        if s == 400 {
            report.push(format!(
                "{name} (à l'envoi): {}",
                v["erreur"].as_str().unwrap()
            ));
        } else {
            assert_eq!(s, 202, "{name}: {v}");
            submitted.push((name.to_string(), v["id"].as_str().unwrap().to_string()));
        }
        let (s, v) = app
            .deposit(
                &guichet,
                NUMERO,
                Some("FPAIE"),
                &[("bonne.pdf", small_pdf(&format!("Paie {i}")))],
            )
            .await;
        assert_eq!(s, 202, "{v}");
        submitted.push(("bonne".into(), v["id"].as_str().unwrap().to_string()));
    }
    let js = pdf_of(
        &[
            "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R /Names << /JavaScript << /Names [(x) 4 0 R] >> >> >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            "<< /S /JavaScript /JS (app.alert('x')) >>",
        ],
        "",
    );
    let (s, v) = app
        .deposit(&guichet, NUMERO, Some("AVIS"), &[("js.pdf", js)])
        .await;
    assert_eq!(s, 202, "{v}");
    let js_id = v["id"].as_str().unwrap().to_string();

    for (name, id) in &submitted {
        let p: Value = app.wait_piece(&admin, id).await;
        let status = p["status"].as_str().unwrap().to_string();
        if name == "bonne" {
            assert_eq!(status, "attached", "a good piece next to hostile ones: {p}");
        } else if name == "xref cassée" && status == "attached" {
            // A damaged cross-reference table is rebuilt from the objects, as readers do: the
            // piece is kept only if it then comes out as a valid PDF.
            let pdf = app
                .client
                .get(format!("{}/api/pieces/{id}/fichier", app.base))
                .bearer_auth(&admin)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap();
            assert_eq!(crate::app::check_pdf(&pdf), 1);
            report.push(format!("{name}: réparée (table des objets reconstruite)"));
        } else {
            let reason = p["status_reason"].as_str().unwrap_or_default().to_string();
            assert_eq!(status, "rejected", "{name} was not refused: {p}");
            assert!(!reason.is_empty(), "{name} refused without a reason");
            report.push(format!("{name}: {reason}"));
        }
    }
    // Active content is stripped, the piece kept.
    let p = app.wait_piece(&admin, &js_id).await;
    assert_eq!(p["status"], "attached", "{p}");
    let pdf = app
        .client
        .get(format!("{}/api/pieces/{js_id}/fichier", app.base))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        !text.contains("JavaScript") && !text.contains("OpenAction"),
        "active content left"
    );
    let mut app = app;
    assert!(app.worker_alive(), "the worker died");
    let rss = app.worker_peak_rss();
    println!(
        "hostile files refused:\n  {}\nworker peak RSS: {} MB",
        report.join("\n  "),
        rss / 1_048_576
    );
    assert!(
        rss > 0 && rss <= 512 * 1_048_576,
        "worker peak RSS {rss} bytes"
    );
    app.cleanup().await;
}
