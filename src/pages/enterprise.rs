//! The Enterprise area: 企业工作台.

use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::role_gate::RoleGate;

/// The 企业工作台 page.
#[component]
pub fn Enterprise() -> impl IntoView {
    view! {
        <RoleGate role=Role::Enterprise>
            <section class="card">
                <h1>"企业工作台"</h1>
                <p>"省际包车备案、包车牌打印与电子牌下发将在此办理。"</p>
                <p><a href="/enterprise/plates">"包车牌打印（电子牌下发 / 纸质标志牌）"</a></p>
                <p><a href="/enterprise/fleet">"车辆与驾驶员管理"</a></p>
                <p><a href="/feedback">"问题反馈"</a></p>
            </section>
            <crate::pages::filing::FilingDesk/>
        </RoleGate>
    }
}
