//! The audit trail: every change of a filing, permission, trust list, account, vehicle or driver,
//! newest first, filtered by kind and by the person who made it.

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::{AuditEntity, AuditEntry, Paged};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::filing_details::short_time;
use crate::components::pager::{pages_of, Pager};

/// A state's Chinese name: a filing status or a permission state.
fn state_label(state: &str) -> &str {
    match state {
        "granted" => "已授予自动审核权限",
        "withdrawn" => "无自动审核权限",
        "active" => "正常",
        "disabled" | "retired" => "已停用",
        "one_time_password" => "待修改一次性密码",
        other => FilingStatus::parse(other).map_or(other, |s| s.label()),
    }
}

/// The entries a page at a time, newest first; reloaded whenever `version` changes.
#[component]
pub fn AuditTrail(version: RwSignal<u32>) -> impl IntoView {
    let page = RwSignal::new(1u32);
    let entity = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let entries = RwSignal::new(None::<Result<Paged<AuditEntry>, String>>);
    let pages = Signal::derive(move || entries.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        let entity = AuditEntity::parse(&entity.get());
        let actor = actor.get();
        spawn_local(async move {
            let result = crate::api::enterprises::audit(entity, &actor, page).await;
            entries.set(Some(result.map_err(|e| e.message())));
        });
    });
    view! {
        <section class="card">
            <h2>"审计记录"</h2>
            <div class="inline-form" role="search" aria-label="筛选审计记录">
                <label for="audit-entity">"对象类型"</label>
                <select id="audit-entity" on:change=move |ev| { entity.set(event_target_value(&ev)); page.set(1); }>
                    <option value="">"全部"</option>
                    {AuditEntity::ALL.into_iter().map(|e| view! { <option value=e.as_str()>{e.label()}</option> }).collect_view()}
                </select>
                <label for="audit-actor">"操作人用户名"</label>
                <input id="audit-actor" type="search" maxlength="64"
                    on:change=move |ev| { actor.set(event_target_value(&ev)); page.set(1); }/>
            </div>
            {move || match entries.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"暂无记录"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label="审计记录（可横向滚动）">
                        <table aria-label="审计记录">
                            <thead><tr><th>"时间"</th><th>"操作人"</th><th>"对象"</th><th>"变更"</th><th>"明细"</th><th>"原因"</th></tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|e| {
                                    let change = match &e.from_state {
                                        Some(from) => format!("{} → {}", state_label(from), state_label(&e.to_state)),
                                        None => format!("新建：{}", state_label(&e.to_state)),
                                    };
                                    view! {
                                        <tr>
                                            <td>{short_time(&e.at)}</td>
                                            <td>{e.actor.clone()}</td>
                                            <td>{format!("{}：{}", e.entity.label(), e.entity_label)}</td>
                                            <td>{change}</td>
                                            <td class="detail">{e.detail.clone().unwrap_or_default()}</td>
                                            <td>{e.reason.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="审计记录分页"/>
        </section>
    }
}
