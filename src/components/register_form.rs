//! The frame every master-data form shares (enterprise, vehicle, driver): 登记 or 修改 in its
//! heading, the fields, the save and 取消修改 buttons, and what saving came to.

use std::future::Future;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;

/// What saving came to: the line that says what was saved, or the server's reason.
pub type Outcome = RwSignal<Option<Result<String, String>>>;

/// The form's frame around `children`, its fields; `editing` holds the row being edited (none
/// while a new one is registered).
#[component]
pub fn RegisterForm<T: Send + Sync + 'static>(
    /// The row being edited.
    editing: RwSignal<Option<T>>,
    /// What the form registers, e.g. 车辆.
    noun: &'static str,
    /// What saving came to.
    outcome: Outcome,
    /// Checks and saves.
    on_submit: impl Fn(SubmitEvent) + 'static,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let is_editing = move || editing.with(Option::is_some);
    view! {
        <section class="card" aria-label=format!("登记{noun}")>
            <h2>{move || format!("{}{noun}", if is_editing() { "修改" } else { "登记" })}</h2>
            <form on:submit=on_submit novalidate>
                {children()}
                <div class="actions">
                    <button type="submit">{move || format!("{}{noun}", if is_editing() { "保存" } else { "登记" })}</button>
                    <Show when=is_editing>
                        <button type="button" class="secondary" on:click=move |_| editing.set(None)>"取消修改"</button>
                    </Show>
                </div>
            </form>
            {move || outcome.get().map(|result| match result {
                Ok(message) => view! { <p class="success" role="status">{message}</p> }.into_any(),
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            })}
        </section>
    }
}

/// Waits for `answer`: once saved, says what was saved (`said`), leaves editing and runs
/// `on_saved`; otherwise shows the server's reason.
pub fn save<T, R>(
    answer: impl Future<Output = Result<R, ApiError>> + 'static,
    outcome: Outcome,
    editing: RwSignal<Option<T>>,
    on_saved: impl Fn() + 'static,
    said: impl Fn(&R) -> String + 'static,
) where
    T: Send + Sync + 'static,
    R: 'static,
{
    spawn_local(async move {
        match answer.await {
            Ok(saved) => {
                outcome.set(Some(Ok(said(&saved))));
                editing.set(None);
                on_saved();
            }
            Err(err) => outcome.set(Some(Err(err.message()))),
        }
    });
}
