use crate::app::TestApp;

const HEAD: &str =
    "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n";

#[tokio::test]
async fn registry_import_is_idempotent_and_names_bad_lines() {
    let app = TestApp::spawn().await;
    let csv = format!(
        "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
         02A0124000001TESTK,CASANOVA,Paul,1975-07-14,radiee,02A,TESTK,2024-01-10\n"
    );
    let first = app.import_registry(&csv);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("2 ajoutées"));
    let again = app.import_registry(&csv);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("2 inchangées"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM demandes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 2);

    let changed = csv.replace("radiee", "active");
    let out = app.import_registry(&changed);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 mises à jour"));

    let bad = format!(
        "{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n\
         0751320123456DGALN,MARTIN,Paul,1980-02-03,active,075,DGALN,2020-12-01\n"
    );
    let out = app.import_registry(&bad);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ligne 3") && err.contains("mois"), "{err}");
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM demandes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 2, "a bad file imports nothing");
    app.cleanup().await;
}

#[tokio::test]
async fn the_journal_is_append_only() {
    let app = TestApp::spawn().await;
    let csv =
        format!("{HEAD}0751220123456DGALN,DUPONT,Marie,1980-02-03,active,075,DGALN,2020-12-01\n");
    assert!(app.import_registry(&csv).status.success());
    sqlx::query("INSERT INTO journal (demande, event, actor) VALUES ('0751220123456DGALN', 'consultation', 'test')")
        .execute(&app.db)
        .await
        .unwrap();
    let update = sqlx::query("UPDATE journal SET actor = 'someone else'")
        .execute(&app.db)
        .await;
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = sqlx::query("DELETE FROM journal").execute(&app.db).await;
    assert!(delete.is_err());
    let truncate = sqlx::query("TRUNCATE journal").execute(&app.db).await;
    assert!(truncate.is_err());
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM journal")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    app.cleanup().await;
}
