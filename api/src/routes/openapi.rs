//! The OpenAPI document of the JSON API, generated from the handlers (utoipa), served at
//! `/api/openapi.json`.

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes::{pieces, review};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dossier unique — API des pièces justificatives",
        description = "API des portails et des systèmes des guichets (canal « web services »). \
            Authentification : jeton du guichet en en-tête `Authorization: Bearer …`, ou cookie de session \
            (les requêtes qui modifient exigent alors l'en-tête `X-CSRF-Token`). Un accès refusé répond \
            comme une ressource absente (404).",
        version = "1"
    ),
    paths(
        crate::pages::login::mobile_session,
        pieces::search, pieces::demande, pieces::piece, pieces::file, pieces::create, pieces::qualify,
        pieces::quarantine, pieces::restore, pieces::journal, pieces::journal_csv,
        review::batches, review::replay, review::dead_letters, review::replay_dead, review::dismiss_dead, review::review, review::attach, review::reject, review::thumbnail, review::cover, review::resplit,
    ),
    modifiers(&Bearer),
    security(("jeton" = []))
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "jeton",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/openapi.json`
pub async fn get() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
