//! A driver as its enterprise registers them: name, phone, identity number (GB 11643), the
//! class of the 机动车驾驶证, 从业资格证号 and its validity.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FieldError, Problems};
use crate::filing::is_mobile;
use crate::id_number;
use crate::licence::LicenceClass;

/// The longest driver name, in characters.
pub const MAX_NAME_CHARS: usize = 30;
/// The longest 从业资格证号, in characters.
pub const MAX_QUALIFICATION_CHARS: usize = 30;

/// The Chinese label of a driver field, also its CSV column.
pub fn label(field: &str) -> &'static str {
    match field {
        "name" => "姓名",
        "phone" => "手机号码",
        "id_number" => "身份证号码",
        "licence_class" => "准驾车型",
        "qualification_number" => "从业资格证号",
        "qualification_valid_until" => "从业资格证有效期至",
        _ => "内容",
    }
}

/// The driver form (or a CSV row) as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DriverInput {
    /// 姓名.
    pub name: String,
    /// 手机号码.
    pub phone: String,
    /// 身份证号码.
    pub id_number: String,
    /// 准驾车型, e.g. `A1`.
    pub licence_class: String,
    /// 从业资格证号.
    pub qualification_number: String,
    /// 从业资格证有效期至, a date.
    pub qualification_valid_until: String,
}

/// A checked driver, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DriverFields {
    /// Trimmed name.
    pub name: String,
    /// Mobile number.
    pub phone: String,
    /// Identity number, upper-case `X`.
    pub id_number: String,
    /// Licence class.
    pub licence_class: LicenceClass,
    /// Trimmed qualification number.
    pub qualification_number: String,
    /// The qualification's last valid day.
    pub qualification_valid_until: NaiveDate,
}

/// A registered driver as their own enterprise sees and edits them (numbers in full: only the
/// owning enterprise reads this).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriverRecord {
    /// Row id.
    pub id: i64,
    /// 姓名.
    pub name: String,
    /// 手机号码.
    pub phone: String,
    /// 身份证号码.
    pub id_number: String,
    /// 准驾车型, when on record.
    pub licence_class: Option<LicenceClass>,
    /// 从业资格证号.
    pub qualification_number: String,
    /// 从业资格证有效期至, when on record.
    pub qualification_valid_until: Option<NaiveDate>,
    /// Retired (停用): kept on past filings, offered for no new one.
    pub retired: bool,
    /// The driver's sign-in name, once given an account.
    pub username: Option<String>,
}

impl DriverRecord {
    /// The record as a form to edit.
    pub fn input(&self) -> DriverInput {
        DriverInput {
            name: self.name.clone(),
            phone: self.phone.clone(),
            id_number: self.id_number.clone(),
            licence_class: self
                .licence_class
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
            qualification_number: self.qualification_number.clone(),
            qualification_valid_until: self
                .qualification_valid_until
                .map(super::date_text)
                .unwrap_or_default(),
        }
    }
}

impl DriverInput {
    /// Checks every field; all problems at once, in form order.
    pub fn check(&self) -> Result<DriverFields, Vec<FieldError>> {
        let mut problems = Problems::default();
        let name = problems.text("name", label("name"), &self.name, MAX_NAME_CHARS);
        let phone = self.phone.trim();
        if !is_mobile(phone) {
            problems.add("phone", "手机号码应为 11 位数字，以 13 至 19 开头");
        }
        let id_number = match id_number::parse(&self.id_number) {
            Ok(number) => Some(number),
            Err(_) if self.id_number.trim().is_empty() => {
                problems.add("id_number", "请填写身份证号码");
                None
            }
            Err(e) => {
                problems.add("id_number", e.to_string());
                None
            }
        };
        let licence_class = LicenceClass::parse(&self.licence_class);
        if licence_class.is_none() {
            problems.add("licence_class", "准驾车型应为 A1、A2、A3、B1、B2、C1 或 C2");
        }
        let qualification_number = problems.text(
            "qualification_number",
            label("qualification_number"),
            &self.qualification_number,
            MAX_QUALIFICATION_CHARS,
        );
        let qualification_valid_until = problems.date(
            "qualification_valid_until",
            label("qualification_valid_until"),
            &self.qualification_valid_until,
        );
        problems.finish(|| {
            Some(DriverFields {
                name: name?,
                phone: phone.to_owned(),
                id_number: id_number?,
                licence_class: licence_class?,
                qualification_number: qualification_number?,
                qualification_valid_until: qualification_valid_until?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn a_complete_driver_is_normalised() {
        let input = DriverInput {
            name: "张建国".into(),
            phone: "13888000001".into(),
            id_number: "11010519491231002x".into(),
            licence_class: "a1".into(),
            qualification_number: "11010519491231002X".into(),
            qualification_valid_until: "2030/6/30".into(),
        };
        let fields = input.check().unwrap();
        assert_eq!(fields.id_number, "11010519491231002X");
        assert_eq!(fields.licence_class, LicenceClass::A1);
    }

    #[test]
    fn every_bad_field_is_named() {
        let input = DriverInput {
            name: " ".into(),
            phone: "12345".into(),
            id_number: "110105194912310021".into(),
            licence_class: "D".into(),
            qualification_number: "".into(),
            qualification_valid_until: "".into(),
        };
        let errors = input.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "phone",
                "id_number",
                "licence_class",
                "qualification_number",
                "qualification_valid_until"
            ]
        );
        assert!(errors[2].message.contains("校验位"));
    }
}
