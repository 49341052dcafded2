//! `GET /trust-list`: the public keys of every recognised issuer (信任列表), for offline verifying.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::certificate::TrustList;

use crate::state::AppState;

/// The trust-list route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/trust-list", get(trust_list))
}

async fn trust_list(State(state): State<AppState>) -> Json<TrustList> {
    Json(state.keys.trust_list())
}
