//! An enterprise's vehicles as it registers, edits, retires and imports them; every change is
//! audited with the fields before and after.

use charterpass_core::filing_api::{AuditEntity, Paged};
use charterpass_core::master_data::date_text;
use charterpass_core::master_data::vehicle::{self, VehicleFields, VehicleRecord};
use rusqlite::{params, Connection, OptionalExtension};

use super::changes::detail;
use super::dates::date;
use super::register::Register;
use crate::api::paging::PageRequest;

const COLUMNS: &str = "id, plate, seats, kind, grade, permit_number, permit_valid_until,
    retired_at IS NOT NULL";

/// The audited fields, in form order.
const FIELDS: [&str; 6] = [
    "plate",
    "seats",
    "kind",
    "grade",
    "permit_number",
    "permit_valid_until",
];

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<VehicleRecord> {
    Ok(VehicleRecord {
        id: row.get(0)?,
        plate: row.get(1)?,
        seats: row.get(2)?,
        kind: row.get(3)?,
        grade: row.get(4)?,
        permit_number: row.get(5)?,
        permit_valid_until: date(row, 6)?,
        retired: row.get(7)?,
    })
}

fn labels() -> Vec<&'static str> {
    FIELDS.iter().map(|f| vehicle::label(f)).collect()
}

fn values(record: &VehicleRecord) -> Vec<String> {
    vec![
        record.plate.clone(),
        record.seats.to_string(),
        record.kind.clone(),
        record.grade.clone(),
        record.permit_number.clone(),
        record.permit_valid_until.map(date_text).unwrap_or_default(),
    ]
}

fn values_of(fields: &VehicleFields) -> Vec<String> {
    vec![
        fields.plate.as_str().to_owned(),
        fields.seats.to_string(),
        fields.kind.label().to_owned(),
        fields.grade.clone(),
        fields.permit_number.clone(),
        date_text(fields.permit_valid_until),
    ]
}

/// A page of the vehicles of `enterprise_id`, those in service first, by plate; `search` keeps
/// the plates containing it.
pub fn page(
    conn: &Connection,
    enterprise_id: i64,
    search: Option<&str>,
    page: PageRequest,
) -> rusqlite::Result<Paged<VehicleRecord>> {
    let pattern = search.map(|s| format!("%{}%", super::like_escape(&s.to_uppercase())));
    let filter =
        "FROM vehicles WHERE enterprise_id = ?1 AND (?2 IS NULL OR plate LIKE ?2 ESCAPE '\\')";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![enterprise_id, pattern],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {filter} ORDER BY retired_at IS NOT NULL, plate LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(
        params![enterprise_id, pattern, page.per_page, page.offset()],
        from_row,
    )?;
    Ok(page.of(rows.collect::<rusqlite::Result<_>>()?, total))
}

/// Vehicle `id` if it is registered to `enterprise_id`.
pub fn find(
    conn: &Connection,
    enterprise_id: i64,
    id: i64,
) -> rusqlite::Result<Option<VehicleRecord>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM vehicles WHERE id = ?1 AND enterprise_id = ?2"),
        params![id, enterprise_id],
        from_row,
    )
    .optional()
}

/// The vehicle with `plate` (any enterprise's): its enterprise and record.
fn by_plate(conn: &Connection, plate: &str) -> rusqlite::Result<Option<(i64, VehicleRecord)>> {
    conn.query_row(
        &format!("SELECT {COLUMNS}, enterprise_id FROM vehicles WHERE plate = ?1"),
        [plate],
        |row| Ok((row.get(8)?, from_row(row)?)),
    )
    .optional()
}

fn taken(plate: &str, own: bool) -> String {
    if own {
        format!("车牌号码 {plate} 已登记，请在车辆列表中修改")
    } else {
        format!("车牌号码 {plate} 已登记在其他企业名下，请核对")
    }
}

fn insert(conn: &Connection, enterprise_id: i64, fields: &VehicleFields) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO vehicles (enterprise_id, plate, seats, kind, grade, permit_number, permit_valid_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            enterprise_id,
            fields.plate.as_str(),
            fields.seats,
            fields.kind.label(),
            fields.grade,
            fields.permit_number,
            date_text(fields.permit_valid_until)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn write(conn: &Connection, id: i64, fields: &VehicleFields) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE vehicles SET plate = ?2, seats = ?3, kind = ?4, grade = ?5, permit_number = ?6,
             permit_valid_until = ?7 WHERE id = ?1",
        params![
            id,
            fields.plate.as_str(),
            fields.seats,
            fields.kind.label(),
            fields.grade,
            fields.permit_number,
            date_text(fields.permit_valid_until)
        ],
    )?;
    Ok(())
}

/// The vehicles register: an enterprise's, known by plate across the province, retired rather
/// than deleted.
pub struct Vehicles;

impl Register for Vehicles {
    type Fields = VehicleFields;
    type Record = VehicleRecord;
    type Owner = i64;
    const ENTITY: AuditEntity = AuditEntity::Vehicle;
    const OUT_OF_SERVICE: &'static str = "retired";
    const ALREADY: [&'static str; 2] = ["该车辆已停用", "该车辆未停用"];
    const KEY: &'static str = "plate";

    fn label(field: &str) -> &'static str {
        vehicle::label(field)
    }

    fn find(conn: &Connection, owner: i64, id: i64) -> rusqlite::Result<Option<VehicleRecord>> {
        find(conn, owner, id)
    }

    fn id(record: &VehicleRecord) -> i64 {
        record.id
    }

    fn is_out_of_service(record: &VehicleRecord) -> bool {
        record.retired
    }

    fn by_key(
        conn: &Connection,
        owner: i64,
        fields: &VehicleFields,
    ) -> rusqlite::Result<Option<(bool, VehicleRecord)>> {
        let found = by_plate(conn, fields.plate.as_str())?;
        Ok(found.map(|(enterprise_id, record)| (enterprise_id == owner, record)))
    }

    fn taken(fields: &VehicleFields, own: bool) -> String {
        taken(fields.plate.as_str(), own)
    }

    fn insert(conn: &Connection, owner: i64, fields: &VehicleFields) -> rusqlite::Result<i64> {
        insert(conn, owner, fields)
    }

    fn write(conn: &Connection, id: i64, fields: &VehicleFields) -> rusqlite::Result<()> {
        write(conn, id, fields)
    }

    fn set_out_of_service(conn: &Connection, id: i64, out: bool) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE vehicles SET retired_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1",
            params![id, out, super::now_cst()],
        )?;
        Ok(())
    }

    fn change(before: Option<&VehicleRecord>, after: &VehicleFields) -> Option<String> {
        detail(&labels(), before.map(values).as_deref(), &values_of(after))
    }
}
