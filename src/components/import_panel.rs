//! 批量导入: a CSV file of enterprises, vehicles or drivers is checked whole on the server; the
//! report names every bad row, and nothing is stored unless all rows are good or the operator
//! chose to import only the good ones.

use charterpass_core::master_data::import::{ImportKind, ImportReport};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// The file picker, the only-good-rows choice, the template link and the last report.
#[component]
pub fn ImportPanel(
    /// What the file imports.
    kind: ImportKind,
    /// Runs after rows were stored.
    on_imported: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let prefix = match kind {
        ImportKind::Enterprises => "enterprise",
        ImportKind::Vehicles => "vehicle",
        ImportKind::Drivers => "driver",
    };
    let file_id = format!("{prefix}-import-file");
    let only_good_id = format!("{prefix}-import-only-good");
    let only_good = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let report = RwSignal::new(None::<Result<ImportReport, String>>);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let noun = kind.noun();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let file = input_ref
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else {
            report.set(Some(Err("请先选择 CSV 文件".to_owned())));
            return;
        };
        let file: web_sys::File = file.unchecked_into();
        busy.set(true);
        let only_good = only_good.get_untracked();
        spawn_local(async move {
            let result = crate::api::master_data::import(kind, file, only_good).await;
            if result.as_ref().is_ok_and(|r| r.imported) {
                on_imported();
            }
            report.set(Some(result.map_err(|e| e.message())));
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-label=format!("批量导入{noun}")>
            <h2>{format!("批量导入{noun}")}</h2>
            <p class="muted">
                "CSV 文件（UTF-8 或 GBK 编码，Excel 另存为 CSV 即可），表头须与模板一致。 "
                <a href=crate::api::master_data::template_href(kind) download="">{format!("下载{noun}导入模板")}</a>
            </p>
            <form on:submit=submit class="inline-form">
                <label for=file_id.clone()>"CSV 文件"</label>
                <input id=file_id type="file" accept=".csv,text/csv" node_ref=input_ref/>
                <label class="check">
                    <input id=only_good_id type="checkbox" prop:checked=move || only_good.get()
                        on:change=move |ev| only_good.set(event_target_checked(&ev))/>
                    "只导入检查通过的行"
                </label>
                <button type="submit" disabled=move || busy.get()>"导入"</button>
            </form>
            {move || report.get().map(|result| match result {
                Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Ok(report) => view! { <ReportView report=report noun=noun/> }.into_any(),
            })}
        </section>
    }
}

/// The outcome of one import: what was stored, and every bad row.
#[component]
fn ReportView(report: ImportReport, noun: &'static str) -> impl IntoView {
    let summary = if report.imported {
        format!(
            "已导入：新增 {} 条，更新 {} 条，未变 {} 条{}",
            report.created,
            report.updated,
            report.unchanged,
            if report.skipped > 0 {
                format!("，跳过有误的 {} 行", report.skipped)
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "文件共 {} 行，其中 {} 行有误，未导入任何{noun}。请修改后重新导入，或勾选“只导入检查通过的行”。",
            report.rows, report.skipped
        )
    };
    let class = if report.imported { "success" } else { "error" };
    let errors = report.errors;
    view! {
        <p class=class role="status">{summary}</p>
        <Show when={let empty = errors.is_empty(); move || !empty}>
            <div class="table-wrap" tabindex="0" role="region" aria-label="导入错误（可横向滚动）">
                <table aria-label="导入错误">
                    <thead><tr><th>"行号"</th><th>"列"</th><th>"原因"</th></tr></thead>
                    <tbody>
                        {errors.clone().into_iter().map(|e| view! {
                            <tr><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </Show>
    }
}
