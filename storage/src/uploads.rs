//! SQL of the normalization of digitally deposited pieces.
//!
//! The API stores the original files, then writes the piece (`processing`) and its message in
//! one transaction. The worker claims a delivery ([`Db::start_upload`]), builds the piece's PDF
//! and ends with exactly one of [`Db::finish_upload`] or [`Db::reject_upload`]. Both only
//! change a piece that is still `processing`, so a redelivered message is a no-op.

use serde::Deserialize;
use sqlx::Row;
use uuid::Uuid;

use crate::db::Db;

/// An original file of a deposit, as the API recorded it (`pieces.originals`).
///
/// `name` is the file name the user gave: it may hold a person's name, never log it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Original {
    /// Object-store key (`uploads/<sha256>`).
    pub key: String,
    /// The declared type; the worker trusts the file's magic bytes, not this.
    #[serde(default)]
    pub content_type: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub size: u64,
}

/// A claimed delivery of a piece's normalization message.
#[derive(Debug, Clone)]
pub struct UploadJob {
    /// The piece's status (`processing` while there is work to do).
    pub status: String,
    /// Deliveries of the message so far, this one included.
    pub deliveries: i32,
    /// The demande the piece is deposited on.
    pub demande: Option<String>,
    originals: String,
}

impl UploadJob {
    /// The original files, in the order the user gave them.
    ///
    /// Parsed on demand, so that a malformed column cannot stop the caller from counting the
    /// deliveries of a poison message first.
    ///
    /// # Errors
    /// When `pieces.originals` is not a list of `{"key", "content_type", "name", "size"}`.
    pub fn originals(&self) -> Result<Vec<Original>, serde_json::Error> {
        serde_json::from_str(&self.originals)
    }
}

impl Db {
    /// Counts a delivery of the piece's message and returns what the worker needs; `None` when
    /// the piece does not exist.
    ///
    /// # Errors
    /// On a database error.
    pub async fn start_upload(&self, piece_id: Uuid) -> Result<Option<UploadJob>, sqlx::Error> {
        let row = sqlx::query(
            "UPDATE pieces SET deliveries = deliveries + 1 WHERE id = $1
             RETURNING status, deliveries, demande, originals::text AS originals",
        )
        .bind(piece_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| UploadJob {
            status: r.get("status"),
            deliveries: r.get("deliveries"),
            demande: r.get("demande"),
            originals: r.get("originals"),
        }))
    }

    /// Records the normalized PDF of a piece still `processing` and gives it its target status
    /// (`to_review` when the API asked for it, `attached` otherwise). Returns whether the piece
    /// changed: `false` when an earlier delivery already finished or rejected it.
    ///
    /// # Errors
    /// On a database error.
    pub async fn finish_upload(
        &self,
        piece_id: Uuid,
        object_key: &str,
        sha256: &str,
        size_bytes: u64,
        page_count: u32,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE pieces SET object_key = $2, sha256 = $3, size_bytes = $4, page_count = $5,
                    status = CASE WHEN target_status = 'to_review' THEN 'to_review' ELSE 'attached' END,
                    status_reason = CASE WHEN target_status = 'to_review' THEN status_reason END,
                    updated_at = now()
             WHERE id = $1 AND status = 'processing'",
        )
        .bind(piece_id)
        .bind(object_key)
        .bind(sha256)
        .bind(size_bytes as i64)
        .bind(page_count as i32)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Rejects a piece still `processing`, with the reason shown to the depositor (in French).
    /// Returns whether the piece changed.
    ///
    /// # Errors
    /// On a database error.
    pub async fn reject_upload(
        &self,
        piece_id: Uuid,
        reason_fr: &str,
    ) -> Result<bool, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE pieces SET status = 'rejected', status_reason = $2, updated_at = now()
             WHERE id = $1 AND status = 'processing'",
        )
        .bind(piece_id)
        .bind(reason_fr)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn originals_parse_in_order_and_tolerate_missing_fields() {
        let job = UploadJob {
            status: "processing".into(),
            deliveries: 1,
            demande: None,
            originals: r#"[{"key": "uploads/a", "content_type": "application/pdf", "name": "x.pdf", "size": 3},
                           {"key": "uploads/b"}]"#
                .into(),
        };
        let o = job.originals().unwrap();
        assert_eq!(o.len(), 2);
        assert_eq!((o[0].key.as_str(), o[0].size), ("uploads/a", 3));
        assert_eq!(o[1].key, "uploads/b");
        let bad = UploadJob {
            originals: "null".into(),
            ..job
        };
        assert!(bad.originals().is_err());
    }
}

/// Classifier confidence above which a photo's reading contradicts the chosen type.
pub const TYPE_DOUBT_CONFIDENCE: f32 = 0.7;

/// Bits (of 256) under which two pages are the same document photographed twice.
pub const NEAR_DUPLICATE_BITS: u32 = 24;

fn hash_distance(a: &str, b: &str) -> Option<u32> {
    if a.len() != b.len() {
        return None;
    }
    a.chars()
        .zip(b.chars())
        .map(|(x, y)| Some((x.to_digit(16)? ^ y.to_digit(16)?).count_ones()))
        .sum()
}

/// How a doubt about the chosen type begins: a change of type drops it (see
/// [`crate::portal::DROP_TYPE_DOUBT`]).
pub const TYPE_DOUBT_PREFIX: &str = "le document lu ne ressemble pas au type choisi";

impl Db {
    /// Records what the worker noticed on a normalized piece: its first photo's perceptual hash,
    /// a near-duplicate among the demande's pieces (at most [`NEAR_DUPLICATE_BITS`] apart), and
    /// a doubt about the chosen type. Returns the probable duplicate, if any.
    ///
    /// # Errors
    /// On a database error.
    pub async fn record_checks(
        &self,
        piece_id: Uuid,
        phash: Option<&str>,
        read_type: Option<(&str, f32)>,
        holder_note: Option<&str>,
    ) -> Result<Option<Uuid>, sqlx::Error> {
        // A type chosen against what the document clearly reads as is flagged, not refused.
        let type_doubt: Option<String> = match read_type {
            Some((read, confidence)) if confidence >= TYPE_DOUBT_CONFIDENCE => sqlx::query(
                "SELECT c.label AS chosen, r.label AS read, r.sensible OR c.sensible AS sensible FROM pieces p
                 JOIN plan_types c ON c.code = p.type_code JOIN plan_types r ON r.code = $2
                 WHERE p.id = $1 AND p.type_code <> $2",
            )
            .bind(piece_id)
            .bind(read)
            .fetch_optional(&self.pool)
            .await?
            .map(|r| {
                // Shown to every profile that sees this piece, also once it is retyped: a
                // sensible type is not named.
                if r.get::<bool, _>("sensible") {
                    TYPE_DOUBT_PREFIX.to_string()
                } else {
                    format!(
                        "{TYPE_DOUBT_PREFIX} : il ressemble à « {} » plutôt qu'au type choisi « {} »",
                        r.get::<String, _>("read"),
                        r.get::<String, _>("chosen")
                    )
                }
            }),
            _ => None,
        };
        let type_doubt = type_doubt.as_deref();
        // (distance, piece, its type's label unless sensible or untyped, its date)
        let mut duplicate: Option<(u32, Uuid, Option<String>, chrono::DateTime<chrono::Utc>)> =
            None;
        if let Some(h) = phash {
            let rows = sqlx::query(
                "SELECT o.id, o.phash, CASE WHEN t.sensible = false THEN t.label END AS label, o.created_at
                 FROM pieces p
                 JOIN pieces o ON o.demande = p.demande AND o.id <> p.id
                 LEFT JOIN plan_types t ON t.code = o.type_code
                 WHERE p.id = $1 AND o.phash IS NOT NULL AND o.status IN ('processing', 'attached', 'to_review')",
            )
            .bind(piece_id)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                let other: String = r.get("phash");
                let Some(d) = hash_distance(h, &other).filter(|d| *d <= NEAR_DUPLICATE_BITS) else {
                    continue;
                };
                if duplicate.as_ref().is_none_or(|best| d < best.0) {
                    duplicate = Some((d, r.get("id"), r.get("label"), r.get("created_at")));
                }
            }
        }
        let mut reasons: Vec<String> = Vec::new();
        match &duplicate {
            Some((_, _, Some(label), at)) => reasons.push(format!(
                "doublon probable de la pièce « {label} » déposée le {}",
                crate::dates::day_fr(*at)
            )),
            // A sensible or untyped piece is not named to profiles that may not see it.
            Some((_, _, None, _)) => {
                reasons.push("doublon probable d'une autre pièce de la demande".to_string());
            }
            None => {}
        }
        if let Some(d) = type_doubt {
            reasons.push(d.to_string());
        }
        if let Some(h) = holder_note {
            reasons.push(h.to_string());
        }
        sqlx::query(
            "UPDATE pieces SET phash = $2, duplicate_of = COALESCE($3, duplicate_of),
                    check_reason = NULLIF($4, ''), updated_at = now() WHERE id = $1",
        )
        .bind(piece_id)
        .bind(phash)
        .bind(duplicate.as_ref().map(|d| d.1))
        .bind(reasons.join(" ; "))
        .execute(&self.pool)
        .await?;
        Ok(duplicate.map(|d| d.1))
    }
}
