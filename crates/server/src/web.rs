//! The built app's static files; a path that is no file gets the HTML page of the bundle that
//! serves it (core's `Bundle`), so `/driver` and `/verify` open the small phone apps.

use std::path::Path;

use axum::body::Body;
use axum::http::Request;
use charterpass_core::bundle::Bundle;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// Serves `dist/`, answering paths that are no file with their bundle's `index.html`.
pub fn app_files(dist: &Path) -> axum::Router {
    let folder = dist.to_owned();
    let pages = tower::service_fn(move |request: Request<Body>| {
        let bundle = Bundle::serving(request.uri().path());
        ServeFile::new(folder.join(bundle.folder()).join("index.html")).oneshot(request)
    });
    axum::Router::new().fallback_service(ServeDir::new(dist).fallback(pages))
}
