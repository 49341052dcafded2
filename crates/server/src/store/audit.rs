//! The audit trail: one row per change of a filing, an enterprise, the trust list, an account,
//! a vehicle or a driver.

use charterpass_core::filing_api::{AuditEntity, AuditEntry, Paged};
use rusqlite::{params, Connection};

use super::now_cst;
use crate::api::paging::PageRequest;

/// One state change to record.
pub struct Change<'a> {
    /// Who made it; `None` for the system (automatic review).
    pub user_id: Option<i64>,
    /// What changed.
    pub entity: AuditEntity,
    /// Its row id.
    pub entity_id: i64,
    /// The state before; `None` when the entity was created.
    pub from: Option<&'a str>,
    /// The state after.
    pub to: &'a str,
    /// Why, where a reason was given.
    pub reason: Option<&'a str>,
    /// The field changes, "field: before → after" one a line (personal numbers masked).
    pub detail: Option<&'a str>,
}

/// Records `change` now.
pub fn record(conn: &Connection, change: &Change<'_>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, user_id, entity, entity_id, from_state, to_state, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            now_cst(),
            change.user_id,
            change.entity.as_str(),
            change.entity_id,
            change.from,
            change.to,
            change.reason,
            change.detail
        ],
    )?;
    Ok(())
}

/// Which rows of the trail to list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only rows about this kind of thing.
    pub entity: Option<AuditEntity>,
    /// Only changes made by this user.
    pub user_id: Option<i64>,
    /// Only changes made by the user with this user name.
    pub username: Option<String>,
}

/// A page of the trail, newest first, optionally about one entity kind and by one person.
pub fn list(
    conn: &Connection,
    filter: AuditFilter,
    page: PageRequest,
) -> rusqlite::Result<Paged<AuditEntry>> {
    let entity = filter.entity.map(AuditEntity::as_str);
    let user_id = filter.user_id;
    let username = filter.username.as_deref();
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM audit_log
         WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR user_id = ?2)
           AND (?3 IS NULL OR user_id = (SELECT id FROM users WHERE username = ?3))",
        params![entity, user_id, username],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT a.id, a.at, COALESCE(u.display_name, '系统'), a.entity, a.entity_id,
                CASE a.entity
                    WHEN 'filing' THEN (SELECT number FROM filings WHERE id = a.entity_id)
                    WHEN 'trust_list' THEN '信任列表'
                    WHEN 'account' THEN (SELECT display_name || '（' || username || '）'
                                         FROM users WHERE id = a.entity_id)
                    WHEN 'vehicle' THEN (SELECT plate FROM vehicles WHERE id = a.entity_id)
                    WHEN 'driver' THEN (SELECT name FROM drivers WHERE id = a.entity_id)
                    ELSE (SELECT name FROM enterprises WHERE id = a.entity_id)
                END,
                a.from_state, a.to_state, a.reason, a.detail
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
         WHERE (?1 IS NULL OR a.entity = ?1) AND (?2 IS NULL OR a.user_id = ?2)
         ORDER BY a.id DESC LIMIT ?3 OFFSET ?4",
    )?;
    let rows = stmt.query_map(
        params![entity, user_id, page.per_page, page.offset()],
        |row| {
            let entity: String = row.get(3)?;
            Ok(AuditEntry {
                id: row.get(0)?,
                at: row.get(1)?,
                actor: row.get(2)?,
                entity: AuditEntity::parse(&entity).unwrap_or(AuditEntity::Enterprise),
                entity_id: row.get(4)?,
                entity_label: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
                from_state: row.get(6)?,
                to_state: row.get(7)?,
                reason: row.get(8)?,
                detail: row.get(9)?,
            })
        },
    )?;
    Ok(page.of(rows.collect::<rusqlite::Result<_>>()?, total))
}
