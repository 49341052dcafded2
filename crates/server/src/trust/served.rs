//! The combined list as last served. `GET /trust-list` is the inspectors' hot path: while the
//! list's inputs in the database are unchanged and it is not due, the served bytes are reused
//! without re-opening every neighbour's list or taking a write transaction.

use std::sync::Mutex;

use rusqlite::Connection;

use super::store::Published;

/// The last combined list served, with the stamp of the inputs it was composed from.
#[derive(Default)]
pub struct ServedList(Mutex<Option<(String, Published)>>);

impl ServedList {
    /// The served list, when it was composed from inputs with `stamp` and is not due at `now`.
    pub fn get(&self, stamp: &str, now: i64) -> Option<Published> {
        let served = self.0.lock().ok()?;
        let (served_stamp, published) = served.as_ref()?;
        (served_stamp == stamp && now < published.next_update).then(|| published.clone())
    }

    /// Remembers `published` as composed from inputs with `stamp`.
    pub fn put(&self, stamp: String, published: Published) {
        if let Ok(mut served) = self.0.lock() {
            *served = Some((stamp, published));
        }
    }
}

/// What the combined list depends on in the database — each neighbour's imported list (province,
/// pinned root, sequence, demo or real) and the removed keys — in one cheap read. Our own keys
/// are fixed for the life of the process.
pub fn stamp(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row(
        "SELECT (SELECT COALESCE(group_concat(p, ','), '') FROM
                    (SELECT province || ':' || root_fingerprint || ':' || sequence || ':' || demo AS p
                     FROM neighbour_lists ORDER BY province))
             || '|' ||
                (SELECT COALESCE(group_concat(kid, ','), '') FROM
                    (SELECT kid FROM removed_keys ORDER BY kid))",
        [],
        |row| row.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(sequence: u64, next_update: i64) -> Published {
        Published {
            sequence,
            next_update,
            content_sha256: String::new(),
            list: vec![1, 2, 3],
        }
    }

    #[test]
    fn reused_only_for_the_same_inputs_and_before_it_is_due() {
        let served = ServedList::default();
        assert!(served.get("a", 0).is_none());
        served.put("a".into(), published(7, 100));
        assert_eq!(served.get("a", 99).map(|p| p.sequence), Some(7));
        assert!(served.get("a", 100).is_none(), "due");
        assert!(served.get("b", 0).is_none(), "inputs changed");
    }

    #[test]
    fn the_stamp_changes_with_an_import_or_a_removal() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE neighbour_lists (province TEXT PRIMARY KEY, root_fingerprint TEXT,
                 sequence INTEGER, list BLOB, imported_at TEXT, demo INTEGER);
             CREATE TABLE removed_keys (kid TEXT PRIMARY KEY, province TEXT, removed_at INTEGER,
                 reason TEXT);",
        )
        .unwrap();
        let empty = stamp(&conn).unwrap();
        conn.execute(
            "INSERT INTO neighbour_lists VALUES ('51', 'ab', 3, x'00', '', 1)",
            [],
        )
        .unwrap();
        let imported = stamp(&conn).unwrap();
        assert_ne!(empty, imported);
        conn.execute("UPDATE neighbour_lists SET sequence = 4, demo = 0", [])
            .unwrap();
        let reimported = stamp(&conn).unwrap();
        assert_ne!(imported, reimported);
        conn.execute(
            "INSERT INTO removed_keys VALUES ('0011223344556677', '51', 0, 'x')",
            [],
        )
        .unwrap();
        assert_ne!(reimported, stamp(&conn).unwrap());
    }
}
