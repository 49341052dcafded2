//! The client of the JSON API under `/api/v1`: one module per resource, typed errors.

pub mod accounts;
pub mod enterprises;
pub mod feedback;
pub mod filings;
pub mod issuance;
pub mod json;
pub mod master_data;
pub mod session;
pub mod verification;

use charterpass_core::session::ErrorBody;
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Why an API call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached.
    Network,
    /// The server answered with an error body.
    Server {
        /// The HTTP status.
        status: u16,
        /// The error body, with its Chinese message.
        body: ErrorBody,
    },
    /// The answer was not what the app expected.
    Unexpected,
}

impl ApiError {
    /// A Chinese message for people.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network => "无法连接服务器，请检查网络后重试".to_owned(),
            ApiError::Server { body, .. } => body.message.clone(),
            ApiError::Unexpected => "服务器返回了无法识别的内容".to_owned(),
        }
    }

    /// The input field the server blamed, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Server { body, .. } => body.field.as_deref(),
            _ => None,
        }
    }
}

pub(crate) const BASE: &str = "/api/v1";

/// An empty JSON object, the body of a `POST` that carries nothing (`{}`).
#[derive(Serialize)]
pub struct Empty {}

/// The request `method` on the API path `path`, with `json` as its body when given.
fn request(method: &str, path: &str, json: Option<String>) -> Result<Request, ApiError> {
    let url = format!("{BASE}{path}");
    let builder = match method {
        "GET" => Request::get(&url),
        "PUT" => Request::put(&url),
        "PATCH" => Request::patch(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::post(&url),
    };
    let built = match json {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json),
        None => builder.build(),
    };
    built.map_err(|_| ApiError::Unexpected)
}

/// Sends `request`: the answer when it is a success, the error it carries otherwise. Not generic,
/// so every call shares one copy of the sending code.
async fn answer(request: Result<Request, ApiError>) -> Result<Response, ApiError> {
    let response = request?.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(response);
    }
    Err(error_of(response).await)
}

/// The text of a successful answer.
async fn text(request: Result<Request, ApiError>) -> Result<String, ApiError> {
    answer(request)
        .await?
        .text()
        .await
        .map_err(|_| ApiError::Network)
}

/// `text` read as JSON.
pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::Unexpected)
}

/// `body` as JSON text.
fn json<B: Serialize>(body: &B) -> Result<String, ApiError> {
    serde_json::to_string(body).map_err(|_| ApiError::Unexpected)
}

/// Reads a JSON answer (an error body when unsuccessful).
async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if !response.ok() {
        return Err(error_of(response).await);
    }
    let text = response.text().await.map_err(|_| ApiError::Network)?;
    parse(&text)
}

/// The error an unsuccessful answer carries.
async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    let body = response
        .text()
        .await
        .ok()
        .and_then(|text| error_body(&text));
    match body {
        Some(body) => ApiError::Server { status, body },
        None => ApiError::Unexpected,
    }
}

/// The error body in `text`, read by the browser.
fn error_body(text: &str) -> Option<ErrorBody> {
    let body = json::parse_object(text)?;
    Some(ErrorBody {
        code: body.text("code")?,
        message: body.text("message")?,
        field: body.optional_text("field")?,
    })
}

/// `GET` a JSON resource.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    parse(&get_text(path).await?)
}

/// `GET` a resource as the text of its JSON, for a caller that keeps the text.
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    text(request("GET", path, None)).await
}

/// `GET` a binary resource (the signed trust list).
pub async fn get_bytes(path: &str) -> Result<Vec<u8>, ApiError> {
    answer(request("GET", path, None))
        .await?
        .binary()
        .await
        .map_err(|_| ApiError::Network)
}

/// Sends `body` as JSON with `method` and reads a JSON answer.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    parse(&send_text(method, path, body).await?)
}

/// Sends `body` as JSON with `method` and answers the text of the JSON answer.
pub async fn send_text<B: Serialize>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<String, ApiError> {
    send_json(method, path, json(body)?).await
}

/// Sends the JSON text `json` with `method` and answers the text of the JSON answer.
pub async fn send_json(method: &str, path: &str, json: String) -> Result<String, ApiError> {
    text(request(method, path, Some(json))).await
}

/// Sends `body` as JSON with `method`, expecting no body back (204).
pub async fn send_no_content<B: Serialize>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<(), ApiError> {
    send_json_no_content(method, path, json(body)?).await
}

/// Sends the JSON text `json` with `method`, expecting no body back (204).
pub async fn send_json_no_content(method: &str, path: &str, json: String) -> Result<(), ApiError> {
    answer(request(method, path, Some(json))).await.map(drop)
}

/// `DELETE` a resource, expecting no body back.
pub async fn delete(path: &str) -> Result<(), ApiError> {
    answer(request("DELETE", path, None)).await.map(drop)
}

/// `POST` with no body, expecting no body back (204).
pub async fn post_empty(path: &str) -> Result<(), ApiError> {
    answer(request("POST", path, None)).await.map(drop)
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use charterpass_core::session::ErrorBody;
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::error_body;

    #[test]
    fn an_error_body_reads_back_as_serde_writes_it() {
        for field in [None, Some("new".to_owned())] {
            let written = ErrorBody {
                code: "password_too_short".into(),
                message: "新密码至少 10 个字符".into(),
                field,
            };
            let json = serde_json::to_string(&written).unwrap();
            assert_eq!(error_body(&json), Some(written));
        }
        assert_eq!(error_body("<html>"), None);
    }
}
