//! The enterprise's vehicles: list (search by plate, paged), register or edit, retire, import.

use charterpass_core::filing_api::Paged;
use charterpass_core::master_data::import::ImportKind;
use charterpass_core::master_data::vehicle::VehicleRecord;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::vehicle_form::VehicleForm;
use crate::components::import_panel::ImportPanel;
use crate::components::pager::{pages_of, Pager};

/// The vehicle list, its form and its import.
#[component]
pub fn Vehicles() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<VehicleRecord>);
    let list = RwSignal::new(None::<Result<Paged<VehicleRecord>, String>>);
    let pages = Signal::derive(move || list.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        let search = search.get();
        spawn_local(async move {
            let result = crate::api::master_data::vehicles(&search, page).await;
            list.set(Some(result.map_err(|e| e.message())));
        });
    });
    let reload = move || version.update(|v| *v += 1);
    view! {
        <section class="card" aria-label="车辆">
            <h2>"车辆"</h2>
            <div class="inline-form" role="search" aria-label="搜索车辆">
                <label for="vehicle-search">"搜索车牌号码"</label>
                <input id="vehicle-search" type="search" maxlength="50"
                    prop:value=move || search.get()
                    on:input=move |ev| { search.set(event_target_value(&ev)); page.set(1); }/>
            </div>
            {move || match list.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"尚未登记车辆"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <p class="muted">{format!("共 {} 辆", list.total)}</p>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="车辆列表（可横向滚动）">
                        <table aria-label="车辆列表">
                            <thead><tr>
                                <th>"车牌号码"</th><th>"核定座位数"</th><th>"车辆类型"</th><th>"车辆类型等级"</th>
                                <th>"道路运输证号"</th><th>"有效期至"</th><th>"状态"</th><th>"操作"</th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|v| view! {
                                    <VehicleRow vehicle=v editing=editing on_change=reload/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="车辆列表分页"/>
        </section>
        <VehicleForm editing=editing on_saved=reload/>
        <ImportPanel kind=ImportKind::Vehicles on_imported=reload/>
    }
}

#[component]
fn VehicleRow(
    vehicle: VehicleRecord,
    editing: RwSignal<Option<VehicleRecord>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = vehicle.id;
    let retired = vehicle.retired;
    let plate = vehicle.plate.clone();
    let shown = vehicle.clone();
    let toggle = move |_| {
        spawn_local(async move {
            let result: Result<VehicleRecord, _> =
                crate::api::master_data::set_retired(ImportKind::Vehicles, id, !retired).await;
            match result {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    view! {
        <tr data-plate=vehicle.plate.clone()>
            <td>{vehicle.plate.clone()}</td>
            <td>{vehicle.seats}</td>
            <td>{vehicle.kind.clone()}</td>
            <td>{vehicle.grade.clone()}</td>
            <td>{vehicle.permit_number.clone()}</td>
            <td>{vehicle.permit_valid_until.map(charterpass_core::master_data::date_text).unwrap_or_else(|| "未登记".into())}</td>
            <td>{if retired { "已停用" } else { "在用" }}</td>
            <td>
                <button type="button" class="secondary small" aria-label=format!("修改{plate}")
                    on:click=move |_| editing.set(Some(shown.clone()))>"修改"</button>
                <button type="button" class="secondary small" aria-label=format!("{}{plate}", if retired { "恢复使用" } else { "停用" })
                    on:click=toggle>{if retired { "恢复使用" } else { "停用" }}</button>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
            </td>
        </tr>
    }
}
