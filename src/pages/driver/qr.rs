//! The certificate's QR code as SVG markup, made in the browser from the signed text.
//!
//! A `BC1:` text is base45, whose 45 characters are exactly the QR alphanumeric set, so the text
//! is one alphanumeric segment in the smallest version that holds it: no segment optimiser, and
//! the markup written here rather than by `qrcode`'s generic renderer (both were driver-bundle
//! weight for nothing).

use std::fmt::Write;

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

/// Light modules around the code, as the QR standard asks.
const QUIET_ZONE: usize = 4;
/// The smallest width and height of the picture, in CSS pixels.
const MIN_PIXELS: usize = 300;

/// The QR code of `text` at level M as SVG markup; `None` if it does not fit a QR code.
pub fn svg(text: &str) -> Option<String> {
    Some(markup(&code(text.as_bytes())?))
}

/// `data` in the smallest version at level M: alphanumeric when every byte allows, else bytes.
fn code(data: &[u8]) -> Option<QrCode> {
    let alphanumeric = data.iter().all(|&b| is_alphanumeric(b));
    (1..=40).find_map(|version| {
        let mut bits = Bits::new(Version::Normal(version));
        let pushed = if alphanumeric {
            bits.push_alphanumeric_data(data)
        } else {
            bits.push_byte_data(data)
        };
        pushed
            .and_then(|()| bits.push_terminator(EcLevel::M))
            .ok()?;
        QrCode::with_bits(bits, EcLevel::M).ok()
    })
}

/// Whether `b` is in the QR alphanumeric set (`0-9 A-Z`, space and `$%*+-./:`).
fn is_alphanumeric(b: u8) -> bool {
    b.is_ascii_digit() || b.is_ascii_uppercase() || b" $%*+-./:".contains(&b)
}

/// The modules as one SVG path of horizontal runs of dark modules, on white, with a quiet zone;
/// the picture is at least [`MIN_PIXELS`] wide and the view box counts modules.
fn markup(code: &QrCode) -> String {
    let width = code.width();
    let side = width + 2 * QUIET_ZONE;
    let pixels = side * MIN_PIXELS.div_ceil(side);
    let mut svg = String::with_capacity(16 * width * width / 2);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{pixels}\" height=\"{pixels}\" \
         viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\""
    );
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if code[(x, y)] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && code[(x, y)] == Color::Dark {
                x += 1;
            }
            let (left, top, run) = (start + QUIET_ZONE, y + QUIET_ZONE, x - start);
            let _ = write!(svg, "M{left} {top}h{run}v1h-{run}z");
        }
    }
    svg.push_str("\"/></svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_certificate_text_is_one_alphanumeric_segment_in_the_smallest_version() {
        let text = format!("BC1:{}", "6BF.A0$:K8C%*+-/ ".repeat(24));
        let ours = code(text.as_bytes()).unwrap();
        let optimal = QrCode::with_error_correction_level(&text, EcLevel::M).unwrap();
        assert_eq!(ours.version(), optimal.version());
        assert_eq!(ours.to_colors(), optimal.to_colors());
    }

    #[test]
    fn text_outside_the_alphanumeric_set_is_encoded_as_bytes() {
        // 10 bytes fit version 1 at level M only as bytes (14 at most); lowercase is not alphanumeric.
        let ours = code("bc1:小写".as_bytes()).unwrap();
        assert_eq!(ours.version(), Version::Normal(1));
    }

    #[test]
    fn the_markup_draws_every_dark_module_and_nothing_else() {
        let ours = code(b"BC1:ABC").unwrap();
        let svg = markup(&ours);
        let dark = ours
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        let path = svg.split(" d=\"").nth(1).unwrap();
        let drawn: usize = path
            .split('M')
            .skip(1)
            .map(|run| {
                run.split(['h', 'v'])
                    .nth(1)
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            })
            .sum();
        assert!(svg.starts_with("<svg ") && svg.ends_with("\"/></svg>"));
        assert_eq!(drawn, dark);
        assert!(svg.contains("viewBox=\"0 0 29 29\""));
    }

    #[test]
    fn too_much_text_has_no_code() {
        assert!(svg(&"A".repeat(5000)).is_none());
    }
}
