//! 新建账号 / 修改账号: user name, display name, role and its tie (an enterprise, a prefecture,
//! or the provincial bureau). A new account's one-time password is shown once; an account
//! edited keeps its user name and role.

use charterpass_core::account::{
    check_display_name, check_username, AccountSummary, AccountUpdate, NewAccount, OneTimePassword,
    PROVINCIAL_BUREAU,
};
use charterpass_core::division;
use charterpass_core::role::Role;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::enterprise_picker::EnterprisePicker;
use crate::components::one_time_password::OneTimePasswordNotice;

/// The roles an administrator creates here (drivers get theirs from their enterprise).
const ROLES: [Role; 4] = [
    Role::Enterprise,
    Role::Reviewer,
    Role::Inspector,
    Role::Admin,
];

/// The form: it creates an account, or edits the one in `editing`; `on_saved` reloads the list.
#[component]
pub fn AccountForm(
    editing: RwSignal<Option<AccountSummary>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Reviewer.as_str().to_owned());
    let enterprise = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<OneTimePassword>);
    let busy = RwSignal::new(false);
    Effect::new(move |_| {
        let account = editing.get();
        username.set(
            account
                .as_ref()
                .map(|a| a.username.clone())
                .unwrap_or_default(),
        );
        display_name.set(
            account
                .as_ref()
                .map(|a| a.display_name.clone())
                .unwrap_or_default(),
        );
        let chosen = account.as_ref().map_or(Role::Reviewer, |a| a.role);
        role.set(chosen.as_str().to_owned());
        let tied = account.as_ref().and_then(|a| a.enterprise_id);
        enterprise.set(tied.map(|id| id.to_string()).unwrap_or_default());
        prefecture.set(account.and_then(|a| a.prefecture_code).unwrap_or_default());
        error.set(None);
    });
    let province = division::province(&format!("{}0000", crate::deployment::province()));
    let prefectures: Vec<(String, String)> = province
        .map(|p| {
            p.prefectures()
                .map(|f| (f.code().to_owned(), f.label().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let chosen = move || Role::parse(&role.get()).unwrap_or(Role::Reviewer);
    let is_editing = move || editing.with(Option::is_some);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let display = display_name.get_untracked().trim().to_owned();
        let enterprise_id = enterprise.get_untracked().parse().ok();
        let prefecture_code = Some(prefecture.get_untracked()).filter(|p| !p.is_empty());
        saved.set(None);
        if let Some(account) = editing.get_untracked() {
            if let Err(err) = check_display_name(&display) {
                error.set(Some(err.message().to_owned()));
                return;
            }
            let change = AccountUpdate {
                display_name: display,
                enterprise_id,
                prefecture_code,
            };
            busy.set(true);
            spawn_local(async move {
                match crate::api::accounts::update(account.id, &change).await {
                    Ok(updated) => {
                        saved.set(Some(format!("已保存账号 {}", updated.username)));
                        editing.set(None);
                        on_saved();
                    }
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
            return;
        }
        let new = NewAccount {
            username: username.get_untracked().trim().to_owned(),
            display_name: display,
            role: chosen(),
            enterprise_id,
            prefecture_code,
        };
        if let Err(err) = check_username(&new.username).and(check_display_name(&new.display_name)) {
            error.set(Some(err.message().to_owned()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::create(&new).await {
                Ok(created) => {
                    error.set(None);
                    secret.set(Some(created));
                    username.set(String::new());
                    display_name.set(String::new());
                    on_saved();
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card" aria-label="账号表单">
            <h2>{move || if is_editing() { "修改账号" } else { "新建账号" }}</h2>
            <form on:submit=submit>
                <label for="new-username">"用户名"</label>
                <input id="new-username" autocomplete="off" maxlength="32" bind:value=username
                    disabled=is_editing/>
                <label for="new-display-name">"显示名"</label>
                <input id="new-display-name" maxlength="64" bind:value=display_name/>
                <label for="new-role">"角色"</label>
                <select id="new-role" disabled=is_editing on:change=move |ev| role.set(event_target_value(&ev))>
                    {move || {
                        // An edited driver account shows its role too, though none is created here.
                        let shown = chosen();
                        let roles = ROLES.into_iter().chain((!ROLES.contains(&shown)).then_some(shown));
                        roles.map(|r| view! {
                            <option value=r.as_str() selected=r == shown>{r.label()}</option>
                        }).collect_view()
                    }}
                </select>
                <Show when=move || chosen() == Role::Enterprise>
                    <EnterprisePicker chosen=enterprise
                        chosen_name=Signal::derive(move || editing.with(|a| a.as_ref().and_then(|a| a.enterprise_name.clone())))/>
                </Show>
                <Show when=move || matches!(chosen(), Role::Reviewer | Role::Inspector)>
                    <label for="new-prefecture">"所属州（市）"</label>
                    <select id="new-prefecture" on:change=move |ev| prefecture.set(event_target_value(&ev))>
                        <option value="">{move || if chosen() == Role::Inspector { PROVINCIAL_BUREAU } else { "请选择" }}</option>
                        {prefectures.clone().into_iter().map(|(code, label)| {
                            let value = code.clone();
                            view! { <option value=code selected=move || prefecture.get() == value>{label}</option> }
                        }).collect_view()}
                    </select>
                </Show>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <div class="actions">
                    <button type="submit" disabled=move || busy.get()>
                        {move || if is_editing() { "保存账号" } else { "创建账号" }}
                    </button>
                    <Show when=is_editing>
                        <button type="button" class="secondary" on:click=move |_| editing.set(None)>"取消修改"</button>
                    </Show>
                </div>
            </form>
            {move || saved.get().map(|message| view! { <p class="success" role="status">{message}</p> })}
            {move || secret.get().map(|s| view! { <OneTimePasswordNotice secret=s/> })}
        </section>
    }
}
