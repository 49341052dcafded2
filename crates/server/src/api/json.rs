//! `JsonBody<T>`: a JSON request body whose every rejection is an API error in Chinese.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::Json;
use charterpass_core::filing::field_label;
use serde::de::DeserializeOwned;

use crate::api::ApiError;

/// A JSON body; malformed, oversized or mistyped bodies answer `{code,message,field}`.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) => Err(api_error(rejection)),
        }
    }
}

fn api_error(rejection: JsonRejection) -> ApiError {
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return ApiError::TooLarge;
    }
    match rejection {
        JsonRejection::JsonDataError(err) => {
            let field = field_of(&err.body_text());
            let label = field_label(&field).unwrap_or(&field).to_owned();
            ApiError::invalid(&field, format!("{label}的格式不正确"))
        }
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::Malformed("请求内容须为 JSON（Content-Type: application/json）".into())
        }
        _ => ApiError::Malformed("请求内容不是有效的 JSON".into()),
    }
}

/// The top-level field a serde error names, e.g. `one_way_km` from
/// `…target type: one_way_km: invalid type…`; `body` when none is named.
fn field_of(text: &str) -> String {
    let detail = text.split_once("target type: ").map_or("", |(_, d)| d);
    let path = detail.split_once(": ").map_or("", |(p, _)| p);
    let is_path = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.[]".contains(c));
    if !is_path {
        return "body".to_owned();
    }
    let field: String = path
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if field.is_empty() {
        return "body".to_owned();
    }
    field
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_the_top_level_field() {
        let text = "Failed to deserialize the JSON body into the target type: waypoints[0]: invalid type: integer `5`, expected a string at line 1 column 17";
        assert_eq!(super::field_of(text), "waypoints");
        assert_eq!(
            super::field_of(
                "Failed to deserialize the JSON body into the target type: invalid type: map"
            ),
            "body"
        );
    }
}
