//! The inspector's area: scan and verify a certificate (扫码核验). Open to anyone, works offline.
//!
//! The page is thin: `core`'s `verify` decides, against the trust list cached in the browser; the
//! server is asked only for the online status and to record the verification.

mod online_check;
mod verdict_view;

use charterpass_core::certificate::{verify, Verdict};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::scanner::QrScanner;
use crate::trust_cache::{self, CachedTrustList};
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
}

/// The 扫码核验 page.
#[component]
pub fn Verify() -> impl IntoView {
    let cached = RwSignal::new(trust_cache::load());
    let refresh = RwSignal::new(Refresh::Pending);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Each verification renders afresh, so a late answer never lands on a newer verdict.
    let current = RwSignal::new(None::<Verdict>);

    let fetch_trust_list = move || {
        refresh.set(Refresh::Pending);
        spawn_local(async move {
            match crate::api::verification::trust_list().await {
                Ok(list) => {
                    let fresh = CachedTrustList {
                        fetched_at: trust_cache::now(),
                        list,
                    };
                    trust_cache::store(&fresh);
                    cached.set(Some(fresh));
                    refresh.set(Refresh::Fresh);
                }
                Err(_) => refresh.set(Refresh::Failed),
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
        let Some(trust) = cached.get_untracked() else {
            error.set(Some("尚未获取信任列表，请联网后刷新本页".to_owned()));
            return;
        };
        let verdict = verify(&input, &trust.list, trust_cache::now());
        current.set(Some(verdict));
    };

    let trust_line = move || {
        let age = cached.with(|c| c.as_ref().map(CachedTrustList::updated_label));
        match (age, refresh.get()) {
            (Some(age), Refresh::Failed) => format!("{age}（未联网，使用本机缓存）"),
            (Some(age), _) => age,
            (None, Refresh::Pending) => "正在获取信任列表…".to_owned(),
            (None, _) => "尚未获取信任列表：请联网后刷新本页".to_owned(),
        }
    };

    view! {
        <section class="card">
            <h1>"扫码核验"</h1>
            <p>"扫描驾驶员出示的电子凭证二维码，核验其真伪、有效期与启用范围。"</p>
            <p class="muted trust-age">{trust_line}</p>
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
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
                <button type="submit">"核验"</button>
            </form>
        </section>
        {move || {
            current
                .get()
                .map(|verdict| {
                    view! {
                        <VerdictView verdict=verdict.clone()/>
                        <OnlineCheck verdict=verdict/>
                    }
                })
        }}
    }
}
