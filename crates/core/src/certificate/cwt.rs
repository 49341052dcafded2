//! The CWT layer (RFC 8392): the registered claims of a CBOR Web Token and its time window.

use super::cbor;
use super::cose::check_cbor;
use super::error::VerifyError;

/// CWT claim key `iss` (issuer).
pub const KEY_ISS: i64 = 1;
/// CWT claim key `exp` (expiration time).
pub const KEY_EXP: i64 = 4;
/// CWT claim key `nbf` (not before).
pub const KEY_NBF: i64 = 5;
/// CWT claim key `iat` (issued at).
pub const KEY_IAT: i64 = 6;

/// The registered claims of a CWT plus every other claim, undecoded.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CwtClaims<'p> {
    /// `iss` (1), a text string.
    pub iss: Option<String>,
    /// `iat` (6), seconds since the Unix epoch.
    pub iat: Option<i64>,
    /// `nbf` (5), seconds since the Unix epoch.
    pub nbf: Option<i64>,
    /// `exp` (4), seconds since the Unix epoch.
    pub exp: Option<i64>,
    /// Every other claim, as (integer key, encoded value).
    pub other: Vec<(i64, &'p [u8])>,
}

impl<'p> CwtClaims<'p> {
    /// Decodes a CWT claims map (depth-limited); registered claims must have their RFC types.
    pub fn decode(payload: &'p [u8]) -> Result<CwtClaims<'p>, VerifyError> {
        check_cbor(payload).map_err(|e| match e {
            VerifyError::CborTooDeep => VerifyError::CborTooDeep,
            _ => VerifyError::ClaimsInvalid,
        })?;
        let entries = cbor::map(payload).ok_or(VerifyError::ClaimsInvalid)?;
        let mut claims = CwtClaims::default();
        for (key, value) in entries {
            let key = cbor::int(key).ok_or(VerifyError::ClaimsInvalid)?;
            match key {
                KEY_ISS => set_once(&mut claims.iss, cbor::text(value))?,
                KEY_IAT => set_once(&mut claims.iat, cbor::int(value))?,
                KEY_NBF => set_once(&mut claims.nbf, cbor::int(value))?,
                KEY_EXP => set_once(&mut claims.exp, cbor::int(value))?,
                _ if claims.other.iter().any(|(k, _)| *k == key) => {
                    return Err(VerifyError::ClaimsInvalid)
                }
                _ => claims.other.push((key, value)),
            }
        }
        Ok(claims)
    }

    /// The encoded value of a non-registered claim.
    pub fn get(&self, key: i64) -> Option<&'p [u8]> {
        self.other.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// Checks the verification clock `at` against a window; both ends are inclusive.
pub fn check_window(
    not_before: Option<i64>,
    expires: Option<i64>,
    at: i64,
) -> Result<(), VerifyError> {
    if not_before.is_some_and(|nbf| at < nbf) {
        return Err(VerifyError::NotYetValid);
    }
    if expires.is_some_and(|exp| at > exp) {
        return Err(VerifyError::Expired);
    }
    Ok(())
}

/// Sets a claim that may appear only once and must have the right type.
fn set_once<T>(slot: &mut Option<T>, value: Option<T>) -> Result<(), VerifyError> {
    if slot.is_some() || value.is_none() {
        return Err(VerifyError::ClaimsInvalid);
    }
    *slot = value;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_inclusive() {
        assert_eq!(check_window(Some(10), Some(20), 10), Ok(()));
        assert_eq!(check_window(Some(10), Some(20), 20), Ok(()));
        assert_eq!(
            check_window(Some(10), Some(20), 9),
            Err(VerifyError::NotYetValid)
        );
        assert_eq!(
            check_window(Some(10), Some(20), 21),
            Err(VerifyError::Expired)
        );
    }

    #[test]
    fn rejects_non_map_and_wrong_types() {
        assert_eq!(CwtClaims::decode(&[0x80]), Err(VerifyError::ClaimsInvalid));
        // {1: 5}: iss must be text.
        assert_eq!(
            CwtClaims::decode(&[0xa1, 0x01, 0x05]),
            Err(VerifyError::ClaimsInvalid)
        );
        // {1: "53"}
        let ok = CwtClaims::decode(&[0xa1, 0x01, 0x62, b'5', b'3']).unwrap();
        assert_eq!(ok.iss.as_deref(), Some("53"));
    }
}
