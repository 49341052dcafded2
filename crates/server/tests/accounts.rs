//! Accounts over real HTTP: who may reach the account routes, one-time passwords, disabling,
//! the last administrator, a driver's account from its enterprise, and `first-admin`.

mod common;

use std::process::Command;

use common::{Client, Server};
use serde_json::{json, Value};

fn db(server: &Server) -> rusqlite::Connection {
    rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite")).unwrap()
}

/// Signs in with `password`; the answer's status and body.
fn sign_in(server: &Server, username: &str, password: &str) -> (Client, u16, Value) {
    let mut client = server.client();
    let (status, body) = client.post(
        "/session",
        &json!({"username": username, "password": password}),
    );
    (client, status, body)
}

fn created(admin: &mut Client, body: Value) -> (i64, String, String) {
    let (status, answer) = admin.post("/accounts", &body);
    assert_eq!(status, 201, "{answer}");
    (
        answer["id"].as_i64().unwrap(),
        answer["username"].as_str().unwrap().to_owned(),
        answer["password"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn only_administrators_reach_the_account_routes() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let (id, ..) = created(
        &mut admin,
        json!({"username": "shenhe_new", "display_name": "新审核员", "role": "reviewer",
               "prefecture_code": "530100"}),
    );
    for who in ["shenhe_km", "driver_km1", "zhifa", "qiye_km"] {
        let mut client = server.login(who);
        let routes: [(&str, String, Option<Value>); 6] = [
            ("GET", "/accounts".into(), None),
            (
                "POST",
                "/accounts".into(),
                Some(json!({"username": "x_y_z",
                "display_name": "x", "role": "admin"})),
            ),
            (
                "PATCH",
                format!("/accounts/{id}"),
                Some(json!({"display_name": "改"})),
            ),
            ("POST", format!("/accounts/{id}/disable"), Some(json!({}))),
            ("POST", format!("/accounts/{id}/enable"), Some(json!({}))),
            (
                "POST",
                format!("/accounts/{id}/reset-password"),
                Some(json!({})),
            ),
        ];
        for (method, path, body) in routes {
            let (status, answer) = match (method, body) {
                ("GET", _) => client.get(&path),
                ("PATCH", Some(body)) => client.patch(&path, &body),
                (_, Some(body)) => client.post(&path, &body),
                _ => unreachable!(),
            };
            assert_eq!(status, 403, "{who} {method} {path}: {answer}");
        }
    }
    // Nobody was created, renamed or disabled by them.
    let (_, list) = admin.get("/accounts?q=x_y_z");
    assert_eq!(list["total"], 0);
    let (_, list) = admin.get("/accounts?q=shenhe_new");
    assert_eq!(list["items"][0]["display_name"], "新审核员");
    assert_eq!(list["items"][0]["disabled_at"], Value::Null);
}

#[test]
fn a_first_sign_in_with_a_one_time_password_can_only_change_it() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let (_, username, one_time) = created(
        &mut admin,
        json!({"username": "zhifa_dl", "display_name": "大理州执法员", "role": "inspector",
               "prefecture_code": "532900"}),
    );
    let (mut client, status, me) = sign_in(&server, &username, &one_time);
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["must_change_password"], true);
    let (status, body) = client.post("/verifications", &json!({}));
    assert_eq!(status, 403, "{body}");
    assert_eq!(body["code"], "password_change_required");
    assert_eq!(body["message"], "请先修改一次性密码");
    assert_eq!(client.get("/session").1["must_change_password"], true);

    // The rules hold: too short, no digits, the same as before.
    let change = |client: &mut Client, current: &str, new: &str| {
        client.post(
            "/session/password",
            &json!({"current": current, "new": new}),
        )
    };
    let (status, body) = change(&mut client, &one_time, "short1");
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("password_too_short"))
    );
    let (status, body) = change(&mut client, &one_time, "onlyletterspassword");
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("password_needs_letters_and_digits"))
    );
    let (status, body) = change(&mut client, "wrong-current-1", "Yunnan2026dali");
    assert_eq!((status, body["field"].as_str()), (422, Some("current")));
    let (status, body) = change(&mut client, &one_time, &one_time);
    assert_eq!(
        (status, body["code"].as_str()),
        (422, Some("password_recently_used"))
    );

    assert_eq!(change(&mut client, &one_time, "Yunnan2026dali").0, 204);
    let (status, me) = client.get("/session");
    assert_eq!(
        (status, me["must_change_password"].as_bool()),
        (200, Some(false))
    );
    assert_ne!(client.post("/verifications", &json!({})).0, 403);
    // Neither of the last passwords may come back.
    assert_eq!(
        change(&mut client, "Yunnan2026dali", "Yunnan2026dali").1["code"],
        "password_recently_used"
    );
    assert_eq!(
        change(&mut client, "Yunnan2026dali", &one_time).1["code"],
        "password_recently_used"
    );
    assert_eq!(sign_in(&server, &username, "Yunnan2026dali").1, 200);

    // The audit trail has the account's creation and password change, never a password.
    let (_, trail) = admin.get("/audit?entity=account");
    let text = trail.to_string();
    assert!(text.contains("修改密码"), "{text}");
    assert!(text.contains("大理州执法员"), "{text}");
    assert!(
        !text.contains(&one_time) && !text.contains("Yunnan2026dali"),
        "{text}"
    );
}

#[test]
fn a_disabled_account_is_signed_out_at_once_and_cannot_sign_in() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let mut reviewer = server.login("shenhe_km");
    assert_eq!(reviewer.get("/filings").0, 200);
    let id: i64 = db(&server)
        .query_row(
            "SELECT id FROM users WHERE username = 'shenhe_km'",
            [],
            |r| r.get(0),
        )
        .unwrap();

    let (status, body) = admin.post(&format!("/accounts/{id}/disable"), &json!({}));
    assert_eq!(status, 200, "{body}");
    assert!(body["disabled_at"].is_string());
    assert_eq!(reviewer.get("/filings").0, 401);
    let (_, status, body) = sign_in(&server, "shenhe_km", common::DEMO_PASSWORD);
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled"))
    );
    assert_eq!(body["message"], "该账号已停用，请联系管理员");
    // A wrong password says only that: nothing about the account's state.
    let (_, status, _) = sign_in(&server, "shenhe_km", "not-the-password-1");
    assert_eq!(status, 401);

    assert_eq!(
        admin.post(&format!("/accounts/{id}/enable"), &json!({})).0,
        200
    );
    assert_eq!(server.login("shenhe_km").get("/filings").0, 200);
    let (_, trail) = admin.get(&format!(
        "/audit?entity=account&user_id={}",
        db(&server)
            .query_row("SELECT id FROM users WHERE username = 'admin'", [], |r| r
                .get::<_, i64>(
                0
            ))
            .unwrap()
    ));
    let states: Vec<_> = trail["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to_state"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(states, ["active", "disabled"], "{trail}");
    // By user name too; someone who changed nothing has no rows.
    assert_eq!(admin.get("/audit?entity=account&actor=admin").1["total"], 2);
    assert_eq!(admin.get("/audit?actor=shenhe_km").1["total"], 0);
}

#[test]
fn neither_the_last_administrator_nor_ones_own_account_can_be_disabled() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let own: i64 = db(&server)
        .query_row("SELECT id FROM users WHERE username = 'admin'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let (status, body) = admin.post(&format!("/accounts/{own}/disable"), &json!({}));
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("last_admin")),
        "{body}"
    );
    assert_eq!(body["message"], "不能停用最后一个管理员账号");
    assert_eq!(admin.get("/accounts").0, 200);

    // With a second administrator the first one may go; then the second is the last.
    let (second, username, one_time) = created(
        &mut admin,
        json!({"username": "admin2", "display_name": "第二管理员", "role": "admin"}),
    );
    let (mut other, ..) = sign_in(&server, &username, &one_time);
    assert_eq!(
        other
            .post(
                "/session/password",
                &json!({"current": one_time, "new": "Kunming2026adm"})
            )
            .0,
        204
    );
    // Nor does an administrator disable itself: another one does it.
    let (status, body) = admin.post(&format!("/accounts/{own}/disable"), &json!({}));
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("own_account")),
        "{body}"
    );
    assert_eq!(body["message"], "不能停用自己的账号，请由另一名管理员操作");
    assert_eq!(
        other
            .post(&format!("/accounts/{own}/disable"), &json!({}))
            .0,
        200
    );
    let (status, body) = other.post(&format!("/accounts/{second}/disable"), &json!({}));
    assert_eq!((status, body["code"].as_str()), (409, Some("last_admin")));
}

#[test]
fn a_reset_password_is_one_time_and_ends_the_sessions() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let mut operator = server.login("qiye_km");
    let id: i64 = db(&server)
        .query_row("SELECT id FROM users WHERE username = 'qiye_km'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let (status, reset) = admin.post(&format!("/accounts/{id}/reset-password"), &json!({}));
    assert_eq!(status, 200, "{reset}");
    assert_eq!(operator.get("/vehicles").0, 401);
    let (mut operator, status, me) =
        sign_in(&server, "qiye_km", reset["password"].as_str().unwrap());
    assert_eq!(
        (status, me["must_change_password"].as_bool()),
        (200, Some(true))
    );
    assert_eq!(
        operator.get("/vehicles").1["code"],
        "password_change_required"
    );
}

#[test]
fn an_enterprise_gives_only_its_own_drivers_an_account() {
    let server = Server::start();
    let mut operator = server.login("qiye_km");
    let conn = db(&server);
    let own_enterprise: i64 = conn
        .query_row(
            "SELECT enterprise_id FROM users WHERE username = 'qiye_km'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let other_driver: i64 = conn
        .query_row(
            "SELECT id FROM drivers WHERE enterprise_id <> ?1 LIMIT 1",
            [own_enterprise],
            |r| r.get(0),
        )
        .unwrap();
    let (status, body) = operator.post(
        &format!("/fleet/drivers/{other_driver}/account"),
        &json!({}),
    );
    assert_eq!(status, 404, "{body}");
    let (status, _) = operator.post("/fleet/drivers/999999/account", &json!({}));
    assert_eq!(status, 404);
    // The demo's own drivers have accounts already.
    let own_driver: i64 = conn
        .query_row(
            "SELECT id FROM drivers WHERE enterprise_id = ?1 LIMIT 1",
            [own_enterprise],
            |r| r.get(0),
        )
        .unwrap();
    let (status, body) = operator.post(&format!("/fleet/drivers/{own_driver}/account"), &json!({}));
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("driver_has_account"))
    );
    // A new driver of its own gets one, with a one-time password.
    conn.execute(
        "INSERT INTO drivers (enterprise_id, name, phone, id_number, licence_number)
         VALUES (?1, '新驾驶员', '13800000000', '530102199001011234', 'L1')",
        [own_enterprise],
    )
    .unwrap();
    let new_driver = conn.last_insert_rowid();
    let (status, account) =
        operator.post(&format!("/fleet/drivers/{new_driver}/account"), &json!({}));
    assert_eq!(status, 201, "{account}");
    let (_, status, me) = sign_in(
        &server,
        account["username"].as_str().unwrap(),
        account["password"].as_str().unwrap(),
    );
    assert_eq!((status, me["role"].as_str()), (200, Some("driver")));
    assert_eq!(me["must_change_password"], true);
    // The operator reaches no administrator route, and no other role gives driver accounts.
    assert_eq!(operator.get("/accounts").0, 403);
    assert_eq!(
        server
            .login("admin")
            .post(&format!("/fleet/drivers/{new_driver}/account"), &json!({}))
            .0,
        403
    );
}

#[test]
fn first_admin_works_once_on_an_empty_database() {
    let data = tempfile::tempdir().unwrap();
    let run = |username: &str| {
        Command::new(env!("CARGO_BIN_EXE_charterpass"))
            .args([
                "first-admin",
                "--username",
                username,
                "--name",
                "省厅管理员",
            ])
            .arg("--data-dir")
            .arg(data.path())
            .output()
            .unwrap()
    };
    let first = run("root_admin");
    assert!(first.status.success(), "{first:?}");
    let out = String::from_utf8(first.stdout).unwrap();
    let password = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("one-time password:"))
        .map(str::trim)
        .expect("printed password")
        .to_owned();
    let again = run("second_admin");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("administrator exists"));

    let server = Server::start_in(data.path(), &[], false);
    let mut client = server.client();
    let (status, me) = client.post(
        "/session",
        &json!({"username": "root_admin", "password": password}),
    );
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["must_change_password"], true);
    assert_eq!(
        client.get("/accounts").1["code"],
        "password_change_required"
    );
    assert_eq!(
        client
            .post(
                "/session/password",
                &json!({"current": password, "new": "Yunnan2026root"})
            )
            .0,
        204
    );
    let (status, list) = client.get("/accounts");
    assert_eq!((status, list["total"].as_i64()), (200, Some(1)));
}

#[test]
fn a_retired_drivers_account_is_signed_out_and_refused_until_the_driver_returns() {
    let server = Server::start();
    let conn = db(&server);
    let (driver_user, driver_id, operator): (String, i64, String) = conn
        .query_row(
            "SELECT u.username, u.driver_id, o.username FROM users u
             JOIN drivers d ON d.id = u.driver_id
             JOIN users o ON o.enterprise_id = d.enterprise_id AND o.role = 'enterprise'
             WHERE u.role = 'driver' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut driver = server.login(&driver_user);
    assert_eq!(driver.get("/driver/tasks").0, 200);
    let mut operator = server.login(&operator);

    let (status, body) = operator.post(&format!("/fleet/drivers/{driver_id}/retire"), &json!({}));
    assert_eq!(status, 200, "{body}");
    assert_eq!(driver.get("/driver/tasks").0, 401);
    let (_, status, body) = sign_in(&server, &driver_user, common::DEMO_PASSWORD);
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("account_disabled"))
    );

    let (status, body) =
        operator.post(&format!("/fleet/drivers/{driver_id}/reinstate"), &json!({}));
    assert_eq!(status, 200, "{body}");
    let (_, status, _) = sign_in(&server, &driver_user, common::DEMO_PASSWORD);
    assert_eq!(status, 200);
}
