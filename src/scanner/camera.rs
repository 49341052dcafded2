//! The rear camera and photos, as frames for the scan worker.
//!
//! Where the browser offers the track's own frames (`MediaStreamTrackProcessor`), each camera frame
//! is handed to the worker as it is, a handle: the page's thread never touches its pixels, and the
//! worker reads the luma plane at the camera's full resolution. Elsewhere the video is drawn on a
//! canvas and its RGBA pixels are read on the page.

use std::rc::Rc;

use js_sys::{Object, Promise, Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, MediaStream,
    MediaStreamConstraints, MediaStreamTrack,
};

use super::protocol::{Pixels, Request, VideoFrame};

#[wasm_bindgen]
extern "C" {
    /// WebCodecs' breakout box: a camera track's frames as a stream of `VideoFrame`s.
    #[wasm_bindgen(js_name = MediaStreamTrackProcessor)]
    type TrackProcessor;
    #[wasm_bindgen(constructor, catch, js_class = "MediaStreamTrackProcessor")]
    fn new(init: &JsValue) -> Result<TrackProcessor, JsValue>;
    #[wasm_bindgen(method, getter, js_class = "MediaStreamTrackProcessor")]
    fn readable(this: &TrackProcessor) -> FrameStream;

    /// The processor's `ReadableStream` of frames.
    type FrameStream;
    #[wasm_bindgen(method, catch, js_name = getReader)]
    fn get_reader(this: &FrameStream) -> Result<FrameReader, JsValue>;

    /// Its reader; `read()` resolves to `{value: VideoFrame, done}`.
    #[derive(Clone)]
    pub type FrameReader;
    #[wasm_bindgen(method)]
    fn read(this: &FrameReader) -> Promise;
}

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

/// An open camera playing into a video element, and where its frames are taken from.
pub struct Camera {
    stream: MediaStream,
    video: HtmlVideoElement,
    frames: Frames,
}

/// Where a camera's frames are taken from; cheap to clone (handles).
#[derive(Clone)]
pub enum Frames {
    /// The track's own frames, handed to the worker untouched.
    Track(FrameReader),
    /// The video drawn on a canvas, its RGBA pixels read on the page.
    Canvas(HtmlVideoElement, Rc<Canvas>),
}

impl Frames {
    /// The camera's next frame, or `None` while the video has none yet (or the camera stopped).
    pub async fn next(&self) -> Option<Request> {
        match self {
            Self::Track(reader) => {
                let read = JsFuture::from(reader.read()).await.ok()?;
                let frame: VideoFrame =
                    Reflect::get(&read, &"value".into()).ok()?.dyn_into().ok()?;
                let side = |name: &str| Reflect::get(&frame, &name.into()).ok()?.as_f64();
                let (width, height) = (side("displayWidth"), side("displayHeight"));
                Some(Request {
                    width: width.unwrap_or(0.0) as usize,
                    height: height.unwrap_or(0.0) as usize,
                    pixels: Pixels::Video(frame),
                })
            }
            Self::Canvas(video, canvas) => canvas.video_frame(video),
        }
    }
}

/// Where `public/boot.js` leaves its request for the camera, made while the page loaded.
const BOOT_CAMERA: &str = "charterpassCamera";

/// The camera request `public/boot.js` made with the page (the same constraints), taken once: a
/// later opening (重新扫描) asks again.
fn boot_request() -> Option<Promise> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(BOOT_CAMERA);
    let asked = Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    let _ = Reflect::delete_property(&window, &key);
    Some(asked)
}

/// The track's frames where the browser offers them (a buffer of one: the newest frame).
fn track_frames(stream: &MediaStream) -> Option<FrameReader> {
    if !Reflect::has(&js_sys::global(), &"MediaStreamTrackProcessor".into()).unwrap_or(false) {
        return None;
    }
    let track = stream.get_video_tracks().get(0);
    let init = object(&[("track", track), ("maxBufferSize", 1.into())]);
    TrackProcessor::new(&init)
        .ok()?
        .readable()
        .get_reader()
        .ok()
}

impl Camera {
    /// Asks for the rear camera (720p ideally) and plays it into `video`. (`public/boot.js` asks
    /// with the same constraints on the inspector's page while it loads; that request is used.)
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
        let promise = match boot_request() {
            Some(asked) => asked,
            None => devices
                .get_user_media_with_constraints(&constraints)
                .map_err(|_| OpenError::Unavailable("当前页面不能使用摄像头（需 HTTPS）".into()))?,
        };
        let stream: MediaStream = match JsFuture::from(promise).await {
            Ok(s) => s.unchecked_into(),
            Err(e) => return Err(open_error(&e)),
        };
        video.set_src_object(Some(&stream));
        let playing = video.play().ok().map(JsFuture::from);
        let frames = match track_frames(&stream) {
            // The track's frames do not wait for the preview to start playing (on a slow phone
            // that is a few busy turns of the page's thread before the first frame is decoded).
            Some(reader) => {
                if let Some(playing) = playing {
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = playing.await;
                    });
                }
                Frames::Track(reader)
            }
            None => {
                if let Some(playing) = playing {
                    let _ = playing.await;
                }
                Frames::Canvas(
                    video.clone(),
                    Rc::new(
                        Canvas::new()
                            .ok_or_else(|| OpenError::Unavailable("无法使用画布".into()))?,
                    ),
                )
            }
        };
        Ok(Self {
            stream,
            video: video.clone(),
            frames,
        })
    }

    /// Where this camera's frames are taken from.
    pub fn frames(&self) -> Frames {
        self.frames.clone()
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
pub struct Canvas {
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

    /// The video's current frame, at most `FRAME_SIDE` wide; `None` while it has none yet.
    fn video_frame(&self, video: &HtmlVideoElement) -> Option<Request> {
        let (w, h) = (video.video_width(), video.video_height());
        if video.ready_state() < 2 || w == 0 || h == 0 {
            return None;
        }
        let (w, h) = fit(w, h, FRAME_SIDE);
        self.size(w, h);
        self.ctx
            .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w as f64, h as f64)
            .ok()?;
        self.pixels(w, h)
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
            pixels: Pixels::Rgba(pixels),
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
