//! Logging in and out: staff (login and password) and applicants (numéro unique, date de
//! naissance, code télédemandeur). Accounts lock after repeated failures; the login forms carry
//! a double-submit CSRF token since there is no session yet.

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;

use crate::auth::{self, LOCK_AFTER, LOCK_MINUTES, SESSION_HOURS};
use crate::authz::Profile;
use crate::html::{flash, Page, Portal};
use crate::pages::{error_page, PageCaller};
use crate::AppState;

const PRELOGIN: &str = "du_prelogin";

fn prelogin_cookie(headers: &HeaderMap) -> Option<String> {
    auth::cookie(headers, PRELOGIN)
}

fn with_prelogin(mut r: Response, token: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{PRELOGIN}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

fn login_page(portal: Portal, title: &str, form: String, error: Option<&str>) -> Response {
    let token = auth::random_token();
    let body = format!(
        "{}<form method=\"post\" class=\"login\">{}<input type=\"hidden\" name=\"_csrf\" value=\"{token}\">\
         <button type=\"submit\">Se connecter</button></form>",
        flash(None, error),
        form
    );
    let page = Page {
        portal,
        title,
        user: None,
        csrf: None,
        nav: &[],
        body,
    }
    .render();
    with_prelogin(page, &token)
}

#[derive(Deserialize, Default)]
pub struct LoginQuery {
    espace: Option<String>,
}

/// `GET /connexion`
pub async fn staff_form(Query(q): Query<LoginQuery>) -> Response {
    staff_page(q.espace.as_deref(), None)
}

fn staff_page(espace: Option<&str>, error: Option<&str>) -> Response {
    let portal = if espace == Some("pro") {
        Portal::Pro
    } else {
        Portal::Consultation
    };
    login_page(
        portal,
        "Connexion des professionnels",
        "<label for=\"login\">Identifiant</label><input type=\"text\" id=\"login\" name=\"login\" autocomplete=\"username\" required>\
         <label for=\"password\">Mot de passe</label><input type=\"password\" id=\"password\" name=\"password\" autocomplete=\"current-password\" required>"
            .into(),
        error,
    )
}

#[derive(Deserialize)]
pub struct StaffLogin {
    login: String,
    password: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /connexion`
pub async fn staff_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<StaffLogin>,
) -> Response {
    if prelogin_cookie(&headers).as_deref() != Some(f.csrf.as_str()) {
        return staff_page(
            None,
            Some("Le formulaire a expiré : saisissez à nouveau vos identifiants."),
        );
    }
    let user = match state.db.user_by_login(f.login.trim()).await {
        Ok(u) => u,
        Err(e) => return error_page(e.into()),
    };
    let refused = "Identifiant ou mot de passe incorrect.";
    let Some(user) = user else {
        let _ = auth::verify_secret(&f.password, auth::dummy_hash());
        tracing::info!("staff login refused: unknown account");
        return staff_page(None, Some(refused));
    };
    if user.locked_until.is_some_and(|t| t > Utc::now()) {
        tracing::warn!(user.id = %user.id, "staff login refused: account locked");
        return staff_page(None, Some(&locked_message()));
    }
    if !auth::verify_secret(&f.password, &user.password_hash) {
        tracing::warn!(user.id = %user.id, "staff login refused: wrong password");
        if let Err(e) = state
            .db
            .user_login_failed(user.id, LOCK_AFTER, LOCK_MINUTES)
            .await
        {
            return error_page(e.into());
        }
        return staff_page(None, Some(refused));
    }
    let token = auth::random_token();
    let opened = async {
        state.db.user_login_succeeded(user.id).await?;
        state
            .db
            .create_session(
                &auth::token_hash(&token),
                Some(user.id),
                None,
                &auth::random_token(),
                SESSION_HOURS,
            )
            .await
    }
    .await;
    if let Err(e) = opened {
        return error_page(e.into());
    }
    tracing::info!(user.id = %user.id, profile = %user.profile, "staff logged in");
    let to = if user.profile == Profile::Operateur.as_str() {
        "/pro/lots"
    } else {
        "/consultation"
    };
    session_redirect(&state, &token, to)
}

fn locked_message() -> String {
    format!(
        "Compte verrouillé après {LOCK_AFTER} échecs de connexion : réessayez dans {LOCK_MINUTES} minutes."
    )
}

fn session_redirect(state: &AppState, token: &str, to: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::session_set_cookie(
        token,
        state.config.secure_cookies,
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// `GET /demandeur/connexion`
pub async fn applicant_form() -> Response {
    applicant_page(None)
}

fn applicant_page(error: Option<&str>) -> Response {
    login_page(
        Portal::Public,
        "Accéder à ma demande",
        "<p>Munissez-vous de votre attestation d'enregistrement : elle porte votre numéro unique et votre code télédemandeur.</p>\
         <label for=\"numero\">Numéro unique <span class=\"hint\">18 caractères, par exemple 075 1220 123456 DGALN</span></label>\
         <input type=\"text\" id=\"numero\" name=\"numero\" autocomplete=\"off\" required>\
         <label for=\"naissance\">Date de naissance</label><input type=\"date\" id=\"naissance\" name=\"date_naissance\" required>\
         <label for=\"code\">Code télédemandeur</label><input type=\"password\" id=\"code\" name=\"code\" autocomplete=\"off\" required>"
            .into(),
        error,
    )
}

#[derive(Deserialize)]
pub struct ApplicantLogin {
    numero: String,
    date_naissance: String,
    code: String,
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /demandeur/connexion`
pub async fn applicant_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(f): Form<ApplicantLogin>,
) -> Response {
    if prelogin_cookie(&headers).as_deref() != Some(f.csrf.as_str()) {
        return applicant_page(Some(
            "Le formulaire a expiré : saisissez à nouveau vos informations.",
        ));
    }
    let numero = match verify_applicant(&state, &f.numero, &f.date_naissance, &f.code).await {
        Ok(Ok(n)) => n,
        Ok(Err(refusal)) => return applicant_page(Some(&refusal)),
        Err(e) => return error_page(e),
    };
    let token = auth::random_token();
    let opened = state
        .db
        .create_session(
            &auth::token_hash(&token),
            None,
            Some(&numero),
            &auth::random_token(),
            SESSION_HOURS,
        )
        .await;
    if let Err(e) = opened {
        return error_page(e.into());
    }
    session_redirect(&state, &token, "/demandeur")
}

/// Checks an applicant's numéro unique, date de naissance and code télédemandeur, counting
/// failures and locking like staff accounts. `Ok(Ok(numero))` when they match an active demande,
/// `Ok(Err(message))` with the French refusal otherwise.
///
/// # Errors
/// On a database error.
pub async fn verify_applicant(
    state: &AppState,
    numero: &str,
    date_naissance: &str,
    code: &str,
) -> Result<Result<String, String>, crate::error::ApiError> {
    let refused =
        || Err("Numéro unique, date de naissance ou code télédemandeur incorrect.".to_string());
    let numero = numero.replace([' ', '-'], "").to_uppercase();
    let Ok(numero) = plan_de_classement::NumeroUnique::parse(&numero) else {
        return Ok(Err(
            "Numéro unique invalide : il compte 18 caractères, voir votre attestation d'enregistrement.".into(),
        ));
    };
    let Some(login) = state.db.applicant_login(numero.as_str()).await? else {
        let _ = auth::verify_secret(code, auth::dummy_hash());
        return Ok(refused());
    };
    if login.locked_until.is_some_and(|t| t > Utc::now()) {
        tracing::warn!("applicant login refused: locked");
        return Ok(Err(locked_message()));
    }
    let date_ok =
        crate::routes::pieces::parse_date(date_naissance).is_ok_and(|d| d == login.date_naissance);
    let code_ok = login
        .code_hash
        .as_deref()
        .is_some_and(|h| auth::verify_secret(&auth::normalize_code(code), h));
    if !(date_ok && code_ok) {
        state
            .db
            .applicant_login_failed(&login.numero, LOCK_AFTER, LOCK_MINUTES)
            .await?;
        return Ok(refused());
    }
    if login.etat != "active" {
        return Ok(Err(
            "Cette demande est radiée : ses pièces ne sont plus consultables ici.".into(),
        ));
    }
    state.db.applicant_login_succeeded(&login.numero).await?;
    Ok(Ok(login.numero))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MobileLogin {
    numero_unique: String,
    /// AAAA-MM-JJ
    date_naissance: String,
    code: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MobileSession {
    /// Bearer token of the phone app's session.
    jeton: String,
    expire_dans_heures: i32,
}

/// Opens the phone app's session for an applicant; the token is then sent as
/// `Authorization: Bearer …` to deposit photos or PDFs (`POST /api/demandes/{numero}/pieces`).
#[utoipa::path(post, path = "/api/mobile/session", request_body = MobileLogin,
    responses((status = 200, body = MobileSession), (status = 401)))]
pub async fn mobile_session(
    State(state): State<AppState>,
    axum::Json(f): axum::Json<MobileLogin>,
) -> Result<axum::Json<MobileSession>, crate::error::ApiError> {
    let numero =
        match verify_applicant(&state, &f.numero_unique, &f.date_naissance, &f.code).await? {
            Ok(n) => n,
            Err(refusal) => return Err(crate::error::ApiError::Refused(refusal)),
        };
    let token = auth::random_token();
    state
        .db
        .create_session_of_kind(
            &auth::token_hash(&token),
            None,
            Some(&numero),
            &auth::random_token(),
            SESSION_HOURS,
            "mobile",
        )
        .await?;
    Ok(axum::Json(MobileSession {
        jeton: token,
        expire_dans_heures: SESSION_HOURS,
    }))
}

#[derive(Deserialize)]
pub struct LogoutForm {
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /deconnexion`
pub async fn logout(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Form(f): Form<LogoutForm>,
) -> Response {
    if let Err(e) = caller.check_csrf(Some(&f.csrf)) {
        return error_page(e);
    }
    if let Some(s) = &caller.session {
        if let Err(e) = state.db.delete_session(&auth::token_hash(s)).await {
            return error_page(e.into());
        }
    }
    let mut r = Redirect::to("/").into_response();
    if let Ok(v) = HeaderValue::from_str(&auth::session_clear_cookie()) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}
