//! The browser app's bundles: the phone pages (the driver's certificate, the inspector's
//! verification) are built as their own small wasm apps, so a phone at the roadside never loads
//! the office pages. The server and the app both ask [`Bundle::serving`] which one a path needs.

/// One separately built wasm app, with its own HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// Enterprises, reviewers and the administrator: every page but the two below.
    Office,
    /// The driver's trips and certificate (`/driver`).
    Driver,
    /// The inspector's verification and its scanner (`/verify`).
    Inspector,
}

impl Bundle {
    /// Every bundle.
    pub const ALL: [Bundle; 3] = [Bundle::Office, Bundle::Driver, Bundle::Inspector];

    /// The bundle whose page serves the app path `path`.
    pub fn serving(path: &str) -> Bundle {
        if within(path, "/driver") {
            Bundle::Driver
        } else if within(path, "/verify") {
            Bundle::Inspector
        } else {
            Bundle::Office
        }
    }

    /// Its folder, under the built app's folder and under the site's root ("" for the office).
    pub fn folder(self) -> &'static str {
        match self {
            Bundle::Office => "",
            Bundle::Driver => "bundles/driver",
            Bundle::Inspector => "bundles/inspector",
        }
    }
}

/// `path` is `prefix` or below it (`/driver`, `/driver/…`, not `/drivers`).
fn within(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::Bundle;

    #[test]
    fn phone_pages_have_their_own_bundles() {
        assert_eq!(Bundle::serving("/driver"), Bundle::Driver);
        assert_eq!(Bundle::serving("/driver/"), Bundle::Driver);
        assert_eq!(Bundle::serving("/verify"), Bundle::Inspector);
        assert_eq!(Bundle::serving("/verify/x"), Bundle::Inspector);
    }

    #[test]
    fn everything_else_is_the_office() {
        for path in [
            "/",
            "/login",
            "/enterprise/plates",
            "/drivers",
            "/verifying",
            "/feedback",
        ] {
            assert_eq!(Bundle::serving(path), Bundle::Office, "{path}");
        }
    }
}
