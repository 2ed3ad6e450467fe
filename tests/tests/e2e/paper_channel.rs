//! The paper channel end to end: a generated scanned batch through the real API, broker, worker,
//! Tesseract, S3 server and database.

use std::collections::HashMap;
use std::time::Duration;

use corpus::{BatchFormat, CorpusOptions};
use lapin::options::BasicPublishOptions;
use serde_json::Value;

use crate::app::{check_pdf, TestApp};

/// A generated batch, its registry with the households (one CSV text each) and its truth.
fn generate(plis: usize, seed: u64, format: BatchFormat) -> (Vec<u8>, (String, String), Value) {
    let c = corpus::generate(&CorpusOptions {
        plis,
        seed,
        format,
        dpi: 300,
        noise: true,
        ..Default::default()
    })
    .unwrap();
    (
        c.batch,
        (c.registry_csv, c.menage_csv),
        serde_json::to_value(&c.truth).unwrap(),
    )
}

fn truth_plis(truth: &Value) -> HashMap<i64, &Value> {
    truth["plis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["first_page"].as_i64().unwrap(), p))
        .collect()
}

/// Every attached pli must be attached to the number the truth says, and only where the truth
/// says it can be: a wrong attachment is the one error the platform must never make.
fn assert_no_wrong_attachment(status: &Value, truth: &Value) -> usize {
    let expected = truth_plis(truth);
    let mut attached = 0;
    for p in status["plis"].as_array().unwrap() {
        if p["outcome"] != "attached" {
            continue;
        }
        attached += 1;
        let t = expected
            .get(&p["first_page"].as_i64().unwrap())
            .unwrap_or_else(|| panic!("pli cut wrongly: {p}"));
        assert_eq!(t["expected_outcome"], "attached", "attached by guess: {p}");
        assert_eq!(
            p["numero_unique"], t["numero_unique"],
            "attached to the wrong demande: {p}"
        );
    }
    attached
}

/// (encoding, bits per component) of each image of a PDF file, per `pdfimages -list`.
fn pdfimages_list(path: &std::path::Path) -> Vec<(String, String)> {
    crate::app::pdfimages(path)
        .into_iter()
        .map(|cols| (cols[8].clone(), cols[9].clone())) // enc, bpc
        .collect()
}

#[tokio::test]
async fn a_scanned_batch_is_split_classified_stored_and_attached_once() {
    let app = TestApp::spawn().await;
    let (batch, registry, truth) = generate(5, 11, BatchFormat::Pdf);
    assert!(app
        .import_registry_with_menage(&registry.0, &registry.1)
        .status
        .success());

    let (code, reply) = app.submit(batch.clone(), "lot.pdf").await;
    assert_eq!(code, 202, "{reply}");
    let id = reply["id"].as_str().unwrap().to_string();
    let status = app.wait_batch(&id, Duration::from_secs(600)).await;
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(status["pages_done"], truth["pages"]);
    assert_eq!(status["pages_total"], truth["pages"]);

    let attached = assert_no_wrong_attachment(&status, &truth);
    let expected_attached = truth["plis"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["expected_outcome"] == "attached")
        .count();
    assert!(
        attached + 1 >= expected_attached,
        "{attached} of {expected_attached} readable covers attached: {status}"
    );
    for p in status["plis"].as_array().unwrap() {
        let t = truth_plis(&truth)[&p["first_page"].as_i64().unwrap()];
        if t["expected_outcome"] != "attached" {
            assert_eq!(p["outcome"], t["expected_outcome"], "{p}");
        }
        if p["outcome"] != "attached" {
            assert!(
                !p["reason"].as_str().unwrap().is_empty(),
                "a pli put aside says why: {p}"
            );
        }
    }

    // Each attached piece: one readable PDF in S3 with the right pages, its images as scanned.
    let batch_path = app.dir.join("lot.pdf");
    std::fs::write(&batch_path, &batch).unwrap();
    let batch_images = pdfimages_list(&batch_path);
    let mut attached_pieces = 0;
    for p in status["plis"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["outcome"] == "attached")
    {
        for piece in p["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["status"] == "attached")
        {
            attached_pieces += 1;
            let bytes = app.object(piece["object_key"].as_str().unwrap()).await;
            assert_eq!(
                storage::objects::sha256_hex(&bytes),
                piece["sha256"].as_str().unwrap()
            );
            let pages = check_pdf(&bytes);
            assert_eq!(i64::from(pages), piece["page_count"].as_i64().unwrap());
            let piece_path = app.dir.join("piece.pdf");
            std::fs::write(&piece_path, &bytes).unwrap();
            let first = piece["first_page"].as_i64().unwrap() as usize;
            let piece_images = pdfimages_list(&piece_path);
            // Same encoding and depth as in the batch: embedded without re-encoding.
            assert_eq!(
                piece_images[0],
                batch_images[first - 1],
                "page {first} re-encoded"
            );
        }
    }
    assert!(attached_pieces > 0);
    let journal: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM journal WHERE event = 'creation' AND actor = 'service de numérisation'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(journal, attached_pieces);

    // Submitting the same file again, or redelivering its message, creates nothing twice.
    let counts = |db: sqlx::PgPool| async move {
        let q = "SELECT (SELECT count(*) FROM plis) + 1000 * (SELECT count(*) FROM pieces) + 1000000 * (SELECT count(*) FROM journal)";
        sqlx::query_scalar::<_, i64>(q)
            .fetch_one(&db)
            .await
            .unwrap()
    };
    let before = counts(app.db.clone()).await;
    let (code, again) = app.submit(batch, "lot-bis.pdf").await;
    assert_eq!(code, 200);
    assert_eq!(again["id"], reply["id"]);
    assert_eq!(again["deja_recu"], true);
    let conn =
        lapin::Connection::connect(&std::env::var("TEST_AMQP_URL").unwrap(), Default::default())
            .await
            .unwrap();
    let channel = conn.create_channel().await.unwrap();
    let payload = serde_json::to_vec(&serde_json::json!({ "batch_id": id })).unwrap();
    channel
        .basic_publish(
            "".into(),
            app.queue.as_str().into(),
            BasicPublishOptions::default(),
            &payload,
            Default::default(),
        )
        .await
        .unwrap()
        .await
        .unwrap();
    // The worker consumes the duplicate (its delivery count rises) and writes nothing.
    let started = std::time::Instant::now();
    loop {
        let deliveries: i32 = sqlx::query_scalar("SELECT deliveries FROM batches")
            .fetch_one(&app.db)
            .await
            .unwrap();
        if deliveries >= 2 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "duplicate message not consumed"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(counts(app.db.clone()).await, before);
    app.cleanup().await;
}

#[tokio::test]
async fn a_piece_beyond_its_limit_puts_the_pli_aside() {
    let app = TestApp::spawn().await;
    let (batch, registry, truth) = generate(3, 5, BatchFormat::Pdf);
    assert!(app
        .import_registry_with_menage(&registry.0, &registry.1)
        .status
        .success());
    // Fill the first attachable demande up to the limit of the type of its first piece.
    let target = truth["plis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| {
            p["expected_outcome"] == "attached" && !p["pieces"].as_array().unwrap().is_empty()
        })
        .expect("an attachable pli");
    let numero = target["numero_unique"].as_str().unwrap();
    let type_code = target["pieces"][0]["type"].as_str().unwrap();
    let limit: i32 = sqlx::query_scalar("SELECT piece_limit FROM plan_types WHERE code = $1")
        .bind(type_code)
        .fetch_one(&app.db)
        .await
        .unwrap();
    for i in 0..limit {
        sqlx::query(
            "INSERT INTO pieces (id, demande, type_code, category, status, page_count, object_key, sha256, size_bytes, channel, deposited_by)
             SELECT $1, $2, code, category, 'attached', 1, 'pieces/x.pdf', $3, 1, 'pgp', 'demandeur' FROM plan_types WHERE code = $4",
        )
        .bind(uuid::Uuid::new_v4())
        .bind(numero)
        .bind(format!("{i:064}"))
        .bind(type_code)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let (_, reply) = app.submit(batch, "lot.pdf").await;
    let status = app
        .wait_batch(reply["id"].as_str().unwrap(), Duration::from_secs(600))
        .await;
    assert_no_wrong_attachment(&status, &truth);
    let pli = status["plis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["first_page"] == target["first_page"])
        .expect("the target pli");
    // Either the piece was read as its type (limit reached) or it was already put aside; it is
    // never attached beyond the limit.
    let over: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pieces WHERE demande = $1 AND type_code = $2 AND status = 'attached'",
    )
    .bind(numero)
    .bind(type_code)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(over, i64::from(limit), "{pli}");
    if pli["outcome"] == "needs_review" {
        assert!(pli["reason"].as_str().unwrap().contains("limite"), "{pli}");
    }
    app.cleanup().await;
}

#[tokio::test]
async fn a_multipage_tiff_batch_is_filed_too() {
    let app = TestApp::spawn().await;
    let (batch, registry, truth) = generate(2, 8, BatchFormat::Tiff);
    assert!(app
        .import_registry_with_menage(&registry.0, &registry.1)
        .status
        .success());
    let (_, reply) = app.submit(batch, "lot.tif").await;
    let status = app
        .wait_batch(reply["id"].as_str().unwrap(), Duration::from_secs(600))
        .await;
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(status["pages_done"], truth["pages"]);
    assert_no_wrong_attachment(&status, &truth);
    for p in status["plis"].as_array().unwrap() {
        for piece in p["pieces"].as_array().unwrap() {
            check_pdf(&app.object(piece["object_key"].as_str().unwrap()).await);
        }
    }
    app.cleanup().await;
}

/// The mail room's accidents, on the real services: covers whose number is stained, covers in
/// other layouts and turned, an envelope whose attestation is missing, the household's own
/// documents, third parties named on pieces. No page may end up in a demande that is not its
/// own: every attached piece lies within a pli of that demande in the truth.
#[tokio::test]
async fn no_page_of_a_trap_batch_lands_in_a_stranger_s_demande() {
    let app = TestApp::spawn().await;
    let c = corpus::generate(&CorpusOptions {
        plis: 30,
        seed: 4242,
        dpi: 300,
        traps: true,
        ..Default::default()
    })
    .unwrap();
    let truth = serde_json::to_value(&c.truth).unwrap();
    assert!(
        truth["plis"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["expected_outcome"] == "missing_cover" && p["first_page"] != 1),
        "the batch holds an envelope without its attestation after another pli"
    );
    assert!(app
        .import_registry_with_menage(&c.registry_csv, &c.menage_csv)
        .status
        .success());
    let (code, reply) = app.submit(c.batch.clone(), "lot.pdf").await;
    assert_eq!(code, 202, "{reply}");
    let status = app
        .wait_batch(reply["id"].as_str().unwrap(), Duration::from_secs(900))
        .await;
    assert_eq!(status["status"], "done", "{status}");
    // The demande each page belongs to, per the truth (None: it belongs to no demande the
    // platform may attach it to).
    let owner = |page: i64| -> Option<&str> {
        truth["plis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| {
                t["first_page"].as_i64().unwrap() <= page
                    && page <= t["last_page"].as_i64().unwrap()
            })
            .and_then(|t| t["numero_unique"].as_str())
    };
    let mut attached = 0;
    for p in status["plis"].as_array().unwrap() {
        for piece in p["pieces"].as_array().unwrap() {
            if piece["status"] != "attached" {
                continue;
            }
            attached += 1;
            let numero = p["demande"]
                .as_str()
                .expect("an attached piece has its demande");
            for page in piece["first_page"].as_i64().unwrap()..=piece["last_page"].as_i64().unwrap()
            {
                assert_eq!(
                    owner(page),
                    Some(numero),
                    "page {page} in a stranger's demande: {p}"
                );
            }
        }
    }
    assert!(attached > 0, "{status}");
    // The envelope without its attestation: none of its pages attached.
    for t in truth["plis"].as_array().unwrap() {
        if t["expected_outcome"] == "missing_cover" {
            for p in status["plis"].as_array().unwrap() {
                let overlaps = p["first_page"].as_i64() <= t["last_page"].as_i64()
                    && p["last_page"].as_i64() >= t["first_page"].as_i64();
                if overlaps {
                    assert_ne!(
                        p["outcome"], "attached",
                        "pages without attestation attached: {p}"
                    );
                }
            }
        }
    }
}
