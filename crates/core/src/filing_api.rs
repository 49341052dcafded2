//! What the app and the API exchange about filings, their review, enterprises and the audit trail.

use serde::{Deserialize, Serialize};

use crate::filing::{Driver, FilingInput, FilingStatus, Vehicle};
use crate::review::{Decision, ManualReason, RejectReasonError};

/// Rows per page when the request names none.
pub const DEFAULT_PER_PAGE: u32 = 20;
/// The most rows one page may hold.
pub const MAX_PER_PAGE: u32 = 100;
/// The longest reason for changing an enterprise's permission, in characters.
pub const PERMISSION_REASON_MAX_CHARS: usize = 200;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// The page number, from 1.
    pub page: u32,
    /// Rows per page.
    pub per_page: u32,
    /// Rows on all pages together.
    pub total: u64,
}

impl<T> Paged<T> {
    /// How many pages the list fills (at least one, even when empty).
    pub fn pages(&self) -> u32 {
        let pages = self.total.div_ceil(u64::from(self.per_page.max(1))).max(1);
        u32::try_from(pages).unwrap_or(u32::MAX)
    }
}

/// A filing as the API shows it: the form, its status and its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilingView {
    /// Row id.
    pub id: i64,
    /// 备案编号, `YN-YYYYMMDD-NNNN` (creation date in CST, then a daily sequence).
    pub number: String,
    /// Where the filing stands.
    pub status: FilingStatus,
    /// The filing enterprise.
    pub enterprise_id: i64,
    /// The filing enterprise's name.
    pub enterprise_name: String,
    /// The jurisdiction: the filing enterprise's prefecture, whose reviewers decide it.
    pub prefecture_code: String,
    /// The form as entered.
    #[serde(flatten)]
    pub input: FilingInput,
    /// The chosen vehicle, when one is chosen.
    pub vehicle: Option<Vehicle>,
    /// The chosen drivers, personal numbers masked.
    pub drivers: Vec<Driver>,
    /// Why the filing went to manual review (recorded at submission).
    pub manual_reasons: Vec<ManualReason>,
    /// A rejection's reason.
    pub decision_reason: Option<String>,
    /// Who decided, for a manual decision.
    pub reviewer_name: Option<String>,
    /// Created, RFC 3339 in CST.
    pub created_at: String,
    /// Last changed, RFC 3339 in CST.
    pub updated_at: String,
    /// Submitted, RFC 3339 in CST.
    pub submitted_at: Option<String>,
    /// Approved or rejected, RFC 3339 in CST.
    pub decided_at: Option<String>,
}

/// What a reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// 审核通过.
    Approve,
    /// 驳回.
    Reject,
}

/// The body of `POST /filings/{id}/decision`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRequest {
    /// Approve or reject.
    pub decision: DecisionKind,
    /// Required for a rejection; ignored for an approval.
    #[serde(default)]
    pub reason: String,
}

impl DecisionRequest {
    /// The decision, if a rejection has an acceptable reason.
    pub fn decision(&self) -> Result<Decision, RejectReasonError> {
        match self.decision {
            DecisionKind::Approve => Ok(Decision::Approve),
            DecisionKind::Reject => Decision::reject(&self.reason),
        }
    }
}

/// An enterprise as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnterpriseView {
    /// Row id.
    pub id: i64,
    /// Registered name.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// The enterprise's prefecture (GB/T 2260).
    pub prefecture_code: String,
    /// Whether it holds the automatic-review permission.
    pub auto_review: bool,
    /// 道路运输经营许可证号 (empty until registered).
    #[serde(default)]
    pub permit_number: String,
    /// The permit's last valid day, when on record.
    #[serde(default)]
    pub permit_valid_until: Option<chrono::NaiveDate>,
    /// Disabled by the authority: it files nothing.
    #[serde(default)]
    pub disabled: bool,
}

impl EnterpriseView {
    /// The record as a form to edit.
    pub fn input(&self) -> crate::master_data::enterprise::EnterpriseInput {
        crate::master_data::enterprise::EnterpriseInput {
            name: self.name.clone(),
            credit_code: self.credit_code.clone(),
            prefecture_code: self.prefecture_code.clone(),
            permit_number: self.permit_number.clone(),
            permit_valid_until: self
                .permit_valid_until
                .map(crate::master_data::date_text)
                .unwrap_or_default(),
            auto_review: self.auto_review,
        }
    }
}

/// The body of `PUT /enterprises/{id}/auto-review`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoReviewChange {
    /// Grant (`true`) or withdraw (`false`).
    pub auto_review: bool,
    /// Why, for the audit trail.
    #[serde(default)]
    pub reason: String,
}

impl AutoReviewChange {
    /// The trimmed reason, or the Chinese message saying what is wrong with it.
    pub fn checked_reason(&self) -> Result<&str, String> {
        let reason = self.reason.trim();
        if reason.is_empty() {
            return Err("请填写调整原因".to_owned());
        }
        if reason.chars().count() > PERMISSION_REASON_MAX_CHARS {
            return Err(format!(
                "调整原因不能超过 {PERMISSION_REASON_MAX_CHARS} 个字"
            ));
        }
        Ok(reason)
    }
}

/// What an audit entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditEntity {
    /// A filing's status changed.
    Filing,
    /// An enterprise's automatic-review permission changed.
    Enterprise,
    /// The trust list changed: a neighbour's list imported, our list exported, a key removed.
    TrustList,
    /// A user account was created, edited, disabled, re-enabled or had its password reset.
    Account,
    /// An enterprise's vehicle was registered, edited or retired.
    Vehicle,
    /// An enterprise's driver was registered, edited or retired.
    Driver,
}

impl AuditEntity {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditEntity::Filing => "filing",
            AuditEntity::Enterprise => "enterprise",
            AuditEntity::TrustList => "trust_list",
            AuditEntity::Account => "account",
            AuditEntity::Vehicle => "vehicle",
            AuditEntity::Driver => "driver",
        }
    }

    /// Every kind, in the order a filter offers them.
    pub const ALL: [AuditEntity; 6] = [
        AuditEntity::Filing,
        AuditEntity::Enterprise,
        AuditEntity::TrustList,
        AuditEntity::Account,
        AuditEntity::Vehicle,
        AuditEntity::Driver,
    ];

    /// The kind stored as `name`, if any.
    pub fn parse(name: &str) -> Option<AuditEntity> {
        AuditEntity::ALL.into_iter().find(|e| e.as_str() == name)
    }

    /// The kind's name in the interface.
    pub fn label(self) -> &'static str {
        match self {
            AuditEntity::Filing => "备案",
            AuditEntity::Enterprise => "企业",
            AuditEntity::TrustList => "信任列表",
            AuditEntity::Account => "账号",
            AuditEntity::Vehicle => "车辆",
            AuditEntity::Driver => "驾驶员",
        }
    }
}

/// One state change in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// When, RFC 3339 in CST.
    pub at: String,
    /// Who: the user's display name (`系统` for an automatic step).
    pub actor: String,
    /// What kind of thing changed.
    pub entity: AuditEntity,
    /// Its row id.
    pub entity_id: i64,
    /// A name people recognise: the filing number or the enterprise name.
    pub entity_label: String,
    /// The state before (`None` when created).
    pub from_state: Option<String>,
    /// The state after: a filing status, or `granted` / `withdrawn` for a permission.
    pub to_state: String,
    /// Why, where a reason was given.
    pub reason: Option<String>,
    /// The field changes, "field: before → after" one a line (personal numbers masked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_list_fills_whole_pages_and_at_least_one() {
        let paged = |total, per_page| Paged::<()> {
            items: vec![],
            page: 1,
            per_page,
            total,
        };
        assert_eq!(paged(0, 20).pages(), 1);
        assert_eq!(paged(20, 20).pages(), 1);
        assert_eq!(paged(21, 20).pages(), 2);
        assert_eq!(paged(5, 0).pages(), 5);
    }

    #[test]
    fn a_rejection_needs_its_reason() {
        let reject = DecisionRequest {
            decision: DecisionKind::Reject,
            reason: " ".into(),
        };
        assert_eq!(reject.decision(), Err(RejectReasonError::Blank));
        let approve: DecisionRequest = serde_json::from_str(r#"{"decision":"approve"}"#).unwrap();
        assert_eq!(approve.decision(), Ok(Decision::Approve));
    }

    #[test]
    fn a_permission_change_needs_a_bounded_reason() {
        let change = |reason: &str| AutoReviewChange {
            auto_review: false,
            reason: reason.into(),
        };
        assert!(change("  ").checked_reason().is_err());
        assert_eq!(change(" 违规 ").checked_reason(), Ok("违规"));
        let long = "长".repeat(PERMISSION_REASON_MAX_CHARS + 1);
        assert!(change(&long).checked_reason().unwrap_err().contains("200"));
    }
}
