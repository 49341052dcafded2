//! The scan worker (a Web Worker built by Trunk from `index.html`'s `data-type="worker"` link):
//! receives camera frames or photos as RGBA pixels, runs the core's QR decoder off the page's
//! thread, and answers with the text or the reason in Chinese.
//!
//! Protocol (see `protocol.rs`): the worker first posts `"ready"`; each request is
//! `[width, height, rgba: Uint8ClampedArray]`, each answer `["text", …]` or `["miss", message]`.

#[cfg(target_arch = "wasm32")]
#[path = "protocol.rs"]
#[allow(dead_code)] // the page's half of the protocol
mod protocol;

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

#[cfg(target_arch = "wasm32")]
fn main() {
    use charterpass_core::scan::{Frame, Scanner};
    use js_sys::Uint8Array;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let (mut scanner, mut rgba, mut grey) = (Scanner::new(), Vec::new(), Vec::new());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |msg: MessageEvent| {
        let reply = match protocol::Request::from_js(&msg.data()) {
            None => protocol::Answer::Miss("扫描数据有误".to_owned()),
            Some(request) => {
                rgba.resize(request.pixels.length() as usize, 0);
                Uint8Array::new(&request.pixels).copy_to(&mut rgba);
                protocol::rgba_to_grey(&rgba, &mut grey);
                match Frame::new(request.width, request.height, &grey).and_then(|f| scanner.scan(f))
                {
                    Ok(text) => protocol::Answer::Text(text),
                    Err(e) => protocol::Answer::Miss(e.message().to_owned()),
                }
            }
        };
        let _ = reply_to.post_message(&reply.to_js());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the wasm module was loaded are lost: the page waits for this.
    let _ = scope.post_message(&protocol::Answer::Ready.to_js());
}
