//! The resident identity number (公民身份号码, GB 11643): 18 characters, the last a check
//! character computed over the first 17 (ISO 7064 MOD 11-2, `X` for 10).

use std::fmt;

/// The weights of the first 17 digits.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each remainder of the weighted sum modulo 11.
const CHECKS: &[u8; 11] = b"10X98765432";

/// Why a text is not a valid identity number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdNumberError {
    /// Not 18 characters long.
    Length {
        /// How many characters it has.
        found: usize,
    },
    /// One of the first 17 characters is not a digit, or the last is neither a digit nor X.
    Character {
        /// 1-based position.
        position: usize,
    },
    /// Characters 7 to 14 are not a real date of birth.
    BirthDate,
    /// The 18th character does not match the check computed over the first 17.
    Check,
}

impl fmt::Display for IdNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdNumberError::Length { found } => {
                write!(f, "身份证号码应为 18 位，实际为 {found} 位")
            }
            IdNumberError::Character { position } => {
                write!(f, "身份证号码第 {position} 位字符无效")
            }
            IdNumberError::BirthDate => write!(f, "身份证号码中的出生日期无效"),
            IdNumberError::Check => write!(f, "身份证号码校验位不正确，请核对后重新输入"),
        }
    }
}

impl std::error::Error for IdNumberError {}

/// The check character of the first 17 digits (all ASCII digits).
fn check_char(first17: &[u8]) -> char {
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    CHECKS[(sum % 11) as usize] as char
}

/// Checks an identity number, ignoring surrounding whitespace and the case of `x`; returns it
/// normalised (upper-case `X`).
pub fn parse(text: &str) -> Result<String, IdNumberError> {
    let number = text.trim().to_ascii_uppercase();
    let count = number.chars().count();
    if count != 18 {
        return Err(IdNumberError::Length { found: count });
    }
    let bytes = number.as_bytes();
    if let Some(i) = bytes[..17].iter().position(|b| !b.is_ascii_digit()) {
        return Err(IdNumberError::Character { position: i + 1 });
    }
    if !(bytes[17].is_ascii_digit() || bytes[17] == b'X') {
        return Err(IdNumberError::Character { position: 18 });
    }
    let digits = |range: std::ops::Range<usize>| -> u32 { number[range].parse().unwrap_or(0) };
    let (year, month, day) = (digits(6..10), digits(10..12), digits(12..14));
    let valid_date = (1800..=2100).contains(&year)
        && chrono::NaiveDate::from_ymd_opt(year as i32, month, day).is_some();
    if !valid_date {
        return Err(IdNumberError::BirthDate);
    }
    if check_char(&bytes[..17]) != bytes[17] as char {
        return Err(IdNumberError::Check);
    }
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn the_standard_example_is_valid() {
        // GB 11643-1999 appendix example.
        assert_eq!(parse("11010519491231002x"), Ok("11010519491231002X".into()));
        assert_eq!(
            parse(" 440524188001010014 "),
            Ok("440524188001010014".into())
        );
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(parse("110105194912310021"), Err(IdNumberError::Check));
        assert_eq!(
            parse("110105194912310021").unwrap_err().to_string(),
            "身份证号码校验位不正确，请核对后重新输入"
        );
    }

    #[test]
    fn length_characters_and_birth_date_are_checked() {
        assert_eq!(
            parse("1101051949"),
            Err(IdNumberError::Length { found: 10 })
        );
        assert_eq!(
            parse("11010519491231A02X"),
            Err(IdNumberError::Character { position: 15 })
        );
        assert_eq!(parse("110105194913310029"), Err(IdNumberError::BirthDate));
        assert_eq!(
            parse("5.30102E+17"),
            Err(IdNumberError::Length { found: 11 }),
            "what Excel makes of a number column"
        );
    }
}
