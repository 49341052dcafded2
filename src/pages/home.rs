//! The start page: where each person goes next.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::session::Session;

/// The start page.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::get();
    view! {
        <section class="hero">
            <h1>"省际包车电子凭证"</h1>
            <p>"包车客运企业备案与电子牌下发、审核、驾驶员亮证亮码、执法人员扫码核验。"</p>
            {move || match session.current() {
                Some(me) => view! {
                    <A href=me.role.home() attr:class="button">{format!("进入{}工作台", me.role.label())}</A>
                }
                .into_any(),
                None => view! {
                    <div class="actions">
                        <A href="/login" attr:class="button">"登录"</A>
                        <A href="/verify" attr:class="button secondary">"扫码核验"</A>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
