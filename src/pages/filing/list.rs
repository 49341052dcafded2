//! The enterprise's own filings: status, decision reasons, editing drafts, correcting rejected ones, cancelling.

use charterpass_core::filing::FilingStatus;
use charterpass_core::filing_api::{FilingView, Paged};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::FormState;
use crate::components::filing_details::{status_class, FilingDetails};
use crate::components::pager::{pages_of, Pager};

/// The list, newest first, a page at a time; reloaded whenever `version` changes.
#[component]
pub fn FilingList(form: FormState, version: RwSignal<u32>) -> impl IntoView {
    let page = RwSignal::new(1u32);
    let filings = RwSignal::new(None::<Result<Paged<FilingView>, String>>);
    let pages = Signal::derive(move || filings.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        spawn_local(async move {
            let result = crate::api::filings::list("all", page).await;
            filings.set(Some(result.map_err(|e| e.message())));
        });
    });
    view! {
        <section class="card">
            <h2>"本企业的备案"</h2>
            {move || match filings.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"暂无备案"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="filings" aria-label="备案列表">
                        {list.items.into_iter().map(|filing| view! {
                            <FilingItem filing=filing form=form version=version/>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="备案列表分页"/>
        </section>
    }
}

#[component]
fn FilingItem(filing: FilingView, form: FormState, version: RwSignal<u32>) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = filing.id;
    let status = filing.status;
    let reopen = {
        let filing = filing.clone();
        move |_| form.load(&filing)
    };
    let cancel = move |_| {
        spawn_local(async move {
            match crate::api::filings::cancel(id).await {
                Ok(_) => version.update(|v| *v += 1),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    let correct = {
        let filing = filing.clone();
        move |_| {
            let filing = filing.clone();
            spawn_local(async move {
                match crate::api::filings::reopen(filing.id).await {
                    Ok(draft) => {
                        form.load(&draft);
                        version.update(|v| *v += 1);
                    }
                    Err(err) => error.set(Some(err.message())),
                }
            });
        }
    };
    let reason = filing.decision_reason.clone();
    view! {
        <li class="filing" data-number=filing.number.clone()>
            <div class="filing-head">
                <strong>{filing.number.clone()}</strong>
                <span class=status_class(status)>{status.label()}</span>
            </div>
            {reason.map(|r| view! { <p class="decision-reason">{format!("驳回理由：{r}")}</p> })}
            <details>
                <summary>"查看详情"</summary>
                <FilingDetails filing=filing.clone()/>
            </details>
            <div class="actions">
                <Show when=move || status == FilingStatus::Draft>
                    <button type="button" class="secondary small" on:click=reopen.clone()>"继续编辑"</button>
                </Show>
                <Show when=move || status == FilingStatus::Rejected>
                    <button type="button" class="secondary small" on:click=correct.clone()>"修改后重新提交"</button>
                </Show>
                <Show when=move || status.can_become(FilingStatus::Cancelled)>
                    <button type="button" class="secondary small" on:click=cancel>"撤销备案"</button>
                </Show>
            </div>
            <Show when=move || error.get().is_some()>
                <p class="error" role="alert">{move || error.get()}</p>
            </Show>
        </li>
    }
}
