//! The administrator's adoption view (推广应用情况) at `/admin/adoption`: per prefecture, as a
//! table and as CSS bar charts built from the numbers.

use charterpass_core::issuance::{Adoption, AdoptionRow};
use charterpass_core::role::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::role_gate::RoleGate;

/// The 推广应用情况 page.
#[component]
pub fn AdoptionPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <AdoptionView/>
        </RoleGate>
    }
}

#[component]
fn AdoptionView() -> impl IntoView {
    let figures = RwSignal::new(None::<Result<Adoption, String>>);
    spawn_local(async move {
        let result = crate::api::issuance::adoption().await;
        figures.set(Some(result.map_err(|e| e.message())));
    });
    view! {
        <section class="card">
            <h1>"推广应用情况"</h1>
            <p class="muted">"各州（市）审核通过的省际包车备案中，电子凭证与纸质标志牌的使用情况。"</p>
        </section>
        {move || match figures.get() {
            None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(adoption)) => view! { <Figures adoption=adoption/> }.into_any(),
        }}
    }
}

fn table_row(row: &AdoptionRow) -> impl IntoView {
    view! {
        <tr data-prefecture=row.prefecture_code.clone()>
            <th scope="row">{row.prefecture_name.clone()}</th>
            <td>{row.approved_filings}</td>
            <td>{row.in_scope_filings}</td>
            <td>{row.certificates_issued}</td>
            <td>{row.electronic}</td>
            <td>{row.paper}</td>
            <td>{format!("{}%", row.electronic_percent())}</td>
            <td>{row.verifications}</td>
            <td>{row.appeals}</td>
        </tr>
    }
}

/// One horizontal bar: `value` out of `max`, labelled.
fn bar(label: String, value: u32, max: u32, text: String) -> impl IntoView {
    let width = (value * 100).checked_div(max).unwrap_or(0);
    view! {
        <div class="bar-row">
            <span class="bar-label">{label}</span>
            <span class="bar-track">
                <span class="bar-fill" style:width=format!("{width}%")></span>
            </span>
            <span class="bar-value">{text}</span>
        </div>
    }
}

#[component]
fn Figures(adoption: Adoption) -> impl IntoView {
    let max_issued = adoption
        .rows
        .iter()
        .map(|r| r.certificates_issued)
        .max()
        .unwrap_or(0);
    view! {
        <section class="card">
            <h2>"分州（市）统计"</h2>
            <div class="table-scroll">
                <table aria-label="推广应用情况">
                    <thead>
                        <tr>
                            <th scope="col">"州（市）"</th>
                            <th scope="col">"审核通过备案"</th>
                            <th scope="col">"启用范围内"</th>
                            <th scope="col">"电子凭证签发"</th>
                            <th scope="col">"使用电子凭证"</th>
                            <th scope="col">"使用纸质标志牌"</th>
                            <th scope="col">"电子化占比"</th>
                            <th scope="col">"扫码核验"</th>
                            <th scope="col">"申诉"</th>
                        </tr>
                    </thead>
                    <tbody>{adoption.rows.iter().map(table_row).collect_view()}</tbody>
                    <tfoot>{table_row(&adoption.total)}</tfoot>
                </table>
            </div>
        </section>
        <section class="card" aria-label="电子化占比图">
            <h2>"电子化占比（电子凭证 / 审核通过备案）"</h2>
            {adoption
                .rows
                .iter()
                .map(|r| bar(
                    r.prefecture_name.clone(),
                    r.electronic_percent(),
                    100,
                    format!("{}%", r.electronic_percent()),
                ))
                .collect_view()}
        </section>
        <section class="card">
            <h2>"外省凭证核验（互认）"</h2>
            {if adoption.recognised.is_empty() {
                view! { <p class="muted">"暂无外省凭证核验记录"</p> }.into_any()
            } else {
                view! {
                    <table aria-label="外省凭证核验">
                        <thead><tr><th scope="col">"签发省份"</th><th scope="col">"扫码核验"</th></tr></thead>
                        <tbody>
                            {adoption.recognised.iter().map(|p| view! {
                                <tr><td>{p.province_name.clone()}</td><td>{p.verifications}</td></tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section class="card" aria-label="电子凭证签发数量图">
            <h2>"电子凭证签发数量"</h2>
            {adoption
                .rows
                .iter()
                .map(|r| bar(
                    r.prefecture_name.clone(),
                    r.certificates_issued,
                    max_issued,
                    r.certificates_issued.to_string(),
                ))
                .collect_view()}
        </section>
    }
}
