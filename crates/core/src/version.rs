//! The version of the domain code, shown by the API's health check and the app's footer.

/// The version of this crate, as in Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    #[test]
    fn version_is_semver_like() {
        assert_eq!(super::VERSION.split('.').count(), 3);
    }
}
