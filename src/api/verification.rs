//! The inspector's API calls: trust list, online status, verification log and appeals; feedback.

use charterpass_core::verification::{
    Appeal, CertificateStatus, NewAppeal, NewVerification, Resolution,
};
use serde::Deserialize;

use super::ApiError;

/// The current signed trust list, as bytes to be checked against the pinned root.
pub async fn trust_list() -> Result<Vec<u8>, ApiError> {
    super::get_bytes("/trust-list").await
}

/// The online status of certificate `number` (only letters, digits and `-` reach here).
pub async fn status(number: &str) -> Result<CertificateStatus, ApiError> {
    super::get(&format!("/certificates/{number}/status")).await
}

/// What the inspector's page reads of a record it created (the verification, the appeal): its
/// id. The rest of the answer is not decoded, which keeps its decoder out of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Created {
    /// The new record's id.
    pub id: i64,
}

/// Records a verification made on this page.
pub async fn record(new: &NewVerification) -> Result<Created, ApiError> {
    super::send("POST", "/verifications", new).await
}

/// Lodges an appeal against a recorded verification.
pub async fn lodge(new: &NewAppeal) -> Result<Created, ApiError> {
    super::send("POST", "/appeals", new).await
}

/// The appeals the signed-in person may see (`?status=open` when `open_only`).
pub async fn appeals(open_only: bool) -> Result<Vec<Appeal>, ApiError> {
    super::get(if open_only {
        "/appeals?status=open"
    } else {
        "/appeals"
    })
    .await
}

/// Resolves an appeal (administrator).
pub async fn resolve(id: i64, resolution: &Resolution) -> Result<Appeal, ApiError> {
    super::send("POST", &format!("/appeals/{id}/resolution"), resolution).await
}
