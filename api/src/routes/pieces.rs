//! Demandes and their pieces: list, open, deposit, qualify, quarantine, restore, journal.
//!
//! Every handler loads what it acts on, asks [`authorize`], and answers a refusal exactly like
//! a missing piece or demande.

use axum::body::Body;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use chrono::NaiveDate;
use plan_de_classement::NumeroUnique;
use serde::Deserialize;
use storage::portal::{
    Changed, DemandeView, Deposited, JournalFilter, JournalRow, NewDeposit, OriginalFile,
    PieceView, Qualification,
};
use storage::registry_csv::MembreMenage;
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{authorize, Action, Actor, DemandeRef, PieceRef, Profile, Target};
use crate::error::ApiError;
use crate::AppState;

/// Largest piece stored (after the worker merged and normalized its files).
pub const PIECE_MAX_BYTES: usize = 2 * 1024 * 1024;
/// Largest deposit received (all its files): a 12-megapixel phone photo weighs 3 to 8 Mo; the
/// worker brings photos and non-compact PDFs under [`PIECE_MAX_BYTES`], or refuses the piece
/// with the reason.
pub const UPLOAD_MAX_BYTES: usize = 30 * 1024 * 1024;
/// Files per piece.
pub const FILES_MAX: usize = 20;

pub const PIECE_NOT_FOUND: &str = "pièce";
pub const DEMANDE_NOT_FOUND: &str = "demande";

/// The authorization target of a piece.
pub fn piece_target(p: &PieceView) -> Target<'_> {
    Target {
        demande: match (&p.demande, &p.departement) {
            (Some(n), Some(d)) => Some(DemandeRef {
                numero: n,
                departement: d,
            }),
            _ => None,
        },
        piece: Some(PieceRef {
            // Fail closed: a piece nobody typed yet may be anything.
            sensible: p.sensible || p.type_code.is_none(),
            in_review_queue: p.status == "to_review",
            by_applicant: p.by_applicant,
            quarantined: p.status == "quarantined",
            // An untyped piece a guichet deposited may be an internal note until it is typed.
            internal: p.category.as_deref() == Some(INTERNAL_CATEGORY)
                || (p.type_code.is_none() && !p.by_applicant),
        }),
        queue_territory: &p.queue_territory,
    }
}

/// The category of internal documents (notes d'instruction): never shown to applicants.
pub const INTERNAL_CATEGORY: &str = "DOCINT";

/// The authorization target of a demande.
pub fn demande_target(d: &DemandeView) -> Target<'_> {
    Target {
        demande: Some(DemandeRef {
            numero: &d.numero_unique,
            departement: &d.departement,
        }),
        ..Target::default()
    }
}

/// Loads a piece the caller may act on, or answers "not found".
///
/// # Errors
/// Not found (also when refused), or a database error.
pub async fn piece_for(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    action: Action,
) -> Result<PieceView, ApiError> {
    match state.db.piece(id).await? {
        Some(p) if p.status != "deleted" && authorize(&caller.actor, action, &piece_target(&p)) => {
            Ok(p)
        }
        _ => Err(ApiError::NotFound(PIECE_NOT_FOUND)),
    }
}

/// Loads a demande the caller may act on, or answers "not found".
///
/// # Errors
/// Not found (also when refused), or a database error.
pub async fn demande_for(
    state: &AppState,
    caller: &Caller,
    numero: &str,
    action: Action,
) -> Result<DemandeView, ApiError> {
    let numero = numero.replace(' ', "").to_uppercase();
    match state.db.demande(&numero).await? {
        Some(d) if authorize(&caller.actor, action, &demande_target(&d)) => Ok(d),
        _ => Err(ApiError::NotFound(DEMANDE_NOT_FOUND)),
    }
}

/// The household declared with a demande (the applicant aside), in the registry's order. Only
/// for a demande already loaded with [`demande_for`]: it follows the demande's access rules.
///
/// # Errors
/// On a database error.
pub async fn menage_of(state: &AppState, d: &DemandeView) -> Result<Vec<MembreMenage>, ApiError> {
    let Ok(numero) = NumeroUnique::parse(&d.numero_unique) else {
        return Ok(Vec::new());
    };
    Ok(state.db.menage(&numero).await?)
}

/// The pieces of a demande the caller may see in a list.
///
/// # Errors
/// On a database error.
pub async fn visible_pieces(
    state: &AppState,
    caller: &Caller,
    numero: &str,
) -> Result<Vec<PieceView>, ApiError> {
    let mut list: Vec<PieceView> = state
        .db
        .pieces_of(numero)
        .await?
        .into_iter()
        .filter(|p| authorize(&caller.actor, Action::ListPiece, &piece_target(p)))
        .collect();
    // A probable duplicate is pointed at only when the caller may see it too.
    for i in 0..list.len() {
        if let Some(d) = list[i].duplicate_of {
            if !list.iter().any(|o| o.id == d) {
                list[i].duplicate_of = None;
            }
        }
    }
    Ok(list)
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct SearchQuery {
    /// Numéro unique (with or without spaces).
    pub numero_unique: Option<String>,
    pub nom: Option<String>,
    /// AAAA-MM-JJ
    pub date_naissance: Option<String>,
}

/// Search demandes within the caller's territory.
#[utoipa::path(get, path = "/api/demandes", params(SearchQuery),
    responses((status = 200, body = [DemandeView])))]
pub async fn search(
    State(state): State<AppState>,
    caller: Caller,
    Query(q): Query<SearchQuery>,
) -> Result<Json<Vec<DemandeView>>, ApiError> {
    Ok(Json(search_demandes(&state, &caller, &q).await?))
}

/// Shared by the page and the API.
///
/// # Errors
/// On a database error or an incomplete query.
pub async fn search_demandes(
    state: &AppState,
    caller: &Caller,
    q: &SearchQuery,
) -> Result<Vec<DemandeView>, ApiError> {
    if let Some(n) = q.numero_unique.as_deref().filter(|n| !n.trim().is_empty()) {
        return Ok(demande_for(state, caller, n, Action::ViewDemande)
            .await
            .ok()
            .into_iter()
            .collect());
    }
    let date = q
        .date_naissance
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(parse_date)
        .transpose()?;
    let (Some(nom), Some(date)) = (q.nom.as_deref().filter(|n| !n.trim().is_empty()), date) else {
        return Err(ApiError::BadRequest(
            "indiquez le numéro unique, ou le nom et la date de naissance".into(),
        ));
    };
    let territory = match &caller.actor {
        Actor::Staff { territory, .. } => territory.clone(),
        Actor::Applicant { .. } => return Ok(Vec::new()),
    };
    Ok(state
        .db
        .search_demandes(nom, date, &territory)
        .await?
        .into_iter()
        .filter(|d| authorize(&caller.actor, Action::ViewDemande, &demande_target(d)))
        .collect())
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DemandePieces {
    demande: DemandeView,
    /// The household declared with the demande (the applicant aside), in the registry's order;
    /// empty when the registry declares none.
    menage: Vec<MembreMenage>,
    pieces: Vec<PieceView>,
}

/// A demande, its declared household and the pieces the caller may see.
#[utoipa::path(get, path = "/api/demandes/{numero}", params(("numero" = String, Path)),
    responses((status = 200, body = DemandePieces), (status = 404)))]
pub async fn demande(
    State(state): State<AppState>,
    caller: Caller,
    Path(numero): Path<String>,
) -> Result<Json<DemandePieces>, ApiError> {
    let d = demande_for(&state, &caller, &numero, Action::ViewDemande).await?;
    let menage = menage_of(&state, &d).await?;
    let pieces = visible_pieces(&state, &caller, &d.numero_unique).await?;
    Ok(Json(DemandePieces {
        demande: d,
        menage,
        pieces,
    }))
}

/// A piece's metadata.
#[utoipa::path(get, path = "/api/pieces/{id}", params(("id" = Uuid, Path)),
    responses((status = 200, body = PieceView), (status = 404)))]
pub async fn piece(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<Json<PieceView>, ApiError> {
    let mut p = piece_for(&state, &caller, id, Action::ListPiece).await?;
    if let Some(d) = p.duplicate_of {
        if piece_for(&state, &caller, d, Action::ListPiece)
            .await
            .is_err()
        {
            p.duplicate_of = None;
        }
    }
    Ok(Json(p))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct FileQuery {
    /// `1` to open in the browser's PDF viewer instead of downloading.
    inline: Option<u8>,
}

/// A piece's PDF. Journaled as `consultation`.
#[utoipa::path(get, path = "/api/pieces/{id}/fichier", params(("id" = Uuid, Path), FileQuery),
    responses((status = 200, content_type = "application/pdf"), (status = 404)))]
pub async fn file(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Query(q): Query<FileQuery>,
) -> Result<Response, ApiError> {
    let p = piece_for(&state, &caller, id, Action::OpenPiece).await?;
    let Some(key) = &p.object_key else {
        return Err(ApiError::Conflict(
            "la pièce est en cours de traitement : réessayez dans un instant".into(),
        ));
    };
    let bytes = state.objects.get(key).await?;
    record_consultation(&state, &caller, &p, "fichier").await?;
    Ok(pdf_response(bytes, &file_name(&p), q.inline == Some(1)))
}

/// Journals a consultation of a piece (`vue`: `fichier`, `vignette`); a piece on no demande yet
/// has no journal, and the log keeps who saw it.
///
/// # Errors
/// On a database error.
pub async fn record_consultation(
    state: &AppState,
    caller: &Caller,
    p: &PieceView,
    vue: &str,
) -> Result<(), ApiError> {
    let actor = caller.journal_actor();
    if p.demande.is_none() && p.pli_demande.is_none() {
        tracing::info!(piece.id = %p.id, actor = %actor.name, guichet = ?actor.guichet, vue, "piece on no demande consulted");
    }
    state.db.record_consultation(p, vue, &actor).await?;
    Ok(())
}

/// A PDF served safely: no sniffing, a download unless asked inline, no scripts if inline.
pub fn pdf_response(bytes: Bytes, name: &str, inline: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{name}\"",
        if inline { "inline" } else { "attachment" }
    );
    let mut r = (StatusCode::OK, Body::from(bytes)).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

fn file_name(p: &PieceView) -> String {
    format!(
        "{}-{}.pdf",
        p.type_code.as_deref().unwrap_or("piece"),
        &p.id.simple().to_string()[..8]
    )
}

/// A file received for a piece.
pub struct Upload {
    pub name: String,
    pub bytes: Bytes,
}

/// What a deposit form or request carries.
#[derive(Default)]
pub struct DepositForm {
    pub type_code: Option<String>,
    pub date_fin_validite: Option<NaiveDate>,
    pub files: Vec<Upload>,
    pub csrf: Option<String>,
}

/// Reads a multipart deposit: fields `type`, `date_fin_validite`, `_csrf`, and one or more
/// `fichier` parts.
///
/// # Errors
/// A French message for a malformed form, too many files or too large a piece.
pub async fn read_deposit(mut m: Multipart) -> Result<DepositForm, ApiError> {
    let mut f = DepositForm::default();
    let mut total = 0usize;
    while let Some(field) = m
        .next_field()
        .await
        .map_err(|e| ApiError::BadRequest(format!("formulaire illisible : {e}")))?
    {
        let name = field.name().unwrap_or_default().to_string();
        match &name[..] {
            "fichier" | "fichiers" => {
                let file_name = field.file_name().unwrap_or("fichier").to_string();
                let bytes = field.bytes().await.map_err(|_| too_large())?;
                if bytes.is_empty() {
                    continue; // an empty file input
                }
                total += bytes.len();
                if total > UPLOAD_MAX_BYTES {
                    return Err(too_large());
                }
                if f.files.len() == FILES_MAX {
                    return Err(ApiError::BadRequest(format!(
                        "{FILES_MAX} fichiers au plus par pièce"
                    )));
                }
                f.files.push(Upload {
                    name: file_name,
                    bytes,
                });
            }
            "type" => f.type_code = Some(text(field).await?).filter(|t| !t.is_empty()),
            "date_fin_validite" => {
                let v = text(field).await?;
                if !v.is_empty() {
                    f.date_fin_validite = Some(parse_date(&v)?);
                }
            }
            "_csrf" => f.csrf = Some(text(field).await?),
            _ => {}
        }
    }
    Ok(f)
}

fn too_large() -> ApiError {
    ApiError::Conflict(format!(
        "pièce refusée : ses fichiers dépassent la limite de {} Mo par envoi",
        UPLOAD_MAX_BYTES / (1024 * 1024)
    ))
}

async fn text(field: axum::extract::multipart::Field<'_>) -> Result<String, ApiError> {
    let t = field
        .text()
        .await
        .map_err(|e| ApiError::BadRequest(format!("formulaire illisible : {e}")))?;
    Ok(t.trim().chars().take(2000).collect())
}

/// Parses a date typed as `AAAA-MM-JJ` (the date input's format) or `JJ/MM/AAAA`.
///
/// # Errors
/// A French message naming the input.
pub fn parse_date(v: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v.trim(), "%d/%m/%Y"))
        .map_err(|_| ApiError::BadRequest(format!("date {v:?} invalide (JJ/MM/AAAA attendu)")))
}

/// The kind of an uploaded file from its first bytes (never its name or declared type).
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else {
        None
    }
}

/// Deposits a piece for the caller: checks the form, stores the originals, then writes the
/// piece, its journal row and its normalization message in one transaction.
///
/// # Errors
/// Not found when the caller may not deposit on this demande; a French message for a refused
/// piece (type, limit, size, format).
pub async fn deposit(
    state: &AppState,
    caller: &Caller,
    numero: &str,
    form: DepositForm,
) -> Result<Uuid, ApiError> {
    let d = demande_for(state, caller, numero, Action::Deposit).await?;
    let plan = crate::plan();
    let type_code = match form.type_code.as_deref() {
        Some(t) => {
            let code = plan_de_classement::TypeCode::parse(t)
                .ok()
                .filter(|c| plan.piece_type(c).is_some())
                .ok_or_else(|| {
                    ApiError::BadRequest(format!(
                        "type de pièce {t:?} inconnu du plan de classement"
                    ))
                })?;
            Some(code.as_str().to_string())
        }
        None => None,
    };
    let aside_when_full = hidden_type(caller, type_code.as_deref());
    let is_operator = caller.profile() == Some(Profile::Operateur);
    let (channel, target_status) = match (&caller.actor, caller.csrf.is_some()) {
        (Actor::Applicant { .. }, true) => ("pgp", "attached"),
        (Actor::Applicant { .. }, false) => ("mobile", "attached"),
        (Actor::Staff { .. }, true) if is_operator || type_code.is_none() => ("pwp", "to_review"),
        (Actor::Staff { .. }, true) => ("pwp", "attached"),
        (Actor::Staff { .. }, false) if type_code.is_none() || is_operator => ("ws", "to_review"),
        (Actor::Staff { .. }, false) => ("ws", "attached"),
    };
    if matches!(caller.actor, Actor::Applicant { .. }) {
        match &type_code {
            None => {
                return Err(ApiError::BadRequest(
                    "choisissez le type de la pièce".into(),
                ))
            }
            Some(t) if type_category(t).as_deref() == Some(INTERNAL_CATEGORY) => {
                return Err(ApiError::BadRequest(
                    "ce type de pièce est réservé aux services instructeurs".into(),
                ))
            }
            Some(_) => {}
        }
    }
    if form.files.is_empty() {
        return Err(ApiError::BadRequest("ajoutez au moins un fichier".into()));
    }
    let mut originals = Vec::with_capacity(form.files.len());
    for f in &form.files {
        let Some(content_type) = sniff(&f.bytes) else {
            return Err(ApiError::BadRequest(format!(
                "le fichier « {} » n'est ni un PDF, ni une image JPEG ou PNG",
                clean_name(&f.name)
            )));
        };
        // A PDF ends with its end-of-file marker (an incremental update adds another one).
        if content_type == "application/pdf"
            && !f.bytes[f.bytes.len().saturating_sub(1024)..]
                .windows(5)
                .any(|w| w == b"%%EOF")
        {
            return Err(ApiError::BadRequest(format!(
                "le fichier « {} » est un PDF tronqué (incomplet) : envoyez-le à nouveau",
                clean_name(&f.name)
            )));
        }
        originals.push((f, content_type));
    }
    let mut stored = Vec::with_capacity(originals.len());
    for (f, content_type) in originals {
        let sha = storage::objects::sha256_hex(&f.bytes);
        let key = format!("uploads/{sha}");
        state.objects.put(&key, f.bytes.clone()).await?;
        stored.push(OriginalFile {
            key,
            content_type: content_type.into(),
            name: clean_name(&f.name),
            size: f.bytes.len() as u64,
        });
    }
    let mut new = NewDeposit {
        demande: d.numero_unique.clone(),
        type_code,
        channel,
        originals: stored,
        date_fin_validite: form.date_fin_validite,
        by_applicant: matches!(caller.actor, Actor::Applicant { .. }),
        target_status,
        aside_when_full,
        duplicate_aside: None,
        queue: state.amqp.queue.clone(),
    };
    let actor = caller.journal_actor();
    let mut outcome = state.db.deposit_piece(&new, plan, &actor).await?;
    if let Deposited::Duplicate(other, ..) = outcome {
        // A duplicate of a piece the depositor may not see: telling him so would tell him it
        // exists. The deposit is put aside for someone who may see both.
        let visible = state
            .db
            .piece(other)
            .await?
            .is_some_and(|p| authorize(&caller.actor, Action::ListPiece, &piece_target(&p)));
        if !visible {
            new.duplicate_aside = Some(other);
            outcome = state.db.deposit_piece(&new, plan, &actor).await?;
        }
    }
    match outcome {
        Deposited::Created(id) => {
            tracing::info!(piece.id = %id, channel, "piece deposited");
            let s = state.clone();
            tokio::spawn(async move {
                if let Err(e) = crate::outbox::relay_once(&s).await {
                    tracing::warn!(error = %format!("{e:#}"), "piece queued in the outbox, broker unavailable");
                }
            });
            Ok(id)
        }
        Deposited::LimitReached(label, limit) => Err(limit_refusal(caller, &label, limit)),
        // (Only a piece the depositor may see: see above.)
        Deposited::Duplicate(_, label, at) => Err(ApiError::Conflict(format!(
            "ce fichier est déjà dans la demande : pièce « {} » déposée le {}",
            label.as_deref().unwrap_or("à qualifier"),
            crate::html::day_fr(at)
        ))),
        Deposited::DemandeNotActive => Err(ApiError::Conflict(
            "cette demande n'est plus active : aucune pièce ne peut y être ajoutée".into(),
        )),
    }
}

/// Whether the caller may not see pieces of this type (a sensible one, for a profile not
/// cleared for them): beyond its limit such a piece is put aside rather than refused, so that
/// the answer does not tell him the demande holds pieces he cannot see.
pub fn hidden_type(caller: &Caller, type_code: Option<&str>) -> bool {
    let sensible = type_code.is_some_and(sensible_type);
    sensible
        && match &caller.actor {
            Actor::Applicant { .. } => false,
            Actor::Staff { profile, .. } => !profile.cleared_for_sensible(),
        }
}

/// The refusal of a deposit, a change of type or an attachment beyond a type's limit. A
/// caller who may not see the pieces of a sensible type is not told how many it allows: that
/// would tell him how many the demande holds.
pub fn limit_refusal(caller: &Caller, label: &str, limit: u32) -> ApiError {
    let plan = crate::plan();
    let sensible = plan.types().any(|t| t.label == label && t.sensible);
    let cleared = match &caller.actor {
        Actor::Applicant { .. } => true,
        Actor::Staff { profile, .. } => profile.cleared_for_sensible(),
    };
    if sensible && !cleared {
        ApiError::Conflict(
            "refusé : une pièce de ce type ne peut plus être ajoutée à cette demande".into(),
        )
    } else {
        limit_message(label, limit)
    }
}

/// The message of a refused deposit beyond a type's limit.
pub fn limit_message(label: &str, limit: u32) -> ApiError {
    ApiError::Conflict(format!(
        "pièce refusée : la limite de {limit} pièce{s} « {label} » par demande est atteinte",
        s = if limit > 1 { "s" } else { "" }
    ))
}

fn clean_name(n: &str) -> String {
    n.rsplit(['/', '\\'])
        .next()
        .unwrap_or("fichier")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect()
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Deposit {
    id: Uuid,
    statut: &'static str,
}

/// Deposit a piece (multipart: `type`, optional `date_fin_validite`, one or more `fichier`).
#[utoipa::path(post, path = "/api/demandes/{numero}/pieces", params(("numero" = String, Path)),
    responses((status = 202, body = Deposit), (status = 404), (status = 409), (status = 400)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Path(numero): Path<String>,
    m: Multipart,
) -> Result<(StatusCode, Json<Deposit>), ApiError> {
    let form = read_deposit(m).await?;
    let id = deposit(&state, &caller, &numero, form).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Deposit {
            id,
            statut: "processing",
        }),
    ))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct QualificationRequest {
    #[serde(rename = "type")]
    type_code: Option<String>,
    /// `NV`, `PR` or `HP`.
    indice: Option<String>,
    /// AAAA-MM-JJ; an empty string clears it.
    date_fin_validite: Option<String>,
}

/// Change a piece's qualification (type, indice de pertinence, date de fin de validité).
/// Answers the piece, or 204 when the change took it out of the caller's sight (an operator
/// typing a deposit of the review queue attaches it to its demande).
#[utoipa::path(patch, path = "/api/pieces/{id}", params(("id" = Uuid, Path)), request_body = QualificationRequest,
    responses((status = 200, body = PieceView), (status = 204), (status = 404), (status = 409)))]
pub async fn qualify(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Json(req): Json<QualificationRequest>,
) -> Result<Response, ApiError> {
    qualify_piece(
        &state,
        &caller,
        id,
        req.type_code,
        req.indice,
        req.date_fin_validite,
    )
    .await?;
    Ok(
        match piece_for(&state, &caller, id, Action::ListPiece).await {
            Ok(p) => Json(p).into_response(),
            Err(_) => StatusCode::NO_CONTENT.into_response(),
        },
    )
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; a French message for a bad value or a limit reached.
pub async fn qualify_piece(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    type_code: Option<String>,
    indice: Option<String>,
    date: Option<String>,
) -> Result<(), ApiError> {
    let p = piece_for(state, caller, id, Action::Qualify).await?;
    let plan = crate::plan();
    let type_code = type_code.filter(|t| !t.is_empty());
    if let Some(t) = &type_code {
        if plan_de_classement::TypeCode::parse(t)
            .ok()
            .and_then(|c| plan.piece_type(&c))
            .is_none()
        {
            return Err(ApiError::BadRequest(format!(
                "type de pièce {t:?} inconnu du plan de classement"
            )));
        }
    }
    let actor = caller.journal_actor();
    let mut type_code = type_code;
    if p.status == "to_review" {
        // The operators' queue: typing a piece qualifies it (and attaches a typed deposit).
        if let Some(t) = type_code.take() {
            match state.db.set_review_type(id, &t, plan, &actor).await? {
                Changed::LimitReached(l, n) => return Err(limit_refusal(caller, &l, n)),
                Changed::Done | Changed::Unchanged => {}
            }
        }
    }
    let indice = indice.filter(|i| !i.is_empty());
    if let Some(i) = &indice {
        if !matches!(&i[..], "NV" | "PR" | "HP") {
            return Err(ApiError::BadRequest(format!(
                "indice de pertinence {i:?} invalide (NV, PR ou HP)"
            )));
        }
    }
    let date = match date {
        None => None,
        Some(d) if d.trim().is_empty() => Some(None),
        Some(d) => Some(Some(parse_date(&d)?)),
    };
    let q = Qualification {
        aside_when_full: hidden_type(caller, type_code.as_deref()),
        type_code,
        indice,
        date_fin_validite: date,
    };
    match state.db.qualify_piece(id, &q, plan, &actor).await? {
        Changed::LimitReached(l, n) => Err(limit_refusal(caller, &l, n)),
        Changed::Done | Changed::Unchanged => Ok(()),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ReasonRequest {
    motif: Option<String>,
}

/// Delete a piece into quarantine, with a reason.
#[utoipa::path(post, path = "/api/pieces/{id}/quarantaine", params(("id" = Uuid, Path)), request_body = ReasonRequest,
    responses((status = 204), (status = 404), (status = 409)))]
pub async fn quarantine(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Json(req): Json<ReasonRequest>,
) -> Result<StatusCode, ApiError> {
    quarantine_piece(&state, &caller, id, req.motif.unwrap_or_default()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; a French message when the reason is missing or the state forbids it.
pub async fn quarantine_piece(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: String,
) -> Result<(), ApiError> {
    piece_for(state, caller, id, Action::Quarantine).await?;
    let reason = reason.trim().to_string();
    let reason = if reason.is_empty() {
        if matches!(caller.actor, Actor::Applicant { .. }) {
            "supprimée par le demandeur".to_string()
        } else {
            return Err(ApiError::BadRequest(
                "indiquez le motif de la suppression".into(),
            ));
        }
    } else {
        reason
    };
    match state
        .db
        .quarantine_piece(id, &reason, &caller.journal_actor())
        .await?
    {
        Changed::Done => Ok(()),
        _ => Err(ApiError::Conflict(
            "cette pièce ne peut pas être supprimée dans son état actuel".into(),
        )),
    }
}

/// Restore a piece from quarantine (within the type's limit).
#[utoipa::path(post, path = "/api/pieces/{id}/restauration", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404), (status = 409)))]
pub async fn restore(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    restore_piece(&state, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; a French message for a limit reached or a piece not in quarantine.
pub async fn restore_piece(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    piece_for(state, caller, id, Action::Restore).await?;
    let plan = crate::plan();
    match state
        .db
        .restore_piece(id, plan, &caller.journal_actor())
        .await?
    {
        Changed::Done => Ok(()),
        Changed::LimitReached(l, n) => Err(ApiError::Conflict(format!(
            "restauration impossible : la limite de {n} pièce{s} « {l} » par demande est atteinte",
            s = if n > 1 { "s" } else { "" }
        ))),
        Changed::Unchanged => Err(ApiError::Conflict(
            "cette pièce n'est pas en quarantaine".into(),
        )),
    }
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct JournalQuery {
    pub categorie: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub evenement: Option<String>,
    /// AAAA-MM-JJ
    pub du: Option<String>,
    /// AAAA-MM-JJ
    pub au: Option<String>,
}

/// The journal rows of a demande the caller may read (sensible pieces' rows only for profiles
/// cleared for them).
///
/// # Errors
/// Not found when refused; a French message for a bad date.
pub async fn journal_rows(
    state: &AppState,
    caller: &Caller,
    numero: &str,
    q: &JournalQuery,
) -> Result<(DemandeView, Vec<JournalRow>), ApiError> {
    let d = demande_for(state, caller, numero, Action::ReadJournal).await?;
    let some = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let date = |v: &Option<String>| some(v).map(|v| parse_date(&v)).transpose();
    let filter = JournalFilter {
        category: some(&q.categorie),
        type_code: some(&q.type_code),
        event: some(&q.evenement),
        from: date(&q.du)?,
        to: date(&q.au)?,
    };
    let cleared = caller.profile().is_some_and(Profile::cleared_for_sensible);
    let rows = state
        .db
        .journal_of(&d.numero_unique, &filter)
        .await?
        .into_iter()
        .filter(|r| cleared || !reveals_sensible(r))
        .collect();
    Ok((d, rows))
}

/// The category of a type code of the plan.
pub fn type_category(code: &str) -> Option<String> {
    plan_de_classement::TypeCode::parse(code)
        .ok()
        .and_then(|t| crate::plan().piece_type(&t))
        .map(|t| t.category.to_string())
}

fn sensible_type(code: &str) -> bool {
    plan_de_classement::TypeCode::parse(code)
        .ok()
        .and_then(|t| crate::plan().piece_type(&t))
        .is_some_and(|t| t.sensible)
}

/// Whether a journal row tells something of a sensible piece: its type then, the piece's type
/// now (an untyped piece counts as sensible until typed), or either side of a change of type.
pub fn reveals_sensible(r: &JournalRow) -> bool {
    let then = r.type_code.as_deref().is_some_and(sensible_type);
    let now = r.piece_id.is_some() && r.piece_type_now.as_deref().is_none_or(sensible_type);
    let change = r.event == "modification"
        && r.details.get("champ").and_then(|v| v.as_str()) == Some("type")
        && ["ancien", "nouveau"].iter().any(|k| {
            r.details
                .get(*k)
                .and_then(|v| v.as_str())
                .is_some_and(sensible_type)
        });
    then || now || change
}

/// A demande's journal, filtered.
#[utoipa::path(get, path = "/api/demandes/{numero}/journal", params(("numero" = String, Path), JournalQuery),
    responses((status = 200, body = [JournalRow]), (status = 404)))]
pub async fn journal(
    State(state): State<AppState>,
    caller: Caller,
    Path(numero): Path<String>,
    Query(q): Query<JournalQuery>,
) -> Result<Json<Vec<JournalRow>>, ApiError> {
    Ok(Json(journal_rows(&state, &caller, &numero, &q).await?.1))
}

/// A demande's journal as CSV (same filters).
#[utoipa::path(get, path = "/api/demandes/{numero}/journal.csv", params(("numero" = String, Path), JournalQuery),
    responses((status = 200, content_type = "text/csv"), (status = 404)))]
pub async fn journal_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(numero): Path<String>,
    Query(q): Query<JournalQuery>,
) -> Result<Response, ApiError> {
    let (d, rows) = journal_rows(&state, &caller, &numero, &q).await?;
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let csv_err = |e: csv::Error| ApiError::Internal(e.into());
    w.write_record([
        "date",
        "evenement",
        "piece",
        "categorie",
        "type",
        "acteur",
        "guichet",
        "details",
    ])
    .map_err(csv_err)?;
    for r in &rows {
        w.write_record(
            [
                r.at.to_rfc3339(),
                r.event.clone(),
                r.piece_id.map(|p| p.to_string()).unwrap_or_default(),
                r.category.clone().unwrap_or_default(),
                r.type_code.clone().unwrap_or_default(),
                r.actor.clone(),
                r.actor_guichet.clone().unwrap_or_default(),
                describe(r),
            ]
            .map(|c| csv_cell(&c)),
        )
        .map_err(csv_err)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("{e}")))?;
    let mut r = (StatusCode::OK, body).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"journal-{}.csv\"",
        d.numero_unique
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// A CSV cell a spreadsheet will not run: one starting like a formula (`= + - @`, or a tab or
/// carriage return before one) is prefixed with an apostrophe.
pub fn csv_cell(v: &str) -> String {
    if v.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{v}")
    } else {
        v.to_string()
    }
}

/// A journal row's details in French.
pub fn describe(r: &JournalRow) -> String {
    let s = |k: &str| {
        r.details
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    match &r.event[..] {
        "modification" => format!(
            "{} passé de « {} » à « {} »",
            s("champ"),
            s("ancien"),
            s("nouveau")
        ),
        "suppression" | "mise_en_quarantaine" => format!("motif : {}", s("motif")),
        "creation" => format!("canal : {}", s("canal")),
        "consultation" => match &s("vue")[..] {
            "fichier" => "fichier ouvert".to_string(),
            "vignette" => "vignette affichée".to_string(),
            "couverture" => "couverture du pli affichée".to_string(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        event: &str,
        then: Option<&str>,
        now: Option<&str>,
        details: serde_json::Value,
    ) -> JournalRow {
        JournalRow {
            at: chrono::Utc::now(),
            event: event.into(),
            piece_id: Some(Uuid::nil()),
            category: None,
            type_code: then.map(str::to_string),
            actor: "x".into(),
            actor_guichet: None,
            details,
            piece_type_now: now.map(str::to_string),
        }
    }

    #[test]
    fn a_journal_row_is_sensible_by_either_side_of_a_change_and_by_the_piece_now() {
        let none = serde_json::json!({});
        // A plain row of a non-sensible piece.
        assert!(!reveals_sensible(&row(
            "consultation",
            Some("INDEC"),
            Some("INDEC"),
            none.clone()
        )));
        // Typed sensible then, or now, or untyped now (fail closed).
        assert!(reveals_sensible(&row(
            "creation",
            Some("VIOL"),
            Some("INDEC"),
            none.clone()
        )));
        assert!(reveals_sensible(&row(
            "creation",
            Some("INDEC"),
            Some("VIOL"),
            none.clone()
        )));
        assert!(reveals_sensible(&row("creation", None, None, none.clone())));
        // A change of type away from a sensible one, whatever the row's own type.
        let retype = serde_json::json!({ "champ": "type", "ancien": "VIOL", "nouveau": "INDEC" });
        assert!(reveals_sensible(&row(
            "modification",
            Some("INDEC"),
            Some("INDEC"),
            retype
        )));
        let untyped_to_plain =
            serde_json::json!({ "champ": "type", "ancien": "", "nouveau": "INDEC" });
        assert!(!reveals_sensible(&row(
            "modification",
            Some("INDEC"),
            Some("INDEC"),
            untyped_to_plain
        )));
        // An indice change is not about the type.
        let indice = serde_json::json!({ "champ": "indice de pertinence", "ancien": "NV", "nouveau": "VIOL" });
        assert!(!reveals_sensible(&row(
            "modification",
            Some("INDEC"),
            Some("INDEC"),
            indice
        )));
    }

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
        for bad in [
            "=HYPERLINK(\"x\")",
            "+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(csv_cell(bad), format!("'{bad}"), "{bad:?}");
        }
        for good in [
            "2026-12-05T10:00:00+00:00",
            "motif : illisible",
            "",
            "DUPONT Jean",
        ] {
            assert_eq!(csv_cell(good), good);
        }
    }
}
