//! The browser app's bundles: one small wasm app per role's pages, so a phone at the roadside
//! loads only the driver's or the inspector's page, and an office only its own role's pages.
//! The server and the app both ask [`Bundle::serving`] which one a path needs.

/// One separately built wasm app, with its own HTML page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// The start page, signing in and problem feedback (`/`, `/login`, `/feedback`), and the
    /// page for unknown addresses.
    Start,
    /// The enterprise's filings (`/enterprise`).
    Enterprise,
    /// The enterprise's plate printing: issuing and the paper plate (`/enterprise/plates/…`).
    Plates,
    /// The reviewer's queue (`/review`).
    Review,
    /// The administrator's pages (`/admin/…`).
    Admin,
    /// The driver's trips and certificate (`/driver`).
    Driver,
    /// The inspector's verification and its scanner (`/verify`).
    Inspector,
}

impl Bundle {
    /// Every bundle; a narrower area comes before the area it lies in.
    pub const ALL: [Bundle; 7] = [
        Bundle::Start,
        Bundle::Plates,
        Bundle::Enterprise,
        Bundle::Review,
        Bundle::Admin,
        Bundle::Driver,
        Bundle::Inspector,
    ];

    /// The bundle whose page serves the app path `path`.
    pub fn serving(path: &str) -> Bundle {
        Bundle::ALL
            .into_iter()
            .find(|bundle| bundle.area().is_some_and(|area| within(path, area)))
            .unwrap_or(Bundle::Start)
    }

    /// The path its pages live under (none for the start bundle, which serves the rest).
    pub fn area(self) -> Option<&'static str> {
        match self {
            Bundle::Start => None,
            Bundle::Enterprise => Some("/enterprise"),
            Bundle::Plates => Some("/enterprise/plates"),
            Bundle::Review => Some("/review"),
            Bundle::Admin => Some("/admin"),
            Bundle::Driver => Some("/driver"),
            Bundle::Inspector => Some("/verify"),
        }
    }

    /// Its folder, under the built app's folder and under the site's root ("" for the start).
    pub fn folder(self) -> &'static str {
        match self {
            Bundle::Start => "",
            Bundle::Enterprise => "bundles/enterprise",
            Bundle::Plates => "bundles/plates",
            Bundle::Review => "bundles/review",
            Bundle::Admin => "bundles/admin",
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
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn each_role_area_has_its_bundle() {
        assert_eq!(Bundle::serving("/driver"), Bundle::Driver);
        assert_eq!(Bundle::serving("/verify"), Bundle::Inspector);
        assert_eq!(Bundle::serving("/review"), Bundle::Review);
        assert_eq!(Bundle::serving("/enterprise"), Bundle::Enterprise);
        assert_eq!(Bundle::serving("/enterprise/plates"), Bundle::Plates);
        assert_eq!(
            Bundle::serving("/enterprise/plates/7/paper"),
            Bundle::Plates
        );
        assert_eq!(Bundle::serving("/enterprise/platesx"), Bundle::Enterprise);
        assert_eq!(Bundle::serving("/admin/"), Bundle::Admin);
    }

    #[test]
    fn everything_else_is_the_start() {
        for path in [
            "/",
            "/login",
            "/feedback",
            "/drivers",
            "/verifying",
            "/no/such/page",
        ] {
            assert_eq!(Bundle::serving(path), Bundle::Start, "{path}");
        }
    }

    #[test]
    fn folders_are_distinct_and_not_app_paths() {
        for bundle in Bundle::ALL {
            let others = Bundle::ALL
                .iter()
                .filter(|b| b.folder() == bundle.folder())
                .count();
            assert_eq!(others, 1, "{bundle:?}");
            assert_eq!(
                Bundle::serving(&format!("/{}", bundle.folder())),
                Bundle::Start
            );
        }
    }
}
