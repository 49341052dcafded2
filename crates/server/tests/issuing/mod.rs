//! Approved filings for the issuance, driver and adoption tests, written straight into the
//! server's database (the filings API has its own tests), and a few shared assertions.

#![allow(dead_code)]

use chrono::{Duration, FixedOffset, Utc};

use crate::common::Server;

/// qiye_km (昆明, enterprise 1): vehicle 云A12345 is row 1, drivers driver_km1 / driver_km2 are 1 / 2.
pub const KM: (i64, &str, i64) = (1, "530100", 1);
/// qiye_dl (大理, enterprise 2): vehicle row 3, driver driver_dl1 is 3.
pub const DL: (i64, &str, i64) = (2, "532900", 3);

/// A trip to file: where, and which drivers.
pub struct Trip<'a> {
    /// (enterprise id, prefecture code, vehicle id).
    pub enterprise: (i64, &'a str, i64),
    pub origin: &'a str,
    pub destination: &'a str,
    pub waypoints: &'a [&'a str],
    pub drivers: &'a [i64],
    pub status: &'a str,
}

impl Trip<'_> {
    /// 昆明 → 成都, under way (departed an hour ago, back in two days), driven by driver_km1.
    pub fn kunming_chengdu() -> Trip<'static> {
        Trip {
            enterprise: KM,
            origin: "530100",
            destination: "510100",
            waypoints: &[],
            drivers: &[1],
            status: "auto_approved",
        }
    }
}

/// Inserts the filing and its drivers; returns its id.
pub fn file(server: &Server, trip: &Trip<'_>) -> i64 {
    let conn = rusqlite::Connection::open(server.data_dir.path().join("charterpass.sqlite"))
        .expect("open database");
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let cst = FixedOffset::east_opt(8 * 3600).unwrap();
    let now = Utc::now().with_timezone(&cst);
    let departure = (now - Duration::hours(1)).to_rfc3339();
    let back = (now + Duration::days(2)).to_rfc3339();
    let sequence: i64 = conn
        .query_row("SELECT COUNT(*) + 1 FROM filings", [], |row| row.get(0))
        .unwrap();
    let number = format!("YN-{}-{sequence:04}", now.format("%Y%m%d"));
    let (enterprise_id, prefecture, vehicle) = trip.enterprise;
    let waypoints = serde_json::to_string(trip.waypoints).unwrap();
    conn.execute(
        "INSERT INTO filings (number, enterprise_id, prefecture_code, vehicle_id, charter_kind,
             origin, destination, waypoints, departure_at, return_at, one_way_km, passengers,
             contract_number, charterer, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'dedicated', ?5, ?6, ?7, ?8, ?9, 700, 30, 'HT-2024-001',
             '昆明某旅行社', ?10, ?8, ?8)",
        rusqlite::params![
            number,
            enterprise_id,
            prefecture,
            vehicle,
            trip.origin,
            trip.destination,
            waypoints,
            departure,
            back,
            trip.status
        ],
    )
    .expect("insert filing");
    let id = conn.last_insert_rowid();
    for (position, driver) in trip.drivers.iter().enumerate() {
        conn.execute(
            "INSERT INTO filing_drivers (filing_id, driver_id, position) VALUES (?1, ?2, ?3)",
            rusqlite::params![id, driver, position as i64],
        )
        .expect("insert filing driver");
    }
    id
}
