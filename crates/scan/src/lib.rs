//! Reading certificate QR codes from greyscale camera frames and photos (the scan engine;
//! `charterpass_core::scan` re-exports it). Its own crate so it is optimised for speed while the
//! rest of core, which ships in every browser bundle, is optimised for size.
//!
//! A frame goes through a short, fixed list of attempts ([`strategy::DEFAULT`]): downscale,
//! adaptive threshold, rqrr. The list is fixed so the same frame always gives the same answer,
//! in the browser and on the server.

mod binarize;
mod error;
mod finder;
mod frame;
mod geometry;
mod locate;
mod reader;
mod scale;
mod sort;
pub mod strategy;

pub use binarize::Threshold;
pub use error::ScanError;
pub use frame::Frame;

use reader::Miss;
use strategy::{Attempt, Method};

/// Reads the QR text from a greyscale frame (`width × height` bytes, row-major).
pub fn scan(width: usize, height: usize, pixels: &[u8]) -> Result<String, ScanError> {
    Scanner::new().scan(Frame::new(width, height, pixels)?)
}

/// A reusable decoder that keeps its buffers between frames (a camera loop calls it often).
#[derive(Debug)]
pub struct Scanner {
    attempts: Vec<Attempt>,
    working: Vec<u8>,
    scaled: Vec<u8>,
    table: Vec<u32>,
    bits: Vec<u8>,
    finders: Vec<finder::Finder>,
    modules: Vec<bool>,
}

/// The default attempts, as [`Scanner::new`]: a scanner with none would read nothing.
impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

impl Scanner {
    /// A scanner with the default attempts.
    pub fn new() -> Self {
        Self::with_attempts(strategy::DEFAULT)
    }

    /// A scanner with its own list of attempts (for tuning and benchmarks).
    pub fn with_attempts(attempts: &[Attempt]) -> Self {
        Self {
            attempts: attempts.to_vec(),
            working: Vec::new(),
            scaled: Vec::new(),
            table: Vec::new(),
            bits: Vec::new(),
            finders: Vec::new(),
            modules: Vec::new(),
        }
    }

    /// Tries each attempt in order and returns the first text read.
    pub fn scan(&mut self, frame: Frame<'_>) -> Result<String, ScanError> {
        let longest = frame.width().max(frame.height());
        let base = longest.div_ceil(strategy::WORKING_SIDE).max(1);
        let (ww, wh) = scale::downscale(
            frame.pixels(),
            frame.width(),
            frame.height(),
            base,
            &mut self.working,
        );
        let mut miss = Miss::NoGrid;
        let mut scaled_for: Option<(usize, usize, usize)> = None;
        let mut integral_for = None;
        let mut bits_for = None;
        for i in 0..self.attempts.len() {
            let attempt = self.attempts[i];
            let (w, h) = match scaled_for {
                Some((s, w, h)) if s == attempt.scale => (w, h),
                _ => {
                    let (w, h) =
                        scale::downscale(&self.working, ww, wh, attempt.scale, &mut self.scaled);
                    scaled_for = Some((attempt.scale, w, h));
                    (w, h)
                }
            };
            if w < 21 || h < 21 {
                continue;
            }
            if attempt.method != Method::RqrrRows && bits_for != Some(attempt) {
                self.binarize(attempt, w, h, &mut integral_for);
                bits_for = Some(attempt);
            }
            let result = match attempt.method {
                Method::RqrrRows => reader::read_greyscale(&self.scaled, w, h),
                Method::RqrrMean(_) => reader::read_bitmap(&self.bits, w, h),
                Method::Finders(_) | Method::BlockFinders(_) => {
                    let img = finder::Bitmap {
                        bits: &self.bits,
                        width: w,
                        height: h,
                    };
                    finder::find(&img, &mut self.finders);
                    let (finders, modules) = (&self.finders, &mut self.modules);
                    reader::shielded(|| locate::read(&img, finders, modules))
                }
            };
            match result {
                Ok(text) => return Ok(text),
                Err(m) => miss = miss.max(m),
            }
        }
        Err(match miss {
            Miss::NoGrid => ScanError::NoCode,
            Miss::Undecodable => ScanError::Unreadable,
            Miss::NotText => ScanError::NotText,
        })
    }

    /// Fills `self.bits` for the attempt from `self.scaled` (`w × h`).
    fn binarize(&mut self, attempt: Attempt, w: usize, h: usize, integral_for: &mut Option<usize>) {
        match attempt.method {
            Method::BlockFinders(t) => {
                binarize::block_threshold(&self.scaled, w, h, t, &mut self.table, &mut self.bits);
                *integral_for = None; // the table now holds block sums
            }
            Method::Finders(t) | Method::RqrrMean(t) => {
                if *integral_for != Some(attempt.scale) {
                    binarize::integral(&self.scaled, w, h, &mut self.table);
                    *integral_for = Some(attempt.scale);
                }
                binarize::mean_threshold(&self.table, w, h, t, &mut self.bits);
            }
            Method::RqrrRows => {}
        }
    }
}
