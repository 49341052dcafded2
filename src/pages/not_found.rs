//! The page for addresses that lead nowhere in this bundle.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

/// 404: the page does not exist; a page of another bundle is loaded instead.
#[component]
pub fn NotFound() -> impl IntoView {
    let location = use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let query = if search.is_empty() {
        String::new()
    } else {
        format!("?{search}")
    };
    let href = format!("{path}{query}{}", location.hash.get_untracked());
    if crate::app::open_elsewhere(&path, &href) {
        return view! { <p class="muted">"正在打开…"</p> }.into_any();
    }
    view! {
        <section class="card narrow">
            <h1>"页面不存在"</h1>
            <p>"您访问的页面不存在或已被移除。"</p>
            <A href="/">"返回首页"</A>
        </section>
    }
    .into_any()
}
