//! An enterprise's vehicles as it registers, edits, retires and imports them; every change is
//! audited with the fields before and after.

use charterpass_core::filing_api::{AuditEntity, Paged};
use charterpass_core::master_data::date_text;
use charterpass_core::master_data::import::{Checked, ImportReport, RowError};
use charterpass_core::master_data::vehicle::{self, VehicleFields, VehicleRecord};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use super::changes::detail;
use super::dates::date;
use crate::api::paging::PageRequest;
use crate::api::ApiError;

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
    Ok(Paged {
        items: rows.collect::<rusqlite::Result<_>>()?,
        page: page.page,
        per_page: page.per_page,
        total: total as u64,
    })
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

/// Records a change of vehicle `id` by `user_id`.
fn audit(
    conn: &Connection,
    user_id: i64,
    id: i64,
    from: Option<&str>,
    to: &str,
    reason: Option<&str>,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    audit::record(
        conn,
        &Change {
            user_id: Some(user_id),
            entity: AuditEntity::Vehicle,
            entity_id: id,
            from,
            to,
            reason,
            detail,
        },
    )
}

fn state(retired: bool) -> &'static str {
    if retired {
        "retired"
    } else {
        "active"
    }
}

/// Registers a vehicle; 409 when its plate is registered already.
pub fn create(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    fields: &VehicleFields,
) -> Result<VehicleRecord, ApiError> {
    let tx = conn.transaction()?;
    if let Some((owner, _)) = by_plate(&tx, fields.plate.as_str())? {
        return Err(ApiError::Conflict(taken(
            fields.plate.as_str(),
            owner == enterprise_id,
        )));
    }
    let id = insert(&tx, enterprise_id, fields)?;
    let detail = detail(&labels(), None, &values_of(fields));
    audit(&tx, user_id, id, None, "active", None, detail.as_deref())?;
    let record = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Edits vehicle `id` of `enterprise_id` (404 for another enterprise's).
pub fn update(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    id: i64,
    fields: &VehicleFields,
) -> Result<VehicleRecord, ApiError> {
    let tx = conn.transaction()?;
    let before = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    if let Some((owner, other)) = by_plate(&tx, fields.plate.as_str())? {
        if other.id != id {
            return Err(ApiError::Conflict(taken(
                fields.plate.as_str(),
                owner == enterprise_id,
            )));
        }
    }
    write(&tx, id, fields)?;
    let state = state(before.retired);
    if let Some(detail) = detail(&labels(), Some(&values(&before)), &values_of(fields)) {
        audit(&tx, user_id, id, Some(state), state, None, Some(&detail))?;
    }
    let record = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Retires (or returns to service) vehicle `id` of `enterprise_id`; 409 when it already is so.
pub fn set_retired(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    id: i64,
    retired: bool,
) -> Result<VehicleRecord, ApiError> {
    let tx = conn.transaction()?;
    let before = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    if before.retired == retired {
        let message = if retired {
            "该车辆已停用"
        } else {
            "该车辆未停用"
        };
        return Err(ApiError::Conflict(message.into()));
    }
    tx.execute(
        "UPDATE vehicles SET retired_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1",
        params![id, retired, super::now_cst()],
    )?;
    audit(
        &tx,
        user_id,
        id,
        Some(state(!retired)),
        state(retired),
        None,
        None,
    )?;
    let record = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Stores a checked file in one transaction, each row matched by plate: a new plate is
/// registered, a plate of this enterprise updated (retired vehicles stay retired), a plate of
/// another enterprise is a bad row. Nothing is stored while any row is bad, unless `only_good`.
pub fn import(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    checked: Checked<VehicleFields>,
    only_good: bool,
) -> Result<ImportReport, ApiError> {
    let tx = conn.transaction()?;
    let mut errors = checked.errors;
    let mut rows = Vec::new();
    for (row, fields) in checked.good {
        let existing = by_plate(&tx, fields.plate.as_str())?;
        match existing {
            Some((owner, _)) if owner != enterprise_id => errors.push(RowError {
                row,
                field: "plate".into(),
                column: vehicle::label("plate").into(),
                message: taken(fields.plate.as_str(), false),
            }),
            _ => rows.push((existing.map(|(_, record)| record), fields)),
        }
    }
    errors.sort_by_key(|e| e.row);
    let mut report = ImportReport {
        rows: checked.rows,
        imported: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: checked.rows - rows.len(),
        errors,
    };
    if !report.errors.is_empty() && !only_good {
        return Ok(report);
    }
    let labels = labels();
    for (existing, fields) in rows {
        let after = values_of(&fields);
        match existing {
            None => {
                let id = insert(&tx, enterprise_id, &fields)?;
                let detail = detail(&labels, None, &after);
                audit(
                    &tx,
                    user_id,
                    id,
                    None,
                    "active",
                    Some("批量导入"),
                    detail.as_deref(),
                )?;
                report.created += 1;
            }
            Some(before) => match detail(&labels, Some(&values(&before)), &after) {
                None => report.unchanged += 1,
                Some(detail) => {
                    write(&tx, before.id, &fields)?;
                    let state = state(before.retired);
                    audit(
                        &tx,
                        user_id,
                        before.id,
                        Some(state),
                        state,
                        Some("批量导入"),
                        Some(&detail),
                    )?;
                    report.updated += 1;
                }
            },
        }
    }
    tx.commit()?;
    report.imported = true;
    Ok(report)
}
