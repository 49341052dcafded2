//! The inspector's API calls: trust list, online status, verification log and appeals; feedback.

use charterpass_core::verification::{
    Appeal, CertificateStatus, NewAppeal, NewVerification, OnlineStatus, Resolution,
};

use super::json::{self, Field, Object};
use super::ApiError;

/// The current signed trust list, as bytes to be checked against the pinned root.
pub async fn trust_list() -> Result<Vec<u8>, ApiError> {
    super::get_bytes("/trust-list").await
}

/// The online status of certificate `number` (only letters, digits and `-` reach here).
pub async fn status(number: &str) -> Result<CertificateStatus, ApiError> {
    let text = super::get_text(&format!("/certificates/{number}/status")).await?;
    json::parse_object(&text)
        .and_then(|status| status_of(&status))
        .ok_or(ApiError::Unexpected)
}

/// A certificate's status as the API describes it.
fn status_of(status: &Object) -> Option<CertificateStatus> {
    Some(CertificateStatus {
        number: status.text("number")?,
        status: OnlineStatus::parse(&status.text("status")?)?,
        revoked_reason: status.optional_text("revoked_reason")?,
    })
}

/// What the inspector's page reads of a record it created (the verification, the appeal): its
/// id. The rest of the answer is not decoded, which keeps its decoder out of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Created {
    /// The new record's id.
    pub id: i64,
}

/// The record in the answer `text` to a `POST` that created one.
fn created(text: &str) -> Result<Created, ApiError> {
    json::parse_object(text)
        .and_then(|created| created.integer("id"))
        .map(|id| Created { id })
        .ok_or(ApiError::Unexpected)
}

/// Records a verification made on this page.
pub async fn record(new: &NewVerification) -> Result<Created, ApiError> {
    created(&super::send_json("POST", "/verifications", verification_json(new)).await?)
}

/// The JSON of a verification to record, its absent fields left out.
fn verification_json(new: &NewVerification) -> String {
    let optional = [
        ("certificate_number", new.certificate_number.as_deref()),
        ("issuer_province", new.issuer_province.as_deref()),
        ("step", new.step.as_deref()),
        ("online_status", new.online_status.map(OnlineStatus::as_str)),
        ("prefecture_code", new.prefecture_code.as_deref()),
    ];
    let fields: Vec<(&str, Field)> = [("outcome", Some(new.outcome.as_str()))]
        .into_iter()
        .chain(optional)
        .filter_map(|(key, value)| Some((key, Field::Text(value?))))
        .collect();
    json::object_text(&fields)
}

/// Lodges an appeal against a recorded verification.
pub async fn lodge(new: &NewAppeal) -> Result<Created, ApiError> {
    let body = json::object_text(&[
        ("verification_id", Field::Integer(new.verification_id)),
        ("reason", Field::Text(&new.reason)),
    ]);
    created(&super::send_json("POST", "/appeals", body).await?)
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use charterpass_core::verification::{
        CertificateStatus, NewAppeal, NewVerification, OnlineStatus, Outcome,
    };
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::{created, json, status_of, verification_json, Created, Field};

    #[test]
    fn a_status_reads_back_as_serde_writes_it() {
        for (status, revoked_reason) in [
            (OnlineStatus::Valid, None),
            (OnlineStatus::Revoked, Some("车辆停运".to_owned())),
        ] {
            let written = CertificateStatus {
                number: "BC-53-2024-000001".into(),
                status,
                revoked_reason,
            };
            let json = serde_json::to_string(&written).unwrap();
            let read = json::parse_object(&json).and_then(|s| status_of(&s));
            assert_eq!(read, Some(written));
        }
        let unknown = r#"{"number":"BC-1","status":"lost"}"#;
        assert_eq!(
            json::parse_object(unknown).and_then(|s| status_of(&s)),
            None
        );
    }

    #[test]
    fn a_verification_is_written_as_serde_reads_it() {
        let full = NewVerification {
            certificate_number: Some("BC-53-2024-000001".into()),
            issuer_province: Some("53".into()),
            outcome: Outcome::Valid,
            step: None,
            online_status: Some(OnlineStatus::Revoked),
            prefecture_code: Some("530100".into()),
        };
        let bare = NewVerification {
            certificate_number: None,
            issuer_province: None,
            outcome: Outcome::Invalid,
            step: Some("signature".into()),
            online_status: None,
            prefecture_code: None,
        };
        for written in [full, bare] {
            let read: NewVerification = serde_json::from_str(&verification_json(&written)).unwrap();
            assert_eq!(read, written);
        }
    }

    #[test]
    fn an_appeal_is_written_as_serde_reads_it() {
        let written = NewAppeal {
            verification_id: 9_007_199_254_740_991,
            reason: "持证人称\"凭证\"有效\\".into(),
        };
        let body = json::object_text(&[
            ("verification_id", Field::Integer(written.verification_id)),
            ("reason", Field::Text(&written.reason)),
        ]);
        let read: NewAppeal = serde_json::from_str(&body).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn a_created_record_reads_its_id() {
        let answer = r#"{"id":42,"recorded_at":"2026-01-01T00:00:00Z","outcome":"valid"}"#;
        assert_eq!(created(answer), Ok(Created { id: 42 }));
        assert!(created(r#"{"id":"42"}"#).is_err());
    }
}
