//! What the app and the API exchange to sign in and to say who is signed in.

use serde::{Deserialize, Serialize};

use crate::role::Role;

/// Longest user name or password the API accepts, in bytes.
pub const MAX_CREDENTIAL_LEN: usize = 128;

/// A log-in attempt.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Credentials {
    /// The account's user name.
    pub username: String,
    /// The password as typed.
    pub password: String,
}

/// The signed-in person, as the API describes them to the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Me {
    /// The account's user name.
    pub username: String,
    /// The name shown in the page header.
    pub display_name: String,
    /// What the person may do.
    pub role: Role,
    /// The enterprise an enterprise operator or driver works for.
    pub enterprise_id: Option<i64>,
    /// The prefecture (6-digit GB/T 2260 code) a reviewer is responsible for.
    pub prefecture_code: Option<String>,
    /// The account still holds a one-time password: the app shows 修改密码 first, and the API
    /// refuses everything else (`password_change_required`) until it is changed.
    #[serde(default)]
    pub must_change_password: bool,
}

/// The JSON body of every API error (design.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// A stable machine-readable code, such as `unauthenticated`.
    pub code: String,
    /// What went wrong, in Chinese, for people.
    pub message: String,
    /// The input field at fault, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The answer of `GET /api/v1/health`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// The server's version.
    pub version: String,
}
