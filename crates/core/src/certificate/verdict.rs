//! The outcome of a verification: verified with the trip; genuine but not in force (with the
//! trip); or rejected at a named step, its genuineness unconfirmed.

use super::claims::CharterData;
use super::error::{Step, VerifyError};
use super::kid::Kid;
use serde::Serialize;

/// The result of verifying one certificate text.
// One verdict per scan: the size difference between the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Verdict {
    /// Genuine, in force and in scope.
    Verified(Verified),
    /// Genuine (its signature verified) but outside its window or its scope.
    NotInForce(NotInForce),
    /// Rejected before its signature was verified: its genuineness cannot be confirmed.
    Rejected(Rejection),
}

/// A genuine certificate that is not in force at the verification clock, or out of scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotInForce {
    /// What the certificate says.
    pub certificate: Verified,
    /// Why it is not in force: `time` or `scope`.
    pub rejection: Rejection,
}

/// What a verified certificate says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verified {
    /// The issuing province's 2-digit code.
    pub issuer: String,
    /// The kid of the key that signed.
    pub kid: Kid,
    /// Issued at, seconds since the Unix epoch.
    pub issued_at: i64,
    /// Valid from, seconds since the Unix epoch.
    pub not_before: i64,
    /// Valid until (inclusive), seconds since the Unix epoch.
    pub expires: i64,
    /// The charter trip.
    pub charter: CharterData,
}

/// Why a certificate was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejection {
    /// The step that failed.
    pub step: Step,
    /// The error's stable code.
    pub error: VerifyError,
    /// The error's Chinese message.
    pub message: &'static str,
    /// For a removed key: the province whose key was withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed_from: Option<String>,
}

impl From<VerifyError> for Rejection {
    fn from(error: VerifyError) -> Rejection {
        Rejection {
            step: error.step(),
            error,
            message: error.message(),
            removed_from: None,
        }
    }
}

impl Rejection {
    /// The rejection of a certificate signed by a key withdrawn from `province`'s keys.
    pub fn removed(province: &str) -> Rejection {
        Rejection {
            removed_from: Some(province.to_owned()),
            ..Rejection::from(VerifyError::KeyRemoved)
        }
    }
}

impl Verdict {
    /// Whether the certificate was verified.
    pub fn is_valid(&self) -> bool {
        matches!(self, Verdict::Verified(_))
    }

    /// The rejection, if any.
    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            Verdict::Rejected(r) => Some(r),
            Verdict::NotInForce(n) => Some(&n.rejection),
            Verdict::Verified(_) => None,
        }
    }

    /// What the certificate says, once its signature verified.
    pub fn certificate(&self) -> Option<&Verified> {
        match self {
            Verdict::Verified(v) => Some(v),
            Verdict::NotInForce(n) => Some(&n.certificate),
            Verdict::Rejected(_) => None,
        }
    }
}
