//! 账号管理 (administrator): the account list with search and paging, the form that creates an
//! account, and per account: disable or re-enable, reset the password.

mod form;
mod row;

use charterpass_core::account::AccountSummary;
use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::paged_list::{ListSearch, PagedList, PagedTable};
use crate::components::role_gate::RoleGate;

/// The 账号管理 page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let role = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<AccountSummary>);
    let list = PagedList::new(move |search, page| {
        let role = Role::parse(&role.get());
        async move { crate::api::accounts::list(role, &search, page).await }
    });
    let reload = move || list.reload();
    view! {
        <RoleGate role=Role::Admin>
            <section class="card">
                <h1>"账号管理"</h1>
                <ListSearch list=list id="account-search" label="搜索用户名或显示名" name="搜索账号" maxlength=64>
                    <label for="account-role">"角色"</label>
                    <select id="account-role" on:change=move |ev| { role.set(event_target_value(&ev)); list.restart(); }>
                        <option value="">"全部"</option>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </ListSearch>
                <PagedTable list=list name="账号列表" empty="没有符合条件的账号"
                    headers=&["用户名", "显示名", "角色", "所属", "状态", "操作"]
                    row=move |a| view! { <row::AccountRow account=a editing=editing on_change=reload/> }/>
            </section>
            <form::AccountForm editing=editing on_saved=reload/>
        </RoleGate>
    }
}
