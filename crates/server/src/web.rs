//! The built app's static files, with every unknown path answered by `index.html`.

use std::path::Path;

use tower_http::services::{ServeDir, ServeFile};

/// Serves `dist/`, answering paths that are no file with the single-page app's `index.html`.
pub fn app_files(dist: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")))
}
