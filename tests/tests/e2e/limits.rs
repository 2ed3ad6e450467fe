//! One per-type limit rule for every channel: pieces held or on their way to being held
//! (`processing`, `attached`) count, whether the new piece comes from paper, a deposit, a
//! change of type or a restoration.

use plan_de_classement::{NumeroUnique, Plan, TypeCode};
use storage::db::{NewPiece, NewPli, Recorded};

use crate::app::{marie_registry, small_pdf, TestApp, NUMERO};

#[tokio::test]
async fn a_paper_pli_counts_the_deposits_still_in_flight_against_the_limit() {
    let mut app = TestApp::spawn().await;
    app.import_registry_ok(&marie_registry("active"));
    // Deposits in flight: the worker is stopped, so they stay `processing`.
    // (Killed, not stopped: a worker still starting up under load may outlast any grace.)
    app.kill_worker();
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let plan = Plan::bundled();
    let justl = TypeCode::parse("JUSTL").unwrap();
    let limit = plan.piece_type(&justl).unwrap().limit;
    for i in 0..limit {
        let (s, v) = app
            .deposit(
                &guichet,
                NUMERO,
                Some("JUSTL"),
                &[("q.pdf", small_pdf(&format!("Quittance {i}")))],
            )
            .await;
        assert_eq!(s, 202, "{v}");
    }
    // A paper pli with one more quittance for the same demande, recorded as the worker does.
    let batch = uuid::Uuid::new_v4();
    sqlx::query(
        "INSERT INTO batches (id, sha256, object_key, size_bytes, status) VALUES ($1, $2, 'batches/x', 1, 'processing')",
    )
    .bind(batch)
    .bind(batch.simple().to_string())
    .execute(&app.db)
    .await
    .unwrap();
    let db = storage::DbConfig {
        url: app
            .env
            .iter()
            .find(|(k, _)| k == "DATABASE_URL")
            .unwrap()
            .1
            .clone(),
        max_connections: 2,
    }
    .connect()
    .await
    .unwrap();
    let pli = NewPli {
        batch_id: batch,
        first_page: 1,
        last_page: 2,
        cover_page: Some(1),
        numero_lu: Some(NumeroUnique::parse(NUMERO).unwrap()),
        outcome: "attached".into(),
        reason: String::new(),
        cover_object_key: None,
        blank_pages: vec![],
        rejected_pages: vec![],
        pieces: vec![NewPiece {
            type_code: Some(justl),
            confidence: 0.99,
            needs_review: false,
            check_reason: None,
            first_page: 2,
            last_page: 2,
            page_count: 1,
            object_key: "pieces/x.pdf".into(),
            sha256: "x".into(),
            size_bytes: 1,
        }],
    };
    let recorded = db.record_pli(&pli, &plan).await.unwrap();
    let Recorded::Written { outcome, .. } = recorded else {
        panic!("{recorded:?}")
    };
    assert_eq!(
        outcome, "needs_review",
        "the limit counts the deposits in flight"
    );
    let held: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pieces WHERE demande = $1 AND type_code = 'JUSTL'
         AND status IN ('processing', 'attached')",
    )
    .bind(NUMERO)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(held, i64::from(limit));
    // The worker's own pre-check agrees with the rule.
    let counts = db
        .piece_counts(&NumeroUnique::parse(NUMERO).unwrap())
        .await
        .unwrap();
    assert_eq!(counts.get("JUSTL"), Some(&limit));
    app.cleanup().await;
}
