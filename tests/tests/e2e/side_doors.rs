//! The paths around the access matrix: operators' territory on batches and plis, journal rows
//! and messages that would name a sensible piece, untyped pieces, redirects that would tell a
//! piece's demande, consultations journaled, quarantine, internal notes — and a
//! guard that every route of the router is listed here with the test that probes it.

use serde_json::{json, Value};
use uuid::Uuid;

use crate::app::{
    get, marie_line, no_redirect, pdf_part, send, send_text, small_pdf, PaperPli, TestApp, BIRTH,
    NUMERO, REGISTRY_COLUMNS,
};

/// Marie Dupont's demande, in Paris.
const PARIS: &str = NUMERO;
const LYON: &str = "0691220123457DGALN";

/// Deposits a piece and waits for it with `waiter` (a guichet enregistreur may deposit a
/// sensible piece he may not see); returns its metadata.
async fn deposited(
    app: &TestApp,
    token: &str,
    waiter: &str,
    numero: &str,
    type_code: &str,
    pdf: Vec<u8>,
) -> Value {
    let (s, v) = app
        .deposit(token, numero, Some(type_code), &[("p.pdf", pdf)])
        .await;
    assert_eq!(s, 202, "{v}");
    app.wait_piece(waiter, v["id"].as_str().unwrap()).await
}

fn spaced(n: &str) -> String {
    plan_de_classement::NumeroUnique::parse(n).unwrap().spaced()
}

fn registry() -> String {
    format!(
        "{REGISTRY_COLUMNS}\n{}\n{LYON},MARTIN,Paul,1975-05-06,active,069,DGALN,2020-12-01\n",
        marie_line("active")
    )
}

/// A pli put aside in a batch sent from `territory`, on `demande` or on none (numéro
/// unknown), its piece untyped in the review queue; returns (batch, pli, piece).
async fn queued_pli(
    app: &TestApp,
    territory: &[&str],
    demande: Option<&str>,
) -> (Uuid, Uuid, Uuid) {
    app.paper_pli(PaperPli {
        territory,
        demande,
        outcome: if demande.is_some() {
            "needs_review"
        } else {
            "unknown_numero"
        },
        piece_type: None,
    })
    .await
}

#[tokio::test]
async fn operators_reach_only_the_batches_plis_and_pieces_of_their_territory() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&registry());
    let paris_op = app.token("operateur", "NUMER", "075");
    let lyon_op = app.token("operateur", "NUMER", "069");
    // A batch sent from Lyon: one pli of a Lyon demande, one whose numéro nobody knows.
    let (lyon_batch, lyon_pli, lyon_piece) = queued_pli(&app, &["069"], Some(LYON)).await;
    let (_, unknown_pli, unknown_piece) = queued_pli(&app, &["069"], None).await;
    // A batch sent from Paris holding a pli of a Lyon demande (mail goes astray).
    let (paris_batch, stray_pli, stray_piece) = queued_pli(&app, &["075"], Some(LYON)).await;
    let missing = get(&app, &paris_op, &format!("/batches/{}", Uuid::new_v4())).await;
    assert_eq!(missing.0, 404);

    let (s, lots) = get(&app, &paris_op, "/api/lots").await;
    assert_eq!(s, 200);
    assert!(!lots.contains(&lyon_batch.to_string()), "{lots}");
    assert!(lots.contains(&paris_batch.to_string()), "{lots}");
    // Its own batch, without the stray pli of another territory.
    let (s, status) = get(&app, &paris_op, &format!("/batches/{paris_batch}")).await;
    assert_eq!(s, 200, "{status}");
    assert!(
        !status.contains(LYON) && !status.contains(&stray_piece.to_string()),
        "{status}"
    );
    assert_eq!(
        get(&app, &paris_op, &format!("/batches/{lyon_batch}")).await,
        missing,
        "another territory's batch answers like a missing one"
    );
    let (_, queue) = get(&app, &paris_op, "/api/revue").await;
    for id in [lyon_pli, unknown_pli, stray_pli] {
        assert!(!queue.contains(&id.to_string()), "{id} in {queue}");
    }
    let (_, html) = get(&app, &paris_op, "/pro/lots").await;
    assert!(!html.contains(&lyon_batch.to_string()));
    let (_, html) = get(&app, &paris_op, "/pro/revue").await;
    for id in [lyon_piece, unknown_piece, stray_piece] {
        assert!(!html.contains(&id.to_string()), "{id} on the queue page");
    }
    // Not one piece of them: open, thumbnail, metadata, retype, reject, cover, attach.
    let missing_piece = get(&app, &paris_op, &format!("/api/pieces/{}", Uuid::new_v4())).await;
    for piece in [lyon_piece, unknown_piece, stray_piece] {
        for path in ["", "/fichier", "/vignette"] {
            assert_eq!(
                get(&app, &paris_op, &format!("/api/pieces/{piece}{path}")).await,
                missing_piece,
                "{path}"
            );
        }
        let r = send(
            &app,
            &paris_op,
            "PATCH",
            &format!("/api/pieces/{piece}"),
            json!({"type": "AVIS"}),
        )
        .await;
        assert_eq!(r, missing_piece);
        let r = send(
            &app,
            &paris_op,
            "POST",
            &format!("/api/pieces/{piece}/rejet"),
            json!({"motif": "x"}),
        )
        .await;
        assert_eq!(r, missing_piece);
    }
    for pli in [lyon_pli, unknown_pli, stray_pli] {
        assert_eq!(
            get(&app, &paris_op, &format!("/api/plis/{pli}/couverture"))
                .await
                .0,
            404
        );
        let r = send(
            &app,
            &paris_op,
            "POST",
            &format!("/api/plis/{pli}/rattachement"),
            json!({"numero_unique": PARIS}),
        )
        .await;
        assert_eq!(r.0, 404, "{r:?}");
    }
    // The Lyon operator has them all, and the cover he reads is journaled on the demande.
    let (_, lots) = get(&app, &lyon_op, "/api/lots").await;
    assert!(lots.contains(&lyon_batch.to_string()) && lots.contains(&paris_batch.to_string()));
    let (_, queue) = get(&app, &lyon_op, "/api/revue").await;
    for id in [lyon_pli, unknown_pli, stray_pli] {
        assert!(queue.contains(&id.to_string()), "{id}");
    }
    assert_eq!(
        get(
            &app,
            &lyon_op,
            &format!("/api/pieces/{unknown_piece}/fichier")
        )
        .await
        .0,
        200
    );
    assert_eq!(
        get(&app, &lyon_op, &format!("/api/plis/{lyon_pli}/couverture"))
            .await
            .0,
        200
    );
    assert_eq!(
        get(
            &app,
            &lyon_op,
            &format!("/api/pieces/{lyon_piece}/vignette")
        )
        .await
        .0,
        200
    );
    let views: Vec<String> = sqlx::query_scalar(
        "SELECT details->>'vue' FROM journal WHERE demande = $1 AND event = 'consultation' ORDER BY id",
    )
    .bind(LYON)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(views, ["couverture", "vignette"]);
    // Typing a Paris numéro on a Lyon operator's pli, or an unknown one: one answer.
    let typed = |n: &str| json!({ "numero_unique": n });
    let outside = send(
        &app,
        &lyon_op,
        "POST",
        &format!("/api/plis/{unknown_pli}/rattachement"),
        typed(PARIS),
    )
    .await;
    let unknown = send(
        &app,
        &lyon_op,
        "POST",
        &format!("/api/plis/{unknown_pli}/rattachement"),
        typed("0691220999999DGALN"),
    )
    .await;
    assert_eq!(outside.0, unknown.0);
    assert_eq!(
        outside.1.replace(&spaced(PARIS), "N"),
        unknown.1.replace(&spaced("0691220999999DGALN"), "N")
    );
    app.cleanup().await;
}

#[tokio::test]
async fn nothing_tells_a_profile_of_a_sensible_piece_it_may_not_see() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&registry());
    let admin = app.token("gestionnaire_territorial", "DGALN", "075");
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let reader = app.token("consultant_demande", "DGALN", "075");
    // A sensible piece retyped as a plain one: its past stays out of the reader's journal.
    let viol = deposited(&app, &guichet, &admin, PARIS, "VIOL", small_pdf("Plainte")).await;
    let viol_id = viol["id"].as_str().unwrap();
    let r = send(
        &app,
        &admin,
        "PATCH",
        &format!("/api/pieces/{viol_id}"),
        json!({"type": "INDEC"}),
    )
    .await;
    assert_eq!(r.0, 200, "{r:?}");
    let (_, all) = get(&app, &admin, &format!("/api/demandes/{PARIS}/journal")).await;
    assert!(
        all.contains("VIOL"),
        "the cleared profile reads it all: {all}"
    );
    for path in [
        "/api/demandes/{n}/journal",
        "/api/demandes/{n}/journal.csv",
        "/consultation/demandes/{n}/journal",
    ] {
        let (s, body) = get(&app, &reader, &path.replace("{n}", PARIS)).await;
        assert_eq!(s, 200, "{path}");
        // (The page's type filter lists the whole plan: its rows come after it.)
        let rows = body.split("Exporter en CSV").last().unwrap();
        assert!(
            !rows.contains("VIOL") && !rows.contains("plainte"),
            "{path}: {rows}"
        );
    }
    // Three sensible pieces are the limit: the guichet that may not see them is not told how
    // many there are, nor which piece holds the file he sends again.
    let file = small_pdf("Ordonnance de protection");
    let mut ids = Vec::new();
    for i in 0..2 {
        let p = deposited(
            &app,
            &guichet,
            &admin,
            PARIS,
            "VIOL",
            small_pdf(&format!("Ordonnance {i}")),
        )
        .await;
        ids.push(p["id"].as_str().unwrap().to_string());
    }
    let p = deposited(&app, &guichet, &admin, PARIS, "VIOL", file.clone()).await;
    assert_eq!(p["status"], "attached", "{p}");
    let (s, v) = app
        .deposit(&guichet, PARIS, Some("INDEC"), &[("o.pdf", file.clone())])
        .await;
    // The guichet may not see the piece it duplicates: answered like any deposit, and put
    // aside for someone who may see both.
    assert_eq!(s, 202, "{v}");
    let dup = app.wait_piece(&admin, v["id"].as_str().unwrap()).await;
    assert_eq!(dup["status"], "to_review", "{dup}");
    assert_eq!(dup["duplicate_of"], p["id"], "{dup}");
    // A piece the guichet may see is named when he sends it again.
    let mine = deposited(
        &app,
        &guichet,
        &guichet,
        PARIS,
        "INDEC",
        small_pdf("Constat"),
    )
    .await;
    let (s, v) = app
        .deposit(
            &guichet,
            PARIS,
            Some("INDEC"),
            &[("c.pdf", small_pdf("Constat"))],
        )
        .await;
    assert_eq!(s, 409, "{v}");
    assert!(v.to_string().contains("déjà dans la demande") && mine["status"] == "attached");
    let (s, v) = app
        .deposit(&admin, PARIS, Some("INDEC"), &[("o.pdf", file)])
        .await;
    assert_eq!(s, 404, "a gestionnaire does not deposit: {v}");
    let (s, v) = app
        .deposit_pdf(&guichet, PARIS, "VIOL", "o.pdf", "Une de trop")
        .await;
    // One more than the limit: answered like any deposit, put aside (see hidden_pieces).
    assert_eq!(s, 202, "{v}");
    let msg = v.to_string();
    assert!(
        !msg.contains("Récépissé") && !msg.contains("limite"),
        "{msg}"
    );
    // A deposit nobody typed yet is sensible until it is typed.
    let (s, v) = app
        .deposit(&guichet, PARIS, None, &[("x.pdf", small_pdf("Sans type"))])
        .await;
    assert_eq!(s, 202, "{v}");
    let untyped = v["id"].as_str().unwrap().to_string();
    app.wait_piece(&admin, &untyped).await;
    assert_eq!(
        get(&app, &reader, &format!("/api/pieces/{untyped}"))
            .await
            .0,
        404
    );
    let (_, listed) = get(&app, &reader, &format!("/api/demandes/{PARIS}")).await;
    assert!(
        !listed.contains(&untyped) && listed.contains(viol_id),
        "{listed}"
    );
    app.cleanup().await;
}

#[tokio::test]
async fn quarantine_internal_notes_and_redirects_keep_pieces_out_of_reach() {
    let app = TestApp::spawn().await;
    app.import_registry_ok(&registry());
    let admin = app.token("gestionnaire_territorial", "DGALN", "075,069");
    let guichet = app.token("guichet_enregistreur", "DGALN", "075,069");
    let reader = app.token("consultant_demande", "DGALN", "075");
    let code = app.admin(&["code-teledemandeur", PARIS], None);
    let (cookie, csrf) = crate::portals::applicant_login(&app, PARIS, BIRTH, &code).await;
    let session = |r: reqwest::RequestBuilder| {
        r.header("cookie", format!("du_session={cookie}"))
            .header("x-csrf-token", csrf.clone())
    };
    // The applicant deletes his own upload: out of his reach, and of the API's but for the
    // quarantine view of the profiles that may restore it.
    let form = reqwest::multipart::Form::new()
        .text("type", "AVIS")
        .part("fichier", pdf_part("Avis", "avis.pdf"));
    let r = session(
        app.client
            .post(format!("{}/api/demandes/{PARIS}/pieces", app.base)),
    )
    .multipart(form)
    .send()
    .await
    .unwrap();
    assert_eq!(r.status().as_u16(), 202);
    let mine = r.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.wait_piece(&admin, &mine).await;
    let r = session(
        app.client
            .post(format!("{}/api/pieces/{mine}/quarantaine", app.base)),
    )
    .json(&json!({}))
    .send()
    .await
    .unwrap();
    assert_eq!(r.status().as_u16(), 204);
    let status = |path: String| {
        let r = session(app.client.get(format!("{}{path}", app.base)));
        async move { r.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(status(format!("/api/pieces/{mine}/fichier")).await, 404);
    assert_eq!(status(format!("/api/pieces/{mine}")).await, 404);
    assert_eq!(
        get(&app, &reader, &format!("/api/pieces/{mine}/fichier"))
            .await
            .0,
        404
    );
    let (_, listed) = get(&app, &reader, &format!("/api/demandes/{PARIS}")).await;
    assert!(!listed.contains(&mine));
    assert_eq!(
        get(&app, &admin, &format!("/api/pieces/{mine}/fichier"))
            .await
            .0,
        200
    );
    let (_, page) = get(&app, &admin, &format!("/consultation/demandes/{PARIS}")).await;
    let q = page
        .find("id=\"quarantaine\"")
        .expect("a quarantine section");
    assert!(page[q..].contains(&mine), "listed in the quarantine view");
    let events: Vec<String> = sqlx::query_scalar(
        "SELECT event FROM journal WHERE piece_id = $1::uuid AND event <> 'consultation' ORDER BY id",
    )
    .bind(&mine)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        events[events.len() - 2..],
        ["suppression", "mise_en_quarantaine"]
    );

    // An internal note is not the applicant's.
    let note = deposited(&app, &guichet, &admin, PARIS, "NOTE", small_pdf("Note")).await;
    let note = note["id"].as_str().unwrap();
    assert_eq!(status(format!("/api/pieces/{note}")).await, 404);
    let own = send_text(session(
        app.client.get(format!("{}/api/demandes/{PARIS}", app.base)),
    ))
    .await;
    assert!(!own.contains(note), "{own}");

    // A refused or CSRF-failed form on another demande's piece goes where a missing piece
    // goes: nothing tells which demande it is on.
    let lyon_piece = app
        .deposit_processed(&guichet, LYON, "AVIS", &[("a.pdf", small_pdf("Lyon"))])
        .await;
    let lyon_piece = lyon_piece["id"].as_str().unwrap().to_string();
    let no_redirect = no_redirect();
    for action in ["qualification", "suppression", "restauration"] {
        let mut seen = Vec::new();
        for (piece, token) in [
            (lyon_piece.clone(), csrf.clone()),
            (lyon_piece.clone(), "faux".to_string()),
            (Uuid::new_v4().to_string(), csrf.clone()),
        ] {
            let r = no_redirect
                .post(format!("{}/consultation/pieces/{piece}/{action}", app.base))
                .header("cookie", format!("du_session={cookie}"))
                .form(&[("_csrf", token.as_str()), ("motif", "x"), ("indice", "PR")])
                .send()
                .await
                .unwrap();
            let location = r
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            assert!(
                !location.as_deref().unwrap_or_default().contains(LYON),
                "{action}: {location:?}"
            );
            seen.push((r.status().as_u16(), location));
        }
        assert!(seen.windows(2).all(|w| w[0] == w[1]), "{action}: {seen:?}");
    }

    app.cleanup().await;
}

/// Every route of the router, with the test that probes who may reach it. A new route fails
/// this test until it is added here, with its probe.
const ROUTES: &[(&str, &str)] = &[
    ("/health", "public: no data"),
    ("/batches", "access: operators only (require_review)"),
    ("/batches/{id}", "side_doors: operators_reach_only…"),
    ("/api/openapi.json", "public: the API's description"),
    ("/api/demandes", "access: search within the territory"),
    ("/api/mobile/session", "portals: applicant login"),
    ("/api/demandes/{numero}", "access: matrix (list)"),
    ("/api/demandes/{numero}/pieces", "access: matrix (deposit)"),
    (
        "/api/demandes/{numero}/journal",
        "access: matrix (journal); side_doors: sensible rows",
    ),
    (
        "/api/demandes/{numero}/journal.csv",
        "side_doors: sensible rows, CSV cells",
    ),
    ("/api/pieces/{id}", "access: matrix (list, qualify)"),
    (
        "/api/pieces/{id}/fichier",
        "access: matrix (open); side_doors: quarantine",
    ),
    (
        "/api/pieces/{id}/vignette",
        "side_doors: territory, journaled",
    ),
    (
        "/api/pieces/{id}/quarantaine",
        "access: matrix (quarantine)",
    ),
    ("/api/pieces/{id}/restauration", "access: matrix (restore)"),
    ("/api/pieces/{id}/rejet", "side_doors: territory"),
    ("/api/lots", "side_doors: territory"),
    (
        "/api/lots/{id}/relance",
        "review: operators, batch of the territory",
    ),
    ("/api/echecs", "faults: operators only"),
    ("/api/echecs/{id}/relance", "faults: operators only"),
    ("/api/echecs/{id}/classement", "faults: operators only"),
    ("/api/revue", "side_doors: territory"),
    (
        "/api/plis/{id}/rattachement",
        "side_doors: territory, one answer",
    ),
    (
        "/api/plis/{id}/couverture",
        "side_doors: territory, journaled",
    ),
    (
        "/api/plis/{id}/decoupage",
        "review: operators, pli of the territory",
    ),
    ("/", "public: home"),
    ("/static/portail.css", "public"),
    ("/static/portail.js", "public"),
    ("/connexion", "portals: login"),
    ("/deconnexion", "portals: logout"),
    ("/demandeur/connexion", "portals: applicant login"),
    ("/demandeur", "portals: applicant's own demande"),
    ("/demandeur/pieces", "portals: applicant deposit"),
    (
        "/demandeur/pieces/{id}/suppression",
        "portals: own uploads only",
    ),
    (
        "/demandeur/code",
        "applicant_mail: same answer for any numéro",
    ),
    ("/consultation", "portals: staff search"),
    (
        "/consultation/demandes/{numero}",
        "access + side_doors: quarantine view",
    ),
    (
        "/consultation/demandes/{numero}/pieces",
        "portals: guichet deposit",
    ),
    (
        "/consultation/demandes/{numero}/journal",
        "side_doors: sensible rows",
    ),
    (
        "/consultation/pieces/{id}/qualification",
        "side_doors: no oracle",
    ),
    (
        "/consultation/pieces/{id}/suppression",
        "side_doors: no oracle",
    ),
    (
        "/consultation/pieces/{id}/restauration",
        "side_doors: no oracle",
    ),
    ("/pro/lots", "side_doors: territory"),
    (
        "/pro/revue",
        "review: the queue page (same filter as /api/revue)",
    ),
    ("/pro/lots/{id}/relance", "as /api/lots/{id}/relance"),
    ("/pro/echecs", "as /api/echecs"),
    ("/pro/echecs/{id}/relance", "as /api/echecs/{id}/relance"),
    (
        "/pro/echecs/{id}/classement",
        "as /api/echecs/{id}/classement",
    ),
    (
        "/pro/plis/{id}/rattachement",
        "as /api/plis/{id}/rattachement",
    ),
    ("/pro/plis/{id}/decoupage", "as /api/plis/{id}/decoupage"),
    ("/pro/pieces/{id}/type", "as PATCH /api/pieces/{id}"),
    ("/pro/pieces/{id}/rejet", "as /api/pieces/{id}/rejet"),
];

#[test]
fn every_route_of_the_router_is_in_the_access_tests() {
    let source = include_str!("../../../api/src/lib.rs");
    let mut routes: Vec<&str> = source
        .split(".route(")
        .skip(1)
        .filter_map(|s| s.trim_start().strip_prefix('"'))
        .filter_map(|s| s.split('"').next())
        .collect();
    routes.sort_unstable();
    routes.dedup();
    let listed: Vec<&str> = ROUTES.iter().map(|(r, _)| *r).collect();
    let missing: Vec<&&str> = routes.iter().filter(|r| !listed.contains(r)).collect();
    let stale: Vec<&&str> = listed.iter().filter(|r| !routes.contains(r)).collect();
    assert!(
        routes.len() > 40,
        "the router's routes were not found: {routes:?}"
    );
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without an access probe: {missing:?}; listed but gone: {stale:?}"
    );
}
