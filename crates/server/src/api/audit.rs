//! `GET /audit`: the administrator reads the audit trail, newest first, filtered by entity kind
//! and by the person who made the change.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::filing_api::{AuditEntity, AuditEntry, Paged};
use charterpass_core::role::Role;
use serde::Deserialize;

use crate::api::paging::ListQuery;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::audit;

/// The audit route (administrator only).
pub fn routes() -> Router<AppState> {
    Router::new().route("/audit", get(list))
}

/// `?entity=filing|enterprise|trust_list|account|vehicle|driver&user_id=&actor=&page=&per_page=`
/// (`actor`: the user name of the person who made the change).
#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    entity: Option<String>,
    user_id: Option<String>,
    actor: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<AuditQuery>,
) -> Result<Json<Paged<AuditEntry>>, ApiError> {
    user.require(Role::Admin)?;
    let entity = match query.entity.as_deref() {
        None | Some("") => None,
        Some(name) => Some(
            AuditEntity::parse(name)
                .ok_or_else(|| ApiError::invalid("entity", "审计对象类型不正确"))?,
        ),
    };
    let user_id = match query.user_id.as_deref() {
        None | Some("") => None,
        Some(id) => Some(
            id.parse::<i64>()
                .map_err(|_| ApiError::invalid("user_id", "操作人不正确"))?,
        ),
    };
    let username = query
        .actor
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    if username.as_ref().is_some_and(|a| a.len() > 64) {
        return Err(ApiError::invalid("actor", "操作人用户名过长"));
    }
    let filter = audit::AuditFilter {
        entity,
        user_id,
        username,
    };
    let page = ListQuery {
        status: None,
        page: query.page,
        per_page: query.per_page,
    }
    .page()?;
    let paged = state
        .db
        .call(move |conn| Ok(audit::list(conn, filter, page)?))
        .await?;
    Ok(Json(paged))
}
