//! The enterprise's vehicles: list (search by plate, paged), register or edit, retire, import.

use charterpass_core::master_data::import::ImportKind;
use charterpass_core::master_data::vehicle::VehicleRecord;
use leptos::prelude::*;

use super::row_actions::RowActions;
use super::vehicle_form::VehicleForm;
use crate::components::import_panel::ImportPanel;
use crate::components::paged_list::{ListSearch, PagedList, PagedTable};

/// The vehicle list, its form and its import.
#[component]
pub fn Vehicles() -> impl IntoView {
    let editing = RwSignal::new(None::<VehicleRecord>);
    let list = PagedList::new(|search, page| async move {
        crate::api::master_data::vehicles(&search, page).await
    });
    let reload = move || list.reload();
    view! {
        <section class="card" aria-label="车辆">
            <h2>"车辆"</h2>
            <ListSearch list=list id="vehicle-search" label="搜索车牌号码" name="搜索车辆"/>
            <PagedTable list=list name="车辆列表" unit="辆" empty="尚未登记车辆"
                headers=&["车牌号码", "核定座位数", "车辆类型", "车辆类型等级", "道路运输证号", "有效期至", "状态", "操作"]
                row=move |v| view! { <VehicleRow vehicle=v editing=editing on_change=reload/> }/>
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
    let retired = vehicle.retired;
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
                <RowActions record=vehicle.clone() id=vehicle.id retired=retired kind=ImportKind::Vehicles
                    name=vehicle.plate.clone() editing=editing on_change=on_change/>
            </td>
        </tr>
    }
}
