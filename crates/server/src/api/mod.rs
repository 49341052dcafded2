//! The JSON API under `/api/v1`: one module per resource.

mod accounts;
mod adoption;
mod appeals;
mod audit;
mod certificate_status;
mod certificates;
mod driver;
mod enterprises;
mod error;
mod feedback;
mod filings;
mod fleet;
mod fleet_register;
mod health;
mod import;
pub(crate) mod json;
mod master_data;
pub(crate) mod paging;
mod review;
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
        .merge(accounts::routes())
        .merge(trust_list::routes())
        .merge(filings::routes())
        .merge(review::routes())
        .merge(fleet::routes())
        .merge(fleet_register::routes())
        .merge(enterprises::routes())
        .merge(audit::routes())
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
