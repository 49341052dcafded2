//! The built app's static files; a path that is no file gets the HTML page of the bundle that
//! serves it (core's `Bundle`), so `/driver` and `/verify` open the small phone apps. Each page
//! carries, in `<meta>` tags, the province this server issues for and its pinned root fingerprint.

use std::path::{Path, PathBuf};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use charterpass_core::bundle::Bundle;
use charterpass_core::certificate::signed_list::Fingerprint;
use tower_http::services::ServeDir;

/// What the served pages tell the app about this deployment.
#[derive(Clone, Debug)]
pub struct PageFacts {
    /// The province this server issues for, e.g. `53`.
    pub province: String,
    /// The fingerprint of the root the inspector's page pins, once certified.
    pub root: Option<Fingerprint>,
}

impl PageFacts {
    /// The `<meta>` tags inserted at the start of every page's `<head>`.
    fn meta_tags(&self) -> String {
        let root = self.root.map(|r| r.to_hex()).unwrap_or_default();
        // Both values are digits and hex digits only: nothing here needs escaping.
        format!(
            "<meta name=\"charterpass-province\" content=\"{}\"><meta name=\"charterpass-root\" content=\"{root}\">",
            self.province
        )
    }
}

/// Serves `dist/`, answering paths that are no file with their bundle's page; a file with a
/// `.gz` beside it (scripts/build-app.sh writes them for wasm, JS and CSS) is sent gzipped to
/// browsers that accept it: on a slow mobile link the download is most of the first visit.
pub fn app_files(dist: &Path, facts: PageFacts) -> axum::Router {
    let folder = dist.to_owned();
    let pages = tower::service_fn(move |request: Request<Body>| {
        let folder = folder.clone();
        let facts = facts.clone();
        async move {
            let bundle = Bundle::serving(request.uri().path());
            Ok::<_, std::convert::Infallible>(
                page(folder.join(bundle.folder()).join("index.html"), &facts).await,
            )
        }
    });
    axum::Router::new().fallback_service(ServeDir::new(dist).precompressed_gzip().fallback(pages))
}

/// One bundle's page with the deployment's `<meta>` tags.
async fn page(path: PathBuf, facts: &PageFacts) -> Response {
    let Ok(html) = tokio::fs::read_to_string(&path).await else {
        return (StatusCode::NOT_FOUND, "page not built").into_response();
    };
    let html = match html.find("<head>") {
        Some(at) => {
            let at = at + "<head>".len();
            format!("{}{}{}", &html[..at], facts.meta_tags(), &html[at..])
        }
        None => html,
    };
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        html,
    )
        .into_response()
}
