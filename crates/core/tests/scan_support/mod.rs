//! Shared helpers of the scan tests and examples: test-data folders and PNG/JPEG to greyscale.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A greyscale image: width, height, one byte per pixel.
pub struct Grey {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// Row-major luma, 0 = black.
    pub pixels: Vec<u8>,
}

/// The folder named by `var`, else `default` relative to the repository root; `None` if absent.
pub fn data_dir(var: &str, default: &str) -> Option<PathBuf> {
    let dir = match std::env::var_os(var) {
        Some(v) => PathBuf::from(v),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(default),
    };
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: no test data at {} (set {var})", dir.display());
        None
    }
}

/// Decodes a PNG (any colour type and depth) to luma, compositing transparency over white.
pub fn png_grey(bytes: &[u8]) -> Result<Grey, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| {
            let (luma, alpha) = match p.len() {
                1 => (p[0] as u32, 255),
                2 => (p[0] as u32, p[1] as u32),
                3 => (luma(p), 255),
                _ => (luma(p), p[3] as u32),
            };
            ((luma * alpha + 255 * (255 - alpha)) / 255) as u8
        })
        .collect();
    Ok(Grey {
        width: info.width as usize,
        height: info.height as usize,
        pixels,
    })
}

/// Decodes a baseline or progressive JPEG to luma.
pub fn jpeg_grey(bytes: &[u8]) -> Result<Grey, String> {
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let data = decoder.decode().map_err(|e| e.to_string())?;
    let info = decoder.info().ok_or("no JPEG header")?;
    let pixels = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => data,
        jpeg_decoder::PixelFormat::RGB24 => data.chunks_exact(3).map(|p| luma(p) as u8).collect(),
        other => return Err(format!("unsupported JPEG pixel format {other:?}")),
    };
    Ok(Grey {
        width: info.width as usize,
        height: info.height as usize,
        pixels,
    })
}

/// Reads a PNG or JPEG file by its signature.
pub fn load(path: &Path) -> Result<Grey, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if bytes.starts_with(&[0xFF, 0xD8]) {
        jpeg_grey(&bytes)
    } else {
        png_grey(&bytes)
    }
}

fn luma(p: &[u8]) -> u32 {
    (p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114 + 500) / 1000
}

/// One line of the frames' `truth.tsv`: file, condition, exact text.
pub struct Truth {
    /// File name inside the folder.
    pub file: String,
    /// The condition simulated (clean, small, rotate, …).
    pub condition: String,
    /// The exact text inside the code.
    pub text: String,
}

/// Reads `truth.tsv` of a frames folder.
pub fn truth(dir: &Path) -> Vec<Truth> {
    let tsv = std::fs::read_to_string(dir.join("truth.tsv")).expect("truth.tsv next to the frames");
    tsv.lines()
        .filter_map(|line| {
            let mut cols = line.splitn(3, '\t');
            Some(Truth {
                file: cols.next()?.to_string(),
                condition: cols.next()?.to_string(),
                text: cols.next()?.to_string(),
            })
        })
        .collect()
}
