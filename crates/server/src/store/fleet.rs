//! An enterprise's fleet as the filing form offers it: its vehicles and drivers in service
//! (retired ones are left out), personal numbers masked, with the documents the filing rules check.

use charterpass_core::filing::{Driver, Fleet, Vehicle};
use charterpass_core::licence::LicenceClass;
use charterpass_core::mask;
use rusqlite::{params, Connection, OptionalExtension};

use super::dates::date;

const VEHICLE_COLUMNS: &str = "id, plate, seats, kind, permit_valid_until";

/// The vehicles in service of `enterprise_id`, by plate.
pub fn vehicles(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Vec<Vehicle>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {VEHICLE_COLUMNS} FROM vehicles
         WHERE enterprise_id = ?1 AND retired_at IS NULL ORDER BY plate"
    ))?;
    let rows = stmt.query_map([enterprise_id], vehicle_from_row)?;
    rows.collect()
}

/// The vehicle `id` (of any enterprise, retired or not), if it exists.
pub fn vehicle(conn: &Connection, id: i64) -> rusqlite::Result<Option<Vehicle>> {
    conn.query_row(
        &format!("SELECT {VEHICLE_COLUMNS} FROM vehicles WHERE id = ?1"),
        [id],
        vehicle_from_row,
    )
    .optional()
}

fn vehicle_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Vehicle> {
    Ok(Vehicle {
        id: row.get(0)?,
        plate: row.get(1)?,
        seats: row.get(2)?,
        kind: row.get(3)?,
        permit_valid_until: date(row, 4)?,
    })
}

const DRIVER_COLUMNS: &str =
    "d.id, d.name, d.phone, d.id_number, d.licence_class, d.qualification_valid_until";

/// The drivers in service of `enterprise_id`, in registration order.
pub fn drivers(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Vec<Driver>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DRIVER_COLUMNS} FROM drivers d
         WHERE d.enterprise_id = ?1 AND d.retired_at IS NULL ORDER BY d.id"
    ))?;
    let rows = stmt.query_map([enterprise_id], driver_from_row)?;
    rows.collect()
}

/// The drivers named on filing `filing_id`, in form order (retired ones too).
pub fn drivers_of_filing(conn: &Connection, filing_id: i64) -> rusqlite::Result<Vec<Driver>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {DRIVER_COLUMNS} FROM filing_drivers fd
         JOIN drivers d ON d.id = fd.driver_id WHERE fd.filing_id = ?1 ORDER BY fd.position"
    ))?;
    let rows = stmt.query_map(params![filing_id], driver_from_row)?;
    rows.collect()
}

fn driver_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Driver> {
    let phone: String = row.get(2)?;
    let id_number: String = row.get(3)?;
    let class: Option<String> = row.get(4)?;
    Ok(Driver {
        id: row.get(0)?,
        name: row.get(1)?,
        phone_masked: mask::phone(&phone),
        id_number_masked: mask::id_number(&id_number),
        licence_class: class.as_deref().and_then(LicenceClass::parse),
        qualification_valid_until: date(row, 5)?,
    })
}

/// The whole fleet in service of `enterprise_id`.
pub fn of(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Fleet> {
    Ok(Fleet {
        vehicles: vehicles(conn, enterprise_id)?,
        drivers: drivers(conn, enterprise_id)?,
    })
}
