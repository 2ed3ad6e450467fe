//! "Code télédemandeur oublié": the applicant asks from the public portal for a new code, sent
//! to the e-mail address the registry holds for his demande.
//!
//! The answer is the same page, message and status whether the numéro exists or not, is active
//! or radiée, has an address or not, or was sent a code a few minutes ago: it tells nobody
//! anything about the registry. The work is the same too (a code is generated and hashed in every
//! case), so the answer's delay tells nothing either. At most one code per demande every
//! [`EVERY_MINUTES`], and the current code stays valid until the new one is used.

use axum::extract::{Form, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;

use crate::auth;
use crate::html::{flash, Portal};
use crate::pages::error_page;
use crate::pages::login::{prelogin_checked, prelogin_page};
use crate::AppState;

/// The shortest interval between two codes sent for one demande.
pub const EVERY_MINUTES: i32 = 15;

/// The one answer to a well-formed request.
pub const ANSWER: &str =
    "Si ce numéro correspond à une demande active avec une adresse électronique, \
                          un nouveau code vient d'y être envoyé.";

fn page(info: Option<&str>, error: Option<&str>) -> Response {
    prelogin_page(Portal::Public, "Code télédemandeur oublié", |token| {
        format!(
            "{}<p>Saisissez le numéro unique de votre demande, inscrit sur votre attestation d'enregistrement. \
             Un nouveau code télédemandeur sera envoyé à l'adresse électronique connue de votre demande ; \
             votre code actuel reste valable tant que vous n'avez pas utilisé le nouveau.</p>\
             <form method=\"post\" action=\"/demandeur/code\" class=\"login\">\
             <input type=\"hidden\" name=\"_csrf\" value=\"{token}\">\
             <label for=\"numero\">Numéro unique <span class=\"hint\">18 caractères, par exemple 075 1220 123456 DGALN</span></label>\
             <input type=\"text\" id=\"numero\" name=\"numero\" autocomplete=\"off\" required>\
             <button type=\"submit\">Recevoir un nouveau code</button></form>\
             <p><a href=\"/demandeur/connexion\">Retour à la connexion</a></p>",
            flash(info, error),
        )
    })
}

/// `GET /demandeur/code`
pub async fn form() -> Response {
    page(None, None)
}

#[derive(Deserialize)]
pub struct CodeRequestForm {
    numero: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /demandeur/code`
pub async fn request(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<CodeRequestForm>,
) -> Response {
    if !prelogin_checked(&headers, &f.csrf) {
        return page(
            None,
            Some("Le formulaire a expiré : saisissez à nouveau votre numéro unique."),
        );
    }
    let typed = f.numero.replace([' ', '-'], "").to_uppercase();
    let Ok(numero) = plan_de_classement::NumeroUnique::parse(&typed) else {
        return page(
            None,
            Some("Numéro unique invalide : il compte 18 caractères, voir votre attestation d'enregistrement."),
        );
    };
    // Generated and hashed whatever the numéro, so that every answer takes as long.
    let code = auth::new_applicant_code();
    let hash = auth::hash_secret_off_runtime(auth::normalize_code(&code)).await;
    let outcome = match state
        .db
        .request_applicant_code(numero.as_str(), &code, &hash, EVERY_MINUTES)
        .await
    {
        Ok(o) => o,
        Err(e) => return error_page(e.into()),
    };
    // The numéro identifies a person: only its département goes to the logs.
    tracing::info!(
        demande.departement = %&numero.as_str()[..3],
        outcome = ?outcome,
        "code télédemandeur requested"
    );
    page(Some(ANSWER), None)
}
