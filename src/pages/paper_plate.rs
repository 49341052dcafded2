//! The printable paper plate (纸质标志牌) at `/enterprise/plates/{id}/paper`.

use charterpass_core::issuance::PaperPlate;
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::facts::Facts;
use crate::components::filing_details::short_time;
use crate::components::role_gate::RoleGate;

/// The 纸质标志牌 page of filing `id` (`None`: the address named no filing).
#[component]
pub fn PaperPlatePage(id: Option<i64>) -> impl IntoView {
    view! {
        <RoleGate role=Role::Enterprise>
            <PlateSheet id=id/>
        </RoleGate>
    }
}

#[component]
fn PlateSheet(id: Option<i64>) -> impl IntoView {
    let plate = RwSignal::new(None::<Result<PaperPlate, String>>);
    match id {
        Some(id) => spawn_local(async move {
            let result = crate::api::issuance::paper_plate(id).await;
            plate.set(Some(result.map_err(|e| e.message())));
        }),
        None => plate.set(Some(Err("未找到请求的内容".to_owned()))),
    }
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    move || match plate.get() {
        None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
        Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
        Some(Ok(p)) => {
            let waypoints = if p.waypoints.is_empty() {
                "无".to_owned()
            } else {
                p.waypoints.join("、")
            };
            let rows = [
                ("备案编号", p.filing_number.clone()),
                ("车牌号", p.plate.clone()),
                ("核定座位", format!("{} 座", p.seats)),
                ("企业名称", p.enterprise_name.clone()),
                ("统一社会信用代码", p.credit_code.clone()),
                ("包车类型", p.charter_kind.clone()),
                ("起点", p.origin.clone()),
                ("讫点", p.destination.clone()),
                ("途经地", waypoints),
                (
                    "有效期",
                    format!(
                        "{} 至 {}",
                        short_time(&p.departure_at),
                        short_time(&p.return_at)
                    ),
                ),
                ("驾驶员", p.drivers.join("、")),
            ];
            view! {
                <div class="no-print actions">
                    <a href="/enterprise/plates" class="button secondary">"返回包车牌打印"</a>
                    <button type="button" on:click=print>"打印"</button>
                </div>
                {p.paper_only_reason.clone().map(|why| view! {
                    <p class="notice no-print paper-reason" role="note">{why}</p>
                })}
                <article class="paper-plate" aria-label="纸质标志牌">
                    <h1>"省际包车客运标志牌"</h1>
                    <Facts rows=Vec::from(rows)/>
                    <p class="reminder">"本标志牌须与纸质包车合同一同随车携带"</p>
                </article>
            }
            .into_any()
        }
    }
}
