//! The decision dialog: approve, or reject with a required reason (checked by `core` first).

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::{DecisionKind, DecisionRequest, FilingView};
use charterpass_core::review::REJECT_REASON_MAX_CHARS;
use charterpass_core::timing;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A 审核 button opening the decision form for a filing pending review.
#[component]
pub fn DecisionDialog(
    filing: FilingView,
    on_decided: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    if filing.status != FilingStatus::PendingReview {
        return ().into_any();
    }
    let id = filing.id;
    let open = RwSignal::new(false);
    let kind = RwSignal::new("approve".to_owned());
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // An approval after departure is refused (the server checks again with its own clock).
    let late = StoredValue::new(filing.input.departure_at.and_then(|departure| {
        timing::approvable(&departure, (js_sys::Date::now() / 1000.0) as i64)
            .err()
            .map(|e| e.to_string())
    }));
    let title_id = format!("decision-title-{id}");
    let reason_id = format!("decision-reason-{id}");
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let decision = if kind.get_untracked() == "reject" {
            DecisionKind::Reject
        } else {
            DecisionKind::Approve
        };
        let request = DecisionRequest {
            decision,
            reason: reason.get_untracked(),
        };
        if let Err(err) = request.decision() {
            error.set(Some(err.to_string()));
            return;
        }
        if let (DecisionKind::Approve, Some(message)) = (decision, late.get_value()) {
            error.set(Some(message));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::filings::decide(id, &request).await {
                Ok(_) => {
                    open.set(false);
                    on_decided();
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" on:click=move |_| open.set(true) aria-expanded=move || open.get().to_string()>
            {format!("审核 {}", filing.number)}
        </button>
        <Show when=move || open.get()>
            <div class="dialog" role="dialog" aria-labelledby=title_id.clone()>
                <h3 id=title_id.clone()>{format!("审核备案 {}", filing.number)}</h3>
                {move || late.get_value().map(|message| view! { <p class="warn-text">{message}</p> })}
                <form on:submit=submit>
                    <fieldset>
                        <legend>"审核决定"</legend>
                        <label class="check">
                            <input type="radio" name=format!("decision-{id}") value="approve"
                                prop:checked=move || kind.get() == "approve"
                                on:change=move |_| kind.set("approve".into())/>
                            "审核通过"
                        </label>
                        <label class="check">
                            <input type="radio" name=format!("decision-{id}") value="reject"
                                prop:checked=move || kind.get() == "reject"
                                on:change=move |_| kind.set("reject".into())/>
                            "驳回"
                        </label>
                    </fieldset>
                    <div hidden=move || kind.get() != "reject">
                        <label for=reason_id.clone()>"驳回理由（必填）"</label>
                        <textarea id=reason_id.clone() maxlength=REJECT_REASON_MAX_CHARS.to_string()
                            prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
                    </div>
                    <Show when=move || error.get().is_some()>
                        <p class="error" role="alert">{move || error.get()}</p>
                    </Show>
                    <div class="actions">
                        <button type="submit" disabled=move || busy.get()>"确认"</button>
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>"取消"</button>
                    </div>
                </form>
            </div>
        </Show>
    }
    .into_any()
}
