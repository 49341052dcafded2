//! The scan worker's side: inside a Web Worker started on the inspector bundle's own wasm (see
//! `worker.rs` and `public/scan-worker.js`), it receives camera frames or photos as RGBA pixels,
//! runs the QR decoder off the page's thread, and answers with the text or the reason in Chinese.

use charterpass_core::scan::{Frame, Scanner};
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::protocol::{rgba_to_grey, Answer, Request};

/// Serves frames until the worker is terminated; first tells the page it is ready.
pub fn serve() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let (mut scanner, mut rgba, mut grey) = (Scanner::new(), Vec::new(), Vec::new());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
        let reply = match Request::from_js(&msg.data()) {
            None => Answer::Miss("扫描数据有误".to_owned()),
            Some(request) => {
                rgba.resize(request.pixels.length() as usize, 0);
                Uint8Array::new(&request.pixels).copy_to(&mut rgba);
                rgba_to_grey(&rgba, &mut grey);
                match Frame::new(request.width, request.height, &grey).and_then(|f| scanner.scan(f))
                {
                    Ok(text) => Answer::Text(text),
                    Err(e) => Answer::Miss(e.message().to_owned()),
                }
            }
        };
        let _ = reply_to.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the wasm module was loaded are lost: the page waits for this.
    let _ = scope.post_message(&Answer::Ready.to_js());
}
