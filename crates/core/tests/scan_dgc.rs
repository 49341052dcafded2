//! Every EU DGC test picture that its vector says must decode is read to exactly its `PREFIX`.
#![cfg(not(target_arch = "wasm32"))]

mod scan_support;

use base64::Engine;
use charterpass_core::scan::{Frame, Scanner};

#[test]
fn reads_every_dgc_picture_expected_to_decode() {
    let Some(dir) = scan_support::data_dir("DGC_TESTDATA", "../shared/testdata/dgc") else {
        return;
    };
    let mut scanner = Scanner::new();
    let (mut read, mut failed) = (0, Vec::new());
    for path in vector_files(&dir) {
        let raw = std::fs::read_to_string(&path).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(raw.trim_start_matches('\u{feff}')).unwrap();
        let expected = &json["EXPECTEDRESULTS"]["EXPECTEDPICTUREDECODE"];
        let picture = json.get("2DCODE").or_else(|| json.get("_2DCODE"));
        let (Some(true), Some(picture)) = (expected.as_bool(), picture.and_then(|p| p.as_str()))
        else {
            continue;
        };
        let png = base64::engine::general_purpose::STANDARD
            .decode(picture.trim())
            .unwrap();
        let img = scan_support::png_grey(&png).unwrap();
        let got = scanner.scan(Frame::new(img.width, img.height, &img.pixels).unwrap());
        match got {
            Ok(text) if text == json["PREFIX"].as_str().unwrap_or_default() => read += 1,
            other => failed.push(format!("{}: {:?}", path.display(), other.map(|t| t.len()))),
        }
    }
    println!("DGC pictures read: {read}; failed: {failed:?}");
    assert!(
        read > 0,
        "no DGC picture with EXPECTEDPICTUREDECODE true found under {}",
        dir.display()
    );
    assert!(failed.is_empty(), "{failed:#?}");
}

/// `<COUNTRY>/2DCode/raw/*.json` for whatever countries are present.
fn vector_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for country in std::fs::read_dir(dir).unwrap().flatten() {
        let raw = country.path().join("2DCode/raw");
        let Ok(entries) = std::fs::read_dir(&raw) else {
            continue;
        };
        files.extend(
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json")),
        );
    }
    files.sort();
    files
}
