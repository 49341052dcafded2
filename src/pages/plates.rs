//! The plate-printing page (包车牌打印): the enterprise's approved filings; issue the electronic
//! certificate to the drivers (电子牌下发) where the trip is in scope and live, else print the
//! paper plate (纸质标志牌); revoke with a reason.

use charterpass_core::issuance::{
    check_revocation_reason, CertificateState, PlateEntry, MAX_REVOCATION_REASON,
};
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::filing_details::short_time;
use crate::components::role_gate::RoleGate;

/// The 包车牌打印 page at `/enterprise/plates`.
#[component]
pub fn Plates() -> impl IntoView {
    view! {
        <RoleGate role=Role::Enterprise>
            <PlateDesk/>
        </RoleGate>
    }
}

#[component]
fn PlateDesk() -> impl IntoView {
    let entries = RwSignal::new(None::<Result<Vec<PlateEntry>, String>>);
    // The success notice stays until the page is left.
    let notice = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            let result = crate::api::issuance::plates().await;
            entries.set(Some(result.map_err(|e| e.message())));
        });
    };
    reload();
    view! {
        <section class="card">
            <h1>"包车牌打印"</h1>
            <p class="muted">
                "审核通过的备案在此下发电子凭证（电子牌下发）；不在启用范围内或启用前的行程打印纸质标志牌。"
            </p>
            <Show when=move || notice.get().is_some()>
                <p class="success" role="status">{move || notice.get()}</p>
            </Show>
        </section>
        {move || match entries.get() {
            None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(list)) if list.is_empty() => {
                view! { <p class="card muted">"暂无审核通过的备案"</p> }.into_any()
            }
            Some(Ok(list)) => list
                .into_iter()
                .map(|entry| view! { <PlateItem entry=entry notice=notice on_change=reload/> })
                .collect_view()
                .into_any(),
        }}
    }
}

#[component]
fn PlateItem(
    entry: PlateEntry,
    notice: RwSignal<Option<String>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let filing_id = entry.filing_id;
    let issue = move |_| {
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match crate::api::issuance::issue(filing_id).await {
                Ok(certificate) => {
                    notice.set(Some(format!(
                        "下发成功：电子凭证 {} 已下发至驾驶员，请提醒驾驶员在手机上确认接收。",
                        certificate.number
                    )));
                    on_change();
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    let active = entry
        .certificate
        .clone()
        .filter(|c| c.state == CertificateState::Active);
    let revoked = entry
        .certificate
        .clone()
        .filter(|c| c.state == CertificateState::Revoked);
    let action = match (&active, &entry.paper_only_reason) {
        (Some(certificate), _) => {
            let number = certificate.number.clone();
            let field_id = format!("revoke-{filing_id}");
            let revoke = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let text = reason.get_untracked();
                if let Err(message) = check_revocation_reason(&text) {
                    error.set(Some(message.to_owned()));
                    return;
                }
                let number = number.clone();
                busy.set(true);
                spawn_local(async move {
                    match crate::api::issuance::revoke(&number, text).await {
                        Ok(_) => {
                            notice.set(Some(format!("电子凭证 {number} 已撤销，可重新下发。")));
                            on_change();
                        }
                        Err(err) => error.set(Some(err.message())),
                    }
                    busy.set(false);
                });
            };
            view! {
                <p class="ok-text">{format!("电子凭证已下发：{}", certificate.number)}</p>
                <form on:submit=revoke class="revoke">
                    <label for=field_id.clone()>"撤销原因"</label>
                    <input
                        id=field_id.clone()
                        maxlength=MAX_REVOCATION_REASON.to_string()
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                    />
                    <button type="submit" class="secondary" disabled=move || busy.get()>"撤销电子凭证"</button>
                </form>
            }
            .into_any()
        }
        (None, Some(why)) => view! {
            <p class="paper-reason">{why.clone()}</p>
            <a href=format!("/enterprise/plates/{filing_id}/paper") class="button">"打印纸质标志牌"</a>
        }
        .into_any(),
        (None, None) => view! {
            <button type="button" on:click=issue disabled=move || busy.get()>"下发电子凭证"</button>
        }
        .into_any(),
    };
    view! {
        <article class="card plate-entry" aria-label=format!("备案 {}", entry.filing_number)>
            <p>
                <strong>{format!("{}｜{}", entry.filing_number, entry.plate)}</strong>
            </p>
            <p>{entry.route.clone()}</p>
            <p class="muted">
                {format!("{} 至 {}", short_time(&entry.departure_at), short_time(&entry.return_at))}
            </p>
            {revoked.filter(|_| active.is_none()).map(|c| view! {
                <p class="muted">{format!(
                    "电子凭证 {} 已撤销：{}",
                    c.number,
                    c.revoked_reason.unwrap_or_default()
                )}</p>
            })}
            {action}
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </article>
    }
}
