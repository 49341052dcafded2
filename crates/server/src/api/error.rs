//! API errors: each a status, a stable code and a Chinese message (design.md §5).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use charterpass_core::session::ErrorBody;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No valid session.
    #[error("not signed in")]
    Unauthenticated,
    /// Wrong user name or password.
    #[error("bad credentials")]
    BadCredentials,
    /// Too many failed sign-ins for the account or the client address: wait and retry.
    #[error("too many sign-in attempts, retry after {retry_after_secs} s")]
    TooManyAttempts {
        /// Whole seconds until an attempt is heard again (`Retry-After`).
        retry_after_secs: u64,
    },
    /// Signed in, but not allowed here.
    #[error("forbidden")]
    Forbidden,
    /// Signed in with a one-time password: only changing it and signing out are allowed.
    #[error("password change required")]
    PasswordChangeRequired,
    /// The password is right but an administrator disabled the account.
    #[error("account disabled")]
    AccountDisabled,
    /// A new password breaks a rule.
    #[error("password refused: {0:?}")]
    Password(charterpass_core::account::PasswordError),
    /// An account change is refused.
    #[error("account change refused: {0:?}")]
    Account(charterpass_core::account::AccountError),
    /// No such resource, or not one the caller may know of.
    #[error("not found")]
    NotFound,
    /// The resource changed under the caller (e.g. already decided).
    #[error("conflict: {0}")]
    Conflict(String),
    /// An input field is wrong.
    #[error("invalid {field}: {message}")]
    Invalid {
        /// The field's JSON name.
        field: String,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// The request body is not the JSON the route expects.
    #[error("malformed: {0}")]
    Malformed(String),
    /// The request body is larger than the API reads.
    #[error("body too large")]
    TooLarge,
    /// A part the server needs (the database) does not answer; details are logged, not shown.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// The service is not set up for this yet (e.g. the trust list is not certified): the message says why.
    #[error("not ready: {0}")]
    NotReady(&'static str),
    /// Something broke on the server; details are logged, not shown.
    #[error("internal: {0}")]
    Internal(String),
}

impl ApiError {
    /// An invalid-input error for `field`.
    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    fn status_code_message(&self) -> (StatusCode, &'static str, String) {
        match self {
            ApiError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "请先登录".into(),
            ),
            ApiError::BadCredentials => (
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                "用户名或密码错误".into(),
            ),
            ApiError::TooManyAttempts { retry_after_secs } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_attempts",
                format!("登录失败次数过多，请 {retry_after_secs} 秒后再试"),
            ),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "无权执行此操作".into()),
            ApiError::PasswordChangeRequired => (
                StatusCode::FORBIDDEN,
                "password_change_required",
                "请先修改一次性密码".into(),
            ),
            ApiError::AccountDisabled => (
                StatusCode::FORBIDDEN,
                "account_disabled",
                "该账号已停用，请联系管理员".into(),
            ),
            ApiError::Password(err) => {
                (StatusCode::UNPROCESSABLE_ENTITY, err.code(), err.message())
            }
            ApiError::Account(err) => {
                let status = match err.field() {
                    Some(_) if err.code() == "invalid" => StatusCode::UNPROCESSABLE_ENTITY,
                    _ => StatusCode::CONFLICT,
                };
                (status, err.code(), err.message().to_owned())
            }
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                "not_found",
                "未找到请求的内容".into(),
            ),
            ApiError::Conflict(message) => (StatusCode::CONFLICT, "conflict", message.clone()),
            ApiError::Invalid { message, .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "invalid", message.clone())
            }
            ApiError::Malformed(message) => (StatusCode::BAD_REQUEST, "malformed", message.clone()),
            ApiError::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "请求内容过大".into(),
            ),
            ApiError::Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "服务暂时不可用，请稍后重试".into(),
            ),
            ApiError::NotReady(message) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                (*message).to_owned(),
            ),
            ApiError::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "服务器内部错误，请稍后重试".into(),
            ),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> ApiError {
        ApiError::Internal(err.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(detail) | ApiError::Unavailable(detail) = &self {
            eprintln!("charterpass: {self}");
            let _ = detail;
        }
        let (status, code, message) = self.status_code_message();
        let retry_after = match &self {
            ApiError::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let field = match self {
            ApiError::Invalid { field, .. } => Some(field),
            ApiError::Password(err) => Some(err.field().to_owned()),
            ApiError::Account(err) => err.field().map(str::to_owned),
            _ => None,
        };
        let body = ErrorBody {
            code: code.to_owned(),
            message,
            field,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        response
    }
}
