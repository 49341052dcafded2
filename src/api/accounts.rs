//! Accounts: the administrator's account list and changes, a driver's account from its
//! enterprise, and changing one's own password.

use charterpass_core::account::{
    AccountSummary, AccountUpdate, NewAccount, OneTimePassword, PasswordChange,
};
use charterpass_core::filing_api::{Paged, DEFAULT_PER_PAGE};
use charterpass_core::role::Role;

use super::json::Field;
use super::ApiError;

/// One page of accounts, optionally of one role and matching `search`.
pub async fn list(
    role: Option<Role>,
    search: &str,
    page: u32,
) -> Result<Paged<AccountSummary>, ApiError> {
    let role = role.map_or("", Role::as_str);
    let search = String::from(js_sys::encode_uri_component(search.trim()));
    super::get(&format!(
        "/accounts?role={role}&q={search}&page={page}&per_page={DEFAULT_PER_PAGE}"
    ))
    .await
}

/// Creates an account; its one-time password is shown once.
pub async fn create(new: &NewAccount) -> Result<OneTimePassword, ApiError> {
    super::send("POST", "/accounts", new).await
}

/// Changes an account's display name and ties.
pub async fn update(id: i64, change: &AccountUpdate) -> Result<AccountSummary, ApiError> {
    super::send("PATCH", &format!("/accounts/{id}"), change).await
}

/// Disables (`true`) or re-enables an account.
pub async fn set_disabled(id: i64, disabled: bool) -> Result<AccountSummary, ApiError> {
    let action = if disabled { "disable" } else { "enable" };
    super::send("POST", &format!("/accounts/{id}/{action}"), &()).await
}

/// Gives an account a new one-time password.
pub async fn reset_password(id: i64) -> Result<OneTimePassword, ApiError> {
    super::send("POST", &format!("/accounts/{id}/reset-password"), &()).await
}

/// An enterprise operator gives one of its own drivers an account.
pub async fn give_driver_account(driver_id: i64) -> Result<OneTimePassword, ApiError> {
    super::send("POST", &format!("/fleet/drivers/{driver_id}/account"), &()).await
}

/// The signed-in person changes their password.
pub async fn change_password(change: &PasswordChange) -> Result<(), ApiError> {
    let body = super::json::object_text(&[
        ("current", Field::Text(&change.current)),
        ("new", Field::Text(&change.new)),
    ]);
    super::send_json_no_content("POST", "/session/password", body).await
}
