//! The administrator's 问题反馈 list at `/admin/feedback`: newest first, shown as plain text.

use charterpass_core::role::Role;
use charterpass_core::verification::Feedback;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::role_gate::RoleGate;

/// The 问题反馈 list, for the administrator.
#[component]
pub fn FeedbackList() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <FeedbackDesk/>
        </RoleGate>
    }
}

/// An RFC 3339 moment as `YYYY-MM-DD HH:MM` in China Standard Time; the raw text if unreadable.
fn cst_label(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|at| charterpass_core::cst::minutes(at.timestamp()))
        .unwrap_or_else(|_| rfc3339.to_owned())
}

#[component]
fn FeedbackDesk() -> impl IntoView {
    let reports = RwSignal::new(None::<Result<Vec<Feedback>, String>>);
    spawn_local(async move {
        let result = crate::api::feedback::list().await;
        reports.set(Some(result.map_err(|e| e.message())));
    });
    view! {
        <section class="card">
            <h1>"问题反馈"</h1>
            <p class="muted">"企业和驾驶员提交的问题反馈，最新的在前（北京时间）。"</p>
            {move || match reports.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>"暂无问题反馈"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="feedback-list">
                        {list.into_iter().map(|report| view! { <FeedbackItem report=report/> }).collect_view()}
                    </ul>
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn FeedbackItem(report: Feedback) -> impl IntoView {
    let when = cst_label(&report.created_at);
    view! {
        <li class="feedback-item" aria-label=format!("反馈 {}", report.id)>
            <p class="feedback-head">
                <span class="badge">{report.role.label()}</span>
                " "
                <strong>{report.author}</strong>
                " "
                <time class="muted" datetime=report.created_at>{when}</time>
            </p>
            // Text nodes only: whatever the writer typed is shown, never interpreted.
            <p class="feedback-text">{report.text}</p>
        </li>
    }
}
