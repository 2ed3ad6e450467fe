//! Logging in, CSRF, lock-out, limits under concurrency, e-mails and the OpenAPI document,
//! through the real API and worker.

use serde_json::{json, Value};

use crate::app::{
    get_json, hidden_csrf, login_form, marie_line, mobile_session, no_redirect, pdf_part,
    send_text, session_get, session_post, set_cookie, small_pdf, wait_mails, TestApp, BIRTH,
    NUMERO, REGISTRY_COLUMNS,
};

/// Logs an applicant in through the public portal's form; returns (session cookie, CSRF token).
pub async fn applicant_login(
    app: &TestApp,
    numero: &str,
    birth: &str,
    code: &str,
) -> (String, String) {
    let r = login_form(
        app,
        "/demandeur/connexion",
        &[
            ("numero", numero),
            ("date_naissance", birth),
            ("code", code),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303, "{}", r.text().await.unwrap());
    let cookie = set_cookie(&r, "du_session").expect("a session cookie");
    let page = send_text(session_get(app, "/demandeur", &cookie)).await;
    (cookie, hidden_csrf(&page))
}

fn registry(email: &str) -> String {
    format!(
        "{REGISTRY_COLUMNS},email\n{},{email}\n",
        marie_line("active")
    )
}

#[tokio::test]
async fn staff_login_sets_a_safe_cookie_and_locks_after_five_failures() {
    let app = TestApp::spawn().await;
    app.add_user("claire", "un mot de passe solide");
    let ok = login_form(
        &app,
        "/connexion",
        &[("login", "claire"), ("password", "un mot de passe solide")],
    )
    .await;
    assert_eq!(ok.status().as_u16(), 303);
    assert_eq!(ok.headers()["location"], "/consultation");
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = set_cookie(&ok, "du_session").unwrap();

    // A form posted without the session's CSRF token is refused.
    let r = no_redirect()
        .post(format!(
            "{}/api/pieces/{}/quarantaine",
            app.base,
            uuid::Uuid::new_v4()
        ))
        .header("cookie", format!("du_session={session}"))
        .json(&json!({ "motif": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    // A login form without its double-submit token is refused too.
    let r = no_redirect()
        .post(format!("{}/connexion", app.base))
        .form(&[
            ("login", "claire"),
            ("password", "un mot de passe solide"),
            ("_csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.unwrap().contains("Le formulaire a expiré"));

    for _ in 0..5 {
        let r = login_form(
            &app,
            "/connexion",
            &[("login", "claire"), ("password", "mauvais")],
        )
        .await;
        assert_eq!(r.status().as_u16(), 200);
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("Identifiant ou mot de passe incorrect"));
    }
    // Delayed now (a second after the fifth failure), even with the right password, and
    // answered like a wrong one (accounts.rs tests the delays).
    let r = login_form(
        &app,
        "/connexion",
        &[("login", "claire"), ("password", "un mot de passe solide")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Identifiant ou mot de passe incorrect"));
    // Logging out ends the session.
    let page = send_text(session_get(&app, "/consultation", &session)).await;
    let csrf = hidden_csrf(&page);
    let out = session_post(&app, "/deconnexion", &session)
        .form(&[("_csrf", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 303);
    let after = session_get(&app, "/consultation", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(after.headers()["location"], "/connexion");
    // Passwords are stored as argon2 hashes.
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE login = 'claire'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$"));
    app.cleanup().await;
}

#[tokio::test]
async fn fifty_simultaneous_payslips_leave_exactly_fifteen_also_racing_restores() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&registry("marie@example.org"));
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    // Ten payslips, five of them deleted into quarantine.
    let mut quarantined = Vec::new();
    for i in 0..10 {
        let (s, v) = app
            .deposit(
                &guichet,
                NUMERO,
                Some("FPAIE"),
                &[("p.pdf", small_pdf(&format!("Paie {i}")))],
            )
            .await;
        assert_eq!(s, 202, "{v}");
        let id = v["id"].as_str().unwrap().to_string();
        app.wait_piece(&guichet, &id).await;
        if i < 5 {
            let r = app
                .client
                .post(format!("{}/api/pieces/{id}/quarantaine", app.base))
                .bearer_auth(&guichet)
                .json(&json!({ "motif": "doublon" }))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status().as_u16(), 204);
            quarantined.push(id);
        }
    }
    // 50 uploads and 5 restorations at once, on a demande holding 5 payslips (limit 15).
    let uploads = (0..50).map(|i| {
        let app = &app;
        let guichet = &guichet;
        async move {
            app.deposit(
                guichet,
                NUMERO,
                Some("FPAIE"),
                &[("p.pdf", small_pdf(&format!("Nouvelle paie {i}")))],
            )
            .await
            .0
        }
    });
    let restores = quarantined.iter().map(|id| {
        let app = &app;
        let guichet = &guichet;
        async move {
            app.client
                .post(format!("{}/api/pieces/{id}/restauration", app.base))
                .bearer_auth(guichet)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    });
    let (u, r) = tokio::join!(futures_join_all(uploads), futures_join_all(restores));
    let accepted =
        u.iter().filter(|s| **s == 202).count() + r.iter().filter(|s| **s == 204).count();
    assert!(
        u.iter().chain(&r).all(|s| matches!(s, 202 | 204 | 409)),
        "{u:?} {r:?}"
    );
    let held: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pieces WHERE demande = $1 AND type_code = 'FPAIE' AND status IN ('processing', 'attached')",
    )
    .bind(NUMERO)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(held, 15, "uploads {u:?} restores {r:?}");
    assert_eq!(accepted, 10);
    // The refusal names the limit.
    let (s, v) = app
        .deposit_pdf(&guichet, NUMERO, "FPAIE", "p.pdf", "Une de trop")
        .await;
    assert_eq!(s, 409);
    assert!(
        v["erreur"]
            .as_str()
            .unwrap()
            .contains("limite de 15 pièces « Bulletin de salaire"),
        "{v}"
    );
    app.cleanup().await;
}

async fn futures_join_all<F: std::future::Future<Output = u16>>(
    futures: impl Iterator<Item = F>,
) -> Vec<u16> {
    let handles: Vec<_> = futures.collect();
    let mut out = Vec::with_capacity(handles.len());
    // Polled together: join_all without a dependency.
    let mut pinned: Vec<std::pin::Pin<Box<F>>> = handles.into_iter().map(Box::pin).collect();
    let mut done: Vec<Option<u16>> = vec![None; pinned.len()];
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in pinned.iter_mut().enumerate() {
            if done[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => done[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    out.extend(done.into_iter().map(Option::unwrap));
    out
}

#[tokio::test]
async fn an_applicant_uploads_a_two_file_piece_that_becomes_one_ready_pdf() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&registry("marie@example.org"));
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    // A wrong code is refused without saying which field was wrong.
    let r = login_form(
        &app,
        "/demandeur/connexion",
        &[
            ("numero", NUMERO),
            ("date_naissance", BIRTH),
            ("code", "AAAA-BBBB-CCCC"),
        ],
    )
    .await;
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("Numéro unique, date de naissance ou code télédemandeur incorrect"));
    let (cookie, csrf) =
        applicant_login(&app, "075 1220 123456 DGALN", BIRTH, &code.to_lowercase()).await;
    let form = reqwest::multipart::Form::new()
        .text("_csrf", csrf.clone())
        .text("type", "AVIS")
        .text("date_fin_validite", "2027-12-31")
        .part("fichier", pdf_part("Avis page 1", "recto.pdf"))
        .part("fichier", pdf_part("Avis page 2", "verso.pdf"));
    let r = session_post(&app, "/demandeur/pieces", &cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "/demandeur");
    // The outcome travels in a one-time cookie, never in the URL.
    assert!(
        set_cookie(&r, "du_flash").is_some_and(|f| f.starts_with('i')),
        "{:?}",
        r.headers()
    );
    let id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM pieces WHERE demande = $1")
        .bind(NUMERO)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");
    let p = app.wait_piece(&admin, &id.to_string()).await;
    assert_eq!(p["status"], "attached");
    assert_eq!(p["page_count"], 2);
    assert_eq!(p["channel"], "pgp");
    assert_eq!(p["date_fin_validite"], "2027-12-31");
    // The applicant downloads it: one PDF, served as an attachment, not sniffable.
    let r = app
        .client
        .get(format!("{}/api/pieces/{id}/fichier", app.base))
        .header("cookie", format!("du_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert_eq!(crate::app::check_pdf(&r.bytes().await.unwrap()), 2);
    // Above 30 MB the deposit is refused with a message naming the limit.
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(30 * 1024 * 1024 + 100_000, b' ');
    let form = reqwest::multipart::Form::new().text("type", "AVIS").part(
        "fichier",
        reqwest::multipart::Part::bytes(big).file_name("gros.pdf"),
    );
    let r = app
        .client
        .post(format!("{}/api/demandes/{NUMERO}/pieces", app.base))
        .header("cookie", format!("du_session={cookie}"))
        .header("x-csrf-token", &csrf)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.unwrap().contains("limite de 30 Mo"));
    // A file that is neither PDF nor image is refused whatever its name.
    let form = reqwest::multipart::Form::new().text("type", "AVIS").part(
        "fichier",
        reqwest::multipart::Part::bytes(b"PK\x03\x04 zip".to_vec()).file_name("avis.pdf"),
    );
    let r = app
        .client
        .post(format!("{}/api/demandes/{NUMERO}/pieces", app.base))
        .header("cookie", format!("du_session={cookie}"))
        .header("x-csrf-token", &csrf)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.unwrap().contains("ni un PDF, ni une image"));
    app.cleanup().await;
}

#[tokio::test]
async fn rejecting_a_defective_piece_mails_the_guichet_and_attaching_mails_the_applicant() {
    let app = TestApp::spawn().await;
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let applicant = format!("demandeur-{tag}@example.org");
    let guichet_mail = format!("guichet-{tag}@example.org");
    app.import_registry_ok(&registry(&applicant));
    app.admin(
        &[
            "guichets",
            "add",
            "--code",
            "DGALN",
            "--libelle",
            "Mairie de test",
            "--email",
            &guichet_mail,
        ],
        None,
    );
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let operator = app.token("operateur", "NUMER", "075");
    // Two digital deposits to qualify (no type): one is rejected, one typed and attached.
    let mut ids = Vec::new();
    for text in ["Illisible", "Avis d'imposition"] {
        let (s, v) = app
            .deposit(&guichet, NUMERO, None, &[("p.pdf", small_pdf(text))])
            .await;
        assert_eq!(s, 202, "{v}");
        let id = v["id"].as_str().unwrap().to_string();
        assert_eq!(app.wait_piece(&operator, &id).await["status"], "to_review");
        ids.push(id);
    }
    let queue = get_json(&app, &operator, "/api/revue").await;
    assert_eq!(queue["depots"].as_array().unwrap().len(), 2, "{queue}");
    let r = app
        .client
        .post(format!("{}/api/pieces/{}/rejet", app.base, ids[0]))
        .bearer_auth(&operator)
        .json(&json!({ "motif": "page coupée, texte illisible" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let r = app
        .client
        .patch(format!("{}/api/pieces/{}", app.base, ids[1]))
        .bearer_auth(&operator)
        .json(&json!({ "type": "AVIS" }))
        .send()
        .await
        .unwrap();
    // Typed, the deposit leaves the queue for its demande: out of the operator's sight.
    assert_eq!(r.status().as_u16(), 204, "{}", r.text().await.unwrap());
    let p = app.wait_piece(&guichet, &ids[1]).await;
    assert_eq!(p["status"], "attached");
    assert_eq!(p["type"], "AVIS");

    let mails = wait_mails(&guichet_mail, 1).await;
    assert!(mails[0].0.contains("rejetée"), "{mails:?}");
    assert!(
        mails[0].1.contains("page coupée, texte illisible") && mails[0].1.contains(&ids[0]),
        "{mails:?}"
    );
    // The applicant is told when pieces sent by post are added: a pli attached by an operator.
    // Sent from the operators' territory: its plis on no demande are theirs.
    let (_, pli, _) = app
        .paper_pli(crate::app::PaperPli {
            territory: &["075"],
            demande: None,
            outcome: "unreadable_cover",
            piece_type: Some("CAF"),
        })
        .await;
    let r = app
        .client
        .post(format!("{}/api/plis/{pli}/rattachement", app.base))
        .bearer_auth(&operator)
        .json(&json!({ "numero_unique": "075 1220 123456 DGALN" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200, "{}", r.text().await.unwrap());
    let mails = wait_mails(&applicant, 1).await;
    assert!(mails[0].0.contains("courrier"), "{mails:?}");
    assert!(mails[0].1.contains("075 1220 123456 DGALN"), "{mails:?}");
    // An unknown number is refused with a message that says so.
    let r = app
        .client
        .post(format!("{}/api/plis/{pli}/rattachement", app.base))
        .bearer_auth(&operator)
        .json(&json!({ "numero_unique": "0751220999999DGALN" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.unwrap().contains("inconnu du registre"));
    app.cleanup().await;
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = TestApp::spawn().await;
    let doc: Value = app
        .client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/demandes/{numero}/pieces",
        "/api/pieces/{id}/fichier",
        "/api/demandes/{numero}/journal.csv",
        "/api/plis/{id}/rattachement",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} missing");
    }
    assert!(doc["components"]["securitySchemes"]["jeton"].is_object());
    // Without credentials the API answers 401, in French.
    let r = app
        .client
        .get(format!("{}/api/revue", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()["erreur"],
        "authentification requise"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_phone_app_deposits_with_its_session_token_and_a_file_is_never_stored_twice() {
    let app = TestApp::spawn().await;
    let other = "0691220123457DGALN";
    let csv = format!(
        "{}{other},MARTIN,Paul,1975-05-06,active,069,DGALN,2020-12-01,\n",
        registry("marie@example.org")
    );
    app.import_registry_ok(&csv);
    let code = app.admin(&["code-teledemandeur", NUMERO], None);
    let (s, v) = mobile_session(&app, NUMERO, BIRTH, "AAAA-BBBB-CCCC").await;
    assert_eq!(s, 401);
    assert!(
        v["erreur"]
            .as_str()
            .unwrap()
            .contains("code télédemandeur incorrect"),
        "{v}"
    );
    let (s, v) = mobile_session(&app, NUMERO, BIRTH, &code).await;
    assert_eq!(s, 200, "{v}");
    let token = v["jeton"].as_str().unwrap().to_string();

    let file = small_pdf("Quittance de loyer");
    let (s, v) = app
        .deposit(
            &token,
            NUMERO,
            Some("JUSTL"),
            &[("quittance.pdf", file.clone())],
        )
        .await;
    assert_eq!(s, 202, "{v}");
    let p = app.wait_piece(&token, v["id"].as_str().unwrap()).await;
    assert_eq!(p["status"], "attached");
    assert_eq!(p["channel"], "mobile");
    assert!(p["by_applicant"].as_bool().unwrap());
    // The same file again, even under another type: told it is already there.
    let (s, v) = app
        .deposit(&token, NUMERO, Some("BAIL"), &[("copie.pdf", file)])
        .await;
    assert_eq!(s, 409, "{v}");
    let msg = v["erreur"].as_str().unwrap();
    assert!(
        msg.contains("déjà dans la demande") && msg.contains("Quittance"),
        "{msg}"
    );
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM pieces WHERE demande = $1")
        .bind(NUMERO)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(n, 1);
    // The phone's token reaches the applicant's own demande only, and is no cookie.
    let (s, _) = app
        .deposit_pdf(&token, other, "JUSTL", "q.pdf", "Autre")
        .await;
    assert_eq!(s, 404);
    let r = session_get(&app, "/demandeur", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    app.cleanup().await;
}
