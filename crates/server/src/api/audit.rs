//! `GET /audit`: the administrator reads the audit trail, newest first.

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

/// `?entity=filing|enterprise&page=&per_page=`.
#[derive(Debug, Default, Deserialize)]
struct AuditQuery {
    entity: Option<String>,
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
        Some("filing") => Some(AuditEntity::Filing),
        Some("enterprise") => Some(AuditEntity::Enterprise),
        Some("trust_list") => Some(AuditEntity::TrustList),
        Some(_) => return Err(ApiError::invalid("entity", "审计对象类型不正确")),
    };
    let page = ListQuery {
        status: None,
        page: query.page,
        per_page: query.per_page,
    }
    .page()?;
    let paged = state
        .db
        .call(move |conn| Ok(audit::list(conn, entity, page)?))
        .await?;
    Ok(Json(paged))
}
