//! The administrator's enterprises, their automatic-review permission, and the audit trail.

use charterpass_core::filing_api::{
    AuditEntity, AuditEntry, AutoReviewChange, EnterpriseView, Paged, DEFAULT_PER_PAGE,
};

use super::ApiError;

/// One page of the enterprises.
pub async fn list(page: u32) -> Result<Paged<EnterpriseView>, ApiError> {
    super::get(&format!(
        "/enterprises?page={page}&per_page={DEFAULT_PER_PAGE}"
    ))
    .await
}

/// Grants or withdraws the permission, with a reason.
pub async fn set_auto_review(
    id: i64,
    change: &AutoReviewChange,
) -> Result<EnterpriseView, ApiError> {
    super::send("PUT", &format!("/enterprises/{id}/auto-review"), change).await
}

/// One page of the audit trail, newest first, optionally about one kind of thing and by one
/// person (user name).
pub async fn audit(
    entity: Option<AuditEntity>,
    actor: &str,
    page: u32,
) -> Result<Paged<AuditEntry>, ApiError> {
    let entity = entity.map_or("", AuditEntity::as_str);
    let actor = String::from(js_sys::encode_uri_component(actor.trim()));
    super::get(&format!(
        "/audit?entity={entity}&actor={actor}&page={page}&per_page={DEFAULT_PER_PAGE}"
    ))
    .await
}
