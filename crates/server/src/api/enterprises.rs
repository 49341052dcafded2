//! `/enterprises`: the administrator lists enterprises and grants or withdraws `auto_review`.

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
