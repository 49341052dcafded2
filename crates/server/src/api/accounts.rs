//! `/accounts`: the administrator lists, creates, edits, disables, re-enables accounts and resets
//! their passwords; `POST /fleet/drivers/{id}/account`: an enterprise operator gives one of its own
//! drivers an account; `POST /session/password`: anyone signed in changes their own password.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, patch, post};
use axum::{Json, Router};
use charterpass_core::account::{
    AccountSummary, AccountUpdate, NewAccount, OneTimePassword, PasswordChange,
};
use charterpass_core::filing_api::Paged;
use charterpass_core::role::Role;
use serde::Deserialize;

use crate::api::json::JsonBody;
use crate::api::paging::ListQuery;
use crate::api::ApiError;
use crate::auth::{CurrentUser, PendingUser};
use crate::state::AppState;
use crate::store::accounts::{self, AccountFilter};

/// Longest search text the list reads, in characters.
const MAX_SEARCH_CHARS: usize = 64;

/// The account routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list).post(create))
        .route("/accounts/{id}", patch(update))
        .route("/accounts/{id}/disable", post(disable))
        .route("/accounts/{id}/enable", post(enable))
        .route("/accounts/{id}/reset-password", post(reset_password))
        .route("/fleet/drivers/{id}/account", post(give_driver_account))
        .route("/session/password", post(change_password))
}

/// `?role=&q=&page=&per_page=`.
#[derive(Debug, Default, Deserialize)]
struct AccountQuery {
    role: Option<String>,
    q: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<AccountQuery>,
) -> Result<Json<Paged<AccountSummary>>, ApiError> {
    user.require(Role::Admin)?;
    let role = match query.role.as_deref() {
        None | Some("") => None,
        Some(name) => {
            Some(Role::parse(name).ok_or_else(|| ApiError::invalid("role", "角色不正确"))?)
        }
    };
    let search = query.q.filter(|q| !q.trim().is_empty());
    if search
        .as_ref()
        .is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS)
    {
        return Err(ApiError::invalid("q", "搜索内容过长"));
    }
    let page = ListQuery {
        status: None,
        page: query.page,
        per_page: query.per_page,
    }
    .page()?;
    let filter = AccountFilter { role, search };
    let paged = state
        .db
        .call(move |conn| Ok(accounts::list(conn, &filter, page)?))
        .await?;
    Ok(Json(paged))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(new): JsonBody<NewAccount>,
) -> Result<(StatusCode, Json<OneTimePassword>), ApiError> {
    user.require(Role::Admin)?;
    let province = state.keys.province().to_owned();
    let created = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let created = accounts::create(&tx, user.id, &province, &new)?;
            tx.commit()?;
            Ok(created)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(change): JsonBody<AccountUpdate>,
) -> Result<Json<AccountSummary>, ApiError> {
    user.require(Role::Admin)?;
    let province = state.keys.province().to_owned();
    let updated = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let updated = accounts::update(&tx, user.id, &province, id, &change)?;
            tx.commit()?;
            Ok(updated)
        })
        .await?;
    Ok(Json(updated))
}

async fn set_disabled(
    state: AppState,
    user: CurrentUser,
    id: i64,
    disabled: bool,
) -> Result<Json<AccountSummary>, ApiError> {
    user.require(Role::Admin)?;
    let account = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let account = accounts::set_disabled(&tx, user.id, id, disabled)?;
            tx.commit()?;
            Ok(account)
        })
        .await?;
    Ok(Json(account))
}

async fn disable(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<AccountSummary>, ApiError> {
    set_disabled(state, user, id, true).await
}

async fn enable(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<AccountSummary>, ApiError> {
    set_disabled(state, user, id, false).await
}

async fn reset_password(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<OneTimePassword>, ApiError> {
    user.require(Role::Admin)?;
    let reset = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let reset = accounts::reset_password(&tx, user.id, id)?;
            tx.commit()?;
            Ok(reset)
        })
        .await?;
    Ok(Json(reset))
}

async fn give_driver_account(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(driver_id): Path<i64>,
) -> Result<(StatusCode, Json<OneTimePassword>), ApiError> {
    user.require(Role::Enterprise)?;
    let enterprise_id = user.enterprise_id.ok_or(ApiError::Forbidden)?;
    let created = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let created = accounts::give_driver_account(&tx, user.id, enterprise_id, driver_id)?;
            tx.commit()?;
            Ok(created)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Allowed with a one-time password: it is how that password gets replaced.
async fn change_password(
    State(state): State<AppState>,
    PendingUser(user): PendingUser,
    JsonBody(change): JsonBody<PasswordChange>,
) -> Result<StatusCode, ApiError> {
    state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            accounts::change_password(&tx, user.id, &user.username, &change.current, &change.new)?;
            tx.commit()?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
