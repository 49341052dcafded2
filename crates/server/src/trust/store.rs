//! The trust tables: neighbours' imported lists, removed keys, and the lists we published.

use charterpass_core::certificate::signed_list::RemovedKey;
use charterpass_core::certificate::Kid;
use charterpass_core::filing_api::AuditEntity;
use rusqlite::{params, Connection, OptionalExtension};

use crate::store::audit::{self, Change};
use crate::store::now_cst;

/// A neighbour's last imported list.
pub struct Neighbour {
    /// Its province code.
    pub province: String,
    /// The root fingerprint it was checked against.
    pub root_fingerprint: String,
    /// Its sequence number.
    pub sequence: u64,
    /// The signed list as imported.
    pub list: Vec<u8>,
    /// Whether the demo created it.
    pub demo: bool,
}

/// One list we signed.
pub struct Published {
    /// Its sequence number.
    pub sequence: u64,
    /// When the next list is due (seconds since the Unix epoch).
    pub next_update: i64,
    /// SHA-256 of its content without times and sequence.
    pub content_sha256: String,
    /// The signed bytes.
    pub list: Vec<u8>,
}

/// Every neighbour's last imported list.
pub fn neighbours(conn: &Connection) -> rusqlite::Result<Vec<Neighbour>> {
    let mut stmt = conn.prepare(
        "SELECT province, root_fingerprint, sequence, list, demo FROM neighbour_lists ORDER BY province",
    )?;
    let rows = stmt.query_map([], neighbour_row)?;
    rows.collect()
}

/// The neighbour `province`'s last imported list.
pub fn neighbour(conn: &Connection, province: &str) -> rusqlite::Result<Option<Neighbour>> {
    conn.query_row(
        "SELECT province, root_fingerprint, sequence, list, demo FROM neighbour_lists WHERE province = ?1",
        [province],
        neighbour_row,
    )
    .optional()
}

fn neighbour_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Neighbour> {
    Ok(Neighbour {
        province: row.get(0)?,
        root_fingerprint: row.get(1)?,
        sequence: row.get::<_, i64>(2)? as u64,
        list: row.get(3)?,
        demo: row.get(4)?,
    })
}

/// Stores `neighbour` in place of the province's previous list.
pub fn save_neighbour(conn: &Connection, n: &Neighbour) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO neighbour_lists (province, root_fingerprint, sequence, list, imported_at, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (province) DO UPDATE SET root_fingerprint = ?2, sequence = ?3, list = ?4,
             imported_at = ?5, demo = ?6",
        params![
            n.province,
            n.root_fingerprint,
            n.sequence as i64,
            n.list,
            now_cst(),
            n.demo
        ],
    )?;
    Ok(())
}

/// Every key our operator removed.
pub fn removed(conn: &Connection) -> rusqlite::Result<Vec<RemovedKey>> {
    let mut stmt = conn.prepare(
        "SELECT kid, province, removed_at, reason FROM removed_keys ORDER BY removed_at, kid",
    )?;
    let rows = stmt.query_map([], |row| {
        let kid: String = row.get(0)?;
        Ok(RemovedKey {
            kid: Kid::from_hex(&kid).unwrap_or(Kid([0; 8])),
            province: row.get(1)?,
            removed_at: row.get(2)?,
            reason: row.get(3)?,
        })
    })?;
    rows.collect()
}

/// Records a removal; `false` when the key was already removed.
pub fn remove(conn: &Connection, key: &RemovedKey) -> rusqlite::Result<bool> {
    let added = conn.execute(
        "INSERT OR IGNORE INTO removed_keys (kid, province, removed_at, reason) VALUES (?1, ?2, ?3, ?4)",
        params![key.kid.to_hex(), key.province, key.removed_at, key.reason],
    )?;
    Ok(added == 1)
}

/// The newest list of `kind` (`combined` or `export`).
pub fn latest(conn: &Connection, kind: &str) -> rusqlite::Result<Option<Published>> {
    conn.query_row(
        "SELECT sequence, next_update, content_sha256, list FROM published_lists
         WHERE kind = ?1 ORDER BY sequence DESC LIMIT 1",
        [kind],
        |row| {
            Ok(Published {
                sequence: row.get::<_, i64>(0)? as u64,
                next_update: row.get(1)?,
                content_sha256: row.get(2)?,
                list: row.get(3)?,
            })
        },
    )
    .optional()
}

/// The next sequence number: one above every list this province ever signed.
pub fn next_sequence(conn: &Connection) -> rusqlite::Result<u64> {
    let max: i64 = conn.query_row(
        "SELECT COALESCE(MAX(sequence), 0) FROM published_lists",
        [],
        |row| row.get(0),
    )?;
    Ok(max as u64 + 1)
}

/// Stores a list we signed.
pub fn publish(
    conn: &Connection,
    kind: &str,
    issued_at: i64,
    published: &Published,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO published_lists (sequence, kind, issued_at, next_update, content_sha256, list)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            published.sequence as i64,
            kind,
            issued_at,
            published.next_update,
            published.content_sha256,
            published.list
        ],
    )?;
    Ok(())
}

/// Writes an audit row about the trust list, made by the operator at the command line.
pub fn audit(
    conn: &Connection,
    sequence: u64,
    from: Option<&str>,
    to: &str,
    reason: &str,
) -> rusqlite::Result<()> {
    audit::record(
        conn,
        &Change {
            user_id: None,
            entity: AuditEntity::TrustList,
            entity_id: sequence as i64,
            from,
            to,
            reason: Some(reason),
            detail: None,
        },
    )
}
