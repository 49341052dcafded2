//! Accounts: the password rules every account follows and what the app and the API exchange to
//! administer accounts (design.md glossary: 账号).

mod password;
mod types;

pub use password::{
    check_new_password, PasswordError, MAX_PASSWORD_LEN, MIN_PASSWORD_CHARS, REMEMBERED_PASSWORDS,
};
pub use types::{
    check_display_name, check_username, AccountError, AccountSummary, AccountUpdate, NewAccount,
    OneTimePassword, PasswordChange, PROVINCIAL_BUREAU,
};
