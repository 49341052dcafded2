//! The rules a new password must meet: at least 10 characters, letters and digits, not the user
//! name, not one of the last three passwords of the account (checked by the server, which holds
//! their hashes).

use serde::{Deserialize, Serialize};

/// Fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted, in bytes (the sign-in limit).
pub const MAX_PASSWORD_LEN: usize = crate::session::MAX_CREDENTIAL_LEN;
/// How many of an account's latest passwords (the current one included) may not be chosen again.
pub const REMEMBERED_PASSWORDS: usize = 3;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordError {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// More than [`MAX_PASSWORD_LEN`] bytes.
    TooLong,
    /// No letter or no digit.
    NeedsLettersAndDigits,
    /// The same as the user name (letter case aside).
    SameAsUsername,
    /// One of the account's last [`REMEMBERED_PASSWORDS`] passwords.
    RecentlyUsed,
    /// The current password given is not the account's.
    WrongCurrent,
}

impl PasswordError {
    /// The stable code the API sends.
    pub fn code(self) -> &'static str {
        match self {
            PasswordError::TooShort => "password_too_short",
            PasswordError::TooLong => "password_too_long",
            PasswordError::NeedsLettersAndDigits => "password_needs_letters_and_digits",
            PasswordError::SameAsUsername => "password_same_as_username",
            PasswordError::RecentlyUsed => "password_recently_used",
            PasswordError::WrongCurrent => "wrong_current_password",
        }
    }

    /// What is wrong, in Chinese.
    pub fn message(self) -> String {
        match self {
            PasswordError::TooShort => format!("新密码至少 {MIN_PASSWORD_CHARS} 个字符"),
            PasswordError::TooLong => format!("新密码不能超过 {MAX_PASSWORD_LEN} 个字节"),
            PasswordError::NeedsLettersAndDigits => "新密码须同时包含字母和数字".into(),
            PasswordError::SameAsUsername => "新密码不能与用户名相同".into(),
            PasswordError::RecentlyUsed => {
                format!("新密码不能与最近 {REMEMBERED_PASSWORDS} 次使用的密码相同")
            }
            PasswordError::WrongCurrent => "当前密码不正确".into(),
        }
    }

    /// The form field at fault.
    pub fn field(self) -> &'static str {
        match self {
            PasswordError::WrongCurrent => "current",
            _ => "new",
        }
    }
}

/// Checks the rules that need no stored data: length, letters and digits, not the user name.
pub fn check_new_password(username: &str, new: &str) -> Result<(), PasswordError> {
    if new.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    if new.len() > MAX_PASSWORD_LEN {
        return Err(PasswordError::TooLong);
    }
    let letters = new.chars().any(|c| c.is_ascii_alphabetic());
    let digits = new.chars().any(|c| c.is_ascii_digit());
    if !letters || !digits {
        return Err(PasswordError::NeedsLettersAndDigits);
    }
    if new.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(PasswordError::SameAsUsername);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_long_password_of_letters_and_digits_passes() {
        assert_eq!(check_new_password("shenhe_km", "yunnan2026km"), Ok(()));
    }

    #[test]
    fn nine_characters_are_too_few_ten_are_enough() {
        assert_eq!(
            check_new_password("u", "abcd12345"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(check_new_password("u", "abcd123456"), Ok(()));
        // Characters, not bytes: nine Chinese characters are still too short.
        assert_eq!(
            check_new_password("u", "云南包车1234"),
            Err(PasswordError::TooShort)
        );
    }

    #[test]
    fn letters_alone_or_digits_alone_are_refused() {
        assert_eq!(
            check_new_password("u", "abcdefghijkl"),
            Err(PasswordError::NeedsLettersAndDigits)
        );
        assert_eq!(
            check_new_password("u", "123456789012"),
            Err(PasswordError::NeedsLettersAndDigits)
        );
    }

    #[test]
    fn the_user_name_is_refused_whatever_its_case() {
        assert_eq!(
            check_new_password("Admin2026xyz", "admin2026XYZ"),
            Err(PasswordError::SameAsUsername)
        );
    }

    #[test]
    fn an_overlong_password_is_refused() {
        let long = format!("a1{}", "x".repeat(MAX_PASSWORD_LEN));
        assert_eq!(check_new_password("u", &long), Err(PasswordError::TooLong));
    }

    #[test]
    fn every_error_speaks_chinese_and_names_a_field() {
        for err in [
            PasswordError::TooShort,
            PasswordError::TooLong,
            PasswordError::NeedsLettersAndDigits,
            PasswordError::SameAsUsername,
            PasswordError::RecentlyUsed,
            PasswordError::WrongCurrent,
        ] {
            assert!(err.message().contains("密码"), "{err:?}");
            assert!(!err.code().is_empty());
            assert!(["new", "current"].contains(&err.field()));
        }
    }
}
