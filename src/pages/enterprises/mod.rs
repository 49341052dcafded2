//! 企业管理 (administrator): the enterprise list, searched by name or credit code and paged on
//! the server; the form that registers or edits one; disabling and re-enabling; CSV import.

mod form;
mod row;

use charterpass_core::filing_api::EnterpriseView;
use charterpass_core::master_data::import::ImportKind;
use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::import_panel::ImportPanel;
use crate::components::paged_list::{ListSearch, PagedList, PagedTable};
use crate::components::role_gate::RoleGate;

/// The 企业管理 page.
#[component]
pub fn EnterprisesPage() -> impl IntoView {
    let editing = RwSignal::new(None::<EnterpriseView>);
    let list = PagedList::new(|search, page| async move {
        crate::api::master_data::enterprises(&search, page).await
    });
    let reload = move || list.reload();
    view! {
        <RoleGate role=Role::Admin>
            <section class="card">
                <h1>"企业管理"</h1>
                <ListSearch list=list id="enterprise-search" label="搜索企业名称或统一社会信用代码" name="搜索企业"/>
                <PagedTable list=list name="企业列表" unit="家企业" empty="没有符合条件的企业"
                    headers=&["企业名称", "统一社会信用代码", "所在州市", "经营许可证有效期至", "状态", "操作"]
                    row=move |e| view! { <row::EnterpriseRow enterprise=e editing=editing on_change=reload/> }/>
            </section>
            <form::EnterpriseForm editing=editing on_saved=reload/>
            <ImportPanel kind=ImportKind::Enterprises on_imported=reload/>
        </RoleGate>
    }
}
