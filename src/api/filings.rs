//! Filings, the enterprise's fleet, and reviewers' decisions.

use charterpass_core::filing::{Driver, FilingInput, Vehicle};
use charterpass_core::filing_api::{
    DecisionRequest, EnterpriseView, FilingView, Paged, DEFAULT_PER_PAGE,
};

use super::ApiError;

/// The enterprise's registered vehicles.
pub async fn vehicles() -> Result<Vec<Vehicle>, ApiError> {
    super::get("/vehicles").await
}

/// The enterprise's registered drivers (numbers masked).
pub async fn drivers() -> Result<Vec<Driver>, ApiError> {
    super::get("/drivers").await
}

/// The signed-in operator's own enterprise, with its automatic-review permission.
pub async fn own_enterprise(id: i64) -> Result<EnterpriseView, ApiError> {
    super::get(&format!("/enterprises/{id}")).await
}

/// One page of the filings of the caller's jurisdiction with `status` (a status name or `all`).
pub async fn list(status: &str, page: u32) -> Result<Paged<FilingView>, ApiError> {
    super::get(&format!(
        "/filings?status={status}&page={page}&per_page={DEFAULT_PER_PAGE}"
    ))
    .await
}

/// Saves a new draft.
pub async fn create(input: &FilingInput) -> Result<FilingView, ApiError> {
    super::send("POST", "/filings", input).await
}

/// Saves changes to a draft.
pub async fn update(id: i64, input: &FilingInput) -> Result<FilingView, ApiError> {
    super::send("PUT", &format!("/filings/{id}"), input).await
}

/// Submits a draft; the server takes the review path.
pub async fn submit(id: i64) -> Result<FilingView, ApiError> {
    super::send("POST", &format!("/filings/{id}/submit"), &super::Empty {}).await
}

/// Cancels a filing.
pub async fn cancel(id: i64) -> Result<FilingView, ApiError> {
    super::send("POST", &format!("/filings/{id}/cancel"), &super::Empty {}).await
}

/// Reopens a rejected filing as a draft.
pub async fn reopen(id: i64) -> Result<FilingView, ApiError> {
    super::send("POST", &format!("/filings/{id}/reopen"), &super::Empty {}).await
}

/// A reviewer approves or rejects.
pub async fn decide(id: i64, request: &DecisionRequest) -> Result<FilingView, ApiError> {
    super::send("POST", &format!("/filings/{id}/decision"), request).await
}
