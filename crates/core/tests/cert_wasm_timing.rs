//! Times the verification pipeline in the browser beside WebCrypto's ES256 on the same key and
//! message, and each of the pipeline's stages: prints figures, asserts only correctness.
//! Run: `make bench-verify` (scripts/bench-verify.sh), or
//! `cargo test -p charterpass-core --target wasm32-unknown-unknown --release --test cert_wasm_timing -- --nocapture`
//! with wasm-bindgen-test-runner and headless Chromium (`WASM_BINDGEN_TEST_TIMEOUT=600` on a busy
//! machine: the runner gives a test 20 s by default).
#![cfg(target_arch = "wasm32")]

use std::hint::black_box;

use charterpass_core::certificate::claims::Claims;
use charterpass_core::certificate::issuer_key::IssuerKey;
use charterpass_core::certificate::{
    cose, signature, text, verify, zlib, Kid, TrustList, Vector, PREFIX,
};
use p256::ecdsa::signature::hazmat::PrehashVerifier;
use p256::ecdsa::Signature;
use p256::elliptic_curve::ops::{MulByGeneratorVartime, Reduce};
use p256::elliptic_curve::point::AffineCoordinates;
use p256::{FieldBytes, ProjectivePoint, Scalar};
use sha2::{Digest, Sha256};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export function now() { return performance.now(); }
// Lets the page breathe between batches, so the test runner's polls are answered.
export function nextTask() { return new Promise((resolve) => setTimeout(resolve, 0)); }
export async function importP256(point) {
  return crypto.subtle.importKey('raw', point, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
}
// Verifies `runs` times in sequence, as a page would; the mean time of one, in milliseconds.
export async function webCryptoBatch(key, signature, message, runs) {
  const algorithm = { name: 'ECDSA', hash: 'SHA-256' };
  let valid = 0;
  const start = performance.now();
  for (let i = 0; i < runs; i++) valid += (await crypto.subtle.verify(algorithm, key, signature, message)) ? 1 : 0;
  const mean = (performance.now() - start) / runs;
  if (valid !== runs) throw new Error(`WebCrypto refused ${runs - valid} of ${runs}`);
  return mean;
}
"#)]
extern "C" {
    fn now() -> f64;
    #[wasm_bindgen(js_name = nextTask)]
    fn next_task() -> js_sys::Promise;
    #[wasm_bindgen(js_name = importP256)]
    fn import_p256(point: js_sys::Uint8Array) -> js_sys::Promise;
    #[wasm_bindgen(js_name = webCryptoBatch)]
    fn web_crypto_batch(
        key: &JsValue,
        signature: js_sys::Uint8Array,
        message: js_sys::Uint8Array,
        runs: u32,
    ) -> js_sys::Promise;
}

/// Batches per figure and verifications per batch: fewer unoptimised, so the debug suite is quick.
/// A batch is timed as a whole because the browser's clock is coarse (0.1 ms without isolation).
const BATCHES: usize = if cfg!(debug_assertions) { 3 } else { 41 };
const PER_BATCH: u32 = if cfg!(debug_assertions) { 2 } else { 25 };
/// Batches per stage figure.
const STAGE_BATCHES: usize = if cfg!(debug_assertions) { 1 } else { 15 };

/// The mean time of one call of `f` in one batch, in milliseconds.
fn batch(mut f: impl FnMut()) -> f64 {
    let start = now();
    for _ in 0..PER_BATCH {
        f();
    }
    (now() - start) / f64::from(PER_BATCH)
}

/// Median and 90th percentile of batch means.
fn median_p90(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

fn report(label: &str, times: Vec<f64>) -> f64 {
    let (median, p90) = median_p90(times);
    console_log!("verify bench: {label:<44} median {median:.4} ms  p90 {p90:.4} ms");
    median
}

async fn stage(label: &str, mut f: impl FnMut()) {
    let mut times = Vec::new();
    for _ in 0..STAGE_BATCHES {
        times.push(batch(&mut f));
        breathe().await;
    }
    report(label, times);
}

async fn breathe() {
    JsFuture::from(next_task()).await.unwrap();
}

#[wasm_bindgen_test]
async fn cert_verify_timing_in_browser() {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../tests/vectors/valid.json")).unwrap();
    let v = vectors
        .into_iter()
        .find(|v| v.name == "valid_yunnan_53")
        .unwrap();
    let at = v.clock().unwrap();
    let trust = TrustList::from_issuers(v.trust);
    assert!(verify(&v.qr, &trust, at).is_valid());

    // The same key and message for WebCrypto: the issuer's point and the COSE Sig_structure.
    let base45 = text::strip_prefix(&v.qr, PREFIX).unwrap();
    let compressed = text::base45_decode(base45).unwrap();
    let message = zlib::inflate(&compressed).unwrap();
    let sign1 = cose::parse_sign1(&message).unwrap();
    let kid = Kid(cose::kid(&sign1, false).unwrap());
    let issuer = trust.find(kid).unwrap().clone();
    let key = issuer.verifying_key().unwrap();
    let tbs = sign1.to_be_signed();
    let digest = Sha256::digest(&tbs);
    let sig = Signature::from_slice(&sign1.signature).unwrap();
    let web_key = JsFuture::from(import_p256(issuer.public_key.as_slice().into()))
        .await
        .unwrap();

    // The whole pipeline and WebCrypto in alternating batches, so that a busy machine slows both.
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut valid = 0;
    for _ in 0..BATCHES {
        ours.push(batch(|| {
            valid += u32::from(verify(&v.qr, &trust, at).is_valid())
        }));
        let mean = JsFuture::from(web_crypto_batch(
            &web_key,
            sign1.signature.as_slice().into(),
            tbs.as_slice().into(),
            PER_BATCH,
        ))
        .await
        .unwrap();
        theirs.push(mean.as_f64().unwrap());
        breathe().await;
    }
    assert_eq!(valid, PER_BATCH * BATCHES as u32);
    let runs = PER_BATCH as usize * BATCHES;
    console_log!("verify bench: {runs} verifications each, in {BATCHES} batches of {PER_BATCH}");
    let ours = report("ours: core::verify, whole pipeline", ours);
    let theirs = report("WebCrypto: crypto.subtle.verify ES256", theirs);
    console_log!(
        "verify bench: ratio ours / WebCrypto (medians)  {:.2}x",
        ours / theirs
    );

    // Each stage alone, on the same certificate.
    stage("stage: prefix + Base45", || {
        black_box(
            text::base45_decode(text::strip_prefix(black_box(&v.qr), PREFIX).unwrap()).unwrap(),
        );
    })
    .await;
    stage("stage: zlib inflate", || {
        black_box(zlib::inflate(black_box(&compressed)).unwrap());
    })
    .await;
    stage("stage: COSE_Sign1 (CBOR) + alg + kid", || {
        let s = cose::parse_sign1(black_box(&message)).unwrap();
        cose::require_es256(&s).unwrap();
        black_box(cose::kid(&s, false).unwrap());
    })
    .await;
    stage("stage: trust-list lookup", || {
        let kid = black_box(kid);
        assert!(trust.removal(kid).is_none());
        black_box(trust.find(kid).unwrap().trusted_at(at));
    })
    .await;
    stage("stage: issuer key, prepared (kept after 1st use)", || {
        black_box(black_box(&issuer).prepared_key().unwrap());
    })
    .await;
    stage("stage: Sig_structure", || {
        black_box(black_box(&sign1).to_be_signed());
    })
    .await;
    stage("stage: SHA-256 of the Sig_structure", || {
        black_box(Sha256::digest(black_box(&tbs)));
    })
    .await;
    let prepared = issuer.prepared_key().unwrap();
    stage("stage: ES256 with the prepared key (hash + ECDSA)", || {
        prepared
            .verify_es256(black_box(&tbs), black_box(&sign1.signature))
            .unwrap();
    })
    .await;
    stage("stage: claims (CBOR)", || {
        black_box(Claims::from_payload(black_box(&sign1.payload)).unwrap());
    })
    .await;

    // What the prepared key replaces: p256's own verification from the SEC1 point.
    stage("before: issuer key (SEC1 point + kid check)", || {
        black_box(black_box(&issuer).verifying_key().unwrap());
    })
    .await;
    stage("before: p256 ES256 verify (hash + ECDSA)", || {
        signature::verify_es256(&key, black_box(&tbs), black_box(&sign1.signature)).unwrap();
    })
    .await;
    stage("before: p256 ECDSA verify (prehashed)", || {
        key.verify_prehash(black_box(&digest), black_box(&sig))
            .unwrap();
    })
    .await;
    stage("preparing a key (once per key)", || {
        black_box(IssuerKey::new(black_box(&key)));
    })
    .await;

    // Inside p256's ECDSA: the scalar inversion, u1·G + u2·Q, and the point's affine x (field inversion).
    let (r, s) = sig.split_scalars();
    let z = <Scalar as Reduce<FieldBytes>>::reduce(&digest);
    let q = ProjectivePoint::from(*key.as_affine());
    let s_inv = s.invert_vartime().unwrap();
    let (u1, u2) = (z * s_inv, *r * s_inv);
    let sum = ProjectivePoint::mul_by_generator_and_mul_add_vartime(&u1, &u2, &q);
    assert_eq!(
        <Scalar as Reduce<FieldBytes>>::reduce(&sum.to_affine().x()),
        *r
    );
    stage("  p256 ecdsa: s^-1 (scalar inversion)", || {
        black_box(black_box(s).invert_vartime());
    })
    .await;
    stage("  p256 ecdsa: u1*G + u2*Q", || {
        black_box(ProjectivePoint::mul_by_generator_and_mul_add_vartime(
            black_box(&u1),
            black_box(&u2),
            &q,
        ));
    })
    .await;
    stage("  p256 ecdsa: to affine (field inversion)", || {
        black_box(black_box(sum).to_affine());
    })
    .await;
}
