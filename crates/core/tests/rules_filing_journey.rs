//! A filing through the rules of the notice, using only the public API of `charterpass-core`.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use charterpass_core::division;
use charterpass_core::filing::{
    validate, CharterKind, Context, Driver, FilingInput, FilingStatus, Fleet, Vehicle,
};
use charterpass_core::review::{
    manual_reasons, review_path, ManualReason, ReviewFacts, ReviewPath,
};
use charterpass_core::scope::{e_certificate_available, GoLive, PaperOnlyReason};
use chrono::DateTime;

fn filing(destination: &str, kind: CharterKind, one_way_km: u32) -> FilingInput {
    FilingInput {
        vehicle_id: Some(1),
        driver_ids: vec![2],
        charter_kind: Some(kind),
        origin: "532900".into(),
        destination: destination.into(),
        waypoints: vec![],
        departure_at: Some(DateTime::parse_from_rfc3339("2024-07-01T07:30:00+08:00").unwrap()),
        return_at: Some(DateTime::parse_from_rfc3339("2024-07-04T20:00:00+08:00").unwrap()),
        one_way_km: Some(one_way_km),
        passengers: Some(30),
        contract_number: "DL-0701".into(),
        charterer: "大理某中学".into(),
        emergency: false,
    }
}

/// Checks the form as the server does at submission, a week before the trip, for a Dali enterprise.
fn check(input: &FilingInput) -> Result<(), Vec<charterpass_core::filing::FieldError>> {
    let fleet = fleet();
    let now = DateTime::parse_from_rfc3339("2024-06-24T09:00:00+08:00").unwrap();
    validate(
        input,
        &Context {
            fleet: &fleet,
            home_prefecture: Some("532900"),
            now: now.timestamp(),
            enterprise_disabled: false,
        },
    )
}

/// A Dali enterprise's registered bus and driver.
fn fleet() -> Fleet {
    Fleet {
        vehicles: vec![Vehicle {
            id: 1,
            plate: "云L56789".into(),
            seats: 49,
            kind: "大型客车".into(),
            permit_valid_until: "2099-12-31".parse().ok(),
        }],
        drivers: vec![Driver {
            id: 2,
            name: "李四".into(),
            phone_masked: "139****4321".into(),
            id_number_masked: "5329**********3456".into(),
            licence_class: Some(charterpass_core::licence::LicenceClass::A1),
            qualification_valid_until: "2099-12-31".parse().ok(),
        }],
    }
}

#[test]
fn dali_to_chengdu_is_approved_automatically_and_gets_a_certificate() {
    let input = filing("510100", CharterKind::Dedicated, 780);
    assert_eq!(check(&input), Ok(()));
    let path = review_path(&ReviewFacts::of(&input, true).unwrap());
    assert_eq!(path, ReviewPath::AutoApproved);
    let status = FilingStatus::from(path);
    assert!(FilingStatus::Submitted.can_become(status) && status.is_approved());
    let departure = input.departure_at.unwrap();
    assert_eq!(
        e_certificate_available(input.places(), &departure, GoLive::default()),
        Ok(())
    );
}

#[test]
fn dali_to_changsha_needs_review_and_gets_only_the_paper_plate() {
    let input = filing("430100", CharterKind::ScheduledLineTemporary, 1600);
    assert_eq!(check(&input), Ok(()));
    let facts = ReviewFacts::of(&input, true).unwrap();
    assert_eq!(review_path(&facts), ReviewPath::PendingReview);
    assert_eq!(
        manual_reasons(&facts),
        [
            ManualReason::ScheduledLineTemporary,
            ManualReason::BeyondAutoReviewDistance
        ]
    );
    let departure = input.departure_at.unwrap();
    let reason =
        e_certificate_available(input.places(), &departure, GoLive::default()).unwrap_err();
    let hunan = division::province("430000").unwrap();
    assert_eq!(
        reason,
        PaperOnlyReason::OutOfScope {
            place: "430100".into(),
            province: Some(hunan)
        }
    );
}

#[test]
fn a_reviewer_prefecture_lists_its_province() {
    let dali = division::prefecture("532900").unwrap();
    assert_eq!(dali.province().name(), "云南省");
    assert!(division::prefectures_of(dali.province()).any(|p| p == dali));
}
