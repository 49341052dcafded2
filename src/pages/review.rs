//! The Reviewer area: 审核工作台.

use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::role_gate::RoleGate;

/// The 审核工作台 page.
#[component]
pub fn Review() -> impl IntoView {
    view! {
        <RoleGate role=Role::Reviewer>
            <section class="card">
                <h1>"审核工作台"</h1>
                <p>"本州（市）待人工审核的省际包车备案将在此处理。"</p>
            </section>
            <crate::pages::review_queue::ReviewQueue/>
        </RoleGate>
    }
}
