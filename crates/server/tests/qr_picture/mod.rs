//! QR code pictures for the CLI tests: what an operator would hand to `verify --image` or `decode-qr`.

use std::path::Path;

/// Writes `text` as a greyscale PNG QR code (level M, 6 pixels a module, 4-module quiet zone).
pub fn write_qr_png(text: &str, path: &Path) {
    let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).unwrap();
    let (modules, colors) = (code.width(), code.to_colors());
    let (scale, quiet) = (6, 4);
    let size = (modules + 2 * quiet) * scale;
    let mut pixels = vec![255u8; size * size];
    for (i, color) in colors.iter().enumerate() {
        if *color == qrcode::Color::Dark {
            let (mx, my) = (i % modules + quiet, i / modules + quiet);
            for y in my * scale..(my + 1) * scale {
                pixels[y * size + mx * scale..y * size + (mx + 1) * scale].fill(0);
            }
        }
    }
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, size as u32, size as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
}
