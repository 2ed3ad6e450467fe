//! Portail grand public: the applicant sees his demande's pieces by category, uploads a piece
//! (one or several files merged into one), deletes his own uploads and downloads his pieces.

use axum::extract::{Form, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use crate::authz::Actor;
use crate::error::ApiError;
use crate::html::{applicant_type_options, date_fr, day_fr, esc, status_label, Page, Portal};
use crate::pages::{back, csrf_field, error_page, Flash, PageCaller};
use crate::routes::pieces::{self, PIECE_MAX_BYTES, UPLOAD_MAX_BYTES};
use crate::AppState;

fn own_numero(caller: &crate::auth::Caller) -> Option<&str> {
    match &caller.actor {
        Actor::Applicant { numero } => Some(numero),
        Actor::Staff { .. } => None,
    }
}

/// `GET /demandeur`
pub async fn home(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    flash: Flash,
) -> Response {
    let Some(numero) = own_numero(&caller) else {
        return Redirect::to("/consultation").into_response();
    };
    let d = match pieces::demande_for(&state, &caller, numero, crate::authz::Action::ViewDemande)
        .await
    {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let list = match pieces::visible_pieces(&state, &caller, numero).await {
        Ok(l) => l,
        Err(e) => return error_page(e),
    };
    let plan = crate::plan();
    let spaced = plan_de_classement::NumeroUnique::parse(&d.numero_unique)
        .map(|n| n.spaced())
        .unwrap_or_else(|_| d.numero_unique.clone());
    let mut body = flash.html();
    body += &format!(
        "<p>Demande n° <strong>{}</strong> — {} {} — déposée auprès du guichet {}.</p>",
        esc(&spaced),
        esc(&d.prenom),
        esc(&d.nom),
        esc(&d.guichet_code)
    );
    body += "<h2>Mes pièces</h2>";
    if list.iter().all(|p| p.status == "quarantined") {
        body += "<p class=\"muted\">Aucune pièce n'est encore enregistrée pour votre demande.</p>";
    }
    for c in &plan.categories {
        let mine: Vec<_> = list
            .iter()
            .filter(|p| p.category.as_deref() == Some(c.code.as_str()) && p.status != "quarantined")
            .collect();
        if mine.is_empty() {
            continue;
        }
        body += &format!(
            "<h3>{}</h3><table><thead><tr><th scope=\"col\">Pièce</th><th scope=\"col\">État</th><th scope=\"col\">Pages</th>\
             <th scope=\"col\">Ajoutée le</th><th scope=\"col\">Fin de validité</th><th scope=\"col\">Actions</th></tr></thead><tbody>",
            esc(&c.label)
        );
        for p in mine {
            let ready = p.status == "attached";
            let delete = if p.by_applicant && matches!(&p.status[..], "attached" | "processing") {
                format!(
                    "<form method=\"post\" action=\"/demandeur/pieces/{id}/suppression\" class=\"inline\">{csrf}\
                     <button class=\"danger\" type=\"submit\">Supprimer</button></form>",
                    id = p.id,
                    csrf = csrf_field(&caller)
                )
            } else {
                String::new()
            };
            body += &format!(
                "<tr data-piece=\"{id}\" data-status=\"{status}\"><td>{label}</td>\
                 <td aria-live=\"polite\"><span class=\"badge state {status}\">{state}</span> <span class=\"status-reason muted\">{reason}</span></td>\
                 <td class=\"pages\">{pages}</td><td>{created}</td><td>{validity}</td>\
                 <td><span class=\"when-ready\"{hidden}><a href=\"/api/pieces/{id}/fichier\">Télécharger</a></span> {delete}</td></tr>",
                id = p.id,
                status = esc(&p.status),
                label = esc(p.type_label.as_deref().unwrap_or("pièce")),
                state = status_label(&p.status),
                reason = esc(p.status_reason.as_deref().unwrap_or_default()),
                pages = p.page_count.map(|n| n.to_string()).unwrap_or_default(),
                created = day_fr(p.created_at),
                validity = p.date_fin_validite.map(date_fr).unwrap_or_default(),
                hidden = if ready { "" } else { " hidden" },
            );
        }
        body += "</tbody></table>";
    }
    body += &format!(
        "<h2>Ajouter une pièce</h2>\
         <form method=\"post\" action=\"/demandeur/pieces\" enctype=\"multipart/form-data\" id=\"depot\" data-upload>{csrf}\
         <label for=\"type\">Type de pièce</label><select id=\"type\" name=\"type\" required>{options}</select>\
         <label for=\"fichiers\">Fichiers <span class=\"hint\">PDF, JPEG ou PNG ; si la pièce a plusieurs pages, sélectionnez \
         tous ses fichiers : ils seront réunis en une seule pièce ({max} Mo au plus par envoi ; les photos \
         et les PDF trop lourds sont allégés, la pièce enregistrée ne dépasse pas {piece} Mo)</span></label>\
         <input type=\"file\" id=\"fichiers\" name=\"fichier\" accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\" multiple required>\
         <label for=\"validite\">Date de fin de validité <span class=\"hint\">facultative</span></label>\
         <input type=\"date\" id=\"validite\" name=\"date_fin_validite\">\
         <div><button type=\"submit\">Envoyer la pièce</button> <progress hidden value=\"0\" max=\"1\"></progress> \
         <span class=\"upload-state\" role=\"status\"></span></div></form>",
        csrf = csrf_field(&caller),
        options = applicant_type_options(),
        max = UPLOAD_MAX_BYTES / (1024 * 1024),
        piece = PIECE_MAX_BYTES / (1024 * 1024),
    );
    Page {
        portal: Portal::Public,
        title: "Ma demande de logement social",
        user: Some(&caller.display),
        csrf: caller.csrf.as_deref(),
        nav: &[("/demandeur", "Mes pièces")],
        body,
    }
    .render()
}

/// `POST /demandeur/pieces`
pub async fn upload(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    m: Multipart,
) -> Response {
    let Some(numero) = own_numero(&caller).map(str::to_string) else {
        return error_page(ApiError::NotFound("page"));
    };
    let outcome = async {
        let form = pieces::read_deposit(m).await?;
        caller.check_csrf(form.csrf.as_deref())?;
        pieces::deposit(&state, &caller, &numero, form).await?;
        Ok(
            "Pièce reçue : elle est en cours de traitement et sera prête dans quelques instants."
                .to_string(),
        )
    }
    .await;
    back("/demandeur", outcome)
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(rename = "_csrf")]
    csrf: String,
}

/// `POST /demandeur/pieces/{id}/suppression`
pub async fn delete(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<CsrfForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        pieces::quarantine_piece(&state, &caller, id, String::new()).await?;
        Ok("La pièce a été supprimée de votre demande.".to_string())
    }
    .await;
    back("/demandeur", outcome)
}
