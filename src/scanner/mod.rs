//! 扫码: a camera QR scanner for the inspector page, with a photo fallback.
//!
//! The rear camera (`facingMode: environment`) plays into a hidden `<video>`; its frames are handed
//! to a Web Worker (`worker.rs`; it runs the inspector bundle's own wasm, `worker_side.rs`) that
//! runs the QR decoder, so the page never stutters: as `VideoFrame`s where the browser has
//! `MediaStreamTrackProcessor`, else drawn to a canvas and sent as pixels (`camera.rs`). One frame is in
//! flight at a time; the next is taken when the worker answers. The decoded text goes to the
//! `on_text` callback, and the camera goes on scanning: the next, different code is read without
//! a reload, while the same code held in view is reported once. Works without `BarcodeDetector`.

mod camera;
pub mod protocol;
mod worker;
mod worker_side;

pub use worker_side::serve as serve_worker;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use camera::Camera;
use protocol::Answer;
use worker::ScanWorker;

/// What the scanner is doing, shown to the inspector in Chinese.
#[derive(Debug, Clone, PartialEq)]
pub enum ScanState {
    /// Waiting for the browser's camera permission.
    RequestingPermission,
    /// The camera was refused (by the user or the browser).
    Denied,
    /// No usable camera (none, or an insecure page).
    Unavailable(String),
    /// Frames are being decoded.
    Scanning,
    /// A code was read; with `camera`, scanning goes on for the next one.
    Recognised {
        /// Whether the camera is still scanning.
        camera: bool,
    },
    /// A photo is being decoded.
    ReadingPhoto,
    /// The photo held no readable code; the reason.
    PhotoMiss(String),
}

impl ScanState {
    /// The line shown under the viewfinder.
    pub fn label(&self) -> String {
        match self {
            Self::RequestingPermission => "请求摄像头权限…".into(),
            Self::Denied => "摄像头被拒绝：请在浏览器设置中允许使用摄像头，或拍照识别".into(),
            Self::Unavailable(why) => format!("{why}：请拍照识别或粘贴凭证内容"),
            Self::Scanning => "正在扫描：请将二维码置于取景框内".into(),
            Self::Recognised { camera: true } => "已识别：可继续扫描下一张二维码".into(),
            Self::Recognised { camera: false } => "已识别".into(),
            Self::ReadingPhoto => "正在识别照片…".into(),
            Self::PhotoMiss(why) => format!("照片未能识别：{why}"),
        }
    }
}

/// The camera scanner; `on_text` receives each newly decoded text (a code held in view, once).
#[component]
pub fn QrScanner(#[prop(into)] on_text: Callback<String>) -> impl IntoView {
    let state = RwSignal::new(ScanState::RequestingPermission);
    let torch_available = RwSignal::new(false);
    let torch_on = RwSignal::new(false);
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let session = StoredValue::new_local(None::<Session>);
    // The last text read, so a code held in front of the camera is reported only once.
    let last_text = StoredValue::new(None::<String>);

    // One handler for both sources: a new text is reported, then the next frame is asked for.
    let on_answer = move |answer: Answer| match answer {
        Answer::Ready => next_frame(session),
        Answer::Text(text) => {
            let from_photo = state.get_untracked() == ScanState::ReadingPhoto;
            let repeat = last_text.with_value(|last| last.as_deref() == Some(text.as_str()));
            if from_photo || !repeat {
                let camera = session.with_value(|s| s.as_ref().is_some_and(|s| s.camera.is_some()));
                last_text.set_value(Some(text.clone()));
                state.set(ScanState::Recognised { camera });
                on_text.run(text);
            }
            next_frame(session);
        }
        Answer::Failed(why) => state.set(ScanState::Unavailable(why)),
        Answer::Miss(why) => {
            if state.get_untracked() == ScanState::ReadingPhoto {
                state.set(ScanState::PhotoMiss(why));
            }
            next_frame(session);
        }
    };

    let start_camera = move || {
        state.set(ScanState::RequestingPermission);
        leptos::task::spawn_local(async move {
            let Some(video) = video_ref.get_untracked() else {
                return;
            };
            match Camera::open(&video).await {
                Ok(camera) => {
                    torch_available.set(camera.has_torch());
                    session.update_value(|s| {
                        if let Some(s) = s {
                            s.camera = Some(camera);
                        }
                    });
                    state.set(ScanState::Scanning);
                    next_frame(session);
                }
                Err(camera::OpenError::Denied) => state.set(ScanState::Denied),
                Err(camera::OpenError::Unavailable(why)) => state.set(ScanState::Unavailable(why)),
            }
        });
    };

    Effect::new(move |_| {
        if video_ref.get().is_none() || session.with_value(Option::is_some) {
            return;
        }
        match ScanWorker::spawn(on_answer) {
            Ok(worker) => {
                session.set_value(Some(Session {
                    worker,
                    camera: None,
                    state,
                }));
                start_camera();
            }
            Err(_) => state.set(ScanState::Unavailable("无法启动识别程序".into())),
        }
    });
    on_cleanup(move || {
        session.try_update_value(|s| {
            if let Some(s) = s.take() {
                s.camera_stop();
                s.worker.terminate();
            }
        });
    });

    let toggle_torch = move |_| {
        let on = !torch_on.get_untracked();
        session.with_value(|s| {
            if let Some(camera) = s.as_ref().and_then(|s| s.camera.as_ref()) {
                camera.set_torch(on);
            }
        });
        torch_on.set(on);
    };

    let on_photo = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        state.set(ScanState::ReadingPhoto);
        leptos::task::spawn_local(async move {
            match camera::photo_pixels(&file).await {
                Ok(frame) => session.with_value(|s| {
                    if let Some(s) = s {
                        s.worker.send(frame);
                    }
                }),
                Err(why) => state.set(ScanState::PhotoMiss(why)),
            }
        });
    };

    let scanning = move || {
        matches!(
            state.get(),
            ScanState::Scanning | ScanState::Recognised { camera: true }
        )
    };
    view! {
        <div class="scanner" aria-label="扫码">
            <div class="scanner-view">
                <video
                    node_ref=video_ref
                    playsinline=""
                    muted=""
                    autoplay=""
                ></video>
                <div
                    class="scanner-frame"
                    aria-hidden="true"
                    style:border-color=move || if scanning() { "rgba(255,255,255,.85)" } else { "rgba(255,255,255,.3)" }
                ></div>
            </div>
            <p class="scanner-state" role="status" aria-live="polite" aria-label="扫码状态">
                {move || state.get().label()}
            </p>
            <div class="scanner-actions">
                <Show when=move || torch_available.get()>
                    <button type="button" on:click=toggle_torch>
                        {move || if torch_on.get() { "关闭手电筒" } else { "打开手电筒" }}
                    </button>
                </Show>
                <Show when=move || {
                    matches!(
                        state.get(),
                        ScanState::Recognised { camera: false }
                            | ScanState::Denied
                            | ScanState::Unavailable(_)
                            | ScanState::PhotoMiss(_)
                    )
                }>
                    <button type="button" on:click=move |_| start_camera()>"重新扫描"</button>
                </Show>
                <label class="button scanner-photo">
                    "拍照识别"
                    <input
                        type="file"
                        accept="image/*"
                        capture="environment"
                        on:change=on_photo
                    />
                </label>
            </div>
        </div>
    }
}

/// Sends the camera's next frame to the worker, or asks again shortly if the video has none yet.
fn next_frame(session: StoredValue<Option<Session>, LocalStorage>) {
    let frames = session.with_value(|s| {
        s.as_ref()
            .filter(|s| s.scanning())
            .and_then(|s| s.camera.as_ref().map(Camera::frames))
    });
    let Some(frames) = frames else {
        return;
    };
    leptos::task::spawn_local(async move {
        let mut frame = frames.next().await;
        // The scanner may have stopped (or the page gone) while the frame was awaited.
        session.try_with_value(|s| {
            let Some(s) = s.as_ref().filter(|s| s.scanning()) else {
                return;
            };
            match frame.take() {
                Some(frame) => s.worker.send(frame),
                None => s.worker.retry_soon(),
            }
        });
        if let Some(unsent) = frame {
            unsent.discard();
        }
    });
}

/// The live parts of one scanner: its worker and, while scanning, the camera.
struct Session {
    worker: ScanWorker,
    camera: Option<Camera>,
    state: RwSignal<ScanState>,
}

impl Session {
    /// Whether the camera's frames are wanted.
    fn scanning(&self) -> bool {
        self.camera.is_some()
            && matches!(
                self.state.get_untracked(),
                ScanState::Scanning | ScanState::Recognised { camera: true }
            )
    }

    fn camera_stop(&self) {
        if let Some(camera) = &self.camera {
            camera.stop();
        }
    }
}
