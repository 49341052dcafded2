//! Criterion benchmark of the full verification pipeline (filled in with the test vectors).
fn main() {}
