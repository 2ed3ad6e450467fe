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
    let (s, v) = app.deposit(&guichet, "0751220123456DGALN", Some("AVIS"), &[("a.pdf", small_pdf("Avis"))]).await;
    assert_eq!(s, 202, "{v}");
    let piece = app.wait_piece(&guichet, v["id"].as_str().unwrap()).await;
    let key: String = sqlx::query_scalar("SELECT object_key FROM pieces WHERE id = $1::uuid")
        .bind(piece["id"].as_str().unwrap())
        .fetch_one(&app.db)
        .await
        .unwrap();
    // As if a worker had stored a piece and crashed before its commit.
    app.put_object("pieces/orphelin.pdf", small_pdf("Orpheline")).await;

    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "1"]);
    assert!(ok, "{out}");
    assert!(out.contains("0 objet(s) orphelin(s)") && out.contains("1 orphelin(s) récent(s)"), "{out}");
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0", "--dry-run"]);
    assert!(ok && out.contains("à supprimer : pieces/orphelin.pdf"), "{out}");
    let (ok, out) = app.admin_status(&["objects", "reconcile", "--grace-hours", "0"]);
    assert!(ok && out.contains("supprimé : pieces/orphelin.pdf"), "{out}");
    assert!(!out.contains(&key), "a referenced object was removed: {out}");
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
