//! The Admin area: 管理工作台.

use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::role_gate::RoleGate;

/// The 管理工作台 page.
#[component]
pub fn Admin() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <section class="card">
                <h1>"管理工作台"</h1>
                <p>"企业自动审核权限、推广应用情况与问题反馈将在此管理。"</p>
                <p><A href="/admin/accounts">"账号管理"</A></p>
                <p><A href="/admin/enterprises">"企业管理"</A></p>
                <p><A href="/admin/adoption">"推广应用情况"</A></p>
                <p><A href="/admin/appeals">"申诉处理"</A></p>
                <p><A href="/admin/feedback">"问题反馈"</A></p>
            </section>
            <crate::pages::auto_review::AutoReviewDesk/>
        </RoleGate>
    }
}
