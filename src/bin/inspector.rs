//! Mounts the inspector's bundle (`/verify`); the same module is the scan worker's.

use wasm_bindgen::prelude::*;

// Like the driver's bundle: talc does the page's and the scan worker's allocation in a few KB
// less wasm than the default dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
