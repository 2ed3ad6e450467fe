//! Portail web professionnel: the batches with live progress, and the review queue of plis and
//! deposits put aside, with their actions (attach by numéro unique, type, reject as defective).

use axum::extract::{Form, Path, State};
use axum::response::Response;
use serde::Deserialize;
use storage::portal::PieceView;
use uuid::Uuid;

use crate::auth::Caller;
use crate::html::{datetime_fr, esc, outcome_label, status_label, type_options, Page, Portal};
use crate::pages::{back, csrf_field, error_page, Flash, PageCaller};
use crate::routes::{pieces, review};
use crate::AppState;

const NAV: &[(&str, &str)] = &[
    ("/pro/lots", "Lots"),
    ("/pro/revue", "File de revue"),
    ("/pro/echecs", "Messages en échec"),
];

fn page(caller: &Caller, title: &str, body: String) -> Response {
    Page {
        portal: Portal::Pro,
        title,
        user: Some(&caller.display),
        csrf: caller.csrf.as_deref(),
        nav: NAV,
        body,
    }
    .render()
}

/// `GET /pro/lots`: batches with their progress, updated by the page's script.
pub async fn batches(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    flash: Flash,
) -> Response {
    if let Err(e) = review::require_review(&caller) {
        return error_page(e);
    }
    let list = match state
        .db
        .list_batches(crate::routes::review::territory_of(&caller), 100)
        .await
    {
        Ok(l) => l,
        Err(e) => return error_page(e.into()),
    };
    let mut body = flash.html();
    if list.is_empty() {
        body += "<p class=\"muted\">Aucun lot reçu pour l'instant.</p>";
    }
    body += "<table data-batches><thead><tr><th scope=\"col\">Lot</th><th scope=\"col\">Reçu le</th><th scope=\"col\">État</th>\
             <th scope=\"col\">Pages traitées</th><th scope=\"col\">Plis</th><th scope=\"col\">Rattachés</th><th scope=\"col\">Mis de côté</th></tr></thead><tbody>";
    for b in &list {
        let total = b.pages_total.unwrap_or(0);
        body += &format!(
            "<tr data-batch=\"{id}\"><td>{name}<br><span class=\"muted\">{short}</span>{warnings}{error}</td><td>{at}</td><td class=\"state\">{state}</td>\
             <td><progress max=\"{max}\" value=\"{done}\"></progress> <span class=\"pages\">{done} / {total}</span></td>\
             <td class=\"plis\">{plis}</td><td class=\"attached\">{attached}</td><td class=\"aside\">{aside}</td></tr>",
            id = b.id,
            name = esc(b.filename.as_deref().unwrap_or("lot sans nom")),
            short = &b.id.simple().to_string()[..8],
            error = b.error.as_deref().map(|e| format!(
                "<br><span class=\"reason\">{}</span><form method=\"post\" action=\"/pro/lots/{}/relance\">{}\
                 <button type=\"submit\" class=\"secondary\">Relancer le lot</button></form>",
                esc(e),
                b.id,
                csrf_field(&caller)
            )).unwrap_or_default(),
            warnings = b
                .warnings
                .iter()
                .map(|w| format!("<br><span class=\"reason\">Fichier endommagé : {}</span>", esc(w)))
                .collect::<String>(),
            at = datetime_fr(b.created_at),
            state = match &b.status[..] {
                "queued" => "en attente",
                "processing" => "en cours",
                "done" => "terminé",
                _ => "échec",
            },
            max = total.max(1),
            done = b.pages_done,
            total = if total > 0 { total.to_string() } else { "?".into() },
            plis = b.plis,
            attached = b.plis_attached,
            aside = b.plis_aside,
        );
    }
    body += "</tbody></table><p class=\"muted\">La progression se met à jour automatiquement.</p>";
    page(&caller, "Lots numérisés", body)
}

fn piece_block(caller: &Caller, p: &PieceView) -> String {
    let csrf = csrf_field(caller);
    let thumb = if p.object_key.is_some() {
        format!(
            "<a href=\"/api/pieces/{id}/fichier?inline=1\" target=\"_blank\" rel=\"noopener\">\
             <img src=\"/api/pieces/{id}/vignette\" alt=\"Première page de la pièce\" loading=\"lazy\"></a>",
            id = p.id
        )
    } else {
        String::new()
    };
    let pages = match (p.first_page, p.last_page) {
        (Some(a), Some(b)) if a == b => format!("page {a}"),
        (Some(a), Some(b)) => format!("pages {a} à {b}"),
        _ => format!("{} page(s)", p.page_count.unwrap_or(0)),
    };
    format!(
        "<div class=\"piece\" data-piece=\"{id}\" data-status=\"{status}\"><div class=\"thumbs\">{thumb}</div><div class=\"body\">\
         <p>{pages} — {label} {confidence} <span class=\"badge state {status}\">{state}</span></p>\
         <form method=\"post\" action=\"/pro/pieces/{id}/type\" class=\"inline\">{csrf}<label for=\"t-{id}\">Type</label>\
         <select id=\"t-{id}\" name=\"type\" required>{types}</select> <button type=\"submit\" class=\"secondary\">Enregistrer le type</button></form>\
         <details><summary>Rejeter comme défectueuse</summary><form method=\"post\" action=\"/pro/pieces/{id}/rejet\">{csrf}\
         <label for=\"r-{id}\">Motif (communiqué au guichet expéditeur)</label><input type=\"text\" id=\"r-{id}\" name=\"motif\" required>\
         <div><button type=\"submit\" class=\"danger\">Rejeter la pièce</button></div></form></details></div></div>",
        id = p.id,
        status = esc(&p.status),
        label = esc(p.type_label.as_deref().unwrap_or("type non reconnu")),
        confidence = p.confidence.map(|c| format!("<span class=\"muted\">(confiance {:.0} %)</span>", c * 100.0)).unwrap_or_default(),
        state = status_label(&p.status),
        types = type_options(p.type_code.as_deref(), Some("— choisir —")),
    )
}

/// `GET /pro/revue`: plis and deposits put aside.
pub async fn queue(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    flash: Flash,
) -> Response {
    let (plis, deposits) = match review::queue(&state, &caller).await {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let mut body = flash.html();
    if plis.is_empty() && deposits.is_empty() {
        body += "<p class=\"muted\">La file de revue est vide.</p>";
    }
    if !plis.is_empty() {
        body += &format!("<h2>Plis mis de côté ({})</h2>", plis.len());
    }
    for l in &plis {
        body += &format!(
            "<section class=\"pli\" data-pli=\"{id}\"><header><h3>Pli des pages {a} à {b} — lot {lot}</h3>\
             <span class=\"badge to_review\">{outcome}</span></header>\
             <div class=\"piece\">{cover}<div class=\"body\">\
             <p class=\"reason\">{reason}</p><p>Numéro lu : <strong>{lu}</strong></p>\
             <form method=\"post\" action=\"/pro/plis/{id}/rattachement\">{csrf}\
             <label for=\"n-{id}\">Numéro unique <span class=\"hint\">vérifié dans le registre avant rattachement</span></label>\
             <input type=\"text\" id=\"n-{id}\" name=\"numero_unique\" value=\"{value}\" required autocomplete=\"off\">\
             <button type=\"submit\">Rattacher le pli</button></form></div></div>",
            cover = if l.cover_object_key.is_some() {
                format!(
                    "<div class=\"thumbs cover\"><a href=\"/api/plis/{id}/couverture\" target=\"_blank\" rel=\"noopener\">\
                     <img src=\"/api/plis/{id}/couverture\" alt=\"Page de garde du pli (attestation d'enregistrement)\" loading=\"lazy\"></a></div>",
                    id = l.id
                )
            } else {
                String::new()
            },
            id = l.id,
            a = l.first_page,
            b = l.last_page,
            lot = &l.batch_id.simple().to_string()[..8],
            outcome = outcome_label(&l.outcome),
            reason = esc(&l.reason),
            lu = esc(l.numero_lu.as_deref().unwrap_or("aucun")),
            value = esc(l.numero_lu.as_deref().or(l.demande.as_deref()).unwrap_or_default()),
            csrf = csrf_field(&caller),
        );
        let queued: Vec<_> = l
            .pieces
            .iter()
            .filter(|p| p.status == "to_review")
            .collect();
        let split: Vec<String> = queued
            .iter()
            .filter_map(|p| match (p.first_page, p.last_page) {
                (Some(a), Some(b)) if a == b => Some(a.to_string()),
                (Some(a), Some(b)) => Some(format!("{a}-{b}")),
                _ => None,
            })
            .collect();
        if !queued.is_empty() {
            body += &format!(
                "<details><summary>Modifier le découpage en pièces</summary>\
                 <form method=\"post\" action=\"/pro/plis/{id}/decoupage\">{csrf}\
                 <label for=\"d-{id}\">Pages de chaque pièce <span class=\"hint\">pages du lot, pièces séparées par des virgules, \
                 par exemple « 2-3, 4 » ; les nouvelles pièces sont à typer</span></label>\
                 <input type=\"text\" id=\"d-{id}\" name=\"decoupage\" value=\"{value}\" required>\
                 <button type=\"submit\" class=\"secondary\">Redécouper</button></form></details>",
                id = l.id,
                csrf = csrf_field(&caller),
                value = esc(&split.join(", ")),
            );
        }
        for p in queued {
            body += &piece_block(&caller, p);
        }
        body += "</section>";
    }
    if !deposits.is_empty() {
        body += &format!(
            "<h2>Dépôts numériques à qualifier ({})</h2>",
            deposits.len()
        );
        for p in &deposits {
            body += &format!(
                "<section class=\"pli\"><header><h3>Demande {}</h3><span class=\"muted\">déposé par {}</span></header>{}</section>",
                esc(&p.demande.as_deref().map(crate::html::numero).unwrap_or_default()),
                esc(&p.deposited_by),
                piece_block(&caller, p)
            );
        }
    }
    page(&caller, "File de revue", body)
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /pro/lots/{id}/relance`
pub async fn replay(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        review::replay_batch(&state, &caller, id).await?;
        Ok("Lot relancé : il est de nouveau en attente de traitement.".to_string())
    }
    .await;
    back("/pro/lots", outcome)
}

/// `GET /pro/echecs`: messages the worker dead-lettered, with replay and dismissal.
pub async fn dead_letters(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    flash: Flash,
) -> Response {
    if let Err(e) = review::require_review(&caller) {
        return error_page(e);
    }
    let list = match review::visible_dead_letters(&state, &caller).await {
        Ok(l) => l,
        Err(e) => return error_page(e),
    };
    let mut body = flash.html();
    body +=
        "<p>Messages que le traitement a abandonnés (échec définitif, pas une panne passagère). \
             Relancez-les une fois la cause corrigée, ou classez-les.</p>";
    if list.is_empty() {
        body += "<p class=\"muted\">Aucun message en échec.</p>";
    } else {
        body += "<table data-dead-letters><thead><tr><th scope=\"col\">Reçu le</th><th scope=\"col\">Objet</th>\
                 <th scope=\"col\">Motif</th><th scope=\"col\">Tentatives</th><th scope=\"col\">Suite</th></tr></thead><tbody>";
    }
    let csrf = csrf_field(&caller);
    for d in &list {
        let subject = match (d.job_kind.as_deref(), d.job_id) {
            (Some("batch"), Some(id)) => format!(
                "Lot <span class=\"muted\">{}</span>",
                &id.simple().to_string()[..8]
            ),
            (Some("piece"), Some(id)) => format!(
                "Pièce déposée <span class=\"muted\">{}</span>",
                &id.simple().to_string()[..8]
            ),
            _ => format!(
                "Message illisible<br><code>{}</code>",
                esc(d.payload.as_deref().unwrap_or("(contenu binaire)"))
            ),
        };
        let next = match (d.resolution.as_deref(), d.resolved_at) {
            (Some(r), Some(at)) => format!(
                "{} le {} par {}",
                if r == "relance" {
                    "relancé"
                } else {
                    "classé"
                },
                datetime_fr(at),
                esc(d.resolved_by.as_deref().unwrap_or("?"))
            ),
            _ => {
                let replay = if d.job_id.is_some() {
                    format!(
                        "<form method=\"post\" action=\"/pro/echecs/{id}/relance\" class=\"inline\">{csrf}\
                         <button type=\"submit\">Relancer</button></form> ",
                        id = d.id
                    )
                } else {
                    String::new()
                };
                format!(
                    "{replay}<form method=\"post\" action=\"/pro/echecs/{id}/classement\" class=\"inline\">{csrf}\
                     <button type=\"submit\" class=\"secondary\">Classer</button></form>",
                    id = d.id
                )
            }
        };
        body += &format!(
            "<tr data-dead-letter=\"{id}\"><td>{at}</td><td>{subject}</td><td class=\"reason\">{reason}</td><td>{deliveries}</td><td>{next}</td></tr>",
            id = d.id,
            at = datetime_fr(d.created_at),
            reason = esc(&d.reason),
            deliveries = d.deliveries.map(|n| n.to_string()).unwrap_or_else(|| "—".into()),
        );
    }
    if !list.is_empty() {
        body += "</tbody></table>";
    }
    page(&caller, "Messages en échec", body)
}

/// `POST /pro/echecs/{id}/relance`
pub async fn replay_dead(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        review::replay_dead_letter(&state, &caller, id).await?;
        Ok("Message relancé : le traitement reprend.".to_string())
    }
    .await;
    back("/pro/echecs", outcome)
}

/// `POST /pro/echecs/{id}/classement`
pub async fn dismiss_dead(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        review::dismiss_dead_letter(&state, &caller, id).await?;
        Ok("Message classé.".to_string())
    }
    .await;
    back("/pro/echecs", outcome)
}

#[derive(Deserialize)]
pub struct AttachForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    numero_unique: String,
}

/// `POST /pro/plis/{id}/rattachement`
pub async fn attach(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<AttachForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        let n = review::attach_pli(&state, &caller, id, &f.numero_unique).await?;
        Ok(format!(
            "Pli rattaché : {n} pièce{s} ajoutée{s} à la demande.",
            s = if n > 1 { "s" } else { "" }
        ))
    }
    .await;
    back("/pro/revue", outcome)
}

#[derive(Deserialize)]
pub struct ResplitForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    decoupage: String,
}

/// `POST /pro/plis/{id}/decoupage`
pub async fn resplit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<ResplitForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        let n = review::resplit_pli(&state, &caller, id, &f.decoupage).await?;
        Ok(format!(
            "Pli redécoupé en {n} pièce{s} : indiquez le type de chacune.",
            s = if n > 1 { "s" } else { "" }
        ))
    }
    .await;
    back("/pro/revue", outcome)
}

#[derive(Deserialize)]
pub struct TypeForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    #[serde(rename = "type")]
    type_code: String,
}

/// `POST /pro/pieces/{id}/type`
pub async fn set_type(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<TypeForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        pieces::qualify_piece(&state, &caller, id, Some(f.type_code), None, None).await?;
        Ok("Type enregistré.".to_string())
    }
    .await;
    back("/pro/revue", outcome)
}

#[derive(Deserialize)]
pub struct RejectForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    motif: String,
}

/// `POST /pro/pieces/{id}/rejet`
pub async fn reject(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<RejectForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        review::reject_piece(&state, &caller, id, &f.motif).await?;
        Ok("Pièce rejetée ; le guichet expéditeur est prévenu par courriel.".to_string())
    }
    .await;
    back("/pro/revue", outcome)
}
