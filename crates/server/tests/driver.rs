//! The driver's tasks (待接收包车任务), receipt (确认接收) and current certificate over real HTTP.

mod common;
mod issuing;

use common::Server;
use issuing::{file, Trip};
use serde_json::json;

fn issue(server: &Server, trip: &Trip<'_>) -> String {
    let id = file(server, trip);
    let (code, body) = server
        .login("qiye_km")
        .post(&format!("/filings/{id}/certificate"), &json!({}));
    assert_eq!(code, 201, "{body}");
    body["number"].as_str().unwrap().to_owned()
}

#[test]
fn a_driver_sees_only_its_own_tasks_accepts_one_and_then_displays_it() {
    let server = Server::start();
    let mine = issue(&server, &Trip::kunming_chengdu());
    let theirs = issue(
        &server,
        &Trip {
            drivers: &[2],
            ..Trip::kunming_chengdu()
        },
    );
    let mut driver = server.login("driver_km1");
    assert_eq!(
        driver.get("/driver/certificate"),
        (200, serde_json::Value::Null)
    );

    let (code, tasks) = driver.get("/driver/tasks");
    assert_eq!(code, 200, "{tasks}");
    let numbers: Vec<&str> = tasks
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [mine.as_str()]);
    assert_eq!(tasks[0]["charter"]["plate"], "云A12345");
    assert_eq!(tasks[0]["accepted"], false);

    let (code, _) = driver.post(&format!("/driver/tasks/{theirs}/acceptance"), &json!({}));
    assert_eq!(
        code, 404,
        "a driver cannot receive another driver's certificate"
    );
    let (code, accepted) = driver.post(&format!("/driver/tasks/{mine}/acceptance"), &json!({}));
    assert_eq!(code, 200, "{accepted}");
    assert_eq!(accepted["accepted"], true);
    assert_eq!(
        driver
            .post(&format!("/driver/tasks/{mine}/acceptance"), &json!({}))
            .0,
        200
    );

    assert_eq!(driver.get("/driver/tasks").1, json!([]));
    let (_, current) = driver.get("/driver/certificate");
    assert_eq!(current["number"], mine.as_str());
    assert!(current["text"].as_str().unwrap().starts_with("BC1:"));

    // The other driver still has its own task, and not mine.
    let (_, other) = server.login("driver_km2").get("/driver/tasks");
    assert_eq!(other.as_array().unwrap().len(), 1);
    assert_eq!(other[0]["number"], theirs.as_str());
}

#[test]
fn a_revoked_certificate_leaves_the_driver_phone_and_only_drivers_may_ask() {
    let server = Server::start();
    let number = issue(&server, &Trip::kunming_chengdu());
    let mut driver = server.login("driver_km1");
    driver.post(&format!("/driver/tasks/{number}/acceptance"), &json!({}));
    let (code, _) = server.login("qiye_km").post(
        &format!("/certificates/{number}/revocation"),
        &json!({"reason": "行程取消"}),
    );
    assert_eq!(code, 200);
    assert_eq!(driver.get("/driver/certificate").1, serde_json::Value::Null);
    assert_eq!(driver.get("/driver/tasks").1, json!([]));
    assert_eq!(server.login("qiye_km").get("/driver/tasks").0, 403);
    assert_eq!(server.client().get("/driver/tasks").0, 401);
}
