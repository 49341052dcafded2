//! The navigation: the signed-in role's area, or the way to sign in.

use charterpass_core::session::Me;
use leptos::prelude::*;
use leptos_router::components::A;

/// Links fitting the signed-in role; a sign-in link when nobody is signed in.
#[component]
pub fn Nav(#[prop(into)] me: Signal<Option<Me>>) -> impl IntoView {
    view! {
        <nav class="nav" aria-label="主导航">
            {move || match me.get() {
                Some(me) => view! { <A href=me.role.home()>{me.role.label()}</A> }.into_any(),
                None => view! {
                    <A href="/login">"登录"</A>
                    <A href="/verify">"扫码核验"</A>
                }
                .into_any(),
            }}
        </nav>
    }
}
