//! The ordered attempts tried on a frame: cheap and likely first, costly rescues last.

use super::binarize::Threshold;

/// How an attempt tells dark from light and finds the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Per-block mean threshold (radius in 8-pixel blocks), then our finder locator (fastest).
    BlockFinders(Threshold),
    /// Mean threshold, then our finder-pattern locator and sampler (fast).
    Finders(Threshold),
    /// Mean threshold, then rqrr's own grid detection (slow, tolerant).
    RqrrMean(Threshold),
    /// rqrr's own running row average and grid detection (`prepare_from_greyscale`).
    RqrrRows,
}

/// One attempt: a downscale factor of the working image and a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempt {
    /// Box-filter factor applied to the working image (1 = full working resolution).
    pub scale: usize,
    /// How dark and light are told apart and the code is found.
    pub method: Method,
}

const fn threshold(radius: usize, smooth: usize, percent: u32) -> Threshold {
    Threshold {
        radius,
        smooth,
        percent,
        min_contrast: 3,
    }
}

const fn finders(scale: usize, radius: usize, smooth: usize, percent: u32) -> Attempt {
    Attempt {
        scale,
        method: Method::Finders(threshold(radius, smooth, percent)),
    }
}

const fn blocks(scale: usize, radius: usize, percent: u32) -> Attempt {
    Attempt {
        scale,
        method: Method::BlockFinders(threshold(radius, 0, percent)),
    }
}

/// The default order of attempts: the fast finder path at half and full resolution first, then
/// the finder path with a finer (per-pixel) threshold, with and without smoothing, then rqrr's
/// own slower but more tolerant grid detection.
pub const DEFAULT: &[Attempt] = &[
    blocks(2, 2, 8),
    blocks(1, 3, 8),
    finders(2, 24, 0, 8),
    // Smoothed at half resolution: a screen's pixel grid beating with the sensor's (moire).
    finders(2, 24, 1, 8),
    finders(1, 48, 0, 8),
    finders(1, 48, 1, 8),
    Attempt {
        scale: 2,
        method: Method::RqrrMean(threshold(24, 0, 8)),
    },
    Attempt {
        scale: 1,
        method: Method::RqrrMean(threshold(48, 0, 8)),
    },
    Attempt {
        scale: 1,
        method: Method::RqrrRows,
    },
];

/// Longest side of the working image; larger frames (photos) are box-downscaled first.
pub const WORKING_SIDE: usize = 1600;
