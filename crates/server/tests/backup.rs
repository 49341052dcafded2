//! `charterpass backup` while the server takes writes, then `charterpass restore`: every write
//! acknowledged before the backup began is in the restored copy.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};

use common::{Client, Server};
use serde_json::{json, Value};

/// Writers keep filing drafts while the backup runs.
const WRITERS: usize = 3;
/// Drafts acknowledged before the backup starts, at least.
const BEFORE: usize = 30;

fn charterpass(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charterpass"))
        .args(args)
        .output()
        .expect("run charterpass")
}

fn draft_body(client: &mut Client) -> Value {
    let (_, vehicles) = client.get("/vehicles");
    let (_, drivers) = client.get("/drivers");
    json!({
        "vehicle_id": vehicles[0]["id"],
        "driver_ids": [drivers[0]["id"]],
        "charter_kind": "dedicated",
        "origin": "530100",
        "destination": "500100",
        "waypoints": [],
        "departure_at": "2025-06-01T08:00:00+08:00",
        "return_at": "2025-06-03T18:00:00+08:00",
        "one_way_km": 700,
        "passengers": 30,
        "contract_number": "HT-2025-001",
        "charterer": "昆明某旅行社"
    })
}

fn filing_ids(db: &Path) -> Vec<i64> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn.prepare("SELECT id FROM filings ORDER BY id").unwrap();
    let ids = stmt.query_map([], |row| row.get(0)).unwrap();
    ids.collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_backup_under_write_load_holds_every_acknowledged_write_and_restores() {
    let server = Server::start();
    let data_dir = server.data_dir.path().to_str().unwrap().to_owned();
    let body = draft_body(&mut server.login("qiye_km"));
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("charterpass.backup");
    let file = file.to_str().unwrap();

    let acknowledged = Mutex::new(Vec::<i64>::new());
    let grew = Condvar::new();
    let stop = AtomicBool::new(false);
    let failed = AtomicBool::new(false);
    let (before, during, backup) = std::thread::scope(|scope| {
        for _ in 0..WRITERS {
            let mut client = server.login("qiye_km");
            let (body, acknowledged, grew, stop, failed) =
                (&body, &acknowledged, &grew, &stop, &failed);
            scope.spawn(move || {
                while !stop.load(Ordering::SeqCst) {
                    let (status, draft) = client.post("/filings", body);
                    let mut ids = acknowledged.lock().unwrap();
                    if status != 201 {
                        // Under the lock, so the waiting test thread cannot miss it.
                        failed.store(true, Ordering::SeqCst);
                        grew.notify_all();
                        panic!("filing a draft: {status} {draft}");
                    }
                    ids.push(draft["id"].as_i64().unwrap());
                    drop(ids);
                    grew.notify_all();
                }
            });
        }
        let before = {
            let guard = acknowledged.lock().unwrap();
            let guard = grew
                .wait_while(guard, |ids| {
                    ids.len() < BEFORE && !failed.load(Ordering::SeqCst)
                })
                .unwrap();
            guard.clone()
        };
        let backup = charterpass(&["backup", "--data-dir", &data_dir, "--to", file]);
        let during = acknowledged.lock().unwrap().len() - before.len();
        stop.store(true, Ordering::SeqCst);
        (before, during, backup)
    });
    assert!(backup.status.success(), "{backup:?}");
    let summary: Value = serde_json::from_slice(&backup.stdout).unwrap();
    // The province's own signing key and its list-signing key; the root is never in the folder.
    assert_eq!(
        summary["private_keys_not_included"]
            .as_array()
            .map(Vec::len),
        Some(2),
        "{summary}"
    );
    assert_eq!(
        summary["public_key_files"][0], "list-signer.cert",
        "{summary}"
    );

    // Not over the live database without --force.
    let refused = charterpass(&["restore", "--data-dir", &data_dir, "--from", file]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("数据库已存在"));

    let restored_dir = tempfile::tempdir().unwrap();
    let restored = charterpass(&[
        "restore",
        "--data-dir",
        restored_dir.path().to_str().unwrap(),
        "--from",
        file,
    ]);
    assert!(restored.status.success(), "{restored:?}");
    let restored_summary: Value = serde_json::from_slice(&restored.stdout).unwrap();
    assert_eq!(
        restored_summary["private_keys_to_restore_from_offline_storage"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let copy = filing_ids(&restored_dir.path().join("charterpass.sqlite"));
    let missing: Vec<_> = before.iter().filter(|id| !copy.contains(id)).collect();
    println!(
        "writes acknowledged before the backup began: {}; during it: {during}; filings in the \
         restored copy: {}; acknowledged-before writes missing from it: {}",
        before.len(),
        copy.len(),
        missing.len()
    );
    assert!(missing.is_empty(), "missing from the copy: {missing:?}");
    // The copy is a working database: the backup's own tables are gone, the schema is there.
    let conn = rusqlite::Connection::open(restored_dir.path().join("charterpass.sqlite")).unwrap();
    let extra: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'charterpass_backup_%'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(extra, 0);
}
