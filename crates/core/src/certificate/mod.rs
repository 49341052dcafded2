//! The electronic certificate (省际包车电子凭证): format, signing payload, verification pipeline.
//!
//! Text format: `BC1:` + Base45( zlib( COSE_Sign1 ES256 over CWT claims ) ).
//! The public contract is `docs/certificate-format.md`; the generic layers
//! ([`text`], [`zlib`], [`cbor`], [`cose`], [`signature`], [`cwt`]) are shared with the DGC
//! conformance test.

pub mod cbor;
pub mod claims;
pub mod cose;
pub mod cwt;
pub mod error;
pub mod issuer_key;
pub mod kid;
pub mod limits;
pub mod payload;
#[cfg(feature = "sign")]
pub mod sign;
pub mod signature;
pub mod signed_list;
#[cfg(feature = "sign")]
pub mod test_vectors;
pub mod text;
pub mod trust_list;
mod utc;
pub mod vector;
pub mod verdict;
pub mod verify;
pub mod zlib;

pub use claims::{CharterData, Claims};
pub use error::{Step, VerifyError};
pub use kid::Kid;
pub use trust_list::{Issuer, TrustList};
pub use vector::{Expected, Vector};
pub use verdict::{NotInForce, Rejection, Verdict, Verified};
pub use verify::verify;

/// The text prefix of format version 1 of the charter certificate.
pub const PREFIX: &str = "BC1:";
