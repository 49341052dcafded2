//! What the plate-printing page (包车牌打印), the driver's phone and the adoption view exchange
//! with the API about issuing (电子牌下发), revoking, receiving (接收) and displaying (亮证)
//! certificates, and the paper plate (纸质标志牌): one definition for both sides.

use serde::{Deserialize, Serialize};

use crate::certificate::CharterData;

/// Longest revocation reason, in characters.
pub const MAX_REVOCATION_REASON: usize = 200;

/// A certificate's state on the issuing server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertificateState {
    /// Issued and in force (or not yet begun).
    Active,
    /// Revoked by the enterprise or the administrator.
    Revoked,
    /// Closed after the trip.
    Ended,
}

impl CertificateState {
    /// The stored name, e.g. `active`.
    pub fn as_str(self) -> &'static str {
        match self {
            CertificateState::Active => "active",
            CertificateState::Revoked => "revoked",
            CertificateState::Ended => "ended",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<CertificateState> {
        [
            CertificateState::Active,
            CertificateState::Revoked,
            CertificateState::Ended,
        ]
        .into_iter()
        .find(|state| state.as_str() == s)
    }

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            CertificateState::Active => "有效",
            CertificateState::Revoked => "已撤销",
            CertificateState::Ended => "已结束",
        }
    }
}

/// One issued certificate as its enterprise sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCertificate {
    /// 凭证编号.
    pub number: String,
    /// The filing's row id.
    pub filing_id: i64,
    /// The signed `BC1:` text the QR code carries.
    pub text: String,
    /// Its state.
    pub state: CertificateState,
    /// When it was issued, RFC 3339 UTC.
    pub issued_at: String,
    /// Valid from (the departure), RFC 3339 UTC.
    pub not_before: String,
    /// Valid until (the return), RFC 3339 UTC.
    pub not_after: String,
    /// Why it was revoked, when it was.
    #[serde(default)]
    pub revoked_reason: Option<String>,
}

/// An approved filing on the plate-printing page: its certificate, or why only paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlateEntry {
    /// The filing's row id.
    pub filing_id: i64,
    /// 备案编号.
    pub filing_number: String,
    /// 车牌号.
    pub plate: String,
    /// The route in words, e.g. `昆明市 → 成都市`.
    pub route: String,
    /// 出发时间, RFC 3339.
    pub departure_at: String,
    /// 返程时间, RFC 3339.
    pub return_at: String,
    /// Why the trip gets only the paper plate; `None` when an electronic certificate may be issued.
    #[serde(default)]
    pub paper_only_reason: Option<String>,
    /// The active certificate, else the latest revoked one, if any was issued.
    #[serde(default)]
    pub certificate: Option<IssuedCertificate>,
}

/// `POST /certificates/{number}/revocation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    /// Why, required, at most [`MAX_REVOCATION_REASON`] characters.
    pub reason: String,
}

/// Checks a revocation reason: required, bounded. The message is Chinese.
pub fn check_revocation_reason(reason: &str) -> Result<&str, &'static str> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("请填写撤销原因");
    }
    if reason.chars().count() > MAX_REVOCATION_REASON {
        return Err("撤销原因不能超过 200 个字");
    }
    Ok(reason)
}

/// The printable paper plate (纸质标志牌) of an approved filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperPlate {
    /// 备案编号.
    pub filing_number: String,
    /// 车牌号.
    pub plate: String,
    /// 核定座位数.
    pub seats: u32,
    /// 企业名称.
    pub enterprise_name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 包车类型 label.
    pub charter_kind: String,
    /// 起点 name.
    pub origin: String,
    /// 讫点 name.
    pub destination: String,
    /// 途经地 names in travel order.
    pub waypoints: Vec<String>,
    /// 出发时间, RFC 3339.
    pub departure_at: String,
    /// 返程时间, RFC 3339.
    pub return_at: String,
    /// Drivers' names.
    pub drivers: Vec<String>,
    /// Why paper: the electronic certificate is unavailable for this trip; `None` when it is
    /// available (the paper plate may still be printed as a spare).
    #[serde(default)]
    pub paper_only_reason: Option<String>,
}

/// A certificate as the driver receives and displays it: the signed text and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverCertificate {
    /// 凭证编号.
    pub number: String,
    /// The signed `BC1:` text for the QR code.
    pub text: String,
    /// The charter data inside the text.
    pub charter: CharterData,
    /// Valid from, seconds since the Unix epoch.
    pub nbf: i64,
    /// Valid until, seconds since the Unix epoch.
    pub exp: i64,
    /// Whether this driver has confirmed receipt.
    pub accepted: bool,
}

/// One prefecture's line of the adoption view (推广应用情况).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionRow {
    /// The prefecture's 6-digit code.
    pub prefecture_code: String,
    /// Its name.
    pub prefecture_name: String,
    /// Approved filings.
    pub approved_filings: u32,
    /// Approved filings whose every place lies in scope.
    pub in_scope_filings: u32,
    /// Approved filings that got an electronic certificate.
    pub electronic: u32,
    /// Approved filings that travel on the paper plate (no electronic certificate).
    pub paper: u32,
    /// Certificates issued, revoked ones included.
    pub certificates_issued: u32,
    /// Verifications of this prefecture's certificates.
    pub verifications: u32,
    /// Appeals against those verifications.
    pub appeals: u32,
}

impl AdoptionRow {
    /// Electronic share of approved filings in per cent (0 when there are none).
    pub fn electronic_percent(&self) -> u32 {
        if self.approved_filings == 0 {
            return 0;
        }
        self.electronic * 100 / self.approved_filings
    }
}

/// `GET /adoption`: every prefecture of Yunnan and the province's total, and the other
/// provinces' certificates verified here (互认).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adoption {
    /// One row per prefecture, in code order.
    pub rows: Vec<AdoptionRow>,
    /// The sums over all rows (`prefecture_code` = `530000`).
    pub total: AdoptionRow,
    /// Verifications of certificates another province issued, per issuing province in code order.
    pub recognised: Vec<RecognisedProvince>,
}

/// How often certificates of one other province were verified here (mutual recognition).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecognisedProvince {
    /// The issuing province's two-digit code, e.g. `50`.
    pub province: String,
    /// Its name, e.g. 重庆市.
    pub province_name: String,
    /// Verifications recorded.
    pub verifications: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revocation_reason_is_required_and_bounded() {
        assert_eq!(check_revocation_reason("  "), Err("请填写撤销原因"));
        assert_eq!(check_revocation_reason(" 车辆故障 "), Ok("车辆故障"));
        assert!(check_revocation_reason(&"因".repeat(201)).is_err());
    }

    #[test]
    fn electronic_share_rounds_down_and_survives_zero() {
        let mut row = AdoptionRow {
            prefecture_code: "530100".into(),
            prefecture_name: "昆明市".into(),
            approved_filings: 3,
            in_scope_filings: 2,
            electronic: 2,
            paper: 1,
            certificates_issued: 2,
            verifications: 0,
            appeals: 0,
        };
        assert_eq!(row.electronic_percent(), 66);
        row.approved_filings = 0;
        assert_eq!(row.electronic_percent(), 0);
    }

    #[test]
    fn state_names_round_trip() {
        for state in [
            CertificateState::Active,
            CertificateState::Revoked,
            CertificateState::Ended,
        ] {
            assert_eq!(CertificateState::parse(state.as_str()), Some(state));
        }
        assert_eq!(CertificateState::parse("valid"), None);
    }
}
