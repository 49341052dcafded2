//! The text layer: length limit, prefix and Base45 (RFC 9285).

use super::error::VerifyError;
use super::limits::MAX_TEXT_LEN;

/// Checks the length limit and removes `prefix`, returning the Base45 part.
pub fn strip_prefix<'a>(text: &'a str, prefix: &str) -> Result<&'a str, VerifyError> {
    if text.len() > MAX_TEXT_LEN {
        return Err(VerifyError::TextTooLong);
    }
    text.strip_prefix(prefix).ok_or(VerifyError::PrefixMissing)
}

/// Decodes Base45 text into bytes.
pub fn base45_decode(text: &str) -> Result<Vec<u8>, VerifyError> {
    base45::decode(text).map_err(|_| VerifyError::Base45Invalid)
}

/// Encodes bytes as Base45 text behind `prefix`.
pub fn encode(prefix: &str, bytes: &[u8]) -> String {
    let mut out = String::from(prefix);
    out.push_str(&base45::encode(bytes));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_wrong_prefix_and_long_text() {
        assert_eq!(
            strip_prefix("HC1:ABC", "BC1:"),
            Err(VerifyError::PrefixMissing)
        );
        assert_eq!(
            strip_prefix(&"A".repeat(MAX_TEXT_LEN + 1), ""),
            Err(VerifyError::TextTooLong)
        );
        assert_eq!(strip_prefix("BC1:ABC", "BC1:"), Ok("ABC"));
    }

    #[test]
    fn base45_round_trip_and_rejects_lowercase() {
        let text = encode("", b"charter");
        assert_eq!(base45_decode(&text).unwrap(), b"charter");
        assert_eq!(base45_decode("abc"), Err(VerifyError::Base45Invalid));
        assert_eq!(base45_decode("GGW"), Err(VerifyError::Base45Invalid));
    }
}
