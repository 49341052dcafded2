//! Domain code shared by the browser app and the server: one answer in both places.
//!
//! No I/O lives here; everything builds for native targets and `wasm32-unknown-unknown`.

pub mod version;
