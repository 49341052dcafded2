//! `GET /health`: the server is up, and which version it runs.

use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::session::Health;

use crate::state::AppState;

/// The health route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
