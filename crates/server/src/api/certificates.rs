//! The plate-printing page's API (包车牌打印): approved filings with their certificates, issuing
//! (电子牌下发), revoking, and the paper plate (纸质标志牌).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use charterpass_core::issuance::{
    check_revocation_reason, CertificateState, IssuedCertificate, PaperPlate, PlateEntry,
    Revocation,
};
use charterpass_core::role::Role;
use charterpass_core::scope::{cst, GoLive};
use charterpass_core::verification::is_certificate_number;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::issuance::{self, FilingFacts};
use crate::state::AppState;

/// The most approved filings the plate-printing page lists.
const MAX_PLATES: i64 = 200;

/// The certificate routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/plates", get(plates))
        .route(
            "/filings/{id}/certificate",
            get(filing_certificate).post(issue),
        )
        .route("/filings/{id}/paper-plate", get(paper_plate))
        .route("/certificates/{number}/revocation", post(revoke))
}

/// Whether `user` may see and act on filings of `enterprise_id`: its own enterprise, or admin.
fn may_manage(user: &CurrentUser, enterprise_id: i64) -> bool {
    match user.role {
        Role::Enterprise => user.enterprise_id == Some(enterprise_id),
        Role::Admin => true,
        _ => false,
    }
}

/// Filing `id` if `user` may manage it; someone else's filing is not found.
fn managed_filing(conn: &Connection, user: &CurrentUser, id: i64) -> Result<FilingFacts, ApiError> {
    if !matches!(user.role, Role::Enterprise | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    let facts = issuance::filing_facts(conn, id)?.ok_or(ApiError::NotFound)?;
    if !may_manage(user, facts.enterprise_id) {
        return Err(ApiError::NotFound);
    }
    Ok(facts)
}

fn plate_entry(
    conn: &Connection,
    facts: &FilingFacts,
    now: DateTime<Utc>,
    go_live: GoLive,
) -> Result<PlateEntry, ApiError> {
    Ok(PlateEntry {
        filing_id: facts.id,
        filing_number: facts.number.clone(),
        plate: facts.plate.clone(),
        route: facts.route(),
        departure_at: facts.departure_at.with_timezone(&cst()).to_rfc3339(),
        return_at: facts.return_at.with_timezone(&cst()).to_rfc3339(),
        paper_only_reason: facts.paper_only_reason(now, go_live).map(|r| r.to_string()),
        certificate: issuance::certificate_of_filing(conn, facts.id)?,
    })
}

/// `GET /plates`: the signed-in enterprise's approved filings, newest departure first.
async fn plates(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<PlateEntry>>, ApiError> {
    user.require(Role::Enterprise)?;
    let enterprise_id = user.enterprise_id.ok_or(ApiError::Forbidden)?;
    let go_live = state.go_live;
    state
        .db
        .call(move |conn| {
            let now = Utc::now();
            let mut stmt = conn.prepare(
                "SELECT id FROM filings
                 WHERE enterprise_id = ?1 AND status IN ('approved', 'auto_approved')
                 ORDER BY departure_at DESC, id DESC LIMIT ?2",
            )?;
            let ids = stmt
                .query_map(rusqlite::params![enterprise_id, MAX_PLATES], |row| {
                    row.get(0)
                })?
                .collect::<Result<Vec<i64>, _>>()?;
            let mut entries = Vec::with_capacity(ids.len());
            for id in ids {
                // A filing approved with incomplete data is skipped rather than failing the page.
                match issuance::filing_facts(conn, id) {
                    Ok(Some(facts)) => entries.push(plate_entry(conn, &facts, now, go_live)?),
                    Ok(None) | Err(ApiError::Conflict(_)) => {}
                    Err(other) => return Err(other),
                }
            }
            Ok(Json(entries))
        })
        .await
}

/// `GET /filings/{id}/certificate`: the filing's certificate, or why only paper.
async fn filing_certificate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<PlateEntry>, ApiError> {
    let go_live = state.go_live;
    state
        .db
        .call(move |conn| {
            let facts = managed_filing(conn, &user, id)?;
            Ok(Json(plate_entry(conn, &facts, Utc::now(), go_live)?))
        })
        .await
}

/// `POST /filings/{id}/certificate`: issues (电子牌下发); 201 when new, 200 with the active one.
async fn issue(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<IssuedCertificate>), ApiError> {
    user.require(Role::Enterprise)?;
    let go_live = state.go_live;
    let keys = state.keys.clone();
    state
        .db
        .call(move |conn| {
            let facts = managed_filing(conn, &user, id)?;
            let (certificate, new) = issuance::issue(conn, &keys, &facts, Utc::now(), go_live)?;
            let status = if new {
                StatusCode::CREATED
            } else {
                StatusCode::OK
            };
            Ok((status, Json(certificate)))
        })
        .await
}

/// `GET /filings/{id}/paper-plate`: the printable plate of an approved filing.
async fn paper_plate(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> Result<Json<PaperPlate>, ApiError> {
    let go_live = state.go_live;
    state
        .db
        .call(move |conn| {
            let facts = managed_filing(conn, &user, id)?;
            if !facts.approved {
                return Err(ApiError::Conflict(
                    "备案尚未审核通过，不能打印包车牌".into(),
                ));
            }
            Ok(Json(issuance::paper_plate(&facts, Utc::now(), go_live)))
        })
        .await
}

/// `POST /certificates/{number}/revocation`: the enterprise (own) or the administrator revokes.
async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
    JsonBody(body): JsonBody<Revocation>,
) -> Result<Json<IssuedCertificate>, ApiError> {
    if !matches!(user.role, Role::Enterprise | Role::Admin) {
        return Err(ApiError::Forbidden);
    }
    if !is_certificate_number(&number) {
        return Err(ApiError::invalid("number", "凭证编号格式不正确"));
    }
    let reason = check_revocation_reason(&body.reason)
        .map_err(|message| ApiError::invalid("reason", message))?
        .to_owned();
    state
        .db
        .call(move |conn| {
            let (certificate, enterprise_id) =
                issuance::certificate_by_number(conn, &number)?.ok_or(ApiError::NotFound)?;
            if !enterprise_id.is_some_and(|e| may_manage(&user, e)) {
                return Err(ApiError::NotFound);
            }
            if certificate.state != CertificateState::Active {
                return Err(ApiError::Conflict(format!(
                    "该电子凭证{}，不能撤销",
                    certificate.state.label()
                )));
            }
            issuance::revoke(conn, &number, &reason, Utc::now())?;
            let (revoked, _) =
                issuance::certificate_by_number(conn, &number)?.ok_or(ApiError::NotFound)?;
            Ok(Json(revoked))
        })
        .await
}
