//! `/enterprises`: the administrator lists enterprises and grants or withdraws `auto_review`;
//! an enterprise operator reads its own (to foresee its review path).

use axum::extract::{Path, Query, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use charterpass_core::filing_api::{AutoReviewChange, EnterpriseView, Paged};
use charterpass_core::role::Role;

use crate::api::json::JsonBody;
use crate::api::paging::ListQuery;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::enterprises;

/// The enterprise routes (administrator only).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enterprises", get(list))
        .route("/enterprises/{id}", get(read))
        .route("/enterprises/{id}/auto-review", put(set_auto_review))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Paged<EnterpriseView>>, ApiError> {
    user.require(Role::Admin)?;
    let page = query.page()?;
    let paged = state
        .db
        .call(move |conn| Ok(enterprises::list(conn, page)?))
        .await?;
    Ok(Json(paged))
}

/// One enterprise: the administrator reads any, an operator only its own (else 404).
async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<EnterpriseView>, ApiError> {
    match user.role {
        Role::Admin => {}
        Role::Enterprise if user.enterprise_id == Some(id) => {}
        Role::Enterprise => return Err(ApiError::NotFound),
        _ => return Err(ApiError::Forbidden),
    }
    let view = state
        .db
        .call(move |conn| enterprises::find(conn, id)?.ok_or(ApiError::NotFound))
        .await?;
    Ok(Json(view))
}

async fn set_auto_review(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(change): JsonBody<AutoReviewChange>,
) -> Result<Json<EnterpriseView>, ApiError> {
    user.require(Role::Admin)?;
    let reason = change
        .checked_reason()
        .map_err(|message| ApiError::invalid("reason", message))?
        .to_owned();
    let view = state
        .db
        .call(move |conn| {
            enterprises::set_auto_review(conn, user.id, id, change.auto_review, &reason)
        })
        .await?;
    Ok(Json(view))
}
