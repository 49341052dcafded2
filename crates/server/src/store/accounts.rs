//! User accounts: the administrator's list, creating, editing, disabling and re-enabling them,
//! one-time passwords (created, reset, first administrator, a driver's account) and changing one's
//! own password. Every change writes an audit row (entity `account`), never a password.

use charterpass_core::account::{
    check_display_name, check_new_password, check_username, AccountError, AccountSummary,
    AccountUpdate, NewAccount, OneTimePassword, PasswordError, PROVINCIAL_BUREAU,
    REMEMBERED_PASSWORDS,
};
use charterpass_core::division;
use charterpass_core::filing_api::{AuditEntity, Paged};
use charterpass_core::role::Role;
use rusqlite::{params, Connection, OptionalExtension};

use super::audit::{self, Change};
use super::dates::parsed;
use super::now_cst;
use crate::api::paging::PageRequest;
use crate::api::ApiError;
use crate::auth::{one_time, password};

/// Which accounts to list.
#[derive(Debug, Clone, Default)]
pub struct AccountFilter {
    /// Only this role.
    pub role: Option<Role>,
    /// Part of the user name or display name.
    pub search: Option<String>,
}

const SUMMARY_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.enterprise_id, e.name, \
     u.prefecture_code, u.driver_id, u.must_change_password, u.disabled_at";

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountSummary> {
    Ok(AccountSummary {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: parsed(row, 3, Role::parse)?,
        enterprise_id: row.get(4)?,
        enterprise_name: row.get(5)?,
        prefecture_code: row.get(6)?,
        driver_id: row.get(7)?,
        must_change_password: row.get(8)?,
        disabled_at: row.get(9)?,
    })
}

/// A page of accounts, by user name.
pub fn list(
    conn: &Connection,
    filter: &AccountFilter,
    page: PageRequest,
) -> rusqlite::Result<Paged<AccountSummary>> {
    let role = filter.role.map(Role::as_str);
    let search = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{}%", super::like_escape(s)));
    let condition = "(?1 IS NULL OR u.role = ?1)
         AND (?2 IS NULL OR u.username LIKE ?2 ESCAPE '\\' OR u.display_name LIKE ?2 ESCAPE '\\')";
    let total: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM users u WHERE {condition}"),
        params![role, search],
        |row| row.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM users u LEFT JOIN enterprises e ON e.id = u.enterprise_id
         WHERE {condition} ORDER BY u.username LIMIT ?3 OFFSET ?4"
    ))?;
    let items = stmt
        .query_map(
            params![role, search, page.per_page, page.offset()],
            summary_from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(page.of(items, total))
}

/// One account, if it exists.
pub fn find(conn: &Connection, id: i64) -> rusqlite::Result<Option<AccountSummary>> {
    conn.query_row(
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM users u LEFT JOIN enterprises e ON e.id = u.enterprise_id
             WHERE u.id = ?1"
        ),
        [id],
        summary_from_row,
    )
    .optional()
}

/// The state an audit row shows for an account.
fn state(account: &AccountSummary) -> &'static str {
    if account.disabled_at.is_some() {
        "disabled"
    } else if account.must_change_password {
        "one_time_password"
    } else {
        "active"
    }
}

/// How a tie reads in the audit trail.
fn tie_text(account_role: Role, enterprise: Option<&str>, prefecture: Option<&str>) -> String {
    match (account_role, enterprise, prefecture) {
        (_, Some(name), _) => name.to_owned(),
        (_, None, Some(code)) => division::name(code).unwrap_or(code).to_owned(),
        (Role::Inspector, None, None) => PROVINCIAL_BUREAU.to_owned(),
        _ => "—".to_owned(),
    }
}

fn record(
    conn: &Connection,
    actor: Option<i64>,
    id: i64,
    from: Option<&str>,
    to: &str,
    detail: &str,
) -> rusqlite::Result<()> {
    audit::record(
        conn,
        &Change {
            user_id: actor,
            entity: AuditEntity::Account,
            entity_id: id,
            from,
            to,
            reason: None,
            detail: Some(detail),
        },
    )
}

/// An account's checked ties: its enterprise (id and name) and its prefecture code.
type Ties = (Option<(i64, String)>, Option<String>);

/// The checked ties of an account of `role`.
fn check_ties(
    conn: &Connection,
    province: &str,
    role: Role,
    enterprise_id: Option<i64>,
    prefecture_code: Option<&str>,
) -> Result<Ties, ApiError> {
    let prefecture = prefecture_code.map(str::trim).filter(|c| !c.is_empty());
    let in_province =
        |code: &str| division::prefecture(code).is_some_and(|p| p.province().prefix() == province);
    match role {
        Role::Enterprise => {
            let id = enterprise_id.ok_or(ApiError::Account(AccountError::EnterpriseRequired))?;
            let name: Option<String> = conn
                .query_row("SELECT name FROM enterprises WHERE id = ?1", [id], |row| {
                    row.get(0)
                })
                .optional()?;
            let name = name.ok_or(ApiError::Account(AccountError::EnterpriseRequired))?;
            Ok((Some((id, name)), None))
        }
        Role::Reviewer => match prefecture {
            Some(code) if in_province(code) => Ok((None, Some(code.to_owned()))),
            _ => Err(ApiError::Account(AccountError::PrefectureRequired)),
        },
        Role::Inspector => match prefecture {
            None => Ok((None, None)),
            Some(code) if in_province(code) => Ok((None, Some(code.to_owned()))),
            Some(_) => Err(ApiError::Account(AccountError::PrefectureRequired)),
        },
        Role::Admin => Ok((None, None)),
        Role::Driver => Err(ApiError::Account(AccountError::DriverFromEnterprise)),
    }
}

/// Sets a fresh one-time password on account `id` (its history keeps the hash) and returns it.
fn set_one_time_password(conn: &Connection, id: i64) -> rusqlite::Result<String> {
    let secret = one_time::generate();
    store_password(conn, id, &password::hash(&secret), true)?;
    Ok(secret)
}

fn store_password(conn: &Connection, id: i64, hash: &str, one_time: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1",
        params![id, hash, one_time],
    )?;
    conn.execute(
        "INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (?1, ?2, ?3)",
        params![id, hash, now_cst()],
    )?;
    Ok(())
}

fn insert_user(
    conn: &Connection,
    username: &str,
    display_name: &str,
    role: Role,
    enterprise_id: Option<i64>,
    prefecture_code: Option<&str>,
    driver_id: Option<i64>,
) -> Result<i64, ApiError> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM users WHERE username = ?1)",
        [username],
        |row| row.get(0),
    )?;
    if taken {
        return Err(ApiError::Account(AccountError::UsernameTaken));
    }
    conn.execute(
        "INSERT INTO users (username, password_hash, role, display_name, enterprise_id,
                            prefecture_code, driver_id, must_change_password)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)",
        params![
            username,
            password::dummy_hash(),
            role.as_str(),
            display_name,
            enterprise_id,
            prefecture_code,
            driver_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Creates an account with a one-time password, by `actor` (an administrator).
pub fn create(
    conn: &Connection,
    actor: i64,
    province: &str,
    new: &NewAccount,
) -> Result<OneTimePassword, ApiError> {
    let username = new.username.trim();
    check_username(username).map_err(ApiError::Account)?;
    let display_name = new.display_name.trim();
    check_display_name(display_name).map_err(ApiError::Account)?;
    let (enterprise, prefecture) = check_ties(
        conn,
        province,
        new.role,
        new.enterprise_id,
        new.prefecture_code.as_deref(),
    )?;
    let id = insert_user(
        conn,
        username,
        display_name,
        new.role,
        enterprise.as_ref().map(|e| e.0),
        prefecture.as_deref(),
        None,
    )?;
    let secret = set_one_time_password(conn, id)?;
    let tie = tie_text(
        new.role,
        enterprise.as_ref().map(|e| e.1.as_str()),
        prefecture.as_deref(),
    );
    let detail = format!(
        "用户名: {username}\n显示名: {display_name}\n角色: {}\n所属: {tie}",
        new.role.label()
    );
    record(conn, Some(actor), id, None, "one_time_password", &detail)?;
    Ok(OneTimePassword {
        id,
        username: username.to_owned(),
        password: secret,
    })
}

/// Changes an account's display name and ties, by `actor` (an administrator).
pub fn update(
    conn: &Connection,
    actor: i64,
    province: &str,
    id: i64,
    change: &AccountUpdate,
) -> Result<AccountSummary, ApiError> {
    let before = find(conn, id)?.ok_or(ApiError::NotFound)?;
    let display_name = change.display_name.trim();
    check_display_name(display_name).map_err(ApiError::Account)?;
    let (enterprise, prefecture) = if before.role == Role::Driver {
        // A driver's ties are its driver record's, managed by the enterprise.
        (
            before.enterprise_id.zip(before.enterprise_name.clone()),
            None,
        )
    } else {
        check_ties(
            conn,
            province,
            before.role,
            change.enterprise_id,
            change.prefecture_code.as_deref(),
        )?
    };
    conn.execute(
        "UPDATE users SET display_name = ?2, enterprise_id = ?3, prefecture_code = ?4 WHERE id = ?1",
        params![id, display_name, enterprise.as_ref().map(|e| e.0), prefecture],
    )?;
    let mut lines = Vec::new();
    if before.display_name != display_name {
        lines.push(format!("显示名: {} → {display_name}", before.display_name));
    }
    let old_tie = tie_text(
        before.role,
        before.enterprise_name.as_deref(),
        before.prefecture_code.as_deref(),
    );
    let new_tie = tie_text(
        before.role,
        enterprise.as_ref().map(|e| e.1.as_str()),
        prefecture.as_deref(),
    );
    if old_tie != new_tie {
        lines.push(format!("所属: {old_tie} → {new_tie}"));
    }
    if !lines.is_empty() {
        let state = state(&before);
        record(conn, Some(actor), id, Some(state), state, &lines.join("\n"))?;
    }
    find(conn, id)?.ok_or(ApiError::NotFound)
}

/// Disables (`true`) or re-enables account `id`, by `actor`; disabling ends its sessions at once.
/// The last active administrator cannot be disabled, nor can an administrator disable itself.
pub fn set_disabled(
    conn: &Connection,
    actor: i64,
    id: i64,
    disabled: bool,
) -> Result<AccountSummary, ApiError> {
    let before = find(conn, id)?.ok_or(ApiError::NotFound)?;
    if before.disabled_at.is_some() == disabled {
        return Ok(before);
    }
    if disabled && before.role == Role::Admin {
        let others: i64 = conn.query_row(
            "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> ?1",
            [id],
            |row| row.get(0),
        )?;
        if others == 0 {
            return Err(ApiError::Account(AccountError::LastAdmin));
        }
    }
    if disabled && actor == id {
        return Err(ApiError::Account(AccountError::OwnAccount));
    }
    let at = disabled.then(now_cst);
    conn.execute(
        "UPDATE users SET disabled_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    if disabled {
        crate::auth::session::delete_all_of(conn, id)?;
    }
    let after = find(conn, id)?.ok_or(ApiError::NotFound)?;
    let action = if disabled {
        "操作: 停用账号"
    } else {
        "操作: 启用账号"
    };
    record(
        conn,
        Some(actor),
        id,
        Some(state(&before)),
        state(&after),
        action,
    )?;
    Ok(after)
}

/// Gives account `id` a new one-time password, by `actor`; its sessions end.
pub fn reset_password(conn: &Connection, actor: i64, id: i64) -> Result<OneTimePassword, ApiError> {
    let before = find(conn, id)?.ok_or(ApiError::NotFound)?;
    let secret = set_one_time_password(conn, id)?;
    crate::auth::session::delete_all_of(conn, id)?;
    let after = find(conn, id)?.ok_or(ApiError::NotFound)?;
    record(
        conn,
        Some(actor),
        id,
        Some(state(&before)),
        state(&after),
        "操作: 重置密码",
    )?;
    Ok(OneTimePassword {
        id,
        username: before.username,
        password: secret,
    })
}

/// The signed-in person `id` changes their own password, giving the current one.
pub fn change_password(
    conn: &Connection,
    id: i64,
    username: &str,
    current: &str,
    new: &str,
) -> Result<(), ApiError> {
    let hash: String = conn.query_row(
        "SELECT password_hash FROM users WHERE id = ?1",
        [id],
        |row| row.get(0),
    )?;
    if current.len() > charterpass_core::account::MAX_PASSWORD_LEN
        || !password::verify(current, &hash)
    {
        return Err(ApiError::Password(PasswordError::WrongCurrent));
    }
    check_new_password(username, new).map_err(ApiError::Password)?;
    let mut stmt = conn.prepare(
        "SELECT password_hash FROM password_history WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let recent = stmt
        .query_map(params![id, REMEMBERED_PASSWORDS as i64], |row| {
            row.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if std::iter::once(&hash)
        .chain(&recent)
        .any(|old| password::verify(new, old))
    {
        return Err(ApiError::Password(PasswordError::RecentlyUsed));
    }
    let before = find(conn, id)?.ok_or(ApiError::NotFound)?;
    store_password(conn, id, &password::hash(new), false)?;
    let after = find(conn, id)?.ok_or(ApiError::NotFound)?;
    record(
        conn,
        Some(id),
        id,
        Some(state(&before)),
        state(&after),
        "操作: 修改密码",
    )?;
    Ok(())
}

/// Why `first-admin` refuses.
#[derive(Debug, thiserror::Error)]
pub enum FirstAdminError {
    /// An administrator exists already: they create further accounts in the app.
    #[error("an administrator exists already; further accounts are created in the app (账号管理)")]
    AdminExists,
    /// The user name or display name is not acceptable.
    #[error("{0}")]
    Refused(&'static str),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
}

/// Creates the first administrator with a one-time password, only when there is no administrator.
pub fn create_first_admin(
    conn: &Connection,
    username: &str,
    display_name: &str,
) -> Result<OneTimePassword, FirstAdminError> {
    let username = username.trim();
    let display_name = display_name.trim();
    check_username(username).map_err(|e| FirstAdminError::Refused(e.message()))?;
    check_display_name(display_name).map_err(|e| FirstAdminError::Refused(e.message()))?;
    let admins: i64 = conn.query_row(
        "SELECT COUNT(*) FROM users WHERE role = 'admin'",
        [],
        |row| row.get(0),
    )?;
    if admins > 0 {
        return Err(FirstAdminError::AdminExists);
    }
    let id = insert_user(conn, username, display_name, Role::Admin, None, None, None).map_err(
        |err| match err {
            ApiError::Account(e) => FirstAdminError::Refused(e.message()),
            other => FirstAdminError::Refused(Box::leak(other.to_string().into_boxed_str())),
        },
    )?;
    let secret = set_one_time_password(conn, id)?;
    let detail = format!(
        "用户名: {username}\n显示名: {display_name}\n角色: {}\n操作: first-admin",
        Role::Admin.label()
    );
    record(conn, None, id, None, "one_time_password", &detail)?;
    Ok(OneTimePassword {
        id,
        username: username.to_owned(),
        password: secret,
    })
}

/// Enterprise `enterprise_id`'s operator `actor` gives its driver `driver_id` an account;
/// another enterprise's driver is `NotFound`.
pub fn give_driver_account(
    conn: &Connection,
    actor: i64,
    enterprise_id: i64,
    driver_id: i64,
) -> Result<OneTimePassword, ApiError> {
    let (name, retired): (String, bool) = conn
        .query_row(
            "SELECT name, retired_at IS NOT NULL FROM drivers WHERE id = ?1 AND enterprise_id = ?2",
            params![driver_id, enterprise_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?
        .ok_or(ApiError::NotFound)?;
    if retired {
        return Err(ApiError::Conflict(
            "该驾驶员已停用，不能开通账号".to_owned(),
        ));
    }
    let has: bool = conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM users WHERE driver_id = ?1)",
        [driver_id],
        |row| row.get(0),
    )?;
    if has {
        return Err(ApiError::Account(AccountError::DriverHasAccount));
    }
    let mut username = format!("driver{driver_id}");
    let mut suffix = 1;
    while conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM users WHERE username = ?1)",
        [&username],
        |row| row.get::<_, bool>(0),
    )? {
        suffix += 1;
        username = format!("driver{driver_id}-{suffix}");
    }
    let id = insert_user(
        conn,
        &username,
        &name,
        Role::Driver,
        Some(enterprise_id),
        None,
        Some(driver_id),
    )?;
    let secret = set_one_time_password(conn, id)?;
    let detail = format!(
        "用户名: {username}\n显示名: {name}\n角色: {}",
        Role::Driver.label()
    );
    record(conn, Some(actor), id, None, "one_time_password", &detail)?;
    Ok(OneTimePassword {
        id,
        username,
        password: secret,
    })
}
