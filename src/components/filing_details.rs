//! A filing's facts as a definition list, shared by the enterprise list and the review queue.

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::FilingView;
use charterpass_core::{distance, division};
use leptos::prelude::*;

/// `2024-06-01T08:00:00+08:00` → `2024-06-01 08:00`.
pub fn short_time(rfc3339: &str) -> String {
    rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
}

/// A place's name with its code, e.g. `昆明市（530100）`.
pub fn place_name(code: &str) -> String {
    match division::prefecture(code) {
        Some(p) => format!("{}{}", p.province().name(), p.label()),
        None if code.is_empty() => "未填写".to_owned(),
        None => code.to_owned(),
    }
}

/// The CSS class of a status badge.
pub fn status_class(status: FilingStatus) -> &'static str {
    match status {
        FilingStatus::AutoApproved | FilingStatus::Approved => "badge ok",
        FilingStatus::Rejected | FilingStatus::Cancelled => "badge bad",
        _ => "badge",
    }
}

/// The facts of one filing.
#[component]
pub fn FilingDetails(filing: FilingView) -> impl IntoView {
    let input = &filing.input;
    let route = std::iter::once(input.origin.as_str())
        .chain(input.waypoints.iter().map(String::as_str))
        .chain(std::iter::once(input.destination.as_str()))
        .map(place_name)
        .collect::<Vec<_>>()
        .join(" → ");
    let vehicle = filing
        .vehicle
        .as_ref()
        .map(|v| format!("{}（{} 座，{}）", v.plate, v.seats, v.kind))
        .unwrap_or_else(|| "未选择".into());
    let drivers = filing
        .drivers
        .iter()
        .map(|d| format!("{}（{}）", d.name, d.id_number_masked))
        .collect::<Vec<_>>()
        .join("、");
    let times = format!(
        "{} 至 {}",
        input
            .departure_at
            .map(|t| charterpass_core::cst::minutes(t.timestamp()))
            .unwrap_or_default(),
        input
            .return_at
            .map(|t| charterpass_core::cst::minutes(t.timestamp()))
            .unwrap_or_default()
    );
    let kind = input.charter_kind.map(|k| k.label()).unwrap_or("未选择");
    // The estimate beside the declared distance, from the same core function the rules use.
    let km = match (input.one_way_km, distance::estimate(input.places())) {
        (Some(k), Some(e)) => format!(
            "{k} 公里（估算：直线距离约 {} 公里，道路里程不少于 {} 公里）",
            e.straight_km, e.road_km
        ),
        (Some(k), None) => format!("{k} 公里（无法估算）"),
        (None, _) => String::new(),
    };
    let emergency = input.emergency;
    let passengers = input
        .passengers
        .map(|p| format!("{p} 人"))
        .unwrap_or_default();
    let reasons = filing
        .manual_reasons
        .iter()
        .map(|r| r.to_string())
        .collect::<Vec<_>>()
        .join("；");
    view! {
        <dl class="facts">
            <dt>"企业"</dt><dd>{filing.enterprise_name.clone()}</dd>
            <dt>"包车类型"</dt><dd>{kind}</dd>
            <Show when=move || emergency>
                <dt>"应急包车任务"</dt><dd>"是（主管部门指令）"</dd>
            </Show>
            <dt>"行程"</dt><dd>{route}</dd>
            <dt>"时间"</dt><dd>{times}</dd>
            <dt>"单边行程"</dt><dd>{km}</dd>
            <dt>"车辆"</dt><dd>{vehicle}</dd>
            <dt>"驾驶员"</dt><dd>{drivers}</dd>
            <dt>"乘客人数"</dt><dd>{passengers}</dd>
            <dt>"包车合同编号"</dt><dd>{input.contract_number.clone()}</dd>
            <dt>"包车方"</dt><dd>{input.charterer.clone()}</dd>
            <Show when={let r = reasons.clone(); move || !r.is_empty()}>
                <dt>"人工审核原因"</dt><dd>{reasons.clone()}</dd>
            </Show>
        </dl>
    }
}
