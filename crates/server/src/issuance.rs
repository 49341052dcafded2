//! Issuing certificates (电子牌下发) from approved filings: reading the filing, building and
//! signing the claims, storing the certificate, revoking it. No HTTP here; `api::certificates`
//! and `api::driver` call these.

use charterpass_core::certificate::{CharterData, Claims};
use charterpass_core::division;
use charterpass_core::filing::CharterKind;
use charterpass_core::issuance::{CertificateState, IssuedCertificate, PaperPlate};
use charterpass_core::scope::{self, cst, GoLive, PaperOnlyReason};
use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{params, Connection, OptionalExtension};

use crate::api::ApiError;
use crate::keys::KeyStore;
use crate::store::dates::parsed;

/// The timestamp format of the `certificates` table (UTC, as the status route compares it).
pub const DB_TIME: &str = "%Y-%m-%dT%H:%M:%SZ";

/// What a certificate or paper plate needs from a filing and its enterprise.
#[derive(Debug, Clone)]
pub struct FilingFacts {
    /// Row id.
    pub id: i64,
    /// 备案编号.
    pub number: String,
    /// The filing enterprise.
    pub enterprise_id: i64,
    /// Whether it is approved (automatically or by a reviewer).
    pub approved: bool,
    /// 包车类型.
    pub charter_kind: Option<CharterKind>,
    /// 车牌号.
    pub plate: String,
    /// 核定座位数.
    pub seats: u32,
    /// 企业名称.
    pub enterprise_name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 起点.
    pub origin: String,
    /// 讫点.
    pub destination: String,
    /// 途经地.
    pub waypoints: Vec<String>,
    /// 出发时间.
    pub departure_at: DateTime<FixedOffset>,
    /// 返程时间.
    pub return_at: DateTime<FixedOffset>,
    /// 驾驶员 names, in registration order.
    pub drivers: Vec<String>,
}

impl FilingFacts {
    /// Every place: origin, waypoints, destination.
    pub fn places(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.origin.as_str())
            .chain(self.waypoints.iter().map(String::as_str))
            .chain(std::iter::once(self.destination.as_str()))
    }

    /// Why this trip gets only the paper plate at `now`, or `None` when it may be issued.
    pub fn paper_only_reason(
        &self,
        now: DateTime<Utc>,
        go_live: GoLive,
    ) -> Option<PaperOnlyReason> {
        scope::e_certificate_available(self.places(), &now, go_live).err()
    }

    /// The route in words, e.g. `昆明市 → 贵阳市 → 成都市`.
    pub fn route(&self) -> String {
        self.places()
            .map(place_name)
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// The claims of the certificate `number`, valid from departure to return.
    pub fn claims(&self, province: &str, number: &str, now: DateTime<Utc>) -> Claims {
        Claims {
            iss: province.to_owned(),
            iat: now.timestamp(),
            nbf: self.departure_at.timestamp(),
            exp: self.return_at.timestamp(),
            charter: CharterData {
                certificate_number: number.to_owned(),
                filing_number: self.number.clone(),
                plate: self.plate.clone(),
                seats: u16::try_from(self.seats).unwrap_or(u16::MAX),
                enterprise_name: self.enterprise_name.clone(),
                credit_code: self.credit_code.clone(),
                origin: self.origin.clone(),
                destination: self.destination.clone(),
                waypoints: self.waypoints.clone(),
                trip_start: self.departure_at.timestamp(),
                trip_end: self.return_at.timestamp(),
                drivers: self.drivers.clone(),
            },
        }
    }
}

/// A place's name, or its code when unknown.
pub fn place_name(code: &str) -> String {
    division::name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

/// Reads filing `id` with its vehicle and enterprise; `None` when there is none.
pub fn filing_facts(conn: &Connection, id: i64) -> Result<Option<FilingFacts>, ApiError> {
    let row = conn
        .query_row(
            "SELECT f.id, f.number, f.enterprise_id, f.prefecture_code, f.status, f.charter_kind,
                    v.plate, v.seats, e.name, e.credit_code, f.origin, f.destination, f.waypoints,
                    f.departure_at, f.return_at
             FROM filings f
             JOIN enterprises e ON e.id = f.enterprise_id
             LEFT JOIN vehicles v ON v.id = f.vehicle_id
             WHERE f.id = ?1",
            [id],
            |row| {
                Ok((
                    (
                        row.get::<_, i64>(0)?,
                        row.get::<_, Option<String>>(1)?,
                        row.get::<_, i64>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, String>(4)?,
                        row.get::<_, Option<String>>(5)?,
                    ),
                    (
                        row.get::<_, Option<String>>(6)?,
                        row.get::<_, Option<u32>>(7)?,
                        row.get::<_, String>(8)?,
                        row.get::<_, String>(9)?,
                    ),
                    (
                        row.get::<_, Option<String>>(10)?,
                        row.get::<_, Option<String>>(11)?,
                        row.get::<_, Option<String>>(12)?,
                        row.get::<_, Option<String>>(13)?,
                        row.get::<_, Option<String>>(14)?,
                    ),
                ))
            },
        )
        .optional()?;
    let Some((head, vehicle, trip)) = row else {
        return Ok(None);
    };
    let (id, number, enterprise_id, _prefecture, status, kind) = head;
    let (plate, seats, enterprise_name, credit_code) = vehicle;
    let (origin, destination, waypoints, departure_at, return_at) = trip;
    let incomplete = || ApiError::Conflict("备案信息不完整，无法生成包车牌".to_owned());
    let time = |text: Option<String>| text.as_deref().and_then(parse_time).ok_or_else(incomplete);
    let waypoints = match waypoints.as_deref().map(str::trim) {
        None | Some("") => Vec::new(),
        Some(json) => serde_json::from_str(json).map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    Ok(Some(FilingFacts {
        id,
        number: number.ok_or_else(incomplete)?,
        enterprise_id,
        approved: status == "approved" || status == "auto_approved",
        charter_kind: kind.as_deref().and_then(CharterKind::parse),
        plate: plate.ok_or_else(incomplete)?,
        seats: seats.ok_or_else(incomplete)?,
        enterprise_name,
        credit_code,
        origin: origin.ok_or_else(incomplete)?,
        destination: destination.ok_or_else(incomplete)?,
        waypoints,
        departure_at: time(departure_at)?,
        return_at: time(return_at)?,
        drivers: driver_names(conn, id)?,
    }))
}

/// Parses a stored time: RFC 3339, or `YYYY-MM-DD HH:MM:SS` taken as CST.
fn parse_time(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at);
    }
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S")
        .ok()
        .and_then(|naive| naive.and_local_timezone(cst()).single())
}

/// The names of filing `id`'s drivers.
pub fn driver_names(conn: &Connection, filing_id: i64) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare(
        "SELECT d.name FROM filing_drivers fd JOIN drivers d ON d.id = fd.driver_id
         WHERE fd.filing_id = ?1 ORDER BY fd.position, d.id",
    )?;
    let names = stmt
        .query_map([filing_id], |row| row.get(0))?
        .collect::<Result<Vec<String>, _>>()?;
    Ok(names)
}

/// The printable paper plate of an approved filing.
pub fn paper_plate(facts: &FilingFacts, now: DateTime<Utc>, go_live: GoLive) -> PaperPlate {
    PaperPlate {
        filing_number: facts.number.clone(),
        plate: facts.plate.clone(),
        seats: facts.seats,
        enterprise_name: facts.enterprise_name.clone(),
        credit_code: facts.credit_code.clone(),
        charter_kind: facts
            .charter_kind
            .map(|k| k.label().to_owned())
            .unwrap_or_default(),
        origin: place_name(&facts.origin),
        destination: place_name(&facts.destination),
        waypoints: facts.waypoints.iter().map(|w| place_name(w)).collect(),
        departure_at: facts.departure_at.with_timezone(&cst()).to_rfc3339(),
        return_at: facts.return_at.with_timezone(&cst()).to_rfc3339(),
        drivers: facts.drivers.clone(),
        paper_only_reason: facts.paper_only_reason(now, go_live).map(|r| r.to_string()),
    }
}

const CERTIFICATE_COLUMNS: &str =
    "number, filing_id, text, status, issued_at, not_before, not_after, revoked_reason";

fn certificate_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<IssuedCertificate> {
    Ok(IssuedCertificate {
        number: row.get(0)?,
        filing_id: row.get(1)?,
        text: row.get(2)?,
        state: parsed(row, 3, CertificateState::parse)?,
        issued_at: row.get(4)?,
        not_before: row.get(5)?,
        not_after: row.get(6)?,
        revoked_reason: row.get(7)?,
    })
}

/// The filing's active certificate, else its latest one, if any was issued.
pub fn certificate_of_filing(
    conn: &Connection,
    filing_id: i64,
) -> Result<Option<IssuedCertificate>, ApiError> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE filing_id = ?1
                 ORDER BY status = 'active' DESC, id DESC LIMIT 1"
            ),
            [filing_id],
            certificate_from_row,
        )
        .optional()?;
    Ok(found)
}

/// The certificate numbered `number`, with its filing's enterprise.
pub fn certificate_by_number(
    conn: &Connection,
    number: &str,
) -> Result<Option<(IssuedCertificate, Option<i64>)>, ApiError> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {CERTIFICATE_COLUMNS}, (SELECT enterprise_id FROM filings f WHERE f.id = c.filing_id)
                 FROM certificates c WHERE number = ?1"
            ),
            [number],
            |row| Ok((certificate_from_row(row)?, row.get(8)?)),
        )
        .optional()?;
    Ok(found)
}

/// Why an approved filing got no certificate.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    /// Out of scope or before go-live: only the paper plate.
    #[error("{0}")]
    PaperOnly(PaperOnlyReason),
    /// The filing is not approved.
    #[error("备案尚未审核通过，不能下发电子凭证")]
    NotApproved,
    /// Storing or signing failed.
    #[error("{0}")]
    Api(#[from] ApiError),
}

impl From<rusqlite::Error> for IssueError {
    fn from(err: rusqlite::Error) -> IssueError {
        IssueError::Api(err.into())
    }
}

impl From<IssueError> for ApiError {
    fn from(err: IssueError) -> ApiError {
        match err {
            IssueError::PaperOnly(reason) => ApiError::Conflict(reason.to_string()),
            IssueError::NotApproved => ApiError::Conflict(err.to_string()),
            IssueError::Api(api) => api,
        }
    }
}

/// Issues the filing's certificate, or returns the active one; `true` when newly issued.
pub fn issue(
    conn: &mut Connection,
    keys: &KeyStore,
    facts: &FilingFacts,
    now: DateTime<Utc>,
    go_live: GoLive,
) -> Result<(IssuedCertificate, bool), IssueError> {
    if !facts.approved {
        return Err(IssueError::NotApproved);
    }
    if let Some(reason) = facts.paper_only_reason(now, go_live) {
        return Err(IssueError::PaperOnly(reason));
    }
    let tx = conn.transaction()?;
    if let Some(active) =
        certificate_of_filing(&tx, facts.id)?.filter(|c| c.state == CertificateState::Active)
    {
        return Ok((active, false));
    }
    let sequence: i64 = tx.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM certificates",
        [],
        |row| row.get(0),
    )?;
    let number = format!(
        "BC{}{}{sequence:06}",
        keys.province(),
        now.with_timezone(&cst()).format("%Y%m%d")
    );
    let claims = facts.claims(keys.province(), &number, now);
    let text = keys
        .sign(&claims)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let kid = keys
        .signer(keys.province())
        .map(|k| k.entry.kid.to_string())
        .unwrap_or_default();
    let utc = |at: DateTime<FixedOffset>| at.with_timezone(&Utc).format(DB_TIME).to_string();
    tx.execute(
        "INSERT INTO certificates (number, filing_id, issuer_province, kid, text, status, issued_at, not_before, not_after)
         VALUES (?1, ?2, ?3, ?4, ?5, 'active', ?6, ?7, ?8)",
        params![
            number,
            facts.id,
            keys.province(),
            kid,
            text,
            now.format(DB_TIME).to_string(),
            utc(facts.departure_at),
            utc(facts.return_at),
        ],
    )?;
    let issued = certificate_of_filing(&tx, facts.id)?
        .ok_or_else(|| ApiError::Internal("certificate vanished".into()))?;
    tx.commit()?;
    Ok((issued, true))
}

/// Revokes an active certificate with `reason`; `false` when it was not active.
pub fn revoke(
    conn: &Connection,
    number: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let changed = conn.execute(
        "UPDATE certificates SET status = 'revoked', revoked_reason = ?2, revoked_at = ?3
         WHERE number = ?1 AND status = 'active'",
        params![number, reason, now.format(DB_TIME).to_string()],
    )?;
    Ok(changed == 1)
}

/// Reason recorded when a certificate falls with its cancelled filing.
pub const FILING_CANCELLED: &str = "备案已撤销";

/// Revokes the filing's active certificate, if any; `false` when there was none.
pub fn revoke_of_filing(
    conn: &Connection,
    filing_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, ApiError> {
    let changed = conn.execute(
        "UPDATE certificates SET status = 'revoked', revoked_reason = ?2, revoked_at = ?3
         WHERE filing_id = ?1 AND status = 'active'",
        params![filing_id, reason, now.format(DB_TIME).to_string()],
    )?;
    Ok(changed == 1)
}

/// The claims inside a stored certificate text (signed by us, so not verified again).
pub fn decode_claims(text: &str) -> Result<Claims, ApiError> {
    use charterpass_core::certificate::{cose, text as bc_text, zlib, PREFIX};
    let broken = |e: charterpass_core::certificate::VerifyError| {
        ApiError::Internal(format!("stored certificate unreadable: {}", e.message()))
    };
    let base45 = bc_text::strip_prefix(text, PREFIX).map_err(broken)?;
    let compressed = bc_text::base45_decode(base45).map_err(broken)?;
    let message = zlib::inflate(&compressed).map_err(broken)?;
    let sign1 = cose::parse_sign1(&message).map_err(broken)?;
    Claims::from_payload(&sign1.payload).map_err(broken)
}
