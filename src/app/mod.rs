//! The app's bundles (core's `Bundle`): each mounts the shared frame around its own pages. The
//! office routes with Leptos's router; a phone bundle is one page and carries no router. A path
//! another bundle serves is opened with a full page load, so the server sends that bundle.

pub mod driver;
pub mod inspector;
pub mod office;

use std::sync::{Arc, OnceLock};

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use crate::components::layout::Layout;
use crate::session::Session;

/// The path this page was loaded for: the server chose this bundle for it.
static LANDED: OnceLock<String> = OnceLock::new();

/// Starts a bundle: panics reach the console, and `app` is mounted on the page.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    let path = window().location().pathname().unwrap_or_default();
    let _ = LANDED.set(path);
    leptos::mount::mount_to_body(app);
}

/// The frame every bundle shares: the bundle, the session and the layout around its pages.
#[component]
pub fn Frame(bundle: Bundle, children: Children) -> impl IntoView {
    provide_context(bundle);
    Session::provide();
    view! { <Layout>{children()}</Layout> }
}

/// The router's way to a path, where a bundle has a router (the office).
#[derive(Clone)]
pub struct RouterNavigation(pub Arc<dyn Fn(&str) + Send + Sync>);

/// The bundle this page runs (`Frame` provides it).
pub fn this_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Office)
}

/// Moves the page to an app path; made while rendering, used later (after an await, say).
#[derive(Clone)]
pub struct Go {
    here: Bundle,
    router: Option<RouterNavigation>,
}

impl Go {
    /// The way to move from the page being rendered.
    pub fn here() -> Go {
        Go {
            here: this_bundle(),
            router: use_context::<RouterNavigation>(),
        }
    }

    /// Within this bundle by its router (a phone bundle's one page is already here); to another
    /// bundle by loading its page.
    pub fn to(&self, path: &str) {
        if Bundle::serving(path) != self.here {
            let _ = window().location().assign(path);
        } else if let Some(router) = &self.router {
            (router.0)(path);
        }
    }
}

/// Loads `href` as a new page when another bundle serves `path` (the router already went
/// there, so the entry is replaced); true when it did.
pub fn open_elsewhere(path: &str, href: &str) -> bool {
    if Bundle::serving(path) == this_bundle() || LANDED.get().is_some_and(|landed| landed == path) {
        return false;
    }
    window().location().replace(href).is_ok()
}
