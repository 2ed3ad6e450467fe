//! The access matrix of the spec, cell by cell, against the real HTTP API: every profile ×
//! action × sensible or not × inside or outside the territory, and the applicant on his own
//! demande and another's. A refusal must answer exactly like a missing piece or demande.

use serde_json::{json, Value};

use crate::app::{small_pdf, TestApp};

const INSIDE: &str = "0751220123456DGALN";
const OUTSIDE: &str = "0691220123457DGALN";
const BIRTH: &str = "1980-02-03";

const PROFILES: [&str; 6] = [
    "consultant_simple",
    "consultant_demande",
    "consultant_sensible",
    "guichet_enregistreur",
    "gestionnaire_territorial",
    "operateur",
];

/// The spec's matrix for staff, on an attached piece inside the territory:
/// `(action, [allowed on a non-sensible piece per profile], [allowed on a sensible one])`,
/// profiles in the order of [`PROFILES`]. Operators reach only the review queue, so attached
/// pieces are refused to them (their queue is checked separately). Changing a sensible piece
/// needs a profile that may see it.
const STAFF: [(&str, [bool; 6], [bool; 6]); 5] = [
    (
        "list",
        [true, true, true, true, true, false],
        [false, false, true, false, true, false],
    ),
    (
        "open",
        [false, true, true, true, true, false],
        [false, false, true, false, true, false],
    ),
    (
        "qualify",
        [false, false, false, true, true, false],
        [false, false, false, false, true, false],
    ),
    (
        "quarantine",
        [false, false, false, true, true, false],
        [false, false, false, false, true, false],
    ),
    (
        "restore",
        [false, false, false, true, true, false],
        [false, false, false, false, true, false],
    ),
];
const DEPOSIT: [bool; 6] = [false, false, false, true, false, true];
const JOURNAL: [bool; 6] = [false, true, true, true, true, false];

struct World {
    admin: String,
    /// (demande, sensible) → piece id.
    pieces: Vec<(String, bool, String)>,
    /// demande → a piece in the operators' queue.
    queued: Vec<(String, String)>,
    missing_piece: (u16, String),
    missing_demande: (u16, String),
}

impl World {
    fn piece(&self, demande: &str, sensible: bool) -> &str {
        &self
            .pieces
            .iter()
            .find(|(d, s, _)| d == demande && *s == sensible)
            .unwrap()
            .2
    }
}

enum Auth<'a> {
    Bearer(&'a str),
    Session { cookie: &'a str, csrf: &'a str },
}

async fn call(
    app: &TestApp,
    auth: &Auth<'_>,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, String) {
    let url = format!("{}{path}", app.base);
    let mut req = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url),
        "PATCH" => app.client.patch(url),
        _ => unreachable!(),
    };
    req = match auth {
        Auth::Bearer(t) => req.bearer_auth(t),
        Auth::Session { cookie, csrf } => req
            .header("cookie", format!("du_session={cookie}"))
            .header("x-csrf-token", *csrf),
    };
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn deposit_as(
    app: &TestApp,
    auth: &Auth<'_>,
    numero: &str,
    type_code: &str,
) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("type", type_code.to_string())
        .part(
            "fichier",
            reqwest::multipart::Part::bytes(small_pdf(&format!("Piece {}", uuid::Uuid::new_v4())))
                .file_name("p.pdf"),
        );
    let mut req = app
        .client
        .post(format!("{}/api/demandes/{numero}/pieces", app.base))
        .multipart(form);
    req = match auth {
        Auth::Bearer(t) => req.bearer_auth(t),
        Auth::Session { cookie, csrf } => req
            .header("cookie", format!("du_session={cookie}"))
            .header("x-csrf-token", *csrf),
    };
    let r = req.send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Tries one action on one piece; returns whether it was allowed, after checking that a refusal
/// looks exactly like a missing piece, and puts the piece back as it was.
async fn try_piece_action(
    app: &TestApp,
    w: &World,
    auth: &Auth<'_>,
    action: &str,
    piece: &str,
) -> bool {
    let admin = Auth::Bearer(&w.admin);
    let (status, body) = match action {
        "list" => call(app, auth, "GET", &format!("/api/pieces/{piece}"), None).await,
        "open" => {
            call(
                app,
                auth,
                "GET",
                &format!("/api/pieces/{piece}/fichier"),
                None,
            )
            .await
        }
        "qualify" => {
            let now = call(app, &admin, "GET", &format!("/api/pieces/{piece}"), None)
                .await
                .1;
            let next = if now.contains("\"indice\":\"PR\"") {
                "HP"
            } else {
                "PR"
            };
            let r = call(
                app,
                auth,
                "PATCH",
                &format!("/api/pieces/{piece}"),
                Some(json!({ "indice": next })),
            )
            .await;
            let after = call(app, &admin, "GET", &format!("/api/pieces/{piece}"), None)
                .await
                .1;
            assert_eq!(
                matches!(r.0, 200 | 204),
                after.contains(&format!("\"indice\":\"{next}\"")),
                "qualification answered {} but the piece is {after}",
                r.0
            );
            r
        }
        "quarantine" => {
            let r = call(
                app,
                auth,
                "POST",
                &format!("/api/pieces/{piece}/quarantaine"),
                Some(json!({ "motif": "essai" })),
            )
            .await;
            if r.0 == 204 {
                let back = call(
                    app,
                    &admin,
                    "POST",
                    &format!("/api/pieces/{piece}/restauration"),
                    None,
                )
                .await;
                assert_eq!(back.0, 204, "{back:?}");
            }
            r
        }
        "restore" => {
            let q = call(
                app,
                &admin,
                "POST",
                &format!("/api/pieces/{piece}/quarantaine"),
                Some(json!({ "motif": "préparation" })),
            )
            .await;
            assert_eq!(q.0, 204, "{q:?}");
            let r = call(
                app,
                auth,
                "POST",
                &format!("/api/pieces/{piece}/restauration"),
                None,
            )
            .await;
            if r.0 != 204 {
                let back = call(
                    app,
                    &admin,
                    "POST",
                    &format!("/api/pieces/{piece}/restauration"),
                    None,
                )
                .await;
                assert_eq!(back.0, 204, "{back:?}");
            }
            r
        }
        _ => unreachable!(),
    };
    let allowed = (200..300).contains(&status);
    if !allowed {
        assert_eq!(
            (status, body.as_str()),
            (w.missing_piece.0, w.missing_piece.1.as_str()),
            "a refused {action} must answer like a missing piece"
        );
    }
    allowed
}

async fn try_demande_action(
    app: &TestApp,
    w: &World,
    auth: &Auth<'_>,
    action: &str,
    numero: &str,
    sensible: bool,
) -> bool {
    let (status, body) = match action {
        // (An internal note is the services' own: the applicant deposits another sensible type.)
        "deposit" => {
            let sensible_type = match auth {
                Auth::Bearer(_) => "NOTE",
                Auth::Session { .. } => "VIOL",
            };
            deposit_as(
                app,
                auth,
                numero,
                if sensible { sensible_type } else { "ACNE" },
            )
            .await
        }
        "journal" => {
            call(
                app,
                auth,
                "GET",
                &format!("/api/demandes/{numero}/journal"),
                None,
            )
            .await
        }
        _ => unreachable!(),
    };
    let allowed = (200..300).contains(&status);
    if !allowed {
        assert_eq!(
            (status, body.as_str()),
            (w.missing_demande.0, w.missing_demande.1.as_str()),
            "a refused {action} must answer like a missing demande"
        );
    }
    allowed
}

async fn setup(app: &TestApp) -> World {
    let csv = format!(
        "numero_unique,nom,prenom,date_naissance,etat,departement,guichet_code,date_depot\n\
         {INSIDE},DUPONT,Marie,{BIRTH},active,075,DGALN,2020-12-01\n\
         {OUTSIDE},MARTIN,Paul,1975-05-06,active,069,DGALN,2020-12-01\n"
    );
    assert!(app.import_registry(&csv).status.success());
    let admin = app.token("gestionnaire_territorial", "DGALN", "075,069");
    let depositor = app.token("guichet_enregistreur", "DGALN", "075,069");
    let mut pieces = Vec::new();
    let mut queued = Vec::new();
    for d in [INSIDE, OUTSIDE] {
        for (sensible, t) in [(false, "AVIS"), (true, "VIOL")] {
            let (s, v) = app
                .deposit(&depositor, d, Some(t), &[("p.pdf", small_pdf(t))])
                .await;
            assert_eq!(s, 202, "{v}");
            let id = v["id"].as_str().unwrap().to_string();
            // (A guichet enregistreur may deposit a sensible piece but not see it: wait as admin.)
            assert_eq!(app.wait_piece(&admin, &id).await["status"], "attached");
            pieces.push((d.to_string(), sensible, id));
        }
        // Without a type, a guichet's deposit waits in the operators' queue.
        let (s, v) = app
            .deposit(&depositor, d, None, &[("p.pdf", small_pdf("A qualifier"))])
            .await;
        assert_eq!(s, 202, "{v}");
        let id = v["id"].as_str().unwrap().to_string();
        assert_eq!(app.wait_piece(&admin, &id).await["status"], "to_review");
        queued.push((d.to_string(), id));
    }
    let nobody = Auth::Bearer(&admin);
    let missing_piece = call(
        app,
        &nobody,
        "GET",
        &format!("/api/pieces/{}", uuid::Uuid::new_v4()),
        None,
    )
    .await;
    assert_eq!(missing_piece.0, 404);
    let missing_demande = call(
        app,
        &nobody,
        "GET",
        "/api/demandes/0751220999999DGALN/journal",
        None,
    )
    .await;
    assert_eq!(missing_demande.0, 404);
    World {
        admin,
        pieces,
        queued,
        missing_piece,
        missing_demande,
    }
}

#[tokio::test]
async fn the_access_matrix_holds_cell_by_cell_over_http() {
    let app = TestApp::spawn().await;
    let w = setup(&app).await;
    let mut cells = 0;
    let mut wrong = Vec::new();
    for (i, profile) in PROFILES.iter().enumerate() {
        let token = app.token(profile, "DGALN", "075");
        let auth = Auth::Bearer(&token);
        for (action, plain, sensible_row) in STAFF {
            for sensible in [false, true] {
                for (demande, inside) in [(INSIDE, true), (OUTSIDE, false)] {
                    let expected = inside && if sensible { sensible_row[i] } else { plain[i] };
                    let got =
                        try_piece_action(&app, &w, &auth, action, w.piece(demande, sensible)).await;
                    cells += 1;
                    if got != expected {
                        wrong.push(format!(
                            "{profile} {action} sensible={sensible} inside={inside}: got {got}"
                        ));
                    }
                }
            }
        }
        for sensible in [false, true] {
            for (demande, inside) in [(INSIDE, true), (OUTSIDE, false)] {
                let got = try_demande_action(&app, &w, &auth, "deposit", demande, sensible).await;
                cells += 1;
                if got != (inside && DEPOSIT[i]) {
                    wrong.push(format!(
                        "{profile} deposit sensible={sensible} inside={inside}: got {got}"
                    ));
                }
            }
        }
        for (demande, inside) in [(INSIDE, true), (OUTSIDE, false)] {
            let got = try_demande_action(&app, &w, &auth, "journal", demande, false).await;
            cells += 1;
            if got != (inside && JOURNAL[i]) {
                wrong.push(format!("{profile} journal inside={inside}: got {got}"));
            }
        }
        // A deposit waiting in the operators' queue: operators reach it within their territory;
        // untyped, it is sensible for the other profiles until it is typed (fail closed).
        for (demande, piece) in &w.queued {
            let inside = demande == INSIDE;
            for (action, _, sensible_row) in &STAFF[..3] {
                let got = try_piece_action(&app, &w, &auth, action, piece).await;
                cells += 1;
                let expected = inside && (*profile == "operateur" || sensible_row[i]);
                if got != expected {
                    wrong.push(format!(
                        "{profile} {action} on a queued piece inside={inside}: got {got}"
                    ));
                }
            }
        }
    }

    // The pages show what the JSON shows: the same pieces on a demande's page, the same journal
    // rows on the journal page and in the CSV, nothing outside the territory.
    for profile in PROFILES {
        let token = app.token(profile, "DGALN", "075");
        let auth = Auth::Bearer(&token);
        for (demande, inside) in [(INSIDE, true), (OUTSIDE, false)] {
            let (s, json) = call(
                &app,
                &auth,
                "GET",
                &format!("/api/demandes/{demande}"),
                None,
            )
            .await;
            let (_, page) = call(
                &app,
                &auth,
                "GET",
                &format!("/consultation/demandes/{demande}"),
                None,
            )
            .await;
            let all: Vec<&str> = w
                .pieces
                .iter()
                .map(|(_, _, id)| id.as_str())
                .chain(w.queued.iter().map(|(_, id)| id.as_str()))
                .collect();
            let listed = |body: &str| -> Vec<&str> {
                all.iter().copied().filter(|id| body.contains(id)).collect()
            };
            cells += 1;
            if s != 200 {
                if inside && profile != "operateur" || !listed(&page).is_empty() {
                    wrong.push(format!(
                        "{profile} page inside={inside}: JSON {s}, page lists {:?}",
                        listed(&page)
                    ));
                }
                continue;
            }
            if listed(&json) != listed(&page) {
                wrong.push(format!(
                    "{profile} page inside={inside}: JSON lists {:?}, the page {:?}",
                    listed(&json),
                    listed(&page)
                ));
            }
            let (js, journal) = call(
                &app,
                &auth,
                "GET",
                &format!("/api/demandes/{demande}/journal"),
                None,
            )
            .await;
            let (_, csv) = call(
                &app,
                &auth,
                "GET",
                &format!("/api/demandes/{demande}/journal.csv"),
                None,
            )
            .await;
            let (_, html) = call(
                &app,
                &auth,
                "GET",
                &format!("/consultation/demandes/{demande}/journal"),
                None,
            )
            .await;
            cells += 1;
            if js == 200 {
                // The CSV has the JSON's rows; the page names no piece id but must not show more.
                let rows = listed(&journal);
                if rows != listed(&csv) || !listed(&html).iter().all(|id| rows.contains(id)) {
                    wrong.push(format!("{profile} journal views disagree inside={inside}"));
                }
                // A journal row never names a piece the profile may not list.
                let unlisted: Vec<&&str> = rows
                    .iter()
                    .filter(|id| !listed(&json).contains(id))
                    .collect();
                if !unlisted.is_empty() {
                    wrong.push(format!(
                        "{profile} journal names unlisted pieces {unlisted:?}"
                    ));
                }
            }
        }
    }

    // The applicant, on his own demande and on another.
    let code = app.admin(&["code-teledemandeur", INSIDE], None);
    let (cookie, csrf) = crate::portals::applicant_login(&app, INSIDE, BIRTH, &code).await;
    let me = Auth::Session {
        cookie: &cookie,
        csrf: &csrf,
    };
    let (s, v) = deposit_as(&app, &me, INSIDE, "AVIS").await;
    assert_eq!(s, 202, "{v}");
    let mine: Value = serde_json::from_str(&v).unwrap();
    let mine = mine["id"].as_str().unwrap().to_string();
    app.wait_piece(&w.admin, &mine).await;
    for sensible in [false, true] {
        for (demande, own) in [(INSIDE, true), (OUTSIDE, false)] {
            let piece = w.piece(demande, sensible);
            for (action, allowed_on_own) in [
                ("list", true),
                ("open", true),
                ("qualify", false),
                ("quarantine", false),
                ("restore", false),
            ] {
                let got = try_piece_action(&app, &w, &me, action, piece).await;
                cells += 1;
                if got != (own && allowed_on_own) {
                    wrong.push(format!(
                        "applicant {action} sensible={sensible} own={own}: got {got}"
                    ));
                }
            }
            let got = try_demande_action(&app, &w, &me, "deposit", demande, sensible).await;
            cells += 1;
            if got != own {
                wrong.push(format!(
                    "applicant deposit sensible={sensible} own={own}: got {got}"
                ));
            }
        }
    }
    for (demande, own) in [(INSIDE, true), (OUTSIDE, false)] {
        let got = try_demande_action(&app, &w, &me, "journal", demande, false).await;
        cells += 1;
        if got {
            wrong.push(format!("applicant journal own={own}: got {got}"));
        }
    }
    // He may delete his own upload (not the guichet's pieces, checked above).
    assert!(try_piece_action(&app, &w, &me, "quarantine", &mine).await);
    cells += 1;
    // The lists agree with the single-piece answers: a sensible piece is absent for a profile
    // not cleared for it.
    let simple = app.token("consultant_simple", "DGALN", "075");
    let (s, listed) = call(
        &app,
        &Auth::Bearer(&simple),
        "GET",
        &format!("/api/demandes/{INSIDE}"),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert!(listed.contains(w.piece(INSIDE, false)) && !listed.contains(w.piece(INSIDE, true)));
    assert!(
        wrong.is_empty(),
        "{} of {cells} cells wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!("access matrix: {cells} cells checked");
    app.cleanup().await;
}

#[tokio::test]
async fn the_journal_refuses_updates_and_deletes_from_the_application_role() {
    let app = TestApp::spawn().await;
    let w = setup(&app).await;
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM journal")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(n > 0);
    for sql in [
        "UPDATE journal SET actor = 'x'",
        "DELETE FROM journal",
        "TRUNCATE journal",
    ] {
        let e = sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&app.db)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("append-only"), "{sql}: {e}");
    }
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM journal")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(after, n);
    // A download is journaled as a consultation, with the actor's guichet.
    let piece = w.piece(INSIDE, false);
    let (s, _) = call(
        &app,
        &Auth::Bearer(&w.admin),
        "GET",
        &format!("/api/pieces/{piece}/fichier"),
        None,
    )
    .await;
    assert_eq!(s, 200);
    let row: (String, Option<String>) = sqlx::query_as(
        "SELECT actor, actor_guichet FROM journal WHERE event = 'consultation' AND piece_id = $1::uuid",
    )
    .bind(piece)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(row.1.as_deref(), Some("DGALN"));
    app.cleanup().await;
}
