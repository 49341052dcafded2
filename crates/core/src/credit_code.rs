//! The unified social credit code (统一社会信用代码, GB 32100) and its check character.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The 31 characters a credit code may use (no I, O, S, V, Z), in value order.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weights of the first 17 characters (3^i mod 31).
pub const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The number of characters of a credit code.
pub const LEN: usize = 18;

/// A valid 18-character unified social credit code, upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

/// Why a text is not a valid credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeError {
    /// Not 18 characters long.
    Length {
        /// How many characters it has.
        found: usize,
    },
    /// A character outside the GB 32100 set at this 1-based position.
    Character {
        /// 1-based position.
        position: usize,
        /// The offending character.
        found: char,
    },
    /// Characters 3 to 8 (the registering authority's division code) must be digits.
    DivisionCode,
    /// The 18th character does not match the check computed over the first 17.
    Check {
        /// The check character the first 17 call for.
        expected: char,
        /// The 18th character given.
        found: char,
    },
}

impl fmt::Display for CreditCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreditCodeError::Length { found } => {
                write!(f, "统一社会信用代码应为 18 位，实际为 {found} 位")
            }
            CreditCodeError::Character { position, found } => {
                write!(f, "统一社会信用代码第 {position} 位字符“{found}”无效")
            }
            CreditCodeError::DivisionCode => {
                write!(f, "统一社会信用代码第 3 至 8 位应为行政区划代码（数字）")
            }
            CreditCodeError::Check { .. } => {
                write!(f, "统一社会信用代码校验位不正确，请核对后重新输入")
            }
        }
    }
}

impl std::error::Error for CreditCodeError {}

/// The value (0..31) of a credit-code character, if it is in the set.
fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The check character for the first 17 characters of a credit code (upper case).
pub fn check_char(first17: &str) -> Result<char, CreditCodeError> {
    let count = first17.chars().count();
    if count != LEN - 1 {
        return Err(CreditCodeError::Length { found: count });
    }
    let mut sum = 0;
    for (i, (c, weight)) in first17.chars().zip(WEIGHTS).enumerate() {
        let v = value(c).ok_or(CreditCodeError::Character {
            position: i + 1,
            found: c,
        })?;
        sum += v * weight;
    }
    let check = (31 - sum % 31) % 31;
    Ok(ALPHABET.as_bytes()[check as usize] as char)
}

impl CreditCode {
    /// Parses a credit code, ignoring surrounding whitespace and letter case.
    pub fn parse(text: &str) -> Result<Self, CreditCodeError> {
        let code = text.trim().to_ascii_uppercase();
        let count = code.chars().count();
        if count != LEN {
            return Err(CreditCodeError::Length { found: count });
        }
        if let Some((i, c)) = code.chars().enumerate().find(|&(_, c)| value(c).is_none()) {
            return Err(CreditCodeError::Character {
                position: i + 1,
                found: c,
            });
        }
        // All characters are ASCII from here on.
        if !code.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(CreditCodeError::DivisionCode);
        }
        let expected = check_char(&code[..17])?;
        let found = code.as_bytes()[17] as char;
        if expected != found {
            return Err(CreditCodeError::Check { expected, found });
        }
        Ok(CreditCode(code))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 6-digit division code of the registering authority (characters 3 to 8).
    pub fn division_code(&self) -> &str {
        &self.0[2..8]
    }
}

impl FromStr for CreditCode {
    type Err = CreditCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CreditCode::parse(s)
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(code: CreditCode) -> String {
        code.0
    }
}

impl AsRef<str> for CreditCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Real codes: Shenzhen Tencent Computer Systems, Huawei Technologies, and the example of
    // GB 32100-2015 itself.
    const VALID: [&str; 3] = [
        "91440300708461136T",
        "914403001922038216",
        "91350100M000100Y43",
    ];

    #[test]
    fn accepts_real_codes() {
        for code in VALID {
            assert_eq!(CreditCode::parse(code).unwrap().as_str(), code);
        }
    }

    #[test]
    fn computes_the_check_character() {
        assert_eq!(check_char("91440300708461136"), Ok('T'));
        assert_eq!(check_char("91440300192203821"), Ok('6'));
        // A remainder of 0 maps to '0', not to an out-of-range 31.
        assert!(ALPHABET.contains(check_char("00000000000000000").unwrap()));
        assert_eq!(check_char("00000000000000000"), Ok('0'));
    }

    #[test]
    fn rejects_a_corrupted_check_character() {
        let err = CreditCode::parse("91440300708461136U").unwrap_err();
        assert_eq!(
            err,
            CreditCodeError::Check {
                expected: 'T',
                found: 'U'
            }
        );
        // The example in our brief turns out to be invalid: its check character would be 5.
        assert!(matches!(
            CreditCode::parse("91530000216520519F"),
            Err(CreditCodeError::Check { expected: '5', .. })
        ));
    }

    #[test]
    fn rejects_a_swapped_digit() {
        assert!(CreditCode::parse("91440300708461163T").is_err());
    }

    #[test]
    fn normalises_case_and_whitespace() {
        let code = CreditCode::parse(" 91350100m000100y43\n").unwrap();
        assert_eq!(code.as_str(), "91350100M000100Y43");
        assert_eq!(code.division_code(), "350100");
    }

    #[test]
    fn rejects_wrong_length_and_characters() {
        assert_eq!(
            CreditCode::parse("9144030070846113").unwrap_err(),
            CreditCodeError::Length { found: 16 }
        );
        assert_eq!(
            CreditCode::parse("91440300708461136I").unwrap_err(),
            CreditCodeError::Character {
                position: 18,
                found: 'I'
            }
        );
        assert!(matches!(
            CreditCode::parse("91440300708461136６"),
            Err(CreditCodeError::Character { .. })
        ));
        assert!(CreditCode::parse("91A40300708461136T")
            .unwrap_err()
            .to_string()
            .contains("第 3 至 8 位"));
    }

    #[test]
    fn deserializes_only_valid_codes() {
        let code: CreditCode = serde_json::from_str("\"91440300708461136T\"").unwrap();
        assert_eq!(
            serde_json::to_string(&code).unwrap(),
            "\"91440300708461136T\""
        );
        assert!(serde_json::from_str::<CreditCode>("\"91440300708461136U\"").is_err());
    }
}
