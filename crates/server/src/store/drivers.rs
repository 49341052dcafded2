//! An enterprise's drivers as it registers, edits, retires and imports them; every change is
//! audited with the fields before and after, personal numbers masked.

use charterpass_core::filing_api::{AuditEntity, Paged};
use charterpass_core::licence::LicenceClass;
use charterpass_core::mask;
use charterpass_core::master_data::date_text;
use charterpass_core::master_data::driver::{self, DriverFields, DriverRecord};
use charterpass_core::master_data::import::{Checked, ImportReport};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use super::changes::detail;
use super::dates::date;
use crate::api::paging::PageRequest;
use crate::api::ApiError;

const COLUMNS: &str = "d.id, d.name, d.phone, d.id_number, d.licence_class,
    d.qualification_number, d.qualification_valid_until, d.retired_at IS NOT NULL,
    (SELECT u.username FROM users u WHERE u.driver_id = d.id AND u.role = 'driver' LIMIT 1)";

/// The audited fields, in form order.
const FIELDS: [&str; 6] = [
    "name",
    "phone",
    "id_number",
    "licence_class",
    "qualification_number",
    "qualification_valid_until",
];

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DriverRecord> {
    let class: Option<String> = row.get(4)?;
    Ok(DriverRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        phone: row.get(2)?,
        id_number: row.get(3)?,
        licence_class: class.as_deref().and_then(LicenceClass::parse),
        qualification_number: row.get(5)?,
        qualification_valid_until: date(row, 6)?,
        retired: row.get(7)?,
        username: row.get(8)?,
    })
}

fn labels() -> Vec<&'static str> {
    FIELDS.iter().map(|f| driver::label(f)).collect()
}

/// The audited values: phone, identity and qualification numbers masked.
fn audited(
    name: &str,
    phone: &str,
    id_number: &str,
    class: Option<LicenceClass>,
    qualification: &str,
    until: Option<chrono::NaiveDate>,
) -> Vec<String> {
    vec![
        name.to_owned(),
        mask::phone(phone),
        mask::id_number(id_number),
        class.map(|c| c.as_str().to_owned()).unwrap_or_default(),
        mask::id_number(qualification),
        until.map(date_text).unwrap_or_default(),
    ]
}

fn values(r: &DriverRecord) -> Vec<String> {
    audited(
        &r.name,
        &r.phone,
        &r.id_number,
        r.licence_class,
        &r.qualification_number,
        r.qualification_valid_until,
    )
}

fn values_of(f: &DriverFields) -> Vec<String> {
    audited(
        &f.name,
        &f.phone,
        &f.id_number,
        Some(f.licence_class),
        &f.qualification_number,
        Some(f.qualification_valid_until),
    )
}

/// A page of the drivers of `enterprise_id`, those in service first, in registration order;
/// `search` keeps the names or phone numbers containing it.
pub fn page(
    conn: &Connection,
    enterprise_id: i64,
    search: Option<&str>,
    page: PageRequest,
) -> rusqlite::Result<Paged<DriverRecord>> {
    let pattern = search.map(|s| format!("%{}%", super::like_escape(s)));
    let filter = "FROM drivers d WHERE d.enterprise_id = ?1
        AND (?2 IS NULL OR d.name LIKE ?2 ESCAPE '\\' OR d.phone LIKE ?2 ESCAPE '\\')";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![enterprise_id, pattern],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {filter} ORDER BY d.retired_at IS NOT NULL, d.id LIMIT ?3 OFFSET ?4"
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

/// Driver `id` if registered to `enterprise_id`.
pub fn find(
    conn: &Connection,
    enterprise_id: i64,
    id: i64,
) -> rusqlite::Result<Option<DriverRecord>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM drivers d WHERE d.id = ?1 AND d.enterprise_id = ?2"),
        params![id, enterprise_id],
        from_row,
    )
    .optional()
}

/// The driver of `enterprise_id` with `id_number`.
fn by_id_number(
    conn: &Connection,
    enterprise_id: i64,
    id_number: &str,
) -> rusqlite::Result<Option<DriverRecord>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM drivers d WHERE d.enterprise_id = ?1 AND d.id_number = ?2"),
        params![enterprise_id, id_number],
        from_row,
    )
    .optional()
}

const TAKEN: &str = "该身份证号码的驾驶员已登记，请在驾驶员列表中修改";

fn insert(conn: &Connection, enterprise_id: i64, f: &DriverFields) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO drivers (enterprise_id, name, phone, id_number, licence_number, licence_class,
             qualification_number, qualification_valid_until)
         VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7)",
        params![
            enterprise_id,
            f.name,
            f.phone,
            f.id_number,
            f.licence_class.as_str(),
            f.qualification_number,
            date_text(f.qualification_valid_until)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn write(conn: &Connection, id: i64, f: &DriverFields) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE drivers SET name = ?2, phone = ?3, id_number = ?4, licence_class = ?5,
             qualification_number = ?6, qualification_valid_until = ?7 WHERE id = ?1",
        params![
            id,
            f.name,
            f.phone,
            f.id_number,
            f.licence_class.as_str(),
            f.qualification_number,
            date_text(f.qualification_valid_until)
        ],
    )?;
    Ok(())
}

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
            entity: AuditEntity::Driver,
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

/// Registers a driver; 409 when the enterprise registered the identity number already.
pub fn create(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    fields: &DriverFields,
) -> Result<DriverRecord, ApiError> {
    let tx = conn.transaction()?;
    if by_id_number(&tx, enterprise_id, &fields.id_number)?.is_some() {
        return Err(ApiError::Conflict(TAKEN.into()));
    }
    let id = insert(&tx, enterprise_id, fields)?;
    let detail = detail(&labels(), None, &values_of(fields));
    audit(&tx, user_id, id, None, "active", None, detail.as_deref())?;
    let record = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Edits driver `id` of `enterprise_id` (404 for another enterprise's).
pub fn update(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    id: i64,
    fields: &DriverFields,
) -> Result<DriverRecord, ApiError> {
    let tx = conn.transaction()?;
    let before = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    if let Some(other) = by_id_number(&tx, enterprise_id, &fields.id_number)? {
        if other.id != id {
            return Err(ApiError::Conflict(TAKEN.into()));
        }
    }
    write(&tx, id, fields)?;
    if before.input() != driver_input(fields) {
        let state = state(before.retired);
        let detail = changed(&before, fields);
        audit(&tx, user_id, id, Some(state), state, None, Some(&detail))?;
    }
    let record = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Retires (or returns to service) driver `id` of `enterprise_id`; 409 when it already is so.
pub fn set_retired(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    id: i64,
    retired: bool,
) -> Result<DriverRecord, ApiError> {
    let tx = conn.transaction()?;
    let before = find(&tx, enterprise_id, id)?.ok_or(ApiError::NotFound)?;
    if before.retired == retired {
        let message = if retired {
            "该驾驶员已停用"
        } else {
            "该驾驶员未停用"
        };
        return Err(ApiError::Conflict(message.into()));
    }
    tx.execute(
        "UPDATE drivers SET retired_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1",
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

/// Stores a checked file in one transaction, each row matched by identity number within the
/// enterprise: new people are registered, known ones updated (retired drivers stay retired).
/// Nothing is stored while any row is bad, unless `only_good`.
pub fn import(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    checked: Checked<DriverFields>,
    only_good: bool,
) -> Result<ImportReport, ApiError> {
    let mut report = ImportReport {
        rows: checked.rows,
        imported: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: checked.bad_rows(),
        errors: checked.errors,
    };
    if !report.errors.is_empty() && !only_good {
        return Ok(report);
    }
    let tx = conn.transaction()?;
    let labels = labels();
    for (_, fields) in checked.good {
        match by_id_number(&tx, enterprise_id, &fields.id_number)? {
            None => {
                let id = insert(&tx, enterprise_id, &fields)?;
                let detail = detail(&labels, None, &values_of(&fields));
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
            Some(before) => {
                // The full numbers decide whether anything changed; the masked ones are audited.
                if before.input() == driver_input(&fields) {
                    report.unchanged += 1;
                    continue;
                }
                write(&tx, before.id, &fields)?;
                let state = state(before.retired);
                let detail = changed(&before, &fields);
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
        }
    }
    tx.commit()?;
    report.imported = true;
    Ok(report)
}

/// The audit detail of a change that happened: a change hidden by the masks (the middle digits
/// of a number) is still recorded, as such.
fn changed(before: &DriverRecord, after: &DriverFields) -> String {
    detail(&labels(), Some(&values(before)), &values_of(after))
        .unwrap_or_else(|| "个人号码的中间位已修改（已脱敏）".to_owned())
}

/// The checked fields as the form would hold them, to compare with a stored record.
fn driver_input(f: &DriverFields) -> charterpass_core::master_data::driver::DriverInput {
    charterpass_core::master_data::driver::DriverInput {
        name: f.name.clone(),
        phone: f.phone.clone(),
        id_number: f.id_number.clone(),
        licence_class: f.licence_class.as_str().to_owned(),
        qualification_number: f.qualification_number.clone(),
        qualification_valid_until: date_text(f.qualification_valid_until),
    }
}
