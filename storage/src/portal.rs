//! SQL of the portals: accounts, sessions, tokens, pieces as people see and change them, the
//! journal, the operators' review queue and the e-mail outbox.
//!
//! Every change to a piece is written with its journal row in the same transaction. Deposits and
//! restorations lock the demande's row (`SELECT … FOR UPDATE`) before counting what it holds, so
//! concurrent requests cannot exceed a per-type limit.

use chrono::{DateTime, NaiveDate, Utc};
use plan_de_classement::{PieceType, Plan, TypeCode};
use serde::Serialize;
use sqlx::postgres::PgRow;
use sqlx::{Postgres, Row, Transaction};
use uuid::Uuid;

use crate::db::Db;

/// A staff account as the API needs it.
#[derive(Debug, Clone, Serialize)]
pub struct UserRow {
    pub id: Uuid,
    pub login: String,
    pub nom: String,
    pub email: Option<String>,
    pub profile: String,
    pub guichet: String,
    pub territory: Vec<String>,
    #[serde(skip)]
    pub password_hash: String,
    /// Disabled by `api users disable`: no login, no session.
    #[serde(skip)]
    pub disabled: bool,
}

/// A staff account to create or update.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub login: String,
    pub nom: String,
    pub email: Option<String>,
    pub profile: String,
    pub guichet: String,
    pub territory: Vec<String>,
    pub password_hash: String,
}

/// What an applicant's login checks.
#[derive(Debug, Clone)]
pub struct ApplicantLogin {
    pub numero: String,
    pub date_naissance: NaiveDate,
    pub code_hash: Option<String>,
    /// A new code asked for from the public portal, not used yet (the current one stays valid).
    pub pending_code_hash: Option<String>,
    pub locked_until: Option<DateTime<Utc>>,
    pub etat: String,
}

/// Who a session belongs to.
#[derive(Debug, Clone)]
pub enum SessionSubject {
    Staff(UserRow),
    Applicant(String),
}

/// A live session.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub subject: SessionSubject,
    pub csrf: String,
    /// `web` (cookie) or `mobile` (bearer token of the phone app).
    pub kind: String,
}

/// An API token's scope.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: Uuid,
    pub label: String,
    pub guichet: String,
    pub profile: String,
    pub territory: Vec<String>,
}

/// An API token as `api tokens list` shows it.
#[derive(Debug, Clone)]
pub struct TokenListing {
    pub id: Uuid,
    pub label: String,
    pub guichet: String,
    pub profile: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A demande as the portals show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DemandeView {
    pub numero_unique: String,
    pub nom: String,
    pub prenom: String,
    pub date_naissance: NaiveDate,
    pub etat: String,
    pub departement: String,
    pub guichet_code: String,
    #[serde(skip)]
    pub email: Option<String>,
}

/// A piece as the portals show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PieceView {
    pub id: Uuid,
    pub demande: Option<String>,
    /// The demande's département (for the territory check), when the piece is on a demande.
    #[serde(skip)]
    pub departement: Option<String>,
    pub pli_id: Option<Uuid>,
    pub category: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub type_label: Option<String>,
    pub sensible: bool,
    pub status: String,
    pub status_reason: Option<String>,
    pub indice: String,
    pub date_fin_validite: Option<NaiveDate>,
    pub channel: String,
    pub confidence: Option<f32>,
    pub page_count: Option<i32>,
    pub first_page: Option<i32>,
    pub last_page: Option<i32>,
    pub size_bytes: Option<i64>,
    pub sha256: Option<String>,
    #[serde(skip)]
    pub object_key: Option<String>,
    pub deposited_by: String,
    pub deposited_guichet: Option<String>,
    pub by_applicant: bool,
    pub created_at: DateTime<Utc>,
    /// What the worker noticed for a guichet to check (probable duplicate, doubtful type).
    pub check_reason: Option<String>,
    pub duplicate_of: Option<Uuid>,
    /// Where a piece on no demande yet belongs, for the operators' territory: the département
    /// of its pli's demande, else the territory of whoever sent the batch.
    #[serde(skip)]
    pub queue_territory: Vec<String>,
    /// The demande its pli was read for, for a piece of a pli put aside.
    #[serde(skip)]
    pub pli_demande: Option<String>,
}

const PIECE_COLUMNS: &str = "p.id, p.demande, d.departement, p.pli_id, p.category, p.type_code, t.label AS type_label,
    COALESCE(t.sensible, false) AS sensible, p.status, p.status_reason, p.indice, p.date_fin_validite, p.channel,
    p.confidence, p.page_count, p.first_page, p.last_page, p.size_bytes, p.sha256, p.object_key, p.deposited_by,
    p.deposited_guichet, p.by_applicant, p.created_at, p.check_reason, p.duplicate_of,
    CASE WHEN p.demande IS NOT NULL THEN '{}'::text[]
         WHEN ld.departement IS NOT NULL THEN ARRAY[ld.departement]
         ELSE COALESCE(lb.territory, '{}') END AS queue_territory, pl.demande AS pli_demande
    FROM pieces p LEFT JOIN demandes d ON d.numero_unique = p.demande LEFT JOIN plan_types t ON t.code = p.type_code
    LEFT JOIN plis pl ON pl.id = p.pli_id LEFT JOIN demandes ld ON ld.numero_unique = pl.demande
    LEFT JOIN batches lb ON lb.id = pl.batch_id";

fn piece_from(r: &PgRow) -> PieceView {
    PieceView {
        id: r.get("id"),
        demande: r.get("demande"),
        departement: r.get("departement"),
        pli_id: r.get("pli_id"),
        category: r.get("category"),
        type_code: r.get("type_code"),
        type_label: r.get("type_label"),
        sensible: r.get("sensible"),
        status: r.get("status"),
        status_reason: r.get("status_reason"),
        indice: r.get("indice"),
        date_fin_validite: r.get("date_fin_validite"),
        channel: r.get("channel"),
        confidence: r.get("confidence"),
        page_count: r.get("page_count"),
        first_page: r.get("first_page"),
        last_page: r.get("last_page"),
        size_bytes: r.get("size_bytes"),
        sha256: r.get("sha256"),
        object_key: r.get("object_key"),
        deposited_by: r.get("deposited_by"),
        deposited_guichet: r.get("deposited_guichet"),
        by_applicant: r.get("by_applicant"),
        created_at: r.get("created_at"),
        check_reason: r.get("check_reason"),
        duplicate_of: r.get("duplicate_of"),
        queue_territory: r.get("queue_territory"),
        pli_demande: r.get("pli_demande"),
    }
}

fn demande_from(r: &PgRow) -> DemandeView {
    DemandeView {
        numero_unique: r.get("numero_unique"),
        nom: r.get("nom"),
        prenom: r.get("prenom"),
        date_naissance: r.get("date_naissance"),
        etat: r.get("etat"),
        departement: r.get("departement"),
        guichet_code: r.get("guichet_code"),
        email: r.get("email"),
    }
}

fn user_from(r: &PgRow) -> UserRow {
    UserRow {
        id: r.get("id"),
        login: r.get("login"),
        nom: r.get("nom"),
        email: r.get("email"),
        profile: r.get("profile"),
        guichet: r.get("guichet"),
        territory: r.get("territory"),
        password_hash: r.get("password_hash"),
        disabled: r.get::<Option<DateTime<Utc>>, _>("disabled_at").is_some(),
    }
}

/// Who acts, as written in the journal.
#[derive(Debug, Clone)]
pub struct JournalActor {
    pub name: String,
    pub guichet: Option<String>,
}

/// An original file of a deposit, already in object storage.
#[derive(Debug, Clone, Serialize)]
pub struct OriginalFile {
    pub key: String,
    pub content_type: String,
    pub name: String,
    pub size: u64,
}

/// A piece deposited digitally (portal, guichet, web service), before normalization.
#[derive(Debug, Clone)]
pub struct NewDeposit {
    pub demande: String,
    pub type_code: Option<String>,
    pub channel: &'static str,
    pub originals: Vec<OriginalFile>,
    pub date_fin_validite: Option<NaiveDate>,
    /// Deposited by the applicant himself (public portal, phone app): he is sent a receipt.
    pub by_applicant: bool,
    /// `attached`, or `to_review` when operators must qualify it.
    pub target_status: &'static str,
    /// Beyond its type's limit, the piece is put aside (`to_review`, [`ASIDE_LIMIT_REASON`])
    /// instead of refused (see [`Qualification::aside_when_full`]).
    pub aside_when_full: bool,
    /// A duplicate of this piece, which the depositor may not see: the deposit is put aside
    /// (`to_review`, pointing at it) rather than refused with an answer that would tell him the
    /// hidden piece exists.
    pub duplicate_aside: Option<Uuid>,
    /// The queue of the normalization message.
    pub queue: String,
}

/// What a deposit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deposited {
    Created(Uuid),
    /// The type's limit is reached: `(type label, limit)`.
    LimitReached(String, u32),
    DemandeNotActive,
    /// One of the files is already in a piece of the demande: `(piece, type label, deposit
    /// date)`; the caller decides what the depositor may be told of it.
    Duplicate(Uuid, Option<String>, DateTime<Utc>),
}

/// A change of qualification; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct Qualification {
    pub type_code: Option<String>,
    pub indice: Option<String>,
    /// `Some(None)` clears the date.
    pub date_fin_validite: Option<Option<NaiveDate>>,
    /// A new type beyond its limit puts the piece aside (`to_review`, for a profile cleared for
    /// it) instead of refusing: a caller who may not see the pieces of that type must not learn
    /// from a refusal that the demande holds them.
    pub aside_when_full: bool,
}

/// The reason of a piece put aside because its type's limit was reached.
pub const ASIDE_LIMIT_REASON: &str =
    "limite de pièces de ce type atteinte : à vérifier par un profil habilité";

/// The reason of a deposit put aside because it duplicates a piece its depositor may not see.
pub const ASIDE_DUPLICATE_REASON: &str =
    "doublon probable d'une autre pièce de la demande : à vérifier";

/// `check_reason` without its doubt about the chosen type (stale once the type is changed).
pub const DROP_TYPE_DOUBT: &str = "NULLIF(array_to_string(ARRAY(
    SELECT r FROM unnest(string_to_array(check_reason, ' ; ')) r
    WHERE r NOT LIKE 'le document lu ne ressemble pas au type choisi%'), ' ; '), '')";

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    Done,
    /// Nothing to do (same values, or the piece is not in a state that allows it).
    Unchanged,
    LimitReached(String, u32),
}

/// A journal row.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct JournalRow {
    pub at: DateTime<Utc>,
    pub event: String,
    pub piece_id: Option<Uuid>,
    pub category: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub actor: String,
    pub actor_guichet: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// The piece's type today (`None` while untyped), to judge who may read the row.
    #[serde(skip)]
    pub piece_type_now: Option<String>,
}

/// Filters of the journal.
#[derive(Debug, Clone, Default)]
pub struct JournalFilter {
    pub category: Option<String>,
    pub type_code: Option<String>,
    pub event: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A batch in the operators' list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BatchRow {
    pub id: Uuid,
    pub filename: Option<String>,
    pub status: String,
    pub pages_total: Option<i32>,
    pub pages_done: i32,
    pub plis: i64,
    pub plis_attached: i64,
    pub plis_aside: i64,
    pub error: Option<String>,
    /// What is wrong with the file as a whole (French): truncated, repaired.
    pub warnings: Vec<String>,
    pub created_at: DateTime<Utc>,
}

/// A pli put aside, for the review queue.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PliView {
    pub id: Uuid,
    pub batch_id: Uuid,
    pub first_page: i32,
    pub last_page: i32,
    pub numero_lu: Option<String>,
    pub demande: Option<String>,
    #[serde(skip)]
    pub departement: Option<String>,
    pub outcome: String,
    pub reason: String,
    /// The cover's one-page PDF (kept with the batch).
    #[serde(skip)]
    pub cover_object_key: Option<String>,
    /// Blank pages of the pli (in no piece).
    pub blank_pages: Vec<i32>,
    pub pieces: Vec<PieceView>,
    /// For a pli on no demande: the territory of whoever sent its batch.
    #[serde(skip)]
    pub queue_territory: Vec<String>,
}

/// A piece of an operator's new page split, already stored.
#[derive(Debug, Clone)]
pub struct ResplitPiece {
    pub first_page: i32,
    pub last_page: i32,
    pub page_count: i32,
    pub object_key: String,
    pub sha256: String,
    pub size_bytes: i64,
}

/// An e-mail to send.
#[derive(Debug, Clone)]
pub struct PendingMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: i32,
}

/// What attaching a pli did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PliAttach {
    Attached(usize),
    UnknownDemande,
    DemandeNotActive,
    LimitReached(String, u32),
    AlreadyAttached,
}

/// The plan's type for a code given as text.
fn piece_type<'a>(plan: &'a Plan, code: &str) -> Option<&'a PieceType> {
    plan.piece_type(&TypeCode::parse(code).ok()?)
}

async fn lock_demande(
    tx: &mut Transaction<'_, Postgres>,
    numero: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT etat FROM demandes WHERE numero_unique = $1 FOR UPDATE")
        .bind(numero)
        .fetch_optional(&mut **tx)
        .await
}

/// Pieces that count against a limit (see [`crate::db::HELD`]).
async fn held(
    tx: &mut Transaction<'_, Postgres>,
    numero: &str,
    type_code: &str,
) -> Result<u32, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM pieces WHERE demande = $1 AND type_code = $2 AND {}",
        crate::db::HELD
    )))
    .bind(numero)
    .bind(type_code)
    .fetch_one(&mut **tx)
    .await?;
    Ok(n as u32)
}

#[allow(clippy::too_many_arguments)]
async fn journal(
    tx: &mut Transaction<'_, Postgres>,
    demande: &str,
    piece: Uuid,
    event: &str,
    category: Option<&str>,
    type_code: Option<&str>,
    actor: &JournalActor,
    details: serde_json::Value,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO journal (demande, piece_id, event, category, type_code, actor, actor_guichet, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(demande)
    .bind(piece)
    .bind(event)
    .bind(category)
    .bind(type_code)
    .bind(&actor.name)
    .bind(&actor.guichet)
    .bind(details)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn queue_mail(
    tx: &mut Transaction<'_, Postgres>,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO mail_outbox (recipient, subject, body) VALUES ($1, $2, $3)")
        .bind(recipient)
        .bind(subject)
        .bind(body)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

impl Db {
    // ------------------------------------------------------------------ accounts

    /// Creates or updates a guichet.
    ///
    /// # Errors
    /// On a database error.
    pub async fn upsert_guichet(
        &self,
        code: &str,
        libelle: &str,
        email: Option<&str>,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO guichets (code, libelle, email) VALUES ($1, $2, $3)
             ON CONFLICT (code) DO UPDATE SET libelle = EXCLUDED.libelle, email = EXCLUDED.email",
        )
        .bind(code)
        .bind(libelle)
        .bind(email)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Creates a staff account, or updates its profile, guichet, territory and password. Its
    /// sessions end (the password changed); a disabled account stays disabled.
    ///
    /// # Errors
    /// On a database error.
    pub async fn upsert_user(&self, u: &NewUser) -> Result<Uuid, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let id: Uuid = sqlx::query_scalar(
            "INSERT INTO users (id, login, nom, email, profile, guichet, territory, password_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (login) DO UPDATE SET nom = EXCLUDED.nom, email = EXCLUDED.email,
               profile = EXCLUDED.profile, guichet = EXCLUDED.guichet, territory = EXCLUDED.territory,
               password_hash = EXCLUDED.password_hash
             RETURNING id",
        )
        .bind(Uuid::new_v4())
        .bind(&u.login)
        .bind(&u.nom)
        .bind(&u.email)
        .bind(&u.profile)
        .bind(&u.guichet)
        .bind(&u.territory)
        .bind(&u.password_hash)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The account with this login.
    ///
    /// # Errors
    /// On a database error.
    pub async fn user_by_login(&self, login: &str) -> Result<Option<UserRow>, sqlx::Error> {
        let r = sqlx::query("SELECT * FROM users WHERE login = $1")
            .bind(login)
            .fetch_optional(&self.pool)
            .await?;
        Ok(r.as_ref().map(user_from))
    }

    /// Disables (`true`) or re-enables a staff account; disabling deletes its sessions.
    /// Returns whether the account exists.
    ///
    /// # Errors
    /// On a database error.
    pub async fn set_user_disabled(
        &self,
        login: &str,
        disabled: bool,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let id: Option<Uuid> = sqlx::query_scalar(
            "UPDATE users SET disabled_at = CASE WHEN $2 THEN COALESCE(disabled_at, now()) END
             WHERE login = $1 RETURNING id",
        )
        .bind(login)
        .bind(disabled)
        .fetch_optional(&mut *tx)
        .await?;
        if let (Some(id), true) = (id, disabled) {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(id.is_some())
    }

    /// Whether a login attempt must wait: one of `keys` (see [`Db::login_failed`]) is in its
    /// delay.
    ///
    /// # Errors
    /// On a database error.
    pub async fn login_throttled(&self, keys: &[String]) -> Result<bool, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM login_throttle WHERE key = ANY($1) AND next_allowed_at > now())",
        )
        .bind(keys)
        .fetch_one(&self.pool)
        .await
    }

    /// Counts a failed login on each key `(key, free)`: after `free` failures, the next attempt
    /// waits 2^(failures - free) seconds, at most `max_delay_secs`. A count idle for a day
    /// starts again.
    ///
    /// # Errors
    /// On a database error.
    pub async fn login_failed(
        &self,
        keys: &[(String, i32)],
        max_delay_secs: i32,
    ) -> Result<(), sqlx::Error> {
        for (key, free) in keys {
            sqlx::query(
                "WITH f AS (
                   SELECT COALESCE((SELECT CASE WHEN updated_at < now() - interval '1 day' THEN 0 ELSE failures END
                                    FROM login_throttle WHERE key = $1), 0) + 1 AS n)
                 INSERT INTO login_throttle AS t (key, failures, next_allowed_at, updated_at)
                 SELECT $1, f.n, now() + make_interval(secs => CASE WHEN f.n < $2 THEN 0
                        ELSE least($3::float8, power(2, least(f.n - $2, 30))) END), now()
                 FROM f
                 ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures,
                   next_allowed_at = EXCLUDED.next_allowed_at, updated_at = now()",
            )
            .bind(key)
            .bind(free)
            .bind(max_delay_secs)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Forgets the failures counted on `key` (a successful login of that account).
    ///
    /// # Errors
    /// On a database error.
    pub async fn login_succeeded(&self, key: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// What an applicant's login checks.
    ///
    /// # Errors
    /// On a database error.
    pub async fn applicant_login(
        &self,
        numero: &str,
    ) -> Result<Option<ApplicantLogin>, sqlx::Error> {
        let r = sqlx::query(
            "SELECT numero_unique, date_naissance, code_hash, pending_code_hash, locked_until, etat FROM demandes WHERE numero_unique = $1",
        )
        .bind(numero)
        .fetch_optional(&self.pool)
        .await?;
        Ok(r.map(|r| ApplicantLogin {
            numero: r.get("numero_unique"),
            date_naissance: r.get("date_naissance"),
            code_hash: r.get("code_hash"),
            pending_code_hash: r.get("pending_code_hash"),
            locked_until: r.get("locked_until"),
            etat: r.get("etat"),
        }))
    }

    /// Stores a new code télédemandeur (hash) and, when given, the applicant's e-mail. Returns
    /// whether the demande exists.
    ///
    /// # Errors
    /// On a database error.
    pub async fn set_applicant_code(
        &self,
        numero: &str,
        code_hash: &str,
        email: Option<&str>,
    ) -> Result<bool, sqlx::Error> {
        let n = sqlx::query(
            "WITH ended AS (DELETE FROM sessions WHERE demande = $1)
             UPDATE demandes SET code_hash = $2, pending_code_hash = NULL, email = COALESCE($3, email), failed_logins = 0, locked_until = NULL
             WHERE numero_unique = $1",
        )
        .bind(numero)
        .bind(code_hash)
        .bind(email)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    // ------------------------------------------------------------------ sessions and tokens

    /// Opens a session for `hours`.
    ///
    /// # Errors
    /// On a database error.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user: Option<Uuid>,
        demande: Option<&str>,
        csrf: &str,
        hours: i32,
    ) -> Result<(), sqlx::Error> {
        self.create_session_of_kind(token_hash, user, demande, csrf, hours, "web")
            .await
    }

    /// Opens a session of a kind (`web` or `mobile`) for `hours`.
    ///
    /// # Errors
    /// On a database error.
    pub async fn create_session_of_kind(
        &self,
        token_hash: &str,
        user: Option<Uuid>,
        demande: Option<&str>,
        csrf: &str,
        hours: i32,
        kind: &str,
    ) -> Result<(), sqlx::Error> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, demande, csrf, expires_at, kind)
             VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5), $6)",
        )
        .bind(token_hash)
        .bind(user)
        .bind(demande)
        .bind(csrf)
        .bind(hours)
        .bind(kind)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash, its `last_seen_at` refreshed (at most once a
    /// minute, or twice per idle period when that is shorter). A session expired, idle for more than `idle_secs`, of a disabled account or of a
    /// demande no longer `active` is deleted and `None` returned.
    ///
    /// # Errors
    /// On a database error.
    pub async fn session(
        &self,
        token_hash: &str,
        idle_secs: i64,
    ) -> Result<Option<SessionRow>, sqlx::Error> {
        let Some(s) = sqlx::query(
            "SELECT s.user_id, s.demande, s.csrf, s.kind,
                    s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2::float8)
                      AND (s.user_id IS NULL OR u.disabled_at IS NULL)
                      AND (s.demande IS NULL OR d.etat = 'active') AS live,
                    s.last_seen_at < now() - least(interval '1 minute', make_interval(secs => $2::float8 / 2)) AS stale
             FROM sessions s LEFT JOIN users u ON u.id = s.user_id
             LEFT JOIN demandes d ON d.numero_unique = s.demande
             WHERE s.token_hash = $1",
        )
        .bind(token_hash)
        .bind(idle_secs)
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        if !s.get::<bool, _>("live") {
            self.delete_session(token_hash).await?;
            return Ok(None);
        }
        if s.get::<bool, _>("stale") {
            sqlx::query("UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1")
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        let csrf: String = s.get("csrf");
        let kind: String = s.get("kind");
        if let Some(numero) = s.get::<Option<String>, _>("demande") {
            return Ok(Some(SessionRow {
                subject: SessionSubject::Applicant(numero),
                csrf,
                kind,
            }));
        }
        let user_id: Option<Uuid> = s.get("user_id");
        let user = sqlx::query("SELECT * FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(user.map(|u| SessionRow {
            subject: SessionSubject::Staff(user_from(&u)),
            csrf,
            kind,
        }))
    }

    /// Ends a session.
    ///
    /// # Errors
    /// On a database error.
    pub async fn delete_session(&self, token_hash: &str) -> Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Deletes the sessions that can no longer be used (expired, idle for more than
    /// `idle_secs`, of a disabled account or of a demande no longer `active`) and login
    /// failure counts idle for a day. Returns the number of sessions deleted.
    ///
    /// # Errors
    /// On a database error.
    pub async fn purge_sessions(&self, idle_secs: i64) -> Result<u64, sqlx::Error> {
        let n = sqlx::query(
            "DELETE FROM sessions s WHERE s.expires_at <= now()
               OR s.last_seen_at <= now() - make_interval(secs => $1::float8)
               OR EXISTS (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.disabled_at IS NOT NULL)
               OR EXISTS (SELECT 1 FROM demandes d WHERE d.numero_unique = s.demande AND d.etat <> 'active')",
        )
        .bind(idle_secs)
        .execute(&self.pool)
        .await?
        .rows_affected();
        sqlx::query(
            "DELETE FROM login_throttle WHERE updated_at < now() - interval '1 day' AND next_allowed_at < now()",
        )
        .execute(&self.pool)
        .await?;
        Ok(n)
    }

    /// Registers an API token (its hash) for a guichet.
    ///
    /// # Errors
    /// On a database error.
    pub async fn create_token(
        &self,
        token_hash: &str,
        label: &str,
        guichet: &str,
        profile: &str,
        territory: &[String],
        expires_at: DateTime<Utc>,
    ) -> Result<Uuid, sqlx::Error> {
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO api_tokens (id, token_hash, label, guichet, profile, territory, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(token_hash)
        .bind(label)
        .bind(guichet)
        .bind(profile)
        .bind(territory)
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(id)
    }

    /// Every token, newest first.
    ///
    /// # Errors
    /// On a database error.
    pub async fn list_tokens(&self) -> Result<Vec<TokenListing>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, label, guichet, profile, created_at, expires_at, revoked_at FROM api_tokens
             ORDER BY created_at DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| TokenListing {
                id: r.get("id"),
                label: r.get("label"),
                guichet: r.get("guichet"),
                profile: r.get("profile"),
                created_at: r.get("created_at"),
                expires_at: r.get("expires_at"),
                revoked_at: r.get("revoked_at"),
            })
            .collect())
    }

    /// The live token (neither revoked nor expired) with this hash.
    ///
    /// # Errors
    /// On a database error.
    pub async fn token(&self, token_hash: &str) -> Result<Option<TokenRow>, sqlx::Error> {
        let r = sqlx::query(
            "SELECT id, label, guichet, profile, territory FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        Ok(r.map(|r| TokenRow {
            id: r.get("id"),
            label: r.get("label"),
            guichet: r.get("guichet"),
            profile: r.get("profile"),
            territory: r.get("territory"),
        }))
    }

    /// Revokes a token; returns whether it existed.
    ///
    /// # Errors
    /// On a database error.
    pub async fn revoke_token(&self, id: Uuid) -> Result<bool, sqlx::Error> {
        let n = sqlx::query(
            "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    // ------------------------------------------------------------------ demandes and pieces

    /// A demande.
    ///
    /// # Errors
    /// On a database error.
    pub async fn demande(&self, numero: &str) -> Result<Option<DemandeView>, sqlx::Error> {
        let r = sqlx::query("SELECT * FROM demandes WHERE numero_unique = $1")
            .bind(numero)
            .fetch_optional(&self.pool)
            .await?;
        Ok(r.as_ref().map(demande_from))
    }

    /// Demandes by name (case- and accent-insensitive on the surname) and date of birth, within
    /// the territory.
    ///
    /// # Errors
    /// On a database error.
    pub async fn search_demandes(
        &self,
        nom: &str,
        date_naissance: NaiveDate,
        territory: &[String],
    ) -> Result<Vec<DemandeView>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT * FROM demandes WHERE upper(nom) = upper($1) AND date_naissance = $2
             AND departement = ANY($3) ORDER BY numero_unique LIMIT 50",
        )
        .bind(nom.trim())
        .bind(date_naissance)
        .bind(territory)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(demande_from).collect())
    }

    /// The pieces of a demande (all states but `deleted`), by category and date.
    ///
    /// # Errors
    /// On a database error.
    pub async fn pieces_of(&self, numero: &str) -> Result<Vec<PieceView>, sqlx::Error> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PIECE_COLUMNS} WHERE p.demande = $1 AND p.status <> 'deleted'
             ORDER BY p.category NULLS LAST, p.created_at, p.id"
        )))
        .bind(numero)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(piece_from).collect())
    }

    /// A piece.
    ///
    /// # Errors
    /// On a database error.
    pub async fn piece(&self, id: Uuid) -> Result<Option<PieceView>, sqlx::Error> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PIECE_COLUMNS} WHERE p.id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(r.as_ref().map(piece_from))
    }

    /// Deposits a piece: checks the limit under the demande's row lock, writes the piece
    /// (`processing`), its `creation` journal row and its normalization message, in one
    /// transaction.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn deposit_piece(
        &self,
        d: &NewDeposit,
        plan: &Plan,
        actor: &JournalActor,
    ) -> Result<Deposited, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        match lock_demande(&mut tx, &d.demande).await?.as_deref() {
            Some("active") => {}
            _ => return Ok(Deposited::DemandeNotActive),
        }
        // The same file twice on one demande is not stored twice.
        let keys: Vec<&str> = d.originals.iter().map(|o| o.key.as_str()).collect();
        let shas: Vec<&str> = keys
            .iter()
            .filter_map(|k| k.strip_prefix("uploads/"))
            .collect();
        let duplicate = match d.duplicate_aside {
            Some(_) => None,
            None => sqlx::query(
            "SELECT p.id, t.label, p.created_at FROM pieces p LEFT JOIN plan_types t ON t.code = p.type_code
             WHERE p.demande = $1 AND p.status IN ('processing', 'attached', 'to_review')
               AND (p.sha256 = ANY($3)
                    OR EXISTS (SELECT 1 FROM jsonb_array_elements(p.originals) o WHERE o->>'key' = ANY($2)))
             ORDER BY p.created_at LIMIT 1",
        )
        .bind(&d.demande)
        .bind(&keys)
        .bind(&shas)
        .fetch_optional(&mut *tx)
        .await?,
        };
        if let Some(r) = duplicate {
            return Ok(Deposited::Duplicate(
                r.get("id"),
                r.get("label"),
                r.get("created_at"),
            ));
        }
        let piece_type = d.type_code.as_deref().and_then(|t| piece_type(plan, t));
        let mut target_status = d.target_status;
        let mut status_reason = None;
        if d.duplicate_aside.is_some() {
            target_status = "to_review";
            status_reason = Some(ASIDE_DUPLICATE_REASON);
        }
        if let Some(t) = piece_type {
            if held(&mut tx, &d.demande, t.code.as_str()).await? >= t.limit {
                if !d.aside_when_full {
                    return Ok(Deposited::LimitReached(t.label.clone(), t.limit));
                }
                target_status = "to_review";
                status_reason = Some(ASIDE_LIMIT_REASON);
            }
        }
        let id = Uuid::new_v4();
        let category = piece_type.map(|t| t.category.to_string());
        sqlx::query(
            "INSERT INTO pieces (id, demande, category, type_code, status, page_count, channel, date_fin_validite,
                                 deposited_by, deposited_guichet, by_applicant, target_status, originals, status_reason,
                                 duplicate_of)
             VALUES ($1, $2, $3, $4, 'processing', NULL, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(&d.demande)
        .bind(&category)
        .bind(&d.type_code)
        .bind(d.channel)
        .bind(d.date_fin_validite)
        .bind(&actor.name)
        .bind(&actor.guichet)
        .bind(d.by_applicant)
        .bind(target_status)
        .bind(serde_json::to_value(&d.originals).unwrap_or_default())
        .bind(status_reason)
        .bind(d.duplicate_aside)
        .execute(&mut *tx)
        .await?;
        journal(
            &mut tx,
            &d.demande,
            id,
            "creation",
            category.as_deref(),
            d.type_code.as_deref(),
            actor,
            serde_json::json!({ "canal": d.channel, "fichiers": d.originals.len() }),
        )
        .await?;
        if d.by_applicant {
            crate::applicant_mail::queue_deposit_receipt(
                &mut tx,
                d,
                id,
                piece_type.map(|t| t.label.as_str()),
            )
            .await?;
        }
        sqlx::query("INSERT INTO outbox (queue, payload) VALUES ($1, $2)")
            .bind(&d.queue)
            .bind(serde_json::json!({ "piece_id": id }))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Deposited::Created(id))
    }

    /// Changes a piece's qualification, one `modification` journal row per changed field.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn qualify_piece(
        &self,
        id: Uuid,
        q: &Qualification,
        plan: &Plan,
        actor: &JournalActor,
    ) -> Result<Changed, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(demande) =
            sqlx::query_scalar::<_, Option<String>>("SELECT demande FROM pieces WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
        else {
            return Ok(Changed::Unchanged);
        };
        if let Some(d) = &demande {
            lock_demande(&mut tx, d).await?;
        }
        let r = sqlx::query(
            "SELECT status, category, type_code, indice, date_fin_validite FROM pieces WHERE id = $1 FOR UPDATE",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        let status: String = r.get("status");
        if !matches!(&status[..], "attached" | "to_review" | "processing") {
            return Ok(Changed::Unchanged);
        }
        let old_type: Option<String> = r.get("type_code");
        let old_category: Option<String> = r.get("category");
        let old_indice: String = r.get("indice");
        let old_date: Option<NaiveDate> = r.get("date_fin_validite");
        let mut changes: Vec<(&str, String, String)> = Vec::new();
        let mut new_type = old_type.clone();
        let mut new_category = old_category.clone();
        let mut aside = false;
        if let Some(t) = &q.type_code {
            if Some(t) != old_type.as_ref() {
                let Some(pt) = piece_type(plan, t) else {
                    return Ok(Changed::Unchanged);
                };
                if let (Some(d), "attached" | "processing") = (&demande, &status[..]) {
                    if held(&mut tx, d, pt.code.as_str()).await? >= pt.limit {
                        if !q.aside_when_full {
                            return Ok(Changed::LimitReached(pt.label.clone(), pt.limit));
                        }
                        aside = true;
                    }
                }
                changes.push(("type", old_type.clone().unwrap_or_default(), t.clone()));
                new_type = Some(t.clone());
                new_category = Some(pt.category.to_string());
            }
        }
        let mut new_indice = old_indice.clone();
        if let Some(i) = &q.indice {
            if *i != old_indice {
                changes.push(("indice de pertinence", old_indice.clone(), i.clone()));
                new_indice = i.clone();
            }
        }
        let mut new_date = old_date;
        if let Some(dt) = q.date_fin_validite {
            if dt != old_date {
                let show = |d: Option<NaiveDate>| {
                    d.map(|d| d.format("%d/%m/%Y").to_string())
                        .unwrap_or_default()
                };
                changes.push(("date de fin de validité", show(old_date), show(dt)));
                new_date = dt;
            }
        }
        if changes.is_empty() {
            return Ok(Changed::Unchanged);
        }
        // Put aside: a piece being processed ends there, one attached goes there now.
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE pieces SET type_code = $2, category = $3, indice = $4, date_fin_validite = $5,
                    check_reason = CASE WHEN type_code IS DISTINCT FROM $2 THEN {DROP_TYPE_DOUBT} ELSE check_reason END,
                    status = CASE WHEN $6 AND status = 'attached' THEN 'to_review' ELSE status END,
                    target_status = CASE WHEN $6 AND status = 'processing' THEN 'to_review' ELSE target_status END,
                    status_reason = CASE WHEN $6 THEN $7 ELSE status_reason END,
                    updated_at = now()
             WHERE id = $1"
        )))
        .bind(id)
        .bind(&new_type)
        .bind(&new_category)
        .bind(&new_indice)
        .bind(new_date)
        .bind(aside)
        .bind(ASIDE_LIMIT_REASON)
        .execute(&mut *tx)
        .await?;
        if let Some(d) = &demande {
            for (field, old, new) in &changes {
                journal(
                    &mut tx,
                    d,
                    id,
                    "modification",
                    new_category.as_deref(),
                    new_type.as_deref(),
                    actor,
                    serde_json::json!({ "champ": field, "ancien": old, "nouveau": new }),
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(Changed::Done)
    }

    /// Deletes a piece into quarantine, with the reason (journal `suppression` then
    /// `mise_en_quarantaine`).
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn quarantine_piece(
        &self,
        id: Uuid,
        reason: &str,
        actor: &JournalActor,
    ) -> Result<Changed, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "UPDATE pieces SET status = 'quarantined', status_reason = $2, updated_at = now()
             WHERE id = $1 AND status IN ('attached', 'processing', 'to_review') AND demande IS NOT NULL
             RETURNING demande, category, type_code",
        )
        .bind(id)
        .bind(reason)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Changed::Unchanged);
        };
        // As the registry writes it: the deletion, then the piece put in quarantine.
        for event in ["suppression", "mise_en_quarantaine"] {
            journal(
                &mut tx,
                r.get("demande"),
                id,
                event,
                r.get("category"),
                r.get("type_code"),
                actor,
                serde_json::json!({ "motif": reason, "etat": "quarantaine" }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Changed::Done)
    }

    /// Restores a piece from quarantine, checking the type's limit under the demande's lock.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn restore_piece(
        &self,
        id: Uuid,
        plan: &Plan,
        actor: &JournalActor,
    ) -> Result<Changed, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(demande) = sqlx::query_scalar::<_, Option<String>>(
            "SELECT demande FROM pieces WHERE id = $1 AND status = 'quarantined'",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .flatten() else {
            return Ok(Changed::Unchanged);
        };
        lock_demande(&mut tx, &demande).await?;
        let Some(r) = sqlx::query(
            "SELECT category, type_code, object_key FROM pieces WHERE id = $1 AND status = 'quarantined' FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Changed::Unchanged);
        };
        let type_code: Option<String> = r.get("type_code");
        if let Some(pt) = type_code.as_deref().and_then(|t| piece_type(plan, t)) {
            if held(&mut tx, &demande, pt.code.as_str()).await? >= pt.limit {
                return Ok(Changed::LimitReached(pt.label.clone(), pt.limit));
            }
        }
        // A piece deleted while still being processed goes back to processing's outcome.
        let ready = r.get::<Option<String>, _>("object_key").is_some();
        sqlx::query(
            "UPDATE pieces SET status = $2, status_reason = NULL, updated_at = now() WHERE id = $1",
        )
        .bind(id)
        .bind(if ready { "attached" } else { "processing" })
        .execute(&mut *tx)
        .await?;
        journal(
            &mut tx,
            &demande,
            id,
            "restauration",
            r.get("category"),
            type_code.as_deref(),
            actor,
            serde_json::json!({}),
        )
        .await?;
        tx.commit().await?;
        Ok(Changed::Done)
    }

    /// Journals a consultation of a piece: `vue` says what was shown (`fichier`, `vignette`).
    /// A piece on no demande yet (a pli put aside) has no journal: nothing is written.
    ///
    /// # Errors
    /// On a database error.
    pub async fn record_consultation(
        &self,
        piece: &PieceView,
        vue: &str,
        actor: &JournalActor,
    ) -> Result<(), sqlx::Error> {
        let Some(demande) = piece.demande.as_deref().or(piece.pli_demande.as_deref()) else {
            return Ok(());
        };
        let mut tx = self.pool.begin().await?;
        journal(
            &mut tx,
            demande,
            piece.id,
            "consultation",
            piece.category.as_deref(),
            piece.type_code.as_deref(),
            actor,
            serde_json::json!({ "vue": vue }),
        )
        .await?;
        tx.commit().await
    }

    /// Journals the consultation of a pli's cover (the applicant's attestation), on the
    /// demande the pli was read for; a pli on no demande has no journal.
    ///
    /// # Errors
    /// On a database error.
    pub async fn record_cover_consultation(
        &self,
        pli: &PliView,
        actor: &JournalActor,
    ) -> Result<(), sqlx::Error> {
        let Some(demande) = &pli.demande else {
            return Ok(());
        };
        sqlx::query(
            "INSERT INTO journal (demande, event, category, type_code, actor, actor_guichet, details)
             VALUES ($1, 'consultation', NULL, 'ATTEST', $2, $3, $4)",
        )
        .bind(demande)
        .bind(&actor.name)
        .bind(&actor.guichet)
        .bind(serde_json::json!({ "vue": "couverture", "pli": pli.id }))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The journal of a demande, newest first.
    ///
    /// # Errors
    /// On a database error.
    pub async fn journal_of(
        &self,
        numero: &str,
        f: &JournalFilter,
    ) -> Result<Vec<JournalRow>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT j.at, j.event, j.piece_id, j.category, j.type_code, j.actor, j.actor_guichet, j.details,
                    p.type_code AS piece_type_now
             FROM journal j LEFT JOIN pieces p ON p.id = j.piece_id
             WHERE j.demande = $1
               AND ($2::text IS NULL OR j.category = $2)
               AND ($3::text IS NULL OR j.type_code = $3)
               AND ($4::text IS NULL OR j.event = $4)
               AND ($5::date IS NULL OR j.at >= $5::date)
               AND ($6::date IS NULL OR j.at < $6::date + 1)
             ORDER BY j.at DESC, j.id DESC LIMIT 5000",
        )
        .bind(numero)
        .bind(&f.category)
        .bind(&f.type_code)
        .bind(&f.event)
        .bind(f.from)
        .bind(f.to)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| JournalRow {
                at: r.get("at"),
                event: r.get("event"),
                piece_id: r.get("piece_id"),
                category: r.get("category"),
                type_code: r.get("type_code"),
                actor: r.get("actor"),
                actor_guichet: r.get("actor_guichet"),
                details: r.get("details"),
                piece_type_now: r.get("piece_type_now"),
            })
            .collect())
    }

    // ------------------------------------------------------------------ operators

    /// The latest batches an operator of `territory` may see, with the counts of the plis he
    /// may see: a batch sent from his territory, or holding a pli of a demande of it.
    ///
    /// # Errors
    /// On a database error.
    pub async fn list_batches(
        &self,
        territory: &[String],
        limit: i64,
    ) -> Result<Vec<BatchRow>, sqlx::Error> {
        // A batch and its plis as an operator of `territory` may see them.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT b.id, b.filename, b.status, b.pages_total, b.pages_done, b.error, b.warnings, b.created_at,
                    count(l.id) AS plis,
                    count(l.id) FILTER (WHERE l.outcome = 'attached') AS plis_attached,
                    count(l.id) FILTER (WHERE l.outcome <> 'attached') AS plis_aside
             FROM batches b
             LEFT JOIN ({PLIS_WITH_TERRITORY}) ON l.batch_id = b.id AND {PLI_IN_TERRITORY}
             WHERE {BATCH_IN_TERRITORY}
             GROUP BY b.id ORDER BY b.created_at DESC LIMIT $1",
            PLIS_WITH_TERRITORY = crate::db::PLIS_WITH_TERRITORY,
            PLI_IN_TERRITORY = crate::db::PLI_IN_TERRITORY,
            BATCH_IN_TERRITORY = crate::db::BATCH_IN_TERRITORY,
        )))
        .bind(limit)
        .bind(territory)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| BatchRow {
                id: r.get("id"),
                filename: r.get("filename"),
                status: r.get("status"),
                pages_total: r.get("pages_total"),
                pages_done: r.get("pages_done"),
                plis: r.get("plis"),
                plis_attached: r.get("plis_attached"),
                plis_aside: r.get("plis_aside"),
                error: r.get("error"),
                warnings: r.get("warnings"),
                created_at: r.get("created_at"),
            })
            .collect())
    }

    async fn pli_rows(
        &self,
        where_clause: &str,
        id: Option<Uuid>,
    ) -> Result<Vec<PliView>, sqlx::Error> {
        let plis = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT l.id, l.batch_id, l.first_page, l.last_page, l.numero_lu, l.demande, d.departement, l.outcome, l.reason,
                    l.cover_object_key, l.blank_pages,
                    CASE WHEN d.departement IS NULL THEN b.territory ELSE '{{}}'::text[] END AS queue_territory
             FROM plis l JOIN batches b ON b.id = l.batch_id LEFT JOIN demandes d ON d.numero_unique = l.demande
             WHERE {where_clause}
             ORDER BY l.created_at, l.first_page LIMIT 200"
        )))
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<Uuid> = plis.iter().map(|r| r.get("id")).collect();
        let pieces = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PIECE_COLUMNS} WHERE p.pli_id = ANY($1) ORDER BY p.first_page"
        )))
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        let pieces: Vec<PieceView> = pieces.iter().map(piece_from).collect();
        Ok(plis
            .iter()
            .map(|r| {
                let id: Uuid = r.get("id");
                PliView {
                    id,
                    batch_id: r.get("batch_id"),
                    first_page: r.get("first_page"),
                    last_page: r.get("last_page"),
                    numero_lu: r.get("numero_lu"),
                    demande: r.get("demande"),
                    departement: r.get("departement"),
                    outcome: r.get("outcome"),
                    reason: r.get("reason"),
                    cover_object_key: r.get("cover_object_key"),
                    blank_pages: r.get("blank_pages"),
                    queue_territory: r.get("queue_territory"),
                    pieces: pieces
                        .iter()
                        .filter(|p| p.pli_id == Some(id))
                        .cloned()
                        .collect(),
                }
            })
            .collect())
    }

    /// Queues a failed batch again (an operator's replay after the cause was fixed): its
    /// delivery count starts over and its message is written to the outbox. Plis already filed
    /// stay as they are (a pli is keyed by its batch and first page). Returns whether it was
    /// failed.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn replay_batch(&self, id: Uuid, queue: &str) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let n = sqlx::query(
            "UPDATE batches SET status = 'queued', deliveries = 0, error = NULL, updated_at = now()
             WHERE id = $1 AND status = 'failed'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        sqlx::query("INSERT INTO outbox (queue, payload) VALUES ($1, $2)")
            .bind(queue)
            .bind(serde_json::json!({ "batch_id": id }))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Plis put aside that still hold pieces to review.
    ///
    /// # Errors
    /// On a database error.
    pub async fn review_plis(&self) -> Result<Vec<PliView>, sqlx::Error> {
        self.pli_rows(
            "l.outcome <> 'attached' AND ($1::uuid IS NULL OR true)
             AND EXISTS (SELECT 1 FROM pieces p WHERE p.pli_id = l.id AND p.status = 'to_review')",
            None,
        )
        .await
    }

    /// One pli.
    ///
    /// # Errors
    /// On a database error.
    pub async fn pli(&self, id: Uuid) -> Result<Option<PliView>, sqlx::Error> {
        Ok(self.pli_rows("l.id = $1", Some(id)).await?.pop())
    }

    /// Digital deposits waiting for an operator's qualification (no pli).
    ///
    /// # Errors
    /// On a database error.
    pub async fn review_deposits(&self) -> Result<Vec<PieceView>, sqlx::Error> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PIECE_COLUMNS} WHERE p.status = 'to_review' AND p.pli_id IS NULL
               AND p.status_reason IS DISTINCT FROM $1 AND p.status_reason IS DISTINCT FROM $2
             ORDER BY p.created_at LIMIT 200"
        )))
        .bind(ASIDE_LIMIT_REASON)
        .bind(ASIDE_DUPLICATE_REASON)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(piece_from).collect())
    }

    /// Attaches a pli put aside to the demande an operator names: its pieces still to review
    /// (with a type) become attached, under the demande's lock and limits; the applicant is told
    /// by e-mail.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn attach_pli(
        &self,
        pli_id: Uuid,
        numero: &str,
        plan: &Plan,
        actor: &JournalActor,
    ) -> Result<PliAttach, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        match lock_demande(&mut tx, numero).await?.as_deref() {
            None => return Ok(PliAttach::UnknownDemande),
            Some("active") => {}
            Some(_) => return Ok(PliAttach::DemandeNotActive),
        }
        let outcome: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM plis WHERE id = $1 FOR UPDATE")
                .bind(pli_id)
                .fetch_optional(&mut *tx)
                .await?;
        match outcome.as_deref() {
            None | Some("attached") => return Ok(PliAttach::AlreadyAttached),
            Some(_) => {}
        }
        let pieces = sqlx::query(
            "SELECT id, category, type_code, first_page, last_page FROM pieces
             WHERE pli_id = $1 AND status = 'to_review' ORDER BY first_page FOR UPDATE",
        )
        .bind(pli_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut counts = std::collections::HashMap::<String, u32>::new();
        for p in &pieces {
            let Some(t) = p.get::<Option<String>, _>("type_code") else {
                continue;
            };
            let Some(pt) = piece_type(plan, &t) else {
                continue;
            };
            let n = match counts.get(&t) {
                Some(&n) => n,
                None => held(&mut tx, numero, &t).await?,
            } + 1;
            if n > pt.limit {
                return Ok(PliAttach::LimitReached(pt.label.clone(), pt.limit));
            }
            counts.insert(t, n);
        }
        let mut attached = 0;
        for p in &pieces {
            let type_code: Option<String> = p.get("type_code");
            if type_code.is_none() {
                continue; // stays in the queue until typed
            }
            let id: Uuid = p.get("id");
            sqlx::query("UPDATE pieces SET status = 'attached', demande = $2, updated_at = now() WHERE id = $1")
                .bind(id)
                .bind(numero)
                .execute(&mut *tx)
                .await?;
            journal(
                &mut tx,
                numero,
                id,
                "creation",
                p.get("category"),
                type_code.as_deref(),
                actor,
                serde_json::json!({ "canal": "papier", "pli": pli_id, "pages": [p.get::<Option<i32>, _>("first_page"), p.get::<Option<i32>, _>("last_page")] }),
            )
            .await?;
            attached += 1;
        }
        sqlx::query(
            "UPDATE plis SET outcome = 'attached', demande = $2, reason = $3 WHERE id = $1",
        )
        .bind(pli_id)
        .bind(numero)
        .bind(format!("rattaché par {}", actor.name))
        .execute(&mut *tx)
        .await?;
        if attached > 0 {
            queue_paper_confirmation(&mut tx, numero, attached, plan).await?;
        }
        tx.commit().await?;
        Ok(PliAttach::Attached(attached))
    }

    /// Replaces the pieces still to review of a pli put aside by a new page split (each new
    /// piece already stored, untyped). Refused (`false`) when the pli was attached meanwhile or
    /// its pieces to review changed.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn resplit_pli(
        &self,
        pli_id: Uuid,
        replaced: &[Uuid],
        pieces: &[ResplitPiece],
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let outcome: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM plis WHERE id = $1 FOR UPDATE")
                .bind(pli_id)
                .fetch_optional(&mut *tx)
                .await?;
        if matches!(outcome.as_deref(), None | Some("attached")) {
            return Ok(false);
        }
        let mut current: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM pieces WHERE pli_id = $1 AND status = 'to_review' ORDER BY id FOR UPDATE",
        )
        .bind(pli_id)
        .fetch_all(&mut *tx)
        .await?;
        let mut expected = replaced.to_vec();
        current.sort();
        expected.sort();
        if current != expected {
            return Ok(false);
        }
        // Never attached, so never journaled: the old split can go.
        sqlx::query("DELETE FROM pieces WHERE id = ANY($1)")
            .bind(&expected)
            .execute(&mut *tx)
            .await?;
        for p in pieces {
            sqlx::query(
                "INSERT INTO pieces (id, pli_id, status, first_page, last_page, page_count, object_key, sha256, size_bytes,
                                     channel, deposited_by)
                 VALUES ($1, $2, 'to_review', $3, $4, $5, $6, $7, $8, 'papier', $9)",
            )
            .bind(Uuid::new_v4())
            .bind(pli_id)
            .bind(p.first_page)
            .bind(p.last_page)
            .bind(p.page_count)
            .bind(&p.object_key)
            .bind(&p.sha256)
            .bind(p.size_bytes)
            .bind(crate::db::DIGITIZATION_ACTOR)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Sets the type of a piece in the review queue (or of a deposit to qualify). A deposit
    /// with a demande is attached at once, within the type's limit.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn set_review_type(
        &self,
        id: Uuid,
        type_code: &str,
        plan: &Plan,
        actor: &JournalActor,
    ) -> Result<Changed, sqlx::Error> {
        let Some(pt) = piece_type(plan, type_code) else {
            return Ok(Changed::Unchanged);
        };
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "SELECT demande, pli_id, type_code FROM pieces WHERE id = $1 AND status = 'to_review'",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Changed::Unchanged);
        };
        let demande: Option<String> = r.get("demande");
        let pli: Option<Uuid> = r.get("pli_id");
        let old: Option<String> = r.get("type_code");
        // A digital deposit (no pli) on a demande is attached once typed.
        let attach = pli.is_none() && demande.is_some();
        if let (true, Some(d)) = (attach, &demande) {
            match lock_demande(&mut tx, d).await?.as_deref() {
                Some("active") => {}
                _ => return Ok(Changed::Unchanged),
            }
            if held(&mut tx, d, pt.code.as_str()).await? >= pt.limit {
                return Ok(Changed::LimitReached(pt.label.clone(), pt.limit));
            }
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE pieces SET type_code = $2, category = $3, status = $4, updated_at = now(),
                    check_reason = CASE WHEN type_code IS DISTINCT FROM $2 THEN {DROP_TYPE_DOUBT} ELSE check_reason END
             WHERE id = $1"
        )))
        .bind(id)
        .bind(pt.code.as_str())
        .bind(pt.category.to_string())
        .bind(if attach { "attached" } else { "to_review" })
        .execute(&mut *tx)
        .await?;
        if let (true, Some(d)) = (attach, &demande) {
            journal(
                &mut tx,
                d,
                id,
                "modification",
                Some(&pt.category.to_string()),
                Some(pt.code.as_str()),
                actor,
                serde_json::json!({ "champ": "type", "ancien": old.unwrap_or_default(), "nouveau": pt.code.as_str() }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Changed::Done)
    }

    /// Rejects a piece as defective: it leaves the queue and the sending guichet is told by
    /// e-mail, naming the piece and the reason.
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn reject_defective(
        &self,
        id: Uuid,
        reason: &str,
        actor: &JournalActor,
    ) -> Result<Changed, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "UPDATE pieces p SET status = 'rejected', status_reason = $2, updated_at = now()
             FROM (SELECT p2.id, COALESCE(p2.deposited_guichet, d.guichet_code) AS guichet
                   FROM pieces p2 LEFT JOIN plis l ON l.id = p2.pli_id
                   LEFT JOIN demandes d ON d.numero_unique = COALESCE(p2.demande, l.demande, l.numero_lu)
                   WHERE p2.id = $1) s
             WHERE p.id = s.id AND p.status = 'to_review'
             RETURNING p.demande, p.category, p.type_code, p.first_page, p.last_page, p.pli_id, s.guichet",
        )
        .bind(id)
        .bind(reason)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Changed::Unchanged);
        };
        let guichet: Option<String> = r.get("guichet");
        let email: Option<String> = match &guichet {
            Some(g) => sqlx::query_scalar("SELECT email FROM guichets WHERE code = $1")
                .bind(g)
                .fetch_optional(&mut *tx)
                .await?
                .flatten(),
            None => None,
        };
        if let Some(email) = email {
            // The guichet's mailbox is read by all its staff: a sensible type is not named.
            let type_code: Option<String> = r.get("type_code");
            let label: Option<String> = match &type_code {
                Some(t) => {
                    sqlx::query_scalar(
                        "SELECT label FROM plan_types WHERE code = $1 AND sensible = false",
                    )
                    .bind(t)
                    .fetch_optional(&mut *tx)
                    .await?
                }
                None => None,
            };
            let pages = match (
                r.get::<Option<i32>, _>("first_page"),
                r.get::<Option<i32>, _>("last_page"),
            ) {
                (Some(a), Some(b)) if a == b => format!(", page {a} du lot"),
                (Some(a), Some(b)) => format!(", pages {a} à {b} du lot"),
                _ => String::new(),
            };
            let body = format!(
                "Bonjour,\n\nLa pièce {piece}{pages} a été rejetée comme défectueuse par le service de numérisation.\n\n\
                 Motif : {reason}\n\nMerci de transmettre à nouveau une copie lisible de cette pièce.\n\n\
                 Référence de la pièce : {id}\n\n-- \nService de numérisation des pièces justificatives\n",
                // A sensible type and no type read alike.
                piece = label.as_deref().map_or("(type non communiqué)".to_string(), |l| format!("« {l} »")),
            );
            queue_mail(&mut tx, &email, "Pièce rejetée comme défectueuse", &body).await?;
        }
        if let Some(d) = r.get::<Option<String>, _>("demande") {
            journal(
                &mut tx,
                &d,
                id,
                "suppression",
                r.get("category"),
                r.get("type_code"),
                actor,
                serde_json::json!({ "motif": reason, "etat": "rejetée comme défectueuse" }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(Changed::Done)
    }

    // ------------------------------------------------------------------ retention

    /// Pieces due for purge: those of demandes `radiee` for more than a year (the registry row's
    /// last change counts as the date of radiation), and those in quarantine for more than
    /// `quarantine_days`. Returns `(piece id, French reason)`.
    ///
    /// # Errors
    /// On a database error.
    pub async fn purge_candidates(
        &self,
        quarantine_days: i32,
    ) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT p.id, CASE WHEN d.etat = 'radiee' AND d.updated_at < now() - interval '1 year'
                               THEN 'purge : demande radiée depuis plus d''un an'
                               ELSE 'purge : en quarantaine depuis plus de ' || $1 || ' jours' END AS reason
             FROM pieces p JOIN demandes d ON d.numero_unique = p.demande
             WHERE p.status <> 'deleted'
               AND ((d.etat = 'radiee' AND d.updated_at < now() - interval '1 year')
                    OR (p.status = 'quarantined' AND p.updated_at < now() - make_interval(days => $1)))
             ORDER BY p.created_at",
        )
        .bind(quarantine_days)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("id"), r.get("reason")))
            .collect())
    }

    /// Purges a piece: its row becomes a tombstone (`deleted`, no object, no originals; the
    /// journal keeps referring to it) with a `suppression` journal row. Returns the object keys
    /// it held, to delete from storage once committed (a crash in between leaves orphans that
    /// `objects reconcile` removes).
    ///
    /// # Errors
    /// On a database error; nothing is written then.
    pub async fn purge_piece(
        &self,
        id: Uuid,
        reason: &str,
        actor: &JournalActor,
    ) -> Result<Vec<String>, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        let Some(r) = sqlx::query(
            "SELECT demande, category, type_code, object_key, originals FROM pieces
             WHERE id = $1 AND status <> 'deleted' FOR UPDATE",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        else {
            return Ok(Vec::new());
        };
        let mut keys: Vec<String> = r
            .get::<Option<String>, _>("object_key")
            .into_iter()
            .collect();
        if let Some(list) = r.get::<serde_json::Value, _>("originals").as_array() {
            keys.extend(
                list.iter()
                    .filter_map(|o| o.get("key")?.as_str().map(str::to_string)),
            );
        }
        sqlx::query(
            "UPDATE pieces SET status = 'deleted', status_reason = $2, object_key = NULL, originals = '[]',
                    updated_at = now() WHERE id = $1",
        )
        .bind(id)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
        if let Some(d) = r.get::<Option<String>, _>("demande") {
            journal(
                &mut tx,
                &d,
                id,
                "suppression",
                r.get("category"),
                r.get("type_code"),
                actor,
                serde_json::json!({ "motif": reason, "etat": "purgée" }),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(keys)
    }

    // ------------------------------------------------------------------ object consistency

    /// Every object key the database references (pieces, their originals, batches, covers).
    ///
    /// # Errors
    /// On a database error.
    pub async fn referenced_keys(&self) -> Result<std::collections::HashSet<String>, sqlx::Error> {
        let keys: Vec<String> = sqlx::query_scalar(
            "SELECT object_key FROM pieces WHERE object_key IS NOT NULL
             UNION SELECT o->>'key' FROM pieces, jsonb_array_elements(originals) o
             UNION SELECT object_key FROM batches
             UNION SELECT cover_object_key FROM plis WHERE cover_object_key IS NOT NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(keys.into_iter().collect())
    }

    /// The stored objects whose content the database knows: `(key, sha256)` of pieces and
    /// batches.
    ///
    /// # Errors
    /// On a database error.
    pub async fn checksummed_objects(&self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT DISTINCT object_key, sha256 FROM pieces WHERE object_key IS NOT NULL AND sha256 IS NOT NULL
             UNION SELECT object_key, sha256 FROM batches WHERE size_bytes > 0",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| (r.get("object_key"), r.get("sha256")))
            .collect())
    }

    // ------------------------------------------------------------------ e-mail outbox

    /// E-mails not sent yet (with fewer than `max_attempts` attempts).
    ///
    /// # Errors
    /// On a database error.
    pub async fn mail_pending(&self, max_attempts: i32) -> Result<Vec<PendingMail>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, recipient, subject, body, attempts FROM mail_outbox
             WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT 50",
        )
        .bind(max_attempts)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .iter()
            .map(|r| PendingMail {
                id: r.get("id"),
                recipient: r.get("recipient"),
                subject: r.get("subject"),
                body: r.get("body"),
                attempts: r.get("attempts"),
            })
            .collect())
    }

    /// Records an e-mail's outcome.
    ///
    /// # Errors
    /// On a database error.
    pub async fn mail_done(&self, id: i64, error: Option<&str>) -> Result<(), sqlx::Error> {
        sqlx::query(
            "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
                    sent_at = CASE WHEN $2::text IS NULL THEN now() ELSE NULL END WHERE id = $1",
        )
        .bind(id)
        .bind(error)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// Queues the applicant's confirmation that pieces sent by post were added to the demande.
pub(crate) async fn queue_paper_confirmation(
    tx: &mut Transaction<'_, Postgres>,
    numero: &str,
    attached: usize,
    _plan: &Plan,
) -> Result<(), sqlx::Error> {
    let email: Option<String> =
        sqlx::query_scalar("SELECT email FROM demandes WHERE numero_unique = $1")
            .bind(numero)
            .fetch_optional(&mut **tx)
            .await?
            .flatten();
    let Some(email) = email else {
        return Ok(());
    };
    let spaced = plan_de_classement::NumeroUnique::parse(numero)
        .map(|n| n.spaced())
        .unwrap_or_else(|_| numero.to_string());
    let body = format!(
        "Bonjour,\n\n{attached} pièce{s} envoyée{s} par courrier {a} été ajoutée{s} à votre demande de logement social \
         n° {spaced}.\n\nVous pouvez les consulter sur le portail grand public, rubrique « Mes pièces ».\n\n\
         -- \nService de numérisation des pièces justificatives\n",
        s = if attached > 1 { "s" } else { "" },
        a = if attached > 1 { "ont" } else { "a" },
    );
    queue_mail(
        tx,
        &email,
        "Vos pièces envoyées par courrier ont été ajoutées à votre demande",
        &body,
    )
    .await
}
