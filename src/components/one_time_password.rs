//! A one-time password, shown once after an account is created or its password reset.

use charterpass_core::account::OneTimePassword;
use leptos::prelude::*;

/// The user name and one-time password to pass on, with a reminder that it is shown only now.
#[component]
pub fn OneTimePasswordNotice(secret: OneTimePassword) -> impl IntoView {
    view! {
        <div class="notice" role="status" aria-label="一次性密码">
            <p>{format!("账号 {} 的一次性密码：", secret.username)}
                <code class="one-time-password">{secret.password.clone()}</code></p>
            <p class="muted">"此密码只显示这一次，请当面或通过安全渠道交给本人；首次登录后须修改。"</p>
        </div>
    }
}
