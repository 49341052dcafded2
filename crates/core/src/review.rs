//! The review path: automatic approval (自动审核) or manual review (人工审核).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::distance::{self, Plausibility};
use crate::filing::{CharterKind, FilingInput};

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
    /// 里程存疑: the declared distance is below the estimated road length of the route.
    DistanceDoubtful,
    /// 应急包车任务: ordered by the authority, exempt from the home-end rule, always reviewed.
    EmergencyTask,
}

impl fmt::Display for ManualReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ManualReason::NoAutoReviewPermission => f.write_str("企业未获得自动审核权限"),
            ManualReason::ScheduledLineTemporary => f.write_str("班线客车临时省际包车须人工审核"),
            ManualReason::BeyondAutoReviewDistance => {
                write!(f, "单边行程超过 {AUTO_REVIEW_MAX_KM} 公里须人工审核")
            }
            ManualReason::DistanceDoubtful => {
                f.write_str("里程存疑：申报的单边行程低于按直线距离估算的道路里程")
            }
            ManualReason::EmergencyTask => {
                f.write_str("应急包车任务（不受车籍所在地限制）须人工审核")
            }
        }
    }
}

/// What the review path of a submitted filing depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewFacts {
    /// Whether the enterprise holds the automatic-review permission.
    pub auto_review: bool,
    /// The kind of trip.
    pub kind: CharterKind,
    /// The declared one-way distance.
    pub one_way_km: u32,
    /// Whether the filing is an emergency task.
    pub emergency: bool,
    /// Whether the declared distance is below the route's estimated road length.
    pub distance_doubtful: bool,
}

impl ReviewFacts {
    /// The facts of a form whose kind and distance are filled in, for an enterprise with or
    /// without the permission; the distance is judged against the route's estimate.
    pub fn of(input: &FilingInput, auto_review: bool) -> Option<ReviewFacts> {
        let (kind, one_way_km) = (input.charter_kind?, input.one_way_km?);
        let distance_doubtful = distance::estimate(input.places())
            .is_some_and(|e| distance::check(one_way_km, e) != Ok(Plausibility::Plausible));
        Some(ReviewFacts {
            auto_review,
            kind,
            one_way_km,
            emergency: input.emergency,
            distance_doubtful,
        })
    }
}

/// Every reason the filing needs manual review, in a fixed order; empty means automatic approval.
pub fn manual_reasons(facts: &ReviewFacts) -> Vec<ManualReason> {
    let mut reasons = Vec::new();
    if !facts.auto_review {
        reasons.push(ManualReason::NoAutoReviewPermission);
    }
    if facts.kind == CharterKind::ScheduledLineTemporary {
        reasons.push(ManualReason::ScheduledLineTemporary);
    }
    if facts.one_way_km > AUTO_REVIEW_MAX_KM {
        reasons.push(ManualReason::BeyondAutoReviewDistance);
    }
    if facts.distance_doubtful {
        reasons.push(ManualReason::DistanceDoubtful);
    }
    if facts.emergency {
        reasons.push(ManualReason::EmergencyTask);
    }
    reasons
}

/// The rule of the notice: automatic approval iff the enterprise holds the permission, the trip is
/// a dedicated charter, and its one-way distance is at most [`AUTO_REVIEW_MAX_KM`]; and, beyond the
/// notice, the distance is not doubtful and the trip is no emergency task.
pub fn review_path(facts: &ReviewFacts) -> ReviewPath {
    if manual_reasons(facts).is_empty() {
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

    fn facts(auto_review: bool, kind: CharterKind, one_way_km: u32) -> ReviewFacts {
        ReviewFacts {
            auto_review,
            kind,
            one_way_km,
            emergency: false,
            distance_doubtful: false,
        }
    }

    #[test]
    fn dedicated_trip_up_to_800_km_with_permission_is_automatic() {
        assert_eq!(
            review_path(&facts(true, Dedicated, 800)),
            ReviewPath::AutoApproved
        );
        assert_eq!(
            review_path(&facts(true, Dedicated, 1)),
            ReviewPath::AutoApproved
        );
        assert!(manual_reasons(&facts(true, Dedicated, 800)).is_empty());
    }

    #[test]
    fn beyond_800_km_goes_to_manual_review() {
        assert_eq!(
            review_path(&facts(true, Dedicated, 801)),
            ReviewPath::PendingReview
        );
        assert_eq!(
            manual_reasons(&facts(true, Dedicated, 801)),
            [ManualReason::BeyondAutoReviewDistance]
        );
    }

    #[test]
    fn scheduled_line_temporary_is_always_manual() {
        assert_eq!(
            review_path(&facts(true, ScheduledLineTemporary, 100)),
            ReviewPath::PendingReview
        );
        assert_eq!(
            manual_reasons(&facts(true, ScheduledLineTemporary, 100)),
            [ManualReason::ScheduledLineTemporary]
        );
    }

    #[test]
    fn without_permission_is_always_manual() {
        assert_eq!(
            review_path(&facts(false, Dedicated, 100)),
            ReviewPath::PendingReview
        );
        assert_eq!(
            manual_reasons(&facts(false, Dedicated, 100)),
            [ManualReason::NoAutoReviewPermission]
        );
    }

    #[test]
    fn an_emergency_task_is_always_manual_even_with_permission() {
        let emergency = ReviewFacts {
            emergency: true,
            ..facts(true, Dedicated, 300)
        };
        assert_eq!(review_path(&emergency), ReviewPath::PendingReview);
        assert_eq!(manual_reasons(&emergency), [ManualReason::EmergencyTask]);
        assert!(ManualReason::EmergencyTask
            .to_string()
            .starts_with("应急包车任务"));
    }

    #[test]
    fn a_doubtful_distance_is_manual_even_with_permission() {
        let doubtful = ReviewFacts {
            distance_doubtful: true,
            ..facts(true, Dedicated, 700)
        };
        assert_eq!(review_path(&doubtful), ReviewPath::PendingReview);
        assert_eq!(manual_reasons(&doubtful), [ManualReason::DistanceDoubtful]);
        assert!(ManualReason::DistanceDoubtful
            .to_string()
            .starts_with("里程存疑"));
    }

    #[test]
    fn facts_of_a_form_judge_its_distance_at_the_factor_boundary() {
        let mut input = FilingInput {
            charter_kind: Some(Dedicated),
            origin: "530100".into(),      // 昆明
            destination: "510100".into(), // 成都: straight 645 km, road estimate 742 km
            one_way_km: Some(742),
            ..FilingInput::default()
        };
        let plausible = ReviewFacts::of(&input, true).unwrap();
        assert!(!plausible.distance_doubtful);
        assert_eq!(review_path(&plausible), ReviewPath::AutoApproved);
        input.one_way_km = Some(741);
        let doubtful = ReviewFacts::of(&input, true).unwrap();
        assert!(doubtful.distance_doubtful);
        assert_eq!(manual_reasons(&doubtful), [ManualReason::DistanceDoubtful]);
        input.emergency = true;
        input.one_way_km = Some(742);
        assert_eq!(
            manual_reasons(&ReviewFacts::of(&input, true).unwrap()),
            [ManualReason::EmergencyTask]
        );
        input.charter_kind = None;
        assert_eq!(ReviewFacts::of(&input, true), None);
    }

    #[test]
    fn lists_every_reason_that_applies() {
        let all = ReviewFacts {
            emergency: true,
            distance_doubtful: true,
            ..facts(false, ScheduledLineTemporary, 1200)
        };
        let reasons = manual_reasons(&all);
        assert_eq!(reasons.len(), 5);
        assert!(reasons[2].to_string().contains("800 公里"));
        let json = serde_json::to_string(&reasons[3..]).unwrap();
        assert_eq!(json, r#"["distance_doubtful","emergency_task"]"#);
    }

    #[test]
    fn review_path_agrees_with_manual_reasons() {
        for auto_review in [false, true] {
            for kind in [Dedicated, ScheduledLineTemporary] {
                for km in [0, 799, 800, 801, 5000] {
                    for (emergency, distance_doubtful) in
                        [(false, false), (true, false), (false, true)]
                    {
                        let facts = ReviewFacts {
                            emergency,
                            distance_doubtful,
                            ..facts(auto_review, kind, km)
                        };
                        let automatic = review_path(&facts) == ReviewPath::AutoApproved;
                        assert_eq!(automatic, manual_reasons(&facts).is_empty());
                    }
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
