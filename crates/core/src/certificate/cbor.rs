//! The CBOR reader of the verify path (RFC 8949): checks that bytes hold one well-formed item
//! within a depth limit, then reads items as raw slices and decodes them by type.
//!
//! Small on purpose (it ships in the inspector's page): no value tree, no serde. An item is the
//! slice of its own encoding; maps and arrays are read into lists of such slices. Writing CBOR
//! (signing, server side) uses ciborium. Accepted as ciborium's `Value` accepts: any well-formed
//! item, indefinite lengths, non-shortest heads, and of the simple values only false, true,
//! null and undefined; text must be UTF-8.

/// Why bytes were not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CborError {
    /// Not one well-formed CBOR item, or bytes after it.
    Invalid,
    /// Arrays, maps and tags nested deeper than the limit.
    TooDeep,
}

/// Major type 0: unsigned integer.
const UNSIGNED: u8 = 0;
/// Major type 1: negative integer.
const NEGATIVE: u8 = 1;
/// Major type 2: byte string.
const BYTES: u8 = 2;
/// Major type 3: text string.
const TEXT: u8 = 3;
/// Major type 4: array.
const ARRAY: u8 = 4;
/// Major type 5: map.
const MAP: u8 = 5;
/// Major type 6: tag.
const TAG: u8 = 6;
/// Major type 7: simple values and floats.
const SIMPLE: u8 = 7;
/// The "break" byte ending an indefinite-length item.
const BREAK: u8 = 0xff;

/// Checks that `bytes` hold exactly one well-formed item nested at most `depth` deep.
pub fn check(bytes: &[u8], depth: usize) -> Result<(), CborError> {
    let mut cursor = Cursor::new(bytes);
    cursor.skip(depth)?;
    if cursor.pos != bytes.len() {
        return Err(CborError::Invalid);
    }
    Ok(())
}

/// The head of an item: major type and argument (`None` for an indefinite length).
struct Head {
    major: u8,
    arg: Option<u64>,
}

/// A position in a buffer of CBOR.
struct Cursor<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Cursor<'b> {
    /// A cursor at the start of `bytes`.
    fn new(bytes: &'b [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    /// The argument of the next head when its major type is `major` (`None` inside for an
    /// indefinite length); `None` for another type or malformed bytes.
    fn head_of(&mut self, major: u8) -> Option<Option<u64>> {
        let head = self.head().ok()?;
        (head.major == major).then_some(head.arg)
    }
    fn take(&mut self, n: usize) -> Result<&'b [u8], CborError> {
        let end = self.pos.checked_add(n).ok_or(CborError::Invalid)?;
        let slice = self.bytes.get(self.pos..end).ok_or(CborError::Invalid)?;
        self.pos = end;
        Ok(slice)
    }

    fn head(&mut self) -> Result<Head, CborError> {
        let first = self.take(1)?[0];
        let (major, info) = (first >> 5, first & 0x1f);
        let arg = match info {
            0..=23 => Some(u64::from(info)),
            24..=27 => {
                let width = 1usize << (info - 24);
                let mut arg = 0u64;
                for &b in self.take(width)? {
                    arg = arg << 8 | u64::from(b);
                }
                Some(arg)
            }
            31 if matches!(major, BYTES | TEXT | ARRAY | MAP | SIMPLE) => None,
            _ => return Err(CborError::Invalid),
        };
        Ok(Head { major, arg })
    }

    /// Whether the next byte is a break; consumes it if so.
    fn at_break(&mut self) -> bool {
        let here = self.bytes.get(self.pos) == Some(&BREAK);
        self.pos += usize::from(here);
        here
    }

    /// Skips one item, checking it; `depth` is how many more arrays, maps and tags may open.
    fn skip(&mut self, depth: usize) -> Result<(), CborError> {
        let start = self.pos;
        let head = self.head()?;
        match (head.major, head.arg) {
            (UNSIGNED | NEGATIVE, _) => Ok(()),
            (BYTES | TEXT, Some(len)) => self.string(head.major, len),
            (BYTES | TEXT, None) => loop {
                if self.at_break() {
                    return Ok(());
                }
                match self.head()? {
                    Head {
                        major,
                        arg: Some(len),
                    } if major == head.major => self.string(major, len)?,
                    _ => return Err(CborError::Invalid),
                }
            },
            (ARRAY | MAP | TAG, _) if depth == 0 => Err(CborError::TooDeep),
            (TAG, _) => self.skip(depth - 1),
            (ARRAY | MAP, len) => {
                let per_entry = if head.major == MAP { 2 } else { 1 };
                match len {
                    Some(len) => {
                        for _ in 0..len.saturating_mul(per_entry) {
                            self.skip(depth - 1)?;
                        }
                    }
                    None => {
                        while !self.at_break() {
                            for _ in 0..per_entry {
                                self.skip(depth - 1)?;
                            }
                        }
                    }
                }
                Ok(())
            }
            // false, true, null, undefined (in either form), and half, single, double floats.
            (_, Some(20..=23)) if self.pos - start <= 2 => Ok(()),
            _ if self.pos - start >= 3 => Ok(()),
            _ => Err(CborError::Invalid),
        }
    }

    /// Skips the content of a definite string; text must be UTF-8.
    fn string(&mut self, major: u8, len: u64) -> Result<(), CborError> {
        let len = usize::try_from(len).map_err(|_| CborError::Invalid)?;
        let content = self.take(len)?;
        if major == TEXT && core::str::from_utf8(content).is_err() {
            return Err(CborError::Invalid);
        }
        Ok(())
    }

    /// The next item's encoding, skipped without a depth limit: only for checked bytes.
    fn item(&mut self) -> Result<&'b [u8], CborError> {
        let start = self.pos;
        self.skip(usize::MAX)?;
        Ok(&self.bytes[start..self.pos])
    }

    /// The items of an array or the keys and values of a map (`per_entry` 2), of checked bytes.
    fn items(&mut self, len: Option<u64>, per_entry: u64) -> Result<Vec<&'b [u8]>, CborError> {
        let mut items = Vec::new();
        match len {
            Some(len) => {
                for _ in 0..len.saturating_mul(per_entry) {
                    items.push(self.item()?);
                }
            }
            None => {
                while !self.at_break() {
                    items.push(self.item()?);
                }
            }
        }
        Ok(items)
    }

    /// The content of a byte or text string of major type `major`, chunks joined.
    fn content(&mut self, major: u8) -> Option<Vec<u8>> {
        let Some(len) = self.head_of(major)? else {
            let mut joined = Vec::new();
            while !self.at_break() {
                let len = self.head().ok()?.arg?;
                joined.extend_from_slice(self.take(usize::try_from(len).ok()?).ok()?);
            }
            return Some(joined);
        };
        self.take(usize::try_from(len).ok()?)
            .ok()
            .map(<[u8]>::to_vec)
    }
}

/// An integer item that fits in i64.
pub fn int(item: &[u8]) -> Option<i64> {
    let head = Cursor::new(item).head().ok()?;
    let n = i64::try_from(head.arg?).ok()?;
    match head.major {
        UNSIGNED => Some(n),
        NEGATIVE => Some(-1 - n),
        _ => None,
    }
}

/// A byte string item's bytes.
pub fn bytes(item: &[u8]) -> Option<Vec<u8>> {
    Cursor::new(item).content(BYTES)
}

/// A text string item's text.
pub fn text(item: &[u8]) -> Option<String> {
    let content = Cursor::new(item).content(TEXT)?;
    String::from_utf8(content).ok()
}

/// Whether the item is null.
pub fn is_null(item: &[u8]) -> bool {
    item == [0xf6]
}

/// A tagged item: its tag and the item inside.
pub fn tag(item: &[u8]) -> Option<(u64, &[u8])> {
    let mut cursor = Cursor::new(item);
    let tag = cursor.head_of(TAG)??;
    Some((tag, &item[cursor.pos..]))
}

/// An array item's elements.
pub fn array(item: &[u8]) -> Option<Vec<&[u8]>> {
    let mut cursor = Cursor::new(item);
    let len = cursor.head_of(ARRAY)?;
    cursor.items(len, 1).ok()
}

/// A map item's entries as (key, value), in encoding order.
pub fn map(item: &[u8]) -> Option<Vec<(&[u8], &[u8])>> {
    let mut cursor = Cursor::new(item);
    let len = cursor.head_of(MAP)?;
    let items = cursor.items(len, 2).ok()?;
    Some(items.chunks_exact(2).map(|kv| (kv[0], kv[1])).collect())
}

/// The one value of a map's entries whose key `matches`; `None` when absent or repeated.
pub fn find<'m>(
    entries: &[(&[u8], &'m [u8])],
    matches: impl Fn(&[u8]) -> bool,
) -> Option<&'m [u8]> {
    let mut hits = entries.iter().filter(|(k, _)| matches(k));
    match (hits.next(), hits.next()) {
        (Some((_, v)), None) => Some(v),
        _ => None,
    }
}

/// Appends the head of a definite byte string of `len` bytes, shortest form.
pub fn put_bytes_head(out: &mut Vec<u8>, len: usize) {
    let len = len as u64;
    let major = BYTES << 5;
    match len {
        0..=23 => out.push(major | len as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, len as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(len as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&len.to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_well_formedness_depth_and_trailing_bytes() {
        assert_eq!(check(&[0x00], 16), Ok(()));
        assert_eq!(check(&[], 16), Err(CborError::Invalid));
        assert_eq!(check(&[0x00, 0x00], 16), Err(CborError::Invalid));
        let deep = [vec![0x81u8; 16], vec![0x00]].concat();
        assert_eq!(check(&deep, 16), Ok(()));
        let deeper = [vec![0x81u8; 17], vec![0x00]].concat();
        assert_eq!(check(&deeper, 16), Err(CborError::TooDeep));
        // Invalid UTF-8, a reserved head, an unknown simple value, a stray break.
        assert_eq!(check(&[0x61, 0xff], 16), Err(CborError::Invalid));
        assert_eq!(check(&[0x1c], 16), Err(CborError::Invalid));
        assert_eq!(check(&[0xe0], 16), Err(CborError::Invalid));
        assert_eq!(check(&[0xff], 16), Err(CborError::Invalid));
        // Indefinite text of two chunks; an indefinite map; a double float; null.
        assert_eq!(check(&[0x7f, 0x61, b'a', 0x61, b'b', 0xff], 16), Ok(()));
        assert_eq!(check(&[0xbf, 0x01, 0x02, 0xff], 16), Ok(()));
        assert_eq!(check(&[0xbf, 0x01, 0xff], 16), Err(CborError::Invalid));
        assert_eq!(check(&[0xfb, 0, 0, 0, 0, 0, 0, 0, 0], 16), Ok(()));
        assert_eq!(check(&[0xf6], 16), Ok(()));
    }

    #[test]
    fn reads_items_by_type() {
        assert_eq!(int(&[0x38, 0x63]), Some(-100));
        assert_eq!(int(&[0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0]), None);
        assert_eq!(
            text(&[0x7f, 0x61, b'a', 0x61, b'b', 0xff]).as_deref(),
            Some("ab")
        );
        assert_eq!(bytes(&[0x42, 1, 2]), Some(vec![1, 2]));
        assert_eq!(bytes(&[0x62, b'a', b'b']), None);
        let entries = map(&[0xa2, 0x01, 0x02, 0x03, 0x80]).unwrap();
        assert_eq!(
            entries,
            vec![(&[0x01][..], &[0x02][..]), (&[0x03][..], &[0x80][..])]
        );
        assert_eq!(find(&entries, |k| int(k) == Some(3)), Some(&[0x80][..]));
        assert_eq!(array(&[0x9f, 0x01, 0x02, 0xff]).unwrap().len(), 2);
        assert_eq!(tag(&[0xd2, 0x80]), Some((18, &[0x80][..])));
        let mut head = Vec::new();
        put_bytes_head(&mut head, 300);
        assert_eq!(head, [0x59, 0x01, 0x2c]);
    }
}
