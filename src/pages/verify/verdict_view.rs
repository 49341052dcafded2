//! The verdict, large and plain: 真实有效 or 无效 with the reason, then what the certificate says.

use charterpass_core::certificate::{Verdict, Verified};
use charterpass_core::cst;
use charterpass_core::division;
use charterpass_core::scope::in_scope;
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

/// Shows one verdict.
#[component]
pub fn VerdictView(verdict: Verdict) -> impl IntoView {
    match verdict {
        Verdict::Rejected(rejection) => view! {
            <section class="verdict bad" role="status" aria-label="核验结论">
                <p class="verdict-word">"无效"</p>
                <p class="verdict-reason">{rejection.message}</p>
                {rejection.removed_from.map(|province| view! {
                    <p class="verdict-reason">{format!("被撤销的是{}的签发密钥", province_name(&province))}</p>
                })}
                <p class="muted">{format!("未通过的核验步骤：{}", rejection.step.code())}</p>
            </section>
        }
        .into_any(),
        Verdict::Verified(verified) => {
            let charter = &verified.charter;
            let scope = if charter.places().all(in_scope) {
                "在启用范围内"
            } else {
                "超出启用范围"
            };
            let window = format!(
                "{} 至 {}（北京时间）",
                cst::minutes(verified.not_before),
                cst::minutes(verified.expires)
            );
            let rows = vec![
                ("签发省份", province_name(&verified.issuer)),
                ("有效期", format!("当前在有效期内：{window}")),
                ("启用范围", scope.to_owned()),
                ("车牌号", charter.plate.clone()),
                ("包车企业", charter.enterprise_name.clone()),
                ("行程", route_label(&verified)),
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
                <section class="verdict ok" role="status" aria-label="核验结论">
                    <p class="verdict-word">"真实有效"</p>
                    <p class="verdict-reason">{format!("{}签发", province_name(&verified.issuer))}</p>
                    <Facts rows=Vec::from(rows)/>
                </section>
            }
            .into_any()
        }
    }
}
