//! Signing in and out, and asking who is signed in.

use charterpass_core::session::{Credentials, Me};

use super::ApiError;

/// Signs in; the server sets the session cookie.
pub async fn sign_in(credentials: &Credentials) -> Result<Me, ApiError> {
    super::send("POST", "/session", credentials).await
}

/// The signed-in person, or `None` when nobody is.
pub async fn me() -> Result<Option<Me>, ApiError> {
    super::get("/session").await
}

/// Signs out.
pub async fn sign_out() -> Result<(), ApiError> {
    super::delete("/session").await
}

/// Ends every session of the signed-in person, on every device.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    super::post_empty("/session/sign-out-everywhere").await
}
