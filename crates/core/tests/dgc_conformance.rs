//! Conformance of the generic layers (QR picture → prefix → Base45 → zlib → COSE_Sign1 ES256 →
//! CBOR/CWT → time) against the EU Digital COVID Certificate test vectors.
//!
//! Data: `DGC_TESTDATA`, default `../shared/testdata/dgc` from the repository root. Prints one
//! line `dgc conformance: V vectors, C layer checks, M mismatches, D documented deviations`, where
//! M counts mismatches missing from the table of `docs/dgc-deviations.md` (the test fails if M > 0).
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use charterpass_core::certificate::{cose, cwt, payload, signature, text, zlib, Kid};
use chrono::{DateTime, NaiveDateTime};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use x509_cert::der::{Decode, Encode};

const DGC_PREFIX: &str = "HC1:";

/// Layers checked, in pipeline order, with the EXPECTED* flag naming them.
const LAYERS: [&str; 7] = [
    "EXPECTEDPICTUREDECODE",
    "EXPECTEDUNPREFIX",
    "EXPECTEDB45DECODE",
    "EXPECTEDCOMPRESSION",
    "EXPECTEDVERIFY",
    "EXPECTEDDECODE",
    "EXPECTEDEXPIRATIONCHECK",
];

fn data_dir() -> PathBuf {
    match std::env::var_os("DGC_TESTDATA") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/dgc"),
    }
}

/// Every `*/2DCode/raw/*.json` below the data directory, sorted.
fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for issuer in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let raw = issuer.path().join("2DCode/raw");
        for file in std::fs::read_dir(raw).into_iter().flatten().flatten() {
            if file.path().extension().is_some_and(|e| e == "json") {
                files.push(file.path());
            }
        }
    }
    files.sort();
    files
}

/// `ISSUER/ID` of a vector file, as written in the deviations table.
fn vector_id(dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(dir).unwrap_or(file);
    let issuer = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{issuer}/{stem}")
}

/// Whether each layer of [`LAYERS`] succeeded for one vector; `None` where its input is absent.
struct Outcome {
    layers: [Option<bool>; 7],
}

/// Decodes the QR picture (base64 PNG) with rqrr; `None` when no code is found.
fn decode_picture(b64: &str) -> Option<String> {
    let png_bytes = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().ok()?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).ok()?;
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let luma = |x: usize, y: usize| -> u8 {
        let i = (y * w + x) * channels;
        match channels {
            1 | 2 => buf[i],
            _ => {
                ((buf[i] as u32 * 299 + buf[i + 1] as u32 * 587 + buf[i + 2] as u32 * 114) / 1000)
                    as u8
            }
        }
    };
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(w, h, luma);
    let grids = img.detect_grids();
    grids.first()?.decode().ok().map(|(_, content)| content)
}

fn parse_clock(text: &str) -> Option<i64> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.timestamp());
    }
    if let Ok(t) = DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z") {
        return Some(t.timestamp());
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|t| t.and_utc().timestamp())
}

/// The signer's SubjectPublicKeyInfo DER and its certificate's kid (SHA-256 of the X.509 DER).
fn signer(cert_b64: Option<&str>) -> Option<(Vec<u8>, Kid)> {
    let der = base64::engine::general_purpose::STANDARD
        .decode(cert_b64?.trim())
        .ok()?;
    let cert = x509_cert::Certificate::from_der(&der).ok()?;
    let spki = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    Some((spki, Kid::from_der_hash(&der)))
}

/// Runs one vector through the generic layers of `charterpass_core::certificate`.
fn run(v: &Value) -> Outcome {
    let picture_b64 = v["2DCODE"].as_str().filter(|p| !p.is_empty());
    let picture = picture_b64.and_then(decode_picture);
    let prefix_text = v["PREFIX"].as_str().map(str::to_owned);
    let picture_ok = picture_b64.map(|_| match (&picture, &prefix_text) {
        (Some(p), Some(t)) => p == t,
        (Some(_), None) => true,
        (None, _) => false,
    });
    let qr_text = prefix_text.or(picture).unwrap_or_default();
    let unprefixed = text::strip_prefix(&qr_text, DGC_PREFIX).ok();
    let compressed = unprefixed.and_then(|b| text::base45_decode(b).ok());
    let message = compressed.as_deref().and_then(|c| zlib::inflate(c).ok());
    let sign1 = message.as_deref().and_then(|m| cose::parse_sign1(m).ok());
    let signer = signer(v["TESTCTX"]["CERTIFICATE"].as_str());
    let verified = match (&sign1, &signer) {
        (Some(s), Some((spki, cert_kid))) => {
            let kid_ok = cose::kid(s, true).is_ok_and(|k| Kid(k) == *cert_kid);
            let key = signature::key_from_der(spki);
            kid_ok
                && cose::require_es256(s).is_ok()
                && key.is_ok_and(|k| {
                    signature::verify_es256(&k, &payload::to_be_signed(s), &s.signature).is_ok()
                })
        }
        _ => false,
    };
    let claims = sign1
        .as_ref()
        .and_then(|s| cwt::CwtClaims::decode(s.payload.as_deref()?).ok());
    // The vector's own CBOR layer (the DGC content), when given, must be one well-formed item too.
    let cbor_field_ok = match v["CBOR"].as_str().filter(|c| !c.is_empty()) {
        Some(h) => hex_bytes(h).is_some_and(|b| cose::decode_cbor(&b).is_ok()),
        None => true,
    };
    let clock = v["TESTCTX"]["VALIDATIONCLOCK"]
        .as_str()
        .and_then(parse_clock);
    let in_time = match (&claims, clock) {
        (Some(c), Some(at)) => cwt::check_window(c.iat, c.exp, at).is_ok(),
        _ => false,
    };
    Outcome {
        layers: [
            picture_ok,
            Some(unprefixed.is_some()),
            Some(compressed.is_some()),
            Some(message.is_some()),
            Some(verified),
            Some(claims.is_some() && cbor_field_ok),
            Some(in_time),
        ],
    }
}

fn hex_bytes(h: &str) -> Option<Vec<u8>> {
    let h = h.trim();
    (0..h.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(h.get(i..i + 2)?, 16).ok())
        .collect()
}

/// `(vector id, layer)` pairs listed in the deviations table of `docs/dgc-deviations.md`.
fn documented_deviations() -> BTreeSet<(String, String)> {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dgc-deviations.md");
    let text = std::fs::read_to_string(doc).unwrap_or_default();
    text.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .split('|')
                .map(|c| c.trim().trim_matches('`'))
                .collect();
            let (id, layer) = (cells.get(1)?, cells.get(2)?);
            LAYERS
                .contains(layer)
                .then(|| (id.to_string(), layer.to_string()))
        })
        .collect()
}

#[test]
fn dgc_conformance() {
    let dir = data_dir();
    if !dir.is_dir() {
        println!(
            "dgc conformance: skipped, no test data at {} (set DGC_TESTDATA)",
            dir.display()
        );
        return;
    }
    let documented = documented_deviations();
    let (mut vectors, mut checks, mut deviations) = (0, 0, 0);
    let mut mismatches = Vec::new();
    for file in vector_files(&dir) {
        let raw = std::fs::read_to_string(&file).unwrap_or_default();
        let Ok(v) = serde_json::from_str::<Value>(raw.trim_start_matches('\u{feff}')) else {
            mismatches.push(format!("{}: not JSON", file.display()));
            continue;
        };
        vectors += 1;
        let id = vector_id(&dir, &file);
        let outcome = run(&v);
        for (layer, actual) in LAYERS.iter().zip(outcome.layers) {
            let (Some(expected), Some(actual)) = (v["EXPECTEDRESULTS"][layer].as_bool(), actual)
            else {
                continue;
            };
            checks += 1;
            if expected == actual {
                continue;
            }
            if documented.contains(&(id.clone(), layer.to_string())) {
                deviations += 1;
            } else {
                mismatches.push(format!("{id} {layer}: expected {expected}, got {actual}"));
            }
        }
    }
    println!(
        "dgc conformance: {vectors} vectors, {checks} layer checks, {} mismatches, {deviations} documented deviations",
        mismatches.len()
    );
    assert!(vectors > 0, "no vectors found under {}", dir.display());
    assert!(
        mismatches.is_empty(),
        "undocumented mismatches:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn dgc_clock_formats_parse() {
    assert_eq!(parse_clock("2021-05-06T18:00:00Z"), Some(1_620_324_000));
    assert_eq!(parse_clock("2021-05-06T20:00:00+0200"), Some(1_620_324_000));
    assert_eq!(
        parse_clock("2021-05-06T18:00:00.123456"),
        Some(1_620_324_000)
    );
    assert_eq!(parse_clock("yesterday"), None);
}
