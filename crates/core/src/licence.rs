//! The vehicle kinds a charter bus may be (车辆类型) and the driving-licence classes (准驾车型)
//! that allow them, after 机动车驾驶证申领和使用规定 (公安部令第 162 号), 准驾车型 table:
//!
//! | vehicle kind | its class | classes that allow it |
//! | --- | --- | --- |
//! | 大型客车 | A1 | A1 |
//! | 中型客车 | B1 | A1, A2, B1 |
//! | 小型客车 | C1 | A1, A2, A3, B1, B2, C1 |
//!
//! A2 (牵引车) allows B1 and below; A3 (城市公交车) allows C1 and below; B2 (大型货车) allows C1.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of passenger vehicle a bus is, as its 道路运输证 states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum VehicleKind {
    /// 大型客车: more than 19 seats or at least 6 m long.
    #[serde(rename = "大型客车")]
    Large,
    /// 中型客车: 10 to 19 seats.
    #[serde(rename = "中型客车")]
    Medium,
    /// 小型客车: at most 9 seats.
    #[serde(rename = "小型客车")]
    Small,
}

impl VehicleKind {
    /// Every kind, largest first.
    pub const ALL: [VehicleKind; 3] = [VehicleKind::Large, VehicleKind::Medium, VehicleKind::Small];

    /// The Chinese name, also the stored and the API value.
    pub fn label(self) -> &'static str {
        match self {
            VehicleKind::Large => "大型客车",
            VehicleKind::Medium => "中型客车",
            VehicleKind::Small => "小型客车",
        }
    }

    /// Parses the Chinese name.
    pub fn parse(text: &str) -> Option<VehicleKind> {
        let text = text.trim();
        VehicleKind::ALL.into_iter().find(|k| k.label() == text)
    }

    /// The licence classes that allow driving this kind.
    pub fn allowed_classes(self) -> &'static [LicenceClass] {
        use LicenceClass::*;
        match self {
            VehicleKind::Large => &[A1],
            VehicleKind::Medium => &[A1, A2, B1],
            VehicleKind::Small => &[A1, A2, A3, B1, B2, C1],
        }
    }
}

impl fmt::Display for VehicleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A driving-licence class (准驾车型) of a 机动车驾驶证.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LicenceClass {
    /// 大型客车.
    A1,
    /// 重型牵引挂车.
    A2,
    /// 城市公交车.
    A3,
    /// 中型客车.
    B1,
    /// 大型货车.
    B2,
    /// 小型汽车.
    C1,
    /// 小型自动挡汽车.
    C2,
}

impl LicenceClass {
    /// Every class, in the order of the licence table.
    pub const ALL: [LicenceClass; 7] = [
        LicenceClass::A1,
        LicenceClass::A2,
        LicenceClass::A3,
        LicenceClass::B1,
        LicenceClass::B2,
        LicenceClass::C1,
        LicenceClass::C2,
    ];

    /// The class as printed on the licence, e.g. `A1`.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenceClass::A1 => "A1",
            LicenceClass::A2 => "A2",
            LicenceClass::A3 => "A3",
            LicenceClass::B1 => "B1",
            LicenceClass::B2 => "B2",
            LicenceClass::C1 => "C1",
            LicenceClass::C2 => "C2",
        }
    }

    /// Parses a class, ignoring case and surrounding whitespace; a licence listing several
    /// (`A1D`, `A1 E`) counts by its first.
    pub fn parse(text: &str) -> Option<LicenceClass> {
        let text = text.trim().to_ascii_uppercase();
        let first: String = text.chars().take(2).collect();
        LicenceClass::ALL.into_iter().find(|c| c.as_str() == first)
    }

    /// Whether a holder of this class may drive a vehicle of `kind`.
    pub fn allows(self, kind: VehicleKind) -> bool {
        kind.allowed_classes().contains(&self)
    }
}

impl fmt::Display for LicenceClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_large_bus_needs_a1() {
        assert!(LicenceClass::A1.allows(VehicleKind::Large));
        for class in [LicenceClass::A2, LicenceClass::B1, LicenceClass::C1] {
            assert!(!class.allows(VehicleKind::Large), "{class}");
        }
    }

    #[test]
    fn a_medium_bus_needs_b1_or_above() {
        for class in [LicenceClass::A1, LicenceClass::A2, LicenceClass::B1] {
            assert!(class.allows(VehicleKind::Medium), "{class}");
        }
        for class in [LicenceClass::A3, LicenceClass::B2, LicenceClass::C1] {
            assert!(!class.allows(VehicleKind::Medium), "{class}");
        }
    }

    #[test]
    fn classes_and_kinds_parse_from_what_people_type() {
        assert_eq!(LicenceClass::parse(" a1 "), Some(LicenceClass::A1));
        assert_eq!(LicenceClass::parse("B1D"), Some(LicenceClass::B1));
        assert_eq!(LicenceClass::parse("D"), None);
        assert_eq!(VehicleKind::parse("中型客车"), Some(VehicleKind::Medium));
        assert_eq!(VehicleKind::parse("货车"), None);
        assert_eq!(
            serde_json::to_string(&VehicleKind::Large).unwrap(),
            "\"大型客车\""
        );
    }
}
