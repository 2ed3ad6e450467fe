#![doc = include_str!("../README.md")]

pub mod error;
pub mod outbox;
pub mod routes;
pub mod state;

pub use state::AppState;

/// The application's routes.
pub fn app(state: AppState) -> axum::Router {
    use axum::routing::{get, post};
    axum::Router::new()
        .route("/health", get(routes::health::get))
        .route("/batches", post(routes::batches::create))
        .route("/batches/{id}", get(routes::batches::status))
        .with_state(state)
}
