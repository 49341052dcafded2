//! Issuing, revoking and printing plates; the driver's tasks and certificate; adoption figures.

use charterpass_core::issuance::{
    Adoption, DriverCertificate, IssuedCertificate, PaperPlate, PlateEntry, Revocation,
};

use super::ApiError;

/// The signed-in enterprise's approved filings with their certificates.
pub async fn plates() -> Result<Vec<PlateEntry>, ApiError> {
    super::get("/plates").await
}

/// Issues the filing's certificate to its drivers (电子牌下发).
pub async fn issue(filing_id: i64) -> Result<IssuedCertificate, ApiError> {
    let path = format!("/filings/{filing_id}/certificate");
    super::send("POST", &path, &serde_json::json!({})).await
}

/// Revokes a certificate with a reason.
pub async fn revoke(number: &str, reason: String) -> Result<IssuedCertificate, ApiError> {
    let path = format!("/certificates/{number}/revocation");
    super::send("POST", &path, &Revocation { reason }).await
}

/// The printable paper plate of a filing.
pub async fn paper_plate(filing_id: i64) -> Result<PaperPlate, ApiError> {
    super::get(&format!("/filings/{filing_id}/paper-plate")).await
}

/// The driver's trips waiting to be received.
pub async fn tasks() -> Result<Vec<DriverCertificate>, ApiError> {
    super::get("/driver/tasks").await
}

/// Confirms receipt of a certificate (确认接收).
pub async fn accept(number: &str) -> Result<DriverCertificate, ApiError> {
    let path = format!("/driver/tasks/{number}/acceptance");
    super::send("POST", &path, &serde_json::json!({})).await
}

/// The received certificate of the current unfinished trip.
pub async fn current() -> Result<Option<DriverCertificate>, ApiError> {
    super::get("/driver/certificate").await
}

/// Adoption by prefecture (administrator).
pub async fn adoption() -> Result<Adoption, ApiError> {
    super::get("/adoption").await
}
