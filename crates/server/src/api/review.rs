//! `POST /filings/{id}/decision`: a reviewer of the filing's prefecture approves or rejects it.
//!
//! A filing of another prefecture answers 404, as if it did not exist (jurisdictions do not
//! learn of each other's filings). Of two reviewers deciding at once exactly one wins; the
//! other gets 409, because the update only applies while the status is `pending_review`.
//! An approval after the trip's departure is refused (422 naming `departure_at`): 备案 comes
//! before the trip; a rejection stays possible.

use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::{DecisionRequest, FilingView};
use charterpass_core::review::Decision;
use charterpass_core::role::Role;
use charterpass_core::timing;

use crate::api::filings::found;
use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::filings::{self as store, Jurisdiction, Transition};

/// The decision route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/filings/{id}/decision", post(decide))
}

const ALREADY_DECIDED: &str = "该备案已被处理，不在待人工审核状态";

async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(request): JsonBody<DecisionRequest>,
) -> Result<Json<FilingView>, ApiError> {
    user.require(Role::Reviewer)?;
    let prefecture = user.prefecture_code.clone().ok_or(ApiError::Forbidden)?;
    let decision = request
        .decision()
        .map_err(|err| ApiError::invalid("reason", err.to_string()))?;
    let view = state
        .db
        .call(move |conn| {
            let jurisdiction = Jurisdiction::Prefecture(prefecture);
            let current = found(conn, &jurisdiction, id)?;
            if current.status != FilingStatus::PendingReview {
                return Err(ApiError::Conflict(ALREADY_DECIDED.into()));
            }
            if let (Decision::Approve, Some(departure)) = (&decision, current.input.departure_at) {
                timing::approvable(&departure, chrono::Utc::now().timestamp())
                    .map_err(|e| ApiError::invalid(e.field(), e.to_string()))?;
            }
            let (to, reason) = match &decision {
                Decision::Approve => (FilingStatus::Approved, None),
                Decision::Reject { reason } => (FilingStatus::Rejected, Some(reason.as_str())),
            };
            let decided = Transition {
                id,
                from: FilingStatus::PendingReview,
                to,
                user_id: Some(user.id),
                reason,
            };
            if !store::transition(conn, &decided)? {
                return Err(ApiError::Conflict(ALREADY_DECIDED.into()));
            }
            found(conn, &jurisdiction, id)
        })
        .await?;
    Ok(Json(view))
}
