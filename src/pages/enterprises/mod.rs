//! 企业管理 (administrator): the enterprise list, searched by name or credit code and paged on
//! the server; the form that registers or edits one; disabling and re-enabling; CSV import.

mod form;
mod row;

use charterpass_core::filing_api::{EnterpriseView, Paged};
use charterpass_core::master_data::import::ImportKind;
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::import_panel::ImportPanel;
use crate::components::pager::{pages_of, Pager};
use crate::components::role_gate::RoleGate;

/// The 企业管理 page.
#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<EnterpriseView>);
    let list = RwSignal::new(None::<Result<Paged<EnterpriseView>, String>>);
    let pages = Signal::derive(move || list.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        let search = search.get();
        spawn_local(async move {
            let result = crate::api::master_data::enterprises(&search, page).await;
            list.set(Some(result.map_err(|e| e.message())));
        });
    });
    let reload = move || version.update(|v| *v += 1);
    view! {
        <RoleGate role=Role::Admin>
            <section class="card">
                <h1>"企业管理"</h1>
                <div class="inline-form" role="search" aria-label="搜索企业">
                    <label for="enterprise-search">"搜索企业名称或统一社会信用代码"</label>
                    <input id="enterprise-search" type="search" maxlength="50"
                        prop:value=move || search.get()
                        on:input=move |ev| { search.set(event_target_value(&ev)); page.set(1); }/>
                </div>
                {move || match list.get() {
                    None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                    Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"没有符合条件的企业"</p> }.into_any(),
                    Some(Ok(list)) => view! {
                        <p class="muted">{format!("共 {} 家企业", list.total)}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="企业列表（可横向滚动）">
                            <table aria-label="企业列表">
                                <thead><tr>
                                    <th>"企业名称"</th><th>"统一社会信用代码"</th><th>"所在州市"</th>
                                    <th>"经营许可证有效期至"</th><th>"状态"</th><th>"操作"</th>
                                </tr></thead>
                                <tbody>
                                    {list.items.into_iter().map(|e| view! {
                                        <row::EnterpriseRow enterprise=e editing=editing on_change=reload/>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any(),
                }}
                <Pager page=page pages=pages label="企业列表分页"/>
            </section>
            <form::EnterpriseForm editing=editing on_saved=reload/>
            <ImportPanel kind=ImportKind::Enterprises on_imported=reload/>
        </RoleGate>
    }
}
