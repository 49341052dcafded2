//! The driver's phone (驾驶员): trips waiting to be received (待接收包车任务), confirming one
//! (确认接收), and the current unfinished trip's certificate (亮证亮码). A driver sees only the
//! certificates of filings that name it.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use charterpass_core::issuance::DriverCertificate;
use charterpass_core::role::Role;
use charterpass_core::verification::is_certificate_number;
use chrono::Utc;
use rusqlite::{params, Connection};

use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::issuance::{self, DB_TIME};
use crate::state::AppState;

/// The most tasks listed at once.
const MAX_TASKS: i64 = 50;

/// The driver routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/driver/tasks", get(tasks))
        .route(
            "/driver/tasks/{certificate_number}/acceptance",
            post(accept),
        )
        .route("/driver/certificate", get(current))
}

/// The driver record of a signed-in driver.
fn driver_id(user: &CurrentUser) -> Result<i64, ApiError> {
    user.require(Role::Driver)?;
    user.driver_id.ok_or(ApiError::Forbidden)
}

/// Active, unfinished certificates of filings naming `driver`; `accepted` filters on receipt.
const DRIVER_CERTIFICATES: &str = "
    SELECT c.id, c.number, c.text,
           EXISTS(SELECT 1 FROM certificate_receipts r WHERE r.certificate_id = c.id AND r.driver_id = ?1)
    FROM certificates c
    JOIN filing_drivers fd ON fd.filing_id = c.filing_id AND fd.driver_id = ?1
    WHERE c.status = 'active' AND c.not_after >= ?2";

fn driver_certificate(
    number: String,
    text: String,
    accepted: bool,
) -> Result<DriverCertificate, ApiError> {
    let claims = issuance::decode_claims(&text)?;
    Ok(DriverCertificate {
        number,
        text,
        charter: claims.charter,
        nbf: claims.nbf,
        exp: claims.exp,
        accepted,
    })
}

fn query(
    conn: &Connection,
    sql: &str,
    driver: i64,
    extra: &dyn rusqlite::ToSql,
) -> Result<Vec<(i64, DriverCertificate)>, ApiError> {
    let now = Utc::now().format(DB_TIME).to_string();
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt
        .query_map(params![driver, now, extra], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, bool>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, number, text, accepted)| Ok((id, driver_certificate(number, text, accepted)?)))
        .collect()
}

/// `GET /driver/tasks`: issued certificates this driver has not yet received.
async fn tasks(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<DriverCertificate>>, ApiError> {
    let driver = driver_id(&user)?;
    state
        .db
        .call(move |conn| {
            let sql = format!(
                "{DRIVER_CERTIFICATES} AND NOT EXISTS(SELECT 1 FROM certificate_receipts r
                     WHERE r.certificate_id = c.id AND r.driver_id = ?1)
                 ORDER BY c.not_before, c.id LIMIT ?3"
            );
            let found = query(conn, &sql, driver, &MAX_TASKS)?;
            Ok(Json(found.into_iter().map(|(_, c)| c).collect()))
        })
        .await
}

/// `POST /driver/tasks/{number}/acceptance`: confirms receipt (确认接收); repeating is harmless.
async fn accept(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
) -> Result<Json<DriverCertificate>, ApiError> {
    let driver = driver_id(&user)?;
    if !is_certificate_number(&number) {
        return Err(ApiError::invalid(
            "certificate_number",
            "凭证编号格式不正确",
        ));
    }
    state
        .db
        .call(move |conn| {
            let sql = format!("{DRIVER_CERTIFICATES} AND c.number = ?3");
            let (id, mut certificate) = query(conn, &sql, driver, &number)?
                .into_iter()
                .next()
                .ok_or(ApiError::NotFound)?;
            conn.execute(
                "INSERT OR IGNORE INTO certificate_receipts (certificate_id, driver_id, accepted_at)
                 VALUES (?1, ?2, ?3)",
                params![id, driver, Utc::now().format(DB_TIME).to_string()],
            )?;
            certificate.accepted = true;
            Ok(Json(certificate))
        })
        .await
}

/// `GET /driver/certificate`: the received certificate of the current unfinished trip, or null.
async fn current(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Option<DriverCertificate>>, ApiError> {
    let driver = driver_id(&user)?;
    state
        .db
        .call(move |conn| {
            let sql = format!(
                "{DRIVER_CERTIFICATES} AND EXISTS(SELECT 1 FROM certificate_receipts r
                     WHERE r.certificate_id = c.id AND r.driver_id = ?1)
                 ORDER BY c.not_after, c.id LIMIT ?3"
            );
            let found = query(conn, &sql, driver, &1_i64)?;
            Ok(Json(found.into_iter().next().map(|(_, c)| c)))
        })
        .await
}
