//! The operator's trust subcommands: `trust export`, `trust import`, `trust remove-key`,
//! `trust show`, and `root init` / `root certify`. Every import and export is audited.

use std::io::Read;
use std::path::{Path, PathBuf};

use charterpass_core::certificate::signed_list::{
    accept_import, open, Fingerprint, ListError, RemovedKey, MAX_LIST_BYTES,
};
use charterpass_core::certificate::Kid;
use chrono::Utc;
use clap::{Args, Subcommand};
use rusqlite::Connection;

use super::publish;
use super::signer::{certify_signer, init_root, ListSigner};
use super::store::{self, Neighbour};
use super::TrustError;
use crate::config::DataArgs;
use crate::db::Db;
use crate::keys::KeyStore;

/// `charterpass root …`: the province's root key, kept offline.
#[derive(Subcommand, Debug)]
pub enum RootCommand {
    /// Create a root key in a new owner-only file and print its SHA-256 fingerprint.
    Init {
        /// Where to write the root key (keep it offline).
        #[arg(long)]
        out: PathBuf,
    },
    /// Certify the data folder's list-signing key (created if missing) with the root key.
    Certify {
        /// The root key file.
        #[arg(long)]
        root: PathBuf,
        /// How many years the certification lasts.
        #[arg(long, default_value_t = 5)]
        years: u32,
        #[command(flatten)]
        data: DataArgs,
    },
}

/// `charterpass trust …`: exchanging signed trust lists with neighbouring provinces.
#[derive(Subcommand, Debug)]
pub enum TrustCommand {
    /// Sign our own keys' list for neighbours and write it to a file.
    Export {
        /// The file to write (the signed list, binary).
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Import a neighbour's signed list, checked against its root fingerprint pinned here.
    Import(ImportArgs),
    /// Withdraw a key (ours or a neighbour's) at once and publish a new list.
    RemoveKey {
        /// The key's kid, 16 hex digits.
        kid: String,
        /// Why (shown to operators; carried in the list).
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Print the current combined list and the imported neighbours as JSON.
    Show {
        #[command(flatten)]
        data: DataArgs,
    },
}

/// Settings of `charterpass trust import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The neighbour's signed list file.
    #[arg(long)]
    pub from: PathBuf,
    /// The neighbour's root fingerprint (SHA-256, 64 hex digits), received out of band.
    #[arg(long)]
    pub pin: String,
    /// Accept a root fingerprint other than the one this province was imported with before.
    #[arg(long)]
    pub repin: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs `charterpass root …`.
pub fn run_root(command: RootCommand) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        RootCommand::Init { out } => {
            let fingerprint = init_root(&out)?;
            println!(
                "root key written to {} (owner-only; keep it offline)",
                out.display()
            );
            println!("root fingerprint (SHA-256): {fingerprint}");
        }
        RootCommand::Certify { root, years, data } => {
            let (fingerprint, cert) = certify_signer(&root, &data.data_dir, &data.province, years)?;
            println!(
                "list-signing key certified for province {}: {}",
                data.province,
                cert.display()
            );
            println!("root fingerprint (SHA-256): {fingerprint}");
        }
    }
    Ok(())
}

/// Runs `charterpass trust …`.
pub fn run_trust(command: TrustCommand) -> Result<(), Box<dyn std::error::Error>> {
    match command {
        TrustCommand::Export { out, data } => {
            let (db, keys, signer) = open_province(&data)?;
            let published =
                db.with(|conn| publish::export(conn, &keys, &signer, Utc::now().timestamp()))?;
            std::fs::write(&out, &published.list).map_err(|e| TrustError::Io(out.clone(), e))?;
            db.with(|conn| {
                store::audit(
                    conn,
                    published.sequence,
                    None,
                    "export",
                    &format!("导出本省信任列表 序号 {}", published.sequence),
                )
            })?;
            println!(
                "exported province {} list, sequence {}, {} bytes, to {}",
                data.province,
                published.sequence,
                published.list.len(),
                out.display()
            );
            println!("root fingerprint (SHA-256): {}", signer.root());
        }
        TrustCommand::Import(args) => {
            let db = Db::open(&args.data.data_dir)?;
            let bytes = read_bounded(&args.from)?;
            let outcome = db.with(|conn| import(conn, &args, &bytes, Utc::now().timestamp()));
            match &outcome {
                Ok(n) => println!(
                    "imported province {} list, sequence {}; the combined list is re-signed on its next download",
                    n.province, n.sequence
                ),
                Err(e) => {
                    let _ = db.with(|conn| store::audit(conn, 0, None, "import_refused", &format!("导入被拒绝：{}：{e}", args.from.display())));
                }
            }
            outcome?;
        }
        TrustCommand::RemoveKey { kid, reason, data } => {
            let (db, keys, signer) = open_province(&data)?;
            let published = db.with(|conn| remove_key(conn, &keys, &signer, &kid, &reason))?;
            println!(
                "key {kid} removed; new combined list published, sequence {}",
                published.sequence
            );
            if keys
                .signer(&data.province)
                .is_some_and(|k| k.entry.kid.to_hex() == kid.to_lowercase())
            {
                let rotated = KeyStore::rotate(&data.data_dir, &data.province)?;
                if let Some(k) = rotated.signer(&data.province) {
                    println!("this province's signing key was removed: a new one was created ({}); restart the server so it signs with it", k.entry.kid);
                }
            }
        }
        TrustCommand::Show { data } => {
            let (db, keys, signer) = open_province(&data)?;
            let published =
                db.with(|conn| publish::combined(conn, &keys, &signer, Utc::now().timestamp()))?;
            let opened = open(&published.list, &signer.root())?;
            let neighbours = db.with(|conn| store::neighbours(conn))?;
            let neighbours: Vec<_> = neighbours
                .iter()
                .map(|n| serde_json::json!({"province": n.province, "root_fingerprint": n.root_fingerprint, "sequence": n.sequence, "demo": n.demo}))
                .collect();
            let json = serde_json::json!({
                "root_fingerprint": signer.root(),
                "bytes": published.list.len(),
                "list": opened.content,
                "neighbours": neighbours,
            });
            println!("{}", serde_json::to_string_pretty(&json)?);
        }
    }
    Ok(())
}

/// The database, document-signing keys and certified list signer of a data folder.
fn open_province(
    data: &DataArgs,
) -> Result<(Db, KeyStore, ListSigner), Box<dyn std::error::Error>> {
    let db = Db::open(&data.data_dir)?;
    let keys = KeyStore::open(&data.data_dir, &data.province)?;
    let signer =
        ListSigner::load(&data.data_dir, &data.province)?.ok_or(TrustError::NotCertified)?;
    Ok((db, keys, signer))
}

/// Reads at most [`MAX_LIST_BYTES`] + 1 bytes, so an oversized file is refused without reading it all.
fn read_bounded(path: &Path) -> Result<Vec<u8>, TrustError> {
    let file = std::fs::File::open(path).map_err(|e| TrustError::Io(path.to_owned(), e))?;
    let mut bytes = Vec::new();
    file.take(MAX_LIST_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| TrustError::Io(path.to_owned(), e))?;
    Ok(bytes)
}

/// Checks and stores a neighbour's list; nothing changes when it is refused.
pub fn import(
    conn: &mut Connection,
    args: &ImportArgs,
    bytes: &[u8],
    now: i64,
) -> Result<Neighbour, TrustError> {
    let pin = Fingerprint::from_hex(&args.pin).ok_or(ListError::RootNotPinned)?;
    import_list(
        conn,
        &args.data.province,
        bytes,
        &pin,
        now,
        args.repin,
        false,
    )
}

/// The import's rules, shared with the demo: pinned, newer, current, the neighbour's own keys.
pub fn import_list(
    conn: &mut Connection,
    own_province: &str,
    bytes: &[u8],
    pin: &Fingerprint,
    now: i64,
    repin: bool,
    demo: bool,
) -> Result<Neighbour, TrustError> {
    let province = open(bytes, pin)?.content.province;
    if province == own_province {
        return Err(TrustError::OwnList(province));
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let previous = store::neighbour(&tx, &province)?;
    let last = match &previous {
        Some(p) if p.demo => None,
        Some(p) if p.root_fingerprint != pin.to_hex() && !repin => {
            return Err(TrustError::PinChanged(province, p.root_fingerprint.clone()))
        }
        Some(p) if p.root_fingerprint != pin.to_hex() => None,
        Some(p) => Some(p.sequence),
        None => None,
    };
    let list = accept_import(bytes, pin, now, last)?;
    let neighbour = Neighbour {
        province,
        root_fingerprint: pin.to_hex(),
        sequence: list.content.sequence,
        list: bytes.to_vec(),
        demo,
    };
    store::save_neighbour(&tx, &neighbour)?;
    store::audit(
        &tx,
        neighbour.sequence,
        previous
            .as_ref()
            .map(|p| format!("{} seq {}", p.province, p.sequence))
            .as_deref(),
        &format!("{} seq {}", neighbour.province, neighbour.sequence),
        &format!(
            "导入邻省信任列表：省份 {}，序号 {}，{} 个密钥，{} 个撤销，根指纹 {}",
            neighbour.province,
            neighbour.sequence,
            list.content.keys.len(),
            list.content.removed.len(),
            neighbour.root_fingerprint
        ),
    )?;
    tx.commit()?;
    Ok(neighbour)
}

/// Withdraws `kid` and publishes the new combined list at once.
fn remove_key(
    conn: &mut Connection,
    keys: &KeyStore,
    signer: &ListSigner,
    kid: &str,
    reason: &str,
) -> Result<store::Published, TrustError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(TrustError::ReasonMissing);
    }
    let kid = Kid::from_hex(kid).ok_or_else(|| TrustError::UnknownKid(kid.into()))?;
    let now = Utc::now().timestamp();
    let current = publish::combined(conn, keys, signer, now)?;
    let listed = open(&current.list, &signer.root())?;
    let province = listed
        .content
        .keys
        .iter()
        .find(|k| k.kid == kid)
        .map(|k| k.province.clone())
        .ok_or_else(|| TrustError::UnknownKid(kid.to_hex()))?;
    let removal = RemovedKey {
        kid,
        province,
        removed_at: now,
        reason: reason.chars().take(200).collect(),
    };
    store::remove(conn, &removal)?;
    let published = publish::combined(conn, keys, signer, now)?;
    store::audit(
        conn,
        published.sequence,
        Some("listed"),
        "removed",
        &format!(
            "撤销密钥 {}（省份 {}）：{}",
            kid, removal.province, removal.reason
        ),
    )?;
    Ok(published)
}
