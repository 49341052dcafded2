//! `/filings`: enterprises create, edit, submit and cancel their filings; enterprises and
//! reviewers list and read the filings of their jurisdiction.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use charterpass_core::booking;
use charterpass_core::filing::{self, Context, FieldError, FilingInput, FilingStatus};
use charterpass_core::filing_api::{FilingView, Paged};
use charterpass_core::review::{self, ReviewFacts};
use charterpass_core::role::Role;
use rusqlite::Connection;

use crate::api::json::JsonBody;
use crate::api::paging::ListQuery;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::filings::{self as store, Jurisdiction, Transition};
use crate::store::{enterprises, fleet};

/// The filing routes; the decision route lives in `review.rs`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/filings", get(list).post(create))
        .route("/filings/{id}", get(read).put(edit))
        .route("/filings/{id}/submit", post(submit))
        .route("/filings/{id}/cancel", post(cancel))
        .route("/filings/{id}/reopen", post(reopen))
}

/// The jurisdiction of a user who may see filings; 403 for everyone else.
pub fn jurisdiction(user: &CurrentUser) -> Result<Jurisdiction, ApiError> {
    Jurisdiction::of(user).ok_or(ApiError::Forbidden)
}

/// The enterprise of an enterprise operator; 403 for everyone else.
fn own_enterprise(user: &CurrentUser) -> Result<i64, ApiError> {
    user.require(Role::Enterprise)?;
    user.enterprise_id.ok_or(ApiError::Forbidden)
}

fn first_error(errors: Vec<FieldError>) -> ApiError {
    match errors.into_iter().next() {
        Some(error) => ApiError::invalid(error.field, error.message),
        None => ApiError::invalid("body", "备案内容不正确"),
    }
}

/// Reads filing `id` in `jurisdiction`, or 404.
pub fn found(
    conn: &Connection,
    jurisdiction: &Jurisdiction,
    id: i64,
) -> Result<FilingView, ApiError> {
    store::find(conn, jurisdiction, id)?.ok_or(ApiError::NotFound)
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Paged<FilingView>>, ApiError> {
    let jurisdiction = jurisdiction(&user)?;
    let default = match jurisdiction {
        Jurisdiction::Prefecture(_) => Some(FilingStatus::PendingReview),
        Jurisdiction::Enterprise(_) => None,
    };
    let status = query.status(default)?;
    let page = query.page()?;
    let paged = state
        .db
        .call(move |conn| Ok(store::list(conn, &jurisdiction, status, page)?))
        .await?;
    Ok(Json(paged))
}

async fn read(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<FilingView>, ApiError> {
    let jurisdiction = jurisdiction(&user)?;
    let view = state
        .db
        .call(move |conn| found(conn, &jurisdiction, id))
        .await?;
    Ok(Json(view))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(input): JsonBody<FilingInput>,
) -> Result<(StatusCode, Json<FilingView>), ApiError> {
    let enterprise_id = own_enterprise(&user)?;
    let view = state
        .db
        .call(move |conn| {
            let fleet = fleet::of(conn, enterprise_id)?;
            filing::validate_draft(&input, &fleet).map_err(first_error)?;
            let id = store::create_draft(conn, user.id, enterprise_id, &input)?;
            found(conn, &Jurisdiction::Enterprise(enterprise_id), id)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

async fn edit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(input): JsonBody<FilingInput>,
) -> Result<Json<FilingView>, ApiError> {
    let enterprise_id = own_enterprise(&user)?;
    let view = state
        .db
        .call(move |conn| {
            let jurisdiction = Jurisdiction::Enterprise(enterprise_id);
            found(conn, &jurisdiction, id)?;
            let fleet = fleet::of(conn, enterprise_id)?;
            filing::validate_draft(&input, &fleet).map_err(first_error)?;
            if !store::update_draft(conn, id, &input)? {
                return Err(ApiError::Conflict("只有草稿可以修改".into()));
            }
            found(conn, &jurisdiction, id)
        })
        .await?;
    Ok(Json(view))
}

/// Submits a draft: the rules are checked again here with the same `core` functions as in the
/// form (the server's clock, the enterprise's prefecture as home end, its vehicles' and drivers'
/// documents and whether it is disabled), then the vehicle and drivers
/// against the enterprise's other active trips, then the review path is taken with the
/// enterprise's permission as it is now, all in one transaction.
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<FilingView>, ApiError> {
    let enterprise_id = own_enterprise(&user)?;
    let view = state
        .db
        .call(move |conn| {
            let jurisdiction = Jurisdiction::Enterprise(enterprise_id);
            let current = found(conn, &jurisdiction, id)?;
            if current.status != FilingStatus::Draft {
                return Err(ApiError::Conflict("该备案已提交，不能重复提交".into()));
            }
            let fleet = fleet::of(conn, enterprise_id)?;
            let context = Context {
                fleet: &fleet,
                home_prefecture: Some(&current.prefecture_code),
                now: chrono::Utc::now().timestamp(),
                enterprise_disabled: enterprises::disabled(conn, enterprise_id)?,
            };
            filing::validate(&current.input, &context).map_err(first_error)?;
            let tx = conn.transaction()?;
            let auto_review = enterprises::auto_review(&tx, enterprise_id)?;
            let (Some(facts), Some(trip)) = (
                ReviewFacts::of(&current.input, auto_review),
                filing::booking_of(&current.number, &current.input, &current.drivers),
            ) else {
                return Err(ApiError::Internal(
                    "validated filing lacks kind, distance, vehicle or times".into(),
                ));
            };
            let others = store::bookings(&tx, enterprise_id, id)?;
            booking::check(&trip, &others)
                .map_err(|conflict| ApiError::invalid(conflict.field(), conflict.to_string()))?;
            let submitted = Transition {
                id,
                from: FilingStatus::Draft,
                to: FilingStatus::Submitted,
                user_id: Some(user.id),
                reason: None,
            };
            if !store::transition(&tx, &submitted)? {
                return Err(ApiError::Conflict("该备案已提交，不能重复提交".into()));
            }
            store::set_manual_reasons(&tx, id, &review::manual_reasons(&facts))?;
            let reviewed = Transition {
                id,
                from: FilingStatus::Submitted,
                to: FilingStatus::from(review::review_path(&facts)),
                user_id: None,
                reason: None,
            };
            store::transition(&tx, &reviewed)?;
            tx.commit()?;
            found(conn, &jurisdiction, id)
        })
        .await?;
    Ok(Json(view))
}

/// Reopens a rejected filing as a draft, so the enterprise corrects it and submits again;
/// the rejection's reason stays on the filing and in the audit trail.
async fn reopen(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<FilingView>, ApiError> {
    move_own_filing(
        state,
        user,
        id,
        FilingStatus::Draft,
        |_| "只有被驳回的备案可以重新编辑".into(),
        |_, _| Ok(()),
    )
    .await
}

/// Cancels a filing; the filing and its certificate fall together, so a cancelled trip never
/// keeps a certificate that verifies as in force online.
async fn cancel(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<FilingView>, ApiError> {
    move_own_filing(
        state,
        user,
        id,
        FilingStatus::Cancelled,
        |from| format!("{}的备案不能撤销", from.label()),
        |tx, id| {
            crate::issuance::revoke_of_filing(
                tx,
                id,
                crate::issuance::FILING_CANCELLED,
                chrono::Utc::now(),
            )?;
            Ok(())
        },
    )
    .await
}

/// Moves the caller's own filing to `to` where its status allows, with `also` in the same
/// transaction; 409 with `refused(status)` when the status does not allow it.
async fn move_own_filing(
    state: AppState,
    user: CurrentUser,
    id: i64,
    to: FilingStatus,
    refused: fn(FilingStatus) -> String,
    also: fn(&Connection, i64) -> Result<(), ApiError>,
) -> Result<Json<FilingView>, ApiError> {
    let enterprise_id = own_enterprise(&user)?;
    let view = state
        .db
        .call(move |conn| {
            let jurisdiction = Jurisdiction::Enterprise(enterprise_id);
            let current = found(conn, &jurisdiction, id)?;
            if !current.status.can_become(to) {
                return Err(ApiError::Conflict(refused(current.status)));
            }
            let change = Transition {
                id,
                from: current.status,
                to,
                user_id: Some(user.id),
                reason: None,
            };
            let tx = conn.transaction()?;
            if !store::transition(&tx, &change)? {
                return Err(ApiError::Conflict("备案状态已变化，请刷新后重试".into()));
            }
            also(&tx, id)?;
            tx.commit()?;
            found(conn, &jurisdiction, id)
        })
        .await?;
    Ok(Json(view))
}
