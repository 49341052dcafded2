//! `GET /certificates/{number}/status`: a certificate's online status (在线状态核验).
//!
//! Public on purpose: the number is printed on the certificate the driver shows, and the answer
//! (valid / revoked / ended / unknown) carries no personal data. Inspectors of other provinces
//! and the page without a session need it as well.

use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::verification::{is_certificate_number, CertificateStatus, OnlineStatus};
use rusqlite::{Connection, OptionalExtension};

use crate::api::ApiError;
use crate::state::AppState;

/// The certificate-status route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/certificates/{number}/status", get(status))
}

async fn status(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> Result<Json<CertificateStatus>, ApiError> {
    if !is_certificate_number(&number) {
        return Err(ApiError::invalid("number", "凭证编号格式不正确"));
    }
    let now = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    state
        .db
        .call(move |conn| Ok(Json(status_of(conn, &number, &now)?)))
        .await
}

/// The status of certificate `number` at `now` (RFC 3339 UTC, same format as the table).
pub fn status_of(
    conn: &Connection,
    number: &str,
    now: &str,
) -> Result<CertificateStatus, ApiError> {
    let row = conn
        .query_row(
            "SELECT status, revoked_reason, not_after FROM certificates WHERE number = ?1",
            [number],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let (status, revoked_reason) = match row {
        None => (OnlineStatus::Unknown, None),
        Some((status, reason, _)) if status == "revoked" => (OnlineStatus::Revoked, reason),
        Some((status, _, _)) if status == "ended" => (OnlineStatus::Ended, None),
        Some((_, _, not_after)) if not_after.as_str() < now => (OnlineStatus::Ended, None),
        Some(_) => (OnlineStatus::Valid, None),
    };
    Ok(CertificateStatus {
        number: number.to_owned(),
        status,
        revoked_reason,
    })
}
