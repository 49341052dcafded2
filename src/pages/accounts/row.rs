//! One account in the list, with its 修改, 停用 / 启用 and 重置密码 buttons.

use charterpass_core::account::{AccountSummary, OneTimePassword, PROVINCIAL_BUREAU};
use charterpass_core::division;
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::one_time_password::OneTimePasswordNotice;

/// What the account is tied to, as people read it.
fn tie(account: &AccountSummary) -> String {
    if let Some(name) = &account.enterprise_name {
        return name.clone();
    }
    match (&account.prefecture_code, account.role) {
        (Some(code), _) => {
            division::prefecture(code).map_or(code.clone(), |p| p.label().to_owned())
        }
        (None, Role::Inspector) => PROVINCIAL_BUREAU.to_owned(),
        _ => "—".to_owned(),
    }
}

/// A table row; `on_change` reloads the list after a change.
#[component]
pub fn AccountRow(
    account: AccountSummary,
    editing: RwSignal<Option<AccountSummary>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = account.id;
    let disabled = account.disabled_at.is_some();
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<OneTimePassword>);
    let busy = RwSignal::new(false);
    let status = if disabled {
        "已停用"
    } else if account.must_change_password {
        "待修改一次性密码"
    } else {
        "正常"
    };
    let toggle = move |_| {
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::set_disabled(id, !disabled).await {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    let reset = move |_| {
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::reset_password(id).await {
                Ok(new) => secret.set(Some(new)),
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };
    let name = account.username.clone();
    let shown = account.clone();
    view! {
        <tr data-account=account.username.clone()>
            <td>{account.username.clone()}</td>
            <td>{account.display_name.clone()}</td>
            <td>{account.role.label()}</td>
            <td>{tie(&account)}</td>
            <td>{status}</td>
            <td>
                <button type="button" class="secondary small"
                    aria-label=format!("修改账号 {name}")
                    on:click=move |_| editing.set(Some(shown.clone()))>"修改"</button>
                <button type="button" class="secondary small" disabled=move || busy.get()
                    aria-label=format!("{}账号 {name}", if disabled { "启用" } else { "停用" })
                    on:click=toggle>{if disabled { "启用" } else { "停用" }}</button>
                <button type="button" class="secondary small" disabled=move || busy.get()
                    aria-label=format!("重置密码：{}", account.username)
                    on:click=reset>"重置密码"</button>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                {move || secret.get().map(|s| view! { <OneTimePasswordNotice secret=s/> })}
            </td>
        </tr>
    }
}
