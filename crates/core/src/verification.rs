//! What the inspector's page and the API exchange about verifications (扫码核验), certificate
//! status, appeals (申诉) and problem feedback: one definition for both sides.

use serde::{Deserialize, Serialize};

use crate::certificate::Step;
use crate::role::Role;

/// Longest certificate number accepted anywhere, in bytes.
pub const MAX_NUMBER_LEN: usize = 64;
/// Longest appeal reason or resolution, in characters.
pub const MAX_APPEAL_TEXT: usize = 500;
/// Longest feedback text, in characters.
pub const MAX_FEEDBACK_TEXT: usize = 1000;

/// The outcome of the offline checks, as computed by the verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Genuine, in force and in scope.
    Valid,
    /// Rejected at one step.
    Invalid,
}

impl Outcome {
    /// The stable snake_case name, as serde writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Valid => "valid",
            Outcome::Invalid => "invalid",
        }
    }
}

/// A certificate's status on the issuing server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnlineStatus {
    /// Issued, not revoked, not past its end.
    Valid,
    /// Revoked by the issuer.
    Revoked,
    /// The trip has ended or the certificate was closed.
    Ended,
    /// The server has no certificate with this number (e.g. another province's).
    Unknown,
    /// Not checked: the inspector's device was offline.
    Offline,
}

impl OnlineStatus {
    /// The stable snake_case name, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            OnlineStatus::Valid => "valid",
            OnlineStatus::Revoked => "revoked",
            OnlineStatus::Ended => "ended",
            OnlineStatus::Unknown => "unknown",
            OnlineStatus::Offline => "offline",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<OnlineStatus> {
        [
            OnlineStatus::Valid,
            OnlineStatus::Revoked,
            OnlineStatus::Ended,
            OnlineStatus::Unknown,
            OnlineStatus::Offline,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }

    /// What the inspector reads, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            OnlineStatus::Valid => "在线状态：有效",
            OnlineStatus::Revoked => "在线状态：已撤销",
            OnlineStatus::Ended => "在线状态：已结束",
            OnlineStatus::Unknown => "在线状态：签发系统无此凭证记录",
            OnlineStatus::Offline => "未联网，状态未核验",
        }
    }
}

/// The answer of `GET /api/v1/certificates/{number}/status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateStatus {
    /// The certificate number asked about.
    pub number: String,
    /// Never `Offline`: the server answered.
    pub status: OnlineStatus,
    /// Why it was revoked, when it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_reason: Option<String>,
}

/// `POST /api/v1/verifications`: one verification as the inspector's page computed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewVerification {
    /// The certificate number, when the certificate could be read.
    #[serde(default)]
    pub certificate_number: Option<String>,
    /// The issuing province's 2-digit code, when known.
    #[serde(default)]
    pub issuer_province: Option<String>,
    /// The outcome of the offline checks.
    pub outcome: Outcome,
    /// The failing step's code, when invalid.
    #[serde(default)]
    pub step: Option<String>,
    /// The online status the page got (or `offline`).
    #[serde(default)]
    pub online_status: Option<OnlineStatus>,
    /// Where the check took place (6-digit prefecture code), when known.
    #[serde(default)]
    pub prefecture_code: Option<String>,
}

/// One recorded verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// Row id, referenced by appeals.
    pub id: i64,
    /// When it was recorded, RFC 3339 UTC.
    pub at: String,
    /// The inspector who recorded it.
    pub inspector_id: Option<i64>,
    /// See [`NewVerification`].
    pub certificate_number: Option<String>,
    /// See [`NewVerification`].
    pub issuer_province: Option<String>,
    /// See [`NewVerification`].
    pub outcome: Outcome,
    /// See [`NewVerification`].
    pub step: Option<String>,
    /// See [`NewVerification`].
    pub online_status: Option<OnlineStatus>,
    /// See [`NewVerification`].
    pub prefecture_code: Option<String>,
}

/// Whether `code` names a step of the verification pipeline.
pub fn is_step_code(code: &str) -> bool {
    Step::ALL.iter().any(|step| step.code() == code)
}

/// Whether `number` is a plausible certificate number: 1..=64 ASCII letters, digits or `-`.
pub fn is_certificate_number(number: &str) -> bool {
    !number.is_empty()
        && number.len() <= MAX_NUMBER_LEN
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// An appeal's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    /// Waiting for the administrator.
    Open,
    /// Answered by the administrator.
    Resolved,
}

/// `POST /api/v1/appeals`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAppeal {
    /// The verification appealed against.
    pub verification_id: i64,
    /// Why, in the inspector's words.
    pub reason: String,
}

/// `POST /api/v1/appeals/{id}/resolution`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    /// The administrator's answer.
    pub resolution: String,
}

/// One appeal (申诉).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// Row id.
    pub id: i64,
    /// The verification appealed against.
    pub verification_id: i64,
    /// Its certificate number, if any.
    pub certificate_number: Option<String>,
    /// Its outcome.
    pub outcome: Outcome,
    /// The display name of the inspector who lodged it.
    pub lodged_by: String,
    /// Why.
    pub reason: String,
    /// Open or resolved.
    pub status: AppealStatus,
    /// The administrator's answer.
    pub resolution: Option<String>,
    /// The display name of the administrator who answered.
    pub resolved_by: Option<String>,
    /// When it was lodged, RFC 3339 UTC.
    pub created_at: String,
    /// When it was resolved, RFC 3339 UTC.
    pub resolved_at: Option<String>,
}

/// `POST /api/v1/feedback`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewFeedback {
    /// The problem, in the user's words.
    pub text: String,
}

/// One problem report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    /// Row id.
    pub id: i64,
    /// Who wrote it (display name).
    pub author: String,
    /// Their role.
    pub role: Role,
    /// The text.
    pub text: String,
    /// When, RFC 3339 UTC.
    pub created_at: String,
}

/// Checks a free text: trimmed non-empty and at most `max` characters.
pub fn bounded_text(text: &str, max: usize) -> Result<&str, TextError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(TextError::Empty);
    }
    if trimmed.chars().count() > max {
        return Err(TextError::TooLong(max));
    }
    Ok(trimmed)
}

/// Why a free text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but whitespace.
    Empty,
    /// Longer than the bound (characters).
    TooLong(usize),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_steps_are_checked() {
        assert!(is_certificate_number("BC-53-2024-000001"));
        assert!(!is_certificate_number(""));
        assert!(!is_certificate_number("a/b"));
        assert!(!is_certificate_number(&"9".repeat(MAX_NUMBER_LEN + 1)));
        assert!(is_step_code("kid") && !is_step_code("online"));
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(bounded_text("  好 ", 3), Ok("好"));
        assert_eq!(bounded_text(" \n", 3), Err(TextError::Empty));
        assert_eq!(bounded_text("四个汉字", 3), Err(TextError::TooLong(3)));
        assert_eq!(OnlineStatus::parse("revoked"), Some(OnlineStatus::Revoked));
    }

    #[test]
    fn names_are_what_serde_writes() {
        for outcome in [Outcome::Valid, Outcome::Invalid] {
            let written = serde_json::to_string(&outcome).unwrap();
            assert_eq!(written, format!("\"{}\"", outcome.as_str()));
        }
        let written = serde_json::to_string(&OnlineStatus::Unknown).unwrap();
        assert_eq!(written, format!("\"{}\"", OnlineStatus::Unknown.as_str()));
    }
}
