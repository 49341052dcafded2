//! Conformance of the generic layers (QR picture → prefix → Base45 → zlib → COSE_Sign1 ES256 →
//! CBOR/CWT → time) against the EU Digital COVID Certificate test vectors.
//!
//! Data: `DGC_TESTDATA`, default `../shared/testdata/dgc` from the repository root. Prints one
//! line `dgc conformance: V vectors, C layer checks, M mismatches, D deviations (by rule …)`.
//! A difference from the expected result is a deviation only when one of the [`RULES`] (the table
//! of `docs/dgc-deviations.md`) explains it from the vector itself (its signer, algorithm,
//! signature, claims), whatever the issuer; every other difference is a mismatch, and the test
//! fails if M > 0.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine;
use charterpass_core::certificate::{cose, cwt, signature, text, zlib, Kid};
use chrono::{DateTime, NaiveDateTime};
use ciborium::Value as Cbor;
use coset::iana::{self, EnumI64};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
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
    facts: Facts,
}

/// What the deviation rules look at in a vector, as far as its layers could be read.
#[derive(Debug, Default)]
struct Facts {
    /// The COSE algorithm of the protected header.
    protected_alg: Option<iana::Algorithm>,
    /// The COSE algorithm of the unprotected header.
    unprotected_alg: Option<iana::Algorithm>,
    /// The signature's length in bytes.
    signature_len: Option<usize>,
    /// Whether the signer's certificate holds an RSA key (rsaEncryption or RSASSA-PSS).
    rsa_signer: bool,
    /// Whether `iat` (6) or `exp` (4) of the CWT claims is a CBOR float.
    float_times: bool,
}

/// A deliberate deviation, stated as a rule that classifies any vector: where our stricter layer
/// says false and the vector expects true, and the vector has the rule's property.
struct Rule {
    /// The rule's name, as in the first column of the table in `docs/dgc-deviations.md`.
    id: &'static str,
    /// The layers it explains.
    layers: &'static [&'static str],
    /// Whether the vector has the property.
    applies: fn(&Facts) -> bool,
}

const RSA_ALGORITHMS: [iana::Algorithm; 6] = [
    iana::Algorithm::PS256,
    iana::Algorithm::PS384,
    iana::Algorithm::PS512,
    iana::Algorithm::RS256,
    iana::Algorithm::RS384,
    iana::Algorithm::RS512,
];

/// The deviations of `docs/dgc-deviations.md`, one rule each.
const RULES: [Rule; 4] = [
    Rule {
        id: "rsa-signer",
        layers: &["EXPECTEDVERIFY"],
        applies: |f| {
            f.rsa_signer
                || [f.protected_alg, f.unprotected_alg]
                    .iter()
                    .flatten()
                    .any(|a| RSA_ALGORITHMS.contains(a))
        },
    },
    Rule {
        id: "alg-unprotected-only",
        layers: &["EXPECTEDVERIFY"],
        applies: |f| f.protected_alg.is_none() && f.unprotected_alg.is_some(),
    },
    Rule {
        id: "es256-signature-not-64-bytes",
        layers: &["EXPECTEDVERIFY"],
        applies: |f| {
            f.protected_alg == Some(iana::Algorithm::ES256)
                && f.signature_len.is_some_and(|n| n != 64)
        },
    },
    Rule {
        id: "float-times",
        layers: &["EXPECTEDDECODE", "EXPECTEDEXPIRATIONCHECK"],
        applies: |f| f.float_times,
    },
];

/// The rule explaining a difference on `layer` (expected `true`, ours `false`), if any.
fn explain(layer: &str, expected: bool, actual: bool, facts: &Facts) -> Option<&'static str> {
    if !expected || actual {
        return None; // we are stricter, never more lenient: a false expectation is never excused
    }
    RULES
        .iter()
        .find(|r| r.layers.contains(&layer) && (r.applies)(facts))
        .map(|r| r.id)
}

fn assigned(alg: Option<i64>) -> Option<iana::Algorithm> {
    iana::Algorithm::from_i64(alg?)
}

/// Whether claim `iat` or `exp` of a CBOR claims map is a float.
fn float_times(payload: &[u8]) -> bool {
    let Ok(Cbor::Map(entries)) = ciborium::de::from_reader::<Cbor, _>(payload) else {
        return false;
    };
    entries.iter().any(|(key, value)| {
        matches!(key.as_integer().map(i128::from), Some(4 | 6)) && matches!(value, Cbor::Float(_))
    })
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

/// The signer's SubjectPublicKeyInfo DER, its certificate's kid (SHA-256 of the X.509 DER), and
/// whether its key is RSA.
fn signer(cert_b64: Option<&str>) -> Option<(Vec<u8>, Kid, bool)> {
    /// rsaEncryption and RSASSA-PSS.
    const RSA_OIDS: [&str; 2] = ["1.2.840.113549.1.1.1", "1.2.840.113549.1.1.10"];
    let der = base64::engine::general_purpose::STANDARD
        .decode(cert_b64?.trim())
        .ok()?;
    let cert = x509_cert::Certificate::from_der(&der).ok()?;
    let key_info = &cert.tbs_certificate.subject_public_key_info;
    let rsa = RSA_OIDS.contains(&key_info.algorithm.oid.to_string().as_str());
    let spki = key_info.to_der().ok()?;
    Some((spki, Kid::from_der_hash(&der), rsa))
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
        (Some(s), Some((spki, cert_kid, _))) => {
            let kid_ok = cose::kid(s, true).is_ok_and(|k| Kid(k) == *cert_kid);
            let key = signature::key_from_der(spki);
            kid_ok
                && cose::require_es256(s).is_ok()
                && key.is_ok_and(|k| {
                    signature::verify_es256(&k, &s.to_be_signed(), &s.signature).is_ok()
                })
        }
        _ => false,
    };
    let claims = sign1
        .as_ref()
        .and_then(|s| cwt::CwtClaims::decode(&s.payload).ok());
    // The vector's own CBOR layer (the DGC content), when given, must be one well-formed item too.
    let cbor_field_ok = match v["CBOR"].as_str().filter(|c| !c.is_empty()) {
        Some(h) => hex_bytes(h).is_some_and(|b| cose::check_cbor(&b).is_ok()),
        None => true,
    };
    let clock = v["TESTCTX"]["VALIDATIONCLOCK"]
        .as_str()
        .and_then(parse_clock);
    let in_time = match (&claims, clock) {
        (Some(c), Some(at)) => cwt::check_window(c.iat, c.exp, at).is_ok(),
        _ => false,
    };
    let facts = Facts {
        protected_alg: sign1.as_ref().and_then(|s| assigned(s.protected.alg)),
        unprotected_alg: sign1.as_ref().and_then(|s| assigned(s.unprotected.alg)),
        signature_len: sign1.as_ref().map(|s| s.signature.len()),
        rsa_signer: signer.as_ref().is_some_and(|(_, _, rsa)| *rsa),
        float_times: sign1.as_ref().is_some_and(|s| float_times(&s.payload)),
    };
    Outcome {
        facts,
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

/// The rule names in the deviations table of `docs/dgc-deviations.md` (first column).
fn documented_rules() -> BTreeSet<String> {
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/dgc-deviations.md");
    let text = std::fs::read_to_string(doc).unwrap_or_default();
    let section = text
        .split("## Deviations")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default();
    section
        .lines()
        .filter_map(|line| {
            let cell = line.split('|').nth(1)?.trim();
            let id = cell.strip_prefix('`')?.strip_suffix('`')?;
            Some(id.to_owned())
        })
        .collect()
}

/// The result of a run: counts, the deviations by rule, and the unexplained mismatches.
#[derive(Debug, Default)]
struct Tally {
    vectors: usize,
    checks: usize,
    deviations: BTreeMap<&'static str, usize>,
    mismatches: Vec<String>,
}

impl Tally {
    /// Runs one vector (`id`, its JSON) and counts each layer it has an expectation for.
    fn add(&mut self, id: &str, v: &Value) {
        self.vectors += 1;
        let outcome = run(v);
        for (layer, actual) in LAYERS.iter().zip(outcome.layers) {
            let (Some(expected), Some(actual)) = (v["EXPECTEDRESULTS"][layer].as_bool(), actual)
            else {
                continue;
            };
            self.checks += 1;
            if expected == actual {
                continue;
            }
            match explain(layer, expected, actual, &outcome.facts) {
                Some(rule) => *self.deviations.entry(rule).or_default() += 1,
                None => self.mismatches.push(format!(
                    "{id} {layer}: expected {expected}, got {actual} ({:?})",
                    outcome.facts
                )),
            }
        }
    }
}

#[test]
fn the_rules_in_the_code_are_the_rules_in_the_docs() {
    let code: BTreeSet<String> = RULES.iter().map(|r| r.id.to_owned()).collect();
    assert_eq!(code, documented_rules());
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
    let mut tally = Tally::default();
    for file in vector_files(&dir) {
        let raw = std::fs::read_to_string(&file).unwrap_or_default();
        let Ok(v) = serde_json::from_str::<Value>(raw.trim_start_matches('\u{feff}')) else {
            tally
                .mismatches
                .push(format!("{}: not JSON", file.display()));
            continue;
        };
        tally.add(&vector_id(&dir, &file), &v);
    }
    let by_rule: Vec<String> = tally
        .deviations
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    println!(
        "dgc conformance: {} vectors, {} layer checks, {} mismatches, {} deviations (by rule: {})",
        tally.vectors,
        tally.checks,
        tally.mismatches.len(),
        tally.deviations.values().sum::<usize>(),
        by_rule.join(", ")
    );
    assert!(
        tally.vectors > 0,
        "no vectors found under {}",
        dir.display()
    );
    assert!(
        tally.mismatches.is_empty(),
        "mismatches no deviation rule explains:\n{}",
        tally.mismatches.join("\n")
    );
}

/// A synthetic vector: `HC1:` text of a COSE_Sign1 with the given headers, claims and signature,
/// with the given expectations and no signer certificate.
fn synthetic(
    protected: coset::Header,
    unprotected: coset::Header,
    claims: Vec<(Cbor, Cbor)>,
    signature: Vec<u8>,
    expected: Value,
) -> Value {
    use coset::TaggedCborSerializable;
    let mut payload = Vec::new();
    ciborium::into_writer(&Cbor::Map(claims), &mut payload).unwrap();
    let sign1 = coset::CoseSign1Builder::new()
        .protected(protected)
        .unprotected(unprotected)
        .payload(payload)
        .signature(signature)
        .build();
    let bytes = sign1.to_tagged_vec().unwrap();
    let qr = text::encode(DGC_PREFIX, &zlib::deflate(&bytes));
    serde_json::json!({
        "PREFIX": qr,
        "TESTCTX": {"VALIDATIONCLOCK": "2021-06-01T00:00:00Z"},
        "EXPECTEDRESULTS": expected,
    })
}

fn header(alg: Option<iana::Algorithm>) -> coset::Header {
    let builder = coset::HeaderBuilder::new().key_id(vec![1, 2, 3, 4, 5, 6, 7, 8]);
    match alg {
        Some(alg) => builder.algorithm(alg).build(),
        None => builder.build(),
    }
}

fn int_claims(iat: i64, exp: i64) -> Vec<(Cbor, Cbor)> {
    vec![
        (Cbor::from(1), Cbor::from("XX")),
        (Cbor::from(6), Cbor::from(iat)),
        (Cbor::from(4), Cbor::from(exp)),
    ]
}

fn tally_of(v: &Value) -> Tally {
    let mut tally = Tally::default();
    tally.add("synthetic/1", v);
    tally
}

#[test]
fn any_issuers_vectors_are_classified_by_rule() {
    let verify = serde_json::json!({"EXPECTEDVERIFY": true, "EXPECTEDDECODE": true});
    let claims = || int_claims(1_620_000_000, 1_700_000_000);
    let rsa = synthetic(
        header(Some(iana::Algorithm::PS256)),
        header(None),
        claims(),
        vec![7; 256],
        verify.clone(),
    );
    let unprotected = synthetic(
        coset::Header::default(),
        header(Some(iana::Algorithm::ES256)),
        claims(),
        vec![7; 64],
        verify.clone(),
    );
    let der_signature = synthetic(
        header(Some(iana::Algorithm::ES256)),
        header(None),
        claims(),
        vec![0x30; 71],
        verify,
    );
    let floats = synthetic(
        header(Some(iana::Algorithm::ES256)),
        header(None),
        vec![
            (Cbor::from(1), Cbor::from("XX")),
            (Cbor::from(6), Cbor::Float(1_620_000_000.0)),
            (Cbor::from(4), Cbor::Float(1_700_000_000.0)),
        ],
        vec![7; 64],
        serde_json::json!({"EXPECTEDDECODE": true, "EXPECTEDEXPIRATIONCHECK": true}),
    );
    for (vector, rule, count) in [
        (rsa, "rsa-signer", 1),
        (unprotected, "alg-unprotected-only", 1),
        (der_signature, "es256-signature-not-64-bytes", 1),
        (floats, "float-times", 2),
    ] {
        let tally = tally_of(&vector);
        assert_eq!(tally.mismatches, Vec::<String>::new(), "{rule}");
        assert_eq!(
            tally.deviations.get(rule),
            Some(&count),
            "{rule}: {tally:?}"
        );
    }
}

#[test]
fn a_vector_matching_no_rule_still_fails_the_run() {
    // An ES256 message with a 64-byte signature that does not verify (no signer at all): none of
    // the rules applies, so an expected `true` is a mismatch.
    let unexplained = synthetic(
        header(Some(iana::Algorithm::ES256)),
        header(None),
        int_claims(1_620_000_000, 1_700_000_000),
        vec![7; 64],
        serde_json::json!({"EXPECTEDVERIFY": true, "EXPECTEDDECODE": true}),
    );
    let tally = tally_of(&unexplained);
    assert_eq!(tally.mismatches.len(), 1, "{tally:?}");
    assert!(tally.mismatches[0].starts_with("synthetic/1 EXPECTEDVERIFY"));
    assert!(tally.deviations.is_empty());
    // Nor does a rule excuse the other direction: an RSA vector expected to fail must fail.
    let rsa_wrongly_passing = synthetic(
        header(Some(iana::Algorithm::PS256)),
        header(None),
        int_claims(1_620_000_000, 1_700_000_000),
        vec![7; 256],
        serde_json::json!({"EXPECTEDUNPREFIX": false}),
    );
    assert_eq!(tally_of(&rsa_wrongly_passing).mismatches.len(), 1);
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
