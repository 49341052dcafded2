//! Issuing (电子牌下发), revoking and the paper plate over real HTTP.

mod common;
mod issuing;

use charterpass_core::certificate::signed_list::{open, Fingerprint};
use charterpass_core::certificate::{verify, Verdict};
use common::Server;
use issuing::{file, Trip, DL};
use serde_json::json;

#[test]
fn issuing_twice_returns_the_same_certificate_which_verifies_against_the_trust_list() {
    let server = Server::start();
    let id = file(&server, &Trip::kunming_chengdu());
    let mut qiye = server.login("qiye_km");
    let (code, first) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 201, "{first}");
    let (code, again) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 200, "{again}");
    assert_eq!(first["number"], again["number"]);
    assert_eq!(first["text"], again["text"]);
    assert_eq!(first["state"], "active");

    let (list, _, root) = server.trust_list();
    let trust = open(&list, &Fingerprint::from_hex(&root).unwrap())
        .unwrap()
        .trust_list();
    let text = first["text"].as_str().unwrap();
    let Verdict::Verified(verified) = verify(text, &trust, chrono::Utc::now().timestamp()) else {
        panic!("issued certificate does not verify: {text}");
    };
    assert_eq!(verified.issuer, "53");
    assert_eq!(
        verified.charter.certificate_number,
        first["number"].as_str().unwrap()
    );
    assert_eq!(verified.charter.plate, "云A12345");
    assert_eq!(verified.charter.seats, 45);
    assert_eq!(verified.charter.credit_code, "91530100MA6K7XQ127");
    // The drivers by name, as on the paper plate; no identity or phone number anywhere in it.
    assert_eq!(verified.charter.drivers, ["张建国"]);
    assert_eq!(
        (
            verified.charter.origin.as_str(),
            verified.charter.destination.as_str()
        ),
        ("530100", "510100")
    );
    assert_eq!(verified.not_before, verified.charter.trip_start);
    assert_eq!(verified.expires, verified.charter.trip_end);

    let (code, entry) = qiye.get(&format!("/filings/{id}/certificate"));
    assert_eq!(code, 200);
    assert_eq!(entry["certificate"]["number"], first["number"]);
    assert!(entry["paper_only_reason"].is_null());
    let (_, plates) = qiye.get("/plates");
    assert_eq!(plates.as_array().unwrap().len(), 1);
    assert_eq!(plates[0]["route"], "昆明市 → 成都市");
}

#[test]
fn an_out_of_scope_trip_gets_only_the_paper_plate_naming_why() {
    let server = Server::start();
    let trip = Trip {
        destination: "430100",
        ..Trip::kunming_chengdu()
    };
    let id = file(&server, &trip);
    let mut qiye = server.login("qiye_km");
    let (code, body) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("湖南省"),
        "{body}"
    );
    let (code, plate) = qiye.get(&format!("/filings/{id}/paper-plate"));
    assert_eq!(code, 200, "{plate}");
    assert_eq!(plate["destination"], "长沙市");
    assert_eq!(plate["drivers"], json!(["张建国"]));
    assert!(plate["paper_only_reason"]
        .as_str()
        .unwrap()
        .contains("纸质标志牌"));
}

#[test]
fn before_go_live_there_is_no_electronic_certificate() {
    let server = Server::start_with(&["--go-live", "2099-01-01T09:00:00+08:00"]);
    let id = file(&server, &Trip::kunming_chengdu());
    let mut qiye = server.login("qiye_km");
    let (code, body) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 409, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("2099-01-01 09:00"),
        "{body}"
    );
    let (_, entry) = qiye.get(&format!("/filings/{id}/certificate"));
    assert!(entry["certificate"].is_null());
    assert!(entry["paper_only_reason"]
        .as_str()
        .unwrap()
        .contains("启用"));
}

#[test]
fn a_filing_not_approved_is_not_issued() {
    let server = Server::start();
    let trip = Trip {
        status: "pending_review",
        ..Trip::kunming_chengdu()
    };
    let id = file(&server, &trip);
    let (code, _) = server
        .login("qiye_km")
        .post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 409);
}

#[test]
fn revoking_shows_in_the_public_status_and_reissuing_gives_a_new_number() {
    let server = Server::start();
    let id = file(&server, &Trip::kunming_chengdu());
    let mut qiye = server.login("qiye_km");
    let (_, first) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    let number = first["number"].as_str().unwrap().to_owned();
    let revocation = format!("/certificates/{number}/revocation");

    let (code, body) = qiye.post(&revocation, &json!({"reason": "  "}));
    assert_eq!((code, body["field"].as_str()), (422, Some("reason")));
    let (code, revoked) = qiye.post(&revocation, &json!({"reason": "车辆故障，更换车辆"}));
    assert_eq!(code, 200, "{revoked}");
    assert_eq!(revoked["state"], "revoked");
    let (code, _) = qiye.post(&revocation, &json!({"reason": "再次撤销"}));
    assert_eq!(code, 409);

    let (_, status) = server
        .client()
        .get(&format!("/certificates/{number}/status"));
    assert_eq!(status["status"], "revoked");
    assert_eq!(status["revoked_reason"], "车辆故障，更换车辆");

    let (code, second) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 201, "{second}");
    assert_ne!(second["number"], first["number"]);
    let (code, _) = server.login("admin").post(
        &format!(
            "/certificates/{}/revocation",
            second["number"].as_str().unwrap()
        ),
        &json!({"reason": "管理员撤销"}),
    );
    assert_eq!(code, 200);
}

#[test]
fn another_enterprise_can_neither_issue_nor_revoke_nor_see() {
    let server = Server::start();
    let id = file(&server, &Trip::kunming_chengdu());
    let (_, issued) = server
        .login("qiye_km")
        .post(&format!("/filings/{id}/certificate"), &json!({}));
    let number = issued["number"].as_str().unwrap();
    let mut other = server.login("qiye_dl");
    assert_eq!(
        other
            .post(&format!("/filings/{id}/certificate"), &json!({}))
            .0,
        404
    );
    assert_eq!(other.get(&format!("/filings/{id}/certificate")).0, 404);
    assert_eq!(other.get(&format!("/filings/{id}/paper-plate")).0, 404);
    let (code, _) = other.post(
        &format!("/certificates/{number}/revocation"),
        &json!({"reason": "恶意"}),
    );
    assert_eq!(code, 404);
    assert_eq!(other.get("/plates").1, json!([]));
    let (code, _) = server
        .login("driver_km1")
        .post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 403);
    let (_, status) = server
        .client()
        .get(&format!("/certificates/{number}/status"));
    assert_eq!(status["status"], "valid");
    // qiye_dl's own filing is fine.
    let own = file(
        &server,
        &Trip {
            enterprise: DL,
            drivers: &[3],
            ..Trip::kunming_chengdu()
        },
    );
    assert_eq!(
        other
            .post(&format!("/filings/{own}/certificate"), &json!({}))
            .0,
        201
    );
}

#[test]
fn cancelling_the_filing_revokes_its_certificate() {
    let server = Server::start();
    let id = file(&server, &Trip::kunming_chengdu());
    let mut qiye = server.login("qiye_km");
    let (code, issued) = qiye.post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 201, "{issued}");
    let number = issued["number"].as_str().unwrap();

    let (code, cancelled) = qiye.post(&format!("/filings/{id}/cancel"), &json!({}));
    assert_eq!(code, 200, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");

    let (_, status) = server
        .client()
        .get(&format!("/certificates/{number}/status"));
    assert_eq!(status["status"], "revoked", "{status}");
    assert_eq!(status["revoked_reason"], "备案已撤销", "{status}");
}
