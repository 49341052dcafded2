//! The verdict, large and plain: the conclusion in words (真实有效, 真实，但已过期 …, 不能确认真伪),
//! why, and — once the signature verified — what the certificate says.

use charterpass_core::certificate::{Rejection, Verdict, Verified};
use charterpass_core::conclusion::{Conclusion, Tone};
use charterpass_core::cst;
use charterpass_core::division;
use charterpass_core::scope::in_scope;
use charterpass_core::verification::OnlineStatus;
use leptos::prelude::*;

use crate::components::facts::Facts;

/// The Chinese name of a province by its 2-digit code, e.g. `50` → 重庆市.
pub fn province_name(code: &str) -> String {
    division::province(&format!("{code}0000"))
        .map(|p| p.name().to_owned())
        .unwrap_or_else(|| format!("省份代码 {code}"))
}

/// The name of a place by its 6-digit code: its prefecture (for a municipality's grouping such as
/// 市辖区, the municipality), else its province, else the code itself.
pub fn place_name(code: &str) -> String {
    let prefecture = division::prefecture(code).or_else(|| {
        code.get(..4)
            .and_then(|p| division::prefecture(&format!("{p}00")))
    });
    match prefecture {
        Some(p) if p.name() == p.label() => p.name().to_owned(),
        Some(p) => p.province().name().to_owned(),
        None => division::province_of(code)
            .map(|p| p.name().to_owned())
            .unwrap_or_else(|| code.to_owned()),
    }
}

/// The route as names: origin → waypoints → destination.
pub fn route_label(verified: &Verified) -> String {
    verified
        .charter
        .places()
        .map(place_name)
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Shows one verdict reached at `at`; `online` is the issuing server's answer once it comes.
#[component]
pub fn VerdictView(
    verdict: Verdict,
    at: i64,
    online: Signal<Option<OnlineStatus>>,
) -> impl IntoView {
    let offline = Conclusion::of(&verdict, at);
    let conclusion = move || offline.with_online(online.get());
    let class = move || match conclusion().tone() {
        Tone::Valid => "verdict ok",
        Tone::Genuine => "verdict warn",
        Tone::Unconfirmed => "verdict bad",
    };
    // A new verdict is what the inspector looks for: bring it into view on a small screen.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = section.get() {
            section.scroll_into_view();
        }
    });
    let body = match &verdict {
        Verdict::Rejected(rejection) => unconfirmed(rejection).into_any(),
        Verdict::Verified(certificate) => certificate_facts(certificate).into_any(),
        Verdict::NotInForce(n) => certificate_facts(&n.certificate).into_any(),
    };
    view! {
        <section node_ref=section class=class role="status" aria-label="核验结论">
            <p class="verdict-word">{move || conclusion().headline()}</p>
            {move || conclusion().detail().map(|d| view! { <p class="verdict-reason">{d}</p> })}
            {body}
        </section>
    }
}

/// Why a certificate could not be confirmed genuine; the step's code last, for the record.
fn unconfirmed(rejection: &Rejection) -> impl IntoView {
    let removed = rejection.removed_from.as_deref().map(|province| {
        view! {
            <p class="verdict-reason">{format!("被撤销的是{}的签发密钥", province_name(province))}</p>
        }
    });
    view! {
        {removed}
        <p class="muted">{format!("未通过的核验步骤：{}", rejection.step.code())}</p>
    }
}

/// What a genuine certificate says: issuer, vehicle, enterprise, drivers, route and window.
fn certificate_facts(certificate: &Verified) -> impl IntoView {
    let charter = &certificate.charter;
    let scope = if charter.places().all(in_scope) {
        "在启用范围内"
    } else {
        "超出启用范围"
    };
    let rows = vec![
        ("签发省份", province_name(&certificate.issuer)),
        (
            "有效期",
            format!(
                "{} 至 {}（北京时间）",
                cst::minutes(certificate.not_before),
                cst::minutes(certificate.expires)
            ),
        ),
        ("启用范围", scope.to_owned()),
        ("车牌号", charter.plate.clone()),
        ("包车企业", charter.enterprise_name.clone()),
        ("驾驶员", charter.drivers_label()),
        ("行程", route_label(certificate)),
        (
            "行程时间",
            format!(
                "{} 至 {}",
                cst::minutes(charter.trip_start),
                cst::minutes(charter.trip_end)
            ),
        ),
        ("核定座位", format!("{} 座", charter.seats)),
        ("凭证编号", charter.certificate_number.clone()),
        ("备案编号", charter.filing_number.clone()),
    ];
    view! {
        <p class="verdict-issuer">{format!("{}签发", province_name(&certificate.issuer))}</p>
        <Facts rows=rows/>
    }
}
