//! Object storage against the database: orphans are found and removed after a grace period,
//! and a scrub finds an object whose content no longer matches its sha256.

use crate::app::{small_pdf, TestApp};

#[tokio::test]
async fn reconcile_removes_only_old_orphans_and_scrub_finds_altered_objects() {
    let app = TestApp::spawn().await;
    let csv = "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
               0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n";
    assert!(app.import_registry(csv).status.success());
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let (s, v) = app
        .deposit(
            &guichet,
            "0751220123456DGALN",
            Some("AVIS"),
            &[("a.pdf", small_pdf("Avis"))],
        )
        .await;
    assert_eq!(s, 202, "{v}");
    let piece = app.wait_piece(&guichet, v["id"].as_str().unwrap()).await;
    let key: String = sqlx::query_scalar("SELECT object_key FROM pieces WHERE id = $1::uuid")
        .bind(piece["id"].as_str().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    // As if a worker had stored a piece and crashed before its commit.
    app.put_object("pieces/orphelin.pdf", small_pdf("Orpheline"))
        .await;

    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "1"]);
    assert!(ok, "{out}");
    assert!(
        out.contains("0 objet(s) orphelin(s)") && out.contains("1 orphelin(s) récent(s)"),
        "{out}"
    );
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0", "--dry-run"]);
    assert!(
        ok && out.contains("à supprimer : pieces/orphelin.pdf"),
        "{out}"
    );
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0"]);
    assert!(
        ok && out.contains("supprimé : pieces/orphelin.pdf"),
        "{out}"
    );
    assert!(
        !out.contains(&key),
        "a referenced object was removed: {out}"
    );
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0", "--dry-run"]);
    assert!(ok && out.contains("0 objet(s) orphelin(s)"), "{out}");

    let (ok, out) = app.admin_status(&["objects", "scrub"]);
    assert!(ok, "{out}");
    app.put_object(&key, small_pdf("Altérée")).await;
    let (ok, out) = app.admin_status(&["objects", "scrub"]);
    assert!(!ok, "{out}");
    assert!(out.contains(&format!("altéré : {key}")), "{out}");
    app.cleanup().await;
}

#[tokio::test]
async fn retention_purges_radiee_demandes_after_a_year_and_old_quarantine() {
    let app = TestApp::spawn().await;
    let csv = "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
               0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
               0751220123457DGALN,MARTIN,Paul,1975-05-06,active,075,DGALN,2020-12-01\n";
    assert!(app.import_registry(csv).status.success());
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let mut ids = Vec::new();
    for (numero, text) in [
        ("0751220123456DGALN", "Garde"),
        ("0751220123456DGALN", "Quarantaine"),
        ("0751220123457DGALN", "Radiee"),
    ] {
        let (s, v) = app
            .deposit(
                &guichet,
                numero,
                Some("AVIS"),
                &[("a.pdf", small_pdf(text))],
            )
            .await;
        assert_eq!(s, 202, "{v}");
        app.wait_piece(&guichet, v["id"].as_str().unwrap()).await;
        ids.push(v["id"].as_str().unwrap().to_string());
    }
    let key = |id: String| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, Option<String>>(
                "SELECT object_key FROM pieces WHERE id = $1::uuid",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let keys = [
        key(ids[0].clone()).await.unwrap(),
        key(ids[1].clone()).await.unwrap(),
        key(ids[2].clone()).await.unwrap(),
    ];
    let r = app
        .client
        .post(format!("{}/api/pieces/{}/quarantaine", app.base, ids[1]))
        .bearer_auth(&guichet)
        .json(&serde_json::json!({ "motif": "doublon" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    sqlx::query("UPDATE pieces SET updated_at = now() - interval '100 days' WHERE id = $1::uuid")
        .bind(&ids[1])
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("UPDATE demandes SET etat = 'radiee', updated_at = now() - interval '2 years' WHERE numero_unique = '0751220123457DGALN'")
        .execute(&app.db)
        .await
        .unwrap();

    let (ok, out) = app.admin_status(&["retention", "--dry-run"]);
    assert!(ok && out.contains("2 pièce(s) à purger"), "{out}");
    for k in &keys {
        assert!(app.object_exists(k).await, "a dry run removed {k}");
    }
    let (ok, out) = app.admin_status(&["retention"]);
    assert!(ok && out.contains("2 pièce(s) purgée(s)"), "{out}");
    assert!(
        app.object_exists(&keys[0]).await,
        "a live piece's object was removed"
    );
    assert!(!app.object_exists(&keys[1]).await && !app.object_exists(&keys[2]).await);
    let states: Vec<String> = sqlx::query_scalar("SELECT status FROM pieces ORDER BY created_at")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(states, ["attached", "deleted", "deleted"]);
    let journaled: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM journal WHERE event = 'suppression' AND details->>'motif' LIKE 'purge%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(journaled, 2);
    // Nothing left to purge; a scrub still passes.
    let (ok, out) = app.admin_status(&["retention"]);
    assert!(ok && out.contains("0 pièce(s) purgée(s)"), "{out}");
    assert!(app.admin_status(&["objects", "scrub"]).0);
    app.cleanup().await;
}
