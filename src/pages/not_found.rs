//! The page for addresses that lead nowhere.

use leptos::prelude::*;

/// 404: the page does not exist.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"页面不存在"</h1>
            <p>"您访问的页面不存在或已被移除。"</p>
            <a href="/">"返回首页"</a>
        </section>
    }
}
