//! `charterpass backup` and `charterpass restore`: a consistent copy of the live database, taken
//! with SQLite's online backup while the server keeps serving, plus the key folder's public
//! files; and bringing such a copy back after checking it. Private keys are never in a backup
//! (they are kept offline, `docs/operations.md`); the backup names them so they can be found.
//!
//! A backup is one SQLite file: the database as it was when the copy began, and two extra tables,
//! `charterpass_backup_manifest` (what, when, which version) and `charterpass_backup_key_files`
//! (the public key files, and the names of the private ones with no content).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::config::DataArgs;
use crate::db::DB_FILE;

/// Settings of `charterpass backup`.
#[derive(Args, Clone, Debug)]
pub struct BackupArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The backup file to write; must not exist yet.
    #[arg(long)]
    pub to: PathBuf,
}

/// Settings of `charterpass restore`.
#[derive(Args, Clone, Debug)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The backup file to bring back.
    #[arg(long)]
    pub from: PathBuf,
    /// Replace an existing database (stop the server first).
    #[arg(long)]
    pub force: bool,
}

/// Why a backup or restore failed.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// No database to back up.
    #[error("没有数据库：{0}")]
    NoDatabase(PathBuf),
    /// The backup file is already there.
    #[error("备份文件已存在：{0}")]
    Exists(PathBuf),
    /// Restoring would replace a database, and `--force` was not given.
    #[error("数据库已存在：{0}（停止服务后加 --force 覆盖）")]
    WouldOverwrite(PathBuf),
    /// The file is no charterpass backup, or is damaged.
    #[error("不是有效的备份文件：{0}")]
    NotABackup(String),
    /// Reading or writing a file failed.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// SQLite failed.
    #[error("数据库错误：{0}")]
    Sqlite(#[from] rusqlite::Error),
}

const MANIFEST: &str = "charterpass_backup_manifest";
const KEY_FILES: &str = "charterpass_backup_key_files";

/// Runs `charterpass backup`: prints one JSON line describing the copy.
pub fn run_backup(args: &BackupArgs) -> Result<(), BackupError> {
    let summary = backup(&args.data.data_dir, &args.to)?;
    println!("{summary}");
    Ok(())
}

/// Runs `charterpass restore`: prints one JSON line describing what came back.
pub fn run_restore(args: &RestoreArgs) -> Result<(), BackupError> {
    let summary = restore(&args.from, &args.data.data_dir, args.force)?;
    println!("{summary}");
    Ok(())
}

/// Copies the database of `data_dir` and its public key files into the new file `to`.
pub fn backup(data_dir: &Path, to: &Path) -> Result<serde_json::Value, BackupError> {
    let source_path = data_dir.join(DB_FILE);
    if !source_path.is_file() {
        return Err(BackupError::NoDatabase(source_path));
    }
    if to.exists() {
        return Err(BackupError::Exists(to.to_owned()));
    }
    let partial = to.with_extension("partial");
    let _ = fs::remove_file(&partial);
    // Read-write without create, like the server's own connection (a read-only one cannot
    // always join a WAL database); only read here.
    let source = Connection::open_with_flags(
        &source_path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    source.busy_timeout(Duration::from_secs(10))?;
    let mut copy = Connection::open(&partial)?;
    // Personal data: owner-only, like the data folder.
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&partial, fs::Permissions::from_mode(0o600))
            .map_err(|e| BackupError::Io(partial.clone(), e))?;
    }
    {
        // All pages in one step: one read transaction, so the copy is the database as of one
        // moment (in WAL mode the server's writers carry on meanwhile).
        let backup = Backup::new(&source, &mut copy)?;
        copy_all(&backup)?;
    }
    drop(source);
    // One self-contained file.
    copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    let key_files = read_key_files(&data_dir.join("keys"))?;
    let tx = copy.transaction()?;
    tx.execute_batch(&format!(
        "CREATE TABLE {MANIFEST} (key TEXT PRIMARY KEY, value TEXT NOT NULL);
         CREATE TABLE {KEY_FILES} (name TEXT PRIMARY KEY, private INTEGER NOT NULL, content BLOB);"
    ))?;
    for (key, value) in [
        ("format", "charterpass-backup-1".to_owned()),
        ("version", env!("CARGO_PKG_VERSION").to_owned()),
        ("created_at", crate::store::now_cst()),
    ] {
        tx.execute(
            &format!("INSERT INTO {MANIFEST} (key, value) VALUES (?1, ?2)"),
            params![key, value],
        )?;
    }
    for file in &key_files {
        tx.execute(
            &format!("INSERT INTO {KEY_FILES} (name, private, content) VALUES (?1, ?2, ?3)"),
            params![
                file.name,
                file.private,
                (!file.private).then_some(&file.content)
            ],
        )?;
    }
    tx.commit()?;
    check_integrity(&copy)?;
    let counts = counts(&copy)?;
    drop(copy);
    fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::Io(partial.clone(), e))?;
    fs::rename(&partial, to).map_err(|e| BackupError::Io(to.to_owned(), e))?;
    Ok(serde_json::json!({
        "backup": to,
        "bytes": fs::metadata(to).map(|m| m.len()).unwrap_or(0),
        "rows": counts,
        "public_key_files": key_files.iter().filter(|f| !f.private).map(|f| &f.name).collect::<Vec<_>>(),
        "private_keys_not_included": key_files.iter().filter(|f| f.private).map(|f| &f.name).collect::<Vec<_>>(),
    }))
}

/// Brings the backup `from` back into `data_dir`, after checking it.
pub fn restore(
    from: &Path,
    data_dir: &Path,
    force: bool,
) -> Result<serde_json::Value, BackupError> {
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| BackupError::NotABackup(e.to_string()))?;
    check_integrity(&source)?;
    let format: Option<String> = source
        .query_row(
            &format!("SELECT value FROM {MANIFEST} WHERE key = 'format'"),
            [],
            |row| row.get(0),
        )
        .optional()
        .map_err(|e| BackupError::NotABackup(e.to_string()))?;
    if format.as_deref() != Some("charterpass-backup-1") {
        return Err(BackupError::NotABackup(from.display().to_string()));
    }
    crate::db::create_private_dir(data_dir).map_err(|e| BackupError::Io(data_dir.to_owned(), e))?;
    let target_path = data_dir.join(DB_FILE);
    if target_path.exists() && !force {
        return Err(BackupError::WouldOverwrite(target_path));
    }
    let mut target = Connection::open(&target_path)?;
    target.busy_timeout(Duration::from_secs(10))?;
    {
        let backup = Backup::new(&source, &mut target)?;
        copy_all(&backup)?;
    }
    let mut key_files = vec![];
    {
        let mut stmt = source.prepare(&format!(
            "SELECT name, private, content FROM {KEY_FILES} ORDER BY name"
        ))?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, bool>(1)?,
                row.get::<_, Option<Vec<u8>>>(2)?,
            ))
        })?;
        for row in rows {
            key_files.push(row?);
        }
    }
    target.execute_batch(&format!("DROP TABLE {MANIFEST}; DROP TABLE {KEY_FILES};"))?;
    target.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    check_integrity(&target)?;
    let counts = counts(&target)?;
    drop(target);

    let keys = data_dir.join("keys");
    crate::db::create_private_dir(&keys).map_err(|e| BackupError::Io(keys.clone(), e))?;
    let mut written = vec![];
    let mut missing_private = vec![];
    for (name, private, content) in key_files {
        // Only plain file names: a crafted backup cannot write outside the key folder.
        if name.contains('/') || name.contains("..") || name.is_empty() {
            return Err(BackupError::NotABackup(format!("key file name {name:?}")));
        }
        let path = keys.join(&name);
        match (private, content) {
            (false, Some(content)) if !path.exists() => {
                fs::write(&path, content).map_err(|e| BackupError::Io(path.clone(), e))?;
                written.push(name);
            }
            (true, _) if !path.exists() => missing_private.push(name),
            _ => {}
        }
    }
    Ok(serde_json::json!({
        "restored": target_path,
        "rows": counts,
        "public_key_files_written": written,
        "private_keys_to_restore_from_offline_storage": missing_private,
    }))
}

/// Copies every page in one step (one read transaction: a consistent copy); while another
/// connection holds a lock that stops the step, tries again, for at most ten seconds.
fn copy_all(backup: &Backup<'_, '_>) -> Result<(), BackupError> {
    for _ in 0..1000 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Err(BackupError::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        Some("the database stayed locked for ten seconds".into()),
    )))
}

/// A file of the key folder.
struct KeyFile {
    name: String,
    private: bool,
    content: Vec<u8>,
}

/// Every file of the key folder; a file holding a private key is marked (and never copied).
fn read_key_files(dir: &Path) -> Result<Vec<KeyFile>, BackupError> {
    let mut files = vec![];
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(err) => return Err(BackupError::Io(dir.to_owned(), err)),
    };
    for entry in entries {
        let entry = entry.map_err(|e| BackupError::Io(dir.to_owned(), e))?;
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let content = fs::read(&path).map_err(|e| BackupError::Io(path.clone(), e))?;
        let private = content
            .windows(b"PRIVATE KEY".len())
            .any(|w| w == b"PRIVATE KEY");
        files.push(KeyFile {
            name: entry.file_name().to_string_lossy().into_owned(),
            private,
            content,
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// Fails unless SQLite's integrity check passes.
fn check_integrity(conn: &Connection) -> Result<(), BackupError> {
    let result: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| BackupError::NotABackup(e.to_string()))?;
    if result == "ok" {
        Ok(())
    } else {
        Err(BackupError::NotABackup(result))
    }
}

/// Rows of the main tables, for the operator's summary.
fn counts(conn: &Connection) -> Result<serde_json::Value, BackupError> {
    let mut out = serde_json::Map::new();
    for table in [
        "users",
        "enterprises",
        "filings",
        "certificates",
        "verifications",
        "audit_log",
    ] {
        // Table names are constants of this list, not input.
        let count: i64 = conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |row| {
            row.get(0)
        })?;
        out.insert(table.to_owned(), count.into());
    }
    Ok(out.into())
}
