//! Messages between the page and the scan worker, shared by both sides.

use js_sys::{Array, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};

/// The worker's first message: it now listens.
pub const READY: &str = "ready";

/// A frame to scan: RGBA pixels as the canvas gives them.
pub struct Request {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height × 4` bytes.
    pub pixels: Uint8ClampedArray,
}

impl Request {
    /// `[width, height, pixels]`.
    pub fn to_js(&self) -> JsValue {
        Array::of3(
            &JsValue::from(self.width as u32),
            &JsValue::from(self.height as u32),
            &self.pixels,
        )
        .into()
    }

    /// Reads `[width, height, pixels]`; `None` for anything else.
    pub fn from_js(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>()?;
        let width = array.get(0).as_f64()? as usize;
        let height = array.get(1).as_f64()? as usize;
        let pixels = array.get(2).dyn_into::<Uint8ClampedArray>().ok()?;
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
