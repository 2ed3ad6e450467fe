//! Consultation for guichets: search a demande within the territory, list its pieces as the
//! profile allows, open, deposit, qualify, delete into quarantine, restore, read the journal.

use axum::extract::{Form, Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use storage::portal::PieceView;
use storage::registry_csv::{Lien, MembreMenage};
use uuid::Uuid;

use crate::auth::Caller;
use crate::authz::{authorize, Action, Profile};
use crate::html::{
    channel_label, date_fr, datetime_fr, day_fr, esc, event_label, indice_label, numero,
    status_label, type_options, Page, Portal,
};
use crate::pages::{back, csrf_field, error_page, urlencode, Flash, PageCaller};
use crate::routes::pieces::{self, piece_target, JournalQuery, SearchQuery};
use crate::AppState;

fn nav(caller: &Caller) -> &'static [(&'static str, &'static str)] {
    if caller.profile() == Some(Profile::Operateur) {
        &[("/pro/lots", "Lots"), ("/pro/revue", "File de revue")]
    } else {
        &[("/consultation", "Rechercher une demande")]
    }
}

fn page(caller: &Caller, title: &str, body: String) -> Response {
    Page {
        portal: Portal::Consultation,
        title,
        user: Some(&caller.display),
        csrf: caller.csrf.as_deref(),
        nav: nav(caller),
        body,
    }
    .render()
}

/// `GET /consultation`: the search form and its results.
pub async fn search(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Query(q): Query<SearchQuery>,
    flash: Flash,
) -> Response {
    if caller.profile().is_none() {
        return Redirect::to("/demandeur").into_response();
    }
    let mut body = flash.html();
    let value = |v: &Option<String>| esc(v.as_deref().unwrap_or_default());
    body += &format!("<form method=\"get\" action=\"/consultation\" role=\"search\"><fieldset><legend>Rechercher une demande de votre territoire</legend>\
        <label for=\"numero\">Numéro unique</label><input type=\"search\" id=\"numero\" name=\"numero_unique\" value=\"{}\">\
        <p class=\"muted\">ou</p><div class=\"filters\"><div><label for=\"nom\">Nom</label><input type=\"text\" id=\"nom\" name=\"nom\" value=\"{}\"></div>\
        <div><label for=\"naissance\">Date de naissance</label><input type=\"date\" id=\"naissance\" name=\"date_naissance\" value=\"{}\"></div></div>\
        <div><button type=\"submit\">Rechercher</button></div></fieldset></form>",
        value(&q.numero_unique), value(&q.nom), value(&q.date_naissance));
    let asked = q.numero_unique_given() || q.nom_given();
    if asked {
        match pieces::search_demandes(&state, &caller, &q).await {
            Ok(list) if list.is_empty() => {
                body += "<p class=\"notice error\" role=\"status\">Aucune demande de votre territoire ne correspond à cette recherche.</p>";
            }
            Ok(list) => {
                body += "<table><thead><tr><th scope=\"col\">Numéro unique</th><th scope=\"col\">Demandeur</th>\
                         <th scope=\"col\">Naissance</th><th scope=\"col\">État</th><th scope=\"col\">Département</th></tr></thead><tbody>";
                for d in list {
                    body += &format!(
                        "<tr><td><a href=\"/consultation/demandes/{n}\">{spaced}</a></td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        esc(&d.nom),
                        esc(&d.prenom),
                        date_fr(d.date_naissance),
                        esc(&d.etat),
                        esc(&d.departement),
                        n = esc(&d.numero_unique),
                        spaced = esc(&numero(&d.numero_unique)),
                    );
                }
                body += "</tbody></table>";
            }
            Err(e) => body += &crate::html::flash(None, Some(&e.parts().1)),
        }
    }
    page(&caller, "Consultation des pièces", body)
}

fn piece_row(caller: &Caller, p: &PieceView, numero: &str) -> String {
    let t = piece_target(p);
    let can = |a| authorize(&caller.actor, a, &t);
    let csrf = csrf_field(caller);
    let mut actions = String::new();
    if p.object_key.is_some() && can(Action::OpenPiece) {
        actions += &format!(
            "<a href=\"/api/pieces/{id}/fichier?inline=1\" target=\"_blank\" rel=\"noopener\">Ouvrir</a> · \
             <a href=\"/api/pieces/{id}/fichier\">Télécharger</a>",
            id = p.id
        );
    }
    if can(Action::Qualify) && matches!(&p.status[..], "attached" | "processing") {
        actions += &format!(
            "<details><summary>Modifier la qualification</summary>\
             <form method=\"post\" action=\"/consultation/pieces/{id}/qualification\">{csrf}\
             <label for=\"t-{id}\">Type</label><select id=\"t-{id}\" name=\"type\">{types}</select>\
             <label for=\"i-{id}\">Indice de pertinence</label><select id=\"i-{id}\" name=\"indice\">{indices}</select>\
             <label for=\"v-{id}\">Date de fin de validité</label><input type=\"date\" id=\"v-{id}\" name=\"date_fin_validite\" value=\"{date}\">\
             <div><button type=\"submit\">Enregistrer</button></div></form></details>",
            id = p.id,
            types = type_options(p.type_code.as_deref(), None),
            indices = [("NV", "non vérifié"), ("PR", "périmètre réglementaire"), ("HP", "hors périmètre")]
                .iter()
                .map(|(c, l)| format!(
                    "<option value=\"{c}\"{}>{c} — {l}</option>",
                    if p.indice == *c { " selected" } else { "" }
                ))
                .collect::<String>(),
            date = p.date_fin_validite.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        );
    }
    // (A piece put aside on the demande — "à vérifier" — may be deleted too.)
    if can(Action::Quarantine) && matches!(&p.status[..], "attached" | "processing" | "to_review") {
        actions += &format!(
            "<details><summary>Supprimer</summary><form method=\"post\" action=\"/consultation/pieces/{id}/suppression\">{csrf}\
             <label for=\"m-{id}\">Motif de la suppression</label><input type=\"text\" id=\"m-{id}\" name=\"motif\" required>\
             <div><button class=\"danger\" type=\"submit\">Mettre en quarantaine</button></div></form></details>",
            id = p.id
        );
    }
    if can(Action::Restore) && p.status == "quarantined" {
        actions += &format!(
            "<form method=\"post\" action=\"/consultation/pieces/{id}/restauration\" class=\"inline\">{csrf}\
             <button class=\"secondary\" type=\"submit\">Restaurer</button></form>",
            id = p.id
        );
    }
    let _ = numero;
    format!(
        "<tr data-piece=\"{id}\" data-status=\"{status}\"><td>{label}{sens}<br><span class=\"muted\">{code}</span></td>\
         <td aria-live=\"polite\"><span class=\"badge state {status}\">{state}</span><br><span class=\"status-reason muted\">{reason}</span>{check}</td>\
         <td>{indice}</td><td>{validity}</td><td class=\"pages\">{pages}</td><td>{channel}</td><td>{created}</td><td class=\"actions\">{actions}</td></tr>",
        id = p.id,
        status = esc(&p.status),
        label = esc(p.type_label.as_deref().unwrap_or("pièce à qualifier")),
        sens = if p.sensible { " <span class=\"badge sensible\">sensible</span>" } else { "" },
        code = esc(p.type_code.as_deref().unwrap_or_default()),
        state = status_label(&p.status),
        reason = esc(p.status_reason.as_deref().unwrap_or_default()),
        check = p
            .check_reason
            .as_deref()
            .map(|c| format!(
                "<br><span class=\"badge to_review\">à vérifier</span> <span class=\"check-reason\">{}</span>{}",
                esc(c),
                p.duplicate_of
                    .map(|d| format!(" — <a href=\"/api/pieces/{d}/fichier?inline=1\" target=\"_blank\" rel=\"noopener\">voir la pièce existante</a>"))
                    .unwrap_or_default()
            ))
            .unwrap_or_default(),
        indice = indice_label(&p.indice),
        validity = p.date_fin_validite.map(date_fr).unwrap_or_default(),
        pages = p.page_count.map(|n| n.to_string()).unwrap_or_default(),
        channel = channel_label(&p.channel),
        created = day_fr(p.created_at),
    )
}

fn lien_label(l: Lien) -> &'static str {
    match l {
        Lien::Conjoint => "Conjoint(e)",
        Lien::Codemandeur => "Codemandeur",
        Lien::Enfant => "Enfant",
        Lien::Autre => "Autre",
    }
}

/// The household declared with the demande; nothing when the registry declares none.
fn menage_table(menage: &[MembreMenage]) -> String {
    if menage.is_empty() {
        return String::new();
    }
    let mut t = String::from(
        "<section class=\"menage\"><h2>Ménage déclaré</h2><table><thead><tr><th scope=\"col\">Lien</th>\
         <th scope=\"col\">Nom</th><th scope=\"col\">Prénom</th><th scope=\"col\">Date de naissance</th></tr></thead><tbody>",
    );
    for m in menage {
        t += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            lien_label(m.lien),
            esc(&m.nom),
            esc(&m.prenom),
            date_fr(m.date_naissance)
        );
    }
    t + "</tbody></table></section>"
}

/// `GET /consultation/demandes/{numero}`
pub async fn demande(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(numero): Path<String>,
    flash: Flash,
) -> Response {
    let d = match pieces::demande_for(&state, &caller, &numero, Action::ViewDemande).await {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let menage = match pieces::menage_of(&state, &d).await {
        Ok(m) => m,
        Err(e) => return error_page(e),
    };
    let list = match pieces::visible_pieces(&state, &caller, &d.numero_unique).await {
        Ok(l) => l,
        Err(e) => return error_page(e),
    };
    let target = pieces::demande_target(&d);
    let mut body = flash.html();
    body += &format!(
        "<p><strong>{} {}</strong>, né(e) le {} — état : {} — département {} — guichet {}</p>",
        esc(&d.prenom),
        esc(&d.nom),
        date_fr(d.date_naissance),
        esc(&d.etat),
        esc(&d.departement),
        esc(&d.guichet_code)
    );
    if authorize(&caller.actor, Action::ReadJournal, &target) {
        body += &format!(
            "<p><a class=\"button secondary\" href=\"/consultation/demandes/{}/journal\">Journal de la demande</a></p>",
            esc(&d.numero_unique)
        );
    }
    body += &menage_table(&menage);
    let plan = crate::plan();
    let head = "<table><thead><tr><th scope=\"col\">Pièce</th><th scope=\"col\">État</th><th scope=\"col\">Indice</th>\
        <th scope=\"col\">Fin de validité</th><th scope=\"col\">Pages</th><th scope=\"col\">Canal</th><th scope=\"col\">Ajoutée le</th>\
        <th scope=\"col\">Actions</th></tr></thead><tbody>";

    let (quarantined, list): (Vec<_>, Vec<_>) =
        list.into_iter().partition(|p| p.status == "quarantined");
    if list.is_empty() {
        body += "<p class=\"muted\">Aucune pièce visible pour votre profil.</p>";
    }
    for c in &plan.categories {
        let rows: Vec<_> = list
            .iter()
            .filter(|p| p.category.as_deref() == Some(c.code.as_str()))
            .collect();
        if rows.is_empty() {
            continue;
        }
        body += &format!("<h2>{}</h2>{head}", esc(&c.label));
        for p in rows {
            body += &piece_row(&caller, p, &d.numero_unique);
        }
        body += "</tbody></table>";
    }
    let untyped: Vec<_> = list.iter().filter(|p| p.category.is_none()).collect();
    if !untyped.is_empty() {
        body += &format!("<h2>Pièces à qualifier</h2>{head}");
        for p in untyped {
            body += &piece_row(&caller, p, &d.numero_unique);
        }
        body += "</tbody></table>";
    }
    // Listed only to the profiles that may restore them (the access rules decide).
    if !quarantined.is_empty() {
        body += &format!(
            "<section id=\"quarantaine\"><h2>Quarantaine</h2>\
             <p class=\"muted\">Pièces supprimées : elles ne sont plus dans la demande et peuvent être restaurées.</p>{head}"
        );
        for p in &quarantined {
            body += &piece_row(&caller, p, &d.numero_unique);
        }
        body += "</tbody></table></section>";
    }
    if authorize(&caller.actor, Action::Deposit, &target) {
        body += &format!(
            "<h2>Déposer une pièce</h2><form method=\"post\" action=\"/consultation/demandes/{n}/pieces\" enctype=\"multipart/form-data\">{csrf}\
             <label for=\"type\">Type de pièce</label><select id=\"type\" name=\"type\">{types}</select>\
             <label for=\"fichiers\">Fichiers <span class=\"hint\">PDF, JPEG ou PNG, réunis en une seule pièce</span></label>\
             <input type=\"file\" id=\"fichiers\" name=\"fichier\" multiple required>\
             <label for=\"validite\">Date de fin de validité <span class=\"hint\">facultative</span></label>\
             <input type=\"date\" id=\"validite\" name=\"date_fin_validite\">\
             <div><button type=\"submit\">Déposer</button></div></form>",
            n = esc(&d.numero_unique),
            csrf = csrf_field(&caller),
            types = type_options(None, Some("— à qualifier par le service de numérisation —")),
        );
    }
    let title = format!(
        "Demande {}",
        plan_de_classement::NumeroUnique::parse(&d.numero_unique)
            .map_or(d.numero_unique.clone(), |n| n.spaced())
    );
    page(&caller, &title, body)
}

fn demande_url(numero: &str) -> String {
    format!("/consultation/demandes/{}", urlencode(numero))
}

/// `POST /consultation/demandes/{numero}/pieces`
pub async fn deposit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(numero): Path<String>,
    m: Multipart,
) -> Response {
    let outcome = async {
        let form = pieces::read_deposit(m).await?;
        caller.check_csrf(form.csrf.as_deref())?;
        pieces::deposit(&state, &caller, &numero, form).await?;
        Ok("Pièce déposée : elle est en cours de traitement.".to_string())
    }
    .await;
    back(&demande_url(&numero), outcome)
}

/// Where to go back after an action on a piece: its demande's page when the caller may see the
/// piece there, the search page otherwise — whether the piece is missing, refused, or the form
/// failed its CSRF check, so that the answer tells nothing of a piece one may not see.
async fn demande_of(state: &AppState, caller: &Caller, id: Uuid) -> String {
    state
        .db
        .piece(id)
        .await
        .ok()
        .flatten()
        .filter(|p| {
            p.status != "deleted" && authorize(&caller.actor, Action::ListPiece, &piece_target(p))
        })
        .and_then(|p| p.demande)
        .map_or_else(|| "/consultation".to_string(), |d| demande_url(&d))
}

#[derive(Deserialize)]
pub struct QualificationForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    #[serde(rename = "type")]
    type_code: Option<String>,
    indice: Option<String>,
    date_fin_validite: Option<String>,
}

/// `POST /consultation/pieces/{id}/qualification`
pub async fn qualify(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<QualificationForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        pieces::qualify_piece(
            &state,
            &caller,
            id,
            f.type_code,
            f.indice,
            f.date_fin_validite,
        )
        .await?;
        Ok("Qualification enregistrée.".to_string())
    }
    .await;
    back(&demande_of(&state, &caller, id).await, outcome)
}

#[derive(Deserialize)]
pub struct ReasonForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    motif: Option<String>,
}

/// `POST /consultation/pieces/{id}/suppression`
pub async fn delete(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<ReasonForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        pieces::quarantine_piece(&state, &caller, id, f.motif.unwrap_or_default()).await?;
        Ok("Pièce mise en quarantaine.".to_string())
    }
    .await;
    back(&demande_of(&state, &caller, id).await, outcome)
}

/// `POST /consultation/pieces/{id}/restauration`
pub async fn restore(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<Uuid>,
    Form(f): Form<ReasonForm>,
) -> Response {
    let outcome = async {
        caller.check_csrf(Some(&f.csrf))?;
        pieces::restore_piece(&state, &caller, id).await?;
        Ok("Pièce restaurée.".to_string())
    }
    .await;
    back(&demande_of(&state, &caller, id).await, outcome)
}

/// `GET /consultation/demandes/{numero}/journal`
pub async fn journal(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(numero): Path<String>,
    Query(q): Query<JournalQuery>,
) -> Response {
    let (d, rows) = match pieces::journal_rows(&state, &caller, &numero, &q).await {
        Ok(v) => v,
        Err(e) => return error_page(e),
    };
    let plan = crate::plan();
    let sel = |v: &Option<String>, code: &str| {
        if v.as_deref() == Some(code) {
            " selected"
        } else {
            ""
        }
    };
    let categories: String = plan
        .categories
        .iter()
        .map(|c| {
            format!(
                "<option value=\"{0}\"{1}>{2}</option>",
                c.code.as_str(),
                sel(&q.categorie, c.code.as_str()),
                esc(&c.label)
            )
        })
        .collect();
    let events: String = [
        "creation",
        "modification",
        "suppression",
        "mise_en_quarantaine",
        "restauration",
        "consultation",
    ]
    .iter()
    .map(|e| {
        format!(
            "<option value=\"{e}\"{}>{}</option>",
            sel(&q.evenement, e),
            event_label(e)
        )
    })
    .collect();
    let query = format!(
        "categorie={}&type={}&evenement={}&du={}&au={}",
        urlencode(q.categorie.as_deref().unwrap_or_default()),
        urlencode(q.type_code.as_deref().unwrap_or_default()),
        urlencode(q.evenement.as_deref().unwrap_or_default()),
        urlencode(q.du.as_deref().unwrap_or_default()),
        urlencode(q.au.as_deref().unwrap_or_default()),
    );
    let mut body = format!(
        "<p><a href=\"{back}\">← Retour à la demande</a></p>\
         <form method=\"get\" class=\"filters\" aria-label=\"Filtres du journal\">\
         <div><label for=\"f-cat\">Catégorie</label><select id=\"f-cat\" name=\"categorie\"><option value=\"\">toutes</option>{categories}</select></div>\
         <div><label for=\"f-type\">Type</label><select id=\"f-type\" name=\"type\">{types}</select></div>\
         <div><label for=\"f-ev\">Événement</label><select id=\"f-ev\" name=\"evenement\"><option value=\"\">tous</option>{events}</select></div>\
         <div><label for=\"f-du\">Du</label><input type=\"date\" id=\"f-du\" name=\"du\" value=\"{du}\"></div>\
         <div><label for=\"f-au\">Au</label><input type=\"date\" id=\"f-au\" name=\"au\" value=\"{au}\"></div>\
         <div><button type=\"submit\">Filtrer</button></div></form>\
         <p><a class=\"button secondary\" id=\"export-csv\" href=\"/api/demandes/{n}/journal.csv?{query}\">Exporter en CSV</a></p>",
        back = demande_url(&d.numero_unique),
        n = esc(&d.numero_unique),
        types = type_options(q.type_code.as_deref(), Some("tous")),
        du = esc(q.du.as_deref().unwrap_or_default()),
        au = esc(q.au.as_deref().unwrap_or_default()),
        query = esc(&query),
    );
    if rows.is_empty() {
        body += "<p class=\"muted\">Aucun événement ne correspond à ces filtres.</p>";
    } else {
        body += "<table id=\"journal\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Événement</th><th scope=\"col\">Pièce</th>\
                 <th scope=\"col\">Acteur</th><th scope=\"col\">Détails</th></tr></thead><tbody>";
        for r in &rows {
            body += &format!(
                "<tr><td>{}</td><td>{}</td><td>{} <span class=\"muted\">{}</span></td><td>{}{}</td><td>{}</td></tr>",
                datetime_fr(r.at),
                event_label(&r.event),
                esc(&r
                    .type_code
                    .as_deref()
                    .and_then(|t| plan_de_classement::TypeCode::parse(t).ok())
                    .and_then(|t| plan.piece_type(&t))
                    .map(|t| t.label.clone())
                    .unwrap_or_default()),
                esc(r.type_code.as_deref().unwrap_or_default()),
                esc(&r.actor),
                r.actor_guichet.as_deref().map(|g| format!(" ({})", esc(g))).unwrap_or_default(),
                esc(&pieces::describe(r)),
            );
        }
        body += "</tbody></table>";
    }
    page(
        &caller,
        &format!(
            "Journal de la demande {}",
            crate::html::numero(&d.numero_unique)
        ),
        body,
    )
}

impl SearchQuery {
    fn numero_unique_given(&self) -> bool {
        self.numero_unique
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty())
    }
    fn nom_given(&self) -> bool {
        self.nom.as_deref().is_some_and(|n| !n.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_household_table_is_escaped_and_absent_when_empty() {
        assert_eq!(menage_table(&[]), "");
        let t = menage_table(&[MembreMenage {
            lien: Lien::Enfant,
            nom: "<script>DUPONT".into(),
            prenom: "Léa & Zoé".into(),
            date_naissance: chrono::NaiveDate::from_ymd_opt(2010, 9, 1).unwrap(),
        }]);
        assert!(t.contains("<h2>Ménage déclaré</h2>"), "{t}");
        assert!(t.contains("<td>Enfant</td>"), "{t}");
        assert!(
            t.contains("&lt;script&gt;DUPONT") && !t.contains("<script>"),
            "{t}"
        );
        assert!(t.contains("<td>01/09/2010</td>"), "{t}");
    }
}
