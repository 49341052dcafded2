//! `GET /adoption`: adoption by prefecture (推广应用情况), for the administrator.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::division;
use charterpass_core::issuance::{Adoption, AdoptionRow, RecognisedProvince};
use charterpass_core::role::Role;
use charterpass_core::scope::trip_in_scope;
use rusqlite::Connection;

use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The adoption route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/adoption", get(adoption))
}

async fn adoption(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Adoption>, ApiError> {
    user.require(Role::Admin)?;
    state.db.call(|conn| Ok(Json(figures(conn)?))).await
}

fn empty_row(code: &str, name: &str) -> AdoptionRow {
    AdoptionRow {
        prefecture_code: code.to_owned(),
        prefecture_name: name.to_owned(),
        approved_filings: 0,
        in_scope_filings: 0,
        electronic: 0,
        paper: 0,
        certificates_issued: 0,
        verifications: 0,
        appeals: 0,
    }
}

/// Counts `sql`'s `(prefecture_code, count)` rows into `rows` with `add`.
fn count_into(
    conn: &Connection,
    rows: &mut BTreeMap<String, AdoptionRow>,
    sql: &str,
    add: fn(&mut AdoptionRow, u32),
) -> Result<(), ApiError> {
    let mut stmt = conn.prepare(sql)?;
    let counts = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
    })?;
    for count in counts {
        let (code, n) = count?;
        let row = rows
            .entry(code.clone())
            .or_insert_with(|| empty_row(&code, division::name(&code).unwrap_or(&code)));
        add(row, n);
    }
    Ok(())
}

/// Every Yunnan prefecture's figures and the total.
fn figures(conn: &Connection) -> Result<Adoption, ApiError> {
    let mut rows: BTreeMap<String, AdoptionRow> = division::province("530000")
        .map(|yunnan| {
            yunnan
                .prefectures()
                .map(|p| (p.code().to_owned(), empty_row(p.code(), p.name())))
                .collect()
        })
        .unwrap_or_default();

    let mut stmt = conn.prepare(
        "SELECT f.prefecture_code, f.origin, f.destination, f.waypoints,
                EXISTS(SELECT 1 FROM certificates c WHERE c.filing_id = f.id AND c.status <> 'revoked')
         FROM filings f WHERE f.status IN ('approved', 'auto_approved')",
    )?;
    let filings = stmt.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<String>>(1)?.unwrap_or_default(),
            row.get::<_, Option<String>>(2)?.unwrap_or_default(),
            row.get::<_, Option<String>>(3)?.unwrap_or_default(),
            row.get::<_, bool>(4)?,
        ))
    })?;
    for filing in filings {
        let (code, origin, destination, waypoints, electronic) = filing?;
        let waypoints: Vec<String> = serde_json::from_str(&waypoints).unwrap_or_default();
        let row = rows
            .entry(code.clone())
            .or_insert_with(|| empty_row(&code, division::name(&code).unwrap_or(&code)));
        row.approved_filings += 1;
        row.in_scope_filings += u32::from(trip_in_scope(&origin, &destination, &waypoints));
        if electronic {
            row.electronic += 1;
        } else {
            row.paper += 1;
        }
    }
    drop(stmt);

    count_into(
        conn,
        &mut rows,
        "SELECT f.prefecture_code, COUNT(*) FROM certificates c
         JOIN filings f ON f.id = c.filing_id GROUP BY f.prefecture_code",
        |row, n| row.certificates_issued = n,
    )?;
    count_into(
        conn,
        &mut rows,
        "SELECT f.prefecture_code, COUNT(*) FROM verifications v
         JOIN certificates c ON c.number = v.certificate_number
         JOIN filings f ON f.id = c.filing_id GROUP BY f.prefecture_code",
        |row, n| row.verifications = n,
    )?;
    count_into(
        conn,
        &mut rows,
        "SELECT f.prefecture_code, COUNT(*) FROM appeals a
         JOIN verifications v ON v.id = a.verification_id
         JOIN certificates c ON c.number = v.certificate_number
         JOIN filings f ON f.id = c.filing_id GROUP BY f.prefecture_code",
        |row, n| row.appeals = n,
    )?;

    let rows: Vec<AdoptionRow> = rows.into_values().collect();
    let mut total = empty_row("530000", "云南省合计");
    for row in &rows {
        total.approved_filings += row.approved_filings;
        total.in_scope_filings += row.in_scope_filings;
        total.electronic += row.electronic;
        total.paper += row.paper;
        total.certificates_issued += row.certificates_issued;
        total.verifications += row.verifications;
        total.appeals += row.appeals;
    }
    Ok(Adoption {
        rows,
        total,
        recognised: recognised(conn)?,
    })
}

/// Verifications of other provinces' certificates, per issuing province.
fn recognised(conn: &Connection) -> Result<Vec<RecognisedProvince>, ApiError> {
    let mut stmt = conn.prepare(
        "SELECT issuer_province, COUNT(*) FROM verifications
         WHERE issuer_province IS NOT NULL AND issuer_province <> '53'
         GROUP BY issuer_province ORDER BY issuer_province",
    )?;
    let counts = stmt.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
    })?;
    let mut provinces = Vec::new();
    for count in counts {
        let (province, verifications) = count?;
        let province_name = division::name(&format!("{province}0000"))
            .unwrap_or(&province)
            .to_owned();
        provinces.push(RecognisedProvince {
            province,
            province_name,
            verifications,
        });
    }
    Ok(provinces)
}
