//! Server-side sessions: a random token in an HttpOnly cookie, only its hash in the database.

use axum::http::header::COOKIE;
use axum::http::HeaderMap;
use chrono::{Duration, Utc};
use rand::RngCore;
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::api::ApiError;

/// Name of the session cookie.
pub const COOKIE_NAME: &str = "cp_session";
/// How long a session lasts, in hours.
const LIFETIME_HOURS: i64 = 12;

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Starts a session for `user_id` and returns its secret token.
pub fn create(conn: &Connection, user_id: i64) -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let now = Utc::now();
    conn.execute(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        rusqlite::params![
            token_hash(&token),
            user_id,
            now.to_rfc3339(),
            (now + Duration::hours(LIFETIME_HOURS)).to_rfc3339()
        ],
    )?;
    Ok(token)
}

/// The user of an unexpired session, if `token` names one.
pub fn user_of(conn: &Connection, token: &str) -> Result<Option<i64>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT user_id FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
            rusqlite::params![token_hash(token), Utc::now().to_rfc3339()],
            |row| row.get(0),
        )
        .optional()?)
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

/// The `Set-Cookie` value that hands `token` to the browser.
pub fn cookie(token: &str) -> String {
    format!(
        "{COOKIE_NAME}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
        LIFETIME_HOURS * 3600
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie() -> String {
    format!("{COOKIE_NAME}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}
