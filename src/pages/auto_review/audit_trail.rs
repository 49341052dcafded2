//! The audit trail: every filing status change and permission change, newest first.

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::AuditEntry;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::filing_details::short_time;

/// A state's Chinese name: a filing status or a permission state.
fn state_label(state: &str) -> &str {
    match state {
        "granted" => "已授予自动审核权限",
        "withdrawn" => "无自动审核权限",
        other => FilingStatus::parse(other).map_or(other, |s| s.label()),
    }
}

/// The newest 100 entries, reloaded whenever `version` changes.
#[component]
pub fn AuditTrail(version: RwSignal<u32>) -> impl IntoView {
    let entries = RwSignal::new(None::<Result<Vec<AuditEntry>, String>>);
    Effect::new(move |_| {
        version.get();
        spawn_local(async move {
            let result = crate::api::enterprises::audit().await;
            entries.set(Some(result.map(|p| p.items).map_err(|e| e.message())));
        });
    });
    view! {
        <section class="card">
            <h2>"审计记录"</h2>
            {move || match entries.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"暂无记录"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap">
                        <table aria-label="审计记录">
                            <thead><tr><th>"时间"</th><th>"操作人"</th><th>"对象"</th><th>"变更"</th><th>"原因"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|e| {
                                    let change = match &e.from_state {
                                        Some(from) => format!("{} → {}", state_label(from), state_label(&e.to_state)),
                                        None => format!("新建：{}", state_label(&e.to_state)),
                                    };
                                    view! {
                                        <tr>
                                            <td>{short_time(&e.at)}</td>
                                            <td>{e.actor.clone()}</td>
                                            <td>{e.entity_label.clone()}</td>
                                            <td>{change}</td>
                                            <td>{e.reason.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
