//! Issuing (server side, feature `sign`): sign claims with an issuer's private key.
//!
//! ECDSA signatures are deterministic (RFC 6979), so the same key and claims give the same text.

use super::claims::Claims;
use super::error::VerifyError;
use super::payload;
use super::trust_list::kid_of_key;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};

/// Signs `claims` with `key` and returns the certificate text `BC1:…`.
pub fn sign_with(key: &SigningKey, claims: &Claims) -> Result<String, VerifyError> {
    Ok(payload::to_text(&sign_message(key, claims)?))
}

/// Signs `claims` with `key` and returns the COSE_Sign1 message (before zlib and Base45).
pub fn sign_message(key: &SigningKey, claims: &Claims) -> Result<Vec<u8>, VerifyError> {
    let kid = kid_of_key(key.verifying_key())?;
    let unsigned = payload::unsigned(kid, claims.to_cbor()?);
    let signature: Signature = key.sign(&payload::to_be_signed(&unsigned));
    Ok(payload::assemble(unsigned, signature.to_bytes().into()))
}
