//! The scan worker's side: inside a Web Worker started on the inspector bundle's own wasm (see
//! `worker.rs` and `public/scan-worker.js`), it receives camera frames (the track's own frames, or
//! RGBA pixels drawn on the page) and photos, runs the QR decoder off the page's thread, and
//! answers with the text or the reason in Chinese.

use std::cell::RefCell;
use std::rc::Rc;

use charterpass_core::scan::{Frame, Scanner};
use js_sys::{Array, Reflect, Uint8Array, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, ImageData, MessageEvent};

use super::protocol::{rgba_to_grey, Answer, Pixels, Request, VideoFrame};

/// Formats whose first plane is 8-bit luma: copied as the grey image, with no conversion.
const LUMA_FIRST: [&str; 7] = ["I420", "I420A", "I422", "I422A", "I444", "I444A", "NV12"];

#[wasm_bindgen]
extern "C" {
    /// A canvas with no element, for camera frames whose pixels cannot be copied as luma.
    type OffscreenCanvas;
    #[wasm_bindgen(constructor, catch)]
    fn new(width: u32, height: u32) -> Result<OffscreenCanvas, JsValue>;
    #[wasm_bindgen(method, catch, js_name = getContext)]
    fn get_context(
        this: &OffscreenCanvas,
        kind: &str,
        options: &JsValue,
    ) -> Result<Option<Context2d>, JsValue>;

    /// Its 2D context.
    type Context2d;
    #[wasm_bindgen(method, catch, js_name = drawImage)]
    fn draw_image(this: &Context2d, image: &JsValue, x: f64, y: f64) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch, js_name = getImageData)]
    fn get_image_data(
        this: &Context2d,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
    ) -> Result<ImageData, JsValue>;
}

/// The decoder and its reusable buffers.
struct Decoder {
    scanner: Scanner,
    rgba: Vec<u8>,
    grey: Vec<u8>,
}

impl Decoder {
    /// A decoder with the default attempts.
    fn new() -> Self {
        Self {
            scanner: Scanner::new(),
            rgba: Vec::new(),
            grey: Vec::new(),
        }
    }

    /// Decodes the grey image in `self.grey`.
    fn decode(&mut self, width: usize, height: usize) -> Answer {
        match Frame::new(width, height, &self.grey).and_then(|f| self.scanner.scan(f)) {
            Ok(text) => Answer::Text(text),
            Err(e) => Answer::Miss(e.message().to_owned()),
        }
    }

    /// Decodes RGBA pixels.
    fn rgba(&mut self, width: usize, height: usize, rgba: &Uint8ClampedArray) -> Answer {
        self.rgba.resize(rgba.length() as usize, 0);
        Uint8ClampedArray::copy_to(rgba, &mut self.rgba);
        rgba_to_grey(&self.rgba, &mut self.grey);
        self.decode(width, height)
    }

    /// Decodes the luma plane of copied planes: `stride` bytes a row from `offset`.
    fn luma(
        &mut self,
        size: (usize, usize),
        planes: &Uint8Array,
        offset: usize,
        stride: usize,
    ) -> Answer {
        let (width, height) = size;
        self.grey.resize(width * height, 0);
        if stride == width {
            let start = offset as u32;
            planes
                .subarray(start, start + (width * height) as u32)
                .copy_to(&mut self.grey);
            return self.decode(width, height);
        }
        for (row, line) in self.grey.chunks_exact_mut(width).enumerate() {
            let start = (offset + row * stride) as u32;
            planes.subarray(start, start + width as u32).copy_to(line);
        }
        self.decode(width, height)
    }
}

/// Serves frames until the worker is terminated; first tells the page it is ready.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let decoder = Rc::new(RefCell::new(Decoder::new()));
    let canvas = Rc::new(RefCell::new(None::<(OffscreenCanvas, Context2d)>));
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
        let Some(request) = Request::from_js(&msg.data()) else {
            let _ = reply_to.post_message(&Answer::Miss("扫描数据有误".to_owned()).to_js());
            return;
        };
        let (width, height) = (request.width, request.height);
        match request.pixels {
            Pixels::Rgba(rgba) => {
                let reply = decoder.borrow_mut().rgba(width, height, &rgba);
                let _ = reply_to.post_message(&reply.to_js());
            }
            Pixels::Video(frame) => {
                let (decoder, canvas, reply_to) =
                    (decoder.clone(), canvas.clone(), reply_to.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let reply = video(&frame, &decoder, &canvas).await;
                    frame.close();
                    let _ = reply_to.post_message(&reply.to_js());
                });
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the wasm module was loaded are lost: the page waits for this.
    let _ = scope.post_message(&Answer::Ready.to_js());
}

/// Decodes a camera frame: its luma plane copied as it is where the format has one, else the
/// frame drawn on an off-screen canvas.
async fn video(
    frame: &VideoFrame,
    decoder: &RefCell<Decoder>,
    canvas: &RefCell<Option<(OffscreenCanvas, Context2d)>>,
) -> Answer {
    let Some(size) = visible_size(frame) else {
        return Answer::Miss("扫描数据有误".to_owned());
    };
    let luma = frame
        .format()
        .is_some_and(|f| LUMA_FIRST.contains(&f.as_str()));
    if luma {
        if let Some((planes, offset, stride)) = copy_planes(frame).await {
            return decoder.borrow_mut().luma(size, &planes, offset, stride);
        }
    }
    let Some(rgba) = draw(frame, size, canvas) else {
        return Answer::Miss("无法读取摄像头画面".to_owned());
    };
    decoder.borrow_mut().rgba(size.0, size.1, &rgba)
}

/// The frame's visible width and height.
fn visible_size(frame: &VideoFrame) -> Option<(usize, usize)> {
    let rect = frame.visible_rect();
    let side = |name: &str| Reflect::get(&rect, &name.into()).ok()?.as_f64();
    let (w, h) = (side("width")? as usize, side("height")? as usize);
    (w > 0 && h > 0).then_some((w, h))
}

/// The frame's planes copied out, with the luma plane's offset and stride.
async fn copy_planes(frame: &VideoFrame) -> Option<(Uint8Array, usize, usize)> {
    let planes = Uint8Array::new_with_length(frame.allocation_size().ok()?);
    let layouts = JsFuture::from(frame.copy_to(&planes).ok()?).await.ok()?;
    let first = layouts.dyn_into::<Array>().ok()?.get(0);
    let field = |name: &str| Reflect::get(&first, &name.into()).ok()?.as_f64();
    Some((planes, field("offset")? as usize, field("stride")? as usize))
}

/// The frame drawn on the worker's off-screen canvas: its RGBA pixels.
fn draw(
    frame: &VideoFrame,
    (w, h): (usize, usize),
    canvas: &RefCell<Option<(OffscreenCanvas, Context2d)>>,
) -> Option<Uint8ClampedArray> {
    let mut canvas = canvas.borrow_mut();
    let stale = canvas.as_ref().is_none_or(|(c, _)| {
        Reflect::get(c, &"width".into())
            .ok()
            .and_then(|v| v.as_f64())
            != Some(w as f64)
            || Reflect::get(c, &"height".into())
                .ok()
                .and_then(|v| v.as_f64())
                != Some(h as f64)
    });
    if stale {
        let element = OffscreenCanvas::new(w as u32, h as u32).ok()?;
        let options = js_sys::Object::new();
        Reflect::set(&options, &"willReadFrequently".into(), &JsValue::TRUE).ok()?;
        let ctx = element.get_context("2d", &options).ok()??;
        *canvas = Some((element, ctx));
    }
    let (_, ctx) = canvas.as_ref()?;
    ctx.draw_image(frame, 0.0, 0.0).ok()?;
    let image = ctx.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?;
    Reflect::get(&image, &"data".into()).ok()?.dyn_into().ok()
}
