//! The administrator's adoption view (推广应用情况) over real HTTP.

mod common;
mod issuing;

use common::Server;
use issuing::{file, Trip, DL};
use serde_json::{json, Value};

fn row<'a>(adoption: &'a Value, code: &str) -> &'a Value {
    adoption["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["prefecture_code"] == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

#[test]
fn the_figures_equal_what_was_created() {
    let server = Server::start();
    let mut qiye = server.login("qiye_km");
    // 昆明: two in-scope trips issued (one then revoked and left so), one out of scope (paper).
    let issued = file(&server, &Trip::kunming_chengdu());
    let revoked = file(&server, &Trip::kunming_chengdu());
    file(
        &server,
        &Trip {
            destination: "440100",
            ..Trip::kunming_chengdu()
        },
    );
    file(
        &server,
        &Trip {
            status: "pending_review",
            ..Trip::kunming_chengdu()
        },
    );
    let (_, first) = qiye.post(&format!("/filings/{issued}/certificate"), &json!({}));
    let (_, second) = qiye.post(&format!("/filings/{revoked}/certificate"), &json!({}));
    qiye.post(
        &format!(
            "/certificates/{}/revocation",
            second["number"].as_str().unwrap()
        ),
        &json!({"reason": "行程取消"}),
    );
    // 大理: one in-scope trip, not issued yet.
    file(
        &server,
        &Trip {
            enterprise: DL,
            drivers: &[3],
            ..Trip::kunming_chengdu()
        },
    );
    // One verification of the first certificate, with an appeal.
    let mut zhifa = server.login("zhifa");
    let (code, verification) = zhifa.post(
        "/verifications",
        &json!({"certificate_number": first["number"], "issuer_province": "53", "outcome": "valid", "online_status": "valid"}),
    );
    assert_eq!(code, 201, "{verification}");
    // Two verifications of Chongqing certificates and one of Sichuan's (mutual recognition).
    for province in ["50", "50", "51"] {
        let body =
            json!({"issuer_province": province, "outcome": "valid", "online_status": "unknown"});
        assert_eq!(zhifa.post("/verifications", &body).0, 201);
    }
    let (code, appeal) = zhifa.post(
        "/appeals",
        &json!({"verification_id": verification["id"], "reason": "驾驶员对核验结果有异议"}),
    );
    assert!(code == 200 || code == 201, "{code} {appeal}");

    assert_eq!(qiye.get("/adoption").0, 403);
    let (code, adoption) = server.login("admin").get("/adoption");
    assert_eq!(code, 200, "{adoption}");
    let km = row(&adoption, "530100");
    assert_eq!(km["prefecture_name"], "昆明市");
    assert_eq!(
        (
            &km["approved_filings"],
            &km["in_scope_filings"],
            &km["electronic"],
            &km["paper"]
        ),
        (&json!(3), &json!(2), &json!(1), &json!(2))
    );
    assert_eq!(
        (
            &km["certificates_issued"],
            &km["verifications"],
            &km["appeals"]
        ),
        (&json!(2), &json!(1), &json!(1))
    );
    let dl = row(&adoption, "532900");
    assert_eq!(
        (&dl["approved_filings"], &dl["electronic"], &dl["paper"]),
        (&json!(1), &json!(0), &json!(1))
    );
    assert_eq!(row(&adoption, "530300")["approved_filings"], 0);
    assert_eq!(adoption["rows"].as_array().unwrap().len(), 16);
    assert_eq!(adoption["total"]["approved_filings"], 4);
    assert_eq!(adoption["total"]["certificates_issued"], 2);
    assert_eq!(
        adoption["total"]["verifications"], 1,
        "only Yunnan's certificates count per prefecture"
    );
    assert_eq!(
        adoption["recognised"],
        json!([
            {"province": "50", "province_name": "重庆市", "verifications": 2},
            {"province": "51", "province_name": "四川省", "verifications": 1}
        ])
    );
}
