//! A piece a caller may not see stays invisible through every answer he gets: limits reached on
//! a sensible type put the new piece aside instead of refusing it, a stale note about a former
//! type goes with the retype, the applicant gets neither internal notes nor untyped deposits of
//! the guichet, operators read no sensible type out of their queue, and dead letters of another
//! territory are answered like missing ones. (Found by a probe run from outside.)

use serde_json::{json, Value};
use uuid::Uuid;

use crate::app::{get, get_json, send, session_deposit, small_pdf, PaperPli, TestApp};

const PARIS: &str = "0751220123456DGALN";
const LYON: &str = "0691220123457DGALN";
const BIRTH: &str = "1980-02-03";

async fn setup(app: &TestApp) {
    let csv = format!(
        "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
         {PARIS},DUPONT,Marie,{BIRTH},active,075,DGALN,2020-12-01\n\
         {LYON},MARTIN,Paul,1975-05-06,active,069,DGALN,2020-12-01\n"
    );
    assert!(app.import_registry(&csv).status.success());
}

/// Deposits and waits (as `waiter`, who may see it); returns the piece.
async fn deposited(
    app: &TestApp,
    token: &str,
    waiter: &str,
    type_code: Option<&str>,
    text: &str,
) -> Value {
    let (s, v) = app
        .deposit(token, PARIS, type_code, &[("p.pdf", small_pdf(text))])
        .await;
    assert_eq!(s, 202, "{v}");
    app.wait_piece(waiter, v["id"].as_str().unwrap()).await
}

#[tokio::test]
async fn a_sensible_type_beyond_its_limit_is_put_aside_not_refused() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    // CERTMED allows two pieces; the guichet may deposit them but not see them.
    for i in 0..2 {
        let p = deposited(
            &app,
            &guichet,
            &admin,
            Some("CERTMED"),
            &format!("Certificat {i}"),
        )
        .await;
        assert_eq!(p["status"], "attached");
    }
    // A third: answered like the first two (the guichet learns nothing), attached to nothing.
    let (s, v) = app
        .deposit(
            &guichet,
            PARIS,
            Some("CERTMED"),
            &[("c.pdf", small_pdf("Certificat 3"))],
        )
        .await;
    assert_eq!(s, 202, "{v}");
    let third = app.wait_piece(&admin, v["id"].as_str().unwrap()).await;
    assert_eq!(third["status"], "to_review", "{third}");
    assert!(
        third["status_reason"].as_str().unwrap().contains("limite"),
        "{third}"
    );
    // Same for a change of type by the guichet on a plain piece.
    let plain = deposited(&app, &guichet, &guichet, Some("INDEC"), "Constat").await;
    let id = plain["id"].as_str().unwrap();
    let (s, body) = send(
        &app,
        &guichet,
        "PATCH",
        &format!("/api/pieces/{id}"),
        json!({"type": "CERTMED"}),
    )
    .await;
    assert!(matches!(s, 200 | 204), "{s} {body}");
    let p = get_json(&app, &admin, &format!("/api/pieces/{id}")).await;
    assert_eq!(
        (p["type"].as_str(), p["status"].as_str()),
        (Some("CERTMED"), Some("to_review")),
        "{p}"
    );
    // The limit still holds: two attached.
    let listed = get_json(&app, &admin, &format!("/api/demandes/{PARIS}")).await;
    let attached = listed["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["type"] == "CERTMED" && p["status"] == "attached")
        .count();
    assert_eq!(attached, 2);
    // What is put aside is for a profile cleared for it, not the operators' queue: there it
    // would tell them the demande is full, and they could not attach it anyway.
    let op = app.token("operateur", "NUMER", "075");
    let queue = get(&app, &op, "/api/revue").await.1;
    assert!(
        !queue.contains(third["id"].as_str().unwrap()) && !queue.contains(id),
        "{queue}"
    );
    // The gestionnaire may delete what was put aside.
    let (s, body) = send(
        &app,
        &admin,
        "POST",
        &format!("/api/pieces/{id}/quarantaine"),
        json!({"motif": "en trop"}),
    )
    .await;
    assert_eq!(s, 204, "{body}");
    app.cleanup().await;
}

#[tokio::test]
async fn a_note_about_a_former_type_goes_with_the_retype() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let simple = app.token("consultant_simple", "DGALN", "075");
    let p = deposited(&app, &guichet, &admin, Some("VIOL"), "Avis d'impôt").await;
    let id = p["id"].as_str().unwrap();
    // As the worker writes a doubt about the chosen type (here a sensible one, not named).
    sqlx::query("UPDATE pieces SET check_reason = 'le document lu ne ressemble pas au type choisi ; pièce au nom d''une autre personne que le ménage' WHERE id = $1::uuid")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    let (s, _) = send(
        &app,
        &admin,
        "PATCH",
        &format!("/api/pieces/{id}"),
        json!({"type": "MUTPRO"}),
    )
    .await;
    assert_eq!(s, 200);
    let (s, body) = get(&app, &simple, &format!("/api/pieces/{id}")).await;
    assert_eq!(s, 200, "{body}");
    assert!(!body.contains("type choisi"), "{body}");
    assert!(
        body.contains("autre personne"),
        "the other notes stay: {body}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn the_applicant_gets_no_internal_note_and_no_untyped_deposit_of_the_guichet() {
    let app = TestApp::spawn().await;
    setup(&app).await;
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let untyped = deposited(&app, &guichet, &admin, None, "Sans type").await;
    let untyped = untyped["id"].as_str().unwrap();
    let code = app.admin(&["code-teledemandeur", PARIS], None);
    let (cookie, csrf) = crate::portals::applicant_login(&app, PARIS, BIRTH, &code).await;
    let get = |path: String| {
        let r = app
            .client
            .get(format!("{}{path}", app.base))
            .header("cookie", format!("du_session={cookie}"));
        async move { r.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(get(format!("/api/pieces/{untyped}")).await, 404);
    assert_eq!(get(format!("/api/pieces/{untyped}/fichier")).await, 404);
    // He may not deposit an internal note either, and his form does not offer it.
    let r = session_deposit(&app, PARIS, (&cookie, &csrf), "NOTE", ("Note", "n.pdf")).await;
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.unwrap().contains("réservé"));
    let page = app
        .client
        .get(format!("{}/demandeur", app.base))
        .header("cookie", format!("du_session={cookie}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("value=\"AVIS\"") && !page.contains("value=\"NOTE\""));
    app.cleanup().await;
}

#[tokio::test]
async fn operators_read_no_sensible_type_out_of_their_queue_nor_dead_letters_of_another_territory()
{
    let app = TestApp::spawn().await;
    setup(&app).await;
    let paris_op = app.token("operateur", "NUMER", "075");
    let lyon_op = app.token("operateur", "NUMER", "069");
    // A Paris batch whose pli was attached, one of its pieces since retyped VIOL.
    let (batch, _, piece) = app
        .paper_pli(PaperPli {
            territory: &["075"],
            demande: Some(PARIS),
            outcome: "attached",
            piece_type: Some("VIOL"),
        })
        .await;
    let (s, status) = get(&app, &paris_op, &format!("/batches/{batch}")).await;
    assert_eq!(s, 200, "{status}");
    assert!(
        status.contains(&piece.to_string())
            && !status.contains("VIOL")
            && !status.contains("MOTIF"),
        "{status}"
    );
    // A dead letter of a Lyon piece: the Paris operator can neither see, replay nor close it.
    let lyon_piece = Uuid::new_v4();
    sqlx::query(
        "INSERT INTO pieces (id, demande, type_code, category, status, page_count, channel, deposited_by)
         VALUES ($1, $2, 'AVIS', 'REVFIS', 'processing', NULL, 'ws', 'x')",
    )
    .bind(lyon_piece)
    .bind(LYON)
    .execute(&app.db)
    .await
    .unwrap();
    let dead = Uuid::new_v4();
    sqlx::query("INSERT INTO dead_letters (id, queue, payload, job_kind, job_id, reason) VALUES ($1, 'q', 'x', 'piece', $2, 'illisible')")
        .bind(dead)
        .bind(lyon_piece)
        .execute(&app.db)
        .await
        .unwrap();
    let missing = send(
        &app,
        &paris_op,
        "POST",
        &format!("/api/echecs/{}/classement", Uuid::new_v4()),
        json!({}),
    )
    .await;
    assert_eq!(missing.0, 404);
    assert!(!get(&app, &paris_op, "/api/echecs")
        .await
        .1
        .contains(&dead.to_string()));
    for action in ["relance", "classement"] {
        let r = send(
            &app,
            &paris_op,
            "POST",
            &format!("/api/echecs/{dead}/{action}"),
            json!({}),
        )
        .await;
        assert_eq!(r, missing, "{action}");
    }
    let r = send(
        &app,
        &lyon_op,
        "POST",
        &format!("/api/echecs/{dead}/classement"),
        json!({}),
    )
    .await;
    assert_eq!(r.0, 204, "{r:?}");
    app.cleanup().await;
}
