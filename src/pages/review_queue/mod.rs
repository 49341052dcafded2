//! The reviewer's queue: its prefecture's filings with a status filter, and the decision dialog.

mod decision;

use charterpass_core::filing_api::{FilingView, Paged};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::filing_details::{status_class, FilingDetails};
use crate::components::pager::{pages_of, Pager};
use decision::DecisionDialog;

const FILTERS: [(&str, &str); 4] = [
    ("pending_review", "待人工审核"),
    ("approved", "审核通过"),
    ("rejected", "已驳回"),
    ("all", "全部"),
];

/// The queue with its filter.
#[component]
pub fn ReviewQueue() -> impl IntoView {
    let status = RwSignal::new("pending_review".to_owned());
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let filings = RwSignal::new(None::<Result<Paged<FilingView>, String>>);
    let pages = Signal::derive(move || filings.with(pages_of));
    Effect::new(move |_| {
        let status = status.get();
        let page = page.get();
        version.get();
        spawn_local(async move {
            let result = crate::api::filings::list(&status, page).await;
            filings.set(Some(result.map_err(|e| e.message())));
        });
    });
    view! {
        <section class="card">
            <h2>"本州/市的备案"</h2>
            <label for="status-filter">"状态筛选"</label>
            <select id="status-filter" prop:value=move || status.get() on:change=move |ev| {
                page.set(1);
                status.set(event_target_value(&ev));
            }>
                {FILTERS.into_iter().map(|(value, label)| view! { <option value=value>{label}</option> }).collect_view()}
            </select>
            {move || match filings.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"没有符合条件的备案"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="filings" aria-label="审核队列">
                        {list.items.into_iter().map(|filing| {
                            let status = filing.status;
                            let number = filing.number.clone();
                            let data_number = number.clone();
                            view! {
                                <li class="filing" data-number=data_number>
                                    <div class="filing-head">
                                        <strong>{number}</strong>
                                        <span class=status_class(status)>{status.label()}</span>
                                    </div>
                                    {filing.decision_reason.clone().map(|r| view! { <p class="decision-reason">{format!("驳回理由：{r}")}</p> })}
                                    <FilingDetails filing=filing.clone()/>
                                    <DecisionDialog filing=filing on_decided=move || version.update(|v| *v += 1)/>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="审核队列分页"/>
        </section>
    }
}
