//! An enterprise's registered vehicles and drivers (its fleet), personal numbers masked.

use charterpass_core::filing::{Driver, Fleet, Vehicle};
use charterpass_core::mask;
use rusqlite::{params, Connection, OptionalExtension};

/// The vehicles registered to `enterprise_id`, by plate.
pub fn vehicles(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Vec<Vehicle>> {
    let mut stmt = conn.prepare(
        "SELECT id, plate, seats, kind FROM vehicles WHERE enterprise_id = ?1 ORDER BY plate",
    )?;
    let rows = stmt.query_map([enterprise_id], vehicle_from_row)?;
    rows.collect()
}

/// The vehicle `id` (of any enterprise), if it exists.
pub fn vehicle(conn: &Connection, id: i64) -> rusqlite::Result<Option<Vehicle>> {
    conn.query_row(
        "SELECT id, plate, seats, kind FROM vehicles WHERE id = ?1",
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
    })
}

/// The drivers registered to `enterprise_id`, in registration order.
pub fn drivers(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Vec<Driver>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, phone, id_number FROM drivers WHERE enterprise_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([enterprise_id], driver_from_row)?;
    rows.collect()
}

/// The drivers named on filing `filing_id`, in form order.
pub fn drivers_of_filing(conn: &Connection, filing_id: i64) -> rusqlite::Result<Vec<Driver>> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.name, d.phone, d.id_number FROM filing_drivers fd
         JOIN drivers d ON d.id = fd.driver_id WHERE fd.filing_id = ?1 ORDER BY fd.position",
    )?;
    let rows = stmt.query_map(params![filing_id], driver_from_row)?;
    rows.collect()
}

fn driver_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Driver> {
    let phone: String = row.get(2)?;
    let id_number: String = row.get(3)?;
    Ok(Driver {
        id: row.get(0)?,
        name: row.get(1)?,
        phone_masked: mask::phone(&phone),
        id_number_masked: mask::id_number(&id_number),
    })
}

/// The whole fleet of `enterprise_id`.
pub fn of(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<Fleet> {
    Ok(Fleet {
        vehicles: vehicles(conn, enterprise_id)?,
        drivers: drivers(conn, enterprise_id)?,
    })
}
