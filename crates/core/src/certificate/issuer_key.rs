//! An issuer's key made ready for many verifications (签发密钥): its point checked against its kid
//! once, and its multiples by 256^i precomputed, as p256 keeps them for the generator (and so do
//! we, once). ES256 then needs no run of 256 point doublings: `u1·G + u2·Q` is two table walks of
//! about 66 additions each, with p256's own arithmetic (`make bench-verify` prints the time
//! against WebCrypto's).

use std::sync::OnceLock;

use p256::ecdsa::{Signature, VerifyingKey};
use p256::elliptic_curve::group::Group;
use p256::elliptic_curve::ops::Reduce;
use p256::elliptic_curve::point::AffineCoordinates;
use p256::{FieldBytes, NistP256, ProjectivePoint, Scalar};
use primeorder::{LookupTable, Radix16Decomposition, Radix16Digits};
use sha2::{Digest, Sha256};

use super::error::VerifyError;

/// Lookup tables, one per two radix-16 digits of a 256-bit scalar, plus the carry digit.
const TABLES: usize = 33;

/// A verifying key with its precomputed multiples (about 25 KB).
#[derive(Debug)]
pub struct IssuerKey {
    multiples: Multiples,
}

impl IssuerKey {
    /// Precomputes the multiples of `key` (costs about one and a half verifications).
    pub fn new(key: &VerifyingKey) -> IssuerKey {
        IssuerKey {
            multiples: Multiples::new(ProjectivePoint::from(*key.as_affine())),
        }
    }

    /// Checks a raw 64-byte `r || s` ES256 signature over `to_be_signed`: the ECDSA verification
    /// equation of `ecdsa::hazmat::verify_prehashed`, with precomputed multiples of G and Q.
    pub fn verify_es256(&self, to_be_signed: &[u8], signature: &[u8]) -> Result<(), VerifyError> {
        let signature =
            Signature::from_slice(signature).map_err(|_| VerifyError::SignatureInvalid)?;
        let (r, s) = signature.split_scalars();
        let z = <Scalar as Reduce<FieldBytes>>::reduce(&Sha256::digest(to_be_signed));
        let s_inv =
            Option::<Scalar>::from(s.invert_vartime()).ok_or(VerifyError::SignatureInvalid)?;
        let (u1, u2) = (z * s_inv, *r * s_inv);
        let sum = generator().mul_vartime(&u1) + self.multiples.mul_vartime(&u2);
        // The identity's affine x is 0, which never equals a non-zero r.
        let x = sum.to_affine().x();
        if <Scalar as Reduce<FieldBytes>>::reduce(&x) == *r {
            Ok(())
        } else {
            Err(VerifyError::SignatureInvalid)
        }
    }
}

/// The generator's multiples, made on the first verification. (Not p256's own basepoint table:
/// its initialisation, unrolled at opt-level 3, would add 50 KB to the inspector's wasm.)
fn generator() -> &'static Multiples {
    static GENERATOR: OnceLock<Multiples> = OnceLock::new();
    GENERATOR.get_or_init(|| Multiples::new(ProjectivePoint::GENERATOR))
}

/// `tables[i]` holds `1..=8` times `256^i · P`: p256's basepoint table, for any point P.
#[derive(Debug)]
struct Multiples {
    tables: Box<[LookupTable<ProjectivePoint>; TABLES]>,
}

impl Multiples {
    fn new(mut base: ProjectivePoint) -> Multiples {
        let tables = Box::new(std::array::from_fn(|_| {
            let table = LookupTable::new(base);
            for _ in 0..8 {
                base = base.double();
            }
            table
        }));
        Multiples { tables }
    }

    /// `k·P` in variable time (verification handles only public values), as p256's
    /// `BasepointTable::mul_vartime`.
    fn mul_vartime(&self, k: &Scalar) -> ProjectivePoint {
        let digits = Radix16Decomposition::<Radix16Digits<NistP256>>::new(k);
        let last = TABLES - 1;
        let mut even = self.tables[last].select_vartime(digits[2 * last]);
        let mut odd = ProjectivePoint::IDENTITY;
        for i in (0..last).rev() {
            odd += &self.tables[i].select_vartime(digits[2 * i + 1]);
            even += &self.tables[i].select_vartime(digits[2 * i]);
        }
        for _ in 0..4 {
            odd = odd.double();
        }
        even + odd
    }
}

/// A trust-list entry's key, prepared on its first verification and kept with the entry. It is
/// not part of the entry's value: equal whatever it holds, and a clone starts empty.
#[derive(Default)]
pub struct Prepared(OnceLock<Result<(Vec<u8>, IssuerKey), VerifyError>>);

impl Prepared {
    /// The prepared key of `point`, made by `make` the first time; a point other than the one
    /// prepared (an entry changed after use) is prepared afresh and not kept.
    pub fn get_or_make(
        &self,
        point: &[u8],
        make: impl Fn() -> Result<IssuerKey, VerifyError>,
    ) -> Result<PreparedRef<'_>, VerifyError> {
        match self
            .0
            .get_or_init(|| make().map(|key| (point.to_vec(), key)))
        {
            Ok((kept, key)) if kept == point => Ok(PreparedRef::Kept(key)),
            Ok(_) => make().map(PreparedRef::Fresh),
            Err(e) => Err(*e),
        }
    }
}

/// A prepared key: the one kept, or one made for a single use.
pub enum PreparedRef<'a> {
    /// The key kept with the entry.
    Kept(&'a IssuerKey),
    /// A key prepared for this verification only.
    Fresh(IssuerKey),
}

impl std::ops::Deref for PreparedRef<'_> {
    type Target = IssuerKey;

    fn deref(&self) -> &IssuerKey {
        match self {
            PreparedRef::Kept(key) => key,
            PreparedRef::Fresh(key) => key,
        }
    }
}

impl Clone for Prepared {
    fn clone(&self) -> Prepared {
        Prepared::default()
    }
}

impl PartialEq for Prepared {
    fn eq(&self, _: &Prepared) -> bool {
        true
    }
}

impl Eq for Prepared {}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Prepared")
    }
}

#[cfg(all(test, feature = "sign"))]
mod tests {
    use super::*;
    use crate::certificate::signature::verify_es256;
    use p256::ecdsa::signature::Signer;
    use p256::ecdsa::SigningKey;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// A deterministic signing key from a seed.
    fn key(seed: u8) -> SigningKey {
        let mut bytes = [seed; 32];
        bytes[0] = 1;
        SigningKey::from_slice(&bytes).unwrap()
    }

    #[test]
    fn agrees_with_p256_on_good_and_bad_signatures() {
        for seed in 1..=6u8 {
            let signing = key(seed);
            let other = key(seed.wrapping_add(100));
            let prepared = IssuerKey::new(signing.verifying_key());
            let message = vec![seed; 40 + usize::from(seed)];
            let signature: Signature = signing.sign(&message);
            let good = signature.to_bytes();
            assert_eq!(prepared.verify_es256(&message, &good), Ok(()));
            assert_eq!(
                verify_es256(signing.verifying_key(), &message, &good),
                Ok(())
            );

            let foreign: Signature = other.sign(&message);
            let mut flipped = good.to_vec();
            flipped[usize::from(seed) % 64] ^= 0x01;
            let mut altered = message.clone();
            altered[0] ^= 0x80;
            let zero = [0u8; 64];
            for (text, sig) in [
                (&message, foreign.to_bytes().to_vec()),
                (&message, flipped),
                (&altered, good.to_vec()),
                (&message, zero.to_vec()),
                (&message, good[..63].to_vec()),
            ] {
                let theirs = verify_es256(signing.verifying_key(), text, &sig);
                assert_eq!(prepared.verify_es256(text, &sig), theirs);
                assert_eq!(theirs, Err(VerifyError::SignatureInvalid));
            }
        }
    }

    #[test]
    fn a_changed_point_is_prepared_afresh() {
        let (a, b) = (key(1), key(2));
        let prepared = Prepared::default();
        let point_a = a.verifying_key().to_sec1_point(false);
        let point_b = b.verifying_key().to_sec1_point(false);
        let message = b"charter";
        let by_b: Signature = b.sign(message);
        let make_a = || Ok(IssuerKey::new(a.verifying_key()));
        let make_b = || Ok(IssuerKey::new(b.verifying_key()));
        assert!(matches!(
            prepared.get_or_make(point_a.as_bytes(), make_a),
            Ok(PreparedRef::Kept(_))
        ));
        let fresh = prepared.get_or_make(point_b.as_bytes(), make_b).unwrap();
        assert!(matches!(fresh, PreparedRef::Fresh(_)));
        assert_eq!(fresh.verify_es256(message, &by_b.to_bytes()), Ok(()));
        assert_eq!(prepared.clone(), prepared);
    }
}
