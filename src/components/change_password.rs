//! 修改密码: the form every signed-in person uses to change their password; shown first, in place
//! of any page, while the account still holds a one-time password.

use charterpass_core::account::{check_new_password, PasswordChange, MIN_PASSWORD_CHARS};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::session::Session;

/// Current password, new password twice; the rules are checked as core states them.
#[component]
pub fn ChangePassword(
    /// Called once the password is changed.
    #[prop(optional)]
    on_done: Option<Callback<()>>,
) -> impl IntoView {
    let session = Session::get();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let one_time = move || session.current().is_some_and(|me| me.must_change_password);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let username = session.current().map(|me| me.username).unwrap_or_default();
        let change = PasswordChange {
            current: current.get_untracked(),
            new: new.get_untracked(),
        };
        if let Err(err) = check_new_password(&username, &change.new) {
            error.set(Some(err.message()));
            return;
        }
        if change.new != repeat.get_untracked() {
            error.set(Some("两次输入的新密码不一致".to_owned()));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match crate::api::accounts::change_password(&change).await {
                Ok(()) => {
                    error.set(None);
                    done.set(true);
                    session.me.update(|me| {
                        if let Some(Some(me)) = me {
                            me.must_change_password = false;
                        }
                    });
                    if let Some(on_done) = on_done {
                        on_done.run(());
                    }
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card narrow">
            <h1>"修改密码"</h1>
            {move || one_time().then(|| view! { <p class="notice">"您正在使用一次性密码登录，请先设置新密码。"</p> })}
            <p class="muted">{format!(
                "新密码至少 {MIN_PASSWORD_CHARS} 个字符，须同时包含字母和数字，不能与用户名或最近 3 次使用的密码相同。"
            )}</p>
            <form on:submit=submit>
                <label for="current-password">"当前密码"</label>
                <input id="current-password" type="password" autocomplete="current-password" maxlength="128" bind:value=current/>
                <label for="new-password">"新密码"</label>
                <input id="new-password" type="password" autocomplete="new-password" maxlength="128" bind:value=new/>
                <label for="repeat-password">"再次输入新密码"</label>
                <input id="repeat-password" type="password" autocomplete="new-password" maxlength="128" bind:value=repeat/>
                {move || error.get().map(|error| view! { <p class="error" role="alert">{error}</p> })}
                {move || done.get().then(|| view! { <p class="ok" role="status">"密码已修改"</p> })}
                <button type="submit" disabled=move || busy.get()>"保存新密码"</button>
            </form>
        </section>
    }
}
