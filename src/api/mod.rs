//! The client of the JSON API under `/api/v1`: one module per resource, typed errors.

pub mod accounts;
pub mod enterprises;
pub mod feedback;
pub mod filings;
pub mod issuance;
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

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Unexpected);
    }
    Err(error_of(response).await)
}

/// The error an unsuccessful answer carries.
async fn error_of(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => ApiError::Server { status, body },
        Err(_) => ApiError::Unexpected,
    }
}

/// `GET` a JSON resource.
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(response).await
}

/// `GET` a binary resource (the signed trust list).
pub async fn get_bytes(path: &str) -> Result<Vec<u8>, ApiError> {
    let response = Request::get(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(error_of(response).await);
    }
    response.binary().await.map_err(|_| ApiError::Network)
}

/// Sends `body` as JSON with `method` and reads a JSON answer.
pub async fn send<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let url = format!("{BASE}{path}");
    let builder = match method {
        "PUT" => Request::put(&url),
        "PATCH" => Request::patch(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::post(&url),
    };
    let response = builder
        .json(body)
        .map_err(|_| ApiError::Unexpected)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    read(response).await
}

/// Sends `body` as JSON with `method`, expecting no body back (204).
pub async fn send_no_content<B: Serialize>(
    method: &str,
    path: &str,
    body: &B,
) -> Result<(), ApiError> {
    let url = format!("{BASE}{path}");
    let builder = match method {
        "PUT" => Request::put(&url),
        "PATCH" => Request::patch(&url),
        _ => Request::post(&url),
    };
    let response = builder
        .json(body)
        .map_err(|_| ApiError::Unexpected)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(());
    }
    Err(error_of(response).await)
}

/// `DELETE` a resource, expecting no body back.
pub async fn delete(path: &str) -> Result<(), ApiError> {
    let response = Request::delete(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(());
    }
    read::<()>(response).await
}

/// `POST` with no body, expecting no body back (204).
pub async fn post_empty(path: &str) -> Result<(), ApiError> {
    let response = Request::post(&format!("{BASE}{path}"))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        return Ok(());
    }
    read::<()>(response).await
}
