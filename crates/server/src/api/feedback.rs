//! `/feedback` (问题反馈): enterprise operators and drivers report problems; the administrator
//! reads them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::role::Role;
use charterpass_core::verification::{
    bounded_text, Feedback, NewFeedback, TextError, MAX_FEEDBACK_TEXT,
};

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The feedback routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/feedback", get(list).post(submit))
}

/// Most reports one listing returns.
const LIST_LIMIT: i64 = 200;

async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(new): JsonBody<NewFeedback>,
) -> Result<(StatusCode, Json<Feedback>), ApiError> {
    if !matches!(user.role, Role::Enterprise | Role::Driver) {
        return Err(ApiError::Forbidden);
    }
    let text = match bounded_text(&new.text, MAX_FEEDBACK_TEXT) {
        Ok(text) => text.to_owned(),
        Err(TextError::Empty) => return Err(ApiError::invalid("text", "请填写反馈内容")),
        Err(TextError::TooLong(max)) => {
            return Err(ApiError::invalid(
                "text",
                format!("反馈内容不能超过 {max} 个字"),
            ))
        }
    };
    let feedback = state
        .db
        .call(move |conn| {
            let (id, created_at) = conn.query_row(
                "INSERT INTO feedback (user_id, role, text) VALUES (?1, ?2, ?3)
                 RETURNING id, created_at",
                rusqlite::params![user.id, user.role.as_str(), text],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
            )?;
            Ok(Feedback {
                id,
                author: user.display_name,
                role: user.role,
                text,
                created_at,
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(feedback)))
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
) -> Result<Json<Vec<Feedback>>, ApiError> {
    user.require(Role::Admin)?;
    state
        .db
        .call(|conn| {
            let mut stmt = conn.prepare(
                "SELECT f.id, u.display_name, f.role, f.text, f.created_at
                 FROM feedback f JOIN users u ON u.id = f.user_id
                 ORDER BY f.id DESC LIMIT ?1",
            )?;
            let rows = stmt.query_map([LIST_LIMIT], |row| {
                let role: String = row.get(2)?;
                Ok(Feedback {
                    id: row.get(0)?,
                    author: row.get(1)?,
                    role: Role::parse(&role).unwrap_or(Role::Driver),
                    text: row.get(3)?,
                    created_at: row.get(4)?,
                })
            })?;
            Ok(Json(rows.collect::<Result<Vec<_>, _>>()?))
        })
        .await
}
