//! The demo data set: for Yunnan, enterprises in three prefectures, a reviewer for each; for
//! Sichuan (`--province 51`), one Chengdu enterprise and its reviewer; for both an administrator,
//! drivers, vehicles and an inspector, all with one printed password.

use rusqlite::{params, Connection};

use crate::auth::password;
use crate::config::DataArgs;
use crate::db::Db;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo@2024";

/// The last valid day of every demo document (道路运输经营许可证, 道路运输证, 从业资格证): far
/// ahead, so demo filings never meet an expired document; drivers hold A1 (every bus kind).
const DOCUMENTS_VALID_UNTIL: &str = "2099-12-31";

struct DemoEnterprise {
    name: &'static str,
    credit_code: &'static str,
    prefecture_code: &'static str,
    auto_review: bool,
    vehicles: &'static [(&'static str, u32, &'static str)],
    drivers: &'static [DemoDriver],
    login: &'static str,
}

struct DemoDriver {
    name: &'static str,
    phone: &'static str,
    id_number: &'static str,
    licence_number: &'static str,
    login: &'static str,
}

const ENTERPRISES: &[DemoEnterprise] = &[
    DemoEnterprise {
        name: "昆明滇池旅游客运有限公司",
        credit_code: "91530100MA6K7XQ127",
        prefecture_code: "530100",
        auto_review: true,
        vehicles: &[("云A12345", 45, "大型客车"), ("云AD23456", 33, "中型客车")],
        drivers: &[
            DemoDriver {
                name: "张建国",
                phone: "13888000001",
                id_number: "530102198001011234",
                licence_number: "530102198001011234",
                login: "driver_km1",
            },
            DemoDriver {
                name: "李春华",
                phone: "13888000002",
                id_number: "530103198505052345",
                licence_number: "530103198505052345",
                login: "driver_km2",
            },
        ],
        login: "qiye_km",
    },
    DemoEnterprise {
        name: "大理苍洱旅游客运有限公司",
        credit_code: "91532900MA6N3B4C53",
        prefecture_code: "532900",
        auto_review: false,
        vehicles: &[("云L56789", 49, "大型客车")],
        drivers: &[DemoDriver {
            name: "杨志明",
            phone: "13988000003",
            id_number: "532901197907073456",
            licence_number: "532901197907073456",
            login: "driver_dl1",
        }],
        login: "qiye_dl",
    },
    DemoEnterprise {
        name: "西双版纳雨林客运有限公司",
        credit_code: "91532800MA6P8R2D3U",
        prefecture_code: "532800",
        auto_review: true,
        vehicles: &[("云K34567", 37, "中型客车")],
        drivers: &[DemoDriver {
            name: "岩温",
            phone: "13788000004",
            id_number: "532801198203034567",
            licence_number: "532801198203034567",
            login: "driver_bn1",
        }],
        login: "qiye_bn",
    },
];

/// Sichuan's demo enterprise (`--province 51`).
const SICHUAN_ENTERPRISES: &[DemoEnterprise] = &[DemoEnterprise {
    name: "成都蜀道旅游客运有限公司",
    credit_code: "91510100MA61R8XK5C",
    prefecture_code: "510100",
    auto_review: true,
    vehicles: &[("川A12345", 45, "大型客车")],
    drivers: &[DemoDriver {
        name: "王建川",
        phone: "13888000051",
        id_number: "510104198203041230",
        licence_number: "510104198203041230",
        login: "driver_cd1",
    }],
    login: "qiye_cd",
}];

/// Sichuan's demo reviewer.
const SICHUAN_REVIEWERS: &[(&str, &str, &str)] =
    &[("shenhe_cd", "成都市交通运输局审核员", "510100")];

/// The demo's people of a province: enterprises, reviewers, the administrator's and the
/// inspector's display names. Provinces without their own set get none of the first two.
fn data_set(
    province: &str,
) -> (
    &'static [DemoEnterprise],
    &'static [(&'static str, &'static str, &'static str)],
    String,
    String,
) {
    match province {
        "53" => (
            ENTERPRISES,
            REVIEWERS,
            "云南省交通运输厅管理员".into(),
            "云南省交通运输综合行政执法局执法人员".into(),
        ),
        "51" => (
            SICHUAN_ENTERPRISES,
            SICHUAN_REVIEWERS,
            "四川省交通运输厅管理员".into(),
            "四川省交通运输综合行政执法局执法人员".into(),
        ),
        other => (
            &[],
            &[],
            format!("省份 {other} 管理员"),
            format!("省份 {other} 执法人员"),
        ),
    }
}

/// Reviewers: (login, display name, prefecture code).
const REVIEWERS: &[(&str, &str, &str)] = &[
    ("shenhe_km", "昆明市交通运输局审核员", "530100"),
    ("shenhe_dl", "大理州交通运输局审核员", "532900"),
    ("shenhe_bn", "西双版纳州交通运输局审核员", "532800"),
];

/// `charterpass seed-demo`: seeds the database in the data folder.
pub fn run(args: &DataArgs) -> Result<(), Box<dyn std::error::Error>> {
    let db = Db::open(&args.data_dir)?;
    seed_if_empty(&db, &args.province)
}

/// Creates the demo data set of `province` if there are no users yet, and prints the log-ins.
pub fn seed_if_empty(db: &Db, province: &str) -> Result<(), Box<dyn std::error::Error>> {
    db.with(|conn| {
        let users: i64 = conn.query_row("SELECT COUNT(*) FROM users", [], |row| row.get(0))?;
        if users == 0 {
            let tx = conn.transaction()?;
            seed(&tx, province)?;
            tx.commit()?;
        }
        print_logins(conn)?;
        Ok(())
    })
}

fn seed(conn: &Connection, province: &str) -> rusqlite::Result<()> {
    let hash = || password::hash(DEMO_PASSWORD);
    let (enterprises, reviewers, admin, inspector) = data_set(province);
    for e in enterprises {
        conn.execute(
            "INSERT INTO enterprises (name, credit_code, prefecture_code, auto_review, permit_number, permit_valid_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                e.name,
                e.credit_code,
                e.prefecture_code,
                e.auto_review,
                format!("交运管许可字{}000001号", e.prefecture_code),
                DOCUMENTS_VALID_UNTIL
            ],
        )?;
        let enterprise_id = conn.last_insert_rowid();
        for (i, (plate, seats, kind)) in e.vehicles.iter().enumerate() {
            conn.execute(
                "INSERT INTO vehicles (enterprise_id, plate, seats, kind, grade, permit_number, permit_valid_until)
                 VALUES (?1, ?2, ?3, ?4, '高一级', ?5, ?6)",
                params![
                    enterprise_id,
                    plate,
                    seats,
                    kind,
                    format!("{}{:06}", e.prefecture_code, i + 1),
                    DOCUMENTS_VALID_UNTIL
                ],
            )?;
        }
        conn.execute(
            "INSERT INTO users (username, password_hash, role, display_name, enterprise_id) VALUES (?1, ?2, 'enterprise', ?3, ?4)",
            params![e.login, hash(), e.name, enterprise_id],
        )?;
        for d in e.drivers {
            conn.execute(
                "INSERT INTO drivers (enterprise_id, name, phone, id_number, licence_number,
                     licence_class, qualification_number, qualification_valid_until)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'A1', ?4, ?6)",
                params![
                    enterprise_id,
                    d.name,
                    d.phone,
                    d.id_number,
                    d.licence_number,
                    DOCUMENTS_VALID_UNTIL
                ],
            )?;
            let driver_id = conn.last_insert_rowid();
            conn.execute(
                "INSERT INTO users (username, password_hash, role, display_name, enterprise_id, driver_id) VALUES (?1, ?2, 'driver', ?3, ?4, ?5)",
                params![d.login, hash(), d.name, enterprise_id, driver_id],
            )?;
        }
    }
    for (login, name, prefecture) in reviewers {
        conn.execute(
            "INSERT INTO users (username, password_hash, role, display_name, prefecture_code) VALUES (?1, ?2, 'reviewer', ?3, ?4)",
            params![login, hash(), name, prefecture],
        )?;
    }
    conn.execute(
        "INSERT INTO users (username, password_hash, role, display_name) VALUES ('admin', ?1, 'admin', ?2)",
        params![hash(), admin],
    )?;
    conn.execute(
        "INSERT INTO users (username, password_hash, role, display_name) VALUES ('zhifa', ?1, 'inspector', ?2)",
        params![hash(), inspector],
    )?;
    Ok(())
}

fn print_logins(conn: &Connection) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("SELECT username, role, display_name FROM users ORDER BY id")?;
    let rows = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    println!("Demo log-ins (password for every account: {DEMO_PASSWORD}):");
    for row in rows {
        let (username, role, name) = row?;
        println!("  {username:<12} {role:<10} {name}");
    }
    Ok(())
}
