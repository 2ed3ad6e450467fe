//! The three portals, rendered on the server: the applicant's (`/demandeur`), the guichets'
//! consultation (`/consultation`) and the operators' professional portal (`/pro`).

pub mod code;
pub mod consultation;
pub mod login;
pub mod pro;
pub mod public;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

use crate::auth::{self, Caller};
use crate::error::ApiError;
use crate::html::{esc, Page, Portal};
use crate::AppState;

/// A logged-in caller of a page; anyone else is sent to the right login page.
pub struct PageCaller(pub Caller);

impl FromRequestParts<AppState> for PageCaller {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match auth::resolve(state, &parts.headers).await {
            Ok(Some(c)) => Ok(PageCaller(c)),
            Ok(None) => {
                let login = if parts.uri.path().starts_with("/demandeur") {
                    "/demandeur/connexion"
                } else {
                    "/connexion"
                };
                Err(Redirect::to(login).into_response())
            }
            Err(e) => Err(error_page(e)),
        }
    }
}

/// Percent-encodes a query value.
pub fn urlencode(s: &str) -> String {
    let mut o = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                o.push(b as char)
            }
            _ => o.push_str(&format!("%{b:02X}")),
        }
    }
    o
}

/// The one-time message cookie set after a form and shown by the next page.
pub const FLASH_COOKIE: &str = "du_flash";

/// After a form: back to `to`, with the outcome kept for the next page in a one-time cookie
/// (never in the URL, where anyone could forge an official-looking message).
pub fn back(to: &str, outcome: Result<String, ApiError>) -> Response {
    let value = match outcome {
        Ok(m) => format!("i{}", urlencode(&m)),
        Err(e) => format!("e{}", urlencode(&e.parts().1)),
    };
    let mut r = Redirect::to(to).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=60"
    )) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// Decodes what [`urlencode`] wrote.
fn urldecode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Clears the one-time message once a page has shown it.
pub async fn clear_flash(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    // An upload sent by the page's script follows the redirect itself, then loads the page:
    // the message is for that load.
    let had = crate::auth::cookie(req.headers(), FLASH_COOKIE).is_some()
        && !req.headers().contains_key("x-du-upload");
    let mut r = next.run(req).await;
    if had && r.status() == StatusCode::OK {
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{FLASH_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        )) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    r
}

/// A page answering an error (not found, unavailable…).
pub fn error_page(e: ApiError) -> Response {
    let (status, message) = e.parts();
    let mut r = Page {
        portal: Portal::Home,
        title: if status == StatusCode::NOT_FOUND {
            "Page introuvable"
        } else {
            "Une erreur est survenue"
        },
        user: None,
        csrf: None,
        nav: &[],
        body: format!(
            "<p class=\"notice error\" role=\"alert\">{}</p><p><a href=\"/\">Retour à l'accueil</a></p>",
            esc(&message)
        ),
    }
    .render();
    *r.status_mut() = status;
    r
}

/// The outcome of the previous form, from the one-time cookie.
#[derive(Debug, Default)]
pub struct Flash {
    pub info: Option<String>,
    pub erreur: Option<String>,
}

impl Flash {
    pub fn html(&self) -> String {
        crate::html::flash(self.info.as_deref(), self.erreur.as_deref())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Flash {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let raw = crate::auth::cookie(&parts.headers, FLASH_COOKIE).unwrap_or_default();
        let text = |s: &str| Some(urldecode(s)).filter(|t| !t.is_empty());
        Ok(match raw.split_at_checked(1) {
            Some(("i", m)) => Flash {
                info: text(m),
                erreur: None,
            },
            Some(("e", m)) => Flash {
                info: None,
                erreur: text(m),
            },
            _ => Flash::default(),
        })
    }
}

/// The landing page: which portal to use.
pub async fn home() -> Response {
    Page {
        portal: Portal::Home,
        title: "Pièces justificatives de la demande de logement social",
        user: None,
        csrf: None,
        nav: &[],
        body: "<div class=\"cards\">\
            <section class=\"card\"><h2>Vous êtes demandeur</h2><p>Consultez les pièces de votre demande et ajoutez-en de nouvelles.</p>\
            <a class=\"button\" href=\"/demandeur/connexion\">Accéder à ma demande</a></section>\
            <section class=\"card\"><h2>Vous êtes un guichet</h2><p>Consultez, déposez et qualifiez les pièces des demandes de votre territoire.</p>\
            <a class=\"button\" href=\"/connexion\">Se connecter</a></section>\
            <section class=\"card\"><h2>Service de numérisation</h2><p>Suivez les lots numérisés et traitez les plis mis de côté.</p>\
            <a class=\"button\" href=\"/connexion?espace=pro\">Portail web professionnel</a></section></div>"
            .into(),
    }
    .render()
}

/// The stylesheet.
pub async fn css() -> Response {
    static_response("text/css; charset=utf-8", crate::html::CSS)
}

/// The script.
pub async fn js() -> Response {
    static_response("text/javascript; charset=utf-8", crate::html::JS)
}

fn static_response(content_type: &'static str, body: &'static str) -> Response {
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    r
}

/// The hidden CSRF field of a form.
pub fn csrf_field(caller: &Caller) -> String {
    format!(
        "<input type=\"hidden\" name=\"_csrf\" value=\"{}\">",
        esc(caller.csrf.as_deref().unwrap_or_default())
    )
}
