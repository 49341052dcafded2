//! Administrative divisions (GB/T 2260): provinces and prefecture-level divisions.
//!
//! The table is `data/divisions.tsv` (see `data/README.md` for its source and licence), embedded at
//! compile time and parsed once on first use. Codes are 6-digit strings: `530000` = 云南省,
//! `530100` = 昆明市. Lookups borrow from the embedded table and allocate nothing.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The embedded division table, as shipped in `data/divisions.tsv`.
pub const DIVISIONS_TSV: &str = include_str!("../data/divisions.tsv");

struct ProvinceEntry {
    code: &'static str,
    name: &'static str,
    /// Index range of this province's prefectures in `Table::prefectures`.
    prefectures: std::ops::Range<usize>,
}

struct PrefectureEntry {
    code: &'static str,
    name: &'static str,
    label: String,
    province: usize,
}

struct Table {
    provinces: Vec<ProvinceEntry>,
    prefectures: Vec<PrefectureEntry>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| parse(DIVISIONS_TSV))
}

/// Parses the embedded table; the data is part of the build, so a malformed row is a bug.
fn parse(tsv: &'static str) -> Table {
    let mut provinces: Vec<ProvinceEntry> = Vec::new();
    let mut prefectures: Vec<PrefectureEntry> = Vec::new();
    let rows = tsv.lines().filter(|line| !line.is_empty()).skip(1);
    for row in rows {
        let mut cols = row.split('\t');
        let (code, name, parent) = match (cols.next(), cols.next(), cols.next()) {
            (Some(code), Some(name), Some(parent)) => (code, name, parent),
            _ => panic!("divisions.tsv: malformed row {row:?}"),
        };
        assert!(is_code(code), "divisions.tsv: bad code {code:?}");
        if parent.is_empty() {
            assert!(
                code.ends_with("0000"),
                "divisions.tsv: province {code} not PP0000"
            );
            let start = prefectures.len();
            provinces.push(ProvinceEntry {
                code,
                name,
                prefectures: start..start,
            });
            continue;
        }
        let province = provinces
            .len()
            .checked_sub(1)
            .expect("divisions.tsv: prefecture before any province");
        let owner = &mut provinces[province];
        assert!(
            owner.code == parent && code[..2] == parent[..2],
            "divisions.tsv: {code} out of order"
        );
        assert!(
            code.ends_with("00") && !code.ends_with("0000"),
            "divisions.tsv: prefecture {code} not PPCC00"
        );
        owner.prefectures.end += 1;
        let label = if is_grouping(name) {
            format!("{}（{name}）", owner.name)
        } else {
            name.to_owned()
        };
        prefectures.push(PrefectureEntry {
            code,
            name,
            label,
            province,
        });
    }
    assert!(
        provinces.windows(2).all(|w| w[0].code < w[1].code),
        "divisions.tsv: provinces not sorted"
    );
    assert!(
        prefectures.windows(2).all(|w| w[0].code < w[1].code),
        "divisions.tsv: prefectures not sorted"
    );
    Table {
        provinces,
        prefectures,
    }
}

/// Grouping names (市辖区, 县, 省直辖县级行政区划) that mean nothing without their province.
/// (A suffix test, not `contains`: the substring searcher is 1.5 KB of every bundle's wasm.)
fn is_grouping(name: &str) -> bool {
    name == "市辖区" || name == "县" || name.ends_with("直辖县级行政区划")
}

/// Whether `code` is six ASCII digits.
fn is_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// A provincial-level division (省级行政区), e.g. `530000` 云南省.
#[derive(Clone, Copy)]
pub struct Province(&'static ProvinceEntry);

impl Province {
    /// The 6-digit GB/T 2260 code, e.g. `530000`.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The 2-digit prefix that every division of this province starts with, e.g. `53`.
    pub fn prefix(self) -> &'static str {
        &self.0.code[..2]
    }

    /// The official name, e.g. `云南省`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// This province's prefecture-level divisions, in code order.
    pub fn prefectures(self) -> impl ExactSizeIterator<Item = Prefecture> + Clone {
        table().prefectures[self.0.prefectures.clone()]
            .iter()
            .map(Prefecture)
    }
}

/// A prefecture-level division (州/市), e.g. `532900` 大理白族自治州; reviewers belong to one.
#[derive(Clone, Copy)]
pub struct Prefecture(&'static PrefectureEntry);

impl Prefecture {
    /// The 6-digit GB/T 2260 code, e.g. `530100`.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The official name, e.g. `昆明市`; for municipalities a grouping name such as `市辖区`.
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// The name to show: the official name, or `重庆市（市辖区）` for groupings.
    pub fn label(self) -> &'static str {
        &self.0.label
    }

    /// The province this prefecture belongs to.
    pub fn province(self) -> Province {
        Province(&table().provinces[self.0.province])
    }
}

/// The province with this 6-digit code (`530000`), if any.
pub fn province(code: &str) -> Option<Province> {
    let provinces = &table().provinces;
    let index = provinces.binary_search_by(|p| p.code.cmp(code)).ok()?;
    Some(Province(&provinces[index]))
}

/// The prefecture-level division with this 6-digit code (`530100`), if any.
pub fn prefecture(code: &str) -> Option<Prefecture> {
    let prefectures = &table().prefectures;
    let index = prefectures.binary_search_by(|p| p.code.cmp(code)).ok()?;
    Some(Prefecture(&prefectures[index]))
}

/// Every provincial-level division, in code order.
pub fn provinces() -> impl ExactSizeIterator<Item = Province> + Clone {
    table().provinces.iter().map(Province)
}

/// Every prefecture-level division, in code order.
pub fn prefectures() -> impl ExactSizeIterator<Item = Prefecture> + Clone {
    table().prefectures.iter().map(Prefecture)
}

/// The prefecture-level divisions of `province`, in code order.
pub fn prefectures_of(province: Province) -> impl ExactSizeIterator<Item = Prefecture> + Clone {
    province.prefectures()
}

/// The official name of a province or prefecture code, if known.
pub fn name(code: &str) -> Option<&'static str> {
    prefecture(code)
        .map(Prefecture::name)
        .or_else(|| province(code).map(Province::name))
}

/// The province a 6-digit division code of any level lies in (by its first two digits), if known.
pub fn province_of(code: &str) -> Option<Province> {
    if !is_code(code) {
        return None;
    }
    let provinces = &table().provinces;
    let index = provinces
        .binary_search_by(|p| p.code[..2].cmp(&code[..2]))
        .ok()?;
    Some(Province(&provinces[index]))
}

impl PartialEq for Province {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}
impl Eq for Province {}

impl PartialEq for Prefecture {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code()
    }
}
impl Eq for Prefecture {}

impl std::hash::Hash for Province {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl std::hash::Hash for Prefecture {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code().hash(state);
    }
}

impl fmt::Debug for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Province({} {})", self.code(), self.name())
    }
}

impl fmt::Debug for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prefecture({} {})", self.code(), self.label())
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Prefecture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A code that names no known division of the expected level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDivision(pub String);

impl fmt::Display for UnknownDivision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "未知的行政区划代码：{}", self.0)
    }
}

impl std::error::Error for UnknownDivision {}

impl std::str::FromStr for Province {
    type Err = UnknownDivision;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        province(code).ok_or_else(|| UnknownDivision(code.to_owned()))
    }
}

impl std::str::FromStr for Prefecture {
    type Err = UnknownDivision;
    fn from_str(code: &str) -> Result<Self, Self::Err> {
        prefecture(code).ok_or_else(|| UnknownDivision(code.to_owned()))
    }
}

impl Serialize for Province {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl Serialize for Prefecture {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Province {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Prefecture {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn has_31_mainland_provinces_and_342_prefectures() {
        assert_eq!(provinces().len(), 31);
        assert_eq!(prefectures().len(), 342);
    }

    #[test]
    fn yunnan_has_16_prefectures() {
        let yunnan = province("530000").unwrap();
        assert_eq!(yunnan.name(), "云南省");
        assert_eq!(prefectures_of(yunnan).len(), 16);
        assert!(yunnan.prefectures().all(|p| p.province() == yunnan));
    }

    #[test]
    fn looks_up_prefectures_by_code() {
        assert_eq!(prefecture("530100").unwrap().name(), "昆明市");
        assert_eq!(prefecture("532900").unwrap().name(), "大理白族自治州");
        assert_eq!(prefecture("530100").unwrap().province().code(), "530000");
        assert!(
            prefecture("530000").is_none(),
            "a province is not a prefecture"
        );
        assert!(prefecture("539900").is_none());
        assert!(prefecture("5301").is_none());
    }

    #[test]
    fn names_provinces_and_prefectures() {
        assert_eq!(name("530000"), Some("云南省"));
        assert_eq!(name("532900"), Some("大理白族自治州"));
        assert_eq!(name("999999"), None);
    }

    #[test]
    fn finds_the_province_of_any_code() {
        assert_eq!(province_of("530102").unwrap().name(), "云南省");
        assert_eq!(province_of("500100").unwrap().name(), "重庆市");
        assert_eq!(province_of("430000").unwrap().name(), "湖南省");
        assert!(province_of("990000").is_none());
        assert!(province_of("53").is_none());
        assert!(province_of("53010x").is_none());
    }

    #[test]
    fn labels_municipality_groupings_with_their_province() {
        assert_eq!(prefecture("500100").unwrap().label(), "重庆市（市辖区）");
        assert_eq!(prefecture("500200").unwrap().label(), "重庆市（县）");
        assert_eq!(prefecture("110100").unwrap().label(), "北京市（市辖区）");
        assert_eq!(
            prefecture("419000").unwrap().label(),
            "河南省（省直辖县级行政区划）"
        );
        assert_eq!(
            prefecture("659000").unwrap().label(),
            "新疆维吾尔自治区（自治区直辖县级行政区划）"
        );
        assert_eq!(prefecture("530100").unwrap().label(), "昆明市");
    }

    #[test]
    fn prefecture_serializes_as_its_code() {
        let dali = prefecture("532900").unwrap();
        assert_eq!(serde_json::to_string(&dali).unwrap(), "\"532900\"");
        let back: Prefecture = serde_json::from_str("\"532900\"").unwrap();
        assert_eq!(back, dali);
        assert!(serde_json::from_str::<Prefecture>("\"530000\"").is_err());
    }
}
