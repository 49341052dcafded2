//! What the import routes share: the uploaded CSV file (its own size bound, larger than the
//! API's JSON bodies), the `only_good` choice, the template download and file errors.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use charterpass_core::master_data::import::{FileError, ImportKind, MAX_IMPORT_BYTES};
use serde::Deserialize;

use crate::api::ApiError;

/// The body limit of an import route: the file bound of core, read whole.
pub fn body_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_IMPORT_BYTES)
}

/// The uploaded file's bytes, as sent (`Content-Type` is not trusted: the file is checked).
pub struct CsvUpload(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for CsvUpload {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        // A declared length over the bound is refused before any of the body is read.
        let declared = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > MAX_IMPORT_BYTES) {
            return Err(ApiError::invalid("file", FileError::TooLarge.to_string()));
        }
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(CsvUpload(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::invalid("file", FileError::TooLarge.to_string()))
            }
            Err(_) => Err(ApiError::Malformed("无法读取上传的文件".into())),
        }
    }
}

/// `?only_good=true`: store the good rows even when others are bad.
#[derive(Debug, Default, Deserialize)]
pub struct ImportQuery {
    only_good: Option<String>,
}

impl ImportQuery {
    /// Whether the operator chose to import only the good rows.
    pub fn only_good(&self) -> bool {
        matches!(self.only_good.as_deref(), Some("true" | "1"))
    }
}

/// A file that cannot be read at all, as a 422 on the `file` field.
pub fn file_error(error: FileError) -> ApiError {
    ApiError::invalid("file", error.to_string())
}

/// The template of `kind` as a CSV download.
pub fn template(kind: ImportKind) -> Response {
    let name = match kind {
        ImportKind::Enterprises => "enterprises-template.csv",
        ImportKind::Vehicles => "vehicles-template.csv",
        ImportKind::Drivers => "drivers-template.csv",
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        kind.template(),
    )
        .into_response()
}
