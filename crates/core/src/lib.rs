//! Domain code shared by the browser app and the server: one answer in both places.
//!
//! No I/O lives here; everything builds for native targets and `wasm32-unknown-unknown`.

pub mod account;
pub mod booking;
pub mod bundle;
pub mod certificate;
pub mod conclusion;
pub mod credit_code;
pub mod cst;
pub mod distance;
pub mod division;
pub mod documents;
pub mod filing;
pub mod filing_api;
pub mod home_end;
pub mod id_number;
pub mod issuance;
pub mod licence;
pub mod mask;
pub mod master_data;
pub mod plate;
pub mod review;
pub mod role;
/// The QR scan engine, from its own crate (`crates/scan`).
pub use charterpass_scan as scan;
pub mod scope;
pub mod session;
pub mod timing;
pub mod verification;
pub mod version;
