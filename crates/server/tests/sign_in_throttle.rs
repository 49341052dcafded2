//! Sign-in throttling over real HTTP against the real binary: failures lock the account and the
//! client address out (429, Retry-After, a Chinese message), a correct password waits too, a
//! trusted proxy names the client, and the audit trail records it all. Each exchange is printed
//! (`cargo test --test sign_in_throttle -- --nocapture` shows the transcript).

mod common;

use common::{Client, Server, DEMO_PASSWORD};
use serde_json::{json, Value};

/// Signs in as `username` with `password` and prints the exchange.
fn try_sign_in(client: &mut Client, who: &str, username: &str, password: &str) -> (u16, Value) {
    let (status, body) = client.post(
        "/session",
        &json!({"username": username, "password": password}),
    );
    let retry = client
        .header("retry-after")
        .map(|s| format!(" Retry-After: {s}"))
        .unwrap_or_default();
    let shown = if password == DEMO_PASSWORD {
        "correct"
    } else {
        "wrong"
    };
    println!(
        "{who:>22} {username:>10} {shown:>7} password -> {status}{retry} {}",
        body.get("message").and_then(Value::as_str).unwrap_or("")
    );
    (status, body)
}

/// A client behind the trusted proxy at 127.0.0.1, as `address`.
fn from(server: &Server, address: &str) -> Client {
    let mut client = server.client();
    client
        .headers
        .push(("X-Forwarded-For".into(), address.into()));
    client
}

/// `(event, username, client_address)` of every row of the sign-in audit trail, oldest first.
fn audit(server: &Server) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite"))
        .expect("open the server's database");
    let mut stmt = conn
        .prepare("SELECT event, username, client_address FROM sign_in_log ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn failures_lock_out_the_account_and_the_address_but_not_everyone() {
    // Locks last a minute here, so the answers below cannot depend on how fast the test runs.
    let server = Server::start_with(&[
        "--trusted-proxy",
        "127.0.0.1",
        "--throttle-account-free",
        "3",
        "--throttle-address-free",
        "5",
        "--throttle-base-secs",
        "60",
    ]);
    let mut stranger = from(&server, "203.0.113.5");
    let mut owner = from(&server, "198.51.100.20");

    for _ in 0..3 {
        let (status, body) = try_sign_in(&mut stranger, "stranger 203.0.113.5", "admin", "guess");
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("bad_credentials"))
        );
    }
    // The fourth failure is still heard, and locks the account for the first back-off step.
    let (status, _) = try_sign_in(&mut stranger, "stranger 203.0.113.5", "admin", "guess");
    assert_eq!(status, 401);

    // The owner, from elsewhere and with the right password, waits too.
    let (status, body) = try_sign_in(&mut owner, "owner 198.51.100.20", "admin", DEMO_PASSWORD);
    assert_eq!(status, 429);
    assert_eq!(body["code"], "too_many_attempts");
    let wait: u64 = owner
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "Retry-After {wait}");
    assert_eq!(
        body["message"],
        format!("登录失败次数过多，请 {wait} 秒后再试")
    );
    assert_eq!(body["field"], Value::Null);

    // The stranger moves on to other accounts: the address's own allowance runs out.
    for username in ["zhifa", "shenhe_km"] {
        let (status, _) = try_sign_in(&mut stranger, "stranger 203.0.113.5", username, "guess");
        assert_eq!(status, 401);
    }
    let (status, _) = try_sign_in(
        &mut stranger,
        "stranger 203.0.113.5",
        "qiye_km",
        DEMO_PASSWORD,
    );
    assert_eq!(
        status, 429,
        "the stranger's address is locked, whatever it tries"
    );
    // Nobody else is: qiye_km signs in from its own office.
    let (status, me) = try_sign_in(&mut owner, "qiye_km's office", "qiye_km", DEMO_PASSWORD);
    assert_eq!((status, me["username"].as_str()), (200, Some("qiye_km")));

    let trail = audit(&server);
    let count = |event: &str| trail.iter().filter(|(e, _, _)| e == event).count();
    assert_eq!(count("failed"), 6, "{trail:?}");
    assert_eq!(count("locked_out"), 2, "{trail:?}");
    assert_eq!(count("signed_in"), 1, "{trail:?}");
    assert!(trail
        .iter()
        .filter(|(e, _, _)| e == "failed")
        .all(|(_, _, address)| address == "203.0.113.5"));
    assert!(trail.contains(&("signed_in".into(), "qiye_km".into(), "198.51.100.20".into())));
}

#[test]
fn a_locked_out_user_gets_in_after_waiting_as_told_and_forged_addresses_count_for_nothing() {
    // No trusted proxy: X-Forwarded-For from the client is ignored.
    let server = Server::start_with(&["--throttle-account-free", "1", "--throttle-base-secs", "1"]);
    let mut client = server.client();
    let (status, _) = try_sign_in(&mut client, "127.0.0.1", "admin", "guess");
    assert_eq!(status, 401);
    client
        .headers
        .push(("X-Forwarded-For".into(), "192.0.2.99".into()));
    let (status, _) = try_sign_in(&mut client, "127.0.0.1 (forged XFF)", "admin", "guess");
    assert_eq!(status, 401);

    // The right password: refused while the lock lasts, heard once the wait is over. The waits
    // are the ones the server names; the number of refusals depends on timing and is not checked.
    let mut waits = vec![];
    let status = loop {
        let (status, _) = try_sign_in(&mut client, "127.0.0.1", "admin", DEMO_PASSWORD);
        if status != 429 || waits.len() == 3 {
            break status;
        }
        let wait: u64 = client.header("retry-after").unwrap().parse().unwrap();
        assert!((1..=2).contains(&wait), "Retry-After {wait}");
        println!("{:>22} waits {wait} s", "");
        waits.push(wait);
        std::thread::sleep(std::time::Duration::from_secs(wait));
    };
    assert_eq!(status, 200, "after waits of {waits:?} s");

    let trail = audit(&server);
    assert!(
        trail.iter().all(|(_, _, address)| address == "127.0.0.1"),
        "{trail:?}"
    );
    let events: Vec<&str> = trail.iter().map(|(e, _, _)| e.as_str()).collect();
    assert_eq!(events, ["failed", "failed", "locked_out", "signed_in"]);
}
