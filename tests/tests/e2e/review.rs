//! The operators' review queue on a real batch: a pli whose cover number cannot be read is
//! split again by page ranges, its pieces typed, and attached by the number the operator types.

use std::time::Duration;

use corpus::{BatchFormat, CorpusOptions};
use serde_json::{json, Value};

use crate::app::{check_pdf, get_json, send, TestApp};

#[tokio::test]
async fn an_operator_resplits_types_and_attaches_a_pli_with_an_unreadable_cover() {
    // This seed's single pli has its number blacked out on the cover.
    let c = corpus::generate(&CorpusOptions {
        plis: 1,
        seed: 34,
        format: BatchFormat::Pdf,
        dpi: 300,
        noise: true,
        ..Default::default()
    })
    .unwrap();
    let truth = serde_json::to_value(&c.truth).unwrap();
    assert_eq!(
        truth["plis"][0]["expected_outcome"], "unreadable_cover",
        "{truth}"
    );
    let numero = truth["plis"][0]["numero_unique"]
        .as_str()
        .unwrap()
        .to_string();
    let app = TestApp::spawn().await;
    assert!(app.import_registry(&c.registry_csv).status.success());
    let (_, v) = app.submit(c.batch, "revue.pdf").await;
    let batch = app
        .wait_batch(v["id"].as_str().unwrap(), Duration::from_secs(120))
        .await;
    assert_eq!(batch["plis"][0]["outcome"], "unreadable_cover", "{batch}");
    let operator = app.token("operateur", "NUMER", &crate::app::all_departements());

    let queue = get_json(&app, &operator, "/api/revue").await;
    let pli = &queue["plis"][0];
    let pli_id = pli["id"].as_str().unwrap().to_string();
    let pieces = pli["pieces"].as_array().unwrap();
    assert!(pieces.len() >= 2, "{pli}");
    let range = |p: &Value| {
        (
            p["first_page"].as_i64().unwrap(),
            p["last_page"].as_i64().unwrap(),
        )
    };
    let pages: i64 = pieces
        .iter()
        .map(|p| p["page_count"].as_i64().unwrap())
        .sum();

    // Ranges that leave a page out, or repeat one, are refused with the page named.
    let (a0, b0) = range(&pieces[0]);
    let decoupage = format!("/api/plis/{pli_id}/decoupage");
    let resplit = |spec: String| {
        send(
            &app,
            &operator,
            "POST",
            &decoupage,
            json!({ "pieces": spec }),
        )
    };
    let (s, body) = resplit(format!("{a0}-{b0}")).await;
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("dans aucune pièce"), "{body}");
    let (s, body) = resplit(format!(
        "{a0}-{b0}, {b0}-{}",
        range(pieces.last().unwrap()).1
    ))
    .await;
    assert_eq!(s, 400, "{body}");
    assert!(body.contains("dans deux pièces"), "{body}");

    // Merge the first two pieces into one, keep the rest.
    let (_, b1) = range(&pieces[1]);
    let mut spec = vec![format!("{a0}-{b1}")];
    spec.extend(pieces[2..].iter().map(|p| {
        let (a, b) = range(p);
        format!("{a}-{b}")
    }));
    let (s, body) = resplit(spec.join(", ")).await;
    assert_eq!(s, 200, "{body}");
    let queue = get_json(&app, &operator, "/api/revue").await;
    let new = queue["plis"][0]["pieces"].as_array().unwrap().clone();
    assert_eq!(new.len(), pieces.len() - 1, "{queue}");
    assert_eq!(
        new.iter()
            .map(|p| p["page_count"].as_i64().unwrap())
            .sum::<i64>(),
        pages
    );
    assert_eq!(
        new[0]["page_count"].as_i64().unwrap(),
        pieces[0]["page_count"].as_i64().unwrap() + pieces[1]["page_count"].as_i64().unwrap()
    );
    for p in &new {
        assert!(
            p["type"].is_null(),
            "a re-split piece must be typed again: {p}"
        );
        let pdf = app.piece_file(&operator, p["id"].as_str().unwrap()).await;
        assert_eq!(
            i64::from(check_pdf(&pdf)),
            p["page_count"].as_i64().unwrap()
        );
        let (s, body) = send(
            &app,
            &operator,
            "PATCH",
            &format!("/api/pieces/{}", p["id"].as_str().unwrap()),
            json!({ "type": "JUSTL" }),
        )
        .await;
        assert_eq!(s, 200, "{body}");
    }
    let (s, body) = send(
        &app,
        &operator,
        "POST",
        &format!("/api/plis/{pli_id}/rattachement"),
        json!({ "numero_unique": numero.to_lowercase() }),
    )
    .await;
    assert_eq!(s, 200, "{body}");
    let attached: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pieces WHERE demande = $1 AND status = 'attached'",
    )
    .bind(&numero)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(attached as usize, new.len());
    let status = app.status(v["id"].as_str().unwrap()).await.1;
    assert_eq!(status["plis"][0]["outcome"], "attached");
    assert_eq!(status["plis"][0]["demande"], numero.as_str());
    app.cleanup().await;
}
