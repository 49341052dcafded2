//! Server-side sessions: a random token in an HttpOnly cookie, only its hash in the database.
//! A session ends after an idle time without requests or at its absolute lifetime, whichever
//! comes first (`expires_at` slides forward with use, never past `created_at` + lifetime).

use axum::http::header::COOKIE;
use axum::http::HeaderMap;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::api::ApiError;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "cp_session";

/// How long sessions last (`charterpass serve --session-idle-minutes/--session-lifetime-hours`).
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// A session ends after this long without a request.
    pub idle: Duration,
    /// A session ends this long after sign-in, however active.
    pub lifetime: Duration,
}

/// `expires_at` is moved forward only when it gains at least this much (fewer writes).
const SLIDE_STEP_SECS: i64 = 60;

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user_id` and returns its secret token.
pub fn create(conn: &Connection, user_id: i64, policy: &SessionPolicy) -> Result<String, ApiError> {
    create_at(conn, user_id, policy, Utc::now())
}

fn create_at(
    conn: &Connection,
    user_id: i64,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            token_hash(&token),
            user_id,
            now.to_rfc3339(),
            (now + policy.idle.min(policy.lifetime)).to_rfc3339()
        ],
    )?;
    Ok(token)
}

/// The user of an unexpired session, if `token` names one; the session's idle time restarts.
pub fn user_of(
    conn: &Connection,
    token: &str,
    policy: &SessionPolicy,
) -> Result<Option<i64>, ApiError> {
    user_of_at(conn, token, policy, Utc::now())
}

fn user_of_at(
    conn: &Connection,
    token: &str,
    policy: &SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<i64>, ApiError> {
    let hash = token_hash(token);
    let found = conn
        .query_row(
            "SELECT user_id, created_at, expires_at FROM sessions
             WHERE token_hash = ?1 AND expires_at > ?2",
            rusqlite::params![hash, now.to_rfc3339()],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((user_id, created_at, expires_at)) = found else {
        return Ok(None);
    };
    let parse = |text: &str| chrono::DateTime::parse_from_rfc3339(text).map(|t| t.to_utc());
    if let (Ok(created), Ok(expires)) = (parse(&created_at), parse(&expires_at)) {
        let slid = (now + policy.idle).min(created + policy.lifetime);
        if slid - expires >= Duration::seconds(SLIDE_STEP_SECS) {
            conn.execute(
                "UPDATE sessions SET expires_at = ?2 WHERE token_hash = ?1",
                rusqlite::params![hash, slid.to_rfc3339()],
            )?;
        }
    }
    Ok(Some(user_id))
}

/// Ends every session of `user_id` (sign out everywhere); returns how many there were.
pub fn delete_all_of(conn: &Connection, user_id: i64) -> Result<usize, ApiError> {
    Ok(conn.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])?)
}

/// Ends the session `token` names.
pub fn delete(conn: &Connection, token: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        [token_hash(token)],
    )?;
    Ok(())
}

/// The session token in the request's cookies, if any.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && value.len() == 64)
        .map(|(_, value)| value.to_owned())
}

/// The cookie's `Secure` attribute when the client came over HTTPS (as a trusted proxy says).
fn secure(https: bool) -> &'static str {
    if https {
        "; Secure"
    } else {
        ""
    }
}

/// The `Set-Cookie` value that hands `token` to the browser (it may keep it for the lifetime;
/// the server ends the session earlier when it sits idle).
pub fn cookie(token: &str, policy: &SessionPolicy, https: bool) -> String {
    format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}",
        policy.lifetime.num_seconds(),
        secure(https)
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie(https: bool) -> String {
    format!(
        "{COOKIE_NAME}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0{}",
        secure(https)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: SessionPolicy = SessionPolicy {
        idle: Duration::hours(2),
        lifetime: Duration::hours(12),
    };

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL,
                                    created_at TEXT NOT NULL, expires_at TEXT NOT NULL)",
        )
        .unwrap();
        conn
    }

    fn at(hours: f64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-01T08:00:00Z")
            .unwrap()
            .to_utc()
            + Duration::seconds((hours * 3600.0) as i64)
    }

    #[test]
    fn an_idle_session_ends() {
        let conn = db();
        let token = create_at(&conn, 7, &POLICY, at(0.0)).unwrap();
        assert_eq!(
            user_of_at(&conn, &token, &POLICY, at(1.9)).unwrap(),
            Some(7)
        );
        // Used at 1.9 h: idle until 3.9 h.
        assert_eq!(
            user_of_at(&conn, &token, &POLICY, at(3.8)).unwrap(),
            Some(7)
        );
        assert_eq!(user_of_at(&conn, &token, &POLICY, at(5.9)).unwrap(), None);
    }

    #[test]
    fn an_active_session_ends_at_its_lifetime() {
        let conn = db();
        let token = create_at(&conn, 7, &POLICY, at(0.0)).unwrap();
        for hour in 1..=11 {
            let now = at(f64::from(hour));
            assert_eq!(
                user_of_at(&conn, &token, &POLICY, now).unwrap(),
                Some(7),
                "{hour}"
            );
        }
        assert_eq!(user_of_at(&conn, &token, &POLICY, at(12.01)).unwrap(), None);
    }

    #[test]
    fn signing_out_everywhere_ends_only_that_users_sessions() {
        let conn = db();
        let now = Utc::now();
        let a = create_at(&conn, 7, &POLICY, now).unwrap();
        let b = create_at(&conn, 7, &POLICY, now).unwrap();
        let other = create_at(&conn, 8, &POLICY, now).unwrap();
        assert_eq!(delete_all_of(&conn, 7).unwrap(), 2);
        assert_eq!(user_of(&conn, &a, &POLICY).unwrap(), None);
        assert_eq!(user_of(&conn, &b, &POLICY).unwrap(), None);
        assert_eq!(user_of(&conn, &other, &POLICY).unwrap(), Some(8));
    }

    #[test]
    fn the_cookie_is_secure_only_over_https() {
        assert!(cookie("t", &POLICY, true).ends_with("; Max-Age=43200; Secure"));
        assert!(!cookie("t", &POLICY, false).contains("Secure"));
        assert!(cleared_cookie(true).contains("Max-Age=0; Secure"));
    }
}
