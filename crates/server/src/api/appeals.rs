//! `/appeals` (申诉核验): an inspector appeals against one of their verifications; the
//! administrator lists the appeals and resolves each once.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use charterpass_core::role::Role;
use charterpass_core::verification::{
    bounded_text, Appeal, AppealStatus, NewAppeal, Outcome, Resolution, TextError, MAX_APPEAL_TEXT,
};
use rusqlite::{Connection, OptionalExtension};
use serde::Deserialize;

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The appeal routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/appeals", get(list).post(lodge))
        .route("/appeals/{id}/resolution", post(resolve))
}

/// Most appeals one listing returns.
const LIST_LIMIT: i64 = 200;

/// A checked free text, or the invalid-field error for `field`.
fn text(field: &str, value: &str) -> Result<String, ApiError> {
    match bounded_text(value, MAX_APPEAL_TEXT) {
        Ok(text) => Ok(text.to_owned()),
        Err(TextError::Empty) => Err(ApiError::invalid(field, "请填写内容")),
        Err(TextError::TooLong(max)) => {
            Err(ApiError::invalid(field, format!("内容不能超过 {max} 个字")))
        }
    }
}

async fn lodge(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(new): JsonBody<NewAppeal>,
) -> Result<(StatusCode, Json<Appeal>), ApiError> {
    user.require(Role::Inspector)?;
    let reason = text("reason", &new.reason)?;
    let appeal = state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let inspector: Option<Option<i64>> = tx
                .query_row(
                    "SELECT inspector_id FROM verifications WHERE id = ?1",
                    [new.verification_id],
                    |row| row.get(0),
                )
                .optional()?;
            match inspector {
                None => return Err(ApiError::NotFound),
                Some(Some(id)) if id == user.id => {}
                Some(_) => return Err(ApiError::Forbidden),
            }
            let open: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM appeals WHERE verification_id = ?1 AND status = 'open')",
                [new.verification_id],
                |row| row.get(0),
            )?;
            if open {
                return Err(ApiError::Conflict("该核验记录已有待处理的申诉".into()));
            }
            let id: i64 = tx.query_row(
                "INSERT INTO appeals (verification_id, lodged_by, reason) VALUES (?1, ?2, ?3)
                 RETURNING id",
                rusqlite::params![new.verification_id, user.id, reason],
                |row| row.get(0),
            )?;
            let appeal = one(&tx, id)?;
            tx.commit()?;
            Ok(appeal)
        })
        .await?;
    Ok((StatusCode::CREATED, Json(appeal)))
}

/// Filter of the appeal list.
#[derive(Debug, Deserialize)]
struct ListQuery {
    /// `open` or `resolved`; both when absent.
    status: Option<AppealStatus>,
}

/// The administrator sees every appeal; an inspector sees their own.
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<Appeal>>, ApiError> {
    let lodged_by = match user.role {
        Role::Admin => None,
        Role::Inspector => Some(user.id),
        _ => return Err(ApiError::Forbidden),
    };
    let status = query.status.map(status_str);
    state
        .db
        .call(move |conn| {
            let mut stmt = conn.prepare(&format!(
                "{SELECT_APPEAL}
                 WHERE (?1 IS NULL OR a.lodged_by = ?1) AND (?2 IS NULL OR a.status = ?2)
                 ORDER BY a.id DESC LIMIT ?3"
            ))?;
            let rows = stmt.query_map(
                rusqlite::params![lodged_by, status, LIST_LIMIT],
                appeal_from_row,
            )?;
            Ok(Json(rows.collect::<Result<Vec<_>, _>>()?))
        })
        .await
}

async fn resolve(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(resolution): JsonBody<Resolution>,
) -> Result<Json<Appeal>, ApiError> {
    user.require(Role::Admin)?;
    let resolution = text("resolution", &resolution.resolution)?;
    state
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let status: Option<String> = tx
                .query_row("SELECT status FROM appeals WHERE id = ?1", [id], |row| {
                    row.get(0)
                })
                .optional()?;
            match status.as_deref() {
                None => return Err(ApiError::NotFound),
                Some("open") => {}
                Some(_) => return Err(ApiError::Conflict("该申诉已处理".into())),
            }
            tx.execute(
                "UPDATE appeals SET status = 'resolved', resolution = ?1, resolved_by = ?2,
                     resolved_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                 WHERE id = ?3 AND status = 'open'",
                rusqlite::params![resolution, user.id, id],
            )?;
            let appeal = one(&tx, id)?;
            tx.commit()?;
            Ok(Json(appeal))
        })
        .await
}

const SELECT_APPEAL: &str = "SELECT a.id, a.verification_id, v.certificate_number, v.outcome,
        l.display_name, a.reason, a.status, a.resolution, r.display_name, a.created_at,
        a.resolved_at
     FROM appeals a
     JOIN verifications v ON v.id = a.verification_id
     JOIN users l ON l.id = a.lodged_by
     LEFT JOIN users r ON r.id = a.resolved_by";

fn one(conn: &Connection, id: i64) -> Result<Appeal, ApiError> {
    Ok(conn.query_row(
        &format!("{SELECT_APPEAL} WHERE a.id = ?1"),
        [id],
        appeal_from_row,
    )?)
}

fn status_str(status: AppealStatus) -> &'static str {
    match status {
        AppealStatus::Open => "open",
        AppealStatus::Resolved => "resolved",
    }
}

fn appeal_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Appeal> {
    let outcome: String = row.get(3)?;
    let status: String = row.get(6)?;
    Ok(Appeal {
        id: row.get(0)?,
        verification_id: row.get(1)?,
        certificate_number: row.get(2)?,
        outcome: if outcome == "valid" {
            Outcome::Valid
        } else {
            Outcome::Invalid
        },
        lodged_by: row.get(4)?,
        reason: row.get(5)?,
        status: if status == "resolved" {
            AppealStatus::Resolved
        } else {
            AppealStatus::Open
        },
        resolution: row.get(7)?,
        resolved_by: row.get(8)?,
        created_at: row.get(9)?,
        resolved_at: row.get(10)?,
    })
}
