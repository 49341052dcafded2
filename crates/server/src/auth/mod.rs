//! Who is calling: password checks, sessions, and the signed-in user of a request.

pub mod one_time;
pub mod password;
pub mod session;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use charterpass_core::role::Role;
use charterpass_core::session::Me;
use rusqlite::{Connection, OptionalExtension};

use crate::api::ApiError;
use crate::state::AppState;
use crate::store::dates::parsed;

/// The signed-in user of a request; extracting it answers 401 when there is none.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The user's row id.
    pub id: i64,
    /// The account's user name.
    pub username: String,
    /// The name shown to people.
    pub display_name: String,
    /// What the user may do.
    pub role: Role,
    /// The enterprise of an enterprise operator or driver.
    pub enterprise_id: Option<i64>,
    /// The prefecture of a reviewer.
    pub prefecture_code: Option<String>,
    /// The driver record of a driver.
    pub driver_id: Option<i64>,
    /// The account still holds a one-time password: it may only change it and sign out.
    pub must_change_password: bool,
}

impl CurrentUser {
    /// Fails with 403 unless the user has `role`.
    pub fn require(&self, role: Role) -> Result<(), ApiError> {
        if self.role == role {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The user as the API shows it.
    pub fn me(&self) -> Me {
        Me {
            username: self.username.clone(),
            display_name: self.display_name.clone(),
            role: self.role,
            enterprise_id: self.enterprise_id,
            prefecture_code: self.prefecture_code.clone(),
            must_change_password: self.must_change_password,
        }
    }
}

/// Whether an account is out of service: disabled, or the account of a retired driver (who
/// drives for the enterprise no more, until it is returned to service).
macro_rules! out_of_service {
    () => {
        "(users.disabled_at IS NOT NULL OR EXISTS (SELECT 1 FROM drivers d \
         WHERE d.id = users.driver_id AND d.retired_at IS NOT NULL))"
    };
}
const OUT_OF_SERVICE: &str = out_of_service!();

const USER_COLUMNS: &str = concat!(
    "id, username, display_name, role, enterprise_id, prefecture_code, driver_id, \
     must_change_password, ",
    out_of_service!()
);

fn user_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CurrentUser> {
    Ok(CurrentUser {
        id: row.get(0)?,
        username: row.get(1)?,
        display_name: row.get(2)?,
        role: parsed(row, 3, Role::parse)?,
        enterprise_id: row.get(4)?,
        prefecture_code: row.get(5)?,
        driver_id: row.get(6)?,
        must_change_password: row.get(7)?,
    })
}

/// What a password check found.
pub enum Checked {
    /// The password is the user's.
    Valid(CurrentUser),
    /// The password is right but the account is disabled (of the user with this id).
    Disabled(i64),
    /// Wrong password (of the user with this id) or unknown user name (`None`).
    Wrong(Option<i64>),
}

/// Checks a user name and password; the same work is done whether or not the user exists.
pub fn authenticate(
    conn: &Connection,
    username: &str,
    password: &str,
) -> Result<Checked, ApiError> {
    let found = conn
        .query_row(
            &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = ?1"),
            [username],
            |row| {
                Ok((
                    user_from_row(row)?,
                    row.get::<_, bool>(8)?,
                    row.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?;
    Ok(match found {
        Some((user, true, hash)) if password::verify(password, &hash) => Checked::Disabled(user.id),
        Some((user, false, hash)) if password::verify(password, &hash) => Checked::Valid(user),
        Some((user, _, _)) => Checked::Wrong(Some(user.id)),
        None => {
            password::verify(password, password::dummy_hash());
            Checked::Wrong(None)
        }
    })
}

/// The user whose session cookie `headers` carry, even one who must still change the password;
/// `Unauthenticated` when there is none or the account is disabled.
pub async fn user_from_headers(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<CurrentUser, ApiError> {
    let token = session::token_from(headers).ok_or(ApiError::Unauthenticated)?;
    let policy = state.ops.sessions;
    state
        .db
        .call(move |conn| {
            let user_id =
                session::user_of(conn, &token, &policy)?.ok_or(ApiError::Unauthenticated)?;
            conn.query_row(
                &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1 AND NOT {OUT_OF_SERVICE}"),
                [user_id],
                user_from_row,
            )
            .optional()?
            .ok_or(ApiError::Unauthenticated)
        })
        .await
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let user = user_from_headers(state, &parts.headers).await?;
        if user.must_change_password {
            return Err(ApiError::PasswordChangeRequired);
        }
        Ok(user)
    }
}

/// The signed-in user of a request even while the account holds a one-time password: for the
/// few routes such an account may use (change the password, sign out everywhere).
#[derive(Debug, Clone)]
pub struct PendingUser(pub CurrentUser);

impl FromRequestParts<AppState> for PendingUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        user_from_headers(state, &parts.headers)
            .await
            .map(PendingUser)
    }
}
