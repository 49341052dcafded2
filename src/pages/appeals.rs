//! The administrator's appeal desk (申诉处理): open appeals against verifications, resolved once.

use charterpass_core::role::Role;
use charterpass_core::verification::{Appeal, Outcome, Resolution, MAX_APPEAL_TEXT};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::role_gate::RoleGate;

/// The 申诉处理 page at `/admin/appeals`.
#[component]
pub fn Appeals() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <AppealDesk/>
        </RoleGate>
    }
}

#[component]
fn AppealDesk() -> impl IntoView {
    let appeals = RwSignal::new(None::<Result<Vec<Appeal>, String>>);
    let reload = move || {
        spawn_local(async move {
            let result = crate::api::verification::appeals(false).await;
            appeals.set(Some(result.map_err(|e| e.message())));
        });
    };
    reload();
    view! {
        <section class="card">
            <h1>"申诉处理"</h1>
            <p class="muted">"执法人员对核验结果提出的申诉，逐条核实后填写处理意见。"</p>
            {move || match appeals.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>"暂无申诉"</p> }.into_any(),
                Some(Ok(list)) => list
                    .into_iter()
                    .map(|appeal| view! { <AppealItem appeal=appeal on_resolved=reload/> })
                    .collect_view()
                    .into_any(),
            }}
        </section>
    }
}

#[component]
fn AppealItem(
    appeal: Appeal,
    on_resolved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let resolution = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = appeal.id;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = resolution.get_untracked();
        if text.trim().is_empty() {
            error.set(Some("请填写处理意见".to_owned()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::verification::resolve(id, &Resolution { resolution: text }).await {
                Ok(_) => on_resolved(),
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    let outcome = match appeal.outcome {
        Outcome::Valid => "核验通过",
        Outcome::Invalid => "核验未通过",
    };
    let field_id = format!("resolution-{id}");
    view! {
        <article class="appeal-item" aria-label=format!("申诉 {id}")>
            <p>
                <strong>{format!("申诉 {id}")}</strong>
                {format!(
                    "｜凭证 {}｜{outcome}｜{}｜提出人 {}",
                    appeal.certificate_number.clone().unwrap_or_else(|| "（未读出编号）".to_owned()),
                    appeal.created_at,
                    appeal.lodged_by,
                )}
            </p>
            <p>{format!("申诉理由：{}", appeal.reason)}</p>
            {match appeal.resolution.clone() {
                Some(answer) => view! {
                    <p class="ok-text">{format!(
                        "已处理：{answer}（{}）",
                        appeal.resolved_by.clone().unwrap_or_default()
                    )}</p>
                }
                .into_any(),
                None => view! {
                    <form on:submit=submit>
                        <label for=field_id.clone()>"处理意见"</label>
                        <textarea
                            id=field_id.clone()
                            rows="2"
                            maxlength=MAX_APPEAL_TEXT.to_string()
                            prop:value=move || resolution.get()
                            on:input=move |ev| resolution.set(event_target_value(&ev))
                        ></textarea>
                        <Show when=move || error.get().is_some()>
                            <p class="error" role="alert">{move || error.get()}</p>
                        </Show>
                        <button type="submit" disabled=move || busy.get()>"提交处理意见"</button>
                    </form>
                }
                .into_any(),
            }}
        </article>
    }
}
