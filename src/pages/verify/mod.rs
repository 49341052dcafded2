//! The inspector's area: scan and verify a certificate (扫码核验). Open to anyone, works offline.
//!
//! The page is thin: `core`'s `verify` decides, against the signed trust list held in the browser
//! and checked against the root the page pins; the server is asked only for a newer list, the
//! online status and to record the verification.

mod online_check;
mod verdict_view;

use charterpass_core::certificate::{verify, Rejection, Verdict, VerifyError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::scanner::QrScanner;
use crate::trust_cache::{self, HeldList};
use online_check::OnlineCheck;
use verdict_view::VerdictView;

/// Longest text the box accepts; core rejects longer texts anyway.
const MAX_INPUT_CHARS: usize = 8 * 1024;

/// How the refresh of the trust list went.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Refresh {
    Pending,
    Fresh,
    Failed,
    /// The server answered with a list that failed its checks (forged, rolled back, too old).
    Refused(charterpass_core::certificate::signed_list::ListError),
}

/// The 扫码核验 page.
#[component]
pub fn Verify() -> impl IntoView {
    let pin = crate::deployment::pinned_root();
    let held = RwSignal::new(pin.as_ref().and_then(trust_cache::load));
    let refresh = RwSignal::new(Refresh::Pending);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Each verification (verdict and clock) renders afresh, so a late answer never lands on a
    // newer verdict.
    let current = RwSignal::new(None::<(Verdict, i64)>);
    // A text waiting for the first trust list.
    let pending = RwSignal::new(None::<String>);

    let fetch_trust_list = move || {
        let Some(pin) = pin else {
            refresh.set(Refresh::Failed);
            return;
        };
        refresh.set(Refresh::Pending);
        spawn_local(async move {
            let Ok(bytes) = crate::api::verification::trust_list().await else {
                refresh.set(Refresh::Failed);
                return;
            };
            let now = trust_cache::now();
            match held.with_untracked(|h| trust_cache::accept(&bytes, &pin, now, h.as_ref())) {
                Ok(fresh) => {
                    trust_cache::store(&bytes, now);
                    held.set(Some(fresh));
                    refresh.set(Refresh::Fresh);
                }
                Err(refused) => refresh.set(Refresh::Refused(refused)),
            }
        });
    };
    fetch_trust_list();
    let online_listener = window_event_listener(leptos::ev::online, move |_| fetch_trust_list());
    on_cleanup(move || online_listener.remove());

    let run = move |input: String| {
        error.set(None);
        let input = input.trim().to_owned();
        if input.is_empty() {
            error.set(Some("请扫描二维码或粘贴凭证内容".to_owned()));
            return;
        }
        let now = trust_cache::now();
        let verdict = held.with_untracked(|h| match h {
            None => None,
            Some(h) if h.freshness(now).is_err() => Some(Verdict::Rejected(Rejection::from(
                VerifyError::TrustListUnusable,
            ))),
            Some(h) => Some(verify(&input, &h.trust, now)),
        });
        match verdict {
            Some(verdict) => current.set(Some((verdict, now))),
            None => {
                error.set(Some(
                    "尚未获取信任列表：取得后将自动核验，请保持联网".to_owned(),
                ));
                pending.set(Some(input));
            }
        }
    };
    // A code read before the first list arrived (the camera is quick) is verified once it does.
    Effect::new(move |_| {
        if held.with(Option::is_some) {
            if let Some(input) = pending.try_update(Option::take).flatten() {
                run(input);
            }
        }
    });

    let trust_line = move || {
        let age = held.with(|h| h.as_ref().map(HeldList::updated_label));
        match (age, refresh.get()) {
            (Some(age), Refresh::Failed) => format!("{age}（未联网，使用本机缓存）"),
            (Some(age), _) => age,
            (None, _) if pin.is_none() => "本系统尚未配置根密钥指纹，无法核验凭证".to_owned(),
            (None, Refresh::Pending) => "正在获取信任列表…".to_owned(),
            (None, _) => "尚未获取信任列表：请联网后刷新本页".to_owned(),
        }
    };
    let trust_details = move || held.with(|h| h.as_ref().map(HeldList::details_label));
    // Said plainly where an inspector looks: an out-of-date list, or a refused download.
    let trust_warning = move || {
        let refused = match refresh.get() {
            Refresh::Refused(e) => Some(format!(
                "收到的信任列表未通过校验，已拒绝并继续使用本机已有列表：{}",
                e.message()
            )),
            _ => None,
        };
        let stale = held.with(|h| h.as_ref().and_then(|h| h.warning(trust_cache::now())));
        let lines: Vec<String> = refused.into_iter().chain(stale).collect();
        (!lines.is_empty()).then(|| lines.join("；"))
    };

    view! {
        <section class="card">
            <h1>"扫码核验"</h1>
            <p>"扫描驾驶员出示的电子凭证二维码，核验其真伪、有效期与启用范围。"</p>
            <p class="muted trust-age">{trust_line}</p>
            <p class="muted trust-details">{trust_details}</p>
            {move || {
                trust_warning().map(|w| view! { <p class="error trust-warning" role="alert">{w}</p> })
            }}
            <QrScanner on_text=move |scanned: String| {
                text.set(scanned.clone());
                run(scanned);
            }/>
            <form on:submit=move |ev| {
                ev.prevent_default();
                run(text.get_untracked());
            }>
                <label for="certificate-text">"凭证内容"</label>
                <textarea
                    id="certificate-text"
                    rows="4"
                    maxlength=MAX_INPUT_CHARS.to_string()
                    placeholder="BC1:…"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <button type="submit">"核验"</button>
            </form>
        </section>
        {move || {
            current
                .get()
                .map(|(verdict, at)| {
                    let online = RwSignal::new(None);
                    view! {
                        <VerdictView verdict=verdict.clone() at=at online=online.into()/>
                        <OnlineCheck verdict=verdict online=online/>
                    }
                })
        }}
    }
}
