//! An enterprise as the administrator registers it: name, 统一社会信用代码, prefecture,
//! 道路运输经营许可证号 and its validity, the automatic-review permission.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FieldError, Problems};
use crate::credit_code::CreditCode;
use crate::division;

/// The longest enterprise name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest 道路运输经营许可证号, in characters.
pub const MAX_PERMIT_CHARS: usize = 50;

/// The Chinese label of an enterprise field, also its CSV column.
pub fn label(field: &str) -> &'static str {
    match field {
        "name" => "企业名称",
        "credit_code" => "统一社会信用代码",
        "prefecture_code" => "所在州市",
        "permit_number" => "道路运输经营许可证号",
        "permit_valid_until" => "经营许可证有效期至",
        _ => "内容",
    }
}

/// The enterprise form (or a CSV row) as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnterpriseInput {
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    /// 所在州市: a prefecture code (`530100`) or name (`昆明市`).
    pub prefecture_code: String,
    /// 道路运输经营许可证号.
    pub permit_number: String,
    /// 经营许可证有效期至, a date.
    pub permit_valid_until: String,
    /// 自动审核权限.
    pub auto_review: bool,
}

/// A checked enterprise, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseFields {
    /// Trimmed name.
    pub name: String,
    /// The credit code, upper case.
    pub credit_code: CreditCode,
    /// The prefecture's code.
    pub prefecture_code: String,
    /// Trimmed permit number.
    pub permit_number: String,
    /// The permit's last valid day.
    pub permit_valid_until: NaiveDate,
    /// The automatic-review permission.
    pub auto_review: bool,
}

/// The prefecture a text names: its code, or its name or label (`昆明市`).
pub fn prefecture_of(text: &str) -> Option<division::Prefecture> {
    let text = text.trim();
    division::prefecture(text)
        .or_else(|| division::prefectures().find(|p| p.name() == text || p.label() == text))
}

impl EnterpriseInput {
    /// Checks every field; all problems at once, in form order.
    pub fn check(&self) -> Result<EnterpriseFields, Vec<FieldError>> {
        let mut problems = Problems::default();
        let name = problems.text("name", label("name"), &self.name, MAX_NAME_CHARS);
        let credit_code = match CreditCode::parse(&self.credit_code) {
            Ok(code) => Some(code),
            Err(_) if self.credit_code.trim().is_empty() => {
                problems.add("credit_code", "请填写统一社会信用代码");
                None
            }
            Err(e) => {
                problems.add("credit_code", e.to_string());
                None
            }
        };
        let prefecture = prefecture_of(&self.prefecture_code);
        if prefecture.is_none() {
            if self.prefecture_code.trim().is_empty() {
                problems.add("prefecture_code", "请选择所在州市");
            } else {
                problems.add("prefecture_code", "所在州市不是有效的州（市）代码或名称");
            }
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
            Some(EnterpriseFields {
                name: name?,
                credit_code: credit_code?,
                prefecture_code: prefecture?.code().to_owned(),
                permit_number: permit_number?,
                permit_valid_until: permit_valid_until?,
                auto_review: self.auto_review,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn input() -> EnterpriseInput {
        EnterpriseInput {
            name: " 昆明滇池旅游客运有限公司 ".into(),
            credit_code: "91530100ma6k7xq127".into(),
            prefecture_code: "昆明市".into(),
            permit_number: "滇交运管许可昆字530100000001号".into(),
            permit_valid_until: "2028/12/31".into(),
            auto_review: false,
        }
    }

    #[test]
    fn a_complete_enterprise_is_normalised() {
        let fields = input().check().unwrap();
        assert_eq!(fields.name, "昆明滇池旅游客运有限公司");
        assert_eq!(fields.credit_code.as_str(), "91530100MA6K7XQ127");
        assert_eq!(fields.prefecture_code, "530100");
        assert_eq!(fields.permit_valid_until.to_string(), "2028-12-31");
    }

    #[test]
    fn every_bad_field_is_named() {
        let bad = EnterpriseInput {
            credit_code: "91530100MA6K7XQ128".into(),
            prefecture_code: "530000".into(),
            permit_valid_until: "明年".into(),
            ..EnterpriseInput::default()
        };
        let errors = bad.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "credit_code",
                "prefecture_code",
                "permit_number",
                "permit_valid_until"
            ]
        );
        assert!(
            errors[1].message.contains("校验位"),
            "{}",
            errors[1].message
        );
    }
}
