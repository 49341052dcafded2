//! Enterprises as the administrator manages them: the automatic-review permission.

use charterpass_core::filing_api::{AuditEntity, EnterpriseView, Paged};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use crate::api::paging::PageRequest;
use crate::api::ApiError;

const COLUMNS: &str = "id, name, credit_code, prefecture_code, auto_review";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EnterpriseView> {
    Ok(EnterpriseView {
        id: row.get(0)?,
        name: row.get(1)?,
        credit_code: row.get(2)?,
        prefecture_code: row.get(3)?,
        auto_review: row.get(4)?,
    })
}

/// A page of enterprises, by prefecture then name.
pub fn list(conn: &Connection, page: PageRequest) -> rusqlite::Result<Paged<EnterpriseView>> {
    let total: i64 = conn.query_row("SELECT COUNT(*) FROM enterprises", [], |row| row.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM enterprises ORDER BY prefecture_code, name, id LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = stmt.query_map(params![page.per_page, page.offset()], from_row)?;
    Ok(Paged {
        items: rows.collect::<rusqlite::Result<_>>()?,
        page: page.page,
        per_page: page.per_page,
        total: total as u64,
    })
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
