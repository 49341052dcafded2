//! The real binary over real HTTP: health, sessions, errors, the data folder.

mod common;

use common::Server;
use serde_json::json;

#[test]
fn health_answers_ok_with_version() {
    let server = Server::start();
    let (status, body) = server.client().get("/health");
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn sign_in_who_am_i_and_sign_out() {
    let server = Server::start();
    let mut client = server.client();
    assert_eq!(client.get("/session"), (200, serde_json::Value::Null));

    let (status, me) = client.post(
        "/session",
        &json!({"username": "shenhe_dl", "password": common::DEMO_PASSWORD}),
    );
    assert_eq!(status, 200);
    assert_eq!(me["role"], "reviewer");
    assert_eq!(me["prefecture_code"], "532900");

    let (status, again) = client.get("/session");
    assert_eq!(status, 200);
    assert_eq!(again, me);

    assert_eq!(client.delete("/session").0, 204);
    assert_eq!(client.get("/session"), (200, serde_json::Value::Null));
}

#[test]
fn wrong_password_and_unknown_user_look_the_same() {
    let server = Server::start();
    let (status, wrong) = server.client().post(
        "/session",
        &json!({"username": "admin", "password": "nope"}),
    );
    assert_eq!(status, 401);
    let (status, unknown) = server.client().post(
        "/session",
        &json!({"username": "nobody", "password": "nope"}),
    );
    assert_eq!(status, 401);
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["code"], "bad_credentials");
    assert_eq!(wrong["message"], "用户名或密码错误");
}

#[test]
fn empty_username_names_the_field() {
    let server = Server::start();
    let (status, body) = server
        .client()
        .post("/session", &json!({"username": " ", "password": "x"}));
    assert_eq!(status, 422);
    assert_eq!(body["field"], "username");
}

#[test]
fn unknown_api_route_is_a_json_404() {
    let server = Server::start();
    let (status, body) = server.client().get("/no-such-thing");
    assert_eq!(status, 404);
    assert_eq!(body["code"], "not_found");
}

#[test]
fn oversized_body_is_refused() {
    let server = Server::start();
    // Just over the limit: the whole request fits the socket buffers and is sent before the
    // server answers, so the client reads the answer rather than a reset connection.
    let huge = "x".repeat(64 * 1024 + 16);
    let (status, body) = server
        .client()
        .post("/session", &json!({"username": huge, "password": "x"}));
    assert_eq!((status, body["code"].as_str()), (413, Some("too_large")));
}

#[test]
fn database_is_sqlite_in_wal_mode_in_a_private_folder() {
    let server = Server::start();
    let dir = server.data_dir.path();
    let header = std::fs::read(dir.join("charterpass.sqlite")).expect("database file");
    assert!(header.starts_with(b"SQLite format 3\0"));
    // WAL mode is recorded in the header: file format write/read versions 2.
    assert_eq!((header[18], header[19]), (2, 2));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
    }
}

#[test]
fn seeding_twice_adds_nothing() {
    let server = Server::start();
    let dir = server.data_dir.path().to_owned();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_charterpass"))
        .args(["seed-demo", "--data-dir"])
        .arg(&dir)
        .output()
        .expect("seed-demo");
    assert!(output.status.success());
    let listed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(listed.matches("shenhe_km").count(), 1, "{listed}");
}
