//! `POST /verifications`: the inspector's page records each verification it made (核验记录).
//!
//! The outcome is computed in the browser with `core`; the server cannot re-check it (it has no
//! certificate text) and only validates and stores the fields. Inspectors only.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use charterpass_core::division;
use charterpass_core::role::Role;
use charterpass_core::verification::{
    is_certificate_number, is_step_code, NewVerification, Outcome, Verification,
};

use crate::api::json::JsonBody;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;

/// The verification-log route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/verifications", post(record))
}

/// Checks every field of a new verification.
fn check(new: &NewVerification) -> Result<(), ApiError> {
    if let Some(number) = &new.certificate_number {
        if !is_certificate_number(number) {
            return Err(ApiError::invalid(
                "certificate_number",
                "凭证编号格式不正确",
            ));
        }
    }
    if let Some(province) = &new.issuer_province {
        let known = province.len() == 2
            && province.bytes().all(|b| b.is_ascii_digit())
            && division::province(&format!("{province}0000")).is_some();
        if !known {
            return Err(ApiError::invalid("issuer_province", "签发省份代码不正确"));
        }
    }
    match (new.outcome, &new.step) {
        (Outcome::Valid, Some(_)) => {
            return Err(ApiError::invalid("step", "核验通过时不应有失败步骤"))
        }
        (Outcome::Invalid, None) => return Err(ApiError::invalid("step", "请注明失败的核验步骤")),
        (Outcome::Invalid, Some(step)) if !is_step_code(step) => {
            return Err(ApiError::invalid("step", "未知的核验步骤"))
        }
        _ => {}
    }
    if let Some(code) = &new.prefecture_code {
        if division::prefecture(code).is_none() {
            return Err(ApiError::invalid("prefecture_code", "州/市代码不正确"));
        }
    }
    Ok(())
}

async fn record(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(new): JsonBody<NewVerification>,
) -> Result<(StatusCode, Json<Verification>), ApiError> {
    user.require(Role::Inspector)?;
    check(&new)?;
    let prefecture = new.prefecture_code.clone().or(user.prefecture_code.clone());
    let verification = state
        .db
        .call(move |conn| {
            let (id, at) = conn.query_row(
                "INSERT INTO verifications
                     (inspector_id, certificate_number, issuer_province, outcome, step,
                      online_status, prefecture_code)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 RETURNING id, at",
                rusqlite::params![
                    user.id,
                    new.certificate_number,
                    new.issuer_province,
                    outcome_str(new.outcome),
                    new.step,
                    new.online_status.map(|s| s.as_str()),
                    prefecture,
                ],
                |row| Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?)),
            )?;
            Ok(Verification {
                id,
                at,
                inspector_id: Some(user.id),
                certificate_number: new.certificate_number,
                issuer_province: new.issuer_province,
                outcome: new.outcome,
                step: new.step,
                online_status: new.online_status,
                prefecture_code: prefecture,
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(verification)))
}

/// The stored name of an outcome.
pub fn outcome_str(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Valid => "valid",
        Outcome::Invalid => "invalid",
    }
}
