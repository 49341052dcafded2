//! An enterprise's drivers as it registers, edits, retires and imports them; every change is
//! audited with the fields before and after, personal numbers masked.

use charterpass_core::filing_api::{AuditEntity, Paged};
use charterpass_core::licence::LicenceClass;
use charterpass_core::mask;
use charterpass_core::master_data::date_text;
use charterpass_core::master_data::driver::{self, DriverFields, DriverInput, DriverRecord};
use rusqlite::{params, Connection, OptionalExtension};

use super::changes::detail;
use super::dates::date;
use super::register::Register;
use crate::api::paging::PageRequest;

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
    Ok(page.of(rows.collect::<rusqlite::Result<_>>()?, total))
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

/// The checked fields as the form would hold them, to compare with a stored record.
fn driver_input(f: &DriverFields) -> DriverInput {
    DriverInput {
        name: f.name.clone(),
        phone: f.phone.clone(),
        id_number: f.id_number.clone(),
        licence_class: f.licence_class.as_str().to_owned(),
        qualification_number: f.qualification_number.clone(),
        qualification_valid_until: date_text(f.qualification_valid_until),
    }
}

/// The drivers register: an enterprise's, known by identity number within it, retired rather
/// than deleted.
pub struct Drivers;

impl Register for Drivers {
    type Fields = DriverFields;
    type Record = DriverRecord;
    type Owner = i64;
    const ENTITY: AuditEntity = AuditEntity::Driver;
    const OUT_OF_SERVICE: &'static str = "retired";
    const ALREADY: [&'static str; 2] = ["该驾驶员已停用", "该驾驶员未停用"];
    const KEY: &'static str = "id_number";

    fn label(field: &str) -> &'static str {
        driver::label(field)
    }

    fn find(conn: &Connection, owner: i64, id: i64) -> rusqlite::Result<Option<DriverRecord>> {
        find(conn, owner, id)
    }

    fn id(record: &DriverRecord) -> i64 {
        record.id
    }

    fn is_out_of_service(record: &DriverRecord) -> bool {
        record.retired
    }

    fn by_key(
        conn: &Connection,
        owner: i64,
        fields: &DriverFields,
    ) -> rusqlite::Result<Option<(bool, DriverRecord)>> {
        Ok(by_id_number(conn, owner, &fields.id_number)?.map(|record| (true, record)))
    }

    fn taken(_: &DriverFields, _: bool) -> String {
        TAKEN.into()
    }

    fn insert(conn: &Connection, owner: i64, fields: &DriverFields) -> rusqlite::Result<i64> {
        insert(conn, owner, fields)
    }

    fn write(conn: &Connection, id: i64, fields: &DriverFields) -> rusqlite::Result<()> {
        write(conn, id, fields)
    }

    fn set_out_of_service(conn: &Connection, id: i64, out: bool) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE drivers SET retired_at = CASE WHEN ?2 THEN ?3 END WHERE id = ?1",
            params![id, out, super::now_cst()],
        )?;
        Ok(())
    }

    /// The full numbers decide whether anything changed; the masked ones are audited, and a
    /// change the masks hide (the middle digits of a number) is still recorded, as such.
    fn change(before: Option<&DriverRecord>, after: &DriverFields) -> Option<String> {
        let Some(before) = before else {
            return detail(&labels(), None, &values_of(after));
        };
        if before.input() == driver_input(after) {
            return None;
        }
        let detail = detail(&labels(), Some(&values(before)), &values_of(after));
        Some(detail.unwrap_or_else(|| "个人号码的中间位已修改（已脱敏）".to_owned()))
    }
}
