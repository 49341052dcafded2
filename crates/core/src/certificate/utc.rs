//! Trust-list moments as RFC 3339 text, read without chrono's general-purpose parser, whose
//! pattern machinery would otherwise ship in the inspector's bundle for three fields.

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::Error;
use serde::{Deserialize, Deserializer};

/// Serde: reads a trust-list moment written by [`parse`]'s rules.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| D::Error::custom(format!("not an RFC 3339 time: {text}")))
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`: RFC 3339, as the server writes its trust list.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let bytes = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = bytes.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(at, c)| bytes.get(at) != Some(&c))
        || !matches!(bytes.get(10), Some(b'T' | b't'))
    {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(digits(0, 4)? as i32, digits(5, 2)?, digits(8, 2)?)?;
    let (mut at, mut nanos) = (19, 0u32);
    if bytes.get(at) == Some(&b'.') {
        let count = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if count == 0 {
            return None;
        }
        let kept = count.min(9);
        nanos = digits(at + 1, kept)? * 10u32.pow(9 - kept as u32);
        at += 1 + count;
    }
    let offset = match (bytes.get(at), bytes.len() - at) {
        (Some(b'Z' | b'z'), 1) => 0,
        (Some(sign @ (b'+' | b'-')), 6) if bytes[at + 3] == b':' => {
            let minutes = i64::from(digits(at + 1, 2)? * 60 + digits(at + 4, 2)?);
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        _ => return None,
    };
    let local = date.and_hms_nano_opt(digits(11, 2)?, digits(14, 2)?, digits(17, 2)?, nanos)?;
    local
        .and_utc()
        .checked_sub_signed(chrono::Duration::minutes(offset))
}

#[cfg(test)]
mod tests {
    use super::parse;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn reads_what_chrono_reads() {
        for text in [
            "2024-05-20T01:00:00Z",
            "2024-05-20T09:00:00+08:00",
            "2024-05-20t01:00:00.5z",
            "1999-12-31T23:59:59.123456789-05:30",
            "2029-12-31T23:59:59Z",
        ] {
            let ours = parse(text).map(|t| t.timestamp_nanos_opt());
            let chrono = chrono::DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|t| t.timestamp_nanos_opt());
            assert_eq!(ours, chrono, "{text}");
            assert!(ours.is_some(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for text in [
            "",
            "2024-05-20",
            "2024-05-20 01:00:00Z",
            "2024-05-20T01:00:00",
            "2024-02-30T01:00:00Z",
            "2024-05-20T25:00:00Z",
            "2024-05-20T01:00:00.Z",
            "2024-05-20T01:00:00+0800",
            "+024-05-20T01:00:00Z",
            "2024-05-20T01:00:00Zjunk",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
