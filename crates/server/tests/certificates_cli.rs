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
fn trust_list_serves_yunnan_chongqing_and_sichuan_keys() {
    let server = Server::start();
    let (status, list) = server.client().get("/trust-list");
    assert_eq!(status, 200);
    let provinces: Vec<&str> = list["issuers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["province"].as_str().unwrap())
        .collect();
    assert_eq!(provinces, ["50", "51", "53"]);
    assert_eq!(list["version"], 3);
    let yunnan = &list["issuers"][2];
    assert_eq!(yunnan["kid"].as_str().unwrap().len(), 16);
    assert!(yunnan["public_key_pem"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN PUBLIC KEY-----"));
}

#[test]
fn minted_certificate_verifies_against_the_served_trust_list() {
    let server = Server::start();
    let (_, list) = server.client().get("/trust-list");
    let trust = server.data_dir.path().join("trust.json");
    std::fs::write(&trust, list.to_string()).unwrap();
    let data_dir = server.data_dir.path().to_string_lossy().into_owned();
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
        "2030-06-01T08:00:00+08:00",
        "--trip-end",
        "2030-06-03T20:00:00+08:00",
        "--nbf",
        "2030-05-30T00:00:00+08:00",
    ]);
    assert!(
        minted.status.success(),
        "{}",
        String::from_utf8_lossy(&minted.stderr)
    );
    let text = String::from_utf8(minted.stdout).unwrap().trim().to_owned();
    assert!(text.starts_with("BC1:"));

    let trust = trust.to_string_lossy().into_owned();
    let ok = charterpass(&[
        "verify",
        "--trust",
        &trust,
        "--at",
        "2030-06-02T12:00:00+08:00",
        "--text",
        &text,
    ]);
    assert_eq!(ok.status.code(), Some(0));
    let verdict = stdout_json(&ok);
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["issuer"]["province"], "53");
    assert_eq!(verdict["claims"]["charter"]["plate"], "云A12345");

    let late = charterpass(&[
        "verify",
        "--trust",
        &trust,
        "--at",
        "2030-06-04T12:00:00+08:00",
        "--text",
        &text,
    ]);
    assert_eq!(late.status.code(), Some(1));
    let verdict = stdout_json(&late);
    assert_eq!(
        (verdict["step"].as_str(), verdict["error"].as_str()),
        (Some("time"), Some("expired"))
    );
    assert_eq!(verdict["message"], "凭证已过期");
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
