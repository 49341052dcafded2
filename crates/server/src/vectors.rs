//! `charterpass vectors`: regenerates the published test vectors from the test-only keys.

use std::path::PathBuf;

use charterpass_core::certificate::signed_list::test_vectors::{ListKeys, LIST_KEY_FILES};
use charterpass_core::certificate::test_vectors::{generate, TestKeys, KEY_FILES};
use clap::Args;

/// Settings of `charterpass vectors`.
#[derive(Args, Debug)]
pub struct VectorsArgs {
    /// Folder to write `<group>.json` into.
    #[arg(long, default_value = "tests/vectors")]
    pub out: PathBuf,
    /// Folder of the test-only keys (`test-only-*.pem`).
    #[arg(long, default_value = "tests/keys")]
    pub keys: PathBuf,
}

/// Writes every vector file; the output is deterministic (RFC 6979 signatures).
pub fn run(args: VectorsArgs) -> Result<(), Box<dyn std::error::Error>> {
    let mut pems: [String; 6] = Default::default();
    for (pem, file) in pems.iter_mut().zip(KEY_FILES) {
        let path = args.keys.join(file);
        *pem = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let keys = TestKeys::from_pems(&pems)?;
    std::fs::create_dir_all(&args.out)?;
    let mut count = 0;
    for (stem, vectors) in generate(&keys) {
        count += vectors.len();
        let json = serde_json::to_string_pretty(&vectors)? + "\n";
        std::fs::write(args.out.join(format!("{stem}.json")), json)?;
    }
    let mut pems: [String; 6] = Default::default();
    for (pem, file) in pems.iter_mut().zip(LIST_KEY_FILES) {
        let path = args.keys.join(file);
        *pem = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let lists = charterpass_core::certificate::signed_list::test_vectors::generate(
        &ListKeys::from_pems(&pems)?,
    );
    count += lists.len();
    let json = serde_json::to_string_pretty(&lists)? + "\n";
    std::fs::write(args.out.join("trust-lists.json"), json)?;
    println!("wrote {count} vectors to {}", args.out.display());
    Ok(())
}
