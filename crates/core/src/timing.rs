//! When a filing may be submitted and approved: 备案后方可使用标志牌, so both happen before the
//! trip departs, by the server's clock (the browser's only for instant feedback).

use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::cst;

/// A step taken too late for the trip's departure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimingError {
    /// Submission at or after the departure.
    DepartureNotAhead {
        /// The departure, seconds since the Unix epoch.
        departure_at: i64,
        /// The clock at submission, seconds since the Unix epoch.
        now: i64,
    },
    /// Approval at or after the departure.
    DepartedBeforeApproval {
        /// The departure, seconds since the Unix epoch.
        departure_at: i64,
    },
}

impl TimingError {
    /// The form field the error belongs to.
    pub fn field(self) -> &'static str {
        "departure_at"
    }
}

impl fmt::Display for TimingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimingError::DepartureNotAhead { departure_at, now } => write!(
                f,
                "出发时间（{}）须晚于当前时间（{}，北京时间）：备案须在出发前提交",
                cst::minutes(*departure_at),
                cst::minutes(*now)
            ),
            TimingError::DepartedBeforeApproval { departure_at } => write!(
                f,
                "出发时间（{}，北京时间）已过，不能再审核通过，请驳回",
                cst::minutes(*departure_at)
            ),
        }
    }
}

impl std::error::Error for TimingError {}

/// The submission rule: the departure lies strictly after `now` (Unix seconds).
pub fn departure_ahead(departure_at: &DateTime<FixedOffset>, now: i64) -> Result<(), TimingError> {
    let departure_at = departure_at.timestamp();
    if departure_at <= now {
        return Err(TimingError::DepartureNotAhead { departure_at, now });
    }
    Ok(())
}

/// The approval rule: a reviewer approves only before the departure (Unix seconds `now`).
pub fn approvable(departure_at: &DateTime<FixedOffset>, now: i64) -> Result<(), TimingError> {
    let departure_at = departure_at.timestamp();
    if departure_at <= now {
        return Err(TimingError::DepartedBeforeApproval { departure_at });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn departure() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-06-01T08:00:00+08:00").unwrap()
    }

    #[test]
    fn submission_one_minute_before_departure_is_in_time() {
        let now = departure().timestamp() - 60;
        assert_eq!(departure_ahead(&departure(), now), Ok(()));
    }

    #[test]
    fn submission_one_minute_after_departure_is_refused_naming_the_field() {
        let now = departure().timestamp() + 60;
        let error = departure_ahead(&departure(), now).unwrap_err();
        assert_eq!(error.field(), "departure_at");
        assert_eq!(
            error.to_string(),
            "出发时间（2026-06-01 08:00）须晚于当前时间（2026-06-01 08:01，北京时间）：备案须在出发前提交"
        );
    }

    #[test]
    fn submission_at_the_departure_itself_is_too_late() {
        let now = departure().timestamp();
        assert!(departure_ahead(&departure(), now).is_err());
    }

    #[test]
    fn approval_before_departure_only() {
        let at = departure().timestamp();
        assert_eq!(approvable(&departure(), at - 60), Ok(()));
        assert_eq!(
            approvable(&departure(), at + 60),
            Err(TimingError::DepartedBeforeApproval { departure_at: at })
        );
        assert!(approvable(&departure(), at).is_err());
        let message = approvable(&departure(), at + 60).unwrap_err().to_string();
        assert!(message.contains("出发时间") && message.contains("不能再审核通过"));
    }

    #[test]
    fn other_offsets_compare_as_instants() {
        let utc = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap();
        assert_eq!(utc.timestamp(), departure().timestamp());
        assert!(departure_ahead(&utc, departure().timestamp()).is_err());
    }
}
