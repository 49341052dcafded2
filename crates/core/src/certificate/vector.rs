//! A published test vector: a certificate text, a trust list, a clock and the expected verdict.

use super::error::VerifyError;
use super::signed_list::RemovedKey;
use super::trust_list::{Issuer, TrustList};
use super::verdict::Verdict;
use super::verify::verify;
use chrono::DateTime;
use serde::{Deserialize, Serialize};

/// One test vector of `tests/vectors/*.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vector {
    /// What the vector exercises.
    pub name: String,
    /// The certificate text as in the QR code.
    pub qr: String,
    /// The trusted issuer entries.
    pub trust: Vec<Issuer>,
    /// Keys withdrawn from the trust list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<RemovedKey>,
    /// The verification clock, RFC 3339.
    pub at: String,
    /// The expected verdict.
    pub expected: Expected,
}

/// The expected verdict of a vector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// Whether the certificate verifies.
    pub valid: bool,
    /// The failing step's code, or null when valid.
    pub step: Option<String>,
    /// The error code, or null when valid.
    pub error: Option<String>,
    /// The drivers' names a verified certificate carries (charter key 12), when it carries any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drivers: Option<Vec<String>>,
}

impl Expected {
    /// The expectation matching a verdict.
    pub fn of(verdict: &Verdict) -> Expected {
        let drivers = verdict
            .certificate()
            .map(|c| c.charter.drivers.clone())
            .filter(|names| !names.is_empty());
        match verdict.rejection() {
            None => Expected {
                valid: true,
                step: None,
                error: None,
                drivers,
            },
            Some(r) => Expected {
                valid: false,
                step: Some(r.step.code().into()),
                error: Some(r.error.code().into()),
                drivers,
            },
        }
    }

    /// The expectation of a rejection with `error`.
    pub fn rejected(error: VerifyError) -> Expected {
        Expected {
            valid: false,
            step: Some(error.step().code().into()),
            error: Some(error.code().into()),
            drivers: None,
        }
    }
}

impl Vector {
    /// The verifier's clock for this vector in Unix seconds; `None` when `at` is not RFC 3339.
    pub fn clock(&self) -> Option<i64> {
        Some(DateTime::parse_from_rfc3339(&self.at).ok()?.timestamp())
    }

    /// Runs the vector; returns the actual expectation, or `None` when `at` is not RFC 3339.
    pub fn run(&self) -> Option<Expected> {
        let mut trust = TrustList::from_issuers(self.trust.clone());
        trust.removed = self.removed.clone();
        Some(Expected::of(&verify(&self.qr, &trust, self.clock()?)))
    }
}
