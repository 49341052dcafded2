//! The navigation: the signed-in role's area, or the way to sign in.

use charterpass_core::session::Me;
use leptos::prelude::*;

/// Links fitting the signed-in role; a sign-in link when nobody is signed in.
#[component]
pub fn Nav(#[prop(into)] me: Signal<Option<Me>>) -> impl IntoView {
    view! {
        <nav class="nav" aria-label="主导航">
            {move || match me.get() {
                Some(me) => view! { <a href=me.role.home()>{me.role.label()}</a> }.into_any(),
                None => view! {
                    <a href="/login">"登录"</a>
                    <a href="/verify">"扫码核验"</a>
                }
                .into_any(),
            }}
        </nav>
    }
}
