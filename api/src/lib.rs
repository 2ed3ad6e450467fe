#![doc = include_str!("../README.md")]

pub mod auth;
pub mod authz;
pub mod cli;
pub mod error;
pub mod html;
pub mod mail;
pub mod outbox;
pub mod pages;
pub mod routes;
pub mod state;

pub use state::AppState;

/// The plan de classement, parsed once.
pub fn plan() -> &'static plan_de_classement::Plan {
    static PLAN: std::sync::OnceLock<plan_de_classement::Plan> = std::sync::OnceLock::new();
    PLAN.get_or_init(plan_de_classement::Plan::bundled)
}

/// Body limit of the multipart deposit routes: a little over the upload limit, so a deposit
/// just above it gets the French message rather than a bare 413.
const DEPOSIT_BODY_LIMIT: usize = routes::pieces::UPLOAD_MAX_BYTES + 1024 * 1024;

/// The application's routes.
pub fn app(state: AppState) -> axum::Router {
    use axum::extract::DefaultBodyLimit;
    use axum::routing::{get, post};
    use pages::{code, consultation, login, pro, public};
    use routes::{batches, health, openapi, pieces, review};
    let deposits = axum::Router::new()
        .route("/api/demandes/{numero}/pieces", post(pieces::create))
        .route("/demandeur/pieces", post(public::upload))
        .route(
            "/consultation/demandes/{numero}/pieces",
            post(consultation::deposit),
        )
        .layer(DefaultBodyLimit::max(DEPOSIT_BODY_LIMIT));
    axum::Router::new()
        .route("/health", get(health::get))
        .route("/batches", post(batches::create))
        .route("/batches/{id}", get(batches::status))
        // JSON API
        .route("/api/openapi.json", get(openapi::get))
        .route("/api/demandes", get(pieces::search))
        .route("/api/mobile/session", post(login::mobile_session))
        .route("/api/demandes/{numero}", get(pieces::demande))
        .route("/api/demandes/{numero}/journal", get(pieces::journal))
        .route(
            "/api/demandes/{numero}/journal.csv",
            get(pieces::journal_csv),
        )
        .route(
            "/api/pieces/{id}",
            get(pieces::piece).patch(pieces::qualify),
        )
        .route("/api/pieces/{id}/fichier", get(pieces::file))
        .route("/api/pieces/{id}/vignette", get(review::thumbnail))
        .route("/api/pieces/{id}/quarantaine", post(pieces::quarantine))
        .route("/api/pieces/{id}/restauration", post(pieces::restore))
        .route("/api/pieces/{id}/rejet", post(review::reject))
        .route("/api/lots", get(review::batches))
        .route("/api/lots/{id}/relance", post(review::replay))
        .route("/api/echecs", get(review::dead_letters))
        .route("/api/echecs/{id}/relance", post(review::replay_dead))
        .route("/api/echecs/{id}/classement", post(review::dismiss_dead))
        .route("/api/revue", get(review::review))
        .route("/api/plis/{id}/rattachement", post(review::attach))
        .route("/api/plis/{id}/couverture", get(review::cover))
        .route("/api/plis/{id}/decoupage", post(review::resplit))
        // Pages
        .route("/", get(pages::home))
        .route("/static/portail.css", get(pages::css))
        .route("/static/portail.js", get(pages::js))
        .route(
            "/connexion",
            get(login::staff_form).post(login::staff_login),
        )
        .route("/deconnexion", post(login::logout))
        .route(
            "/demandeur/connexion",
            get(login::applicant_form).post(login::applicant_login),
        )
        .route("/demandeur/code", get(code::form).post(code::request))
        .route("/demandeur", get(public::home))
        .route("/demandeur/pieces/{id}/suppression", post(public::delete))
        .route("/consultation", get(consultation::search))
        .route(
            "/consultation/demandes/{numero}",
            get(consultation::demande),
        )
        .route(
            "/consultation/demandes/{numero}/journal",
            get(consultation::journal),
        )
        .route(
            "/consultation/pieces/{id}/qualification",
            post(consultation::qualify),
        )
        .route(
            "/consultation/pieces/{id}/suppression",
            post(consultation::delete),
        )
        .route(
            "/consultation/pieces/{id}/restauration",
            post(consultation::restore),
        )
        .route("/pro/lots", get(pro::batches))
        .route("/pro/revue", get(pro::queue))
        .route("/pro/lots/{id}/relance", post(pro::replay))
        .route("/pro/echecs", get(pro::dead_letters))
        .route("/pro/echecs/{id}/relance", post(pro::replay_dead))
        .route("/pro/echecs/{id}/classement", post(pro::dismiss_dead))
        .route("/pro/plis/{id}/rattachement", post(pro::attach))
        .route("/pro/plis/{id}/decoupage", post(pro::resplit))
        .route("/pro/pieces/{id}/type", post(pro::set_type))
        .route("/pro/pieces/{id}/rejet", post(pro::reject))
        .merge(deposits)
        .layer(axum::middleware::from_fn(pages::clear_flash))
        .with_state(state)
}
