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
    super::send("POST", &path, &super::Empty {}).await
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

/// A certificate the driver has received, with the JSON text it came in: the phone keeps that
/// text as it is rather than writing the certificate out again.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The certificate.
    pub certificate: DriverCertificate,
    /// Its JSON, as the server sent it.
    pub json: String,
}

/// Confirms receipt of a certificate (确认接收).
pub async fn accept(number: &str) -> Result<Received, ApiError> {
    let path = format!("/driver/tasks/{number}/acceptance");
    let json = super::send_text("POST", &path, &super::Empty {}).await?;
    let certificate = super::parse(&json)?;
    Ok(Received { certificate, json })
}

/// The received certificate of the current unfinished trip.
pub async fn current() -> Result<Option<Received>, ApiError> {
    let json = super::get_text("/driver/certificate").await?;
    let certificate: Option<DriverCertificate> = super::parse(&json)?;
    Ok(certificate.map(|certificate| Received { certificate, json }))
}

/// Adoption by prefecture (administrator).
pub async fn adoption() -> Result<Adoption, ApiError> {
    super::get("/adoption").await
}
