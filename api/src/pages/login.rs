//! Logging in and out: staff (login and password) and applicants (numéro unique, date de
//! naissance, code télédemandeur). Repeated failures delay further attempts (see
//! [`crate::auth::gated_login`]) with the same answer as a wrong password, for real and unknown
//! accounts alike; the login forms carry a double-submit CSRF token since there is no session
//! yet.

use axum::extract::{Form, Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::{self, ClientAddr, SESSION_HOURS};
use crate::authz::Profile;
use crate::html::{flash, Page, Portal};
use crate::pages::{error_page, PageCaller};
use crate::AppState;

const PRELOGIN: &str = "du_prelogin";

/// Whether a form posted without a session carries the token of its pre-login cookie (the
/// double-submit CSRF check).
pub(crate) fn prelogin_checked(headers: &HeaderMap, csrf: &str) -> bool {
    auth::cookie(headers, PRELOGIN).as_deref() == Some(csrf)
}

fn with_prelogin(mut r: Response, token: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{PRELOGIN}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// A page whose form is posted without a session: `body` gets the fresh double-submit token
/// for the form's `_csrf` field, which the pre-login cookie carries too.
pub(crate) fn prelogin_page(
    portal: Portal,
    title: &str,
    body: impl FnOnce(&str) -> String,
) -> Response {
    let token = auth::random_token();
    let page = Page {
        portal,
        title,
        user: None,
        csrf: None,
        nav: &[],
        body: body(&token),
    }
    .render();
    with_prelogin(page, &token)
}

fn login_page(portal: Portal, title: &str, form: String, error: Option<&str>) -> Response {
    prelogin_page(portal, title, |token| {
        format!(
            "{}<form method=\"post\" class=\"login\">{}<input type=\"hidden\" name=\"_csrf\" value=\"{token}\">\
             <button type=\"submit\">Se connecter</button></form>",
            flash(None, error),
            form
        )
    })
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
    addr: ClientAddr,
    headers: HeaderMap,
    Form(f): Form<StaffLogin>,
) -> Response {
    if !prelogin_checked(&headers, &f.csrf) {
        return staff_page(
            None,
            Some("Le formulaire a expiré : saisissez à nouveau vos identifiants."),
        );
    }
    let login = f.login.trim().to_string();
    let user = match state.db.user_by_login(&login).await {
        Ok(u) => u.filter(|u| !u.disabled),
        Err(e) => return error_page(e.into()),
    };
    // Unknown and disabled accounts are checked against a dummy hash, counted and answered
    // exactly like a wrong password.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let known = user.is_some();
    let password = f.password;
    let checked = auth::gated_login(
        &state,
        auth::throttle_key("compte", &login),
        &addr,
        move || {
            let ok = auth::verify_secret(&password, hash.as_deref().unwrap_or(auth::dummy_hash()));
            (ok && known).then_some(())
        },
    )
    .await;
    let user = match (checked, user) {
        (Ok(Some(())), Some(user)) => user,
        (Ok(_), _) => {
            tracing::info!("staff login refused");
            return staff_page(
                None,
                Some(&refusal("Identifiant ou mot de passe incorrect.", &state)),
            );
        }
        (Err(e), _) => return error_page(e),
    };
    let token = auth::random_token();
    let opened = state
        .db
        .create_session(
            &auth::token_hash(&token),
            Some(user.id),
            None,
            &auth::random_token(),
            SESSION_HOURS,
        )
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

/// The one refusal of a login, whatever the cause (wrong secret, unknown account, attempt during
/// the delay), so that it tells nothing about the account.
fn refusal(first: &str, state: &AppState) -> String {
    let max = state.auth.max_delay_secs;
    let max = if max >= 120 {
        format!("{} minutes", max / 60)
    } else {
        format!("{max} secondes")
    };
    format!(
        "{first} Après plusieurs échecs, chaque nouvel essai n'est possible qu'après un délai croissant ({max} au plus)."
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
         <label for=\"code\">Code télédemandeur</label><input type=\"password\" id=\"code\" name=\"code\" autocomplete=\"off\" required>\
         <p><a href=\"/demandeur/code\">Code télédemandeur oublié ?</a></p>"
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
    addr: ClientAddr,
    headers: HeaderMap,
    Form(f): Form<ApplicantLogin>,
) -> Response {
    if !prelogin_checked(&headers, &f.csrf) {
        return applicant_page(Some(
            "Le formulaire a expiré : saisissez à nouveau vos informations.",
        ));
    }
    let numero = match verify_applicant(&state, &addr, &f.numero, &f.date_naissance, &f.code).await
    {
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

/// Checks an applicant's numéro unique, date de naissance and code télédemandeur through
/// [`auth::gated_login`] (failures delay further attempts, per demande and per address).
/// `Ok(Ok(numero))` when they match an active demande, `Ok(Err(message))` with the French
/// refusal otherwise.
///
/// # Errors
/// On a database error.
pub async fn verify_applicant(
    state: &AppState,
    addr: &ClientAddr,
    numero: &str,
    date_naissance: &str,
    code: &str,
) -> Result<Result<String, String>, crate::error::ApiError> {
    let numero = numero.replace([' ', '-'], "").to_uppercase();
    let Ok(numero) = plan_de_classement::NumeroUnique::parse(&numero) else {
        return Ok(Err(
            "Numéro unique invalide : il compte 18 caractères, voir votre attestation d'enregistrement.".into(),
        ));
    };
    let login = state.db.applicant_login(numero.as_str()).await?;
    let date_ok = login.as_ref().is_some_and(|l| {
        crate::routes::pieces::parse_date(date_naissance).is_ok_and(|d| d == l.date_naissance)
    });
    let hashes = login
        .as_ref()
        .map(|l| (l.code_hash.clone(), l.pending_code_hash.clone()));
    let code = auth::normalize_code(code);
    // Which code matched: the current one, or a new one asked for from the public portal (it
    // becomes the code once used). An unknown demande is checked against a dummy hash.
    let matched = auth::gated_login(
        state,
        auth::throttle_key("demande", numero.as_str()),
        addr,
        move || {
            let (current, pending) = hashes.unwrap_or((None, None));
            let current_ok =
                auth::verify_secret(&code, current.as_deref().unwrap_or(auth::dummy_hash()));
            let pending_ok = !current_ok
                && pending
                    .as_deref()
                    .is_some_and(|h| auth::verify_secret(&code, h));
            (date_ok && (current_ok || pending_ok)).then_some(pending_ok)
        },
    )
    .await?;
    let (Some(pending_ok), Some(login)) = (matched, login) else {
        return Ok(Err(refusal(
            "Numéro unique, date de naissance ou code télédemandeur incorrect.",
            state,
        )));
    };
    if login.etat != "active" {
        return Ok(Err(
            "Cette demande est radiée : ses pièces ne sont plus consultables ici.".into(),
        ));
    }
    if let (true, Some(h)) = (pending_ok, login.pending_code_hash.as_deref()) {
        state.db.adopt_pending_code(&login.numero, h).await?;
    }
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
    addr: ClientAddr,
    axum::Json(f): axum::Json<MobileLogin>,
) -> Result<axum::Json<MobileSession>, crate::error::ApiError> {
    let numero = match verify_applicant(&state, &addr, &f.numero_unique, &f.date_naissance, &f.code)
        .await?
    {
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
