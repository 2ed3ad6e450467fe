use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use futures_util::StreamExt;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::AppState;

#[derive(serde::Deserialize)]
pub struct CreateQuery {
    filename: Option<String>,
}

/// `POST /batches[?filename=…]`: the batch file as the body.
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<CreateQuery>,
    body: Body,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    crate::routes::review::require_review(&caller)?;
    let max = state.config.batch_max_bytes;
    let tmp = state
        .config
        .work_dir
        .join(format!("upload-{}", Uuid::new_v4()));
    let written = receive(body, &tmp, max).await;
    let (sha, size) = match written {
        Ok(v) => v,
        Err(e) => {
            let _ = tokio::fs::remove_file(&tmp).await;
            return Err(e);
        }
    };
    let key = storage::objects::batch_key(&sha);
    let stored = state.objects.put_file(&key, &tmp).await;
    let _ = tokio::fs::remove_file(&tmp).await;
    stored?;
    let filename = q.filename.map(|f| {
        f.chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect::<String>()
    });
    let (id, created) = state
        .db
        .create_batch(
            &sha,
            &key,
            filename.as_deref(),
            size,
            crate::routes::review::territory_of(&caller),
            &state.amqp.queue,
        )
        .await?;
    if created {
        // Publish now; if the broker is down the outbox relay will.
        match crate::outbox::relay_once(&state).await {
            Ok(_) => {}
            Err(e) => {
                tracing::warn!(batch.id = %id, error = %format!("{e:#}"), "batch queued in the outbox, broker unavailable")
            }
        }
        tracing::info!(batch.id = %id, batch.size = size, "batch received");
    } else {
        tracing::info!(batch.id = %id, "same batch submitted again: nothing queued");
    }
    let status = if created {
        StatusCode::ACCEPTED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(serde_json::json!({ "id": id, "sha256": sha, "taille": size, "deja_recu": !created })),
    ))
}

async fn receive(body: Body, path: &std::path::Path, max: u64) -> Result<(String, u64), ApiError> {
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let mut hasher = Sha256::new();
    let mut size = 0u64;
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest(format!("envoi interrompu : {e}")))?;
        size += chunk.len() as u64;
        if size > max {
            return Err(ApiError::TooLarge(max));
        }
        hasher.update(&chunk);
        file.write_all(&chunk)
            .await
            .map_err(|e| ApiError::Internal(e.into()))?;
    }
    file.flush()
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    if size == 0 {
        // Recorded like any unreadable file, so the status endpoint tells the operator.
        tracing::info!("empty batch file received");
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// `GET /batches/{id}`: what the operator may see of it (the plis of his territory).
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<storage::db::BatchStatus>, ApiError> {
    crate::routes::review::require_review(&caller)?;
    let id = Uuid::parse_str(&id).map_err(|_| ApiError::NotFound("lot"))?;
    let status = state
        .db
        .batch_status(id, crate::routes::review::territory_of(&caller))
        .await?
        .ok_or(ApiError::NotFound("lot"))?;
    Ok(Json(status))
}
