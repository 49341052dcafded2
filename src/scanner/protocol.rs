//! Messages between the page and the scan worker, shared by both sides.

use js_sys::{Array, Promise, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's first message: it now listens.
pub const READY: &str = "ready";

#[wasm_bindgen]
extern "C" {
    /// A camera frame of WebCodecs (`VideoFrame`): a handle the page transfers to the worker
    /// without reading its pixels. (Declared here: web-sys has it only behind its unstable APIs.)
    #[derive(Clone)]
    pub type VideoFrame;

    /// Its pixel format (`I420`, `NV12`, `RGBA` …), or null when it is opaque (say, on the GPU).
    #[wasm_bindgen(method, getter)]
    pub fn format(this: &VideoFrame) -> Option<String>;

    /// The rectangle of its visible pixels (what `copyTo` copies), a `DOMRectReadOnly`.
    #[wasm_bindgen(method, getter, js_name = visibleRect)]
    pub fn visible_rect(this: &VideoFrame) -> JsValue;

    /// Bytes that `copyTo` writes.
    #[wasm_bindgen(method, catch, js_name = allocationSize)]
    pub fn allocation_size(this: &VideoFrame) -> Result<u32, JsValue>;

    /// Copies its planes into `dest`; resolves to each plane's `{offset, stride}`.
    #[wasm_bindgen(method, catch, js_name = copyTo)]
    pub fn copy_to(this: &VideoFrame, dest: &Uint8Array) -> Result<Promise, JsValue>;

    /// Releases its memory (a camera stalls when its frames are not closed).
    #[wasm_bindgen(method)]
    pub fn close(this: &VideoFrame);
}

/// What a frame's pixels are.
pub enum Pixels {
    /// RGBA bytes as a canvas gives them, `width × height × 4`.
    Rgba(Uint8ClampedArray),
    /// A camera frame as the track gives it; the worker reads its luma plane.
    Video(VideoFrame),
}

/// A frame to scan.
pub struct Request {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// The pixels.
    pub pixels: Pixels,
}

impl Request {
    /// `[width, height, pixels]`.
    pub fn to_js(&self) -> JsValue {
        let pixels: &JsValue = match &self.pixels {
            Pixels::Rgba(rgba) => rgba,
            Pixels::Video(frame) => frame,
        };
        Array::of3(
            &JsValue::from(self.width as u32),
            &JsValue::from(self.height as u32),
            pixels,
        )
        .into()
    }

    /// What `postMessage` transfers rather than copies: the pixel buffer or the frame.
    pub fn transfer(&self) -> Array {
        match &self.pixels {
            Pixels::Rgba(rgba) => Array::of1(&rgba.buffer()),
            Pixels::Video(frame) => Array::of1(frame),
        }
    }

    /// Drops a frame that will not be sent (a camera frame is closed at once).
    pub fn discard(self) {
        if let Pixels::Video(frame) = self.pixels {
            frame.close();
        }
    }

    /// Reads `[width, height, pixels]`; `None` for anything else.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>()?;
        let width = array.get(0).as_f64()? as usize;
        let height = array.get(1).as_f64()? as usize;
        let pixels = array.get(2);
        let pixels = match pixels.dyn_into::<Uint8ClampedArray>() {
            Ok(rgba) => Pixels::Rgba(rgba),
            Err(other) => Pixels::Video(other.dyn_into::<VideoFrame>().ok()?),
        };
        Some(Self {
            width,
            height,
            pixels,
        })
    }
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The worker has loaded and listens.
    Ready,
    /// The text in the code.
    Text(String),
    /// No code read; the reason in Chinese.
    Miss(String),
    /// The worker could not start (page side only, never sent by the worker).
    Failed(String),
}

impl Answer {
    /// `["ready"]`, `["text", text]` or `["miss", message]`.
    pub fn to_js(&self) -> JsValue {
        match self {
            Self::Ready => Array::of1(&READY.into()).into(),
            Self::Text(t) => Array::of2(&"text".into(), &t.into()).into(),
            Self::Miss(m) | Self::Failed(m) => Array::of2(&"miss".into(), &m.into()).into(),
        }
    }

    /// Reads an answer; `None` for anything else.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>()?;
        let kind = array.get(0).as_string()?;
        let body = array.get(1).as_string();
        match (kind.as_str(), body) {
            (READY, _) => Some(Self::Ready),
            ("text", Some(t)) => Some(Self::Text(t)),
            ("miss", Some(m)) => Some(Self::Miss(m)),
            _ => None,
        }
    }
}

/// Luma (BT.601 weights) of RGBA pixels into `grey`, reusing its allocation.
pub fn rgba_to_grey(rgba: &[u8], grey: &mut Vec<u8>) {
    grey.clear();
    grey.extend(
        rgba.chunks_exact(4)
            .map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29 + 128) >> 8) as u8),
    );
}
