//! The signed trust list (签名信任列表): a province's recognised keys, signed by its list-signing
//! key, which its root key certifies. The public contract is `docs/trust-list.md`.
//!
//! Three key roles per province: the root (根密钥, offline, pinned by fingerprint), the
//! list-signing key (列表签名密钥, certified by the root) and the document-signing keys
//! (签发密钥, listed in the trust list; they sign certificates).

pub mod certification;
pub mod content;
pub mod error;
pub mod fingerprint;
pub mod open;
#[cfg(feature = "sign")]
pub mod seal;

pub use certification::CertifiedSigner;
pub use content::{ListContent, ListedKey, RemovedKey};
pub use error::ListError;
pub use fingerprint::Fingerprint;
pub use open::{accept_for_inspector, accept_import, open, Freshness, OpenedList};

/// Largest signed trust list accepted, in bytes.
pub const MAX_LIST_BYTES: usize = 256 * 1024;

/// Unprotected-header label of the list-signer certification in a signed trust list.
pub const SIGNER_CERTIFICATION_LABEL: i64 = -65537;

/// How long a list is current after it is issued: 7 days.
pub const LIST_LIFETIME_SECONDS: i64 = 7 * 24 * 3600;

/// When the next list is due after one is issued: 1 day.
pub const NEXT_UPDATE_SECONDS: i64 = 24 * 3600;

/// The hard limit: 30 days after its issue a list vouches for nothing.
pub const MAX_LIST_AGE_SECONDS: i64 = 30 * 24 * 3600;

/// How far in the future a list's issue time may lie (clocks differ): 1 hour.
pub const CLOCK_SKEW_SECONDS: i64 = 3600;
#[cfg(feature = "sign")]
pub mod test_vectors;
pub mod vector;
