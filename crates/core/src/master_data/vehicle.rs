//! A vehicle as its enterprise registers it: plate, seats, kind, 车辆类型等级, 道路运输证号 and
//! its validity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FieldError, Problems};
use crate::licence::VehicleKind;
use crate::plate::Plate;

/// The seat range of a registered passenger vehicle.
pub const SEATS_RANGE: std::ops::RangeInclusive<u32> = 1..=80;
/// The longest 道路运输证号, in characters.
pub const MAX_PERMIT_CHARS: usize = 30;
/// The 车辆类型等级 of JT/T 325 (营运客车类型划分及等级评定), best first.
pub const GRADES: [&str; 5] = ["高三级", "高二级", "高一级", "中级", "普通级"];

/// The Chinese label of a vehicle field, also its CSV column.
pub fn label(field: &str) -> &'static str {
    match field {
        "plate" => "车牌号码",
        "seats" => "核定座位数",
        "kind" => "车辆类型",
        "grade" => "车辆类型等级",
        "permit_number" => "道路运输证号",
        "permit_valid_until" => "道路运输证有效期至",
        _ => "内容",
    }
}

/// The vehicle form (or a CSV row) as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VehicleInput {
    /// 车牌号码.
    pub plate: String,
    /// 核定座位数.
    pub seats: String,
    /// 车辆类型: 大型客车, 中型客车 or 小型客车.
    pub kind: String,
    /// 车辆类型等级, one of [`GRADES`].
    pub grade: String,
    /// 道路运输证号.
    pub permit_number: String,
    /// 道路运输证有效期至, a date.
    pub permit_valid_until: String,
}

/// A checked vehicle, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VehicleFields {
    /// The plate, normalised.
    pub plate: Plate,
    /// Seats.
    pub seats: u32,
    /// Kind.
    pub kind: VehicleKind,
    /// Grade, one of [`GRADES`].
    pub grade: String,
    /// Trimmed permit number.
    pub permit_number: String,
    /// The permit's last valid day.
    pub permit_valid_until: NaiveDate,
}

/// A registered vehicle as its own enterprise sees and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleRecord {
    /// Row id.
    pub id: i64,
    /// 车牌号码.
    pub plate: String,
    /// 核定座位数.
    pub seats: u32,
    /// 车辆类型.
    pub kind: String,
    /// 车辆类型等级.
    pub grade: String,
    /// 道路运输证号.
    pub permit_number: String,
    /// 道路运输证有效期至, when on record.
    pub permit_valid_until: Option<NaiveDate>,
    /// Retired (停用): kept on past filings, offered for no new one.
    pub retired: bool,
}

impl VehicleRecord {
    /// The record as a form to edit.
    pub fn input(&self) -> VehicleInput {
        VehicleInput {
            plate: self.plate.clone(),
            seats: self.seats.to_string(),
            kind: self.kind.clone(),
            grade: self.grade.clone(),
            permit_number: self.permit_number.clone(),
            permit_valid_until: self
                .permit_valid_until
                .map(super::date_text)
                .unwrap_or_default(),
        }
    }
}

impl VehicleInput {
    /// Checks every field; all problems at once, in form order.
    pub fn check(&self) -> Result<VehicleFields, Vec<FieldError>> {
        let mut problems = Problems::default();
        let plate = match Plate::parse(&self.plate) {
            Ok(plate) => Some(plate),
            Err(_) if self.plate.trim().is_empty() => {
                problems.add("plate", "请填写车牌号码");
                None
            }
            Err(e) => {
                problems.add("plate", e.to_string());
                None
            }
        };
        let seats = self
            .seats
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|s| SEATS_RANGE.contains(s));
        if seats.is_none() {
            problems.add(
                "seats",
                format!(
                    "核定座位数应为 {} 至 {} 之间的整数",
                    SEATS_RANGE.start(),
                    SEATS_RANGE.end()
                ),
            );
        }
        let kind = VehicleKind::parse(&self.kind);
        if kind.is_none() {
            problems.add("kind", "车辆类型应为大型客车、中型客车或小型客车");
        }
        let grade = GRADES.iter().find(|g| **g == self.grade.trim());
        if grade.is_none() {
            problems.add(
                "grade",
                format!("车辆类型等级应为{}之一", GRADES.join("、")),
            );
        }
        let permit_number = problems.text(
            "permit_number",
            label("permit_number"),
            &self.permit_number,
            MAX_PERMIT_CHARS,
        );
        let permit_valid_until = problems.date(
            "permit_valid_until",
            label("permit_valid_until"),
            &self.permit_valid_until,
        );
        problems.finish(|| {
            Some(VehicleFields {
                plate: plate?,
                seats: seats?,
                kind: kind?,
                grade: (*grade?).to_owned(),
                permit_number: permit_number?,
                permit_valid_until: permit_valid_until?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    pub(crate) fn bus() -> VehicleInput {
        VehicleInput {
            plate: "云a·12345".into(),
            seats: " 45 ".into(),
            kind: "大型客车".into(),
            grade: "高一级".into(),
            permit_number: "530100123456".into(),
            permit_valid_until: "2030-01-31".into(),
        }
    }

    #[test]
    fn a_complete_vehicle_is_normalised() {
        let fields = bus().check().unwrap();
        assert_eq!(fields.plate.as_str(), "云A12345");
        assert_eq!(fields.seats, 45);
        assert_eq!(fields.kind, VehicleKind::Large);
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = VehicleInput {
            plate: "云I12345".into(),
            seats: "0".into(),
            kind: "货车".into(),
            grade: "豪华".into(),
            permit_number: String::new(),
            permit_valid_until: "2030-02-30".into(),
        };
        let errors = bad.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "plate",
                "seats",
                "kind",
                "grade",
                "permit_number",
                "permit_valid_until"
            ]
        );
        assert!(
            errors[0].message.contains("第 2 位"),
            "{}",
            errors[0].message
        );
    }
}
