//! Mounts the inspector's bundle (`/verify`); the same module is the scan worker's.

use wasm_bindgen::prelude::*;

fn main() {
    // In the scan worker (public/scan-worker.js) there is no page to mount on.
    if web_sys::window().is_none() {
        return;
    }
    charterpass_app::app::start(charterpass_app::app::inspector::InspectorApp);
}

/// The scan worker's entry point: this bundle's wasm, loaded a second time inside the worker.
#[wasm_bindgen]
pub fn scan_worker() {
    charterpass_app::scanner::serve_worker();
}
