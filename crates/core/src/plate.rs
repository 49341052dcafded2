//! Vehicle plate numbers, ordinary and new-energy.
//!
//! Ordinary plates have 7 characters (`云A12345`): province abbreviation, issuing authority letter,
//! five letters or digits. New-energy plates have 8: small vehicles `云AD12345` (D, F or another
//! energy letter, then a letter or digit, then four digits), large vehicles such as buses
//! `云A12345D` (five digits, then D or F). Letters never include I or O.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The 31 province abbreviations used on plates, with their provinces' 2-digit division prefix.
pub const PROVINCE_ABBREVIATIONS: [(char, &str); 31] = [
    ('京', "11"),
    ('津', "12"),
    ('冀', "13"),
    ('晋', "14"),
    ('蒙', "15"),
    ('辽', "21"),
    ('吉', "22"),
    ('黑', "23"),
    ('沪', "31"),
    ('苏', "32"),
    ('浙', "33"),
    ('皖', "34"),
    ('闽', "35"),
    ('赣', "36"),
    ('鲁', "37"),
    ('豫', "41"),
    ('鄂', "42"),
    ('湘', "43"),
    ('粤', "44"),
    ('桂', "45"),
    ('琼', "46"),
    ('渝', "50"),
    ('川', "51"),
    ('贵', "52"),
    ('云', "53"),
    ('藏', "54"),
    ('陕', "61"),
    ('甘', "62"),
    ('青', "63"),
    ('宁', "64"),
    ('新', "65"),
];

/// Letters that open the serial of a small new-energy plate (D and F first, the rest since 2019).
const SMALL_ENERGY_LETTERS: &str = "DFABCEGHJK";

/// Letters that close the serial of a large new-energy plate.
const LARGE_ENERGY_LETTERS: &str = "DF";

/// The two plate families.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlateKind {
    /// 7 characters, e.g. 云A12345.
    Ordinary,
    /// 8 characters, e.g. 云AD12345 or 云A12345D.
    NewEnergy,
}

/// A valid plate number, upper case, without separators.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Plate(String);

/// Why a text is not a valid plate number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlateError {
    /// Neither 7 (ordinary) nor 8 (new-energy) characters.
    Length {
        /// How many characters it has.
        found: usize,
    },
    /// The first character is not one of the 31 province abbreviations.
    Province {
        /// The first character given.
        found: char,
    },
    /// The second character is not a letter A–Z other than I and O.
    Authority {
        /// The second character given.
        found: char,
    },
    /// A character of the serial that is not allowed at this 1-based position.
    Character {
        /// 1-based position in the plate.
        position: usize,
        /// The offending character.
        found: char,
    },
}

impl fmt::Display for PlateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlateError::Length { found } => {
                write!(f, "车牌号码应为 7 位（新能源 8 位），实际为 {found} 位")
            }
            PlateError::Province { found } => write!(f, "车牌号码首字“{found}”不是有效的省份简称"),
            PlateError::Authority { found } => {
                write!(f, "车牌号码第 2 位“{found}”应为发牌机关字母（不含 I、O）")
            }
            PlateError::Character { position, found } => {
                write!(f, "车牌号码第 {position} 位字符“{found}”无效")
            }
        }
    }
}

impl std::error::Error for PlateError {}

/// A letter allowed on plates: A–Z except I and O.
fn is_plate_letter(c: char) -> bool {
    c.is_ascii_uppercase() && c != 'I' && c != 'O'
}

/// A letter or digit allowed in a plate's serial.
fn is_serial_char(c: char) -> bool {
    c.is_ascii_digit() || is_plate_letter(c)
}

/// The 2-digit division prefix of the province with this plate abbreviation.
pub fn province_prefix(abbreviation: char) -> Option<&'static str> {
    PROVINCE_ABBREVIATIONS
        .iter()
        .find(|(c, _)| *c == abbreviation)
        .map(|(_, prefix)| *prefix)
}

/// The first serial position (1-based in the plate) breaking `allowed`, as an error.
fn check_serial(serial: &[char], allowed: impl Fn(usize, char) -> bool) -> Result<(), PlateError> {
    match serial.iter().enumerate().find(|&(i, &c)| !allowed(i, c)) {
        Some((i, &c)) => Err(PlateError::Character {
            position: i + 3,
            found: c,
        }),
        None => Ok(()),
    }
}

impl Plate {
    /// Parses a plate, ignoring case, spaces and the separator dot (`云A·12345`).
    pub fn parse(text: &str) -> Result<Self, PlateError> {
        let chars: Vec<char> = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '·' | '•' | '.' | '-'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if chars.len() != 7 && chars.len() != 8 {
            return Err(PlateError::Length { found: chars.len() });
        }
        if province_prefix(chars[0]).is_none() {
            return Err(PlateError::Province { found: chars[0] });
        }
        if !is_plate_letter(chars[1]) {
            return Err(PlateError::Authority { found: chars[1] });
        }
        let serial = &chars[2..];
        if serial.len() == 5 {
            check_serial(serial, |_, c| is_serial_char(c))?;
        } else if serial[0].is_ascii_digit() {
            // Large new-energy vehicle: five digits, then D or F.
            check_serial(serial, |i, c| match i {
                5 => LARGE_ENERGY_LETTERS.contains(c),
                _ => c.is_ascii_digit(),
            })?;
        } else {
            // Small new-energy vehicle: energy letter, a letter or digit, then four digits.
            check_serial(serial, |i, c| match i {
                0 => SMALL_ENERGY_LETTERS.contains(c),
                1 => is_serial_char(c),
                _ => c.is_ascii_digit(),
            })?;
        }
        Ok(Plate(chars.into_iter().collect()))
    }

    /// The plate as text, e.g. `云A12345`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Ordinary or new-energy.
    pub fn kind(&self) -> PlateKind {
        match self.0.chars().count() {
            8 => PlateKind::NewEnergy,
            _ => PlateKind::Ordinary,
        }
    }

    /// The province abbreviation, e.g. `云`.
    pub fn province_abbreviation(&self) -> char {
        self.0.chars().next().expect("a parsed plate is not empty")
    }

    /// The 2-digit division prefix of the registering province, e.g. `53`.
    pub fn province_prefix(&self) -> &'static str {
        province_prefix(self.province_abbreviation()).expect("a parsed plate has a valid province")
    }
}

impl FromStr for Plate {
    type Err = PlateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Plate::parse(s)
    }
}

impl TryFrom<String> for Plate {
    type Error = PlateError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Plate::parse(&s)
    }
}

impl From<Plate> for String {
    fn from(plate: Plate) -> String {
        plate.0
    }
}

impl fmt::Display for Plate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn accepts_ordinary_plates() {
        let plate = Plate::parse("云A12345").unwrap();
        assert_eq!(plate.kind(), PlateKind::Ordinary);
        assert_eq!(plate.province_prefix(), "53");
        assert!(Plate::parse("渝B3X5Z7").is_ok());
        assert!(Plate::parse("藏AXY123").is_ok());
    }

    #[test]
    fn accepts_new_energy_plates() {
        assert_eq!(
            Plate::parse("云AD12345").unwrap().kind(),
            PlateKind::NewEnergy
        );
        assert_eq!(
            Plate::parse("云A12345D").unwrap().kind(),
            PlateKind::NewEnergy
        );
        assert!(Plate::parse("川AFA1234").is_ok());
        assert!(Plate::parse("桂B54321F").is_ok());
    }

    #[test]
    fn normalises_case_and_separators() {
        assert_eq!(Plate::parse(" 云a·12345 ").unwrap().as_str(), "云A12345");
    }

    #[test]
    fn rejects_unknown_province_abbreviations() {
        assert_eq!(
            Plate::parse("港A12345"),
            Err(PlateError::Province { found: '港' })
        );
        assert_eq!(
            Plate::parse("XA12345"),
            Err(PlateError::Province { found: 'X' })
        );
        assert!(Plate::parse("滇A12345")
            .unwrap_err()
            .to_string()
            .contains("省份简称"));
    }

    #[test]
    fn rejects_i_and_o() {
        assert_eq!(
            Plate::parse("云I12345"),
            Err(PlateError::Authority { found: 'I' })
        );
        assert_eq!(
            Plate::parse("云A1O345"),
            Err(PlateError::Character {
                position: 4,
                found: 'O'
            })
        );
        assert_eq!(
            Plate::parse("云A1234I"),
            Err(PlateError::Character {
                position: 7,
                found: 'I'
            })
        );
    }

    #[test]
    fn rejects_malformed_new_energy_plates() {
        // Large vehicles end in D or F only; small ones start with an energy letter.
        assert!(Plate::parse("云A12345X").is_err());
        assert!(Plate::parse("云AX12345").is_err());
        assert!(Plate::parse("云AD1234A").is_err());
        assert!(Plate::parse("云A1234D5").is_err());
    }

    #[test]
    fn rejects_wrong_lengths_and_symbols() {
        assert_eq!(
            Plate::parse("云A1234"),
            Err(PlateError::Length { found: 6 })
        );
        assert_eq!(Plate::parse(""), Err(PlateError::Length { found: 0 }));
        assert!(Plate::parse("云A1234５").is_err());
        assert!(Plate::parse("云A123学5").is_err());
    }

    #[test]
    fn has_31_distinct_province_abbreviations() {
        let mut prefixes: Vec<&str> = PROVINCE_ABBREVIATIONS.iter().map(|(_, p)| *p).collect();
        prefixes.sort();
        prefixes.dedup();
        assert_eq!(prefixes.len(), 31);
        for prefix in prefixes {
            let code = format!("{prefix}0000");
            assert!(crate::division::province(&code).is_some(), "{code}");
        }
    }

    #[test]
    fn serializes_as_text_and_refuses_bad_plates() {
        let plate: Plate = serde_json::from_str("\"云A12345\"").unwrap();
        assert_eq!(serde_json::to_string(&plate).unwrap(), "\"云A12345\"");
        assert!(serde_json::from_str::<Plate>("\"云I12345\"").is_err());
    }
}
