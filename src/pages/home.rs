//! The start page: where each person goes next.

use leptos::prelude::*;

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
                    <a href=me.role.home() class="button">{format!("进入{}工作台", me.role.label())}</a>
                }
                .into_any(),
                None => view! {
                    <div class="actions">
                        <a href="/login" class="button">"登录"</a>
                        <a href="/verify" class="button secondary">"扫码核验"</a>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
