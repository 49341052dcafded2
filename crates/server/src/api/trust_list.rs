//! `GET /trust-list`: the signed trust list (信任列表) our inspectors verify with, offline;
//! `GET /trust-list.json`: the same list, opened, for people.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use charterpass_core::certificate::signed_list::{open, Fingerprint, ListContent};
use serde::Serialize;

use super::ApiError;
use crate::state::AppState;
use crate::trust::store::Published;
use crate::trust::{publish, served};

/// The media type of a signed trust list (a tagged COSE_Sign1).
pub const MEDIA_TYPE: &str = "application/cose; cose-type=\"cose-sign1\"";

/// The trust-list routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/trust-list", get(signed))
        .route("/trust-list.json", get(readable))
}

/// The signed list: the one last served while its inputs are unchanged and it is not due, else
/// the stored one or a newly signed one (`publish::combined`).
async fn current(state: &AppState) -> Result<(Published, Fingerprint), ApiError> {
    let Some(signer) = state.list_signer.clone() else {
        return Err(ApiError::NotReady(
            "本省信任列表尚未由根密钥认证，暂不能下载（运维人员请运行 charterpass root certify）",
        ));
    };
    let keys = state.keys.clone();
    let served = state.served_list.clone();
    let now = chrono::Utc::now().timestamp();
    let root = signer.root();
    let published = state
        .db
        .call(move |conn| {
            let stamp = served::stamp(conn)?;
            if let Some(published) = served.get(&stamp, now) {
                return Ok(published);
            }
            let published = publish::combined(conn, &keys, &signer, now)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            served.put(stamp, published.clone());
            Ok(published)
        })
        .await?;
    Ok((published, root))
}

async fn signed(State(state): State<AppState>) -> Result<Response, ApiError> {
    let (published, _) = current(&state).await?;
    Ok((
        [
            (header::CONTENT_TYPE, MEDIA_TYPE),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        published.list,
    )
        .into_response())
}

/// The opened list as people read it.
#[derive(Serialize)]
struct Readable {
    root_fingerprint: Fingerprint,
    bytes: usize,
    #[serde(flatten)]
    content: ListContent,
}

async fn readable(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let (published, root) = current(&state).await?;
    let opened = open(&published.list, &root).map_err(|e| ApiError::Internal(e.to_string()))?;
    let readable = Readable {
        root_fingerprint: root,
        bytes: published.list.len(),
        content: opened.content,
    };
    serde_json::to_value(readable)
        .map(Json)
        .map_err(|e| ApiError::Internal(e.to_string()))
}
