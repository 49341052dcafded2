//! Security headers on every answer, pages, files and API alike: the Content-Security-Policy the
//! app runs under, no MIME sniffing, no framing, a strict referrer, and the camera only on the
//! inspector's page.

use axum::body::Body;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use charterpass_core::bundle::Bundle;

/// The Content-Security-Policy of every answer. Scripts only from the site (Trunk's inline loader
/// is replaced by `public/boot.js`, see `Trunk.toml`), wasm compiled by them
/// (`'wasm-unsafe-eval'`), the scan worker and the service worker from the site, no inline style
/// (the app sets styles through CSSOM only), and no framing by anyone.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; \
     worker-src 'self'; manifest-src 'self'; media-src 'self'; object-src 'none'; \
     base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Browser features no page uses.
const PERMISSIONS_NONE: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

/// The inspector's page (core's `Bundle::Inspector`, `/verify`) scans with the camera.
const PERMISSIONS_INSPECTOR: &str =
    "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

/// The `Permissions-Policy` for the page or file at `path`.
pub fn permissions_policy(path: &str) -> &'static str {
    if Bundle::serving(path) == Bundle::Inspector {
        PERMISSIONS_INSPECTOR
    } else {
        PERMISSIONS_NONE
    }
}

/// Sets header `name` to the constant `value`.
fn set(headers: &mut HeaderMap, name: HeaderName, value: &'static str) {
    headers.insert(name, HeaderValue::from_static(value));
}

/// Middleware adding the security headers to whatever the inner service answered.
pub async fn add(request: Request<Body>, next: Next) -> Response {
    let permissions = permissions_policy(request.uri().path());
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set(headers, CONTENT_SECURITY_POLICY, CSP);
    set(headers, X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, X_FRAME_OPTIONS, "DENY");
    set(headers, REFERRER_POLICY, "no-referrer");
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        permissions,
    );
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    // API answers carry personal data: no browser or proxy cache keeps them.
    if api && !headers.contains_key(CACHE_CONTROL) {
        set(headers, CACHE_CONTROL, "no-store");
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_inspectors_page_may_use_the_camera() {
        assert!(permissions_policy("/verify").contains("camera=(self)"));
        assert!(permissions_policy("/verify/").contains("camera=(self)"));
        for path in [
            "/",
            "/login",
            "/driver",
            "/verifying",
            "/api/v1/health",
            "/admin",
        ] {
            assert!(permissions_policy(path).contains("camera=()"), "{path}");
        }
    }

    #[test]
    fn the_policy_allows_no_inline_script_and_no_framing() {
        let script = CSP
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap();
        assert_eq!(script, "script-src 'self' 'wasm-unsafe-eval'");
        assert!(!CSP.contains("unsafe-inline"));
        assert!(CSP.contains("frame-ancestors 'none'"));
    }
}
