//! The inspector's records over real HTTP: verification log, online status, appeals, feedback.

mod common;

use common::Server;
use serde_json::{json, Value};

fn valid_record(number: &str) -> Value {
    json!({
        "certificate_number": number,
        "issuer_province": "53",
        "outcome": "valid",
        "online_status": "unknown",
        "prefecture_code": "530100",
    })
}

/// Inserts a certificate row straight into the server's database (issuance is another module).
fn insert_certificate(server: &Server, number: &str, status: &str, not_after: &str) {
    let conn = rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite"))
        .expect("open database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    conn.execute(
        "INSERT INTO certificates (number, issuer_province, kid, text, status, revoked_reason,
             issued_at, not_before, not_after, revoked_at)
         VALUES (?1, '53', '0011223344556677', 'BC1:X', ?2,
             CASE WHEN ?2 = 'revoked' THEN '车辆变更' END,
             '2024-06-01T00:00:00Z', '2024-06-01T00:00:00Z', ?3,
             CASE WHEN ?2 = 'revoked' THEN '2024-06-02T00:00:00Z' END)",
        rusqlite::params![number, status, not_after],
    )
    .expect("insert certificate");
}

#[test]
fn status_is_public_and_tells_each_state() {
    let server = Server::start();
    insert_certificate(&server, "BC53-ACTIVE", "active", "2099-01-01T00:00:00Z");
    insert_certificate(&server, "BC53-PAST", "active", "2024-06-03T00:00:00Z");
    insert_certificate(&server, "BC53-REVOKED", "revoked", "2099-01-01T00:00:00Z");
    let mut anyone = server.client();
    let status = |client: &mut common::Client, number: &str| {
        let (code, body) = client.get(&format!("/certificates/{number}/status"));
        assert_eq!(code, 200, "{body}");
        body["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status(&mut anyone, "BC53-ACTIVE"), "valid");
    assert_eq!(status(&mut anyone, "BC53-PAST"), "ended");
    assert_eq!(status(&mut anyone, "BC53-REVOKED"), "revoked");
    assert_eq!(status(&mut anyone, "BC50-NEVER-ISSUED"), "unknown");
    let (_, revoked) = anyone.get("/certificates/BC53-REVOKED/status");
    assert_eq!(revoked["revoked_reason"], "车辆变更");
    let (code, body) = anyone.get(&format!("/certificates/{}/status", "9".repeat(65)));
    assert_eq!((code, body["field"].as_str()), (422, Some("number")));
}

#[test]
fn inspectors_record_verifications_and_others_cannot() {
    let server = Server::start();
    let (code, body) = server
        .client()
        .post("/verifications", &valid_record("BC53-1"));
    assert_eq!(
        (code, body["code"].as_str()),
        (401, Some("unauthenticated"))
    );
    let (code, _) = server
        .login("qiye_km")
        .post("/verifications", &valid_record("BC53-1"));
    assert_eq!(code, 403);

    let mut zhifa = server.login("zhifa");
    let (code, body) = zhifa.post("/verifications", &valid_record("BC53-1"));
    assert_eq!(code, 201, "{body}");
    assert!(body["id"].as_i64().unwrap() > 0);
    assert_eq!(body["prefecture_code"], "530100");
    let (code, body) = zhifa.post(
        "/verifications",
        &json!({"outcome": "invalid", "step": "kid", "online_status": "offline"}),
    );
    assert_eq!((code, body["step"].as_str()), (201, Some("kid")));
}

#[test]
fn a_verification_with_inconsistent_fields_is_refused() {
    let server = Server::start();
    let mut zhifa = server.login("zhifa");
    let cases = [
        (json!({"outcome": "invalid"}), "step"),
        (json!({"outcome": "invalid", "step": "online"}), "step"),
        (json!({"outcome": "valid", "step": "kid"}), "step"),
        (
            json!({"outcome": "valid", "certificate_number": "a b"}),
            "certificate_number",
        ),
        (
            json!({"outcome": "valid", "issuer_province": "99"}),
            "issuer_province",
        ),
        (
            json!({"outcome": "valid", "prefecture_code": "999999"}),
            "prefecture_code",
        ),
    ];
    for (body, field) in cases {
        let (code, answer) = zhifa.post("/verifications", &body);
        assert_eq!(
            (code, answer["field"].as_str()),
            (422, Some(field)),
            "{body}"
        );
    }
}

#[test]
fn an_inspector_appeals_and_the_administrator_resolves_once() {
    let server = Server::start();
    let mut zhifa = server.login("zhifa");
    let (_, verification) = zhifa.post(
        "/verifications",
        &json!({"certificate_number": "BC53-7", "outcome": "invalid", "step": "signature"}),
    );
    let verification_id = verification["id"].as_i64().unwrap();
    let appeal = json!({"verification_id": verification_id, "reason": "驾驶员称凭证为当日下发"});

    let (code, _) = server.client().post("/appeals", &appeal);
    assert_eq!(code, 401);
    let (code, _) = server.login("driver_km1").post("/appeals", &appeal);
    assert_eq!(code, 403);
    let (code, body) = zhifa.post(
        "/appeals",
        &json!({"verification_id": verification_id, "reason": "  "}),
    );
    assert_eq!((code, body["field"].as_str()), (422, Some("reason")));
    let (code, body) = zhifa.post(
        "/appeals",
        &json!({"verification_id": 999_999, "reason": "x"}),
    );
    assert_eq!(code, 404, "{body}");

    let (code, lodged) = zhifa.post("/appeals", &appeal);
    assert_eq!(
        (code, lodged["status"].as_str()),
        (201, Some("open")),
        "{lodged}"
    );
    assert_eq!(lodged["certificate_number"], "BC53-7");
    let (code, _) = zhifa.post("/appeals", &appeal);
    assert_eq!(code, 409, "a second open appeal on the same verification");

    let id = lodged["id"].as_i64().unwrap();
    let resolution = json!({"resolution": "经核实凭证为真，已更正"});
    let (code, _) = server
        .login("qiye_km")
        .post(&format!("/appeals/{id}/resolution"), &resolution);
    assert_eq!(code, 403, "an enterprise cannot resolve appeals");
    let (code, _) = zhifa.post(&format!("/appeals/{id}/resolution"), &resolution);
    assert_eq!(code, 403, "nor can the inspector who lodged it");

    let mut admin = server.login("admin");
    let (code, open) = admin.get("/appeals?status=open");
    assert_eq!(code, 200);
    assert_eq!(open.as_array().unwrap().len(), 1);
    let (code, resolved) = admin.post(&format!("/appeals/{id}/resolution"), &resolution);
    assert_eq!(
        (code, resolved["status"].as_str()),
        (200, Some("resolved")),
        "{resolved}"
    );
    assert_eq!(resolved["resolution"], "经核实凭证为真，已更正");
    assert!(resolved["resolved_by"].as_str().unwrap().contains("管理员"));
    let (code, _) = admin.post(&format!("/appeals/{id}/resolution"), &resolution);
    assert_eq!(code, 409);
    let (_, open) = admin.get("/appeals?status=open");
    assert_eq!(open.as_array().unwrap().len(), 0);
    let (_, mine) = zhifa.get("/appeals");
    assert_eq!(mine[0]["status"], "resolved");
}

#[test]
fn enterprises_and_drivers_send_feedback_that_only_the_administrator_reads() {
    let server = Server::start();
    let (code, _) = server
        .client()
        .post("/feedback", &json!({"text": "无法打印"}));
    assert_eq!(code, 401);
    let (code, _) = server
        .login("zhifa")
        .post("/feedback", &json!({"text": "x"}));
    assert_eq!(code, 403);
    let mut qiye = server.login("qiye_km");
    let (code, body) = qiye.post("/feedback", &json!({"text": "\n"}));
    assert_eq!((code, body["field"].as_str()), (422, Some("text")));
    let (code, _) = qiye.post("/feedback", &json!({"text": "长".repeat(1001)}));
    assert_eq!(code, 422);
    let (code, _) = qiye.post("/feedback", &json!({"text": "长".repeat(1000)}));
    assert_eq!(code, 201);
    let (code, _) = server
        .login("driver_km1")
        .post("/feedback", &json!({"text": "山区无信号时无法亮证"}));
    assert_eq!(code, 201);
    let (code, _) = qiye.get("/feedback");
    assert_eq!(code, 403);
    let (code, list) = server.login("admin").get("/feedback");
    assert_eq!(code, 200);
    assert_eq!(list[0]["text"], "山区无信号时无法亮证");
    assert_eq!(list[0]["role"], "driver");
    assert_eq!(list.as_array().unwrap().len(), 2);
}
