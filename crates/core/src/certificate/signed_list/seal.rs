//! Signing trust lists and certifying list-signing keys (server side, feature `sign`).

use super::certification::{statement, ROOT_KEY_LABEL};
use super::content::ListContent;
use super::fingerprint::{point, spki_der};
use super::SIGNER_CERTIFICATION_LABEL;
use crate::certificate::kid::Kid;
use crate::certificate::payload;
use ciborium::Value;
use coset::{iana, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};

/// The root `root` certifies `signer` as `province`'s list-signing key for `[not_before, not_after]`.
pub fn certify(
    root: &SigningKey,
    province: &str,
    signer: &VerifyingKey,
    not_before: i64,
    not_after: i64,
) -> Vec<u8> {
    let unprotected = HeaderBuilder::new()
        .value(
            ROOT_KEY_LABEL,
            Value::Bytes(point(root.verifying_key()).to_vec()),
        )
        .build();
    sign(
        root,
        statement(province, signer, not_before, not_after),
        unprotected,
    )
}

/// Signs `content` with the list-signing key `signer`, carrying its root's `certification`.
pub fn seal(signer: &SigningKey, certification: &[u8], content: &ListContent) -> Vec<u8> {
    let unprotected = HeaderBuilder::new()
        .value(
            SIGNER_CERTIFICATION_LABEL,
            Value::Bytes(certification.to_vec()),
        )
        .build();
    sign(signer, content.to_cbor(), unprotected)
}

fn sign(key: &SigningKey, payload_cbor: Vec<u8>, unprotected: coset::Header) -> Vec<u8> {
    let kid = Kid::from_spki_der(&spki_der(key.verifying_key()));
    let protected = HeaderBuilder::new()
        .algorithm(iana::Algorithm::ES256)
        .key_id(kid.0.to_vec())
        .build();
    let mut sign1 = CoseSign1Builder::new()
        .protected(protected)
        .unprotected(unprotected)
        .payload(payload_cbor)
        .build();
    let signature: Signature = key.sign(&payload::to_be_signed(&sign1));
    sign1.signature = signature.to_bytes().to_vec();
    // A message built here always serialises.
    sign1.to_tagged_vec().unwrap_or_default()
}
