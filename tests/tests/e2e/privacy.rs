//! Logs never carry personal data: a batch, a portal login, deposits, downloads and e-mails run
//! with the services logging at `debug`, then the logs are searched for every name, numéro
//! unique, date of birth and e-mail address of the registry.

use std::time::Duration;

use corpus::{BatchFormat, CorpusOptions};

use crate::app::TestApp;

#[tokio::test]
async fn no_personal_data_reaches_the_logs() {
    let c = corpus::generate(&CorpusOptions {
        plis: 3,
        seed: 5,
        format: BatchFormat::Pdf,
        dpi: 300,
        noise: false,
        ..Default::default()
    })
    .unwrap();
    let app = TestApp::spawn_with_log(Some("debug")).await;
    // Give every applicant an e-mail address, so confirmations are sent (and could leak).
    let mut lines = c.registry_csv.lines();
    let mut csv = format!("{},email\n", lines.next().unwrap());
    let mut secrets: Vec<String> = Vec::new();
    for (i, l) in lines.enumerate() {
        let email = format!("personne{i}@exemple.fr");
        csv += &format!("{l},{email}\n");
        let f: Vec<&str> = l.split(',').collect();
        // numéro unique (plain and spaced), nom, prénom, date of birth, e-mail
        let spaced = plan_de_classement::NumeroUnique::parse(f[0])
            .unwrap()
            .spaced();
        secrets.extend([
            f[0].to_string(),
            spaced,
            f[1].to_string(),
            f[2].to_string(),
            f[3].to_string(),
            email,
        ]);
    }
    assert!(app.import_registry(&csv).status.success());
    let (_, v) = app.submit(c.batch, "lot.pdf").await;
    let status = app
        .wait_batch(v["id"].as_str().unwrap(), Duration::from_secs(180))
        .await;
    assert_eq!(status["status"], "done", "{status}");
    // An applicant logs in and deposits; a guichet downloads.
    let numero = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let code = app.admin(&["code-teledemandeur", &numero], None);
    let birth = csv
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(3)
        .unwrap()
        .to_string();
    let (cookie, csrf) = crate::portals::applicant_login(&app, &numero, &birth, &code).await;
    let r = crate::app::session_deposit(
        &app,
        &numero,
        (&cookie, &csrf),
        "ACNE",
        ("Acte", "acte-de-naissance.pdf"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 202);
    let id = r.json::<serde_json::Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let admin = app.token(
        "gestionnaire_territorial",
        "DGALN",
        &crate::app::all_departements(),
    );
    app.wait_piece(&admin, &id).await;
    let r = app
        .client
        .get(format!("{}/api/pieces/{id}/fichier", app.base))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // Let the e-mail relay run once more.
    tokio::time::sleep(Duration::from_secs(2)).await;

    let logs = app.logs();
    assert!(
        logs.lines().count() > 20,
        "the services logged too little to prove anything:\n{logs}"
    );
    let leaks: Vec<&String> = secrets
        .iter()
        .filter(|s| s.len() >= 3 && logs.contains(s.as_str()))
        .collect();
    assert!(leaks.is_empty(), "personal data in the logs: {leaks:?}");
    assert!(
        !logs.contains("acte-de-naissance"),
        "a file name reached the logs"
    );
    app.cleanup().await;
}
