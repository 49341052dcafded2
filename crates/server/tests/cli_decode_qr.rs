//! `charterpass decode-qr`: one JSON line per picture, text or a Chinese reason, decode time.

mod qr_picture;

use std::path::Path;
use std::process::{Command, Output};

use qr_picture::write_qr_png;
use serde_json::Value;

fn decode_qr(files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charterpass"))
        .arg("decode-qr")
        .args(files)
        .output()
        .expect("run charterpass")
}

#[test]
fn prints_the_text_of_a_readable_picture_and_a_reason_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("code.png");
    write_qr_png(
        "BC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B",
        &good,
    );
    let not_image = dir.path().join("notes.txt");
    std::fs::write(&not_image, "not a picture").unwrap();

    let out = decode_qr(&[&good, &not_image]);
    assert_eq!(out.status.code(), Some(1), "not every file was read");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0]["text"],
        "BC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B"
    );
    assert!(lines[0]["error"].is_null() && lines[0]["ms"].as_f64().unwrap() >= 0.0);
    assert!(lines[1]["text"].is_null() && lines[1]["ms"].is_null());
    assert!(
        lines[1]["error"].as_str().unwrap().contains("图片"),
        "{}",
        lines[1]
    );
}

#[test]
fn all_read_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("code.png");
    write_qr_png("HELLO", &good);
    assert_eq!(decode_qr(&[&good]).status.code(), Some(0));
}
