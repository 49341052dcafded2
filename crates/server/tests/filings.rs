//! Filings over real HTTP: the review rules at their boundaries, jurisdictions, the decision race,
//! the administrator's permission switch and the audit trail, and bad input.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Barrier;

use chrono::{Duration, FixedOffset, Utc};
use common::{Client, Server};
use serde_json::{json, Value};

/// RFC 3339 in CST, `offset` from now.
fn cst(offset: Duration) -> String {
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    (Utc::now() + offset).with_timezone(&cst).to_rfc3339()
}

/// A departure days ahead, a different week for every trip, so trips of one vehicle never overlap
/// unless a test makes them.
fn next_window() -> (String, String) {
    static WEEK: AtomicI64 = AtomicI64::new(1);
    let week = WEEK.fetch_add(1, Ordering::Relaxed);
    let departure = Duration::weeks(week);
    (cst(departure), cst(departure + Duration::hours(58)))
}

/// A Kunming → Panzhihua trip (220 km straight, 253 km estimated road) of `kind` and `km` for
/// the signed-in enterprise's first vehicle and driver, departing in a week of its own.
fn trip(client: &mut Client, kind: &str, km: u32) -> Value {
    let (_, vehicles) = client.get("/vehicles");
    let (_, drivers) = client.get("/drivers");
    let (departure, back) = next_window();
    json!({
        "vehicle_id": vehicles[0]["id"],
        "driver_ids": [drivers[0]["id"]],
        "charter_kind": kind,
        "origin": "530100",
        "destination": "510400",
        "waypoints": [],
        "departure_at": departure,
        "return_at": back,
        "one_way_km": km,
        "passengers": 30,
        "contract_number": "HT-2025-001",
        "charterer": "昆明某旅行社"
    })
}

/// Creates a draft and submits it; returns the submitted filing.
fn file(client: &mut Client, body: &Value) -> Value {
    let (status, draft) = client.post("/filings", body);
    assert_eq!(status, 201, "{draft}");
    assert_eq!(draft["status"], "draft");
    let (status, filed) = client.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(status, 200, "{filed}");
    filed
}

fn submit_trip(client: &mut Client, kind: &str, km: u32) -> Value {
    let body = trip(client, kind, km);
    file(client, &body)
}

#[test]
fn dedicated_trip_of_800_km_with_permission_is_approved_at_once() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "dedicated", 800);
    assert_eq!(filed["status"], "auto_approved");
    assert_eq!(filed["manual_reasons"], json!([]));
    assert!(filed["number"].as_str().unwrap().starts_with("YN-"));
    assert_eq!(filed["prefecture_code"], "530100");
    assert!(filed["decided_at"].as_str().unwrap().ends_with("+08:00"));
}

#[test]
fn one_km_more_goes_to_manual_review() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "dedicated", 801);
    assert_eq!(filed["status"], "pending_review");
    assert_eq!(
        filed["manual_reasons"],
        json!(["beyond_auto_review_distance"])
    );
}

#[test]
fn scheduled_line_temporary_trip_goes_to_manual_review() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    assert_eq!(filed["status"], "pending_review");
    assert_eq!(filed["manual_reasons"], json!(["scheduled_line_temporary"]));
}

#[test]
fn without_permission_a_short_dedicated_trip_goes_to_manual_review() {
    let server = Server::start();
    let mut dl = server.login("qiye_dl");
    let mut body = trip(&mut dl, "dedicated", 300);
    body["origin"] = json!("532900");
    let filed = file(&mut dl, &body);
    assert_eq!(filed["status"], "pending_review");
    assert_eq!(
        filed["manual_reasons"],
        json!(["no_auto_review_permission"])
    );
    assert_eq!(filed["prefecture_code"], "532900");
}

#[test]
fn withdrawn_permission_applies_to_the_next_submission_and_is_audited() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let (_, enterprises) = admin.get("/enterprises");
    let kunming = enterprises["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["prefecture_code"] == "530100")
        .unwrap()
        .clone();
    assert_eq!(kunming["auto_review"], true);
    let path = format!("/enterprises/{}/auto-review", kunming["id"]);

    let (status, body) = admin.put(&path, &json!({"auto_review": false, "reason": " "}));
    assert_eq!((status, body["field"].as_str()), (422, Some("reason")));
    let (status, changed) = admin.put(
        &path,
        &json!({"auto_review": false, "reason": "超范围经营，暂停自动审核"}),
    );
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["auto_review"], false);
    let (status, again) = admin.put(&path, &json!({"auto_review": false, "reason": "再次"}));
    assert_eq!(status, 409, "{again}");

    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "dedicated", 300);
    assert_eq!(filed["status"], "pending_review");
    assert_eq!(
        filed["manual_reasons"],
        json!(["no_auto_review_permission"])
    );

    let (status, trail) = admin.get("/audit?entity=enterprise");
    assert_eq!(status, 200);
    let entry = &trail["items"][0];
    assert_eq!(entry["entity_label"], "昆明滇池旅游客运有限公司");
    assert_eq!(
        (entry["from_state"].as_str(), entry["to_state"].as_str()),
        (Some("granted"), Some("withdrawn"))
    );
    assert_eq!(entry["reason"], "超范围经营，暂停自动审核");
    assert_eq!(entry["actor"], "云南省交通运输厅管理员");

    let (_, filings_trail) = admin.get("/audit?entity=filing");
    let steps: Vec<(Value, Value)> = filings_trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .map(|e| (e["from_state"].clone(), e["to_state"].clone()))
        .collect();
    assert_eq!(
        steps,
        [
            (Value::Null, json!("draft")),
            (json!("draft"), json!("submitted")),
            (json!("submitted"), json!("pending_review")),
        ]
    );
}

#[test]
fn reviewer_approves_and_rejects_within_its_prefecture_and_the_reason_reaches_the_enterprise() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let first = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let second = submit_trip(&mut km, "dedicated", 900);
    let mut reviewer = server.login("shenhe_km");

    let (status, queue) = reviewer.get("/filings");
    assert_eq!(status, 200);
    assert_eq!(queue["total"], 2, "the default filter is pending_review");

    let (status, approved) = reviewer.post(
        &format!("/filings/{}/decision", first["id"]),
        &json!({"decision": "approve"}),
    );
    assert_eq!(status, 200, "{approved}");
    assert_eq!(approved["status"], "approved");
    assert_eq!(approved["reviewer_name"], "昆明市交通运输局审核员");

    let decision = format!("/filings/{}/decision", second["id"]);
    let (status, body) = reviewer.post(&decision, &json!({"decision": "reject", "reason": "  "}));
    assert_eq!((status, body["field"].as_str()), (422, Some("reason")));
    assert_eq!(body["message"], "请填写驳回理由");
    let (status, _) = reviewer.post(
        &decision,
        &json!({"decision": "reject", "reason": "包车合同与行程不符"}),
    );
    assert_eq!(status, 200);

    let (_, seen) = km.get(&format!("/filings/{}", second["id"]));
    assert_eq!(seen["status"], "rejected");
    assert_eq!(seen["decision_reason"], "包车合同与行程不符");
    let (_, rejected) = km.get("/filings?status=rejected");
    assert_eq!(rejected["total"], 1);
}

#[test]
fn two_reviewers_deciding_at_once_exactly_one_wins() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let path = format!("/filings/{}/decision", filed["id"]);
    let reviewers = [server.login("shenhe_km"), server.login("shenhe_km")];
    let start = Barrier::new(2);
    let mut statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = reviewers
            .into_iter()
            .zip([
                json!({"decision": "approve"}),
                json!({"decision": "reject", "reason": "材料不全"}),
            ])
            .map(|(mut reviewer, body)| {
                let (path, start) = (&path, &start);
                scope.spawn(move || {
                    start.wait();
                    reviewer.post(path, &body).0
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let (_, audit) = server
        .login("admin")
        .get("/audit?entity=filing&per_page=100");
    let decisions = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from_state"] == "pending_review")
        .count();
    assert_eq!(decisions, 1, "only the winner is audited");
}

#[test]
fn enterprises_see_only_their_own_filings() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let body = trip(&mut km, "dedicated", 300);
    let (_, draft) = km.post("/filings", &body);
    let id = draft["id"].clone();
    let mut dl = server.login("qiye_dl");
    assert_eq!(dl.get(&format!("/filings/{id}")).0, 404);
    assert_eq!(dl.put(&format!("/filings/{id}"), &body).0, 404);
    assert_eq!(dl.post(&format!("/filings/{id}/submit"), &json!({})).0, 404);
    assert_eq!(dl.post(&format!("/filings/{id}/cancel"), &json!({})).0, 404);
    assert_eq!(dl.get("/filings").1["total"], 0);
    // Nor may they file with another enterprise's vehicle.
    let (status, error) = dl.post("/filings", &body);
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("vehicle_id")),
        "{error}"
    );
    // The draft is untouched.
    assert_eq!(km.get(&format!("/filings/{id}")).1["status"], "draft");
}

#[test]
fn a_reviewer_of_another_prefecture_cannot_see_or_decide() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let mut dali = server.login("shenhe_dl");
    assert_eq!(dali.get(&format!("/filings/{}", filed["id"])).0, 404);
    let (status, _) = dali.post(
        &format!("/filings/{}/decision", filed["id"]),
        &json!({"decision": "approve"}),
    );
    assert_eq!(status, 404);
    assert_eq!(dali.get("/filings?status=all").1["total"], 0);
    let (_, still) = km.get(&format!("/filings/{}", filed["id"]));
    assert_eq!(still["status"], "pending_review");
}

#[test]
fn reviewers_do_not_see_drafts() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let body = trip(&mut km, "dedicated", 300);
    let (_, draft) = km.post("/filings", &body);
    let mut reviewer = server.login("shenhe_km");
    assert_eq!(reviewer.get(&format!("/filings/{}", draft["id"])).0, 404);
    assert_eq!(reviewer.get("/filings?status=all").1["total"], 0);
}

#[test]
fn drivers_and_inspectors_are_forbidden_and_strangers_must_sign_in() {
    let server = Server::start();
    let routes_get = [
        "/filings",
        "/filings/1",
        "/vehicles",
        "/drivers",
        "/enterprises",
        "/audit",
    ];
    for username in ["driver_km1", "zhifa"] {
        let mut client = server.login(username);
        for path in routes_get {
            assert_eq!(client.get(path).0, 403, "{username} GET {path}");
        }
        let decision = client.post("/filings/1/decision", &json!({"decision": "approve"}));
        assert_eq!(decision.0, 403, "{username} decides");
        assert_eq!(
            client.post("/filings", &json!({})).0,
            403,
            "{username} files"
        );
    }
    let mut stranger = server.client();
    for path in routes_get {
        let (status, body) = stranger.get(path);
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("unauthenticated")),
            "{path}"
        );
    }
    assert_eq!(
        stranger
            .post("/filings/1/decision", &json!({"decision": "approve"}))
            .0,
        401
    );
}

#[test]
fn an_enterprise_reads_only_its_own_permission() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (_, me) = km.get("/session");
    let own = me["enterprise_id"].as_i64().unwrap();
    let (status, enterprise) = km.get(&format!("/enterprises/{own}"));
    assert_eq!(
        (status, enterprise["auto_review"].as_bool()),
        (200, Some(true))
    );
    let (_, dl) = server.login("qiye_dl").get("/session");
    let other = dl["enterprise_id"].as_i64().unwrap();
    assert_eq!(km.get(&format!("/enterprises/{other}")).0, 404);
    assert_eq!(
        server.login("zhifa").get(&format!("/enterprises/{own}")).0,
        403
    );
}

#[test]
fn each_role_stays_in_its_lane() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let decision = format!("/filings/{}/decision", filed["id"]);
    assert_eq!(km.post(&decision, &json!({"decision": "approve"})).0, 403);
    assert_eq!(km.get("/enterprises").0, 403);
    assert_eq!(km.get("/audit").0, 403);
    let mut reviewer = server.login("shenhe_km");
    assert_eq!(reviewer.post("/filings", &json!({})).0, 403);
    assert_eq!(
        reviewer
            .put(
                "/enterprises/1/auto-review",
                &json!({"auto_review": true, "reason": "x"})
            )
            .0,
        403
    );
    let mut admin = server.login("admin");
    assert_eq!(
        admin.post(&decision, &json!({"decision": "approve"})).0,
        403
    );
}

#[test]
fn submission_rechecks_the_rules_and_names_the_field() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (status, empty) = km.post("/filings", &json!({}));
    assert_eq!(status, 201, "an empty draft may be saved");
    let (status, error) = km.post(&format!("/filings/{}/submit", empty["id"]), &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("vehicle_id")),
        "{error}"
    );
    assert_eq!(error["message"], "请选择车辆");

    let mut body = trip(&mut km, "dedicated", 300);
    let back = body["return_at"].clone();
    body["return_at"] = body["departure_at"].clone();
    let (_, draft) = km.post("/filings", &body);
    let (status, error) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!((status, error["field"].as_str()), (422, Some("return_at")));
    assert_eq!(error["message"], "返程时间必须晚于出发时间");

    body["return_at"] = back;
    body["passengers"] = json!(46);
    let (status, edited) = km.put(&format!("/filings/{}", draft["id"]), &body);
    assert_eq!(status, 200, "{edited}");
    let (status, error) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!((status, error["field"].as_str()), (422, Some("passengers")));

    body["passengers"] = json!(45);
    km.put(&format!("/filings/{}", draft["id"]), &body);
    let (status, filed) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(
        (status, filed["status"].as_str()),
        (200, Some("auto_approved"))
    );
    let (status, _) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(status, 409, "submitted twice");
    assert_eq!(
        km.put(&format!("/filings/{}", draft["id"]), &body).0,
        409,
        "no edits after submission"
    );
}

#[test]
fn a_cancelled_filing_leaves_the_queue() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let (status, cancelled) = km.post(&format!("/filings/{}/cancel", filed["id"]), &json!({}));
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (200, Some("cancelled"))
    );
    assert_eq!(
        km.post(&format!("/filings/{}/cancel", filed["id"]), &json!({}))
            .0,
        409
    );
    let mut reviewer = server.login("shenhe_km");
    let (status, _) = reviewer.post(
        &format!("/filings/{}/decision", filed["id"]),
        &json!({"decision": "approve"}),
    );
    assert_eq!(status, 409);
    assert_eq!(reviewer.get("/filings").1["total"], 0);
}

#[test]
fn drivers_are_registered_ones_with_masked_numbers() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (status, drivers) = km.get("/drivers");
    assert_eq!(status, 200);
    assert_eq!(drivers[0]["name"], "张建国");
    assert_eq!(drivers[0]["id_number_masked"], "5301**********1234");
    assert_eq!(drivers[0]["phone_masked"], "138****0001");
    assert!(!drivers.to_string().contains("530102198001011234"));
    let filed = submit_trip(&mut km, "dedicated", 300);
    assert_eq!(
        filed["drivers"][0]["id_number_masked"],
        "5301**********1234"
    );
    assert!(!filed.to_string().contains("530102198001011234"));

    let mut body = trip(&mut km, "dedicated", 300);
    let (_, other) = server.login("qiye_dl").get("/drivers");
    body["driver_ids"] = json!([other[0]["id"]]);
    let (status, error) = km.post("/filings", &body);
    assert_eq!((status, error["field"].as_str()), (422, Some("driver_ids")));
}

#[test]
fn malformed_mistyped_and_oversized_bodies_get_json_errors() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (status, body) = km.post_raw("/filings", "application/json", "{not json");
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed")));
    let (status, body) = km.post_raw("/filings", "text/plain", "{}");
    assert_eq!((status, body["code"].as_str()), (400, Some("malformed")));
    let (status, body) = km.post("/filings", &json!({"one_way_km": "八百"}));
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("one_way_km")),
        "{body}"
    );
    assert!(body["message"].as_str().unwrap().contains("单边行程"));
    let (status, body) = km.post("/filings", &json!({"origin": "x".repeat(100)}));
    assert_eq!(
        (status, body["field"].as_str()),
        (422, Some("origin")),
        "{body}"
    );
    // Just over the 64 KiB limit, so the unread rest fits the socket buffers and the client
    // reads the answer instead of a reset connection.
    let huge = json!({"charterer": "x".repeat(64 * 1024 + 16)});
    let (status, body) = km.post("/filings", &huge);
    assert_eq!((status, body["code"].as_str()), (413, Some("too_large")));
    assert_eq!(km.get("/filings").1["total"], 0, "nothing was saved");
}

#[test]
fn list_queries_are_bounded() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    for query in ["per_page=0", "per_page=101", "page=0", "page=abc"] {
        let (status, body) = km.get(&format!("/filings?{query}"));
        assert_eq!(status, 422, "{query}");
        let field = query.split('=').next().unwrap();
        assert_eq!(body["field"], field, "{query}");
    }
    let (status, body) = km.get("/filings?status=bogus");
    assert_eq!((status, body["field"].as_str()), (422, Some("status")));
    for _ in 0..3 {
        let body = trip(&mut km, "dedicated", 300);
        km.post("/filings", &body);
    }
    let (_, page) = km.get("/filings?per_page=2&page=2&status=draft");
    assert_eq!(
        (
            page["total"].as_u64(),
            page["items"].as_array().unwrap().len()
        ),
        (Some(3), 1)
    );
}

#[test]
fn a_rejected_filing_is_reopened_corrected_and_submitted_again() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let filed = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let id = filed["id"].clone();
    let reopen = format!("/filings/{id}/reopen");
    let (status, _) = km.post(&reopen, &json!({}));
    assert_eq!(status, 409, "only a rejected filing reopens");

    let mut reviewer = server.login("shenhe_km");
    let (status, _) = reviewer.post(
        &format!("/filings/{id}/decision"),
        &json!({"decision": "reject", "reason": "包车合同与行程不符"}),
    );
    assert_eq!(status, 200);
    let (status, _) = server.login("qiye_dl").post(&reopen, &json!({}));
    assert_eq!(status, 404, "another enterprise cannot reach it");
    assert_eq!(reviewer.post(&reopen, &json!({})).0, 403);

    let (status, draft) = km.post(&reopen, &json!({}));
    assert_eq!(status, 200, "{draft}");
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["decision_reason"], "包车合同与行程不符");
    let (status, again) = km.post(&format!("/filings/{id}/submit"), &json!({}));
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["status"], "pending_review");
}

/// Moves filing `id`'s departure to `departure` straight in the database, as time would.
fn set_departure(server: &Server, id: &Value, departure: &str) {
    let conn = rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite"))
        .expect("open database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let changed = conn
        .execute(
            "UPDATE filings SET departure_at = ?2 WHERE id = ?1",
            rusqlite::params![id.as_i64().unwrap(), departure],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

#[test]
fn departure_one_minute_ago_is_refused_and_in_one_minute_accepted() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let mut body = trip(&mut km, "dedicated", 300);
    body["departure_at"] = json!(cst(-Duration::minutes(1)));
    let (status, draft) = km.post("/filings", &body);
    assert_eq!(status, 201, "a draft may hold a past departure: {draft}");
    let submit = format!("/filings/{}/submit", draft["id"]);
    let (status, error) = km.post(&submit, &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("departure_at")),
        "{error}"
    );
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("出发时间") && message.contains("须晚于当前时间"),
        "{message}"
    );
    assert_eq!(
        km.get(&format!("/filings/{}", draft["id"])).1["status"],
        "draft"
    );

    body["departure_at"] = json!(cst(Duration::minutes(1)));
    km.put(&format!("/filings/{}", draft["id"]), &body);
    let (status, filed) = km.post(&submit, &json!({}));
    assert_eq!(
        (status, filed["status"].as_str()),
        (200, Some("auto_approved")),
        "{filed}"
    );
}

#[test]
fn approval_after_departure_is_refused_and_the_reviewer_sees_why() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let late = submit_trip(&mut km, "scheduled_line_temporary", 300);
    let early = submit_trip(&mut km, "scheduled_line_temporary", 300);
    set_departure(&server, &late["id"], &cst(-Duration::minutes(1)));
    set_departure(&server, &early["id"], &cst(Duration::minutes(1)));
    let mut reviewer = server.login("shenhe_km");
    let approve = json!({"decision": "approve"});
    let (status, error) = reviewer.post(&format!("/filings/{}/decision", late["id"]), &approve);
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("departure_at")),
        "{error}"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("不能再审核通过"),
        "{error}"
    );
    let (status, _) = reviewer.post(
        &format!("/filings/{}/decision", late["id"]),
        &json!({"decision": "reject", "reason": "已过出发时间"}),
    );
    assert_eq!(status, 200, "a late filing can still be rejected");
    let (status, approved) = reviewer.post(&format!("/filings/{}/decision", early["id"]), &approve);
    assert_eq!(
        (status, approved["status"].as_str()),
        (200, Some("approved")),
        "{approved}"
    );
}

#[test]
fn home_end_at_origin_at_destination_at_neither_and_emergency() {
    let server = Server::start();
    let mut km = server.login("qiye_km"); // 昆明 enterprise with the automatic-review permission
    let at_origin = submit_trip(&mut km, "dedicated", 300);
    assert_eq!(at_origin["status"], "auto_approved");

    let mut body = trip(&mut km, "dedicated", 300);
    body["origin"] = json!("510400");
    body["destination"] = json!("530100");
    assert_eq!(
        file(&mut km, &body)["status"],
        "auto_approved",
        "home at the destination"
    );

    let mut body = trip(&mut km, "dedicated", 400);
    body["origin"] = json!("510100"); // 成都 → 重庆
    body["destination"] = json!("500100");
    let (_, draft) = km.post("/filings", &body);
    let (status, error) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("origin")),
        "{error}"
    );
    assert_eq!(
        error["message"],
        "起点或讫点须为车籍所在地昆明市（应急包车任务除外）"
    );

    body["emergency"] = json!(true);
    km.put(&format!("/filings/{}", draft["id"]), &body);
    let (status, emergency) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(status, 200, "{emergency}");
    assert_eq!(
        emergency["status"], "pending_review",
        "always reviewed by hand"
    );
    assert_eq!(emergency["manual_reasons"], json!(["emergency_task"]));
    let (_, queue) = server.login("shenhe_km").get("/filings");
    assert_eq!(queue["items"][0]["number"], emergency["number"]);
    assert_eq!(queue["items"][0]["emergency"], true);
    assert_eq!(
        queue["items"][0]["manual_reasons"],
        json!(["emergency_task"])
    );
}

#[test]
fn double_booking_by_one_minute_is_refused_naming_the_filing_and_touching_windows_are_not() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (_, vehicles) = km.get("/vehicles");
    let (_, drivers) = km.get("/drivers");
    let first = submit_trip(&mut km, "scheduled_line_temporary", 300); // pending review holds too
    let number = first["number"].as_str().unwrap();
    let end = chrono::DateTime::parse_from_rfc3339(first["return_at"].as_str().unwrap()).unwrap();
    let after = |minutes: i64| (end + Duration::minutes(minutes)).to_rfc3339();

    // The same vehicle with another driver, departing one minute before the first trip returns.
    let mut body = trip(&mut km, "dedicated", 300);
    body["driver_ids"] = json!([drivers[1]["id"]]);
    body["departure_at"] = json!(after(-1));
    body["return_at"] = json!(after(24 * 60));
    let (_, draft) = km.post("/filings", &body);
    let submit = format!("/filings/{}/submit", draft["id"]);
    let (status, error) = km.post(&submit, &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("vehicle_id")),
        "{error}"
    );
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(number) && message.contains("时间重叠"),
        "{message}"
    );

    // The same driver in another vehicle, overlapping by one minute.
    body["vehicle_id"] = vehicles[1]["id"].clone();
    body["driver_ids"] = json!([drivers[0]["id"]]);
    km.put(&format!("/filings/{}", draft["id"]), &body);
    let (status, error) = km.post(&submit, &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("driver_ids")),
        "{error}"
    );
    assert!(
        error["message"].as_str().unwrap().contains(number),
        "{error}"
    );

    // Departing the minute the first trip returns: touching windows do not overlap.
    body["vehicle_id"] = vehicles[0]["id"].clone();
    body["departure_at"] = json!(after(0));
    km.put(&format!("/filings/{}", draft["id"]), &body);
    let (status, filed) = km.post(&submit, &json!({}));
    assert_eq!(
        (status, filed["status"].as_str()),
        (200, Some("auto_approved")),
        "{filed}"
    );
}

#[test]
fn a_cancelled_trip_frees_its_vehicle() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let first = submit_trip(&mut km, "dedicated", 300);
    let mut body = trip(&mut km, "dedicated", 300);
    body["departure_at"] = first["departure_at"].clone();
    body["return_at"] = first["return_at"].clone();
    let (_, draft) = km.post("/filings", &body);
    let submit = format!("/filings/{}/submit", draft["id"]);
    assert_eq!(km.post(&submit, &json!({})).0, 422);
    km.post(&format!("/filings/{}/cancel", first["id"]), &json!({}));
    assert_eq!(km.post(&submit, &json!({})).0, 200);
}

#[test]
fn distance_below_the_straight_line_is_refused_and_the_road_factor_boundary_both_ways() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    // 昆明 → 成都: 644.5 km straight (645 rounded up), × 1.15 = 742 km estimated road.
    let to_chengdu = |client: &mut Client, one_way_km: u32| {
        let mut body = trip(client, "dedicated", one_way_km);
        body["destination"] = json!("510100");
        body
    };
    let body = to_chengdu(&mut km, 644);
    let (_, draft) = km.post("/filings", &body);
    let (status, error) = km.post(&format!("/filings/{}/submit", draft["id"]), &json!({}));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("one_way_km")),
        "{error}"
    );
    assert!(
        error["message"].as_str().unwrap().contains("约 645 公里"),
        "{error}"
    );

    let body = to_chengdu(&mut km, 645);
    let doubtful = file(&mut km, &body);
    assert_eq!(
        doubtful["status"], "pending_review",
        "even with the permission"
    );
    assert_eq!(doubtful["manual_reasons"], json!(["distance_doubtful"]));
    let body = to_chengdu(&mut km, 741);
    assert_eq!(
        file(&mut km, &body)["manual_reasons"],
        json!(["distance_doubtful"])
    );
    let body = to_chengdu(&mut km, 742);
    let plausible = file(&mut km, &body);
    assert_eq!(plausible["status"], "auto_approved");
    assert_eq!(plausible["manual_reasons"], json!([]));
}
