//! The app's bundles (core's `Bundle`): each mounts the shared frame around its own routes.
//! A path another bundle serves is opened with a full page load, so the server sends that bundle.

pub mod driver;
pub mod inspector;
pub mod office;

use std::sync::OnceLock;

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::NavigateOptions;

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

/// The frame every bundle shares: the session, the router and the layout around its routes.
#[component]
pub fn Frame(bundle: Bundle, children: Children) -> impl IntoView {
    provide_context(bundle);
    Session::provide();
    view! {
        <Router>
            <Layout>{children()}</Layout>
        </Router>
    }
}

/// The bundle this page runs (`Frame` provides it).
pub fn this_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Office)
}

/// Goes to `path`: by the router within `here`, by loading its page when another bundle serves it.
pub fn go(here: Bundle, navigate: impl Fn(&str, NavigateOptions), path: &str) {
    if Bundle::serving(path) == here {
        navigate(path, NavigateOptions::default());
        return;
    }
    let _ = window().location().assign(path);
}

/// Loads `href` as a new page when another bundle serves `path` (the router already went
/// there, so the entry is replaced); true when it did.
pub fn open_elsewhere(path: &str, href: &str) -> bool {
    if Bundle::serving(path) == this_bundle() || LANDED.get().is_some_and(|landed| landed == path) {
        return false;
    }
    window().location().replace(href).is_ok()
}
