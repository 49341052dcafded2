//! Filings in the database: create and edit drafts, read within a jurisdiction, change status.

use charterpass_core::booking::Booking;
use charterpass_core::filing::{CharterKind, FilingInput, FilingStatus};
use charterpass_core::filing_api::{AuditEntity, FilingView, Paged};
use charterpass_core::review::ManualReason;
use charterpass_core::scope::cst;
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use super::{fleet, now_cst};
use crate::api::paging::PageRequest;
use crate::auth::CurrentUser;
use charterpass_core::role::Role;

/// Whose filings a user may see.
#[derive(Debug, Clone)]
pub enum Jurisdiction {
    /// An enterprise operator: its own enterprise's filings, drafts included.
    Enterprise(i64),
    /// A reviewer: submitted filings of its prefecture (drafts stay private to the enterprise).
    Prefecture(String),
}

impl Jurisdiction {
    /// The jurisdiction of `user`, or `None` for roles that see no filings.
    pub fn of(user: &CurrentUser) -> Option<Jurisdiction> {
        match user.role {
            Role::Enterprise => user.enterprise_id.map(Jurisdiction::Enterprise),
            Role::Reviewer => user.prefecture_code.clone().map(Jurisdiction::Prefecture),
            _ => None,
        }
    }

    /// The bound values of the jurisdiction filter: enterprise id, prefecture code, hide drafts.
    fn filter(&self) -> (Option<i64>, Option<&str>, bool) {
        match self {
            Jurisdiction::Enterprise(id) => (Some(*id), None, false),
            Jurisdiction::Prefecture(code) => (None, Some(code.as_str()), true),
        }
    }
}

const COLUMNS: &str = "f.id, f.number, f.status, f.enterprise_id, e.name, f.prefecture_code,
    f.vehicle_id, f.charter_kind, f.origin, f.destination, f.waypoints, f.departure_at,
    f.return_at, f.one_way_km, f.passengers, f.contract_number, f.charterer, f.manual_reasons,
    f.decision_reason, u.display_name, f.created_at, f.updated_at, f.submitted_at, f.decided_at,
    f.emergency";

const FROM: &str = "FROM filings f JOIN enterprises e ON e.id = f.enterprise_id
    LEFT JOIN users u ON u.id = f.reviewer_id
    WHERE (?1 IS NULL OR f.enterprise_id = ?1)
      AND (?2 IS NULL OR f.prefecture_code = ?2)
      AND (?3 = 0 OR f.status <> 'draft')";

fn conversion(col: usize, detail: impl Into<String>) -> rusqlite::Error {
    let detail: String = detail.into();
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, detail.into())
}

fn time(row: &rusqlite::Row<'_>, col: usize) -> rusqlite::Result<Option<DateTime<FixedOffset>>> {
    let text: Option<String> = row.get(col)?;
    text.map(|t| DateTime::parse_from_rfc3339(&t).map_err(|e| conversion(col, e.to_string())))
        .transpose()
}

fn json<T: serde::de::DeserializeOwned>(
    row: &rusqlite::Row<'_>,
    col: usize,
) -> rusqlite::Result<T> {
    let text: String = row.get(col)?;
    serde_json::from_str(&text).map_err(|e| conversion(col, e.to_string()))
}

/// A filing row without its vehicle and drivers, which come from other tables.
fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<FilingView> {
    let status: String = row.get(2)?;
    let kind: Option<String> = row.get(7)?;
    let reasons: Vec<ManualReason> = json(row, 17)?;
    Ok(FilingView {
        id: row.get(0)?,
        number: row.get(1)?,
        status: FilingStatus::parse(&status).ok_or_else(|| conversion(2, status.clone()))?,
        enterprise_id: row.get(3)?,
        enterprise_name: row.get(4)?,
        prefecture_code: row.get(5)?,
        input: FilingInput {
            vehicle_id: row.get(6)?,
            driver_ids: Vec::new(),
            charter_kind: kind.as_deref().and_then(CharterKind::parse),
            origin: row.get(8)?,
            destination: row.get(9)?,
            waypoints: json(row, 10)?,
            departure_at: time(row, 11)?,
            return_at: time(row, 12)?,
            one_way_km: row.get(13)?,
            passengers: row.get(14)?,
            contract_number: row.get(15)?,
            charterer: row.get(16)?,
            emergency: row.get(24)?,
        },
        vehicle: None,
        drivers: Vec::new(),
        manual_reasons: reasons,
        decision_reason: row.get(18)?,
        reviewer_name: row.get(19)?,
        created_at: row.get(20)?,
        updated_at: row.get(21)?,
        submitted_at: row.get(22)?,
        decided_at: row.get(23)?,
    })
}

/// Adds the vehicle and drivers from their tables.
fn complete(conn: &Connection, mut view: FilingView) -> rusqlite::Result<FilingView> {
    if let Some(id) = view.input.vehicle_id {
        view.vehicle = fleet::vehicle(conn, id)?;
    }
    view.drivers = fleet::drivers_of_filing(conn, view.id)?;
    view.input.driver_ids = view.drivers.iter().map(|d| d.id).collect();
    Ok(view)
}

/// Filing `id`, if it lies in `jurisdiction`.
pub fn find(
    conn: &Connection,
    jurisdiction: &Jurisdiction,
    id: i64,
) -> rusqlite::Result<Option<FilingView>> {
    let (enterprise, prefecture, hide_drafts) = jurisdiction.filter();
    let found = conn
        .query_row(
            &format!("SELECT {COLUMNS} {FROM} AND f.id = ?4"),
            params![enterprise, prefecture, hide_drafts, id],
            from_row,
        )
        .optional()?;
    found.map(|view| complete(conn, view)).transpose()
}

/// A page of the filings in `jurisdiction`, newest first, optionally of one status.
pub fn list(
    conn: &Connection,
    jurisdiction: &Jurisdiction,
    status: Option<FilingStatus>,
    page: PageRequest,
) -> rusqlite::Result<Paged<FilingView>> {
    let (enterprise, prefecture, hide_drafts) = jurisdiction.filter();
    let status = status.map(FilingStatus::as_str);
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) {FROM} AND (?4 IS NULL OR f.status = ?4)"),
        params![enterprise, prefecture, hide_drafts, status],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} {FROM} AND (?4 IS NULL OR f.status = ?4)
         ORDER BY f.id DESC LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = stmt.query_map(
        params![
            enterprise,
            prefecture,
            hide_drafts,
            status,
            page.per_page,
            page.offset()
        ],
        from_row,
    )?;
    let mut items = Vec::new();
    for row in rows {
        items.push(complete(conn, row?)?);
    }
    Ok(page.of(items, total))
}

fn rfc3339(at: Option<DateTime<FixedOffset>>) -> Option<String> {
    at.map(|t| t.with_timezone(&cst()).to_rfc3339())
}

fn replace_drivers(conn: &Connection, filing_id: i64, driver_ids: &[i64]) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM filing_drivers WHERE filing_id = ?1",
        [filing_id],
    )?;
    for (position, driver_id) in driver_ids.iter().enumerate() {
        conn.execute(
            "INSERT INTO filing_drivers (filing_id, driver_id, position) VALUES (?1, ?2, ?3)",
            params![filing_id, driver_id, position as i64],
        )?;
    }
    Ok(())
}

/// The next filing number for today (CST): `YN-YYYYMMDD-NNNN`.
fn next_number(conn: &Connection) -> rusqlite::Result<String> {
    let today = chrono::Utc::now().with_timezone(&cst()).format("%Y%m%d");
    let prefix = format!("YN-{today}-");
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM filings WHERE substr(number, 1, 12) = ?1",
        [&prefix],
        |row| row.get(0),
    )?;
    Ok(format!("{prefix}{:04}", count + 1))
}

/// Creates a draft for the operator's enterprise (already checked by `validate_draft`).
pub fn create_draft(
    conn: &mut Connection,
    user_id: i64,
    enterprise_id: i64,
    input: &FilingInput,
) -> rusqlite::Result<i64> {
    let tx = conn.transaction()?;
    let prefecture: String = tx.query_row(
        "SELECT prefecture_code FROM enterprises WHERE id = ?1",
        [enterprise_id],
        |row| row.get(0),
    )?;
    let now = now_cst();
    tx.execute(
        "INSERT INTO filings (number, enterprise_id, prefecture_code, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![next_number(&tx)?, enterprise_id, prefecture, now],
    )?;
    let id = tx.last_insert_rowid();
    write_input(&tx, id, input)?;
    audit::record(
        &tx,
        &Change {
            user_id: Some(user_id),
            entity: AuditEntity::Filing,
            entity_id: id,
            from: None,
            to: FilingStatus::Draft.as_str(),
            reason: None,
            detail: None,
        },
    )?;
    tx.commit()?;
    Ok(id)
}

/// Writes the form into draft `id`; `false` when it is no longer a draft.
pub fn update_draft(conn: &mut Connection, id: i64, input: &FilingInput) -> rusqlite::Result<bool> {
    let tx = conn.transaction()?;
    let is_draft: bool = tx
        .query_row(
            "SELECT status = 'draft' FROM filings WHERE id = ?1",
            [id],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(false);
    if !is_draft {
        return Ok(false);
    }
    write_input(&tx, id, input)?;
    tx.commit()?;
    Ok(true)
}

fn write_input(conn: &Connection, id: i64, input: &FilingInput) -> rusqlite::Result<()> {
    let waypoints = serde_json::to_string(&input.waypoints)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "UPDATE filings SET vehicle_id = ?2, charter_kind = ?3, origin = ?4, destination = ?5,
             waypoints = ?6, departure_at = ?7, return_at = ?8, one_way_km = ?9, passengers = ?10,
             contract_number = ?11, charterer = ?12, updated_at = ?13, emergency = ?14
         WHERE id = ?1",
        params![
            id,
            input.vehicle_id,
            input.charter_kind.map(CharterKind::as_str),
            input.origin.trim(),
            input.destination.trim(),
            waypoints,
            rfc3339(input.departure_at),
            rfc3339(input.return_at),
            input.one_way_km,
            input.passengers,
            input.contract_number.trim(),
            input.charterer.trim(),
            now_cst(),
            input.emergency,
        ],
    )?;
    replace_drivers(conn, id, &input.driver_ids)
}

/// A status change to make, only if the filing is still in `from`.
pub struct Transition<'a> {
    /// The filing.
    pub id: i64,
    /// The status it must have now.
    pub from: FilingStatus,
    /// The status it gets.
    pub to: FilingStatus,
    /// Who; `None` for the system.
    pub user_id: Option<i64>,
    /// A reason, stored on the filing for decisions and in the audit trail.
    pub reason: Option<&'a str>,
}

/// Moves the filing from `from` to `to` with a conditional update and records it; `false` when
/// the filing was no longer in `from` (someone else got there first).
pub fn transition(conn: &Connection, change: &Transition<'_>) -> rusqlite::Result<bool> {
    debug_assert!(change.from.can_become(change.to));
    let now = now_cst();
    let decided = matches!(
        change.to,
        FilingStatus::AutoApproved | FilingStatus::Approved | FilingStatus::Rejected
    );
    let manual = matches!(change.to, FilingStatus::Approved | FilingStatus::Rejected);
    let updated = conn.execute(
        "UPDATE filings SET status = ?3, updated_at = ?4,
             submitted_at = CASE WHEN ?3 = 'submitted' THEN ?4 ELSE submitted_at END,
             decided_at = CASE WHEN ?5 THEN ?4 ELSE decided_at END,
             reviewer_id = CASE WHEN ?6 THEN ?7 ELSE reviewer_id END,
             decision_reason = CASE WHEN ?6 THEN ?8 ELSE decision_reason END
         WHERE id = ?1 AND status = ?2",
        params![
            change.id,
            change.from.as_str(),
            change.to.as_str(),
            now,
            decided,
            manual,
            change.user_id,
            change.reason
        ],
    )?;
    if updated == 0 {
        return Ok(false);
    }
    audit::record(
        conn,
        &Change {
            user_id: change.user_id,
            entity: AuditEntity::Filing,
            entity_id: change.id,
            from: Some(change.from.as_str()),
            to: change.to.as_str(),
            reason: change.reason,
            detail: None,
        },
    )?;
    Ok(true)
}

/// Records why a submitted filing needs manual review.
pub fn set_manual_reasons(
    conn: &Connection,
    id: i64,
    reasons: &[ManualReason],
) -> rusqlite::Result<()> {
    let text = serde_json::to_string(reasons)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "UPDATE filings SET manual_reasons = ?2 WHERE id = ?1",
        params![id, text],
    )?;
    Ok(())
}

/// The trips that hold vehicles and drivers: the enterprise's approved and pending filings other
/// than `except`, for the double-booking rule.
pub fn bookings(
    conn: &Connection,
    enterprise_id: i64,
    except: i64,
) -> rusqlite::Result<Vec<Booking>> {
    let mut stmt = conn.prepare(
        "SELECT id, number, vehicle_id, departure_at, return_at FROM filings
         WHERE enterprise_id = ?1 AND id <> ?2
           AND status IN ('auto_approved', 'approved', 'pending_review')
           AND vehicle_id IS NOT NULL AND departure_at IS NOT NULL AND return_at IS NOT NULL
         ORDER BY departure_at",
    )?;
    let rows = stmt.query_map(params![enterprise_id, except], |row| {
        let id: i64 = row.get(0)?;
        let window = (time(row, 3)?, time(row, 4)?);
        let (Some(departure), Some(back)) = window else {
            return Err(conversion(3, "an active filing without its times"));
        };
        Ok((
            id,
            Booking {
                number: row.get(1)?,
                vehicle_id: row.get(2)?,
                drivers: Vec::new(),
                departure_at: departure.timestamp(),
                return_at: back.timestamp(),
            },
        ))
    })?;
    let mut bookings = Vec::new();
    for row in rows {
        let (id, mut booking) = row?;
        booking.drivers = fleet::drivers_of_filing(conn, id)?
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        bookings.push(booking);
    }
    Ok(bookings)
}
