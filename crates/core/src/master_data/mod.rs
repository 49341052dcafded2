//! The master data a filing refers to (issue 11): enterprises, their vehicles and their drivers,
//! as the administrator and the enterprise enter them one by one or import them from CSV.
//!
//! Each kind has a raw input (text as typed or as read from a CSV cell), a check that names every
//! bad field in Chinese, and the checked fields the server stores.

pub mod csv;
pub mod driver;
pub mod enterprise;
pub mod import;
pub mod vehicle;

use chrono::NaiveDate;

pub use crate::filing::FieldError;

/// Collects the field errors of one input, in form order.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub(crate) Vec<FieldError>);

impl Problems {
    /// Records that `field` is wrong.
    pub(crate) fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push(FieldError {
            field,
            message: message.into(),
        });
    }

    /// The checked value, or every problem found.
    pub(crate) fn finish<T>(self, value: impl FnOnce() -> Option<T>) -> Result<T, Vec<FieldError>> {
        if !self.0.is_empty() {
            return Err(self.0);
        }
        value().ok_or_else(|| {
            vec![FieldError {
                field: "body",
                message: "内容不正确".into(),
            }]
        })
    }

    /// Checks a required text of at most `max` characters; the trimmed text when it passes.
    pub(crate) fn text(
        &mut self,
        field: &'static str,
        label: &str,
        value: &str,
        max: usize,
    ) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            self.add(field, format!("请填写{label}"));
            return None;
        }
        if value.chars().count() > max {
            self.add(field, format!("{label}不能超过 {max} 个字"));
            return None;
        }
        if value.chars().any(char::is_control) {
            self.add(field, format!("{label}含有无效字符"));
            return None;
        }
        Some(value.to_owned())
    }

    /// Checks a required date (see [`parse_date`]).
    pub(crate) fn date(
        &mut self,
        field: &'static str,
        label: &str,
        value: &str,
    ) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            self.add(field, format!("请填写{label}"));
            return None;
        }
        let date = parse_date(value);
        if date.is_none() {
            self.add(field, format!("{label}应为日期，如 2027-06-30"));
        }
        date
    }
}

/// A date as people type it and as Excel in China writes it: `2027-06-30`, `2027/6/30`,
/// `2027.6.30` or `2027年6月30日`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('日');
    let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = number(year, 4).filter(|y| (1900..=2199).contains(y))?;
    NaiveDate::from_ymd_opt(year as i32, number(month, 2)?, number(day, 2)?)
}

/// The stored form of a date: `YYYY-MM-DD`.
pub fn date_text(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn dates_as_excel_writes_them() {
        let expected = NaiveDate::from_ymd_opt(2027, 6, 30);
        for text in ["2027-06-30", "2027/6/30", " 2027.6.30 ", "2027年6月30日"] {
            assert_eq!(parse_date(text), expected, "{text}");
        }
        for text in ["", "2027-02-30", "30/6/2027", "2027-6", "明年"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(date_text(expected.unwrap()), "2027-06-30");
    }
}
