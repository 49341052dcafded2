//! One-time passwords: random, easy to read out (no 0/O, 1/l/I), with letters and digits, so
//! they also meet the password rules.

use rand::rngs::OsRng;
use rand::Rng;

const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
const DIGITS: &[u8] = b"23456789";
/// Length of a one-time password.
const LENGTH: usize = 14;

/// A fresh one-time password of [`LENGTH`] characters: letters and digits, at least two digits.
pub fn generate() -> String {
    let mut rng = OsRng;
    let pick = |rng: &mut OsRng, set: &[u8]| set[rng.gen_range(0..set.len())] as char;
    let mut chars: Vec<char> = (0..LENGTH - 2).map(|_| pick(&mut rng, LETTERS)).collect();
    for _ in 0..2 {
        let at = rng.gen_range(0..=chars.len());
        chars.insert(at, pick(&mut rng, DIGITS));
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_time_passwords_meet_the_rules_and_differ() {
        let a = super::generate();
        let b = super::generate();
        assert_ne!(a, b);
        assert_eq!(a.len(), super::LENGTH);
        assert_eq!(
            charterpass_core::account::check_new_password("someone", &a),
            Ok(())
        );
    }
}
