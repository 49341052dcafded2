//! Mounts the charterpass app.
fn main() {}
