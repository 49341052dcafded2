//! `GET /health`: the server is up, its database answers, and which version it runs.
//! `503` when the database does not answer within two seconds (a load balancer's probe).

use std::time::Duration;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::session::Health;

use crate::api::ApiError;
use crate::state::AppState;

/// How long the database may take to answer the probe.
const DB_DEADLINE: Duration = Duration::from_secs(2);

/// The health route.
pub fn routes() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    let probe = state.db.call(|conn| {
        // A read through the schema: the file is there, readable and migrated.
        let migrations: i64 =
            conn.query_row("SELECT COUNT(*) FROM schema_migrations", [], |row| {
                row.get(0)
            })?;
        Ok(migrations)
    });
    match tokio::time::timeout(DB_DEADLINE, probe).await {
        Ok(Ok(migrations)) if migrations > 0 => Ok(Json(Health {
            status: "ok".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        })),
        Ok(Ok(_)) => Err(ApiError::Unavailable("database has no schema".into())),
        Ok(Err(err)) => Err(ApiError::Unavailable(err.to_string())),
        Err(_) => Err(ApiError::Unavailable(
            "database did not answer in time".into(),
        )),
    }
}
