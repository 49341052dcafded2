//! Mounts the driver's bundle (`/driver`).

// The phone's page allocates little; talc does it in a few KB less wasm than the default dlmalloc.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    charterpass_app::app::start(charterpass_app::app::driver::DriverApp);
}
