//! What every request handler can reach.

use std::sync::Arc;

use crate::db::Db;
use crate::keys::KeyStore;

/// Shared state of the running server.
#[derive(Clone)]
pub struct AppState {
    /// The SQLite database.
    pub db: Db,
    /// The issuing keys (the trust list is derived from them).
    pub keys: Arc<KeyStore>,
    /// When the electronic certificate goes live (启用时间).
    pub go_live: charterpass_core::scope::GoLive,
    /// The root-certified list-signing key; `None` until `root certify` has been run.
    pub list_signer: Option<Arc<crate::trust::signer::ListSigner>>,
    /// The combined trust list as last served, reused while its inputs are unchanged.
    pub served_list: Arc<crate::trust::served::ServedList>,
    /// Production pieces: trusted proxies, session expiry, sign-in throttle.
    pub ops: Arc<crate::ops::Ops>,
}
