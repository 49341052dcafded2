//! charterpass: the two Galois fields of QR decoding with log/exp tables (768 bytes each),
//! replacing `g2p!`, whose generated types carry a 64 KiB product table each: most of the
//! browser scan worker's download. Same fields (same modulus, same generator), same results.

use std::iter::{Product, Sum};
use std::ops::{Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Sub, SubAssign};

use g2p::{G2Poly, GaloisField};

/// Powers of the generator 2 (twice over, so a sum of two logarithms needs no reduction) and
/// the logarithm of every non-zero element, for the field of `size` elements under `modulus`.
const fn tables(size: usize, modulus: usize) -> ([u8; 512], [u8; 256]) {
    let (mut exp, mut log) = ([0u8; 512], [0u8; 256]);
    let mut x = 1usize;
    let mut i = 0;
    while i < size - 1 {
        exp[i] = x as u8;
        exp[i + size - 1] = x as u8;
        log[x] = i as u8;
        x <<= 1;
        if x & size != 0 {
            x ^= modulus;
        }
        i += 1;
    }
    (exp, log)
}

// Addition in GF(2^n) is XOR, which clippy finds suspicious in `Add` impls.
macro_rules! log_field {
    ($name:ident, $size:expr, $modulus:expr) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name(pub u8);

        impl $name {
            const TABLES: ([u8; 512], [u8; 256]) = tables($size, $modulus);
            const EXP: [u8; 512] = Self::TABLES.0;
            const LOG: [u8; 256] = Self::TABLES.1;
        }

        impl GaloisField for $name {
            const SIZE: usize = $size;
            const MODULUS: G2Poly = G2Poly($modulus);
            const ZERO: Self = Self(0);
            const ONE: Self = Self(1);
            const GENERATOR: Self = Self(2);
        }

        #[allow(clippy::suspicious_arithmetic_impl, clippy::suspicious_op_assign_impl)]
        impl Add for $name {
            type Output = Self;
            fn add(self, rhs: Self) -> Self {
                Self(self.0 ^ rhs.0)
            }
        }
        #[allow(clippy::suspicious_arithmetic_impl, clippy::suspicious_op_assign_impl)]
        impl AddAssign for $name {
            fn add_assign(&mut self, rhs: Self) {
                self.0 ^= rhs.0;
            }
        }
        #[allow(clippy::suspicious_arithmetic_impl, clippy::suspicious_op_assign_impl)]
        impl Sub for $name {
            type Output = Self;
            fn sub(self, rhs: Self) -> Self {
                Self(self.0 ^ rhs.0)
            }
        }
        #[allow(clippy::suspicious_arithmetic_impl, clippy::suspicious_op_assign_impl)]
        impl SubAssign for $name {
            fn sub_assign(&mut self, rhs: Self) {
                self.0 ^= rhs.0;
            }
        }
        impl Neg for $name {
            type Output = Self;
            fn neg(self) -> Self {
                self
            }
        }
        impl Mul for $name {
            type Output = Self;
            fn mul(self, rhs: Self) -> Self {
                if self.0 == 0 || rhs.0 == 0 {
                    return Self(0);
                }
                let log = Self::LOG[self.0 as usize] as usize + Self::LOG[rhs.0 as usize] as usize;
                Self(Self::EXP[log])
            }
        }
        impl MulAssign for $name {
            fn mul_assign(&mut self, rhs: Self) {
                *self = *self * rhs;
            }
        }
        impl Div for $name {
            type Output = Self;
            /// Division by zero gives zero, as `g2p`'s inverse table did (rqrr checks first).
            fn div(self, rhs: Self) -> Self {
                if self.0 == 0 || rhs.0 == 0 {
                    return Self(0);
                }
                let log = Self::LOG[self.0 as usize] as usize + ($size - 1)
                    - Self::LOG[rhs.0 as usize] as usize;
                Self(Self::EXP[log])
            }
        }
        impl DivAssign for $name {
            fn div_assign(&mut self, rhs: Self) {
                *self = *self / rhs;
            }
        }
        impl Sum for $name {
            fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(Self(0), Add::add)
            }
        }
        impl Product for $name {
            fn product<I: Iterator<Item = Self>>(iter: I) -> Self {
                iter.fold(Self(1), Mul::mul)
            }
        }
    };
}

log_field!(GF16, 16, 0b1_0011);
log_field!(GF256, 256, 0b1_0001_1101);

#[cfg(test)]
mod tests {
    use super::*;

    /// Multiplication by shift-and-reduce, the definition the tables must agree with.
    fn slow_mul(mut a: usize, mut b: usize, size: usize, modulus: usize) -> u8 {
        let mut product = 0;
        while b != 0 {
            if b & 1 != 0 {
                product ^= a;
            }
            b >>= 1;
            a <<= 1;
            if a & size != 0 {
                a ^= modulus;
            }
        }
        product as u8
    }

    #[test]
    fn products_and_quotients_agree_with_the_definition() {
        for a in 0..256usize {
            for b in 0..256usize {
                let p = GF256(a as u8) * GF256(b as u8);
                assert_eq!(p.0, slow_mul(a, b, 256, 0b1_0001_1101), "{a} * {b}");
                if b != 0 {
                    assert_eq!((p / GF256(b as u8)).0, a as u8, "{a} * {b} / {b}");
                }
            }
        }
        for a in 0..16usize {
            for b in 0..16usize {
                let p = GF16(a as u8) * GF16(b as u8);
                assert_eq!(p.0, slow_mul(a, b, 16, 0b1_0011), "{a} * {b}");
                if b != 0 {
                    assert_eq!((p / GF16(b as u8)).0, a as u8);
                }
            }
        }
    }

    #[test]
    fn two_generates_every_non_zero_element() {
        assert_eq!(GF256::GENERATOR.pow(255), GF256::ONE);
        assert!((1..255).all(|i| GF256::GENERATOR.pow(i) != GF256::ONE));
        assert_eq!(GF16::GENERATOR.pow(15), GF16::ONE);
        assert!((1..15).all(|i| GF16::GENERATOR.pow(i) != GF16::ONE));
    }
}
