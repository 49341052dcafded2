//! 新建账号: user name, display name, role and its tie (an enterprise, a prefecture, or the
//! provincial bureau); the new account's one-time password is shown once.

use charterpass_core::account::{
    check_display_name, check_username, NewAccount, OneTimePassword, PROVINCIAL_BUREAU,
};
use charterpass_core::division;
use charterpass_core::filing_api::EnterpriseView;
use charterpass_core::role::Role;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::one_time_password::OneTimePasswordNotice;

/// The roles an administrator creates here (drivers get theirs from their enterprise).
const ROLES: [Role; 4] = [
    Role::Enterprise,
    Role::Reviewer,
    Role::Inspector,
    Role::Admin,
];

/// The form; `on_created` reloads the list.
#[component]
pub fn CreateAccountForm(on_created: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let username = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Reviewer.as_str().to_owned());
    let enterprise = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let enterprises = RwSignal::new(Vec::<EnterpriseView>::new());
    let error = RwSignal::new(None::<String>);
    let secret = RwSignal::new(None::<OneTimePassword>);
    let busy = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(list) = crate::api::enterprises::list(1).await {
            enterprises.set(list.items);
        }
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

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let new = NewAccount {
            username: username.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            role: Role::parse(&role.get_untracked()).unwrap_or(Role::Reviewer),
            enterprise_id: enterprise.get_untracked().parse().ok(),
            prefecture_code: Some(prefecture.get_untracked()).filter(|p| !p.is_empty()),
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
                    on_created();
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card">
            <h2>"新建账号"</h2>
            <form on:submit=submit>
                <label for="new-username">"用户名"</label>
                <input id="new-username" autocomplete="off" maxlength="32" bind:value=username/>
                <label for="new-display-name">"显示名"</label>
                <input id="new-display-name" maxlength="64" bind:value=display_name/>
                <label for="new-role">"角色"</label>
                <select id="new-role" on:change=move |ev| role.set(event_target_value(&ev))>
                    {ROLES.into_iter().map(|r| view! {
                        <option value=r.as_str() selected=r == Role::Reviewer>{r.label()}</option>
                    }).collect_view()}
                </select>
                <Show when=move || chosen() == Role::Enterprise>
                    <label for="new-enterprise">"所属企业"</label>
                    <select id="new-enterprise" on:change=move |ev| enterprise.set(event_target_value(&ev))>
                        <option value="">"请选择"</option>
                        {move || enterprises.get().into_iter().map(|e| view! {
                            <option value=e.id.to_string()>{e.name}</option>
                        }).collect_view()}
                    </select>
                </Show>
                <Show when=move || matches!(chosen(), Role::Reviewer | Role::Inspector)>
                    <label for="new-prefecture">"所属州（市）"</label>
                    <select id="new-prefecture" on:change=move |ev| prefecture.set(event_target_value(&ev))>
                        <option value="">{move || if chosen() == Role::Inspector { PROVINCIAL_BUREAU } else { "请选择" }}</option>
                        {prefectures.clone().into_iter().map(|(code, label)| view! {
                            <option value=code>{label}</option>
                        }).collect_view()}
                    </select>
                </Show>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <button type="submit" disabled=move || busy.get()>"创建账号"</button>
            </form>
            {move || secret.get().map(|s| view! { <OneTimePasswordNotice secret=s/> })}
        </section>
    }
}
