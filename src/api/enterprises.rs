//! The administrator's enterprises, their automatic-review permission, and the audit trail.

use charterpass_core::filing_api::{
    AuditEntry, AutoReviewChange, EnterpriseView, Paged, DEFAULT_PER_PAGE,
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

/// One page of the audit trail, newest first.
pub async fn audit(page: u32) -> Result<Paged<AuditEntry>, ApiError> {
    super::get(&format!("/audit?page={page}&per_page={DEFAULT_PER_PAGE}")).await
}
