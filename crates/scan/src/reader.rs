//! One attempt with rqrr on an already prepared image, shielded from its panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use rqrr::PreparedImage;

/// What one attempt saw when it did not read a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Miss {
    /// No finder-pattern grid at all.
    NoGrid,
    /// A grid was found but its modules did not decode.
    Undecodable,
    /// The code decoded to bytes that are not UTF-8.
    NotText,
}

/// Detects grids in a prepared image and returns the first that decodes.
///
/// A macro because rqrr does not export the buffer type of its prepared images.
macro_rules! read_prepared {
    ($image:expr) => {{
        let mut image = $image;
        let mut miss = Miss::NoGrid;
        for grid in image.detect_grids() {
            match grid.decode() {
                Ok((_, text)) => return Ok(text),
                Err(e) => miss = miss.max(classify(e)),
            }
        }
        Err(miss)
    }};
}

/// Sorts a decoder error: unreadable format information means the grid was probably no code.
pub fn classify(e: rqrr::DeQRError) -> Miss {
    match e {
        rqrr::DeQRError::EncodingError => Miss::NotText,
        rqrr::DeQRError::FormatEcc
        | rqrr::DeQRError::InvalidVersion
        | rqrr::DeQRError::InvalidGridSize => Miss::NoGrid,
        _ => Miss::Undecodable,
    }
}

/// Reads the first decodable code from a bitmap where 1 is dark.
pub fn read_bitmap(bits: &[u8], width: usize, height: usize) -> Result<String, Miss> {
    shielded(|| {
        read_prepared!(PreparedImage::prepare_from_bitmap(width, height, |x, y| {
            bits[y * width + x] != 0
        }))
    })
}

/// Reads the first decodable code from greyscale pixels with rqrr's own row threshold.
pub fn read_greyscale(pixels: &[u8], width: usize, height: usize) -> Result<String, Miss> {
    shielded(|| {
        read_prepared!(PreparedImage::prepare_from_greyscale(
            width,
            height,
            |x, y| { pixels[y * width + x] }
        ))
    })
}

/// Runs one attempt, turning a panic inside rqrr (it asserts on degenerate geometry) into a miss.
///
/// Where panics abort (wasm32 release builds) this cannot help; there the worker is restarted.
pub fn shielded(attempt: impl FnOnce() -> Result<String, Miss>) -> Result<String, Miss> {
    if cfg!(panic = "unwind") {
        catch_unwind(AssertUnwindSafe(attempt)).unwrap_or(Err(Miss::NoGrid))
    } else {
        attempt()
    }
}
