//! A validated view of a greyscale frame.

use super::ScanError;

/// Largest accepted side, in pixels (a 64-megapixel photo is 9248 wide).
pub const MAX_SIDE: usize = 16_384;

/// One byte per pixel, row-major, 0 = black, 255 = white; checked for size on creation.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    width: usize,
    height: usize,
    pixels: &'a [u8],
}

impl<'a> Frame<'a> {
    /// Checks that `pixels` holds at least `width × height` bytes; extra bytes are ignored.
    pub fn new(width: usize, height: usize, pixels: &'a [u8]) -> Result<Self, ScanError> {
        if width == 0 || height == 0 {
            return Err(ScanError::EmptyFrame);
        }
        if width > MAX_SIDE || height > MAX_SIDE {
            return Err(ScanError::FrameTooLarge);
        }
        let expected = width * height;
        if pixels.len() < expected {
            return Err(ScanError::ShortBuffer {
                expected,
                actual: pixels.len(),
            });
        }
        Ok(Self {
            width,
            height,
            pixels: &pixels[..expected],
        })
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Exactly `width × height` bytes.
    pub fn pixels(&self) -> &'a [u8] {
        self.pixels
    }
}
