//! Measures the text length and QR version (level M) of an ordinary trip's certificate.
#![cfg(not(target_arch = "wasm32"))]

use charterpass_core::certificate::Vector;
use qrcode::{EcLevel, QrCode, Version};

fn vector_text(name: &str) -> String {
    let vectors: Vec<Vector> =
        serde_json::from_str(include_str!("../../../tests/vectors/valid.json")).unwrap();
    vectors.into_iter().find(|v| v.name == name).unwrap().qr
}

/// The QR version at level M of `text`, printed with its length.
fn version_m(text: &str) -> i16 {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
    let Version::Normal(version) = code.version() else {
        panic!("micro QR")
    };
    println!(
        "certificate text: {} characters, QR version {version} at level M",
        text.len()
    );
    version
}

#[test]
fn cert_with_two_drivers_fits_a_qr_of_version_13_at_level_m() {
    let version = version_m(&vector_text("valid_yunnan_53_with_drivers"));
    assert!(version <= 13, "version {version}");
}

#[test]
fn cert_ordinary_trip_fits_a_qr_of_version_12_at_level_m() {
    let text = vector_text("valid_yunnan_53");
    let version = version_m(&text);
    assert!(text
        .bytes()
        .all(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&b)));
    assert!(version <= 12, "version {version}");
}
