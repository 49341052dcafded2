//! Schema migrations, applied in order at start-up, each once.

use rusqlite::Connection;

/// Every migration: a name and its SQL. Append only; never edit a shipped one.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("migrations/0001_foundation.sql"),
    ),
    ("0002_filings", include_str!("migrations/0002_filings.sql")),
    (
        "0003_certificates",
        include_str!("migrations/0003_certificates.sql"),
    ),
    (
        "0004_receipts",
        include_str!("migrations/0004_receipts.sql"),
    ),
    ("0005_trust", include_str!("migrations/0005_trust.sql")),
    (
        "0006_filing_rules",
        include_str!("migrations/0006_filing_rules.sql"),
    ),
    (
        "0007_sign_in_log",
        include_str!("migrations/0007_sign_in_log.sql"),
    ),
    (
        "0008_accounts",
        include_str!("migrations/0008_accounts.sql"),
    ),
    (
        "0009_master_data",
        include_str!("migrations/0009_master_data.sql"),
    ),
];

/// Applies the migrations the database has not seen yet, each in its own transaction.
pub fn apply(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             name TEXT PRIMARY KEY,
             applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
         )",
    )?;
    for (name, sql) in MIGRATIONS {
        let tx = conn.transaction()?;
        let done: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE name = ?1)",
            [name],
            |row| row.get(0),
        )?;
        if !done {
            tx.execute_batch(sql)?;
            tx.execute("INSERT INTO schema_migrations (name) VALUES (?1)", [name])?;
        }
        tx.commit()?;
    }
    Ok(())
}
