//! The app's bundles (core's `Bundle`): each mounts the shared frame around its own pages. The
//! administrator's bundle routes with Leptos's router; the others are one page each (or one page
//! per path, picked when loaded) and carry no router. A path another bundle serves is opened with
//! a full page load, so the server sends that bundle.

pub mod admin;
pub mod driver;
pub mod enterprise;
pub mod inspector;
pub mod plates;
pub mod review;
pub mod start;

use std::sync::{Arc, OnceLock};

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::layout::Layout;
use crate::pages::not_found::NotFound;
use crate::session::Session;

/// The path this page was loaded for: the server chose this bundle for it.
static LANDED: OnceLock<String> = OnceLock::new();

/// Starts a bundle: panics reach the console, and `app` is mounted on the page.
pub fn start<V: IntoView + 'static>(app: fn() -> V) {
    console_error_panic_hook::set_once();
    let _ = LANDED.set(window().location().pathname().unwrap_or_default());
    leptos::mount::mount_to_body(app);
}

/// The path this page was loaded for.
pub fn landed() -> &'static str {
    LANDED.get().map_or("/", String::as_str)
}

/// The frame every bundle shares: the bundle, the session and the layout around its pages.
#[component]
pub fn Frame(bundle: Bundle, children: Children) -> impl IntoView {
    provide_context(bundle);
    Session::provide();
    view! { <Layout>{children()}</Layout> }
}

/// The frame inside the router, for a bundle of several pages; `children` are its `Routes`.
#[component]
pub fn RoutedFrame(bundle: Bundle, children: Children) -> impl IntoView {
    view! {
        <Router>
            {
                let navigate = use_navigate();
                provide_context(RouterNavigation(Arc::new(move |path| navigate(path, Default::default()))));
                view! { <Frame bundle=bundle>{children()}</Frame> }
            }
        </Router>
    }
}

/// The router's way to a path, where a bundle has a router.
#[derive(Clone)]
pub struct RouterNavigation(pub Arc<dyn Fn(&str) + Send + Sync>);

/// The bundle this page runs (`Frame` provides it).
pub fn this_bundle() -> Bundle {
    use_context::<Bundle>().unwrap_or(Bundle::Start)
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

    /// By this bundle's router when it has one and serves `path`; otherwise by loading the
    /// page, unless it is the page already shown.
    pub fn to(&self, path: &str) {
        if let (true, Some(router)) = (Bundle::serving(path) == self.here, &self.router) {
            (router.0)(path);
        } else if window().location().pathname().ok().as_deref() != Some(path) {
            let _ = window().location().assign(path);
        }
    }
}

/// The router's fallback: a path of another bundle is loaded as a new page (the router already
/// went there, so the entry is replaced); anything else is 404.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let elsewhere = Bundle::serving(&path) != this_bundle() && path != landed();
    if elsewhere {
        let search = location.search.get_untracked();
        let query = if search.is_empty() {
            String::new()
        } else {
            format!("?{search}")
        };
        let href = format!("{path}{query}{}", location.hash.get_untracked());
        if window().location().replace(&href).is_ok() {
            return view! { <p class="muted">"正在打开…"</p> }.into_any();
        }
    }
    view! { <NotFound/> }.into_any()
}
