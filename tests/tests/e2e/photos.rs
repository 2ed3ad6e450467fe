//! Phone photos through the real API and worker: upright, cropped, small, without metadata;
//! the same document photographed twice is flagged as a probable duplicate.

use ingest_worker::corpus::photo::{photograph, text_page, PhotoOptions};

use crate::app::TestApp;

const NUMERO: &str = "0751220123456DGALN";

#[tokio::test]
async fn photos_become_clean_pdfs_and_a_second_photo_of_a_document_is_flagged() {
    let app = TestApp::spawn().await;
    let csv = format!(
        "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
         {NUMERO},DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n"
    );
    assert!(app.import_registry(&csv).status.success());
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    let session: serde_json::Value = app
        .client
        .post(format!("{}/api/mobile/session", app.base))
        .json(&serde_json::json!({ "numero_unique": NUMERO, "date_naissance": "1980-02-03", "code": code }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = session["jeton"].as_str().unwrap().to_string();

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
        let (s, v) = app
            .deposit(
                &token,
                NUMERO,
                Some(type_code),
                &[("photo.jpg", jpeg.clone())],
            )
            .await;
        assert_eq!(s, 202, "{name}: {v}");
        let p = app.wait_piece(&token, v["id"].as_str().unwrap()).await;
        assert_eq!(p["status"], "attached", "{name}: {p}");
        assert_eq!(p["page_count"], 1);
        let pdf = app
            .client
            .get(format!(
                "{}/api/pieces/{}/fichier",
                app.base,
                p["id"].as_str().unwrap()
            ))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(crate::app::check_pdf(&pdf), 1);
        assert!(pdf.len() < 2 * 1024 * 1024, "{name}: {} bytes", pdf.len());
        assert!(
            !pdf.windows(4).any(|w| w == b"Exif"),
            "{name}: metadata left in the piece"
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
