//! Sessions over real HTTP: signing out everywhere, and the cookie's `Secure` behind HTTPS.

mod common;

use common::{Server, DEMO_PASSWORD};
use serde_json::{json, Value};

#[test]
fn signing_out_everywhere_ends_every_session_of_that_person_only() {
    let server = Server::start();
    let mut office = server.login("admin");
    let mut phone = server.login("admin");
    let mut colleague = server.login("shenhe_km");

    assert_eq!(
        office.post("/session/sign-out-everywhere", &json!({})).0,
        204
    );
    assert_eq!(phone.get("/session"), (200, Value::Null));
    assert_eq!(office.get("/session"), (200, Value::Null));
    assert_eq!(colleague.get("/session").1["username"], "shenhe_km");
    // Nobody signed in: nothing to end.
    assert_eq!(
        server
            .client()
            .post("/session/sign-out-everywhere", &json!({}))
            .0,
        401
    );

    let conn =
        rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite")).unwrap();
    let detail: String = conn
        .query_row(
            "SELECT detail FROM sign_in_log WHERE event = 'signed_out_everywhere'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(detail, "2 sessions ended");
}

#[test]
fn the_cookie_is_secure_when_the_trusted_proxy_says_https() {
    let server = Server::start_with(&["--trusted-proxy", "127.0.0.1"]);
    let sign_in = |proto: Option<&str>| {
        let mut client = server.client();
        if let Some(proto) = proto {
            client
                .headers
                .push(("X-Forwarded-Proto".into(), proto.into()));
        }
        let (status, _) = client.post(
            "/session",
            &json!({"username": "admin", "password": DEMO_PASSWORD}),
        );
        assert_eq!(status, 200);
        client.header("set-cookie").unwrap().to_owned()
    };
    let https = sign_in(Some("https"));
    assert!(https.contains("; HttpOnly; SameSite=Strict;"), "{https}");
    assert!(https.ends_with("; Secure"), "{https}");
    let http = sign_in(Some("http"));
    assert!(!http.contains("Secure"), "{http}");
    let direct = sign_in(None);
    assert!(!direct.contains("Secure"), "{direct}");
}
