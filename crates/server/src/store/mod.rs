//! Data access for the filing workflow: filings, the enterprise's fleet, enterprises, the audit
//! trail, and the sign-in part of the audit trail.

pub mod accounts;
pub mod audit;
pub mod enterprises;
pub mod filings;
pub mod fleet;
pub mod sign_ins;

use charterpass_core::scope::cst;
use chrono::{SecondsFormat, Utc};

/// Now, as RFC 3339 text in China Standard Time, e.g. `2024-11-20T10:00:00+08:00`.
pub fn now_cst() -> String {
    Utc::now()
        .with_timezone(&cst())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}
