//! The HTML pages and the service worker name the bundles as `Bundle` does: one page per bundle
//! (`scripts/build-app.sh` builds every page at the root) and the same path-to-bundle mapping in
//! `public/sw.js`, whose JavaScript cannot call core.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;

use charterpass_core::bundle::Bundle;

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The bundle's short name: its folder's last part, `start` for the start bundle.
fn name(bundle: Bundle) -> &'static str {
    bundle.folder().strip_prefix("bundles/").unwrap_or("start")
}

#[test]
fn every_bundle_has_its_page_and_no_page_lacks_a_bundle() {
    for bundle in Bundle::ALL {
        let page = match name(bundle) {
            "start" => "index.html".to_owned(),
            other => format!("{other}.html"),
        };
        let html = fs::read_to_string(format!("{ROOT}/{page}")).expect(&page);
        let bin = format!("data-bin=\"charterpass-{}\"", name(bundle));
        assert!(html.contains(&bin), "{page} lacks {bin}");
        // The server's Content-Security-Policy allows no inline script: public/boot.js loads
        // the wasm (Trunk.toml's pattern_script) and must be copied beside each bundle.
        assert!(!html.contains("<script"), "{page} has an inline script");
        assert!(
            html.contains(r#"rel="copy-file" href="public/boot.js""#),
            "{page} does not copy public/boot.js"
        );
    }
    let pages = fs::read_dir(ROOT)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "html")
        })
        .count();
    assert_eq!(pages, Bundle::ALL.len());
}

#[test]
fn the_service_worker_maps_paths_as_bundle_serving_does() {
    let sw = fs::read_to_string(format!("{ROOT}/public/sw.js")).unwrap();
    let areas: Vec<String> = Bundle::ALL
        .iter()
        .filter_map(|b| b.area())
        .map(|area| format!("'{area}'"))
        .collect();
    let expected = format!("const AREAS = [{}];", areas.join(", "));
    assert!(
        sw.contains(&expected),
        "public/sw.js should hold {expected}"
    );
}
