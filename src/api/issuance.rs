//! Issuing, revoking and printing plates; the driver's tasks and certificate; adoption figures.

use charterpass_core::issuance::{
    Adoption, DriverCertificate, IssuedCertificate, PaperPlate, PlateEntry, Revocation,
};

use charterpass_core::certificate::CharterData;

use super::json::{self, Object};
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
    let text = super::get_text("/driver/tasks").await?;
    json::parse_objects(&text)
        .and_then(|tasks| tasks.iter().map(driver_certificate_of).collect())
        .ok_or(ApiError::Unexpected)
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
    let json = super::send_json("POST", &path, "{}".to_owned()).await?;
    let certificate = read_certificate(&json).ok_or(ApiError::Unexpected)?;
    Ok(Received { certificate, json })
}

/// The received certificate of the current unfinished trip.
pub async fn current() -> Result<Option<Received>, ApiError> {
    let json = super::get_text("/driver/certificate").await?;
    let certificate = match json::parse_nullable(&json) {
        Some(Some(certificate)) => driver_certificate_of(&certificate),
        Some(None) => return Ok(None),
        None => None,
    };
    let certificate = certificate.ok_or(ApiError::Unexpected)?;
    Ok(Some(Received { certificate, json }))
}

/// A driver's certificate read from its JSON, as the server sends it and the phone keeps it.
pub fn read_certificate(json: &str) -> Option<DriverCertificate> {
    driver_certificate_of(&json::parse_object(json)?)
}

/// The driver's certificate an object of the API describes (the shape of [`DriverCertificate`]'s
/// JSON, read without serde so that the driver's bundle carries no JSON parser).
fn driver_certificate_of(certificate: &Object) -> Option<DriverCertificate> {
    Some(DriverCertificate {
        number: certificate.text("number")?,
        text: certificate.text("text")?,
        charter: charter_of(&certificate.object("charter")?)?,
        nbf: certificate.integer("nbf")?,
        exp: certificate.integer("exp")?,
        accepted: certificate.flag("accepted")?,
    })
}

/// The charter data of a certificate's JSON.
fn charter_of(charter: &Object) -> Option<CharterData> {
    Some(CharterData {
        certificate_number: charter.text("certificate_number")?,
        filing_number: charter.text("filing_number")?,
        plate: charter.text("plate")?,
        seats: u16::try_from(charter.integer("seats")?).ok()?,
        enterprise_name: charter.text("enterprise_name")?,
        credit_code: charter.text("credit_code")?,
        origin: charter.text("origin")?,
        destination: charter.text("destination")?,
        waypoints: charter.texts("waypoints")?,
        trip_start: charter.integer("trip_start")?,
        trip_end: charter.integer("trip_end")?,
        drivers: charter.texts_or_empty("drivers")?,
    })
}

/// Adoption by prefecture (administrator).
pub async fn adoption() -> Result<Adoption, ApiError> {
    super::get("/adoption").await
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use charterpass_core::certificate::CharterData;
    use charterpass_core::issuance::DriverCertificate;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::read_certificate;

    fn certificate(drivers: Vec<String>) -> DriverCertificate {
        DriverCertificate {
            number: "YN2026000123".into(),
            text: "BC1:6BF.A0$:K8C".into(),
            charter: CharterData {
                certificate_number: "YN2026000123".into(),
                filing_number: "BA53010020260001".into(),
                plate: "云A12345".into(),
                seats: 45,
                enterprise_name: "昆明\"春城\"旅游客运有限公司".into(),
                credit_code: "91530100MA6K00000X".into(),
                origin: "530100".into(),
                destination: "510100".into(),
                waypoints: vec!["520100".into(), "500000".into()],
                trip_start: 1_790_000_000,
                trip_end: 1_790_086_400,
                drivers,
            },
            nbf: 1_789_990_000,
            exp: 1_790_090_000,
            accepted: true,
        }
    }

    #[test]
    fn a_certificate_reads_back_as_serde_writes_it() {
        let written = certificate(vec!["张三".into(), "李四".into()]);
        let json = serde_json::to_string(&written).unwrap();
        assert_eq!(read_certificate(&json), Some(written));
    }

    #[test]
    fn a_certificate_without_drivers_reads_with_no_names() {
        let written = certificate(Vec::new());
        let json = serde_json::to_string(&written)
            .unwrap()
            .replace(",\"drivers\":[]", "");
        assert!(!json.contains("drivers"));
        assert_eq!(read_certificate(&json), Some(written));
    }

    #[test]
    fn a_malformed_certificate_is_not_read() {
        let json = serde_json::to_string(&certificate(Vec::new())).unwrap();
        assert_eq!(
            read_certificate(&json.replace("\"seats\":45", "\"seats\":70000")),
            None
        );
        assert_eq!(
            read_certificate(&json.replace("\"nbf\":", "\"nbf_\":")),
            None
        );
        assert_eq!(read_certificate("{}"), None);
        assert_eq!(read_certificate("[]"), None);
        assert_eq!(read_certificate("not json"), None);
    }
}
