//! Why a frame gave no certificate text.

use core::fmt;

/// The reason a frame could not be read, each with a Chinese message for the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanError {
    /// Width or height is zero.
    EmptyFrame,
    /// The buffer holds fewer bytes than width × height.
    ShortBuffer {
        /// Bytes needed: width × height.
        expected: usize,
        /// Bytes given.
        actual: usize,
    },
    /// The frame is larger than any camera or photo we accept.
    FrameTooLarge,
    /// No QR code was found in the frame.
    NoCode,
    /// A QR code was found but none of the attempts could read it.
    Unreadable,
    /// A QR code was read but its content is not UTF-8 text.
    NotText,
}

impl ScanError {
    /// The user-facing message in Simplified Chinese.
    pub fn message(&self) -> &'static str {
        match self {
            Self::EmptyFrame => "图像为空",
            Self::ShortBuffer { .. } => "图像数据不完整",
            Self::FrameTooLarge => "图像过大",
            Self::NoCode => "未找到二维码，请将二维码置于取景框内",
            Self::Unreadable => "找到二维码但无法识别，请靠近、对准或调亮屏幕",
            Self::NotText => "二维码内容不是文本",
        }
    }

    /// A stable machine-readable code, e.g. for JSON output.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyFrame => "empty_frame",
            Self::ShortBuffer { .. } => "short_buffer",
            Self::FrameTooLarge => "frame_too_large",
            Self::NoCode => "no_code",
            Self::Unreadable => "unreadable",
            Self::NotText => "not_text",
        }
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for ScanError {}
