//! Health, metrics, the request log and a clean stop on SIGTERM, from the real binary.

mod common;

use common::Server;
use serde_json::Value;

/// `GET path` on the server's root: status and body text.
fn get(server: &Server, path: &str) -> (u16, String) {
    match ureq::get(&format!("{}{path}", server.base)).call() {
        Ok(r) => (r.status(), r.into_string().unwrap()),
        Err(ureq::Error::Status(status, r)) => (status, r.into_string().unwrap()),
        Err(err) => panic!("GET {path}: {err}"),
    }
}

#[test]
fn metrics_count_requests_per_route_and_the_log_has_one_line_each_without_ids_or_tokens() {
    let server = Server::start();
    let mut qiye = server.login("qiye_km");
    assert_eq!(qiye.get("/vehicles").0, 200);
    let number = "YN-LOG-CHECK-0001";
    assert_eq!(qiye.get(&format!("/certificates/{number}/status")).0, 200);
    for _ in 0..3 {
        assert_eq!(get(&server, "/api/v1/health").0, 200);
    }

    let (status, metrics) = get(&server, "/metrics");
    assert_eq!(status, 200);
    for expected in [
        "charterpass_http_requests_total{method=\"GET\",route=\"/api/v1/health\",status=\"200\"} 3",
        "charterpass_http_requests_total{method=\"GET\",route=\"/api/v1/certificates/{number}/status\",status=\"200\"} 1",
        "charterpass_http_requests_total{method=\"POST\",route=\"/api/v1/session\",status=\"200\"} 1",
        "charterpass_http_request_duration_seconds_count{route=\"/api/v1/health\"} 3",
        "charterpass_certificates_issued_total ",
        "# TYPE charterpass_filings gauge",
        "# TYPE charterpass_verifications_total counter",
    ] {
        assert!(metrics.contains(expected), "{expected} not in:\n{metrics}");
    }

    let (status, log) = server.terminate();
    assert!(status.success(), "{status}");
    assert_eq!(log.last().map(String::as_str), Some("charterpass stopped"));
    let lines: Vec<Value> = log
        .iter()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Sign-in, vehicles, one status look-up, three health checks, the metrics.
    assert_eq!(lines.len(), 7, "{log:?}");
    for line in &lines {
        let mut keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["at", "method", "ms", "route", "status"], "{line}");
    }
    assert!(lines
        .iter()
        .any(|l| l["route"] == "/api/v1/certificates/{number}/status" && l["status"] == 200));
    let text = log.join("\n");
    assert!(!text.contains(number), "a certificate number in the log");
    assert!(!text.contains("cp_session") && !text.contains("qiye_km"));
    // No session token (64 hex digits) anywhere.
    assert!(!text
        .split(|c: char| !c.is_ascii_hexdigit())
        .any(|word| word.len() >= 64));
}

#[test]
fn metrics_are_refused_to_addresses_not_allowed_and_health_checks_the_database() {
    let server = Server::start_with(&["--metrics-allow", "192.0.2.1"]);
    let (status, body) = get(&server, "/metrics");
    assert_eq!(status, 404);
    assert!(!body.contains("charterpass_"));

    let (status, body) = get(&server, "/api/v1/health");
    assert_eq!(status, 200, "{body}");
    // The schema breaks under the running server: the probe now fails.
    let db = server.data_dir.path().join("charterpass.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TABLE schema_migrations").unwrap();
    drop(conn);
    let (status, body) = get(&server, "/api/v1/health");
    assert_eq!(status, 503, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["code"], "unavailable");
}
