//! The administrator's automatic-review permissions (自动审核权限) and the audit trail.

mod audit_trail;

use charterpass_core::division;
use charterpass_core::filing_api::{
    AutoReviewChange, EnterpriseView, Paged, PERMISSION_REASON_MAX_CHARS,
};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

pub use audit_trail::AuditTrail;

use crate::components::pager::{pages_of, Pager};

/// The enterprise list with a permission switch each, and the audit trail below.
#[component]
pub fn AutoReviewDesk() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let enterprises = RwSignal::new(None::<Result<Paged<EnterpriseView>, String>>);
    let pages = Signal::derive(move || enterprises.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        spawn_local(async move {
            let result = crate::api::enterprises::list(page).await;
            enterprises.set(Some(result.map_err(|e| e.message())));
        });
    });
    view! {
        <section class="card">
            <h2>"企业自动审核权限"</h2>
            {move || match enterprises.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="filings" aria-label="企业列表">
                        {list.items.into_iter().map(|e| view! {
                            <EnterpriseItem enterprise=e on_change=move || version.update(|v| *v += 1)/>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="企业列表分页"/>
        </section>
        <AuditTrail version=version/>
    }
}

#[component]
fn EnterpriseItem(
    enterprise: EnterpriseView,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = enterprise.id;
    let granted = enterprise.auto_review;
    let reason_id = format!("reason-{id}");
    let prefecture = division::prefecture(&enterprise.prefecture_code)
        .map(|p| p.label().to_owned())
        .unwrap_or_else(|| enterprise.prefecture_code.clone());
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let change = AutoReviewChange {
            auto_review: !granted,
            reason: reason.get_untracked(),
        };
        if let Err(message) = change.checked_reason() {
            error.set(Some(message));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::enterprises::set_auto_review(id, &change).await {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <li class="filing" data-enterprise=enterprise.name.clone()>
            <div class="filing-head">
                <strong>{enterprise.name.clone()}</strong>
                <span class=if granted { "badge ok" } else { "badge" }>
                    {if granted { "已授予自动审核权限" } else { "未授予自动审核权限" }}
                </span>
            </div>
            <p class="muted">{format!("{prefecture} · 统一社会信用代码 {}", enterprise.credit_code)}</p>
            <form on:submit=submit class="inline-form">
                <label for=reason_id.clone()>"调整原因（必填）"</label>
                <input id=reason_id.clone() maxlength=PERMISSION_REASON_MAX_CHARS.to_string()
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <button type="submit" disabled=move || busy.get()>
                    {if granted { "撤销自动审核权限" } else { "授予自动审核权限" }}
                </button>
            </form>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </li>
    }
}
