//! `charterpass decode-qr FILE…`: reads the QR code in each PNG or JPEG picture with the core's
//! scan engine and prints one JSON line per file: `{"file","text","error","ms"}`.
//!
//! `ms` is the decode time alone, without reading the file or decoding the image.
//! Exit status: 0 every file read, 1 some file not read, 2 usage error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use charterpass_core::scan::{Frame, Scanner};
use clap::Args;
use serde_json::json;

/// Settings of `charterpass decode-qr`.
#[derive(Args, Debug)]
pub struct DecodeQrArgs {
    /// PNG or JPEG pictures of QR codes.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Decodes each file in turn and prints its JSON line.
pub fn run(args: DecodeQrArgs) -> ExitCode {
    let mut scanner = Scanner::new();
    let mut all_read = true;
    for path in &args.files {
        let (text, error, ms) = match load_grey(path) {
            Err(error) => (None, Some(error), None),
            Ok(img) => {
                let (w, h) = (img.width() as usize, img.height() as usize);
                let start = Instant::now();
                let result = Frame::new(w, h, img.as_raw()).and_then(|f| scanner.scan(f));
                let ms = (start.elapsed().as_secs_f64() * 1e6).round() / 1e3;
                match result {
                    Ok(text) => (Some(text), None, Some(ms)),
                    Err(e) => (None, Some(e.message().to_string()), Some(ms)),
                }
            }
        };
        all_read &= text.is_some();
        // Keys in the documented order (serde_json's map would sort them).
        println!(
            r#"{{"file":{},"text":{},"error":{},"ms":{}}}"#,
            json!(path),
            json!(text),
            json!(error),
            json!(ms)
        );
    }
    ExitCode::from(if all_read { 0 } else { 1 })
}

/// Reads a PNG or JPEG into 8-bit luma, transparency composited over white (printed codes
/// often come with a transparent background).
pub fn load_grey(path: &Path) -> Result<image::GrayImage, String> {
    let img = image::ImageReader::open(path)
        .map_err(|e| format!("无法读取文件：{e}"))?
        .with_guessed_format()
        .map_err(|e| format!("无法读取文件：{e}"))?
        .decode()
        .map_err(|e| format!("无法解码图片（仅支持 PNG 和 JPEG）：{e}"))?;
    let luma_alpha = img.to_luma_alpha8();
    let (w, h) = luma_alpha.dimensions();
    let mut grey = image::GrayImage::new(w, h);
    for (out, px) in grey.pixels_mut().zip(luma_alpha.pixels()) {
        let [l, a] = px.0;
        out.0[0] = ((l as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
    }
    Ok(grey)
}
