//! `/session`: sign in (POST), who am I (GET), sign out (DELETE).

use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::HeaderMap;
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::post;
use axum::{Json, Router};
use charterpass_core::session::{Credentials, Me, MAX_CREDENTIAL_LEN};

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth;
use crate::state::AppState;

/// The session routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/session", post(sign_in).get(me).delete(sign_out))
}

async fn sign_in(
    State(state): State<AppState>,
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
    let (user, token) = state
        .db
        .call(move |conn| {
            let user =
                auth::authenticate(conn, credentials.username.trim(), &credentials.password)?;
            let token = auth::session::create(conn, user.id)?;
            Ok((user, token))
        })
        .await?;
    let cookie = auth::session::cookie(&token);
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
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    if let Some(token) = auth::session::token_from(&headers) {
        state
            .db
            .call(move |conn| auth::session::delete(conn, &token))
            .await?;
    }
    Ok((
        AppendHeaders([(SET_COOKIE, auth::session::cleared_cookie())]),
        axum::http::StatusCode::NO_CONTENT,
    ))
}
