//! `GET /vehicles`, `GET /drivers`: the enterprise's registered fleet, for the filing form.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::filing::{Driver, Vehicle};
use charterpass_core::role::Role;

use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::fleet;

/// The fleet routes (enterprise operators only).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/vehicles", get(vehicles))
        .route("/drivers", get(drivers))
}

fn enterprise_of(user: &CurrentUser) -> Result<i64, ApiError> {
    user.require(Role::Enterprise)?;
    user.enterprise_id.ok_or(ApiError::Forbidden)
}

async fn vehicles(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Vehicle>>, ApiError> {
    let enterprise_id = enterprise_of(&user)?;
    let list = state
        .db
        .call(move |conn| Ok(fleet::vehicles(conn, enterprise_id)?))
        .await?;
    Ok(Json(list))
}

async fn drivers(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Driver>>, ApiError> {
    let enterprise_id = enterprise_of(&user)?;
    let list = state
        .db
        .call(move |conn| Ok(fleet::drivers(conn, enterprise_id)?))
        .await?;
    Ok(Json(list))
}
