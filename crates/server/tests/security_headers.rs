//! Security headers on pages, files and API answers, from the real binary over real HTTP.

mod common;

use common::Server;

/// A built app's shape: the start page, the inspector's page, a script.
fn dist() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("index.html"),
        "<!DOCTYPE html><title>start</title>",
    )
    .unwrap();
    std::fs::write(dir.path().join("boot.js"), "export {};").unwrap();
    let inspector = dir.path().join("bundles/inspector");
    std::fs::create_dir_all(&inspector).unwrap();
    std::fs::write(
        inspector.join("index.html"),
        "<!DOCTYPE html><title>verify</title>",
    )
    .unwrap();
    dir
}

/// `GET path` on the server's root; the status and the answer's headers.
fn get(server: &Server, path: &str) -> (u16, ureq::Response) {
    match ureq::get(&format!("{}{path}", server.base)).call() {
        Ok(response) => (response.status(), response),
        Err(ureq::Error::Status(status, response)) => (status, response),
        Err(err) => panic!("GET {path}: {err}"),
    }
}

const COMMON: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
];

#[test]
fn every_answer_carries_the_policy_and_only_the_inspector_may_use_the_camera() {
    let dist = dist();
    let server = Server::start_with(&["--dist", dist.path().to_str().unwrap()]);
    for (path, status, camera) in [
        ("/", 200, "camera=()"),
        ("/login", 200, "camera=()"),
        ("/boot.js", 200, "camera=()"),
        ("/verify", 200, "camera=(self)"),
        ("/api/v1/health", 200, "camera=()"),
        ("/api/v1/no-such-route", 404, "camera=()"),
    ] {
        let (got, response) = get(&server, path);
        assert_eq!(got, status, "{path}");
        let csp = response.header("content-security-policy").unwrap_or("");
        assert!(
            csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
            "{path}: {csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        for (name, value) in COMMON {
            assert_eq!(response.header(name), Some(value), "{path} {name}");
        }
        let permissions = response.header("permissions-policy").unwrap_or("");
        assert!(permissions.contains(camera), "{path}: {permissions}");
    }
    let (_, page) = get(&server, "/verify");
    assert!(page.into_string().unwrap().contains("verify"));
    let (_, api) = get(&server, "/api/v1/health");
    assert_eq!(api.header("cache-control"), Some("no-store"));
}
