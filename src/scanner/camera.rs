//! The rear camera and photos, as RGBA frames for the scan worker.

use js_sys::{Object, Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

use super::protocol::Request;

/// Longest side of a camera frame handed to the worker (the decoder works at up to 1600).
const FRAME_SIDE: u32 = 1280;
/// Longest side of a photo handed to the worker.
const PHOTO_SIDE: u32 = 1600;

/// Why the camera did not open.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// Permission refused.
    Denied,
    /// No camera, or the page may not use one; the reason in Chinese.
    Unavailable(String),
}

/// An open camera playing into a video element, with a canvas to grab frames.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
    canvas: Canvas,
}

impl Camera {
    /// Asks for the rear camera (720p ideally) and plays it into `video`.
    pub async fn open(video: &HtmlVideoElement) -> Result<Self, OpenError> {
        let window =
            web_sys::window().ok_or_else(|| OpenError::Unavailable("无法使用摄像头".into()))?;
        let devices = window
            .navigator()
            .media_devices()
            .map_err(|_| OpenError::Unavailable("当前页面不能使用摄像头（需 HTTPS）".into()))?;
        let constraints = MediaStreamConstraints::new();
        constraints.set_audio(&JsValue::FALSE);
        constraints.set_video(&object(&[
            ("facingMode", object(&[("ideal", "environment".into())])),
            ("width", object(&[("ideal", 1280.into())])),
            ("height", object(&[("ideal", 720.into())])),
        ]));
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| OpenError::Unavailable("当前页面不能使用摄像头（需 HTTPS）".into()))?;
        let stream: MediaStream = match JsFuture::from(promise).await {
            Ok(s) => s.unchecked_into(),
            Err(e) => return Err(open_error(&e)),
        };
        video.set_src_object(Some(&stream));
        if let Ok(play) = video.play() {
            let _ = JsFuture::from(play).await;
        }
        let canvas = Canvas::new().ok_or_else(|| OpenError::Unavailable("无法使用画布".into()))?;
        Ok(Self {
            stream,
            video: video.clone(),
            canvas,
        })
    }

    /// The current video frame, or `None` while the video has none yet.
    pub fn frame(&self) -> Option<Request> {
        let (w, h) = (self.video.video_width(), self.video.video_height());
        if self.video.ready_state() < 2 || w == 0 || h == 0 {
            return None;
        }
        let (w, h) = fit(w, h, FRAME_SIDE);
        self.canvas.size(w, h);
        self.canvas
            .ctx
            .draw_image_with_html_video_element_and_dw_and_dh(
                &self.video,
                0.0,
                0.0,
                w as f64,
                h as f64,
            )
            .ok()?;
        self.canvas.pixels(w, h)
    }

    /// Whether the camera has a torch (flash) that can be switched.
    pub fn has_torch(&self) -> bool {
        let Some(track) = self.track() else {
            return false;
        };
        let Ok(get) = Reflect::get(&track, &"getCapabilities".into()) else {
            return false;
        };
        let Some(get) = get.dyn_ref::<js_sys::Function>() else {
            return false;
        };
        get.call0(&track)
            .and_then(|caps| Reflect::get(&caps, &"torch".into()))
            .is_ok_and(|t| t.is_truthy())
    }

    /// Switches the torch on or off (ignored where unsupported).
    pub fn set_torch(&self, on: bool) {
        let Some(track) = self.track() else { return };
        let advanced = js_sys::Array::of1(&object(&[("torch", on.into())]));
        let constraints = object(&[("advanced", advanced.into())]);
        if let Ok(apply) = Reflect::get(&track, &"applyConstraints".into()) {
            if let Some(apply) = apply.dyn_ref::<js_sys::Function>() {
                let _ = apply.call1(&track, &constraints);
            }
        }
    }

    /// Stops the camera (its light goes off).
    pub fn stop(&self) {
        for track in self.stream.get_tracks().iter() {
            track.unchecked_into::<MediaStreamTrack>().stop();
        }
        self.video.set_src_object(None);
    }

    fn track(&self) -> Option<MediaStreamTrack> {
        self.stream.get_video_tracks().get(0).dyn_into().ok()
    }
}

/// Draws a photo (any image the browser can decode) and returns its pixels, at most 1600 wide.
pub async fn photo_pixels(file: &web_sys::File) -> Result<Request, String> {
    let window = web_sys::window().ok_or("无法读取照片")?;
    let promise = window
        .create_image_bitmap_with_blob(file)
        .map_err(|_| "无法读取照片".to_string())?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(promise)
        .await
        .map_err(|_| "无法解码照片".to_string())?
        .unchecked_into();
    let (w, h) = fit(bitmap.width(), bitmap.height(), PHOTO_SIDE);
    let canvas = Canvas::new().ok_or("无法使用画布")?;
    canvas.size(w, h);
    canvas
        .ctx
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w as f64, h as f64)
        .map_err(|_| "无法读取照片".to_string())?;
    bitmap.close();
    canvas
        .pixels(w, h)
        .ok_or_else(|| "无法读取照片".to_string())
}

/// An off-screen canvas tuned for frequent pixel reads.
struct Canvas {
    element: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
}

impl Canvas {
    fn new() -> Option<Self> {
        let element: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        let options = object(&[("willReadFrequently", true.into())]);
        let ctx = element
            .get_context_with_context_options("2d", &options)
            .ok()??
            .dyn_into()
            .ok()?;
        Some(Self { element, ctx })
    }

    fn size(&self, w: u32, h: u32) {
        if self.element.width() != w || self.element.height() != h {
            self.element.set_width(w);
            self.element.set_height(h);
        }
    }

    /// The RGBA pixels, left in JavaScript memory so they can be transferred to the worker.
    fn pixels(&self, w: u32, h: u32) -> Option<Request> {
        let image = self.ctx.get_image_data(0.0, 0.0, w as f64, h as f64).ok()?;
        let pixels: Uint8ClampedArray =
            Reflect::get(&image, &"data".into()).ok()?.dyn_into().ok()?;
        Some(Request {
            width: w as usize,
            height: h as usize,
            pixels,
        })
    }
}

/// Scales `(w, h)` down so the longer side is at most `side`.
fn fit(w: u32, h: u32, side: u32) -> (u32, u32) {
    let long = w.max(h);
    if long <= side {
        return (w, h);
    }
    (
        (w as u64 * side as u64 / long as u64).max(1) as u32,
        (h as u64 * side as u64 / long as u64).max(1) as u32,
    )
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in entries {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

fn open_error(e: &JsValue) -> OpenError {
    let name = Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    match name.as_str() {
        "NotAllowedError" | "SecurityError" => OpenError::Denied,
        "NotFoundError" | "OverconstrainedError" => OpenError::Unavailable("未找到摄像头".into()),
        "NotReadableError" => OpenError::Unavailable("摄像头被其他程序占用".into()),
        _ => OpenError::Unavailable("无法打开摄像头".into()),
    }
}
