//! The Driver area (驾驶员), on a phone: trips waiting to be received (待接收包车任务), confirming
//! one (确认接收), and showing the current trip's certificate (亮证亮码) with a QR code made in the
//! browser. A received certificate is kept in localStorage and shown with no network.

mod qr;

use std::time::Duration;

use charterpass_core::cst;
use charterpass_core::issuance::DriverCertificate;
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::issuance::Received;
use crate::api::ApiError;
use crate::components::facts::Facts;
use crate::components::role_gate::RoleGate;
use crate::session::Session;

/// The localStorage key of the received certificate.
pub const STORAGE_KEY: &str = "charterpass.driver.certificate.v1";

/// Now, seconds since the Unix epoch, from the phone's clock.
fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored certificate, unless its trip has ended (then it is dropped).
fn load() -> Option<DriverCertificate> {
    let storage = storage()?;
    let json = storage.get_item(STORAGE_KEY).ok()??;
    let certificate = crate::api::issuance::read_certificate(&json)?;
    if certificate.exp < now() {
        let _ = storage.remove_item(STORAGE_KEY);
        return None;
    }
    Some(certificate)
}

/// Keeps (or, with `None`, forgets) the received certificate on this phone, as the JSON text the
/// server sent.
fn keep(received: Option<&Received>) {
    let Some(storage) = storage() else { return };
    let _ = match received {
        Some(received) => storage.set_item(STORAGE_KEY, &received.json),
        None => storage.remove_item(STORAGE_KEY),
    };
}

/// Forgets the certificate kept on this phone, so the next person to open `/driver` offline does not see it.
pub fn forget_offline_copy() {
    keep(None);
}

/// Whether the browser believes it has a network (`navigator.onLine`); `true` when unknown.
fn browser_online() -> bool {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into());
    navigator
        .and_then(|n| js_sys::Reflect::get(&n, &"onLine".into()))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

fn place(code: &str) -> String {
    charterpass_core::division::name(code).map_or_else(|| code.to_owned(), str::to_owned)
}

/// The 驾驶员 page.
#[component]
pub fn Driver() -> impl IntoView {
    let current = RwSignal::new(load());
    let offline = RwSignal::new(!browser_online());
    let refresh = move || {
        spawn_local(async move {
            match crate::api::issuance::current().await {
                Ok(found) => {
                    keep(found.as_ref());
                    current.set(found.map(|received| received.certificate));
                    offline.set(false);
                }
                Err(ApiError::Network) => offline.set(true),
                Err(_) => {}
            }
        });
    };
    // Ask the server only once a driver is known to be signed in (no 401 for strangers) and has
    // replaced a one-time password (until then every other route answers 403).
    let session = Session::get();
    Effect::new(move |_| {
        if session
            .current()
            .is_some_and(|me| me.role == Role::Driver && !me.must_change_password)
        {
            refresh();
        }
    });
    view! {
        <section class="card">
            <h1>"驾驶员"</h1>
            <p><a href="/feedback">"问题反馈"</a></p>
            {move || offline.get().then(|| view! {
                <p class="notice" role="status">
                    {move || if current.with(Option::is_some) {
                        "当前无网络：显示本机保存的电子凭证。"
                    } else {
                        "当前无网络，本机没有已接收的电子凭证，请联网后查看待接收任务。"
                    }}
                </p>
            })}
        </section>
        {move || current.get().map(|c| view! { <CertificateCard certificate=c current=current/> })}
        {move || {
            // Offline with a received certificate: show it and nothing that needs the server.
            if offline.get() && current.with(Option::is_some) {
                return ().into_any();
            }
            view! {
                <RoleGate role=Role::Driver>
                    <Tasks on_accepted=move |received: Received| {
                        keep(Some(&received));
                        current.set(Some(received.certificate));
                        refresh();
                    }/>
                </RoleGate>
            }
            .into_any()
        }}
    }
}

/// The certificate shown to an inspector: basic information, a large QR code, a live clock.
#[component]
fn CertificateCard(
    certificate: DriverCertificate,
    current: RwSignal<Option<DriverCertificate>>,
) -> impl IntoView {
    let clock = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let at = now();
            clock.set(at);
            if current.with_untracked(|c| c.as_ref().is_some_and(|c| c.exp < at)) {
                keep(None);
                current.set(None);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let c = &certificate.charter;
    let svg = qr::svg(&certificate.text).unwrap_or_default();
    let waypoints = if c.waypoints.is_empty() {
        "无".to_owned()
    } else {
        c.waypoints
            .iter()
            .map(|w| place(w))
            .collect::<Vec<_>>()
            .join("、")
    };
    let rows = [
        ("凭证编号", certificate.number.clone()),
        ("备案编号", c.filing_number.clone()),
        ("车牌号", c.plate.clone()),
        ("核定座位", format!("{} 座", c.seats)),
        ("企业名称", c.enterprise_name.clone()),
        ("驾驶员", c.drivers_label()),
        (
            "起讫地",
            format!("{} → {}", place(&c.origin), place(&c.destination)),
        ),
        ("途经地", waypoints),
        (
            "有效期",
            format!(
                "{} 至 {}",
                cst::minutes(certificate.nbf),
                cst::minutes(certificate.exp)
            ),
        ),
    ];
    view! {
        <article
            class="card certificate"
            aria-label="省际包车电子凭证"
            data-certificate=certificate.text.clone()
            data-number=certificate.number.clone()
        >
            <h2>"省际包车电子凭证"</h2>
            <p class="muted">"亮证亮码：请向执法人员出示本页二维码"</p>
            <div class="qr" role="img" aria-label="凭证二维码" inner_html=svg></div>
            <p class="clock" aria-label="当前时间">
                {move || format!("{}（北京时间）", cst::seconds(clock.get()))}
            </p>
            <Facts rows=Vec::from(rows)/>
            <p class="reminder" role="note">"请随车携带纸质包车合同"</p>
        </article>
    }
}

/// Trips waiting to be received, each with 确认接收.
#[component]
fn Tasks(on_accepted: impl Fn(Received) + Copy + Send + Sync + 'static) -> impl IntoView {
    let tasks = RwSignal::new(None::<Result<Vec<DriverCertificate>, String>>);
    let error = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            let result = crate::api::issuance::tasks().await;
            tasks.set(Some(result.map_err(|e| e.message())));
        });
    };
    reload();
    let accept = move |number: String| {
        error.set(None);
        spawn_local(async move {
            match crate::api::issuance::accept(&number).await {
                Ok(received) => {
                    on_accepted(received);
                    reload();
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    view! {
        <section class="card" aria-label="待接收包车任务">
            <h2>"待接收包车任务"</h2>
            {move || error.get().map(|error| view! { <p class="error" role="alert">{error}</p> })}
            {move || match tasks.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"暂无待接收的包车任务"</p> }.into_any(),
                Some(Ok(list)) => list
                    .into_iter()
                    .map(|task| {
                        let c = &task.charter;
                        let number = task.number.clone();
                        view! {
                            <article class="task" aria-label=format!("包车任务 {}", task.number)>
                                <p><strong>{format!("{}｜{}", c.plate, task.number)}</strong></p>
                                <p>{format!("{} → {}", place(&c.origin), place(&c.destination))}</p>
                                <p class="muted">{format!("{} 至 {}", cst::minutes(task.nbf), cst::minutes(task.exp))}</p>
                                <button type="button" on:click=move |_| accept(number.clone())>"确认接收"</button>
                            </article>
                        }
                    })
                    .collect_view()
                    .into_any(),
            }}
        </section>
    }
}
