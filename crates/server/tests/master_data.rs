//! Master data over real HTTP (issue 11): enterprises, vehicles and drivers registered, edited,
//! retired and imported; who may touch them; and the filing rules that read them.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{Duration, FixedOffset, Utc};
use common::{Client, Server};
use serde_json::{json, Value};

fn cst_now() -> chrono::DateTime<FixedOffset> {
    Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
}

/// The date `days` from today in CST, `YYYY-MM-DD`.
fn day(days: i64) -> String {
    (cst_now() + Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

/// A departure weeks ahead (a different week per trip) and its return 58 hours later.
fn next_window() -> (String, String) {
    static WEEK: AtomicI64 = AtomicI64::new(1);
    let week = WEEK.fetch_add(1, Ordering::Relaxed);
    let departure = cst_now() + Duration::weeks(week);
    (
        departure.to_rfc3339(),
        (departure + Duration::hours(58)).to_rfc3339(),
    )
}

/// A Kunming → Panzhihua trip with `vehicle` and `driver`.
fn trip(vehicle: &Value, driver: &Value) -> Value {
    let (departure, back) = next_window();
    json!({
        "vehicle_id": vehicle,
        "driver_ids": [driver],
        "charter_kind": "dedicated",
        "origin": "530100",
        "destination": "510400",
        "waypoints": [],
        "departure_at": departure,
        "return_at": back,
        "one_way_km": 300,
        "passengers": 10,
        "contract_number": "HT-2025-001",
        "charterer": "昆明某旅行社"
    })
}

/// Creates a draft and submits it; the submission's status and body.
fn submit(client: &mut Client, body: &Value) -> (u16, Value) {
    let (status, draft) = client.post("/filings", body);
    assert_eq!(status, 201, "{draft}");
    client.post(&format!("/filings/{}/submit", draft["id"]), &json!({}))
}

fn bus(plate: &str, permit_until: &str) -> Value {
    json!({
        "plate": plate, "seats": "45", "kind": "大型客车", "grade": "高一级",
        "permit_number": "530100999001", "permit_valid_until": permit_until
    })
}

fn person(id_number: &str, class: &str, until: &str) -> Value {
    json!({
        "name": "赵师傅", "phone": "13900001111", "id_number": id_number,
        "licence_class": class, "qualification_number": id_number,
        "qualification_valid_until": until
    })
}

/// A valid identity number (GB 11643 check digit) ending the 17 digits with `serial`.
fn id_number(serial: u32) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let first = format!("53010219850101{serial:03}");
    let sum: u32 = first
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first}{check}")
}

const VEHICLE_HEADER: &str =
    "车牌号码,核定座位数,车辆类型,车辆类型等级,道路运输证号,道路运输证有效期至\r\n";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    bytes.into_owned()
}

#[test]
fn an_operator_cannot_see_or_change_another_enterprises_vehicles_or_drivers() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let mut dl = server.login("qiye_dl");
    let (status, km_vehicles) = km.get("/fleet/vehicles");
    assert_eq!(status, 200, "{km_vehicles}");
    let plates: Vec<&str> = km_vehicles["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["plate"].as_str().unwrap())
        .collect();
    assert_eq!(plates, ["云A12345", "云AD23456"]);
    let (_, dl_vehicles) = dl.get("/fleet/vehicles");
    assert_eq!(dl_vehicles["total"], 1, "{dl_vehicles}");

    let vehicle = &km_vehicles["items"][0]["id"];
    let (_, km_drivers) = km.get("/fleet/drivers");
    let driver = &km_drivers["items"][0]["id"];
    assert_eq!(
        km_drivers["items"][0]["id_number"], "530102198001011234",
        "the owning enterprise reads the full number"
    );
    for (path, body) in [
        (
            format!("/fleet/vehicles/{vehicle}"),
            bus("云A12345", &day(900)),
        ),
        (
            format!("/fleet/drivers/{driver}"),
            person(&id_number(1), "A1", &day(900)),
        ),
    ] {
        let (status, error) = dl.put(&path, &body);
        assert_eq!(status, 404, "{path}: {error}");
        let (status, _) = dl.post(&format!("{path}/retire"), &json!({}));
        assert_eq!(status, 404, "{path}/retire");
    }
    let (_, again) = km.get("/fleet/vehicles");
    assert_eq!(again, km_vehicles, "nothing changed");
}

#[test]
fn reviewers_drivers_and_inspectors_get_403_on_master_data_routes() {
    let server = Server::start();
    for login in ["shenhe_km", "driver_km1", "zhifa"] {
        let mut client = server.login(login);
        for path in [
            "/fleet/vehicles",
            "/fleet/drivers",
            "/fleet/vehicles/template",
            "/enterprises",
        ] {
            assert_eq!(client.get(path).0, 403, "{login} GET {path}");
        }
        assert_eq!(
            client
                .post("/fleet/vehicles", &bus("云A99999", &day(900)))
                .0,
            403,
            "{login}"
        );
        assert_eq!(client.post("/enterprises", &json!({})).0, 403, "{login}");
        assert_eq!(
            client
                .post_bytes("/fleet/drivers/import", "text/csv", b"x")
                .0,
            403,
            "{login}"
        );
    }
    let mut operator = server.login("qiye_km");
    assert_eq!(operator.get("/enterprises").0, 403);
    assert_eq!(
        operator
            .post_bytes("/enterprises/import", "text/csv", b"x")
            .0,
        403
    );
    let mut admin = server.login("admin");
    assert_eq!(admin.get("/fleet/vehicles").0, 403);
    assert_eq!(server.client().get("/fleet/vehicles").0, 401);
}

#[test]
fn an_expired_permit_or_qualification_blocks_submission_naming_the_document() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (status, vehicle) = km.post("/fleet/vehicles", &bus("云A77777", &day(3)));
    assert_eq!(status, 201, "{vehicle}");
    let (status, driver) = km.post("/fleet/drivers", &person(&id_number(7), "A1", &day(900)));
    assert_eq!(status, 201, "{driver}");

    let (status, error) = submit(&mut km, &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("vehicle_id")),
        "{error}"
    );
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("云A77777的道路运输证有效期至"),
        "{message}"
    );

    let (status, _) = km.put(
        &format!("/fleet/vehicles/{}", vehicle["id"]),
        &bus("云A77777", &day(900)),
    );
    assert_eq!(status, 200);
    let (status, _) = km.put(
        &format!("/fleet/drivers/{}", driver["id"]),
        &person(&id_number(7), "A1", &day(3)),
    );
    assert_eq!(status, 200);
    let (status, error) = submit(&mut km, &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("driver_ids")),
        "{error}"
    );
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("赵师傅的从业资格证有效期至"),
        "{error}"
    );

    let (status, _) = km.put(
        &format!("/fleet/drivers/{}", driver["id"]),
        &person(&id_number(7), "B1", &day(900)),
    );
    assert_eq!(status, 200);
    let (status, error) = submit(&mut km, &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(status, 422, "{error}");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("准驾车型为 B1，不能驾驶大型客车"),
        "{error}"
    );

    let (status, _) = km.put(
        &format!("/fleet/drivers/{}", driver["id"]),
        &person(&id_number(7), "A1", &day(900)),
    );
    assert_eq!(status, 200);
    let (status, filed) = submit(&mut km, &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(status, 200, "{filed}");
}

#[test]
fn a_disabled_enterprise_cannot_submit_until_enabled_again() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let mut dl = server.login("qiye_dl");
    let (_, own) = dl.get("/session");
    let enterprise = own["enterprise_id"].clone();
    let (status, disabled) = admin.post(
        &format!("/enterprises/{enterprise}/disable"),
        &json!({"reason": "经营许可证被吊销"}),
    );
    assert_eq!(
        (status, disabled["disabled"].as_bool()),
        (200, Some(true)),
        "{disabled}"
    );

    let (_, vehicles) = dl.get("/vehicles");
    let (_, drivers) = dl.get("/drivers");
    let mut body = trip(&vehicles[0]["id"], &drivers[0]["id"]);
    body["origin"] = json!("532900");
    let (status, error) = submit(&mut dl, &body);
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("enterprise")),
        "{error}"
    );
    assert!(
        error["message"].as_str().unwrap().contains("已被停用"),
        "{error}"
    );

    let (status, _) = admin.post(
        &format!("/enterprises/{enterprise}/enable"),
        &json!({"reason": "整改完成"}),
    );
    assert_eq!(status, 200);
    let (status, filed) = submit(&mut dl, &body);
    assert_eq!(status, 200, "{filed}");

    let (_, audit) = admin.get("/audit?entity=enterprise");
    let states: Vec<(&str, &str)> = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .take(2)
        .map(|e| {
            (
                e["to_state"].as_str().unwrap(),
                e["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        states,
        [("active", "整改完成"), ("disabled", "经营许可证被吊销")]
    );
}

#[test]
fn a_retired_vehicle_or_driver_stays_on_its_filing_but_cannot_be_chosen_again() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let (_, vehicle) = km.post("/fleet/vehicles", &bus("云A66666", &day(900)));
    let (_, driver) = km.post("/fleet/drivers", &person(&id_number(6), "A1", &day(900)));
    let (status, filed) = submit(&mut km, &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(status, 200, "{filed}");
    for path in [
        format!("/fleet/vehicles/{}/retire", vehicle["id"]),
        format!("/fleet/drivers/{}/retire", driver["id"]),
    ] {
        let (status, retired) = km.post(&path, &json!({}));
        assert_eq!(
            (status, retired["retired"].as_bool()),
            (200, Some(true)),
            "{retired}"
        );
        assert_eq!(km.post(&path, &json!({})).0, 409, "retired twice");
    }
    let (_, offered) = km.get("/vehicles");
    assert!(offered
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v["plate"] != "云A66666"));
    let (_, offered) = km.get("/drivers");
    assert!(offered
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["id"] != driver["id"]));

    let (_, past) = km.get(&format!("/filings/{}", filed["id"]));
    assert_eq!(past["vehicle"]["plate"], "云A66666");
    assert_eq!(past["drivers"][0]["name"], "赵师傅");

    let (status, error) = km.post("/filings", &trip(&vehicle["id"], &driver["id"]));
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("vehicle_id")),
        "{error}"
    );
    // Nor is a retired driver given a driver account.
    let account = format!("/fleet/drivers/{}/account", driver["id"]);
    let (status, refused) = km.post(&account, &json!({}));
    assert_eq!(status, 409, "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("已停用"),
        "{refused}"
    );
}

#[test]
fn a_vehicle_import_is_all_or_nothing_or_good_rows_only_and_twice_creates_nothing() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let valid = day(900);
    let good_row = |plate: &str| {
        format!(
            "{plate},45,大型客车,高一级,530100000{},{valid}\r\n",
            &plate[3..]
        )
    };
    let bad = format!(
        "{VEHICLE_HEADER}{}云A1,45,大型客车,高一级,530100000999,{valid}\r\n{}",
        good_row("云A80001"),
        good_row("云A80002"),
    );
    let (status, report) = km.post_bytes("/fleet/vehicles/import", "text/csv", &gbk(&bad));
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["imported"], false);
    assert_eq!(report["rows"], 3);
    assert_eq!(report["errors"][0]["row"], 3);
    assert_eq!(report["errors"][0]["column"], "车牌号码");
    assert!(report["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("车牌号码"));
    let (_, listed) = km.get("/fleet/vehicles?q=A8000");
    assert_eq!(listed["total"], 0, "nothing imported");

    let (_, report) = km.post_bytes(
        "/fleet/vehicles/import?only_good=true",
        "text/csv",
        &gbk(&bad),
    );
    assert_eq!(
        (&report["imported"], &report["created"], &report["skipped"]),
        (&json!(true), &json!(2), &json!(1)),
        "{report}"
    );

    let fixed = bad.replace("云A1,", "云A80003,");
    for (created, unchanged) in [(1, 2), (0, 3)] {
        let (_, report) = km.post_bytes("/fleet/vehicles/import", "text/csv", &gbk(&fixed));
        assert_eq!(
            (
                &report["imported"],
                &report["created"],
                &report["unchanged"]
            ),
            (&json!(true), &json!(created), &json!(unchanged)),
            "{report}"
        );
    }
    let (_, listed) = km.get("/fleet/vehicles?q=A8000");
    assert_eq!(listed["total"], 3);

    let mut dl = server.login("qiye_dl");
    let (_, report) = dl.post_bytes("/fleet/vehicles/import", "text/csv", fixed.as_bytes());
    assert_eq!(
        report["imported"], false,
        "another enterprise's plates: {report}"
    );
    assert!(report["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("其他企业"));
}

#[test]
fn a_driver_import_keys_on_the_identity_number_and_audits_masked_numbers() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    let header = "姓名,手机号码,身份证号码,准驾车型,从业资格证号,从业资格证有效期至\r\n";
    let row = |name: &str, serial: u32| {
        let id = id_number(serial);
        format!("{name},13900002222,{id},A1,{id},{}\r\n", day(900))
    };
    let file = format!("{header}{}{}", row("岩罕", 21), row("玉香", 22));
    let (_, report) = km.post_bytes("/fleet/drivers/import", "text/csv", &gbk(&file));
    assert_eq!(report["created"], 2, "{report}");
    let renamed = file.replace("玉香", "玉香兰");
    let (_, report) = km.post_bytes("/fleet/drivers/import", "text/csv", renamed.as_bytes());
    assert_eq!(
        (&report["created"], &report["updated"], &report["unchanged"]),
        (&json!(0), &json!(1), &json!(1)),
        "{report}"
    );

    let mut admin = server.login("admin");
    let (_, audit) = admin.get("/audit?entity=driver");
    let text = audit.to_string();
    assert!(text.contains("玉香 → 玉香兰"), "{text}");
    assert!(
        !text.contains(&id_number(21)),
        "identity numbers are masked: {text}"
    );
    assert!(!text.contains("13900002222"), "phones are masked: {text}");
    let (_, masked) = km.get("/drivers");
    assert!(
        !masked.to_string().contains(&id_number(21)),
        "the filing form sees masked numbers"
    );
}

#[test]
fn the_administrator_registers_searches_edits_and_imports_enterprises() {
    let server = Server::start();
    let mut admin = server.login("admin");
    let enterprise = json!({
        "name": "曲靖珠江源客运有限公司", "credit_code": "91530300MA6K7XQ12X",
        "prefecture_code": "曲靖市", "permit_number": "滇交运管许可曲字530300000001号",
        "permit_valid_until": day(900)
    });
    let (status, error) = admin.post("/enterprises", &enterprise);
    assert_eq!(
        (status, error["field"].as_str()),
        (422, Some("credit_code")),
        "{error}"
    );

    let header = "企业名称,统一社会信用代码,所在州市,道路运输经营许可证号,经营许可证有效期至\r\n";
    let code = |first17: &str| {
        let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        let weights = [
            1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
        ];
        let sum: usize = first17
            .chars()
            .zip(weights)
            .map(|(c, w)| alphabet.find(c).unwrap() * w)
            .sum();
        format!(
            "{first17}{}",
            alphabet.as_bytes()[(31 - sum % 31) % 31] as char
        )
    };
    let rows: String = (0..30)
        .map(|i| {
            format!(
                "曲靖第{i}客运有限公司,{},曲靖市,滇交运管许可曲字{i},{}\r\n",
                code(&format!("91530300MA6Q{i:05}")),
                day(900)
            )
        })
        .collect();
    let file = format!("{header}{rows}");
    let (_, report) = admin.post_bytes("/enterprises/import", "text/csv", &gbk(&file));
    assert_eq!(report["created"], 30, "{report}");
    let (_, report) = admin.post_bytes("/enterprises/import", "text/csv", file.as_bytes());
    assert_eq!(
        (&report["created"], &report["unchanged"]),
        (&json!(0), &json!(30)),
        "{report}"
    );

    let (_, page) = admin.get("/enterprises?q=曲靖第1&per_page=5");
    assert_eq!(page["total"], 11, "第1, 第10..第19: {page}");
    assert_eq!(page["items"].as_array().unwrap().len(), 5);
    let (_, by_code) = admin.get(&format!(
        "/enterprises?q={}",
        code("91530300MA6Q00007").to_lowercase()
    ));
    assert_eq!(by_code["total"], 1, "{by_code}");
    let first = &by_code["items"][0];
    assert_eq!(first["name"], "曲靖第7客运有限公司");

    let mut edited = json!({
        "name": "曲靖第7旅游客运有限公司", "credit_code": first["credit_code"],
        "prefecture_code": "530300", "permit_number": "滇交运管许可曲字7",
        "permit_valid_until": day(1000)
    });
    let (status, view) = admin.put(&format!("/enterprises/{}", first["id"]), &edited);
    assert_eq!(
        (status, view["name"].as_str()),
        (200, Some("曲靖第7旅游客运有限公司")),
        "{view}"
    );
    edited["credit_code"] = json!(code("91530300MA6Q00008"));
    let (status, _) = admin.put(&format!("/enterprises/{}", first["id"]), &edited);
    assert_eq!(status, 409, "another enterprise's credit code");
    let (_, audit) = admin.get("/audit?entity=enterprise&per_page=1");
    assert!(
        audit["items"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("企业名称: 曲靖第7客运有限公司 → 曲靖第7旅游客运有限公司"),
        "{audit}"
    );

    let (status, content_type, template) = admin.get_text("/enterprises/template");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"), "{content_type}");
    assert!(
        template.starts_with("\u{feff}企业名称,统一社会信用代码"),
        "{template}"
    );
}

#[test]
fn an_upload_is_bounded_and_a_file_without_the_template_columns_is_refused() {
    let server = Server::start();
    let mut km = server.login("qiye_km");
    // A 3 MB upload is refused on its declared length, before the body is read (so the test
    // sends the head alone: a client still writing the body would see the connection close).
    let address = server.base.trim_start_matches("http://").to_owned();
    let mut stream = std::net::TcpStream::connect(&address).unwrap();
    let head = format!(
        "POST /api/v1/fleet/vehicles/import HTTP/1.1\r\nHost: {address}\r\nCookie: {}\r\n\
         Content-Type: text/csv\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        km.cookie().unwrap(),
        3 * 1024 * 1024
    );
    std::io::Write::write_all(&mut stream, head.as_bytes()).unwrap();
    let mut reader = std::io::BufReader::new(stream);
    let mut status_line = String::new();
    std::io::BufRead::read_line(&mut reader, &mut status_line).unwrap();
    assert!(status_line.starts_with("HTTP/1.1 422"), "{status_line}");
    let mut length = 0;
    loop {
        let mut line = String::new();
        std::io::BufRead::read_line(&mut reader, &mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    std::io::Read::read_exact(&mut reader, &mut body).unwrap();
    let error: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(error["field"], "file", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("文件过大"),
        "{error}"
    );
    let (status, error) = km.post_bytes(
        "/fleet/vehicles/import",
        "text/csv",
        "车牌号码\r\n云A12345\r\n".as_bytes(),
    );
    assert_eq!(status, 422);
    assert!(
        error["message"].as_str().unwrap().contains("表头缺少列"),
        "{error}"
    );
}
