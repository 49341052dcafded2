//! Shows a page only to the role (or roles) it is for; strangers may sign in on the spot, and an
//! account holding a one-time password sees 修改密码 first.

use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::change_password::ChangePassword;
use crate::components::sign_in::SignIn;
use crate::session::Session;

/// Renders `children` when the signed-in person has `role`; otherwise says why not.
#[component]
pub fn RoleGate(role: Role, children: ChildrenFn) -> impl IntoView {
    gate(vec![role], children)
}

/// Renders `children` when the signed-in person has one of `roles`; otherwise says why not.
#[component]
pub fn AnyRoleGate(roles: Vec<Role>, children: ChildrenFn) -> impl IntoView {
    gate(roles, children)
}

fn gate(roles: Vec<Role>, children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let labels = roles
        .iter()
        .map(|role| role.label())
        .collect::<Vec<_>>()
        .join("、");
    move || match session.me.get() {
        None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
        // Signing in right here keeps a phone on its own small bundle (no trip to /login).
        Some(None) => view! {
            <section class="notice">
                <p>"请先登录。"</p>
            </section>
            <SignIn/>
        }
        .into_any(),
        // A one-time password is changed before anything else.
        Some(Some(me)) if me.must_change_password => view! { <ChangePassword/> }.into_any(),
        Some(Some(me)) if roles.contains(&me.role) => children().into_any(),
        Some(Some(me)) => view! {
            <section class="notice">
                <p>{format!("此页面供{labels}使用，您当前的身份是{}。", me.role.label())}</p>
                <a href=me.role.home()>"返回我的工作台"</a>
            </section>
        }
        .into_any(),
    }
}
