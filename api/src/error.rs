//! The API's one error type: users read French, logs get the precise cause.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug)]
pub enum ApiError {
    NotFound(&'static str),
    BadRequest(String),
    /// No valid session or token.
    Unauthenticated,
    /// Credentials refused, with the French reason (wrong code, locked account).
    Refused(String),
    /// An authenticated request that cannot proceed (bad CSRF token, locked account).
    Forbidden(String),
    /// Refused by a rule the user can act on (a limit reached, a state that forbids it).
    Conflict(String),
    TooLarge(u64),
    /// A dependency (database, broker, object store) is down.
    Unavailable(anyhow::Error),
    Internal(anyhow::Error),
}

impl ApiError {
    /// The status and the French message shown to the user (causes are logged here, once).
    pub fn parts(self) -> (StatusCode, String) {
        match self {
            ApiError::NotFound(what) => (StatusCode::NOT_FOUND, format!("{what} introuvable")),
            ApiError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            ApiError::Unauthenticated => {
                (StatusCode::UNAUTHORIZED, "authentification requise".into())
            }
            ApiError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            ApiError::Refused(m) => (StatusCode::UNAUTHORIZED, m),
            ApiError::Conflict(m) => (StatusCode::CONFLICT, m),
            ApiError::TooLarge(max) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "fichier trop volumineux : {} Mo au plus",
                    max / (1024 * 1024)
                ),
            ),
            ApiError::Unavailable(e) => {
                tracing::warn!(error = %format!("{e:#}"), "dependency unavailable");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    "service momentanément indisponible, réessayez dans un instant".into(),
                )
            }
            ApiError::Internal(e) => {
                tracing::error!(error = %format!("{e:#}"), "unexpected error");
                (StatusCode::INTERNAL_SERVER_ERROR, "erreur interne".into())
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, message) = self.parts();
        (status, Json(serde_json::json!({ "erreur": message }))).into_response()
    }
}

impl From<sqlx_error::Error> for ApiError {
    fn from(e: sqlx_error::Error) -> Self {
        ApiError::Unavailable(e.into())
    }
}

impl From<storage::objects::ObjectError> for ApiError {
    fn from(e: storage::objects::ObjectError) -> Self {
        ApiError::Unavailable(e.into())
    }
}

mod sqlx_error {
    pub use storage::db::SqlError as Error;
}
