//! `/enterprises`: the administrator registers, edits, disables, imports and lists enterprises
//! and grants or withdraws `auto_review`; an enterprise operator reads its own (to foresee its
//! review path).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use charterpass_core::filing_api::{
    AutoReviewChange, EnterpriseView, Paged, PERMISSION_REASON_MAX_CHARS,
};
use charterpass_core::master_data::enterprise::EnterpriseInput;
use charterpass_core::master_data::import::{self, ImportKind, ImportReport};
use charterpass_core::role::Role;
use serde::Deserialize;

use crate::api::import::{body_limit, file_error, CsvUpload, ImportQuery};
use crate::api::json::JsonBody;
use crate::api::master_data::{checked, SearchQuery};
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::enterprises::{self, Enterprises};
use crate::store::register;

/// The enterprise routes (administrator only, but for an operator reading its own).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enterprises", get(list).post(create))
        .route("/enterprises/{id}", get(read).put(update))
        .route("/enterprises/{id}/auto-review", put(set_auto_review))
        .route("/enterprises/{id}/disable", post(disable))
        .route("/enterprises/{id}/enable", post(enable))
        .route("/enterprises/template", get(template))
        .route("/enterprises/import", post(import_file).layer(body_limit()))
}

/// `?q=` searches names (containing) and credit codes (starting with).
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Paged<EnterpriseView>>, ApiError> {
    user.require(Role::Admin)?;
    let (search, page) = query.checked()?;
    let paged = state
        .db
        .call(move |conn| Ok(enterprises::list(conn, search.as_deref(), page)?))
        .await?;
    Ok(Json(paged))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(input): JsonBody<EnterpriseInput>,
) -> Result<(StatusCode, Json<EnterpriseView>), ApiError> {
    user.require(Role::Admin)?;
    let fields = checked(input.check())?;
    let view = state
        .db
        .call(move |conn| register::create::<Enterprises>(conn, user.id, (), &fields))
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}

async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(input): JsonBody<EnterpriseInput>,
) -> Result<Json<EnterpriseView>, ApiError> {
    user.require(Role::Admin)?;
    let fields = checked(input.check())?;
    let view = state
        .db
        .call(move |conn| register::update::<Enterprises>(conn, user.id, (), id, &fields))
        .await?;
    Ok(Json(view))
}

/// The body of `/disable` and `/enable`: why, for the audit trail.
#[derive(Debug, Deserialize)]
struct ReasonBody {
    #[serde(default)]
    reason: String,
}

async fn disable(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    JsonBody(body): JsonBody<ReasonBody>,
) -> Result<Json<EnterpriseView>, ApiError> {
    set_disabled(state, user, id, true, body.reason).await
}

async fn enable(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
    JsonBody(body): JsonBody<ReasonBody>,
) -> Result<Json<EnterpriseView>, ApiError> {
    set_disabled(state, user, id, false, body.reason).await
}

async fn set_disabled(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    disabled: bool,
    reason: String,
) -> Result<Json<EnterpriseView>, ApiError> {
    user.require(Role::Admin)?;
    let reason = reason.trim().to_owned();
    if reason.is_empty() {
        return Err(ApiError::invalid("reason", "请填写原因"));
    }
    if reason.chars().count() > PERMISSION_REASON_MAX_CHARS {
        return Err(ApiError::invalid(
            "reason",
            format!("原因不能超过 {PERMISSION_REASON_MAX_CHARS} 个字"),
        ));
    }
    let view = state
        .db
        .call(move |conn| {
            register::set_out_of_service::<Enterprises>(
                conn,
                user.id,
                (),
                id,
                disabled,
                Some(&reason),
            )
        })
        .await?;
    Ok(Json(view))
}

async fn template(user: CurrentUser) -> Result<Response, ApiError> {
    user.require(Role::Admin)?;
    Ok(crate::api::import::template(ImportKind::Enterprises))
}

/// Checks the whole file, then stores it in one transaction (or reports why not).
async fn import_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ImportQuery>,
    CsvUpload(bytes): CsvUpload,
) -> Result<Json<ImportReport>, ApiError> {
    user.require(Role::Admin)?;
    let only_good = query.only_good();
    let report = state
        .db
        .call(move |conn| {
            let checked = import::enterprises(&bytes).map_err(file_error)?;
            register::import::<Enterprises>(conn, user.id, (), checked, only_good)
        })
        .await?;
    Ok(Json(report))
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
