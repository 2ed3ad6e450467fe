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

/// A database error is an outage (503, retry later) only when the database cannot be reached
/// or asks to retry; anything else — a constraint violated, a permission refused, a row or column
/// that is not what the code expects — is a bug, answered 500 and logged as an error.
impl From<sqlx_error::Error> for ApiError {
    fn from(e: sqlx_error::Error) -> Self {
        use sqlx_error::Error as E;
        let transient = match &e {
            E::Io(_) | E::Tls(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed => true,
            E::Protocol(_) => true,
            // Connection exceptions, shutdown, too many connections, serialization failure and
            // deadlock: the same request may succeed in a moment.
            E::Database(d) => d.code().is_some_and(|c| {
                c.starts_with("08")
                    || c.starts_with("57P")
                    || c.starts_with("53")
                    || c == "40001"
                    || c == "40P01"
            }),
            _ => false,
        };
        if transient {
            ApiError::Unavailable(e.into())
        } else {
            ApiError::Internal(e.into())
        }
    }
}

/// An object store that cannot be reached is an outage; an object a row points at that is not
/// there, or a bad key, is a bug (or lost data) and is logged as an error.
impl From<storage::objects::ObjectError> for ApiError {
    fn from(e: storage::objects::ObjectError) -> Self {
        use storage::objects::ObjectError as O;
        match e {
            O::Unavailable(_) => ApiError::Unavailable(e.into()),
            O::NotFound(_) | O::BadKey(_) => ApiError::Internal(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(e: impl Into<ApiError>) -> StatusCode {
        e.into().parts().0
    }

    #[test]
    fn outages_are_503_and_bugs_are_500() {
        use storage::objects::ObjectError;
        assert_eq!(
            status(sqlx_error::Error::PoolTimedOut),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            status(sqlx_error::Error::Io(std::io::Error::other("reset"))),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            status(sqlx_error::Error::RowNotFound),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            status(sqlx_error::Error::ColumnNotFound("etat".into())),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        assert_eq!(
            status(ObjectError::Unavailable("timeout".into())),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            status(ObjectError::NotFound("pieces/x.pdf".into())),
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}

mod sqlx_error {
    pub use storage::db::SqlError as Error;
}
