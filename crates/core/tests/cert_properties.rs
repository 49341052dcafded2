//! Properties of the certificate format: signed claims round-trip, and any input gets a verdict.
#![cfg(all(feature = "sign", not(target_arch = "wasm32")))]

use charterpass_core::certificate::sign::sign_with;
use charterpass_core::certificate::{
    text, verify, zlib, CharterData, Claims, Issuer, TrustList, Verdict, PREFIX,
};
use chrono::{TimeZone, Utc};
use p256::ecdsa::SigningKey;
use p256::pkcs8::DecodePrivateKey;
use proptest::prelude::*;
use std::sync::OnceLock;

const YUNNAN_PEM: &str = include_str!("../../../tests/keys/test-only-53-yunnan.pem");

fn key() -> SigningKey {
    SigningKey::from_pkcs8_pem(YUNNAN_PEM).unwrap()
}

fn trust() -> &'static TrustList {
    static TRUST: OnceLock<TrustList> = OnceLock::new();
    TRUST.get_or_init(build_trust)
}

fn build_trust() -> TrustList {
    let from = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2099, 1, 1, 0, 0, 0).unwrap();
    let issuer = Issuer::new("53", "云南省交通运输厅", key().verifying_key(), from, to).unwrap();
    TrustList::from_issuers(vec![issuer])
}

fn place() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["53", "50", "51", "52", "45", "54"]),
        0u32..10000,
    )
        .prop_map(|(p, n)| format!("{p}{n:04}"))
}

fn words() -> impl Strategy<Value = String> {
    "[\\p{Han}A-Za-z0-9（）-]{1,40}"
}

prop_compose! {
    fn claims()(
        certificate_number in words(), filing_number in words(), plate in words(),
        seats in 1u16..100, enterprise_name in words(), credit_code in "[0-9A-Z]{18}",
        origin in place(), destination in place(), waypoints in prop::collection::vec(place(), 0..6),
        iat in 1_600_000_000i64..2_000_000_000, valid_for in 0i64..10_000_000, trip in 0i64..1_000_000,
        drivers in prop::collection::vec("[\\p{Han}]{2,4}", 0..=4),
    ) -> Claims {
        Claims {
            iss: "53".into(), iat, nbf: iat, exp: iat + valid_for,
            charter: CharterData {
                certificate_number, filing_number, plate, seats, enterprise_name, credit_code,
                origin, destination, waypoints, trip_start: iat, trip_end: iat + trip, drivers,
            },
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn signed_claims_verify_and_round_trip(claims in claims()) {
        let text = sign_with(&key(), &claims).unwrap();
        match verify(&text, trust(), claims.nbf) {
            Verdict::Verified(v) => {
                prop_assert_eq!(v.charter, claims.charter);
                prop_assert_eq!((v.not_before, v.expires), (claims.nbf, claims.exp));
            }
            other => prop_assert!(false, "not verified: {:?}", other),
        }
    }

    #[test]
    fn changing_one_character_is_rejected(claims in claims(), at in any::<prop::sample::Index>(), c in "[0-9A-Z $%*+./:-]") {
        let text = sign_with(&key(), &claims).unwrap();
        let i = PREFIX.len() + at.index(text.len() - PREFIX.len());
        let mut changed = text.clone();
        changed.replace_range(i..i + 1, &c);
        prop_assume!(changed != text);
        prop_assert!(!verify(&changed, trust(), claims.nbf).is_valid());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_string_gets_a_verdict(s in ".{0,600}") {
        let _ = verify(&s, trust(), 1_716_000_000);
        let _ = verify(&format!("{PREFIX}{s}"), trust(), 1_716_000_000);
    }

    #[test]
    fn any_bytes_get_a_verdict(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let trust = trust();
        let raw = text::encode(PREFIX, &bytes);
        let packed = text::encode(PREFIX, &zlib::deflate(&bytes));
        prop_assert!(!verify(&raw, trust, 0).is_valid());
        prop_assert!(!verify(&packed, trust, 0).is_valid());
    }

    #[test]
    fn any_cbor_like_bytes_get_a_verdict(bytes in prop::collection::vec(prop::sample::select(vec![0x18u8, 0x40, 0x58, 0x80, 0x81, 0x84, 0xa0, 0xa1, 0xa4, 0xd2, 0x26, 0x04, 0x01, 0x3a, 0xff, 0x00, 0x41, 0x61]), 0..200)) {
        let packed = text::encode(PREFIX, &zlib::deflate(&bytes));
        prop_assert!(!verify(&packed, trust(), 0).is_valid());
    }
}
