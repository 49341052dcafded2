//! 账号管理 (administrator): the account list with search and paging, the form that creates an
//! account, and per account: disable or re-enable, reset the password.

mod create_form;
mod row;

use charterpass_core::account::AccountSummary;
use charterpass_core::filing_api::Paged;
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::pager::{pages_of, Pager};
use crate::components::role_gate::RoleGate;

/// The 账号管理 page.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let accounts = RwSignal::new(None::<Result<Paged<AccountSummary>, String>>);
    let pages = Signal::derive(move || accounts.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        let search = search.get();
        let role = Role::parse(&role.get());
        spawn_local(async move {
            let result = crate::api::accounts::list(role, &search, page).await;
            accounts.set(Some(result.map_err(|e| e.message())));
        });
    });
    let reload = move || version.update(|v| *v += 1);
    view! {
        <RoleGate role=Role::Admin>
            <section class="card">
                <h1>"账号管理"</h1>
                <div class="inline-form" role="search" aria-label="搜索账号">
                    <label for="account-search">"搜索用户名或显示名"</label>
                    <input id="account-search" type="search" maxlength="64"
                        prop:value=move || search.get()
                        on:input=move |ev| { search.set(event_target_value(&ev)); page.set(1); }/>
                    <label for="account-role">"角色"</label>
                    <select id="account-role" on:change=move |ev| { role.set(event_target_value(&ev)); page.set(1); }>
                        <option value="">"全部"</option>
                        {Role::ALL.into_iter().map(|r| view! { <option value=r.as_str()>{r.label()}</option> }).collect_view()}
                    </select>
                </div>
                {move || match accounts.get() {
                    None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"没有符合条件的账号"</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <div class="table-wrap" tabindex="0" role="region" aria-label="账号列表（可横向滚动）">
                            <table aria-label="账号列表">
                                <thead><tr><th>"用户名"</th><th>"显示名"</th><th>"角色"</th><th>"所属"</th><th>"状态"</th><th>"操作"</th></tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|a| view! { <row::AccountRow account=a on_change=reload/> }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
                <Pager page=page pages=pages label="账号列表分页"/>
            </section>
            <create_form::CreateAccountForm on_created=reload/>
        </RoleGate>
    }
}
