//! Dead-lettered messages as the operators see them: the worker records each permanent failure
//! with its reason before it dead-letters the message; the professional portal lists them and
//! replays a batch or a piece (reset, then a new message through the outbox) or dismisses the
//! entry.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;
use uuid::Uuid;

use crate::db::Db;

/// What a dead-lettered message asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadJob {
    Batch(Uuid),
    Piece(Uuid),
}

/// A dead-lettered message.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadLetter {
    pub id: Uuid,
    pub queue: String,
    /// `batch`, `piece`, or absent for a message that could not be read.
    pub job_kind: Option<String>,
    pub job_id: Option<Uuid>,
    /// Why, in French.
    pub reason: String,
    pub deliveries: Option<i32>,
    pub created_at: DateTime<Utc>,
    /// `relance` or `classe` once an operator dealt with it.
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The message body when it is text (an unparsable message may not be), cut to 200 bytes.
    pub payload: Option<String>,
}

/// What a replay did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replay {
    /// Reset and queued again.
    Done,
    /// No such entry, or already dealt with.
    NotOpen,
    /// The message names no batch or piece that can be processed again.
    NotReplayable,
}

impl Db {
    /// Records a message about to be dead-lettered.
    ///
    /// # Errors
    /// On a database error (the caller must then not dead-letter the message: it would leave no
    /// trace for the operators).
    pub async fn record_dead_letter(
        &self,
        queue: &str,
        payload: &[u8],
        job: Option<DeadJob>,
        reason: &str,
        deliveries: Option<i32>,
    ) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::new_v4();
        let (kind, job_id) = match job {
            Some(DeadJob::Batch(b)) => (Some("batch"), Some(b)),
            Some(DeadJob::Piece(p)) => (Some("piece"), Some(p)),
            None => (None, None),
        };
        sqlx::query(
            "INSERT INTO dead_letters (id, queue, payload, job_kind, job_id, reason, deliveries)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(queue)
        .bind(payload)
        .bind(kind)
        .bind(job_id)
        .bind(reason)
        .bind(deliveries)
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// Dead-lettered messages, those still open first, newest first.
    ///
    /// # Errors
    /// On a database error.
    pub async fn list_dead_letters(&self, limit: i64) -> Result<Vec<DeadLetter>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, queue, payload, job_kind, job_id, reason, deliveries, created_at,
                    resolution, resolved_by, resolved_at
             FROM dead_letters ORDER BY resolution IS NOT NULL, created_at DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let payload: Vec<u8> = r.get("payload");
                DeadLetter {
                    id: r.get("id"),
                    queue: r.get("queue"),
                    job_kind: r.get("job_kind"),
                    job_id: r.get("job_id"),
                    reason: r.get("reason"),
                    deliveries: r.get("deliveries"),
                    created_at: r.get("created_at"),
                    resolution: r.get("resolution"),
                    resolved_by: r.get("resolved_by"),
                    resolved_at: r.get("resolved_at"),
                    payload: std::str::from_utf8(&payload[..payload.len().min(200)])
                        .ok()
                        .map(str::to_string),
                }
            })
            .collect())
    }

    /// Replays an open dead-lettered batch or piece: the job is reset (a batch back to `queued`,
    /// a piece rejected by the worker back to `processing`, deliveries to 0), a new message goes
    /// to the outbox, and the entry is closed, all in one transaction.
    ///
    /// # Errors
    /// On a database error.
    pub async fn replay_dead_letter(
        &self,
        id: Uuid,
        queue: &str,
        actor: &str,
    ) -> Result<Replay, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(row) = sqlx::query(
            "SELECT job_kind, job_id FROM dead_letters WHERE id = $1 AND resolution IS NULL FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Replay::NotOpen);
        };
        let kind: Option<String> = row.get("job_kind");
        let job_id: Option<Uuid> = row.get("job_id");
        let (reset, payload) = match (kind.as_deref(), job_id) {
            (Some("batch"), Some(b)) => (
                sqlx::query(
                    "UPDATE batches SET status = 'queued', deliveries = 0, error = NULL, updated_at = now()
                     WHERE id = $1 AND status IN ('failed', 'processing', 'queued')",
                )
                .bind(b)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                serde_json::json!({ "batch_id": b }),
            ),
            (Some("piece"), Some(p)) => (
                sqlx::query(
                    "UPDATE pieces SET status = 'processing', deliveries = 0, status_reason = NULL,
                            updated_at = now()
                     WHERE id = $1 AND status IN ('rejected', 'processing')
                       AND object_key IS NULL AND jsonb_array_length(originals) > 0",
                )
                .bind(p)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                serde_json::json!({ "piece_id": p }),
            ),
            _ => (0, serde_json::Value::Null),
        };
        if reset == 0 {
            return Ok(Replay::NotReplayable);
        }
        sqlx::query("INSERT INTO outbox (queue, payload) VALUES ($1, $2)")
            .bind(queue)
            .bind(payload)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE dead_letters SET resolution = 'relance', resolved_by = $2, resolved_at = now()
             WHERE id = $1",
        )
        .bind(id)
        .bind(actor)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Replay::Done)
    }

    /// Closes an open entry without replaying it; returns whether one was closed.
    ///
    /// # Errors
    /// On a database error.
    pub async fn dismiss_dead_letter(&self, id: Uuid, actor: &str) -> Result<bool, sqlx::Error> {
        let n = sqlx::query(
            "UPDATE dead_letters SET resolution = 'classe', resolved_by = $2, resolved_at = now()
             WHERE id = $1 AND resolution IS NULL",
        )
        .bind(id)
        .bind(actor)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n > 0)
    }
}
