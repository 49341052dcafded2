//! What the app and the API exchange to administer accounts and change passwords.

use serde::{Deserialize, Serialize};

use crate::role::Role;

/// The tie of an inspector of the provincial law-enforcement bureau: no prefecture
/// (`prefecture_code` is `null`).
pub const PROVINCIAL_BUREAU: &str = "省交通运输综合执法局";

/// One account as the administrator's list shows it (never its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    /// Row id.
    pub id: i64,
    /// Sign-in name.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
    /// The enterprise of an enterprise operator or driver.
    pub enterprise_id: Option<i64>,
    /// That enterprise's name.
    pub enterprise_name: Option<String>,
    /// The prefecture of a reviewer or of a prefecture's inspector (`None` for an inspector of
    /// the provincial bureau).
    pub prefecture_code: Option<String>,
    /// The driver record of a driver account.
    pub driver_id: Option<i64>,
    /// Whether the account still holds a one-time password.
    pub must_change_password: bool,
    /// When it was disabled; `None` while active.
    pub disabled_at: Option<String>,
}

/// `POST /api/v1/accounts`: a new account (it starts with a one-time password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    /// Sign-in name: 3–32 letters, digits, `_`, `-` or `.`.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// Enterprise, reviewer, inspector or admin (drivers get accounts from their enterprise).
    pub role: Role,
    /// Required for an enterprise operator.
    #[serde(default)]
    pub enterprise_id: Option<i64>,
    /// Required for a reviewer; optional for an inspector (none = provincial bureau).
    #[serde(default)]
    pub prefecture_code: Option<String>,
}

/// `PATCH /api/v1/accounts/{id}`: new display name and ties (the role does not change).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountUpdate {
    /// Name shown to people.
    pub display_name: String,
    /// Enterprise of an enterprise operator.
    #[serde(default)]
    pub enterprise_id: Option<i64>,
    /// Prefecture of a reviewer or inspector.
    #[serde(default)]
    pub prefecture_code: Option<String>,
}

/// A one-time password, shown once to whoever created or reset the account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneTimePassword {
    /// The account's row id.
    pub id: i64,
    /// Sign-in name.
    pub username: String,
    /// The password to pass on; it must be changed at the first sign-in.
    pub password: String,
}

/// `POST /api/v1/session/password`: the signed-in person changes their password.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasswordChange {
    /// The password in use now (the one-time password at the first sign-in).
    pub current: String,
    /// The new password.
    pub new: String,
}

/// Why an account change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    /// The user name is malformed.
    BadUsername,
    /// The display name is empty or too long.
    BadDisplayName,
    /// Another account has this user name.
    UsernameTaken,
    /// An enterprise operator needs an existing enterprise.
    EnterpriseRequired,
    /// A reviewer needs a prefecture of the province; an inspector's must be one if given.
    PrefectureRequired,
    /// Drivers get their accounts from their enterprise, not here.
    DriverFromEnterprise,
    /// The driver already has an account.
    DriverHasAccount,
    /// Disabling the last active administrator would lock everyone out.
    LastAdmin,
    /// An administrator's own account is disabled by another administrator, never by itself.
    OwnAccount,
}

impl AccountError {
    /// The stable code the API sends.
    pub fn code(&self) -> &'static str {
        match self {
            AccountError::BadUsername
            | AccountError::BadDisplayName
            | AccountError::EnterpriseRequired
            | AccountError::PrefectureRequired
            | AccountError::DriverFromEnterprise => "invalid",
            AccountError::UsernameTaken => "username_taken",
            AccountError::DriverHasAccount => "driver_has_account",
            AccountError::LastAdmin => "last_admin",
            AccountError::OwnAccount => "own_account",
        }
    }

    /// The form field at fault, where there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            AccountError::BadUsername | AccountError::UsernameTaken => Some("username"),
            AccountError::BadDisplayName => Some("display_name"),
            AccountError::EnterpriseRequired => Some("enterprise_id"),
            AccountError::PrefectureRequired => Some("prefecture_code"),
            AccountError::DriverFromEnterprise => Some("role"),
            _ => None,
        }
    }

    /// What is wrong, in Chinese.
    pub fn message(&self) -> &'static str {
        match self {
            AccountError::BadUsername => "用户名须为 3–32 位字母、数字、下划线、连字符或点",
            AccountError::BadDisplayName => "请填写显示名（不超过 64 个字符）",
            AccountError::UsernameTaken => "该用户名已被使用",
            AccountError::EnterpriseRequired => "企业账号须关联一家已登记的企业",
            AccountError::PrefectureRequired => "请选择本省的一个州（市）",
            AccountError::DriverFromEnterprise => "驾驶员账号由所属企业在车队页面开通",
            AccountError::DriverHasAccount => "该驾驶员已有账号",
            AccountError::LastAdmin => "不能停用最后一个管理员账号",
            AccountError::OwnAccount => "不能停用自己的账号，请由另一名管理员操作",
        }
    }
}

/// Checks a user name: 3–32 ASCII letters, digits, `_`, `-` or `.`.
pub fn check_username(username: &str) -> Result<(), AccountError> {
    let ok = (3..=32).contains(&username.len())
        && username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(AccountError::BadUsername)
    }
}

/// Checks a display name: not blank, at most 64 characters.
pub fn check_display_name(name: &str) -> Result<(), AccountError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(AccountError::BadDisplayName);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn user_names_are_short_plain_words() {
        assert_eq!(check_username("shenhe_km"), Ok(()));
        assert_eq!(check_username("ab"), Err(AccountError::BadUsername));
        assert_eq!(check_username("审核员"), Err(AccountError::BadUsername));
        assert_eq!(check_username("a b c"), Err(AccountError::BadUsername));
    }

    #[test]
    fn display_names_are_not_blank() {
        assert_eq!(check_display_name("  "), Err(AccountError::BadDisplayName));
        assert_eq!(check_display_name("昆明市审核员"), Ok(()));
    }
}
