//! `/session`: sign in (POST), who am I (GET), sign out (DELETE), and sign out everywhere
//! (`POST /session/sign-out-everywhere`). Sign-ins are throttled (`crate::throttle`) and every
//! sign-in, failure, lock-out and sign-out goes to the audit trail (`store::sign_ins`).

use std::time::Instant;

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::post;
use axum::{Json, Router};
use charterpass_core::session::{Credentials, Me, MAX_CREDENTIAL_LEN};

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::{self, Checked, PendingUser};
use crate::proxy::Client;
use crate::state::AppState;
use crate::store::sign_ins::{self, Event};

/// The session routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/session", post(sign_in).get(me).delete(sign_out))
        .route("/session/sign-out-everywhere", post(sign_out_everywhere))
}

async fn sign_in(
    State(state): State<AppState>,
    client: Client,
    JsonBody(credentials): JsonBody<Credentials>,
) -> Result<impl IntoResponse, ApiError> {
    if credentials.username.trim().is_empty() {
        return Err(ApiError::invalid("username", "请输入用户名"));
    }
    if credentials.password.is_empty() {
        return Err(ApiError::invalid("password", "请输入密码"));
    }
    if credentials.username.len() > MAX_CREDENTIAL_LEN
        || credentials.password.len() > MAX_CREDENTIAL_LEN
    {
        return Err(ApiError::BadCredentials);
    }
    let attempt = state
        .ops
        .throttle
        .attempt(&credentials.username, client.address, Instant::now())
        .map_err(|locked| ApiError::TooManyAttempts {
            retry_after_secs: locked.retry_after_secs(),
        })?;
    let lockout = attempt.lockout;
    let policy = state.ops.sessions;
    let outcome = state
        .db
        .call(move |conn| {
            let username = credentials.username.trim();
            let checked = auth::authenticate(conn, username, &credentials.password)?;
            let entry = |event, user_id, detail| sign_ins::Entry {
                event,
                username,
                user_id,
                client_address: client.address,
                detail,
            };
            match checked {
                Checked::Valid(user) => {
                    let token = auth::session::create(conn, user.id, &policy)?;
                    sign_ins::record(conn, &entry(Event::SignedIn, Some(user.id), None))?;
                    Ok(Ok((user, token)))
                }
                Checked::Disabled(user_id) => {
                    let detail = Some("account disabled".to_owned());
                    sign_ins::record(conn, &entry(Event::Failed, Some(user_id), detail))?;
                    Ok(Err(ApiError::AccountDisabled))
                }
                Checked::Wrong(user_id) => {
                    sign_ins::record(conn, &entry(Event::Failed, user_id, None))?;
                    if let Some(lockout) = lockout {
                        let what = if lockout.account {
                            "account"
                        } else {
                            "address"
                        };
                        let detail = format!("{what} locked for {} s", lockout.duration.as_secs());
                        sign_ins::record(conn, &entry(Event::LockedOut, user_id, Some(detail)))?;
                    }
                    Ok(Err(ApiError::BadCredentials))
                }
            }
        })
        .await?;
    let (user, token) = outcome?;
    state.ops.throttle.succeeded(attempt);
    let cookie = auth::session::cookie(&token, &policy, client.https);
    Ok((AppendHeaders([(SET_COOKIE, cookie)]), Json(user.me())))
}

/// Who is signed in: the person, or `null` when nobody is (not an error for the app).
async fn me(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Option<Me>>, ApiError> {
    match auth::user_from_headers(&state, &headers).await {
        Ok(user) => Ok(Json(Some(user.me()))),
        Err(ApiError::Unauthenticated) => Ok(Json(None)),
        Err(err) => Err(err),
    }
}

async fn sign_out(
    State(state): State<AppState>,
    client: Client,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let user = match auth::user_from_headers(&state, &headers).await {
        Ok(user) => Some(user),
        Err(ApiError::Unauthenticated) => None,
        Err(err) => return Err(err),
    };
    if let Some(token) = auth::session::token_from(&headers) {
        state
            .db
            .call(move |conn| {
                auth::session::delete(conn, &token)?;
                if let Some(user) = user {
                    sign_ins::record(
                        conn,
                        &sign_ins::Entry {
                            event: Event::SignedOut,
                            username: &user.username,
                            user_id: Some(user.id),
                            client_address: client.address,
                            detail: None,
                        },
                    )?;
                }
                Ok(())
            })
            .await?;
    }
    Ok((
        AppendHeaders([(SET_COOKIE, auth::session::cleared_cookie(client.https))]),
        StatusCode::NO_CONTENT,
    ))
}

/// Ends every session of the signed-in person, on every device (e.g. after losing a phone).
async fn sign_out_everywhere(
    State(state): State<AppState>,
    client: Client,
    PendingUser(user): PendingUser,
) -> Result<impl IntoResponse, ApiError> {
    state
        .db
        .call(move |conn| {
            let ended = auth::session::delete_all_of(conn, user.id)?;
            sign_ins::record(
                conn,
                &sign_ins::Entry {
                    event: Event::SignedOutEverywhere,
                    username: &user.username,
                    user_id: Some(user.id),
                    client_address: client.address,
                    detail: Some(format!("{ended} sessions ended")),
                },
            )?;
            Ok(())
        })
        .await?;
    Ok((
        AppendHeaders([(SET_COOKIE, auth::session::cleared_cookie(client.https))]),
        StatusCode::NO_CONTENT,
    ))
}
