//! The operators' side: batches with their progress, the review queue, and its actions.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use storage::dead_letters::{DeadLetter, Replay};
use storage::portal::{BatchRow, Changed, PieceView, PliAttach, PliView};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{authorize, Action, DemandeRef, PieceRef, Target};
use crate::error::ApiError;
use crate::routes::pieces::{limit_refusal, piece_for};
use crate::AppState;

/// Refuses callers who do not work the review queue (answered like a missing page).
///
/// # Errors
/// Not found.
pub fn require_review(caller: &Caller) -> Result<(), ApiError> {
    if authorize(&caller.actor, Action::Review, &Target::default()) {
        Ok(())
    } else {
        Err(ApiError::NotFound("page"))
    }
}

/// The départements of a staff caller (none for an applicant).
pub fn territory_of(caller: &Caller) -> &[String] {
    match &caller.actor {
        crate::authz::Actor::Staff { territory, .. } => territory,
        crate::authz::Actor::Applicant { .. } => &[],
    }
}

fn pli_target(p: &PliView) -> Target<'_> {
    Target {
        demande: match (&p.demande, &p.departement) {
            (Some(n), Some(d)) => Some(DemandeRef {
                numero: n,
                departement: d,
            }),
            _ => None,
        },
        piece: Some(PieceRef {
            in_review_queue: true,
            ..PieceRef::default()
        }),
        queue_territory: &p.queue_territory,
    }
}

/// The latest batches of the operator's territory with their progress (counts of his plis).
#[utoipa::path(get, path = "/api/lots", responses((status = 200, body = [BatchRow])))]
pub async fn batches(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<BatchRow>>, ApiError> {
    require_review(&caller)?;
    Ok(Json(
        state.db.list_batches(territory_of(&caller), 100).await?,
    ))
}

/// Replay a failed batch (after its cause was fixed): it is queued again.
#[utoipa::path(post, path = "/api/lots/{id}/relance", params(("id" = Uuid, Path)),
    responses((status = 202), (status = 404), (status = 409)))]
pub async fn replay(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    replay_batch(&state, &caller, id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; a French message when the batch has not failed.
pub async fn replay_batch(state: &AppState, caller: &Caller, id: Uuid) -> Result<(), ApiError> {
    require_review(caller)?;
    if state.db.batch_visible(id, territory_of(caller)).await? != Some(true) {
        return Err(ApiError::NotFound("lot"));
    }
    if !state.db.replay_batch(id, &state.amqp.queue).await? {
        return Err(ApiError::Conflict(
            "seul un lot en échec peut être relancé".into(),
        ));
    }
    tracing::info!(batch.id = %id, "failed batch replayed by an operator");
    if let Err(e) = crate::outbox::relay_once(state).await {
        tracing::warn!(error = %format!("{e:#}"), "replay queued in the outbox, broker unavailable");
    }
    Ok(())
}

/// Messages the worker dead-lettered (permanent failures), open ones first.
#[utoipa::path(get, path = "/api/echecs", responses((status = 200, body = [DeadLetter])))]
pub async fn dead_letters(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<DeadLetter>>, ApiError> {
    Ok(Json(visible_dead_letters(&state, &caller).await?))
}

/// Refuses a dead letter the operator may not see, like a missing one.
async fn require_own_dead_letter(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<(), ApiError> {
    if visible_dead_letters(state, caller)
        .await?
        .iter()
        .any(|d| d.id == id)
    {
        Ok(())
    } else {
        Err(ApiError::NotFound("message en échec"))
    }
}

/// The dead-lettered messages an operator may see: those of a batch or a piece of his
/// territory, and those that name neither (an unreadable message tells nothing).
///
/// # Errors
/// Not found when refused; on a database error.
pub async fn visible_dead_letters(
    state: &AppState,
    caller: &Caller,
) -> Result<Vec<DeadLetter>, ApiError> {
    require_review(caller)?;
    let territory = territory_of(caller);
    let mut visible = Vec::new();
    for d in state.db.list_dead_letters(200).await? {
        let ours = match (d.job_kind.as_deref(), d.job_id) {
            // A batch of another territory is not his; one that does not exist tells nothing.
            (Some("batch"), Some(id)) => {
                state.db.batch_visible(id, territory).await? != Some(false)
            }
            (Some("piece"), Some(id)) => {
                state
                    .db
                    .piece(id)
                    .await?
                    .is_none_or(|p| match &p.departement {
                        Some(dep) => territory.contains(dep),
                        None => p.queue_territory.iter().any(|t| territory.contains(t)),
                    })
            }
            _ => true,
        };
        if ours {
            visible.push(d);
        }
    }
    Ok(visible)
}

/// Replay a dead-lettered batch or piece: it is reset and queued again.
#[utoipa::path(post, path = "/api/echecs/{id}/relance", params(("id" = Uuid, Path)),
    responses((status = 202), (status = 404), (status = 409)))]
pub async fn replay_dead(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    replay_dead_letter(&state, &caller, id).await?;
    Ok(StatusCode::ACCEPTED)
}

/// Close a dead-lettered message without replaying it.
#[utoipa::path(post, path = "/api/echecs/{id}/classement", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404)))]
pub async fn dismiss_dead(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiError> {
    dismiss_dead_letter(&state, &caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused or unknown; a French message when it cannot be replayed.
pub async fn replay_dead_letter(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<(), ApiError> {
    require_own_dead_letter(state, caller, id).await?;
    match state
        .db
        .replay_dead_letter(id, &state.amqp.queue, &caller.journal_actor().name)
        .await?
    {
        Replay::Done => {}
        Replay::NotOpen => return Err(ApiError::NotFound("message en échec")),
        Replay::NotReplayable => {
            return Err(ApiError::Conflict(
                "ce message ne désigne ni un lot ni une pièce à retraiter : classez-le".into(),
            ))
        }
    }
    tracing::info!(dead_letter.id = %id, "dead-lettered message replayed by an operator");
    if let Err(e) = crate::outbox::relay_once(state).await {
        tracing::warn!(error = %format!("{e:#}"), "replay queued in the outbox, broker unavailable");
    }
    Ok(())
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused, unknown or already closed.
pub async fn dismiss_dead_letter(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
) -> Result<(), ApiError> {
    require_own_dead_letter(state, caller, id).await?;
    if !state
        .db
        .dismiss_dead_letter(id, &caller.journal_actor().name)
        .await?
    {
        return Err(ApiError::NotFound("message en échec"));
    }
    tracing::info!(dead_letter.id = %id, "dead-lettered message dismissed by an operator");
    Ok(())
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ReviewQueue {
    plis: Vec<PliView>,
    depots: Vec<PieceView>,
}

/// The plis put aside and the digital deposits waiting for qualification.
///
/// # Errors
/// On a database error.
pub async fn queue(
    state: &AppState,
    caller: &Caller,
) -> Result<(Vec<PliView>, Vec<PieceView>), ApiError> {
    require_review(caller)?;
    let plis = state
        .db
        .review_plis()
        .await?
        .into_iter()
        .filter(|p| authorize(&caller.actor, Action::Review, &pli_target(p)))
        .collect();
    let deposits = state
        .db
        .review_deposits()
        .await?
        .into_iter()
        .filter(|p| {
            authorize(
                &caller.actor,
                Action::Review,
                &crate::routes::pieces::piece_target(p),
            )
        })
        .collect();
    Ok((plis, deposits))
}

/// The review queue.
#[utoipa::path(get, path = "/api/revue", responses((status = 200, body = ReviewQueue)))]
pub async fn review(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ReviewQueue>, ApiError> {
    let (plis, depots) = queue(&state, &caller).await?;
    Ok(Json(ReviewQueue { plis, depots }))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AttachRequest {
    numero_unique: String,
}

/// Attach a pli put aside to the demande whose numéro unique the operator typed.
#[utoipa::path(post, path = "/api/plis/{id}/rattachement", params(("id" = Uuid, Path)), request_body = AttachRequest,
    responses((status = 200), (status = 404), (status = 409), (status = 400)))]
pub async fn attach(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Json(req): Json<AttachRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let n = attach_pli(&state, &caller, id, &req.numero_unique).await?;
    Ok(Json(serde_json::json!({ "pieces_rattachees": n })))
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; French messages for a bad, unknown or inactive numéro unique.
pub async fn attach_pli(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    typed: &str,
) -> Result<usize, ApiError> {
    require_review(caller)?;
    let Some(pli) = state.db.pli(id).await? else {
        return Err(ApiError::NotFound("pli"));
    };
    if !authorize(&caller.actor, Action::Review, &pli_target(&pli)) {
        return Err(ApiError::NotFound("pli"));
    }
    let numero =
        plan_de_classement::NumeroUnique::parse(&typed.replace([' ', '-'], "").to_uppercase())
            .map_err(|e| ApiError::BadRequest(format!("numéro unique invalide : {e}")))?;
    // The demande must be within the operator's territory like any other; one outside it is
    // answered like an unknown one, so that numbers of other territories cannot be probed.
    let unknown = || {
        ApiError::Conflict(format!(
            "le numéro unique {} est inconnu du registre de votre territoire",
            numero.spaced()
        ))
    };
    let Some(d) = state.db.demande(numero.as_str()).await? else {
        return Err(unknown());
    };
    let t = Target {
        demande: Some(DemandeRef {
            numero: &d.numero_unique,
            departement: &d.departement,
        }),
        ..Target::default()
    };
    if !authorize(&caller.actor, Action::Deposit, &t) {
        return Err(unknown());
    }
    let plan = crate::plan();
    match state
        .db
        .attach_pli(id, numero.as_str(), plan, &caller.journal_actor())
        .await?
    {
        PliAttach::Attached(n) => {
            tracing::info!(pli.id = %id, pieces = n, "pli attached by an operator");
            Ok(n)
        }
        PliAttach::UnknownDemande => Err(unknown()),
        PliAttach::DemandeNotActive => Err(ApiError::Conflict(format!(
            "la demande {} est radiée : le pli ne peut pas y être rattaché",
            numero.spaced()
        ))),
        PliAttach::LimitReached(l, n) => Err(limit_refusal(caller, &l, n)),
        PliAttach::AlreadyAttached => Err(ApiError::Conflict("ce pli est déjà rattaché".into())),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct ResplitRequest {
    /// The new pieces as page ranges of the batch, e.g. `"2-3, 4, 5-7"`.
    pieces: String,
}

/// Change how the pages of a pli put aside are split into pieces (the new pieces are untyped).
#[utoipa::path(post, path = "/api/plis/{id}/decoupage", params(("id" = Uuid, Path)), request_body = ResplitRequest,
    responses((status = 200), (status = 404), (status = 400), (status = 409)))]
pub async fn resplit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Json(req): Json<ResplitRequest>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let n = resplit_pli(&state, &caller, id, &req.pieces).await?;
    Ok(Json(serde_json::json!({ "pieces": n })))
}

/// Parses `"2-3, 4, 5-7"` into ranges.
///
/// # Errors
/// A French message quoting the bad part.
pub fn parse_ranges(spec: &str) -> Result<Vec<(i32, i32)>, ApiError> {
    let bad = |part: &str| {
        ApiError::BadRequest(format!(
            "découpage {part:?} illisible : écrivez par exemple « 2-3, 4, 5-7 »"
        ))
    };
    let mut out = Vec::new();
    for part in spec
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>()) else {
            return Err(bad(part));
        };
        if a < 1 || b < a {
            return Err(bad(part));
        }
        out.push((a, b));
    }
    if out.is_empty() {
        return Err(bad(spec));
    }
    Ok(out)
}

/// Shared by the page and the API: rebuilds the pli's pieces to review from the operator's
/// page ranges, reusing the stored page images as they are.
///
/// # Errors
/// Not found when refused; French messages for ranges that leave out or repeat pages.
pub async fn resplit_pli(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    spec: &str,
) -> Result<usize, ApiError> {
    require_review(caller)?;
    let pli = state.db.pli(id).await?.ok_or(ApiError::NotFound("pli"))?;
    if !authorize(&caller.actor, Action::Review, &pli_target(&pli)) {
        return Err(ApiError::NotFound("pli"));
    }
    if pli.outcome == "attached" {
        return Err(ApiError::Conflict("ce pli est déjà rattaché".into()));
    }
    let ranges = parse_ranges(spec)?;
    let sources: Vec<&PieceView> = pli
        .pieces
        .iter()
        .filter(|p| p.status == "to_review")
        .collect();
    // Each page of the pieces to review → (source piece, its position in that piece's PDF).
    let mut page_of = std::collections::BTreeMap::new();
    for (i, p) in sources.iter().enumerate() {
        let (Some(a), Some(b), Some(_)) = (p.first_page, p.last_page, &p.object_key) else {
            return Err(ApiError::Conflict(
                "une pièce de ce pli n'a pas de fichier".into(),
            ));
        };
        for (pos, page) in (a..=b).filter(|n| !pli.blank_pages.contains(n)).enumerate() {
            page_of.insert(page, (i, pos as u32 + 1));
        }
    }
    let mut used = std::collections::BTreeSet::new();
    let mut plan = Vec::new();
    for &(a, b) in &ranges {
        let pages: Vec<i32> = (a..=b).filter(|n| page_of.contains_key(n)).collect();
        if pages.is_empty() {
            return Err(ApiError::BadRequest(format!(
                "aucune page à vérifier entre {a} et {b}"
            )));
        }
        if let Some(dup) = pages.iter().find(|p| !used.insert(**p)) {
            return Err(ApiError::BadRequest(format!(
                "la page {dup} est dans deux pièces"
            )));
        }
        plan.push((a, b, pages));
    }
    let left: Vec<String> = page_of
        .keys()
        .filter(|p| !used.contains(*p))
        .map(i32::to_string)
        .collect();
    if !left.is_empty() {
        return Err(ApiError::BadRequest(format!(
            "page{} {} dans aucune pièce : chaque page doit appartenir à une pièce",
            if left.len() > 1 { "s" } else { "" },
            left.join(", ")
        )));
    }
    let mut pdfs = Vec::with_capacity(sources.len());
    for p in &sources {
        pdfs.push(
            state
                .objects
                .get(p.object_key.as_deref().unwrap_or_default())
                .await?,
        );
    }
    let mut new_pieces = Vec::with_capacity(plan.len());
    for (a, b, pages) in plan {
        // Consecutive pages from the same source piece form one part.
        let mut parts: Vec<(usize, Vec<u32>)> = Vec::new();
        for p in &pages {
            let (src, pos) = page_of[p];
            match parts.last_mut() {
                Some((s, v)) if *s == src => v.push(pos),
                _ => parts.push((src, vec![pos])),
            }
        }
        let built = tokio::task::spawn_blocking({
            let pdfs = pdfs.clone();
            move || -> Result<(Vec<u8>, u32), String> {
                let selected = parts
                    .iter()
                    .map(|(src, keep)| ingest_worker::merge::select_pages(&pdfs[*src], keep))
                    .collect::<Result<Vec<_>, _>>()?;
                ingest_worker::merge::merge(&selected)
            }
        })
        .await
        .map_err(|e| ApiError::Internal(e.into()))?
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("rebuilding a piece: {e}")))?;
        let (bytes, count) = built;
        let sha = storage::objects::sha256_hex(&bytes);
        let key = storage::objects::piece_key(&sha);
        let size = bytes.len() as i64;
        state.objects.put(&key, bytes.into()).await?;
        new_pieces.push(storage::portal::ResplitPiece {
            first_page: *pages.first().unwrap_or(&a),
            last_page: *pages.last().unwrap_or(&b),
            page_count: count as i32,
            object_key: key,
            sha256: sha,
            size_bytes: size,
        });
    }
    let replaced: Vec<Uuid> = sources.iter().map(|p| p.id).collect();
    if !state.db.resplit_pli(id, &replaced, &new_pieces).await? {
        return Err(ApiError::Conflict(
            "ce pli a changé entre-temps : rechargez la page".into(),
        ));
    }
    tracing::info!(pli.id = %id, pieces = new_pieces.len(), "pli split again by an operator");
    Ok(new_pieces.len())
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct RejectRequest {
    motif: String,
}

/// Reject a piece of the queue as defective; the sending guichet is notified by e-mail.
#[utoipa::path(post, path = "/api/pieces/{id}/rejet", params(("id" = Uuid, Path)), request_body = RejectRequest,
    responses((status = 204), (status = 404), (status = 400)))]
pub async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
    Json(req): Json<RejectRequest>,
) -> Result<StatusCode, ApiError> {
    reject_piece(&state, &caller, id, &req.motif).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shared by the page and the API.
///
/// # Errors
/// Not found when refused; a French message when the reason is missing.
pub async fn reject_piece(
    state: &AppState,
    caller: &Caller,
    id: Uuid,
    reason: &str,
) -> Result<(), ApiError> {
    require_review(caller)?;
    piece_for(state, caller, id, Action::Qualify).await?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(ApiError::BadRequest("indiquez le motif du rejet".into()));
    }
    match state
        .db
        .reject_defective(id, reason, &caller.journal_actor())
        .await?
    {
        Changed::Done => Ok(()),
        _ => Err(ApiError::Conflict(
            "cette pièce n'est plus dans la file de revue".into(),
        )),
    }
}

/// A small PNG of a piece's first page, for the review queue.
#[utoipa::path(get, path = "/api/pieces/{id}/vignette", params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "image/png"), (status = 404)))]
pub async fn thumbnail(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    let p = piece_for(&state, &caller, id, Action::OpenPiece).await?;
    let Some(key) = &p.object_key else {
        return Err(ApiError::NotFound("vignette"));
    };
    let r = thumbnail_of(&state, key, 220).await?;
    crate::routes::pieces::record_consultation(&state, &caller, &p, "vignette").await?;
    Ok(r)
}

/// A small PNG of a pli's cover (the attestation), for the review queue: the operator reads
/// the applicant's name and the number there.
#[utoipa::path(get, path = "/api/plis/{id}/couverture", params(("id" = Uuid, Path)),
    responses((status = 200, content_type = "image/png"), (status = 404)))]
pub async fn cover(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<Uuid>,
) -> Result<Response, ApiError> {
    require_review(&caller)?;
    let pli = state.db.pli(id).await?.ok_or(ApiError::NotFound("pli"))?;
    if !authorize(&caller.actor, Action::Review, &pli_target(&pli)) {
        return Err(ApiError::NotFound("pli"));
    }
    let key = pli
        .cover_object_key
        .as_deref()
        .ok_or(ApiError::NotFound("pli"))?;
    let r = thumbnail_of(&state, key, 600).await?;
    state
        .db
        .record_cover_consultation(&pli, &caller.journal_actor())
        .await?;
    if pli.demande.is_none() {
        // No demande, no journal: the log keeps who saw it.
        let actor = caller.journal_actor();
        tracing::info!(pli.id = %pli.id, actor = %actor.name, guichet = ?actor.guichet, "cover of a pli on no demande shown");
    }
    Ok(r)
}

/// A stored PDF's first page as a PNG `width` pixels wide, served privately.
async fn thumbnail_of(state: &AppState, key: &str, width: u32) -> Result<Response, ApiError> {
    let pdf = state.objects.get(key).await?;
    let png = render_thumbnail(state, &pdf, width).await?;
    let mut r = (StatusCode::OK, png).into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=3600"),
    );
    Ok(r)
}

/// Renders the first page with poppler's `pdftoppm` in a child process, bounded in time.
async fn render_thumbnail(state: &AppState, pdf: &[u8], width: u32) -> Result<Vec<u8>, ApiError> {
    let path = state
        .config
        .work_dir
        .join(format!("thumb-{}.pdf", Uuid::new_v4()));
    tokio::fs::write(&path, pdf)
        .await
        .map_err(|e| ApiError::Internal(e.into()))?;
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(20),
        tokio::process::Command::new("pdftoppm")
            .args(["-png", "-f", "1", "-l", "1", "-singlefile", "-scale-to"])
            .arg(width.to_string())
            .arg(&path)
            .kill_on_drop(true)
            .output(),
    )
    .await;
    let _ = tokio::fs::remove_file(&path).await;
    match out {
        Ok(Ok(o)) if o.status.success() && !o.stdout.is_empty() => Ok(o.stdout),
        Ok(Ok(o)) => Err(ApiError::Internal(anyhow::anyhow!(
            "pdftoppm failed: {}",
            String::from_utf8_lossy(&o.stderr)
        ))),
        Ok(Err(e)) => Err(ApiError::Internal(anyhow::anyhow!("running pdftoppm: {e}"))),
        Err(_) => Err(ApiError::Internal(anyhow::anyhow!("pdftoppm timed out"))),
    }
}
