//! The SQLite database: opening, migrations, and running queries off the async threads.

mod migrations;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::api::ApiError;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "charterpass.sqlite";

/// A handle to the one database connection, shared by all requests.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The data folder could not be created or protected.
    #[error("data folder {0}: {1}")]
    Folder(String, std::io::Error),
    /// SQLite refused to open or migrate the file.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl Db {
    /// Opens (creating if needed) the database in `data_dir`, in WAL mode, fully migrated.
    pub fn open(data_dir: &Path) -> Result<Db, OpenError> {
        create_private_dir(data_dir)
            .map_err(|e| OpenError::Folder(data_dir.display().to_string(), e))?;
        let mut conn = Connection::open(data_dir.join(DB_FILE))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::apply(&mut conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut guard)
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?
    }

    /// Runs `f` with the connection on the current thread (start-up and CLI only).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut guard = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

/// Creates `dir` if needed, readable by its owner only.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}
