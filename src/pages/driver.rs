//! The Driver area: 驾驶员.

use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::role_gate::RoleGate;

/// The 驾驶员 page.
#[component]
pub fn Driver() -> impl IntoView {
    view! {
        <RoleGate role=Role::Driver>
            <section class="card">
                <h1>"驾驶员"</h1>
                <p>"待接收包车任务与当前行程的电子凭证（亮证亮码）将在此显示。"</p>
            </section>
        </RoleGate>
    }
}
