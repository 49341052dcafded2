//! The zlib layer (RFC 1950): deflate for issuing, capped inflate for verifying.

use super::error::VerifyError;
use super::limits::MAX_INFLATED_LEN;
use miniz_oxide::inflate::{decompress_to_vec_zlib_with_limit, TINFLStatus};

/// Inflates a zlib stream, refusing output larger than [`MAX_INFLATED_LEN`].
pub fn inflate(bytes: &[u8]) -> Result<Vec<u8>, VerifyError> {
    inflate_with_limit(bytes, MAX_INFLATED_LEN)
}

/// Inflates a zlib stream, refusing output larger than `limit` bytes.
pub fn inflate_with_limit(bytes: &[u8], limit: usize) -> Result<Vec<u8>, VerifyError> {
    decompress_to_vec_zlib_with_limit(bytes, limit).map_err(|e| match e.status {
        TINFLStatus::HasMoreOutput => VerifyError::ZlibTooLarge,
        _ => VerifyError::ZlibInvalid,
    })
}

/// Deflates bytes into a zlib stream at the best compression level (deterministic).
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_cap() {
        let big = vec![0u8; MAX_INFLATED_LEN + 1];
        let packed = deflate(&big);
        assert_eq!(inflate(&packed), Err(VerifyError::ZlibTooLarge));
        assert_eq!(inflate(&deflate(b"abc")).unwrap(), b"abc");
    }

    #[test]
    fn rejects_truncated_and_raw() {
        let packed = deflate(b"hello hello hello");
        assert_eq!(
            inflate(&packed[..packed.len() - 3]),
            Err(VerifyError::ZlibInvalid)
        );
        assert_eq!(inflate(b"not zlib"), Err(VerifyError::ZlibInvalid));
    }
}
