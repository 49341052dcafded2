//! One enterprise in the administrator's list: edit, and disable or re-enable with a reason.

use charterpass_core::division;
use charterpass_core::filing_api::EnterpriseView;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The row; `editing` receives the enterprise when 修改 is pressed.
#[component]
pub fn EnterpriseRow(
    enterprise: EnterpriseView,
    editing: RwSignal<Option<EnterpriseView>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = enterprise.id;
    let disabled = enterprise.disabled;
    let prefecture = division::prefecture(&enterprise.prefecture_code)
        .map_or(enterprise.prefecture_code.clone(), |p| p.label().to_owned());
    let until = enterprise
        .permit_valid_until
        .map(charterpass_core::master_data::date_text)
        .unwrap_or_else(|| "未登记".to_owned());
    let reason_id = format!("enterprise-reason-{id}");
    let toggle = move |_| {
        let text = reason.get_untracked();
        spawn_local(async move {
            match crate::api::master_data::set_enterprise_disabled(id, !disabled, &text).await {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    let shown = enterprise.clone();
    let name = enterprise.name.clone();
    view! {
        <tr data-enterprise=enterprise.name.clone()>
            <td>{enterprise.name.clone()}</td>
            <td>{enterprise.credit_code.clone()}</td>
            <td>{prefecture}</td>
            <td>{until}</td>
            <td>{if disabled { "已停用" } else { "正常" }}</td>
            <td>
                <button type="button" class="secondary small" aria-label=format!("修改{name}")
                    on:click=move |_| editing.set(Some(shown.clone()))>"修改"</button>
                <label for=reason_id.clone()>{if disabled { "启用原因" } else { "停用原因" }}</label>
                <input id=reason_id maxlength="200" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))/>
                <button type="button" class="secondary small" on:click=toggle>
                    {if disabled { "启用" } else { "停用" }}
                </button>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
            </td>
        </tr>
    }
}
