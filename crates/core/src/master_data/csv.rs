//! CSV files as Excel in China writes them: UTF-8 with or without a byte-order mark, or
//! GB18030/GBK (Excel's "CSV" on a Chinese Windows); comma-separated, fields quoted with `"`
//! when they hold commas, quotes or line breaks (RFC 4180).

use encoding_rs::GB18030;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, is dropped).
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

/// Reads the bytes as text: valid UTF-8 is UTF-8, anything else is GB18030; `None` when the
/// bytes are not GB18030 either.
pub fn decode(bytes: &[u8]) -> Option<(String, Encoding)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_owned(), Encoding::Utf8));
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    (!had_errors).then(|| (text.into_owned(), Encoding::Gb18030))
}

/// The records of a CSV text, each a list of fields; blank lines are dropped.
pub fn records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                push_record(&mut records, std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    record.push(field);
    push_record(&mut records, record);
    records
}

fn push_record(records: &mut Vec<Vec<String>>, record: Vec<String>) {
    if record.iter().any(|f| !f.trim().is_empty()) {
        records.push(record);
    }
}

/// One CSV line of `fields`, quoted where needed, ending in CRLF as Excel writes it.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = f.as_ref();
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.to_owned()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode("车牌号码".as_bytes()),
            Some(("车牌号码".into(), Encoding::Utf8))
        );
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), "车牌号码".as_bytes()].concat();
        assert_eq!(decode(&with_bom), Some(("车牌号码".into(), Encoding::Utf8)));
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let (bytes, _, _) = encoding_rs::GBK.encode("车牌号码,核定座位数\r\n云A12345,45");
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the fixture is not UTF-8"
        );
        let (text, encoding) = decode(&bytes).unwrap();
        assert_eq!(encoding, Encoding::Gb18030);
        assert_eq!(text, "车牌号码,核定座位数\r\n云A12345,45");
    }

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        let text = "a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",x,\r\n,,\n";
        assert_eq!(
            records(text),
            [
                vec!["a".to_owned(), "b,c".into(), "say \"hi\"".into()],
                vec!["two\nlines".into(), "x".into(), "".into()],
            ]
        );
        assert_eq!(
            line(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        );
    }
}
