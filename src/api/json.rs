//! JSON read and written by the browser's own `JSON.parse` and `JSON.stringify`, for the answers
//! every page needs (who is signed in, an error body), the driver's certificates and the
//! inspector's status checks, verification records and appeals. A bundle that
//! needs no other JSON (the driver's, on a phone) then carries no JSON parser of its own: serde_json
//! with its error messages and number tables was about a tenth of that bundle.

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// The largest integer a JSON number carries exactly (2^53 − 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A JSON object, parsed by the browser.
pub struct Object(JsValue);

/// What an answer holds, read by the browser: `None` if it is not JSON.
fn parse(text: &str) -> Option<JsValue> {
    JSON::parse(text).ok()
}

/// `value` as an object (not an array, not null).
fn object(value: JsValue) -> Option<Object> {
    (value.is_object() && !Array::is_array(&value)).then_some(Object(value))
}

/// The JSON object `text`, if it is one.
pub fn parse_object(text: &str) -> Option<Object> {
    object(parse(text)?)
}

/// The JSON object `text`, or `Some(None)` for `null`; `None` if it is neither.
pub fn parse_nullable(text: &str) -> Option<Option<Object>> {
    let value = parse(text)?;
    if value.is_null() {
        return Some(None);
    }
    object(value).map(Some)
}

/// The objects of the JSON array `text`, if it is an array of objects.
pub fn parse_objects(text: &str) -> Option<Vec<Object>> {
    let array = parse(text)?.dyn_into::<Array>().ok()?;
    array.iter().map(object).collect()
}

/// A field of a JSON object the browser writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field<'a> {
    /// A text.
    Text(&'a str),
    /// A whole number (exact up to 2^53 − 1, as every JSON reader reads it).
    Integer(i64),
}

/// A JSON object of `fields`, written by the browser (which escapes what needs escaping).
pub fn object_text(fields: &[(&str, Field)]) -> String {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let value = match *value {
            Field::Text(text) => JsValue::from_str(text),
            Field::Integer(number) => JsValue::from_f64(number as f64),
        };
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    JSON::stringify(&object)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// Whether `value` is absent from its object or `null`.
fn missing(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

/// `value` as an integer, if it is a whole number a JSON number carries exactly.
fn integer(value: &JsValue) -> Option<i64> {
    let number = value.as_f64()?;
    (number.trunc() == number && number.abs() <= MAX_SAFE_INTEGER).then_some(number as i64)
}

impl Object {
    fn get(&self, key: &str) -> JsValue {
        Reflect::get(&self.0, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    }

    /// The text field `key`.
    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key).as_string()
    }

    /// The optional text field `key`: `Some(None)` when absent or `null`.
    pub fn optional_text(&self, key: &str) -> Option<Option<String>> {
        let value = self.get(key);
        if missing(&value) {
            return Some(None);
        }
        value.as_string().map(Some)
    }

    /// The integer field `key`.
    pub fn integer(&self, key: &str) -> Option<i64> {
        integer(&self.get(key))
    }

    /// The optional integer field `key`: `Some(None)` when absent or `null`.
    pub fn optional_integer(&self, key: &str) -> Option<Option<i64>> {
        let value = self.get(key);
        if missing(&value) {
            return Some(None);
        }
        integer(&value).map(Some)
    }

    /// The yes/no field `key`; `default` when absent.
    pub fn flag_or(&self, key: &str, default: bool) -> Option<bool> {
        let value = self.get(key);
        if value.is_undefined() {
            return Some(default);
        }
        value.as_bool()
    }

    /// The object field `key`.
    pub fn object(&self, key: &str) -> Option<Object> {
        object(self.get(key))
    }

    /// The yes/no field `key`.
    pub fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).as_bool()
    }

    /// The field `key`, an array of texts.
    pub fn texts(&self, key: &str) -> Option<Vec<String>> {
        let array = self.get(key).dyn_into::<Array>().ok()?;
        array.iter().map(|item| item.as_string()).collect()
    }

    /// The field `key`, an array of texts; empty when absent.
    pub fn texts_or_empty(&self, key: &str) -> Option<Vec<String>> {
        if self.get(key).is_undefined() {
            return Some(Vec::new());
        }
        self.texts(key)
    }
}
