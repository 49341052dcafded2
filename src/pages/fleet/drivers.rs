//! The enterprise's drivers: list (search by name or phone, paged), register or edit, retire,
//! import, and a driver account with a one-time password shown once.

use charterpass_core::account::OneTimePassword;
use charterpass_core::master_data::driver::DriverRecord;
use charterpass_core::master_data::import::ImportKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::driver_form::DriverForm;
use super::row_actions::RowActions;
use crate::components::import_panel::ImportPanel;
use crate::components::one_time_password::OneTimePasswordNotice;
use crate::components::paged_list::{ListSearch, PagedList, PagedTable};

/// The driver list, its form and its import.
#[component]
pub fn Drivers() -> impl IntoView {
    let editing = RwSignal::new(None::<DriverRecord>);
    let secret = RwSignal::new(None::<OneTimePassword>);
    let list = PagedList::new(|search, page| async move {
        crate::api::master_data::drivers(&search, page).await
    });
    let reload = move || list.reload();
    view! {
        <section class="card" aria-label="驾驶员">
            <h2>"驾驶员"</h2>
            <ListSearch list=list id="driver-search" label="搜索姓名或手机号码" name="搜索驾驶员"/>
            {move || secret.get().map(|secret| view! { <OneTimePasswordNotice secret=secret/> })}
            <PagedTable list=list name="驾驶员列表" unit="名" empty="尚未登记驾驶员"
                headers=&["姓名", "手机号码", "身份证号码", "准驾车型", "从业资格证有效期至", "状态", "账号", "操作"]
                row=move |d| view! { <DriverRow driver=d editing=editing secret=secret on_change=reload/> }/>
        </section>
        <DriverForm editing=editing on_saved=reload/>
        <ImportPanel kind=ImportKind::Drivers on_imported=reload/>
    }
}

#[component]
fn DriverRow(
    driver: DriverRecord,
    editing: RwSignal<Option<DriverRecord>>,
    secret: RwSignal<Option<OneTimePassword>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let id = driver.id;
    let retired = driver.retired;
    let name = driver.name.clone();
    let give_account = move |_| {
        spawn_local(async move {
            match crate::api::accounts::give_driver_account(id).await {
                Ok(one_time) => {
                    secret.set(Some(one_time));
                    on_change();
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    let account = match driver.username.clone() {
        Some(username) => view! { <span>{username}</span> }.into_any(),
        None if retired => view! { <span class="muted">"—"</span> }.into_any(),
        None => view! {
            <button type="button" class="small" aria-label=format!("为{name}开通驾驶员账号")
                on:click=give_account>"开通账号"</button>
        }
        .into_any(),
    };
    view! {
        <tr data-driver=driver.name.clone()>
            <td>{driver.name.clone()}</td>
            <td>{driver.phone.clone()}</td>
            <td>{driver.id_number.clone()}</td>
            <td>{driver.licence_class.map(|c| c.as_str()).unwrap_or("未登记")}</td>
            <td>{driver.qualification_valid_until.map(charterpass_core::master_data::date_text).unwrap_or_else(|| "未登记".into())}</td>
            <td>{if retired { "已停用" } else { "在用" }}</td>
            <td>
                {account}
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
            </td>
            <td>
                <RowActions record=driver.clone() id=id retired=retired kind=ImportKind::Drivers
                    name=driver.name.clone() editing=editing on_change=on_change/>
            </td>
        </tr>
    }
}
