//! Criterion benchmark of the full verification pipeline on an ordinary certificate (native).
//! Run: `cargo bench -p charterpass-core --bench verify`.

use charterpass_core::certificate::{cose, text, verify, zlib, TrustList, Vector, PREFIX};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn ordinary() -> (String, TrustList, i64) {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../tests/vectors/valid.json")).unwrap();
    let v = vectors
        .into_iter()
        .find(|v| v.name == "valid_yunnan_53")
        .unwrap();
    let at = v.clock().unwrap();
    (v.qr, TrustList::from_issuers(v.trust), at)
}

fn bench_verify(c: &mut Criterion) {
    let (qr, trust, at) = ordinary();
    assert!(verify(&qr, &trust, at).is_valid());
    c.bench_function("verify_full_pipeline", |b| {
        b.iter(|| verify(black_box(&qr), black_box(&trust), at))
    });
    c.bench_function("decode_layers_only", |b| {
        b.iter(|| {
            let body = text::strip_prefix(black_box(&qr), PREFIX).unwrap();
            let message = zlib::inflate(&text::base45_decode(body).unwrap()).unwrap();
            cose::parse_sign1(&message).unwrap()
        })
    });
    let issuer = trust.issuers[0].clone();
    c.bench_function("trust_entry_key_parse", |b| {
        b.iter(|| black_box(&issuer).verifying_key())
    });
}

criterion_group!(benches, bench_verify);
criterion_main!(benches);
