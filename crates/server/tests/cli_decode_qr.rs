//! `charterpass decode-qr`: one JSON line per picture, text or a Chinese reason, decode time.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn decode_qr(files: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_charterpass"))
        .arg("decode-qr")
        .args(files)
        .output()
        .expect("run charterpass")
}

/// Writes a QR code of `text` as an 8-bit greyscale PNG, 6 pixels per module.
fn write_qr_png(path: &Path, text: &str) {
    let code = qrcode::QrCode::new(text).unwrap();
    let (w, colors) = (code.width(), code.to_colors());
    let (scale, side) = (6, (w + 8) * 6);
    let mut pixels = vec![255u8; side * side];
    for (i, c) in colors.iter().enumerate() {
        if *c == qrcode::Color::Dark {
            let (mx, my) = (i % w + 4, i / w + 4);
            for y in my * scale..(my + 1) * scale {
                pixels[y * side + mx * scale..y * side + (mx + 1) * scale].fill(0);
            }
        }
    }
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
}

#[test]
fn prints_the_text_of_a_readable_picture_and_a_reason_for_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("code.png");
    write_qr_png(
        &good,
        "BC1:6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B",
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
    write_qr_png(&good, "HELLO");
    assert_eq!(decode_qr(&[&good]).status.code(), Some(0));
}
