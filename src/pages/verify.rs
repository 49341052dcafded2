//! The inspector's area: scan and verify a certificate (扫码核验). Open to anyone, works offline.

use leptos::prelude::*;

/// The 扫码核验 page.
#[component]
pub fn Verify() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"扫码核验"</h1>
            <p>"扫描驾驶员出示的电子凭证二维码，核验其真伪、有效期与启用范围。"</p>
        </section>
    }
}
