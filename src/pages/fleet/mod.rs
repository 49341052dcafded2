//! 车辆与驾驶员管理 (enterprise operator, `/enterprise/fleet`): the enterprise's own vehicles and
//! drivers — register, edit, retire, import — and a driver account for each driver.

mod driver_form;
mod drivers;
mod row_actions;
mod vehicle_form;
mod vehicles;

use charterpass_core::role::Role;
use leptos::prelude::*;

use crate::components::role_gate::RoleGate;

/// The 车辆与驾驶员管理 page.
#[component]
pub fn FleetPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Enterprise>
            <section class="card">
                <h1>"车辆与驾驶员管理"</h1>
                <p class="muted">
                    "停用的车辆和驾驶员仍保留在以往的备案和电子凭证上，但不能再选入新的备案。 "
                    <a href="/enterprise">"返回企业工作台"</a>
                </p>
            </section>
            <vehicles::Vehicles/>
            <drivers::Drivers/>
        </RoleGate>
    }
}
