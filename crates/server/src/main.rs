//! The `charterpass` binary.
fn main() {}
