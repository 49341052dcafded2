//! Enterprises as the administrator manages them: registration, editing, disabling, import,
//! and the automatic-review permission; every change audited.

use charterpass_core::filing_api::{AuditEntity, EnterpriseView, Paged};
use charterpass_core::master_data::date_text;
use charterpass_core::master_data::enterprise::{self, EnterpriseFields};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use super::changes::detail;
use super::dates::date;
use super::register::Register;
use crate::api::paging::PageRequest;
use crate::api::ApiError;

const COLUMNS: &str = "id, name, credit_code, prefecture_code, auto_review, permit_number,
    permit_valid_until, disabled";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EnterpriseView> {
    Ok(EnterpriseView {
        id: row.get(0)?,
        name: row.get(1)?,
        credit_code: row.get(2)?,
        prefecture_code: row.get(3)?,
        auto_review: row.get(4)?,
        permit_number: row.get(5)?,
        permit_valid_until: date(row, 6)?,
        disabled: row.get(7)?,
    })
}

/// The audited fields, in form order.
const FIELDS: [&str; 5] = [
    "name",
    "credit_code",
    "prefecture_code",
    "permit_number",
    "permit_valid_until",
];

fn labels() -> Vec<&'static str> {
    FIELDS.iter().map(|f| enterprise::label(f)).collect()
}

fn values(view: &EnterpriseView) -> Vec<String> {
    vec![
        view.name.clone(),
        view.credit_code.clone(),
        view.prefecture_code.clone(),
        view.permit_number.clone(),
        view.permit_valid_until.map(date_text).unwrap_or_default(),
    ]
}

fn values_of(fields: &EnterpriseFields) -> Vec<String> {
    vec![
        fields.name.clone(),
        fields.credit_code.as_str().to_owned(),
        fields.prefecture_code.clone(),
        fields.permit_number.clone(),
        date_text(fields.permit_valid_until),
    ]
}

/// A page of enterprises, by prefecture then name (the `enterprises_listing` index); `search`
/// keeps the names containing it and the credit codes starting with it.
pub fn list(
    conn: &Connection,
    search: Option<&str>,
    page: PageRequest,
) -> rusqlite::Result<Paged<EnterpriseView>> {
    let name = search.map(|s| format!("%{}%", super::like_escape(s)));
    let code = search.map(|s| format!("{}%", super::like_escape(&s.to_uppercase())));
    let filter = "FROM enterprises
        WHERE ?1 IS NULL OR name LIKE ?1 ESCAPE '\\' OR credit_code LIKE ?2 ESCAPE '\\'";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![name, code],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {filter} ORDER BY prefecture_code, name, id LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt.query_map(params![name, code, page.per_page, page.offset()], from_row)?;
    Ok(page.of(rows.collect::<rusqlite::Result<_>>()?, total))
}

/// One enterprise.
pub fn find(conn: &Connection, id: i64) -> rusqlite::Result<Option<EnterpriseView>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM enterprises WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()
}

/// Whether `enterprise_id` is disabled (it files nothing).
pub fn disabled(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT disabled FROM enterprises WHERE id = ?1",
        [enterprise_id],
        |row| row.get(0),
    )
}

/// The enterprise with this credit code.
fn by_credit_code(conn: &Connection, code: &str) -> rusqlite::Result<Option<EnterpriseView>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM enterprises WHERE credit_code = ?1"),
        [code],
        from_row,
    )
    .optional()
}

fn taken(code: &str) -> String {
    format!("统一社会信用代码 {code} 已登记，请在企业列表中修改")
}

fn insert(conn: &Connection, fields: &EnterpriseFields) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO enterprises (name, credit_code, prefecture_code, auto_review, permit_number,
             permit_valid_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            fields.name,
            fields.credit_code.as_str(),
            fields.prefecture_code,
            fields.auto_review,
            fields.permit_number,
            date_text(fields.permit_valid_until)
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

fn write(conn: &Connection, id: i64, fields: &EnterpriseFields) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE enterprises SET name = ?2, credit_code = ?3, prefecture_code = ?4,
             permit_number = ?5, permit_valid_until = ?6 WHERE id = ?1",
        params![
            id,
            fields.name,
            fields.credit_code.as_str(),
            fields.prefecture_code,
            fields.permit_number,
            date_text(fields.permit_valid_until)
        ],
    )?;
    Ok(())
}

/// Whether `enterprise_id` holds the automatic-review permission now.
pub fn auto_review(conn: &Connection, enterprise_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT auto_review FROM enterprises WHERE id = ?1",
        [enterprise_id],
        |row| row.get(0),
    )
}

/// The audit name of a permission state.
fn permission_state(auto_review: bool) -> &'static str {
    if auto_review {
        "granted"
    } else {
        "withdrawn"
    }
}

/// Grants or withdraws the permission, audited with `reason`; 409 when it already is so.
pub fn set_auto_review(
    conn: &mut Connection,
    admin_id: i64,
    enterprise_id: i64,
    auto_review: bool,
    reason: &str,
) -> Result<EnterpriseView, ApiError> {
    let tx = conn.transaction()?;
    if find(&tx, enterprise_id)?.is_none() {
        return Err(ApiError::NotFound);
    }
    let changed = tx.execute(
        "UPDATE enterprises SET auto_review = ?1 WHERE id = ?2 AND auto_review <> ?1",
        params![auto_review, enterprise_id],
    )?;
    if changed == 0 {
        let message = if auto_review {
            "该企业已拥有自动审核权限"
        } else {
            "该企业当前没有自动审核权限"
        };
        return Err(ApiError::Conflict(message.into()));
    }
    audit::record(
        &tx,
        &Change {
            user_id: Some(admin_id),
            entity: AuditEntity::Enterprise,
            entity_id: enterprise_id,
            from: Some(permission_state(!auto_review)),
            to: permission_state(auto_review),
            reason: Some(reason),
            detail: None,
        },
    )?;
    let view = find(&tx, enterprise_id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(view)
}

/// The enterprises register: the province's, known by credit code, disabled rather than
/// deleted. A permission given at registration is audited like a grant.
pub struct Enterprises;

impl Register for Enterprises {
    type Fields = EnterpriseFields;
    type Record = EnterpriseView;
    type Owner = ();
    const ENTITY: AuditEntity = AuditEntity::Enterprise;
    const OUT_OF_SERVICE: &'static str = "disabled";
    const ALREADY: [&'static str; 2] = ["该企业已停用", "该企业未停用"];
    const KEY: &'static str = "credit_code";

    fn label(field: &str) -> &'static str {
        enterprise::label(field)
    }

    fn find(conn: &Connection, _: (), id: i64) -> rusqlite::Result<Option<EnterpriseView>> {
        find(conn, id)
    }

    fn id(record: &EnterpriseView) -> i64 {
        record.id
    }

    fn is_out_of_service(record: &EnterpriseView) -> bool {
        record.disabled
    }

    fn by_key(
        conn: &Connection,
        _: (),
        fields: &EnterpriseFields,
    ) -> rusqlite::Result<Option<(bool, EnterpriseView)>> {
        Ok(by_credit_code(conn, fields.credit_code.as_str())?.map(|view| (true, view)))
    }

    fn taken(fields: &EnterpriseFields, _: bool) -> String {
        taken(fields.credit_code.as_str())
    }

    fn insert(conn: &Connection, _: (), fields: &EnterpriseFields) -> rusqlite::Result<i64> {
        insert(conn, fields)
    }

    fn write(conn: &Connection, id: i64, fields: &EnterpriseFields) -> rusqlite::Result<()> {
        write(conn, id, fields)
    }

    fn set_out_of_service(conn: &Connection, id: i64, out: bool) -> rusqlite::Result<()> {
        conn.execute(
            "UPDATE enterprises SET disabled = ?2 WHERE id = ?1",
            params![id, out],
        )?;
        Ok(())
    }

    fn change(before: Option<&EnterpriseView>, after: &EnterpriseFields) -> Option<String> {
        detail(&labels(), before.map(values).as_deref(), &values_of(after))
    }

    fn registered(
        conn: &Connection,
        user_id: i64,
        id: i64,
        fields: &EnterpriseFields,
    ) -> rusqlite::Result<()> {
        if !fields.auto_review {
            return Ok(());
        }
        audit::record(
            conn,
            &Change {
                user_id: Some(user_id),
                entity: AuditEntity::Enterprise,
                entity_id: id,
                from: Some(permission_state(false)),
                to: permission_state(true),
                reason: Some("登记时授予"),
                detail: None,
            },
        )
    }
}
