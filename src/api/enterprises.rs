//! The administrator's enterprises, their automatic-review permission, and the audit trail.

use charterpass_core::filing_api::{AuditEntry, AutoReviewChange, EnterpriseView, Paged};

use super::ApiError;

/// Every enterprise (first 100).
pub async fn list() -> Result<Paged<EnterpriseView>, ApiError> {
    super::get("/enterprises?per_page=100").await
}

/// Grants or withdraws the permission, with a reason.
pub async fn set_auto_review(
    id: i64,
    change: &AutoReviewChange,
) -> Result<EnterpriseView, ApiError> {
    super::send("PUT", &format!("/enterprises/{id}/auto-review"), change).await
}

/// The newest 100 entries of the audit trail.
pub async fn audit() -> Result<Paged<AuditEntry>, ApiError> {
    super::get("/audit?per_page=100").await
}
