//! Measures the text length and QR version (level M) of an ordinary trip's certificate.
#![cfg(not(target_arch = "wasm32"))]

use charterpass_core::certificate::Vector;
use qrcode::{EcLevel, QrCode, Version};

fn ordinary_text() -> String {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../tests/vectors/valid.json")).unwrap();
    vectors
        .into_iter()
        .find(|v| v.name == "valid_yunnan_53")
        .unwrap()
        .qr
}

#[test]
fn cert_ordinary_trip_fits_a_qr_of_version_12_at_level_m() {
    let text = ordinary_text();
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
    let Version::Normal(version) = code.version() else {
        panic!("micro QR")
    };
    println!(
        "certificate text: {} characters, QR version {version} at level M",
        text.len()
    );
    assert!(text
        .bytes()
        .all(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&b)));
    assert!(version <= 12, "version {version}");
}
