//! Hard limits of the verifier: anything beyond them is rejected before work is done.

/// Longest certificate text accepted, in bytes (a QR code of version 40 holds 4,296 alphanumerics).
pub const MAX_TEXT_LEN: usize = 4096;

/// Largest inflated (decompressed) COSE message accepted, in bytes.
pub const MAX_INFLATED_LEN: usize = 8192;

/// Deepest CBOR nesting accepted in the COSE message and in the claims.
pub const MAX_CBOR_DEPTH: usize = 16;

/// Most waypoints (途经地) accepted in one certificate.
pub const MAX_WAYPOINTS: usize = 64;

/// Longest text value accepted in a charter claim, in bytes.
pub const MAX_CLAIM_TEXT_LEN: usize = 256;

/// Most drivers (驾驶员) named in one certificate, as in one filing.
pub const MAX_DRIVERS: usize = crate::filing::MAX_DRIVERS;

/// Longest driver's name accepted in a certificate, in bytes.
pub const MAX_DRIVER_NAME_LEN: usize = 64;
