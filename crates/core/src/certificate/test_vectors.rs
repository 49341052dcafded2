//! Deterministic generation of the published test vectors from the test-only keys (feature `sign`).

use super::claims::{CharterData, Claims, KEY_CHARTER};
use super::error::VerifyError;
use super::kid::Kid;
use super::payload;
use super::sign::sign_message;
use super::signed_list::RemovedKey;
use super::trust_list::{kid_of_key, Issuer};
use super::vector::{Expected, Vector};
use super::{text, zlib, PREFIX};
use chrono::{DateTime, Utc};
use coset::{iana, CoseSign1Builder, HeaderBuilder, TaggedCborSerializable};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::DecodePrivateKey;

/// The test-only key files under `tests/keys/`, in [`TestKeys`] order.
pub const KEY_FILES: [&str; 6] = [
    "test-only-53-yunnan.pem",
    "test-only-53-yunnan-old.pem",
    "test-only-50-chongqing.pem",
    "test-only-51-sichuan.pem",
    "test-only-11-beijing-untrusted.pem",
    "test-only-53-yunnan-unlisted.pem",
];

/// The test-only signing keys.
pub struct TestKeys {
    /// Yunnan's current key.
    pub yunnan: SigningKey,
    /// Yunnan's previous key (still trusted).
    pub yunnan_old: SigningKey,
    /// Chongqing's key.
    pub chongqing: SigningKey,
    /// Sichuan's key.
    pub sichuan: SigningKey,
    /// A Beijing key: a province not in the trust list.
    pub beijing: SigningKey,
    /// A Yunnan key missing from the trust list.
    pub yunnan_unlisted: SigningKey,
}

impl TestKeys {
    /// Reads the keys from the PKCS#8 PEM texts of [`KEY_FILES`], in order.
    pub fn from_pems(pems: &[String; 6]) -> Result<TestKeys, String> {
        let key = |i: usize| {
            SigningKey::from_pkcs8_pem(&pems[i]).map_err(|e| format!("{}: {e}", KEY_FILES[i]))
        };
        Ok(TestKeys {
            yunnan: key(0)?,
            yunnan_old: key(1)?,
            chongqing: key(2)?,
            sichuan: key(3)?,
            beijing: key(4)?,
            yunnan_unlisted: key(5)?,
        })
    }
}

/// Seconds of an RFC 3339 constant.
fn ts(rfc3339: &str) -> i64 {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.timestamp())
        .unwrap_or_default()
}

fn utc(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// The verification clock of most vectors: midway through the trip.
pub const AT: &str = "2024-06-02T12:00:00+08:00";

/// An ordinary trip of `province`'s issuer: Kunming → Chengdu via Guiyang, 1–3 June 2024.
pub fn ordinary_claims(province: &str) -> Claims {
    let (number, enterprise, credit, origin) = match province {
        "50" => (
            "BC5001202405300001",
            "重庆长运旅游客运有限公司",
            "91500000MA5U7XXX1Y",
            "500100",
        ),
        "51" => (
            "BC5101202405300001",
            "四川蜀道旅游客运有限公司",
            "91510100MA61XXXX2Z",
            "510100",
        ),
        _ => (
            "BC5301202405300001",
            "昆明旅游汽车客运有限公司",
            "91530100MA6K5XXX0X",
            "530100",
        ),
    };
    Claims {
        iss: province.into(),
        iat: ts("2024-05-30T10:00:00+08:00"),
        nbf: ts("2024-05-30T10:00:00+08:00"),
        exp: ts("2024-06-03T23:59:59+08:00"),
        charter: CharterData {
            certificate_number: number.into(),
            filing_number: format!("{}0120240530000123", &province),
            plate: match province {
                "50" => "渝B23456".into(),
                "51" => "川A34567".into(),
                _ => "云A12345".into(),
            },
            seats: 45,
            enterprise_name: enterprise.into(),
            credit_code: credit.into(),
            origin: origin.into(),
            destination: if origin == "510100" {
                "530100".into()
            } else {
                "510100".into()
            },
            waypoints: vec!["520100".into()],
            trip_start: ts("2024-06-01T08:00:00+08:00"),
            trip_end: ts("2024-06-03T20:00:00+08:00"),
            drivers: Vec::new(),
        },
    }
}

/// A trust-list entry valid from 2024 to 2029.
fn entry(province: &str, name: &str, key: &SigningKey) -> Issuer {
    let from = utc("2024-01-01T00:00:00Z");
    let to = utc("2029-12-31T23:59:59Z");
    // A test-only key always encodes; an empty entry would fail every vector loudly.
    Issuer::new(province, name, key.verifying_key(), from, to).unwrap_or_else(|_| empty_issuer())
}

fn empty_issuer() -> Issuer {
    Issuer {
        province: String::new(),
        name: String::new(),
        kid: Kid([0; 8]),
        public_key: Vec::new(),
        not_before: DateTime::<Utc>::UNIX_EPOCH,
        not_after: DateTime::<Utc>::UNIX_EPOCH,
        use_until: None,
        prepared: Default::default(),
    }
}

/// The trust list of the three issuing provinces (Yunnan with two keys).
fn trust(keys: &TestKeys) -> Vec<Issuer> {
    vec![
        entry("53", "云南省交通运输厅", &keys.yunnan),
        entry("53", "云南省交通运输厅", &keys.yunnan_old),
        entry("50", "重庆市交通运输委员会", &keys.chongqing),
        entry("51", "四川省交通运输厅", &keys.sichuan),
    ]
}

fn signed(key: &SigningKey, claims: &Claims) -> Vec<u8> {
    sign_message(key, claims).unwrap_or_default()
}

fn wrap(message: &[u8]) -> String {
    payload::to_text(message)
}

fn vector(name: &str, qr: String, trust: Vec<Issuer>, at: &str, expected: Expected) -> Vector {
    Vector {
        name: name.into(),
        qr,
        trust,
        removed: Vec::new(),
        at: at.into(),
        expected,
    }
}

fn valid() -> Expected {
    Expected {
        valid: true,
        step: None,
        error: None,
        drivers: None,
    }
}

/// The drivers of the vectors that name them.
fn drivers() -> Vec<String> {
    vec!["张三".into(), "李四".into()]
}

fn rejected(e: VerifyError) -> Expected {
    Expected::rejected(e)
}

/// A message signed over a custom protected header (for algorithm and kid vectors).
fn signed_with_header(
    key: &SigningKey,
    claims: &Claims,
    alg: Option<iana::Algorithm>,
    kid: Option<Kid>,
) -> Vec<u8> {
    let mut header = HeaderBuilder::new();
    if let Some(alg) = alg {
        header = header.algorithm(alg);
    }
    if let Some(kid) = kid {
        header = header.key_id(kid.0.to_vec());
    }
    let unsigned = CoseSign1Builder::new()
        .protected(header.build())
        .payload(claims.to_cbor().unwrap_or_default())
        .build();
    let signature: Signature = key.sign(&payload::to_be_signed(&unsigned));
    let mut sign1 = unsigned;
    sign1.signature = signature.to_bytes().to_vec();
    sign1.to_tagged_vec().unwrap_or_default()
}

/// Every vector, grouped by file stem (`valid`, `time`, `trust`, `tamper`, `encoding`, `claims`).
pub fn generate(keys: &TestKeys) -> Vec<(&'static str, Vec<Vector>)> {
    let t = trust(keys);
    let yn = ordinary_claims("53");
    let yn_text = wrap(&signed(&keys.yunnan, &yn));
    vec![
        ("valid", valid_vectors(keys, &t, &yn_text)),
        ("time", time_vectors(&t, &yn_text)),
        ("trust", trust_vectors(keys, &t, &yn, &yn_text)),
        ("tamper", tamper_vectors(keys, &t, &yn)),
        ("encoding", encoding_vectors(&t, &yn_text)),
        ("claims", claims_vectors(keys, &t, &yn)),
    ]
}

fn valid_vectors(keys: &TestKeys, t: &[Issuer], yn_text: &str) -> Vec<Vector> {
    let cq = wrap(&signed(&keys.chongqing, &ordinary_claims("50")));
    let sc = wrap(&signed(&keys.sichuan, &ordinary_claims("51")));
    let old = wrap(&signed(&keys.yunnan_old, &ordinary_claims("53")));
    let mut direct = ordinary_claims("53");
    direct.charter.waypoints.clear();
    direct.charter.destination = "540100".into();
    let direct = wrap(&signed(&keys.yunnan, &direct));
    let mut named = ordinary_claims("53");
    named.charter.drivers = drivers();
    let named = wrap(&signed(&keys.yunnan, &named));
    vec![
        vector("valid_yunnan_53", yn_text.into(), t.to_vec(), AT, valid()),
        vector(
            "valid_yunnan_53_with_drivers",
            named,
            t.to_vec(),
            AT,
            Expected {
                drivers: Some(drivers()),
                ..valid()
            },
        ),
        vector("valid_chongqing_50", cq, t.to_vec(), AT, valid()),
        vector("valid_sichuan_51", sc, t.to_vec(), AT, valid()),
        vector("valid_yunnan_previous_key", old, t.to_vec(), AT, valid()),
        vector(
            "valid_no_waypoints_to_tibet_54",
            direct,
            t.to_vec(),
            AT,
            valid(),
        ),
        vector(
            "valid_at_nbf",
            yn_text.into(),
            t.to_vec(),
            "2024-05-30T10:00:00+08:00",
            valid(),
        ),
        vector(
            "valid_at_exp",
            yn_text.into(),
            t.to_vec(),
            "2024-06-03T23:59:59+08:00",
            valid(),
        ),
    ]
}

fn time_vectors(t: &[Issuer], yn_text: &str) -> Vec<Vector> {
    vec![
        vector(
            "expired",
            yn_text.into(),
            t.to_vec(),
            "2024-06-04T00:00:00+08:00",
            rejected(VerifyError::Expired),
        ),
        vector(
            "not_yet_valid",
            yn_text.into(),
            t.to_vec(),
            "2024-05-30T09:59:59+08:00",
            rejected(VerifyError::NotYetValid),
        ),
        vector(
            "issuer_key_expired",
            yn_text.into(),
            t.to_vec(),
            "2030-06-01T00:00:00+08:00",
            rejected(VerifyError::IssuerKeyExpired),
        ),
    ]
}

fn trust_vectors(keys: &TestKeys, t: &[Issuer], yn: &Claims, yn_text: &str) -> Vec<Vector> {
    let unlisted = wrap(&signed(&keys.yunnan_unlisted, yn));
    let mut bj = ordinary_claims("53");
    bj.iss = "11".into();
    let bj = wrap(&signed(&keys.beijing, &bj));
    let mismatch = wrap(&signed(&keys.chongqing, yn));
    let mut bad_key = t.to_vec();
    bad_key[0].public_key = t[2].public_key.clone();
    let only_others: Vec<Issuer> = t.iter().filter(|i| i.province != "53").cloned().collect();
    let mut removed = vector(
        "key_removed",
        yn_text.into(),
        t[1..].to_vec(),
        AT,
        rejected(VerifyError::KeyRemoved),
    );
    removed.removed.push(RemovedKey {
        kid: t[0].kid,
        province: "53".into(),
        removed_at: ts("2024-06-01T00:00:00+08:00"),
        reason: "密钥泄露".into(),
    });
    vec![
        removed,
        vector(
            "unknown_kid",
            unlisted,
            t.to_vec(),
            AT,
            rejected(VerifyError::KidUnknown),
        ),
        vector(
            "issuer_not_in_trust_list",
            bj,
            t.to_vec(),
            AT,
            rejected(VerifyError::IssuerNotTrusted),
        ),
        vector(
            "yunnan_not_in_trust_list",
            yn_text.into(),
            only_others,
            AT,
            rejected(VerifyError::IssuerNotTrusted),
        ),
        vector(
            "trust_entry_key_does_not_match_kid",
            yn_text.into(),
            bad_key,
            AT,
            rejected(VerifyError::IssuerKeyInvalid),
        ),
        vector(
            "iss_differs_from_signing_province",
            mismatch,
            t.to_vec(),
            AT,
            rejected(VerifyError::IssuerMismatch),
        ),
    ]
}

fn tamper_vectors(keys: &TestKeys, t: &[Issuer], yn: &Claims) -> Vec<Vector> {
    let message = signed(&keys.yunnan, yn);
    // Seats 45 (0x18 0x2d) becomes 55 (0x18 0x37): the payload changes, the signature does not.
    let mut payload_tampered = message.clone();
    if let Some(i) = payload_tampered
        .windows(3)
        .position(|w| w == [0x04, 0x18, 0x2d])
    {
        payload_tampered[i + 2] = 0x37;
    }
    let mut signature_tampered = message.clone();
    let last = signature_tampered.len().saturating_sub(1);
    signature_tampered[last] ^= 0x01;
    let kid = kid_of_key(keys.yunnan.verifying_key()).unwrap_or(Kid([0; 8]));
    let es384 = signed_with_header(&keys.yunnan, yn, Some(iana::Algorithm::ES384), Some(kid));
    let no_alg = signed_with_header(&keys.yunnan, yn, None, Some(kid));
    let no_kid = signed_with_header(&keys.yunnan, yn, Some(iana::Algorithm::ES256), None);
    vec![
        vector(
            "tampered_payload",
            wrap(&payload_tampered),
            t.to_vec(),
            AT,
            rejected(VerifyError::SignatureInvalid),
        ),
        vector(
            "tampered_signature",
            wrap(&signature_tampered),
            t.to_vec(),
            AT,
            rejected(VerifyError::SignatureInvalid),
        ),
        vector(
            "algorithm_es384",
            wrap(&es384),
            t.to_vec(),
            AT,
            rejected(VerifyError::AlgorithmUnsupported),
        ),
        vector(
            "algorithm_missing",
            wrap(&no_alg),
            t.to_vec(),
            AT,
            rejected(VerifyError::AlgorithmUnsupported),
        ),
        vector(
            "kid_missing",
            wrap(&no_kid),
            t.to_vec(),
            AT,
            rejected(VerifyError::KidMissing),
        ),
    ]
}

fn encoding_vectors(t: &[Issuer], yn_text: &str) -> Vec<Vector> {
    let body = &yn_text[PREFIX.len()..];
    let compressed = text::base45_decode(body).unwrap_or_default();
    let truncated = text::encode(PREFIX, &compressed[..compressed.len() / 2]);
    let bomb = text::encode(PREFIX, &zlib::deflate(&vec![0u8; 64 * 1024]));
    let deep = [vec![0x81u8; 100], vec![0x00]].concat();
    let not_cose = text::encode(PREFIX, &zlib::deflate(&[0xa0]));
    let raw = text::encode(PREFIX, compressed.get(2..).unwrap_or_default());
    // Base45 leaves one character over only when the length is 1 modulo 3.
    let dangling = format!("{yn_text}{}", "A".repeat((4 - body.len() % 3) % 3));
    vec![
        vector(
            "wrong_prefix_hc1",
            format!("HC1:{body}"),
            t.to_vec(),
            AT,
            rejected(VerifyError::PrefixMissing),
        ),
        vector(
            "missing_prefix",
            body.into(),
            t.to_vec(),
            AT,
            rejected(VerifyError::PrefixMissing),
        ),
        vector(
            "text_too_long",
            format!("{PREFIX}{}", "0".repeat(5000)),
            t.to_vec(),
            AT,
            rejected(VerifyError::TextTooLong),
        ),
        vector(
            "bad_base45_lowercase",
            yn_text.to_lowercase().replacen("bc1:", PREFIX, 1),
            t.to_vec(),
            AT,
            rejected(VerifyError::Base45Invalid),
        ),
        vector(
            "bad_base45_dangling_char",
            dangling,
            t.to_vec(),
            AT,
            rejected(VerifyError::Base45Invalid),
        ),
        vector(
            "truncated_zlib",
            truncated,
            t.to_vec(),
            AT,
            rejected(VerifyError::ZlibInvalid),
        ),
        vector(
            "raw_deflate_without_zlib_header",
            raw,
            t.to_vec(),
            AT,
            rejected(VerifyError::ZlibInvalid),
        ),
        vector(
            "oversized_inflation",
            bomb,
            t.to_vec(),
            AT,
            rejected(VerifyError::ZlibTooLarge),
        ),
        vector(
            "cbor_too_deep",
            text::encode(PREFIX, &zlib::deflate(&deep)),
            t.to_vec(),
            AT,
            rejected(VerifyError::CborTooDeep),
        ),
        vector(
            "not_a_cose_sign1",
            not_cose,
            t.to_vec(),
            AT,
            rejected(VerifyError::CoseInvalid),
        ),
    ]
}

fn claims_vectors(keys: &TestKeys, t: &[Issuer], yn: &Claims) -> Vec<Vector> {
    let mut hunan = yn.clone();
    hunan.charter.waypoints.push("430100".into());
    let hunan = wrap(&signed(&keys.yunnan, &hunan));
    let kid = kid_of_key(keys.yunnan.verifying_key()).unwrap_or(Kid([0; 8]));
    // Claims without the charter data claim: {1: "53", 6: iat, 5: nbf, 4: exp}.
    let bare = ciborium::Value::Map(vec![
        (1.into(), ciborium::Value::Text("53".into())),
        (6.into(), yn.iat.into()),
        (5.into(), yn.nbf.into()),
        (4.into(), yn.exp.into()),
    ]);
    let mut bare_bytes = Vec::new();
    let _ = ciborium::ser::into_writer(&bare, &mut bare_bytes);
    let unsigned = payload::unsigned(kid, bare_bytes);
    let signature: Signature = keys.yunnan.sign(&payload::to_be_signed(&unsigned));
    let no_charter = wrap(&payload::assemble(unsigned, signature.to_bytes().into()));
    let not_text = with_drivers(keys, yn, vec![ciborium::Value::Integer(7.into())]);
    let five = vec![ciborium::Value::Text("张三".into()); 5];
    let too_many = with_drivers(keys, yn, five);
    vec![
        vector(
            "drivers_not_text",
            not_text,
            t.to_vec(),
            AT,
            rejected(VerifyError::ClaimsInvalid),
        ),
        vector(
            "drivers_more_than_four",
            too_many,
            t.to_vec(),
            AT,
            rejected(VerifyError::ClaimsInvalid),
        ),
        vector(
            "waypoint_out_of_scope_hunan",
            hunan,
            t.to_vec(),
            AT,
            rejected(VerifyError::OutOfScope),
        ),
        vector(
            "charter_claim_missing",
            no_charter,
            t.to_vec(),
            AT,
            rejected(VerifyError::ClaimsInvalid),
        ),
    ]
}

/// `claims` signed by Yunnan with a hand-made drivers array (key 12), which `Claims` would refuse.
fn with_drivers(keys: &TestKeys, claims: &Claims, names: Vec<ciborium::Value>) -> String {
    let kid = kid_of_key(keys.yunnan.verifying_key()).unwrap_or(Kid([0; 8]));
    let bytes = claims.to_cbor().unwrap_or_default();
    let mut value: ciborium::Value =
        ciborium::de::from_reader(bytes.as_slice()).unwrap_or(ciborium::Value::Null);
    if let ciborium::Value::Map(entries) = &mut value {
        for (key, charter) in entries.iter_mut() {
            if key == &ciborium::Value::Integer(KEY_CHARTER.into()) {
                if let ciborium::Value::Map(fields) = charter {
                    fields.push((12.into(), ciborium::Value::Array(names.clone())));
                }
            }
        }
    }
    let mut out = Vec::new();
    let _ = ciborium::ser::into_writer(&value, &mut out);
    let unsigned = payload::unsigned(kid, out);
    let signature: Signature = keys.yunnan.sign(&payload::to_be_signed(&unsigned));
    wrap(&payload::assemble(unsigned, signature.to_bytes().into()))
}
