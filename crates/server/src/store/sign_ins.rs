//! The sign-in part of the audit trail: sign-ins, failures, lock-outs and sign-outs.

use rusqlite::{params, Connection};

use super::now_cst;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// A correct password: a session began.
    SignedIn,
    /// A wrong password or an unknown user name.
    Failed,
    /// A failure that locked the account or the client address out.
    LockedOut,
    /// A session was ended by its owner.
    SignedOut,
    /// Every session of the user was ended.
    SignedOutEverywhere,
}

impl Event {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Event::SignedIn => "signed_in",
            Event::Failed => "failed",
            Event::LockedOut => "locked_out",
            Event::SignedOut => "signed_out",
            Event::SignedOutEverywhere => "signed_out_everywhere",
        }
    }
}

/// One row to record.
pub struct Entry<'a> {
    /// What happened.
    pub event: Event,
    /// The user name as typed (bounded by the API), or the signed-in user's.
    pub username: &'a str,
    /// The user, when known.
    pub user_id: Option<i64>,
    /// The client's address.
    pub client_address: std::net::IpAddr,
    /// E.g. how long a lock-out lasts and what it locked.
    pub detail: Option<String>,
}

/// Records `entry` now.
pub fn record(conn: &Connection, entry: &Entry<'_>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sign_in_log (at, event, username, user_id, client_address, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            now_cst(),
            entry.event.as_str(),
            entry.username,
            entry.user_id,
            entry.client_address.to_string(),
            entry.detail
        ],
    )?;
    Ok(())
}
