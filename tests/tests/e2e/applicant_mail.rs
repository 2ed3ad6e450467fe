//! What the applicant is told by e-mail: a receipt for each piece he deposits himself (public
//! portal, phone app), none for a guichet's deposits; a new code télédemandeur on request, with
//! one answer for every numéro.

use std::time::Duration;

use crate::app::{
    hidden_csrf, login_form, mails_to, marie_line, mobile_session, mobile_token, no_redirect,
    pdf_part, send_text, session_post, set_cookie, small_pdf, wait_mails, TestApp, BIRTH, NUMERO,
    REGISTRY_COLUMNS,
};
use crate::portals::applicant_login;

const RADIEE: &str = "0751220123457DGALN";
const SANS_MAIL: &str = "0751220123458DGALN";
const INCONNU: &str = "0751220999999DGALN";

fn registry(tag: &str) -> String {
    format!(
        "{REGISTRY_COLUMNS},email\n\
         {},marie-{tag}@example.org\n\
         {RADIEE},MARTIN,Paul,1975-05-06,radiee,075,DGALN,2020-12-01,paul-{tag}@example.org\n\
         {SANS_MAIL},DURAND,Léa,1990-01-01,active,075,DGALN,2020-12-01,\n",
        marie_line("active")
    )
}

/// Waits for at least `n` e-mails to `recipient`, then a little longer to catch any extra one.
async fn mails(recipient: &str, n: usize) -> Vec<(String, String)> {
    wait_mails(recipient, n).await;
    // The relay runs every 1.5 s: two more rounds would have sent anything else queued.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    mails_to(recipient)
}

#[tokio::test]
async fn the_applicant_gets_a_receipt_for_each_piece_he_deposits_and_none_for_the_guichets() {
    let app = TestApp::spawn().await;
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let marie = format!("marie-{tag}@example.org");
    app.import_registry_ok(&registry(&tag));
    let code = app.admin(&["code-teledemandeur", NUMERO], None);

    // Public portal: one piece of two files.
    let (cookie, csrf) = applicant_login(&app, NUMERO, BIRTH, &code).await;
    let upload = || {
        reqwest::multipart::Form::new()
            .text("_csrf", csrf.clone())
            .text("type", "AVIS")
            .part("fichier", pdf_part("Avis page 1", "avis-recto.pdf"))
            .part("fichier", pdf_part("Avis page 2", "avis-verso.pdf"))
    };
    let post = |form| {
        session_post(&app, "/demandeur/pieces", &cookie)
            .multipart(form)
            .send()
    };
    let r = post(upload()).await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert!(set_cookie(&r, "du_flash").is_some_and(|f| f.starts_with('i')));
    // The same request again (a retry): refused as a duplicate, no second receipt.
    let r = post(upload()).await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert!(set_cookie(&r, "du_flash").is_some_and(|f| f.starts_with('e')));
    let got = mails(&marie, 1).await;
    assert_eq!(got.len(), 1, "{got:?}");
    let (subject, body) = &got[0];
    // The test reader joins the words of an encoded subject.
    assert!(subject.contains("Accuséderéception"), "{subject}");
    for part in [
        "avis-recto.pdf",
        "avis-verso.pdf",
        "Avis d'imposition",
        "075 1220 123456 DGALN",
        "heure de Paris",
        "portail demandeur",
        "vérifiée",
    ] {
        assert!(body.contains(part), "{part:?} missing from {body}");
    }
    assert!(!body.contains("http"), "no link in a receipt: {body}");

    // Phone app.
    let token = mobile_token(&app, NUMERO, BIRTH, &code).await;
    let (s, v) = app
        .deposit_pdf(
            &token,
            NUMERO,
            "JUSTL",
            "quittance-mars.jpg.pdf",
            "Quittance",
        )
        .await;
    assert_eq!(s, 202, "{v}");
    let got = mails(&marie, 2).await;
    assert_eq!(got.len(), 2, "{got:?}");
    let mobile = got
        .iter()
        .find(|(_, b)| b.contains("quittance-mars.jpg.pdf"))
        .expect("a receipt naming the phone's file");
    assert!(mobile.1.contains("application mobile"), "{}", mobile.1);

    // A guichet's deposit (web service token): the applicant gets nothing.
    let guichet = app.token("guichet_enregistreur", "DGALN", "075");
    let p = app
        .deposit_processed(&guichet, NUMERO, "BAIL", &[("bail.pdf", small_pdf("Bail"))])
        .await;
    assert_eq!(p["channel"], "ws");
    assert_eq!(mails(&marie, 2).await.len(), 2);
    let queued: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE recipient = $1")
        .bind(&marie)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(queued, 2);
    app.cleanup().await;
}

/// Asks for a new code from the public portal; returns (status, body without its CSRF token).
async fn ask_code(app: &TestApp, numero: &str) -> (u16, String) {
    let r = login_form(app, "/demandeur/code", &[("numero", numero)]).await;
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    let token = hidden_csrf(&body);
    (status, body.replace(&token, ""))
}

async fn login_status(app: &TestApp, code: &str) -> u16 {
    mobile_session(app, NUMERO, BIRTH, code).await.0
}

#[tokio::test]
async fn a_forgotten_code_is_sent_at_most_once_a_quarter_and_the_answer_never_tells() {
    let app = TestApp::spawn().await;
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let (marie, paul) = (
        format!("marie-{tag}@example.org"),
        format!("paul-{tag}@example.org"),
    );
    app.import_registry_ok(&registry(&tag));
    let old = app.admin(&["code-teledemandeur", NUMERO], None);

    // The login page leads to the form.
    let login = send_text(app.client.get(format!("{}/demandeur/connexion", app.base))).await;
    assert!(login.contains("href=\"/demandeur/code\""), "{login}");

    let (status, answer) = ask_code(&app, "075 1220 123456 DGALN").await;
    assert_eq!(status, 200);
    assert!(
        answer.contains("Si ce numéro correspond à une demande active avec une adresse électronique, un nouveau code vient d&#39;y être envoyé."),
        "{answer}"
    );
    // Unknown, radiée, without an address, asked again too soon: the very same answer.
    for numero in [INCONNU, RADIEE, SANS_MAIL, NUMERO] {
        assert_eq!(
            ask_code(&app, numero).await,
            (status, answer.clone()),
            "{numero}"
        );
    }
    let got = mails(&marie, 1).await;
    assert_eq!(got.len(), 1, "one code only: {got:?}");
    assert!(mails_to(&paul).is_empty(), "nothing for a demande radiée");
    let (subject, body) = &got[0];
    assert!(subject.contains("codetélédemandeur"), "{subject}");
    assert!(body.contains("075 1220 123456 DGALN"), "{body}");
    let new = body
        .split("Votre nouveau code télédemandeur : ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the code in the e-mail")
        .to_string();
    assert_ne!(new, old);

    // Until the new code is used, the old one still works; the new one then replaces it.
    assert_eq!(login_status(&app, &old).await, 200);
    let (cookie, _) = applicant_login(&app, NUMERO, BIRTH, &new).await;
    assert!(!cookie.is_empty());
    assert_eq!(login_status(&app, &new).await, 200);
    assert_eq!(login_status(&app, &old).await, 401);

    // A form without its double-submit token sends nothing.
    let r = no_redirect()
        .post(format!("{}/demandeur/code", app.base))
        .form(&[("numero", NUMERO), ("_csrf", "x")])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Le formulaire a expiré"));
    assert_eq!(mails(&marie, 1).await.len(), 1);
    app.cleanup().await;
}
