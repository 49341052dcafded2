//! Data access: filings, the enterprise's fleet as filings see it, the master data (enterprises,
//! vehicles, drivers), the audit trail, and the sign-in part of the audit trail.

pub mod accounts;
pub mod audit;
mod changes;
pub(crate) mod dates;
pub mod drivers;
pub mod enterprises;
pub mod filings;
pub mod fleet;
pub mod register;
pub mod sign_ins;
pub mod vehicles;

use charterpass_core::scope::cst;
use chrono::{SecondsFormat, Utc};

/// Now, as RFC 3339 text in China Standard Time, e.g. `2024-11-20T10:00:00+08:00`.
pub fn now_cst() -> String {
    Utc::now()
        .with_timezone(&cst())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// `text` with the LIKE wildcards `%`, `_` and the escape `\` escaped (for `ESCAPE '\'`).
pub fn like_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
