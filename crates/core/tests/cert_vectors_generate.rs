//! The committed vectors in `tests/vectors/` are exactly what the test-only keys generate.
//! Regenerate with `CHARTERPASS_REGENERATE_VECTORS=1 cargo test -p charterpass-core --features sign --test cert_vectors_generate`.
#![cfg(all(feature = "sign", not(target_arch = "wasm32")))]

use charterpass_core::certificate::test_vectors::{generate, TestKeys, KEY_FILES};
use std::path::PathBuf;

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn keys() -> TestKeys {
    let pems = KEY_FILES
        .map(|f| std::fs::read_to_string(repo_root().join("tests/keys").join(f)).expect(f));
    TestKeys::from_pems(&pems).expect("test-only keys")
}

#[test]
fn committed_vectors_match_the_generator() {
    let regenerate = std::env::var_os("CHARTERPASS_REGENERATE_VECTORS").is_some();
    let dir = repo_root().join("tests/vectors");
    for (stem, vectors) in generate(&keys()) {
        let json = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
        let path = dir.join(format!("{stem}.json"));
        if regenerate {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &json).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == json,
            "{} differs from the generator",
            path.display()
        );
    }
}

#[test]
fn generation_is_deterministic() {
    let keys = keys();
    let a = serde_json::to_string(&generate(&keys)).unwrap();
    let b = serde_json::to_string(&generate(&keys)).unwrap();
    assert_eq!(a, b);
}
