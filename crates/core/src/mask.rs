//! Masking personal numbers wherever they are shown (identity numbers, mobile numbers).

/// Keeps the first `head` and last `tail` characters and stars the rest; all stars when short.
fn mask(text: &str, head: usize, tail: usize) -> String {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.len() <= head + tail {
        return "*".repeat(chars.len());
    }
    let middle = chars.len() - head - tail;
    let mut masked: String = chars[..head].iter().collect();
    masked.push_str(&"*".repeat(middle));
    masked.extend(&chars[head + middle..]);
    masked
}

/// An identity number with only its first and last four characters, e.g. `5301**********1234`.
pub fn id_number(id_number: &str) -> String {
    mask(id_number, 4, 4)
}

/// A mobile number with only its first three and last four digits, e.g. `138****0001`.
pub fn phone(phone: &str) -> String {
    mask(phone, 3, 4)
}

#[cfg(test)]
mod tests {
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn identity_numbers_keep_four_at_each_end() {
        assert_eq!(super::id_number("530102198001011234"), "5301**********1234");
        assert_eq!(super::id_number("12345678"), "********");
    }

    #[test]
    fn phones_keep_prefix_and_last_four() {
        assert_eq!(super::phone("13888000001"), "138****0001");
        assert_eq!(super::phone(""), "");
    }
}
