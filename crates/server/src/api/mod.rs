//! The JSON API under `/api/v1`: one module per resource.

mod adoption;
mod appeals;
mod certificate_status;
mod certificates;
mod driver;
mod error;
mod feedback;
mod health;
mod session;
mod trust_list;
mod verifications;

use axum::extract::DefaultBodyLimit;
use axum::Router;

use crate::state::AppState;

pub use error::ApiError;

/// Largest request body the API reads, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Every API route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(health::routes())
        .merge(session::routes())
        .merge(trust_list::routes())
        .merge(certificate_status::routes())
        .merge(verifications::routes())
        .merge(appeals::routes())
        .merge(feedback::routes())
        .merge(certificates::routes())
        .merge(driver::routes())
        .merge(adoption::routes())
        .fallback(|| async { ApiError::NotFound })
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}
