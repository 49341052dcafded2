//! The review path: automatic approval (自动审核) or manual review (人工审核).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::filing::CharterKind;

/// The longest one-way distance, in kilometres, that may still be approved automatically.
pub const AUTO_REVIEW_MAX_KM: u32 = 800;

/// The longest rejection reason, in characters.
pub const REJECT_REASON_MAX_CHARS: usize = 200;

/// Which way a submitted filing goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewPath {
    /// Approved at once (自动审核).
    AutoApproved,
    /// Queued for the prefecture's reviewers (人工审核).
    PendingReview,
}

impl ReviewPath {
    /// The Chinese label, e.g. `自动审核`.
    pub fn label(self) -> &'static str {
        match self {
            ReviewPath::AutoApproved => "自动审核",
            ReviewPath::PendingReview => "人工审核",
        }
    }
}

/// Why a filing needs manual review; several may apply at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManualReason {
    /// The enterprise does not hold the automatic-review permission.
    NoAutoReviewPermission,
    /// A scheduled-line bus used for a temporary charter (班线客车临时省际包车).
    ScheduledLineTemporary,
    /// The one-way distance exceeds [`AUTO_REVIEW_MAX_KM`].
    BeyondAutoReviewDistance,
}

impl fmt::Display for ManualReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManualReason::NoAutoReviewPermission => f.write_str("企业未获得自动审核权限"),
            ManualReason::ScheduledLineTemporary => f.write_str("班线客车临时省际包车须人工审核"),
            ManualReason::BeyondAutoReviewDistance => {
                write!(f, "单边行程超过 {AUTO_REVIEW_MAX_KM} 公里须人工审核")
            }
        }
    }
}

/// Every reason the filing needs manual review, in a fixed order; empty means automatic approval.
pub fn manual_reasons(auto_review: bool, kind: CharterKind, one_way_km: u32) -> Vec<ManualReason> {
    let mut reasons = Vec::new();
    if !auto_review {
        reasons.push(ManualReason::NoAutoReviewPermission);
    }
    if kind == CharterKind::ScheduledLineTemporary {
        reasons.push(ManualReason::ScheduledLineTemporary);
    }
    if one_way_km > AUTO_REVIEW_MAX_KM {
        reasons.push(ManualReason::BeyondAutoReviewDistance);
    }
    reasons
}

/// The rule of the notice: automatic approval iff the enterprise holds the permission, the trip is
/// a dedicated charter, and its one-way distance is at most [`AUTO_REVIEW_MAX_KM`].
pub fn review_path(auto_review: bool, kind: CharterKind, one_way_km: u32) -> ReviewPath {
    let automatic =
        auto_review && kind == CharterKind::Dedicated && one_way_km <= AUTO_REVIEW_MAX_KM;
    if automatic {
        return ReviewPath::AutoApproved;
    }
    ReviewPath::PendingReview
}

/// A reviewer's decision on a filing pending review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// 审核通过.
    Approve,
    /// 驳回, with the reason shown to the enterprise.
    Reject {
        /// Why the filing is rejected.
        reason: RejectReason,
    },
}

impl Decision {
    /// A rejection, if the reason is acceptable.
    pub fn reject(reason: &str) -> Result<Self, RejectReasonError> {
        Ok(Decision::Reject {
            reason: RejectReason::new(reason)?,
        })
    }
}

/// A rejection reason: not blank, at most [`REJECT_REASON_MAX_CHARS`] characters, trimmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RejectReason(String);

/// Why a rejection reason is not acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectReasonError {
    /// Empty or only whitespace.
    Blank,
    /// Longer than [`REJECT_REASON_MAX_CHARS`].
    TooLong {
        /// How many characters it has.
        found: usize,
    },
}

impl fmt::Display for RejectReasonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RejectReasonError::Blank => f.write_str("请填写驳回理由"),
            RejectReasonError::TooLong { found } => {
                write!(
                    f,
                    "驳回理由不能超过 {REJECT_REASON_MAX_CHARS} 个字，当前 {found} 个字"
                )
            }
        }
    }
}

impl std::error::Error for RejectReasonError {}

impl RejectReason {
    /// Checks and trims a reason.
    pub fn new(reason: &str) -> Result<Self, RejectReasonError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(RejectReasonError::Blank);
        }
        let count = reason.chars().count();
        if count > REJECT_REASON_MAX_CHARS {
            return Err(RejectReasonError::TooLong { found: count });
        }
        Ok(RejectReason(reason.to_owned()))
    }

    /// The reason as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for RejectReason {
    type Error = RejectReasonError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RejectReason::new(&s)
    }
}

impl From<RejectReason> for String {
    fn from(reason: RejectReason) -> String {
        reason.0
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;
    use CharterKind::{Dedicated, ScheduledLineTemporary};

    #[test]
    fn dedicated_trip_up_to_800_km_with_permission_is_automatic() {
        assert_eq!(review_path(true, Dedicated, 800), ReviewPath::AutoApproved);
        assert_eq!(review_path(true, Dedicated, 1), ReviewPath::AutoApproved);
        assert!(manual_reasons(true, Dedicated, 800).is_empty());
    }

    #[test]
    fn beyond_800_km_goes_to_manual_review() {
        assert_eq!(review_path(true, Dedicated, 801), ReviewPath::PendingReview);
        assert_eq!(
            manual_reasons(true, Dedicated, 801),
            [ManualReason::BeyondAutoReviewDistance]
        );
    }

    #[test]
    fn scheduled_line_temporary_is_always_manual() {
        assert_eq!(
            review_path(true, ScheduledLineTemporary, 100),
            ReviewPath::PendingReview
        );
        assert_eq!(
            manual_reasons(true, ScheduledLineTemporary, 100),
            [ManualReason::ScheduledLineTemporary]
        );
    }

    #[test]
    fn without_permission_is_always_manual() {
        assert_eq!(
            review_path(false, Dedicated, 100),
            ReviewPath::PendingReview
        );
        assert_eq!(
            manual_reasons(false, Dedicated, 100),
            [ManualReason::NoAutoReviewPermission]
        );
    }

    #[test]
    fn lists_every_reason_that_applies() {
        let reasons = manual_reasons(false, ScheduledLineTemporary, 1200);
        assert_eq!(reasons.len(), 3);
        assert!(reasons[2].to_string().contains("800 公里"));
    }

    #[test]
    fn review_path_agrees_with_manual_reasons() {
        for auto_review in [false, true] {
            for kind in [Dedicated, ScheduledLineTemporary] {
                for km in [0, 799, 800, 801, 5000] {
                    let automatic = review_path(auto_review, kind, km) == ReviewPath::AutoApproved;
                    assert_eq!(automatic, manual_reasons(auto_review, kind, km).is_empty());
                }
            }
        }
    }

    #[test]
    fn rejection_needs_a_bounded_reason() {
        assert_eq!(Decision::reject("  "), Err(RejectReasonError::Blank));
        let long = "长".repeat(REJECT_REASON_MAX_CHARS + 1);
        assert_eq!(
            Decision::reject(&long),
            Err(RejectReasonError::TooLong { found: 201 })
        );
        assert!(Decision::reject(&"长".repeat(REJECT_REASON_MAX_CHARS)).is_ok());
        let Decision::Reject { reason } = Decision::reject(" 合同编号与附件不符 ").unwrap()
        else {
            panic!("expected a rejection");
        };
        assert_eq!(reason.as_str(), "合同编号与附件不符");
    }

    #[test]
    fn decisions_in_json() {
        assert_eq!(
            serde_json::to_string(&Decision::Approve).unwrap(),
            r#"{"decision":"approve"}"#
        );
        let reject: Decision =
            serde_json::from_str(r#"{"decision":"reject","reason":"行程不符"}"#).unwrap();
        assert_eq!(reject, Decision::reject("行程不符").unwrap());
        assert!(serde_json::from_str::<Decision>(r#"{"decision":"reject","reason":" "}"#).is_err());
        assert!(serde_json::from_str::<Decision>(r#"{"decision":"reject"}"#).is_err());
    }
}
