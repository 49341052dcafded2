//! The frame around every page: the title bar, the navigation and the main area.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::nav::Nav;
use crate::session::Session;

/// The title bar, navigation and signed-in person around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = Session::get();
    let go = crate::app::Go::here();
    let sign_out = move |_| {
        let go = go.clone();
        spawn_local(async move {
            let _ = crate::api::session::sign_out().await;
            crate::pages::driver::forget_offline_copy();
            session.me.set(Some(None));
            go.to("/login");
        });
    };
    let authority =
        charterpass_core::scope::authority(&crate::deployment::province()).unwrap_or_default();
    let footer = format!("{authority} · 省际包车电子凭证系统");
    view! {
        <header class="topbar">
            <a href="/" class="brand">"省际包车电子凭证"</a>
            <Nav me=Signal::derive(move || session.current())/>
            <Show when=move || session.current().is_some()>
                <span class="who">{move || session.current().map(|me| me.display_name)}</span>
                <button class="link" on:click=sign_out.clone()>"退出登录"</button>
            </Show>
        </header>
        <main class="page">{children()}</main>
        <footer class="footer">{footer}</footer>
    }
}
