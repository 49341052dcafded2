//! The 问题反馈 page at `/feedback`: an enterprise operator or a driver reports a problem.

use charterpass_core::role::Role;
use charterpass_core::verification::{bounded_text, NewFeedback, TextError, MAX_FEEDBACK_TEXT};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::role_gate::AnyRoleGate;

/// The 问题反馈 page, for enterprise operators and drivers.
#[component]
pub fn FeedbackPage() -> impl IntoView {
    view! {
        <AnyRoleGate roles=vec![Role::Enterprise, Role::Driver]>
            <FeedbackForm/>
        </AnyRoleGate>
    }
}

/// The Chinese message for a text the server would refuse, the same words it uses.
fn refusal(error: TextError) -> String {
    match error {
        TextError::Empty => "请填写反馈内容".to_owned(),
        TextError::TooLong(max) => format!("反馈内容不能超过 {max} 个字"),
    }
}

#[component]
fn FeedbackForm() -> impl IntoView {
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let count = Memo::new(move |_| text.with(|t| t.trim().chars().count()));
    let too_long = move || count.get() > MAX_FEEDBACK_TEXT;

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        sent.set(false);
        let new =
            match text.with_untracked(|t| bounded_text(t, MAX_FEEDBACK_TEXT).map(str::to_owned)) {
                Ok(checked) => NewFeedback { text: checked },
                Err(reason) => {
                    error.set(Some(refusal(reason)));
                    return;
                }
            };
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match crate::api::feedback::submit(&new).await {
                Ok(_) => {
                    text.set(String::new());
                    sent.set(true);
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card narrow">
            <h1>"问题反馈"</h1>
            <p class="muted">"使用中遇到问题或有改进建议，请在此告诉省交通运输厅。"</p>
            <form on:submit=submit>
                <label for="feedback-text">"反馈内容"</label>
                <textarea
                    id="feedback-text"
                    name="text"
                    rows="6"
                    aria-describedby="feedback-count"
                    aria-invalid=move || if too_long() { "true" } else { "false" }
                    prop:value=move || text.get()
                    on:input=move |ev| {
                        text.set(event_target_value(&ev));
                        sent.set(false);
                    }
                ></textarea>
                <p id="feedback-count" class="muted" class:error=too_long>
                    {move || format!("已输入 {} / {MAX_FEEDBACK_TEXT} 字", count.get())}
                </p>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <Show when=move || sent.get()>
                    <p class="success" role="status">"反馈已提交，感谢您的意见。"</p>
                </Show>
                <button type="submit" disabled=move || busy.get()>"提交反馈"</button>
            </form>
        </section>
    }
}
