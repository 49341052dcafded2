//! The real binary: the public trust list over HTTP, and the mint / verify / vectors subcommands.

mod common;
mod qr_picture;

use std::path::Path;
use std::process::{Command, Output};

use common::Server;
use serde_json::Value;

fn charterpass(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charterpass"))
        .args(args)
        .output()
        .expect("run charterpass")
}

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn stdout_json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("one JSON object on stdout")
}

#[test]
fn trust_list_is_signed_and_holds_yunnan_and_the_imported_neighbours_keys() {
    let server = Server::start();
    let (bytes, content_type, root) = server.trust_list();
    assert!(
        content_type.starts_with("application/cose"),
        "{content_type}"
    );
    assert_eq!(bytes[0], 0xd2, "a tagged COSE_Sign1");
    let (_, list) = server.client().get("/trust-list.json");
    let provinces: Vec<&str> = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["province"].as_str().unwrap())
        .collect();
    assert_eq!(provinces, ["53", "50", "51"]);
    assert_eq!(list["province"], "53");
    assert_eq!(root.len(), 64);
    assert_eq!(list["keys"][0]["kid"].as_str().unwrap().len(), 16);
    // Unchanged content is served as the same list; nothing re-signs it.
    assert_eq!(server.trust_list().0, bytes);
}

#[test]
fn a_production_start_holds_no_private_key_but_its_own_and_serves_a_list_once_certified() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let data_dir = data.to_str().unwrap();
    let first = Server::start_in(&data, &["--province", "51"], false);
    let (status, body) = first.client().get("/trust-list");
    assert_eq!(status, 503, "{body}");
    assert!(body["message"].as_str().unwrap().contains("根密钥"));
    drop(first);
    let mut files: Vec<String> = std::fs::read_dir(data.join("keys"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 1);
    assert!(
        files[0].starts_with("51-") && files[0].ends_with(".pem"),
        "{files:?}"
    );
    assert!(!data.join("demo-provinces").exists());

    let root = dir.path().join("offline-root.pem");
    let init = charterpass(&["root", "init", "--out", root.to_str().unwrap()]);
    assert!(init.status.success());
    let printed = String::from_utf8(init.stdout).unwrap();
    let fingerprint = printed.trim().rsplit(' ').next().unwrap().to_owned();
    let certify = charterpass(&[
        "root",
        "certify",
        "--root",
        root.to_str().unwrap(),
        "--data-dir",
        data_dir,
        "--province",
        "51",
    ]);
    assert!(
        certify.status.success(),
        "{}",
        String::from_utf8_lossy(&certify.stderr)
    );
    let server = Server::start_in(&data, &["--province", "51"], false);
    let (_, _, served_root) = server.trust_list();
    assert_eq!(served_root, fingerprint);
    let (_, list) = server.client().get("/trust-list.json");
    let provinces: Vec<&str> = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["province"].as_str().unwrap())
        .collect();
    assert_eq!(provinces, ["51"]);
    let mut files: Vec<String> = std::fs::read_dir(data.join("keys"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    assert_eq!(&files[1..], ["list-signer.cert", "list-signer.pem"]);
}

#[test]
fn minted_certificate_verifies_against_the_served_signed_list_and_stale_forged_or_rolled_back_lists_are_refused(
) {
    let server = Server::start();
    let (list, _, root) = server.trust_list();
    let trust = server.data_dir.path().join("trust-list.cose");
    std::fs::write(&trust, &list).unwrap();
    let trust = trust.to_string_lossy().into_owned();
    let data_dir = server.data_dir.path().to_string_lossy().into_owned();
    let now = chrono::Utc::now();
    let at = |hours: i64| (now + chrono::Duration::hours(hours)).to_rfc3339();
    let minted = charterpass(&[
        "mint",
        "--data-dir",
        &data_dir,
        "--province",
        "53",
        "--certificate-number",
        "BC5301202406010001",
        "--filing-number",
        "530120240601000001",
        "--plate",
        "云A12345",
        "--seats",
        "45",
        "--enterprise-name",
        "昆明旅游汽车客运有限公司",
        "--credit-code",
        "91530100MA6K5XXX0X",
        "--origin",
        "530100",
        "--destination",
        "510100",
        "--waypoint",
        "520100",
        "--trip-start",
        &at(-1),
        "--trip-end",
        &at(48),
        "--nbf",
        &at(-1),
    ]);
    assert!(
        minted.status.success(),
        "{}",
        String::from_utf8_lossy(&minted.stderr)
    );
    let text = String::from_utf8(minted.stdout).unwrap().trim().to_owned();
    assert!(text.starts_with("BC1:"));
    let verify_at = |hours: i64, extra: &[&str]| {
        let clock = at(hours);
        let mut args = vec![
            "verify",
            "--trust-list",
            &trust,
            "--at",
            &clock,
            "--text",
            &text,
        ];
        args.extend_from_slice(extra);
        let out = charterpass(&args);
        (out.status.code(), stdout_json(&out))
    };

    let (code, verdict) = verify_at(1, &["--pin", &root]);
    assert_eq!(code, Some(0), "{verdict}");
    assert_eq!(verdict["issuer"]["province"], "53");
    assert_eq!(verdict["claims"]["charter"]["plate"], "云A12345");
    assert_eq!(verdict["trust_list"]["freshness"], "current");

    let (code, verdict) = verify_at(72, &["--pin", &root]);
    assert_eq!(code, Some(1));
    assert_eq!(
        (verdict["step"].as_str(), verdict["error"].as_str()),
        (Some("time"), Some("expired"))
    );
    assert_eq!(verdict["message"], "凭证已过期");

    // Past its expiry the list still vouches, with a warning; past the hard limit it does not.
    let (_, verdict) = verify_at(8 * 24, &["--pin", &root]);
    assert_eq!(verdict["trust_list"]["freshness"], "stale");
    let (code, verdict) = verify_at(31 * 24, &["--pin", &root]);
    assert_eq!(code, Some(1));
    assert_eq!(
        (verdict["step"].as_str(), verdict["error"].as_str()),
        (Some("trust_list"), Some("too_old"))
    );

    let forged_pin = "00".repeat(32);
    let (code, verdict) = verify_at(1, &["--pin", &forged_pin]);
    assert_eq!(
        (code, verdict["error"].as_str()),
        (Some(1), Some("root_not_pinned"))
    );
    let (code, verdict) = verify_at(1, &["--pin", &root, "--held-sequence", "999"]);
    assert_eq!(
        (code, verdict["error"].as_str()),
        (Some(1), Some("rolled_back"))
    );
}

#[test]
fn import_refuses_unpinned_rolled_back_expired_truncated_and_oversized_lists_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (yunnan, sichuan) = (dir.path().join("yn"), dir.path().join("sc"));
    let s = |p: &std::path::Path| p.to_str().unwrap().to_owned();
    for (name, data, province) in [("yn", &yunnan, "53"), ("sc", &sichuan, "51")] {
        let root = dir.path().join(format!("{name}-root.pem"));
        assert!(charterpass(&["root", "init", "--out", &s(&root)])
            .status
            .success());
        let out = charterpass(&[
            "root",
            "certify",
            "--root",
            &s(&root),
            "--data-dir",
            &s(data),
            "--province",
            province,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let export = dir.path().join("sc.list");
    let out = charterpass(&[
        "trust",
        "export",
        "--data-dir",
        &s(&sichuan),
        "--province",
        "51",
        "--out",
        &s(&export),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let pin = printed
        .lines()
        .last()
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_owned();
    let import = |file: &std::path::Path, pin: &str| {
        let out = charterpass(&[
            "trust",
            "import",
            "--data-dir",
            &s(&yunnan),
            "--from",
            &s(file),
            "--pin",
            pin,
        ]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let show = || {
        let out = charterpass(&["trust", "show", "--data-dir", &s(&yunnan)]);
        let shown = stdout_json(&out);
        shown["list"]["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k["province"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(show(), ["53"]);

    let (code, err) = import(&export, &"ab".repeat(32));
    assert_eq!(code, Some(2));
    assert!(
        err.contains("root_not_pinned") && err.contains("根密钥"),
        "{err}"
    );
    let truncated = dir.path().join("truncated.list");
    std::fs::write(&truncated, &std::fs::read(&export).unwrap()[..100]).unwrap();
    assert!(import(&truncated, &pin).1.contains("malformed"));
    let oversized = dir.path().join("oversized.list");
    std::fs::write(&oversized, vec![0u8; 300 * 1024]).unwrap();
    assert!(import(&oversized, &pin).1.contains("too_large"));
    let vectors: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/vectors/trust-lists.json")).unwrap(),
    )
    .unwrap();
    let old = vectors
        .iter()
        .find(|v| v["name"] == "neighbour_export_imported")
        .unwrap();
    let expired = dir.path().join("expired.list");
    std::fs::write(
        &expired,
        hex::decode(old["list"].as_str().unwrap()).unwrap(),
    )
    .unwrap();
    let (_, err) = import(&expired, old["pin"].as_str().unwrap());
    assert!(err.contains("expired") && err.contains("已过期"), "{err}");
    assert_eq!(show(), ["53"], "a refused import changes nothing");

    assert_eq!(import(&export, &pin).0, Some(0));
    assert_eq!(show(), ["53", "51"]);
    let (code, err) = import(&export, &pin);
    assert_eq!(code, Some(2));
    assert!(err.contains("rolled_back"), "{err}");
    assert_eq!(show(), ["53", "51"]);
}

#[test]
fn verify_checks_a_published_vector_with_a_bare_issuer_array() {
    let vectors: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(repo("tests/vectors/tamper.json")).unwrap())
            .unwrap();
    let v = &vectors[0];
    let dir = tempfile::tempdir().unwrap();
    let trust = dir.path().join("trust.json");
    std::fs::write(&trust, v["trust"].to_string()).unwrap();
    let out = charterpass(&[
        "verify",
        "--trust",
        trust.to_str().unwrap(),
        "--at",
        v["at"].as_str().unwrap(),
        "--text",
        v["qr"].as_str().unwrap(),
        "--no-status",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_json(&out)["error"], v["expected"]["error"]);
}

#[test]
fn verify_usage_and_io_errors_exit_2() {
    assert_eq!(
        charterpass(&["verify", "--trust", "/nonexistent.json", "--text", "BC1:"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        charterpass(&["verify", "--trust", "x.json"]).status.code(),
        Some(2)
    );
}

#[test]
fn vectors_regenerate_the_committed_files_exactly() {
    let out = tempfile::tempdir().unwrap();
    let run = charterpass(&[
        "vectors",
        "--out",
        out.path().to_str().unwrap(),
        "--keys",
        &repo("tests/keys"),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for entry in std::fs::read_dir(repo("tests/vectors")).unwrap() {
        let path = entry.unwrap().path();
        let fresh = std::fs::read_to_string(out.path().join(path.file_name().unwrap())).unwrap();
        assert_eq!(
            fresh,
            std::fs::read_to_string(&path).unwrap(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn verify_reads_a_qr_picture() {
    let vectors: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(repo("tests/vectors/valid.json")).unwrap())
            .unwrap();
    let v = &vectors[0];
    let dir = tempfile::tempdir().unwrap();
    let (trust, image) = (dir.path().join("trust.json"), dir.path().join("qr.png"));
    std::fs::write(&trust, v["trust"].to_string()).unwrap();
    qr_picture::write_qr_png(v["qr"].as_str().unwrap(), &image);
    let out = charterpass(&[
        "verify",
        "--trust",
        trust.to_str().unwrap(),
        "--at",
        v["at"].as_str().unwrap(),
        "--image",
        image.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(stdout_json(&out)["issuer"]["province"], "53");
}
