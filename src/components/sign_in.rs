//! The sign-in form, on the log-in page and wherever a page asks a stranger to sign in.

use charterpass_core::session::Credentials;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::session::Session;

/// User name and password; on success goes to the person's own area.
#[component]
pub fn SignIn() -> impl IntoView {
    let session = Session::get();
    let go = crate::app::Go::here();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let credentials = Credentials {
            username: username.get_untracked(),
            password: password.get_untracked(),
        };
        if credentials.username.trim().is_empty() || credentials.password.is_empty() {
            error.set(Some("请输入用户名和密码".to_owned()));
            return;
        }
        busy.set(true);
        let go = go.clone();
        spawn_local(async move {
            match crate::api::session::sign_in(&credentials).await {
                Ok(me) => {
                    let home = me.role.home();
                    session.me.set(Some(Some(me)));
                    go.to(home);
                }
                Err(err) => error.set(Some(err.message())),
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card narrow">
            <h1>"登录"</h1>
            <form on:submit=submit>
                <label for="username">"用户名"</label>
                <input id="username" name="username" autocomplete="username" maxlength="128" bind:value=username/>
                <label for="password">"密码"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" maxlength="128" bind:value=password/>
                {move || error.get().map(|error| view! { <p class="error" role="alert">{error}</p> })}
                <button type="submit" disabled=move || busy.get()>"登录"</button>
            </form>
        </section>
    }
}
