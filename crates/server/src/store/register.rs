//! A register of master data — enterprises, vehicles, drivers — and what each of them does
//! alike: registration, editing, taking out of service and bulk import, every change audited
//! with the fields before and after, each in one transaction.

use charterpass_core::filing_api::AuditEntity;
use charterpass_core::master_data::import::{Checked, ImportReport, RowError};
use rusqlite::Connection;

use super::audit::{self, Change};
use crate::api::ApiError;

/// The audit state of a row in service.
const ACTIVE: &str = "active";
/// The audit reason of a change made by a file.
const IMPORTED: &str = "批量导入";

/// One kind of master data as the store keeps it.
pub trait Register {
    /// A checked form or file row.
    type Fields;
    /// A stored row as the API shows it.
    type Record;
    /// Whose rows these are: an enterprise's id for its fleet, `()` for enterprises.
    type Owner: Copy;
    /// What the audit log calls the rows.
    const ENTITY: AuditEntity;
    /// The audit state of a row out of service (`retired`, `disabled`).
    const OUT_OF_SERVICE: &'static str;
    /// 409's words when the row already is out of service, and when it already is in service.
    const ALREADY: [&'static str; 2];
    /// The JSON key of the field a row is known by (plate, identity number, credit code).
    const KEY: &'static str;

    /// The Chinese column of `field`.
    fn label(field: &str) -> &'static str;
    /// Row `id` if it is `owner`'s.
    fn find(
        conn: &Connection,
        owner: Self::Owner,
        id: i64,
    ) -> rusqlite::Result<Option<Self::Record>>;
    /// The id of a record.
    fn id(record: &Self::Record) -> i64;
    /// Whether a record is out of service.
    fn is_out_of_service(record: &Self::Record) -> bool;
    /// The row holding `fields`' key, and whether it is `owner`'s.
    fn by_key(
        conn: &Connection,
        owner: Self::Owner,
        fields: &Self::Fields,
    ) -> rusqlite::Result<Option<(bool, Self::Record)>>;
    /// 409's words for a key registered already, to `owner` (`own`) or to someone else.
    fn taken(fields: &Self::Fields, own: bool) -> String;
    /// Stores a new row of `owner`'s; its id.
    fn insert(
        conn: &Connection,
        owner: Self::Owner,
        fields: &Self::Fields,
    ) -> rusqlite::Result<i64>;
    /// Overwrites row `id` with `fields`.
    fn write(conn: &Connection, id: i64, fields: &Self::Fields) -> rusqlite::Result<()>;
    /// Takes row `id` out of service, or returns it.
    fn set_out_of_service(conn: &Connection, id: i64, out: bool) -> rusqlite::Result<()>;
    /// The audit detail of `after` over `before` (none before: a registration); `None` when
    /// nothing changes.
    fn change(before: Option<&Self::Record>, after: &Self::Fields) -> Option<String>;
    /// What else a registration records (an enterprise's permission granted with it).
    fn registered(
        _conn: &Connection,
        _user_id: i64,
        _id: i64,
        _fields: &Self::Fields,
    ) -> rusqlite::Result<()> {
        Ok(())
    }
}

/// Registers a row of `owner`'s; 409 when its key is registered already.
pub fn create<R: Register>(
    conn: &mut Connection,
    user_id: i64,
    owner: R::Owner,
    fields: &R::Fields,
) -> Result<R::Record, ApiError> {
    let tx = conn.transaction()?;
    if let Some((own, _)) = R::by_key(&tx, owner, fields)? {
        return Err(ApiError::Conflict(R::taken(fields, own)));
    }
    let id = R::insert(&tx, owner, fields)?;
    let detail = R::change(None, fields);
    record::<R>(&tx, user_id, id, None, ACTIVE, None, detail.as_deref())?;
    R::registered(&tx, user_id, id, fields)?;
    let record = R::find(&tx, owner, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Edits row `id` of `owner`'s (404 for anyone else's); 409 when the new key is another row's.
pub fn update<R: Register>(
    conn: &mut Connection,
    user_id: i64,
    owner: R::Owner,
    id: i64,
    fields: &R::Fields,
) -> Result<R::Record, ApiError> {
    let tx = conn.transaction()?;
    let before = R::find(&tx, owner, id)?.ok_or(ApiError::NotFound)?;
    if let Some((own, other)) = R::by_key(&tx, owner, fields)? {
        if R::id(&other) != id {
            return Err(ApiError::Conflict(R::taken(fields, own)));
        }
    }
    R::write(&tx, id, fields)?;
    if let Some(detail) = R::change(Some(&before), fields) {
        let state = state::<R>(R::is_out_of_service(&before));
        record::<R>(&tx, user_id, id, Some(state), state, None, Some(&detail))?;
    }
    let record = R::find(&tx, owner, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Takes row `id` of `owner`'s out of service (or returns it), audited with `reason`; 409 when
/// it already is so.
pub fn set_out_of_service<R: Register>(
    conn: &mut Connection,
    user_id: i64,
    owner: R::Owner,
    id: i64,
    out: bool,
    reason: Option<&str>,
) -> Result<R::Record, ApiError> {
    let tx = conn.transaction()?;
    let before = R::find(&tx, owner, id)?.ok_or(ApiError::NotFound)?;
    if R::is_out_of_service(&before) == out {
        let message = R::ALREADY[usize::from(!out)];
        return Err(ApiError::Conflict(message.into()));
    }
    R::set_out_of_service(&tx, id, out)?;
    let (from, to) = (state::<R>(!out), state::<R>(out));
    record::<R>(&tx, user_id, id, Some(from), to, reason, None)?;
    let record = R::find(&tx, owner, id)?.ok_or(ApiError::NotFound)?;
    tx.commit()?;
    Ok(record)
}

/// Stores a checked file in one transaction, each row matched by its key: a new key is
/// registered, a key of `owner`'s updated (rows out of service stay so), a key of someone
/// else's is a bad row. Nothing is stored while any row is bad, unless `only_good`.
pub fn import<R: Register>(
    conn: &mut Connection,
    user_id: i64,
    owner: R::Owner,
    checked: Checked<R::Fields>,
    only_good: bool,
) -> Result<ImportReport, ApiError> {
    let tx = conn.transaction()?;
    let mut errors = checked.errors;
    let mut rows = Vec::with_capacity(checked.good.len());
    for (row, fields) in checked.good {
        match R::by_key(&tx, owner, &fields)? {
            Some((false, _)) => errors.push(RowError {
                row,
                field: R::KEY.into(),
                column: R::label(R::KEY).into(),
                message: R::taken(&fields, false),
            }),
            existing => rows.push((existing.map(|(_, record)| record), fields)),
        }
    }
    errors.sort_by_key(|e| e.row);
    let mut report = ImportReport {
        rows: checked.rows,
        imported: false,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: checked.rows - rows.len(),
        errors,
    };
    if !report.errors.is_empty() && !only_good {
        return Ok(report);
    }
    for (existing, fields) in rows {
        let Some(before) = existing else {
            let id = R::insert(&tx, owner, &fields)?;
            let detail = R::change(None, &fields);
            record::<R>(
                &tx,
                user_id,
                id,
                None,
                ACTIVE,
                Some(IMPORTED),
                detail.as_deref(),
            )?;
            report.created += 1;
            continue;
        };
        let Some(detail) = R::change(Some(&before), &fields) else {
            report.unchanged += 1;
            continue;
        };
        let id = R::id(&before);
        R::write(&tx, id, &fields)?;
        let state = state::<R>(R::is_out_of_service(&before));
        record::<R>(
            &tx,
            user_id,
            id,
            Some(state),
            state,
            Some(IMPORTED),
            Some(&detail),
        )?;
        report.updated += 1;
    }
    tx.commit()?;
    report.imported = true;
    Ok(report)
}

/// The audit state of a row out of service or in it.
fn state<R: Register>(out: bool) -> &'static str {
    if out {
        R::OUT_OF_SERVICE
    } else {
        ACTIVE
    }
}

/// Writes the audit row of a change of row `id` by `user_id`.
fn record<R: Register>(
    conn: &Connection,
    user_id: i64,
    id: i64,
    from: Option<&str>,
    to: &str,
    reason: Option<&str>,
    detail: Option<&str>,
) -> rusqlite::Result<()> {
    audit::record(
        conn,
        &Change {
            user_id: Some(user_id),
            entity: R::ENTITY,
            entity_id: id,
            from,
            to,
            reason,
            detail,
        },
    )
}
