//! The page's side of the scan worker: spawning it, sending frames, receiving answers.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

use super::protocol::{Answer, Request};

/// The worker's script (`public/scan-worker.js`, copied into the inspector's bundle by
/// `inspector.html`, which also names it for `public/boot.js`): it loads this bundle's own wasm a second time and serves frames. (The wasm
/// is named by message, not in the URL: offline, the service worker's copy has no query.)
const SCRIPT: &str = "/bundles/inspector/scan-worker.js";

/// The URL of this bundle's JS glue, which Trunk names in the page's `modulepreload` link.
fn glue_url() -> Result<String, JsValue> {
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=modulepreload]").ok().flatten())
        .ok_or_else(|| JsValue::from_str("no modulepreload link"))?;
    link.get_attribute("href")
        .ok_or_else(|| JsValue::from_str("modulepreload link without href"))
}

/// Where `public/boot.js` leaves the worker it started with the page (on `window`).
const BOOT_WORKER: &str = "charterpassScanWorker";

/// How long to wait before asking for a frame again when the video had none.
const RETRY: Duration = Duration::from_millis(100);

/// A running scan worker; frames sent before it is ready wait (only the newest).
pub struct ScanWorker {
    worker: Worker,
    ready: Rc<Cell<bool>>,
    pending: Rc<RefCell<Option<Request>>>,
    on_answer: Rc<dyn Fn(Answer)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(JsValue)>,
}

impl ScanWorker {
    /// Starts the worker, or adopts the one `public/boot.js` started with the page; `on_answer`
    /// receives every answer (and `Ready` when a frame is wanted).
    pub fn spawn(on_answer: impl Fn(Answer) + 'static) -> Result<Self, JsValue> {
        let (worker, ready) = match adopt() {
            Some(adopted) => adopted,
            None => (start()?, false),
        };
        let on_answer: Rc<dyn Fn(Answer)> = Rc::new(on_answer);
        let ready = Rc::new(Cell::new(ready));
        let pending = Rc::new(RefCell::new(None::<Request>));
        let on_message = {
            let (worker, ready, pending, on_answer) = (
                worker.clone(),
                ready.clone(),
                pending.clone(),
                on_answer.clone(),
            );
            Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
                let Some(answer) = Answer::from_js(&msg.data()) else {
                    return;
                };
                if answer == Answer::Ready {
                    // An adopted worker may have said so before it was adopted, and again now.
                    if ready.replace(true) {
                        return;
                    }
                    if let Some(request) = pending.borrow_mut().take() {
                        post(&worker, request);
                        return;
                    }
                }
                on_answer(answer);
            })
        };
        let on_error = {
            let on_answer = on_answer.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                on_answer(Answer::Failed("识别程序加载失败".to_owned()))
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Self {
            worker,
            ready,
            pending,
            on_answer,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Hands a frame to the worker (its pixels are transferred, not copied).
    pub fn send(&self, request: Request) {
        if self.ready.get() {
            post(&self.worker, request);
        } else if let Some(older) = self.pending.borrow_mut().replace(request) {
            older.discard();
        }
    }

    /// Asks for a frame again shortly (the video had none yet).
    pub fn retry_soon(&self) {
        let on_answer = self.on_answer.clone();
        leptos::prelude::set_timeout(move || on_answer(Answer::Ready), RETRY);
    }

    /// Stops the worker.
    pub fn terminate(&self) {
        self.worker.set_onmessage(None);
        self.worker.terminate();
    }
}

/// Starts a worker and hands it this page's glue and compiled wasm module, so the worker neither
/// downloads nor compiles it again (it then answers "ready").
fn start() -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(SCRIPT, &options)?;
    let first = Array::of2(&JsValue::from_str(&glue_url()?), &wasm_bindgen::module());
    worker.post_message(&first)?;
    Ok(worker)
}

/// The worker `public/boot.js` started while the page loaded, taken once (a scanner mounted later
/// starts its own), with whether it has said it is ready; `None` if there is none or it failed.
fn adopt() -> Option<(Worker, bool)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(BOOT_WORKER);
    let worker = Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<Worker>()
        .ok()?;
    let _ = Reflect::delete_property(&window, &key);
    let flag = |name: &str| Reflect::get(&worker, &name.into()).is_ok_and(|v| v.is_truthy());
    if flag("charterpassFailed") {
        worker.terminate();
        return None;
    }
    let ready = flag("charterpassReady");
    Some((worker, ready))
}

fn post(worker: &Worker, request: Request) {
    if worker
        .post_message_with_transfer(&request.to_js(), &request.transfer())
        .is_err()
    {
        request.discard();
    }
}
