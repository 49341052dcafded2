//! What every request handler can reach.

use crate::db::Db;

/// Shared state of the running server.
#[derive(Clone)]
pub struct AppState {
    /// The SQLite database.
    pub db: Db,
}
