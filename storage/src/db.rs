//! PostgreSQL: the registry, batches, plis, pieces and the journal. Every SQL statement of the
//! platform is in this module.

use std::collections::HashMap;

use chrono::NaiveDate;
use plan_de_classement::{NumeroUnique, Plan, TypeCode};
use serde::Serialize;
use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::Row;

/// Database errors, re-exported so callers need not depend on sqlx.
pub use sqlx::Error as SqlError;
use uuid::Uuid;

use crate::registry_csv::{Etat, RegistryRow};

/// Outbox messages claimed by one relay: `(id, queue, payload)`.
pub struct OutboxClaim {
    tx: sqlx::Transaction<'static, sqlx::Postgres>,
    pub messages: Vec<(i64, String, serde_json::Value)>,
}

impl OutboxClaim {
    /// Marks the messages with these ids confirmed, and releases the claim.
    ///
    /// # Errors
    /// On a database error (the messages will then be published again: consumers are
    /// idempotent).
    pub async fn published(mut self, ids: &[i64]) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET published_at = now() WHERE id = ANY($1)")
            .bind(ids)
            .execute(&mut *self.tx)
            .await?;
        self.tx.commit().await
    }
}

/// The actor recorded in the journal for what the paper channel files.
pub const DIGITIZATION_ACTOR: &str = "service de numérisation";

/// The one per-type limit rule, for every channel (paper, deposit, change of type, attachment
/// of a pli, restoration): the pieces a demande holds or is about to hold (a deposit still being
/// normalized) count against the limit.
pub(crate) const HELD: &str = "status IN ('processing', 'attached')";

/// The batches `b` an operator of the territory bound as `$2` may see: sent from it, or holding
/// a pli of a demande of it.
pub const BATCH_IN_TERRITORY: &str = "(b.territory && $2
    OR EXISTS (SELECT 1 FROM plis bl JOIN demandes bd ON bd.numero_unique = bl.demande
               WHERE bl.batch_id = b.id AND bd.departement = ANY($2)))";

/// Plis `l` with their batch `lb` and demande `ld`, for [`PLI_IN_TERRITORY`].
pub(crate) const PLIS_WITH_TERRITORY: &str = "plis l JOIN batches lb ON lb.id = l.batch_id
    LEFT JOIN demandes ld ON ld.numero_unique = l.demande";

/// The plis an operator of the territory bound as `$2` may see: those of a demande of his
/// territory, and those on no demande of a batch sent from it.
pub const PLI_IN_TERRITORY: &str =
    "CASE WHEN ld.departement IS NOT NULL THEN ld.departement = ANY($2) ELSE lb.territory && $2 END";

/// Database configuration. Variables: `DATABASE_URL` (required: the application role, see
/// [`crate::roles`]), `DATABASE_MAX_CONNECTIONS` (default 10).
#[derive(Clone)]
pub struct DbConfig {
    pub url: String,
    pub max_connections: u32,
}

/// Printed without the password of its URL (configurations end up in logs and panics).
impl std::fmt::Debug for DbConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DbConfig")
            .field("url", &redacted_url(&self.url))
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

/// A connection URL with its password replaced by `***` (`scheme://user:***@host/…`).
pub fn redacted_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    // The userinfo ends at the last '@' before the path.
    let authority_end = rest.find('/').unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => match rest[..at].split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

impl DbConfig {
    /// # Errors
    /// Names the missing or invalid variable.
    pub fn from_env() -> anyhow::Result<Self> {
        let url = std::env::var("DATABASE_URL")
            .map_err(|_| anyhow::anyhow!("DATABASE_URL must be set"))?;
        let max_connections = match std::env::var("DATABASE_MAX_CONNECTIONS") {
            Ok(v) => v.parse().map_err(|_| {
                anyhow::anyhow!("DATABASE_MAX_CONNECTIONS must be a number, not {v:?}")
            })?,
            Err(_) => 10,
        };
        Ok(DbConfig {
            url,
            max_connections,
        })
    }

    /// The configuration of `ingest-worker migrate`: `MIGRATE_DATABASE_URL`, a URL of the owner
    /// role (see [`crate::roles`]); `DATABASE_URL` when it is not set, with a warning (the services
    /// then connect as the owner, and the journal is append-only by its trigger only).
    ///
    /// # Errors
    /// When neither variable is set.
    pub fn migrate_from_env() -> anyhow::Result<Self> {
        match std::env::var("MIGRATE_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Ok(DbConfig {
                url,
                max_connections: 2,
            }),
            _ => {
                tracing::warn!(
                    "MIGRATE_DATABASE_URL is not set: migrating through DATABASE_URL, which should \
                     be the owner role's then, not the services' application role"
                );
                let url = std::env::var("DATABASE_URL").map_err(|_| {
                    anyhow::anyhow!("MIGRATE_DATABASE_URL (or DATABASE_URL) must be set")
                })?;
                Ok(DbConfig {
                    url,
                    max_connections: 2,
                })
            }
        }
    }

    /// Connects a pool.
    ///
    /// # Errors
    /// When the database cannot be reached.
    pub async fn connect(&self) -> Result<Db, sqlx::Error> {
        let pool = PgPoolOptions::new()
            .max_connections(self.max_connections)
            .acquire_timeout(std::time::Duration::from_secs(10))
            .connect(&self.url)
            .await?;
        Ok(Db { pool })
    }
}

/// The database handle (a pool; cheap to clone).
#[derive(Clone)]
pub struct Db {
    pub pool: PgPool,
}

/// What a registry import did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// A demande as the pipeline needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemandeRecord {
    pub nom: String,
    pub prenom: String,
    pub date_naissance: NaiveDate,
    pub etat: Etat,
}

/// A piece to file with its pli.
#[derive(Debug, Clone)]
pub struct NewPiece {
    pub type_code: Option<TypeCode>,
    pub confidence: f32,
    pub needs_review: bool,
    /// Why the piece must be checked (French), e.g. a holder outside the household.
    pub check_reason: Option<String>,
    pub first_page: u32,
    pub last_page: u32,
    pub page_count: u32,
    pub object_key: String,
    pub sha256: String,
    pub size_bytes: u64,
}

/// A pli to record, with the outcome the pipeline decided.
#[derive(Debug, Clone)]
pub struct NewPli {
    pub batch_id: Uuid,
    pub first_page: u32,
    pub last_page: u32,
    pub cover_page: Option<u32>,
    pub numero_lu: Option<NumeroUnique>,
    pub outcome: String,
    pub reason: String,
    pub cover_object_key: Option<String>,
    pub blank_pages: Vec<u32>,
    pub rejected_pages: Vec<(u32, String)>,
    pub pieces: Vec<NewPiece>,
}

/// What recording a pli did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// Written now, with the final outcome (a limit reached meanwhile turns `attached` into
    /// `needs_review`).
    Written { pli_id: Uuid, outcome: String },
    /// Already there from an earlier delivery of the same batch: nothing written.
    AlreadyThere,
}

/// Status of a batch for the API.
#[derive(Debug, Clone, Serialize)]
pub struct BatchStatus {
    pub id: Uuid,
    pub status: String,
    pub filename: Option<String>,
    pub sha256: String,
    pub pages_total: Option<i32>,
    pub pages_done: i32,
    pub blank_pages: Vec<i32>,
    pub rejected_pages: serde_json::Value,
    /// What is wrong with the file as a whole (French): truncated, repaired.
    pub warnings: Vec<String>,
    pub error: Option<String>,
    pub plis: Vec<PliStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PliStatus {
    pub id: Uuid,
    pub first_page: i32,
    pub last_page: i32,
    pub cover_page: Option<i32>,
    /// The number read on the cover.
    pub numero_unique: Option<String>,
    /// The demande the pli is attached to (by the pipeline or by an operator).
    pub demande: Option<String>,
    pub outcome: String,
    pub reason: String,
    pub pieces: Vec<PieceStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PieceStatus {
    pub id: Uuid,
    pub category: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub confidence: Option<f32>,
    pub status: String,
    pub first_page: Option<i32>,
    pub last_page: Option<i32>,
    pub page_count: i32,
    pub object_key: String,
    pub sha256: String,
}

impl Db {
    /// Applies the migrations.
    ///
    /// # Errors
    /// When a migration fails.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        sqlx::migrate!("./migrations").run(&self.pool).await
    }

    /// Syncs the plan de classement in one transaction: upsert every category and type, then
    /// delete what the file no longer lists.
    ///
    /// # Errors
    /// On a database error (a type still used by pieces cannot be removed).
    pub async fn sync_plan(&self, plan: &Plan) -> Result<(), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let mut cats = Vec::new();
        let mut types = Vec::new();
        for (ci, c) in plan.categories.iter().enumerate() {
            sqlx::query(
                "INSERT INTO plan_categories (code, label, position) VALUES ($1, $2, $3)
                 ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label, position = EXCLUDED.position",
            )
            .bind(c.code.as_str())
            .bind(&c.label)
            .bind(ci as i32)
            .execute(&mut *tx)
            .await?;
            cats.push(c.code.to_string());
            for (ti, t) in c.types.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO plan_types (code, category, label, piece_limit, sensible, position)
                     VALUES ($1, $2, $3, $4, $5, $6)
                     ON CONFLICT (code) DO UPDATE SET category = EXCLUDED.category, label = EXCLUDED.label,
                       piece_limit = EXCLUDED.piece_limit, sensible = EXCLUDED.sensible, position = EXCLUDED.position",
                )
                .bind(t.code.as_str())
                .bind(c.code.as_str())
                .bind(&t.label)
                .bind(t.limit as i32)
                .bind(t.sensible)
                .bind((ci * 100 + ti) as i32)
                .execute(&mut *tx)
                .await?;
                types.push(t.code.to_string());
            }
        }
        sqlx::query("DELETE FROM plan_types WHERE NOT (code = ANY($1))")
            .bind(&types)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM plan_categories WHERE NOT (code = ANY($1))")
            .bind(&cats)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO plan_version (id, version) VALUES (true, $1)
             ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, synced_at = now()",
        )
        .bind(plan.version as i32)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    }

    /// The version of the plan de classement the database holds (written by `sync_plan`, at
    /// migration), `None` before the first sync.
    ///
    /// # Errors
    /// On a database error.
    pub async fn plan_version(&self) -> Result<Option<u32>, sqlx::Error> {
        let v: Option<i32> = sqlx::query_scalar("SELECT version FROM plan_version")
            .fetch_optional(&self.pool)
            .await?;
        Ok(v.map(|v| v as u32))
    }

    /// Imports registry rows (upsert, idempotent) in one transaction.
    ///
    /// # Errors
    /// On a database error; nothing is imported then.
    pub async fn import_registry(
        &self,
        rows: &[RegistryRow],
    ) -> Result<ImportSummary, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let s = upsert_demandes(&mut tx, rows).await?;
        tx.commit().await?;
        Ok(s)
    }

    /// The demandes the registry knows among `numeros`.
    ///
    /// # Errors
    /// On a database error.
    pub async fn lookup_demandes(
        &self,
        numeros: &[NumeroUnique],
    ) -> Result<HashMap<NumeroUnique, DemandeRecord>, sqlx::Error> {
        let keys: Vec<&str> = numeros.iter().map(NumeroUnique::as_str).collect();
        let rows = sqlx::query(
            "SELECT numero_unique, nom, prenom, date_naissance, etat FROM demandes \
             WHERE numero_unique = ANY($1)",
        )
        .bind(&keys)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let n = NumeroUnique::parse(r.get::<&str, _>("numero_unique")).ok()?;
                let etat = Etat::parse(r.get::<&str, _>("etat"))?;
                Some((
                    n,
                    DemandeRecord {
                        nom: r.get("nom"),
                        prenom: r.get("prenom"),
                        date_naissance: r.get("date_naissance"),
                        etat,
                    },
                ))
            })
            .collect())
    }

    /// How many pieces of each type count against the demande's limits (see [`HELD`]).
    ///
    /// # Errors
    /// On a database error.
    pub async fn piece_counts(
        &self,
        numero: &NumeroUnique,
    ) -> Result<HashMap<String, u32>, sqlx::Error> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT type_code, count(*)::int AS n FROM pieces WHERE demande = $1 AND {HELD} GROUP BY type_code"
        )))
        .bind(numero.as_str())
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                Some((
                    r.get::<Option<String>, _>("type_code")?,
                    r.get::<i32, _>("n") as u32,
                ))
            })
            .collect())
    }

    /// Registers a submitted batch and its message in the outbox, in one transaction. The same
    /// file submitted twice (same sha256) returns the first batch and queues nothing.
    /// `territory` is the sender's: its plis on no demande belong to that territory's operators.
    ///
    /// # Errors
    /// On a database error.
    pub async fn create_batch(
        &self,
        sha256: &str,
        object_key: &str,
        filename: Option<&str>,
        size: u64,
        territory: &[String],
        queue: &str,
    ) -> Result<(Uuid, bool), sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let id = Uuid::new_v4();
        let inserted = sqlx::query(
            "INSERT INTO batches (id, sha256, object_key, filename, size_bytes, status, territory)
             VALUES ($1, $2, $3, $4, $5, 'queued', $6) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(id)
        .bind(sha256)
        .bind(object_key)
        .bind(filename)
        .bind(size as i64)
        .bind(territory)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !inserted {
            // Sent again from another territory: its operators follow it too.
            let existing: Uuid = sqlx::query_scalar(
                "UPDATE batches SET territory = ARRAY(SELECT DISTINCT unnest(territory || $2::text[]) ORDER BY 1)
                 WHERE sha256 = $1 RETURNING id",
            )
            .bind(sha256)
            .bind(territory)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            return Ok((existing, false));
        }
        sqlx::query("INSERT INTO outbox (queue, payload) VALUES ($1, $2)")
            .bind(queue)
            .bind(serde_json::json!({ "batch_id": id }))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((id, true))
    }

    /// Claims messages written but not yet confirmed by the broker, oldest first. The rows stay
    /// locked (`FOR UPDATE SKIP LOCKED`) until [`OutboxClaim::published`] or the claim is
    /// dropped, so two relays (or a request and the relay) never publish the same message.
    ///
    /// # Errors
    /// On a database error.
    pub async fn outbox_claim(&self, limit: i64) -> Result<OutboxClaim, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let rows = sqlx::query(
            "SELECT id, queue, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT $1
             FOR UPDATE SKIP LOCKED",
        )
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        Ok(OutboxClaim {
            tx,
            messages: rows
                .into_iter()
                .map(|r| (r.get("id"), r.get("queue"), r.get("payload")))
                .collect(),
        })
    }

    /// The batch's stored file and state, counting one more delivery.
    ///
    /// # Errors
    /// On a database error.
    pub async fn start_batch(
        &self,
        id: Uuid,
    ) -> Result<Option<(String, String, i32)>, sqlx::Error> {
        let row = sqlx::query(
            "UPDATE batches SET deliveries = deliveries + 1,
                    status = CASE WHEN status IN ('queued', 'processing') THEN 'processing' ELSE status END,
                    updated_at = now()
             WHERE id = $1 RETURNING object_key, status, deliveries",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| (r.get("object_key"), r.get("status"), r.get("deliveries"))))
    }

    /// Records progress (pages done / total).
    ///
    /// # Errors
    /// On a database error.
    pub async fn batch_progress(
        &self,
        id: Uuid,
        done: u32,
        total: Option<u32>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE batches SET pages_done = GREATEST(pages_done, $2), pages_total = COALESCE($3, pages_total),
                    updated_at = now() WHERE id = $1",
        )
        .bind(id)
        .bind(done as i32)
        .bind(total.map(|t| t as i32))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a batch done.
    ///
    /// # Errors
    /// On a database error.
    pub async fn finish_batch(
        &self,
        id: Uuid,
        pages: u32,
        blank: &[u32],
        rejected: &[(u32, String)],
        warnings: &[String],
    ) -> Result<(), sqlx::Error> {
        let blank: Vec<i32> = blank.iter().map(|&p| p as i32).collect();
        let rejected: Vec<serde_json::Value> = rejected
            .iter()
            .map(|(p, r)| serde_json::json!({ "page": p, "reason": r }))
            .collect();
        sqlx::query(
            "UPDATE batches SET status = 'done', pages_done = $2, pages_total = $2, blank_pages = $3,
                    rejected_pages = $4, warnings = $5, error = NULL, updated_at = now() WHERE id = $1",
        )
        .bind(id)
        .bind(pages as i32)
        .bind(&blank)
        .bind(serde_json::Value::Array(rejected))
        .bind(warnings)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Marks a batch failed with a reason (for operators, in French).
    ///
    /// # Errors
    /// On a database error.
    pub async fn fail_batch(&self, id: Uuid, reason: &str) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE batches SET status = 'failed', error = $2, updated_at = now() WHERE id = $1",
        )
        .bind(id)
        .bind(reason)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a pli with its pieces and journal entries in one short transaction.
    ///
    /// Idempotent: a pli already recorded for this batch and first page is left as it is. For an
    /// `attached` pli the demande's row is locked and the per-type limits are checked against
    /// the pieces it holds now, so concurrent filings cannot exceed a limit.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn record_pli(&self, pli: &NewPli, plan: &Plan) -> Result<Recorded, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let pli_id = Uuid::new_v4();
        let mut outcome = pli.outcome.clone();
        let mut reason = pli.reason.clone();
        let demande = pli.numero_lu.as_ref().map(|n| n.as_str().to_string());
        if outcome == "attached" {
            let numero = demande.as_deref().unwrap_or_default();
            sqlx::query("SELECT 1 FROM demandes WHERE numero_unique = $1 FOR UPDATE")
                .bind(numero)
                .execute(&mut *tx)
                .await?;
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT type_code, count(*)::int AS n FROM pieces
                 WHERE demande = $1 AND {HELD} GROUP BY type_code"
            )))
            .bind(numero)
            .fetch_all(&mut *tx)
            .await?;
            let mut held: HashMap<String, u32> = rows
                .iter()
                .filter_map(|r| {
                    Some((
                        r.get::<Option<String>, _>("type_code")?,
                        r.get::<i32, _>("n") as u32,
                    ))
                })
                .collect();
            for p in pli.pieces.iter().filter(|p| !p.needs_review) {
                if let Some(t) = &p.type_code {
                    let n = held.entry(t.to_string()).or_default();
                    *n += 1;
                    if let Some(pt) = plan.piece_type(t) {
                        if *n > pt.limit {
                            outcome = "needs_review".into();
                            reason = format!(
                                "limite dépassée pour {} ({}) : {} pièces pour {} autorisées",
                                pt.code, pt.label, n, pt.limit
                            );
                        }
                    }
                }
            }
        }
        let rejected: Vec<serde_json::Value> = pli
            .rejected_pages
            .iter()
            .map(|(p, r)| serde_json::json!({ "page": p, "reason": r }))
            .collect();
        let blank: Vec<i32> = pli.blank_pages.iter().map(|&p| p as i32).collect();
        let known_demande = match (&outcome[..], &demande) {
            ("attached" | "needs_review" | "demande_radiee", Some(d)) => {
                let exists: bool = sqlx::query_scalar(
                    "SELECT EXISTS (SELECT 1 FROM demandes WHERE numero_unique = $1)",
                )
                .bind(d)
                .fetch_one(&mut *tx)
                .await?;
                exists.then(|| d.clone())
            }
            _ => None,
        };
        let inserted = sqlx::query(
            "INSERT INTO plis (id, batch_id, first_page, last_page, cover_page, numero_lu, demande, outcome, reason,
                               cover_object_key, blank_pages, rejected_pages)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
             ON CONFLICT (batch_id, first_page) DO NOTHING",
        )
        .bind(pli_id)
        .bind(pli.batch_id)
        .bind(pli.first_page as i32)
        .bind(pli.last_page as i32)
        .bind(pli.cover_page.map(|p| p as i32))
        .bind(pli.numero_lu.as_ref().map(NumeroUnique::as_str))
        .bind(&known_demande)
        .bind(&outcome)
        .bind(&reason)
        .bind(&pli.cover_object_key)
        .bind(&blank)
        .bind(serde_json::Value::Array(rejected))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 0 {
            tx.rollback().await?;
            return Ok(Recorded::AlreadyThere);
        }
        let mut attached = 0;
        for p in &pli.pieces {
            let attach = outcome == "attached" && !p.needs_review;
            attached += usize::from(attach);
            let category = p
                .type_code
                .as_ref()
                .and_then(|t| plan.piece_type(t))
                .map(|t| t.category.to_string());
            let piece_id = Uuid::new_v4();
            sqlx::query(
                "INSERT INTO pieces (id, pli_id, demande, category, type_code, confidence, status, first_page, last_page,
                                     page_count, object_key, sha256, size_bytes, channel, deposited_by, check_reason)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'papier', $14, $15)",
            )
            .bind(piece_id)
            .bind(pli_id)
            .bind(if attach { known_demande.as_deref() } else { None })
            .bind(&category)
            .bind(p.type_code.as_ref().map(TypeCode::as_str))
            .bind(p.confidence)
            .bind(if attach { "attached" } else { "to_review" })
            .bind(p.first_page as i32)
            .bind(p.last_page as i32)
            .bind(p.page_count as i32)
            .bind(&p.object_key)
            .bind(&p.sha256)
            .bind(p.size_bytes as i64)
            .bind(DIGITIZATION_ACTOR)
            .bind(&p.check_reason)
            .execute(&mut *tx)
            .await?;
            if attach {
                sqlx::query(
                    "INSERT INTO journal (demande, piece_id, event, category, type_code, actor, details)
                     VALUES ($1, $2, 'creation', $3, $4, $5, $6)",
                )
                .bind(known_demande.as_deref())
                .bind(piece_id)
                .bind(&category)
                .bind(p.type_code.as_ref().map(TypeCode::as_str))
                .bind(DIGITIZATION_ACTOR)
                .bind(serde_json::json!({ "canal": "papier", "lot": pli.batch_id, "pages": [p.first_page, p.last_page] }))
                .execute(&mut *tx)
                .await?;
            }
        }
        if let (true, Some(numero)) = (attached > 0, known_demande.as_deref()) {
            crate::portal::queue_paper_confirmation(&mut tx, numero, attached, plan).await?;
        }
        tx.commit().await?;
        Ok(Recorded::Written { pli_id, outcome })
    }

    /// A batch's status with the plis and pieces an operator of `territory` may see; `None`
    /// when the batch is unknown or none of it is his (see [`PLI_IN_TERRITORY`]).
    ///
    /// # Errors
    /// On a database error.
    pub async fn batch_status(
        &self,
        id: Uuid,
        territory: &[String],
    ) -> Result<Option<BatchStatus>, sqlx::Error> {
        let Some(b) = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, status, filename, sha256, pages_total, pages_done, blank_pages, rejected_pages, warnings, error
             FROM batches b WHERE id = $1 AND {BATCH_IN_TERRITORY}"
        )))
        .bind(id)
        .bind(territory)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let plis = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT l.id, l.first_page, l.last_page, l.cover_page, l.numero_lu, l.demande, l.outcome, l.reason
             FROM {PLIS_WITH_TERRITORY} WHERE l.batch_id = $1 AND {PLI_IN_TERRITORY} ORDER BY l.first_page"
        )))
        .bind(id)
        .bind(territory)
        .fetch_all(&self.pool)
        .await?;
        let pieces = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT p.id, p.pli_id, p.status, p.first_page, p.last_page, p.page_count, p.object_key, p.sha256,
                    CASE WHEN hide THEN NULL ELSE p.category END AS category,
                    CASE WHEN hide THEN NULL ELSE p.type_code END AS type_code,
                    CASE WHEN hide THEN NULL ELSE p.confidence END AS confidence
             FROM {PLIS_WITH_TERRITORY} JOIN pieces p ON p.pli_id = l.id
             LEFT JOIN plan_types t ON t.code = p.type_code,
             -- Out of the queue, a piece of a sensible type is not the operators' to see.
             LATERAL (SELECT p.status <> 'to_review' AND COALESCE(t.sensible, false) AS hide) h
             WHERE l.batch_id = $1 AND {PLI_IN_TERRITORY} ORDER BY p.first_page"
        )))
        .bind(id)
        .bind(territory)
        .fetch_all(&self.pool)
        .await?;
        let mut by_pli: HashMap<Uuid, Vec<PieceStatus>> = HashMap::new();
        for r in pieces {
            by_pli
                .entry(r.get("pli_id"))
                .or_default()
                .push(PieceStatus {
                    id: r.get("id"),
                    category: r.get("category"),
                    type_code: r.get("type_code"),
                    confidence: r.get("confidence"),
                    status: r.get("status"),
                    first_page: r.get("first_page"),
                    last_page: r.get("last_page"),
                    page_count: r.get("page_count"),
                    object_key: r.get("object_key"),
                    sha256: r.get("sha256"),
                });
        }
        Ok(Some(BatchStatus {
            id: b.get("id"),
            status: b.get("status"),
            filename: b.get("filename"),
            sha256: b.get("sha256"),
            pages_total: b.get("pages_total"),
            pages_done: b.get("pages_done"),
            blank_pages: b.get("blank_pages"),
            rejected_pages: b.get("rejected_pages"),
            warnings: b.get("warnings"),
            error: b.get("error"),
            plis: plis
                .into_iter()
                .map(|r| {
                    let id: Uuid = r.get("id");
                    PliStatus {
                        id,
                        first_page: r.get("first_page"),
                        last_page: r.get("last_page"),
                        cover_page: r.get("cover_page"),
                        numero_unique: r.get("numero_lu"),
                        demande: r.get("demande"),
                        outcome: r.get("outcome"),
                        reason: r.get("reason"),
                        pieces: by_pli.remove(&id).unwrap_or_default(),
                    }
                })
                .collect(),
        }))
    }

    /// Whether an operator of `territory` may see a batch (see [`BATCH_IN_TERRITORY`]); `None`
    /// when there is no such batch.
    ///
    /// # Errors
    /// On a database error.
    pub async fn batch_visible(
        &self,
        id: Uuid,
        territory: &[String],
    ) -> Result<Option<bool>, sqlx::Error> {
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT {BATCH_IN_TERRITORY} FROM batches b WHERE id = $1"
        )))
        .bind(id)
        .bind(territory)
        .fetch_optional(&self.pool)
        .await
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }
}

/// Upserts registry rows on `conn` (the caller's transaction); see [`Db::import_registry`].
pub(crate) async fn upsert_demandes(
    conn: &mut sqlx::PgConnection,
    rows: &[RegistryRow],
) -> Result<ImportSummary, sqlx::Error> {
    let mut s = ImportSummary::default();
    for r in rows {
        let row = sqlx::query(
            "INSERT INTO demandes (numero_unique, nom, prenom, date_naissance, etat, departement, guichet_code, date_depot, email)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (numero_unique) DO UPDATE SET nom = EXCLUDED.nom, prenom = EXCLUDED.prenom,
               date_naissance = EXCLUDED.date_naissance, etat = EXCLUDED.etat, departement = EXCLUDED.departement,
               guichet_code = EXCLUDED.guichet_code, date_depot = EXCLUDED.date_depot,
               email = COALESCE(EXCLUDED.email, demandes.email), updated_at = now()
             WHERE (demandes.nom, demandes.prenom, demandes.date_naissance, demandes.etat, demandes.departement,
                    demandes.guichet_code, demandes.date_depot, COALESCE(EXCLUDED.email, demandes.email))
               IS DISTINCT FROM (EXCLUDED.nom, EXCLUDED.prenom, EXCLUDED.date_naissance, EXCLUDED.etat,
                    EXCLUDED.departement, EXCLUDED.guichet_code, EXCLUDED.date_depot, demandes.email)
             RETURNING (xmax = 0) AS inserted",
        )
        .bind(r.numero.as_str())
        .bind(&r.nom)
        .bind(&r.prenom)
        .bind(r.date_naissance)
        .bind(r.etat.as_str())
        .bind(&r.departement)
        .bind(&r.guichet_code)
        .bind(r.date_depot)
        .bind(&r.email)
        .fetch_optional(&mut *conn)
        .await?;
        match row {
            Some(row) if row.get::<bool, _>("inserted") => s.inserted += 1,
            Some(_) => s.updated += 1,
            None => s.unchanged += 1,
        }
    }
    Ok(s)
}

#[cfg(test)]
mod redaction_tests {
    use super::*;

    #[test]
    fn urls_are_printed_without_their_password() {
        assert_eq!(
            redacted_url("postgres://dossier_app:s3cr3t@127.0.0.1:5432/dossier"),
            "postgres://dossier_app:***@127.0.0.1:5432/dossier"
        );
        assert_eq!(
            redacted_url("amqp://guest:p%40ss@host/%2f"),
            "amqp://guest:***@host/%2f"
        );
        assert_eq!(
            redacted_url("postgres://127.0.0.1/db"),
            "postgres://127.0.0.1/db"
        );
        assert_eq!(
            redacted_url("postgres://user@host/db"),
            "postgres://user@host/db"
        );
        let c = DbConfig {
            url: "postgres://u:hunter2@h/d".into(),
            max_connections: 3,
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
