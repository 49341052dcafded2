//! Problem feedback (问题反馈): enterprise operators and drivers submit, the administrator reads.

use charterpass_core::verification::{Feedback, NewFeedback};

use super::ApiError;

/// Submits one problem report as the signed-in enterprise operator or driver.
pub async fn submit(new: &NewFeedback) -> Result<Feedback, ApiError> {
    super::send("POST", "/feedback", new).await
}

/// The latest reports, newest first (administrator).
pub async fn list() -> Result<Vec<Feedback>, ApiError> {
    super::get("/feedback").await
}
