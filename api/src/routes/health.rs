use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

use crate::AppState;

/// `GET /health`: 200 when the database answers, 503 otherwise; the broker is reported.
pub async fn get(State(state): State<AppState>) -> (StatusCode, Json<serde_json::Value>) {
    let database = state.db.ping().await;
    let broker = state
        .channel
        .lock()
        .await
        .as_ref()
        .is_some_and(|(c, _)| c.status().connected());
    let status = if database {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(
            serde_json::json!({ "status": if database { "ok" } else { "degraded" }, "database": database, "broker": broker }),
        ),
    )
}
