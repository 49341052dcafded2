//! The frame around every page: the title bar, the navigation and the main area.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::change_password::ChangePassword;
use crate::components::nav::Nav;
use crate::session::Session;

/// The title bar, navigation and signed-in person around `children`.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let session = Session::get();
    let go = crate::app::Go::here();
    // Signs out here, or (`everywhere`) ends every session of the person, e.g. a lost phone's.
    let leave = move |everywhere: bool| {
        let go = go.clone();
        spawn_local(async move {
            let _ = if everywhere {
                crate::api::session::sign_out_everywhere().await
            } else {
                crate::api::session::sign_out().await
            };
            crate::pages::driver::forget_offline_copy();
            session.me.set(Some(None));
            go.to("/login");
        });
    };
    let sign_out = {
        let leave = leave.clone();
        move |_| leave(false)
    };
    let sign_out_everywhere = move |_| leave(true);
    let changing = RwSignal::new(false);
    let authority =
        charterpass_core::scope::authority(&crate::deployment::province()).unwrap_or_default();
    let footer = format!("{authority} · 省际包车电子凭证系统");
    view! {
        <header class="topbar">
            <a href="/" class="brand">"省际包车电子凭证"</a>
            <Nav me=Signal::derive(move || session.current())/>
            {move || session.current().map(|me| view! {
                <span class="who">{me.display_name}</span>
                <button class="link" aria-expanded=move || changing.get().to_string()
                    on:click=move |_| changing.update(|c| *c = !*c)>"修改密码"</button>
                <button class="link" on:click=sign_out.clone()>"退出登录"</button>
                <button
                    class="link"
                    title="结束本账号在所有设备上的登录"
                    on:click=sign_out_everywhere.clone()
                >
                    "退出所有设备"
                </button>
            })}
        </header>
        <main class="page">
            {move || changing.get().then(|| view! {
                <ChangePassword on_done=Callback::new(move |()| changing.set(false))/>
            })}
            {children()}
        </main>
        <footer class="footer">{footer}</footer>
    }
}
