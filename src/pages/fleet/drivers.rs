//! The enterprise's drivers: list (search by name or phone, paged), register or edit, retire,
//! import, and a driver account with a one-time password shown once.

use charterpass_core::account::OneTimePassword;
use charterpass_core::filing_api::Paged;
use charterpass_core::master_data::driver::DriverRecord;
use charterpass_core::master_data::import::ImportKind;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::driver_form::DriverForm;
use crate::components::import_panel::ImportPanel;
use crate::components::one_time_password::OneTimePasswordNotice;
use crate::components::pager::{pages_of, Pager};

/// The driver list, its form and its import.
#[component]
pub fn Drivers() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let page = RwSignal::new(1u32);
    let search = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<DriverRecord>);
    let secret = RwSignal::new(None::<OneTimePassword>);
    let list = RwSignal::new(None::<Result<Paged<DriverRecord>, String>>);
    let pages = Signal::derive(move || list.with(pages_of));
    Effect::new(move |_| {
        version.get();
        let page = page.get();
        let search = search.get();
        spawn_local(async move {
            let result = crate::api::master_data::drivers(&search, page).await;
            list.set(Some(result.map_err(|e| e.message())));
        });
    });
    let reload = move || version.update(|v| *v += 1);
    view! {
        <section class="card" aria-label="驾驶员">
            <h2>"驾驶员"</h2>
            <div class="inline-form" role="search" aria-label="搜索驾驶员">
                <label for="driver-search">"搜索姓名或手机号码"</label>
                <input id="driver-search" type="search" maxlength="50"
                    prop:value=move || search.get()
                    on:input=move |ev| { search.set(event_target_value(&ev)); page.set(1); }/>
            </div>
            {move || secret.get().map(|secret| view! { <OneTimePasswordNotice secret=secret/> })}
            {move || match list.get() {
                None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                Some(Ok(list)) if list.items.is_empty() => view! { <p class="muted">"尚未登记驾驶员"</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <p class="muted">{format!("共 {} 名", list.total)}</p>
                    <div class="table-wrap" tabindex="0" role="region" aria-label="驾驶员列表（可横向滚动）">
                        <table aria-label="驾驶员列表">
                            <thead><tr>
                                <th>"姓名"</th><th>"手机号码"</th><th>"身份证号码"</th><th>"准驾车型"</th>
                                <th>"从业资格证有效期至"</th><th>"状态"</th><th>"账号"</th><th>"操作"</th>
                            </tr></thead>
                            <tbody>
                                {list.items.into_iter().map(|d| view! {
                                    <DriverRow driver=d editing=editing secret=secret on_change=reload/>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any(),
            }}
            <Pager page=page pages=pages label="驾驶员列表分页"/>
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
    let shown = driver.clone();
    let toggle = move |_| {
        spawn_local(async move {
            let result: Result<DriverRecord, _> =
                crate::api::master_data::set_retired(ImportKind::Drivers, id, !retired).await;
            match result {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
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
    let name = driver.name.clone();
    view! {
        <tr data-driver=driver.name.clone()>
            <td>{driver.name.clone()}</td>
            <td>{driver.phone.clone()}</td>
            <td>{driver.id_number.clone()}</td>
            <td>{driver.licence_class.map(|c| c.as_str()).unwrap_or("未登记")}</td>
            <td>{driver.qualification_valid_until.map(charterpass_core::master_data::date_text).unwrap_or_else(|| "未登记".into())}</td>
            <td>{if retired { "已停用" } else { "在用" }}</td>
            <td>{account}</td>
            <td>
                <button type="button" class="secondary small" aria-label=format!("修改{name}")
                    on:click=move |_| editing.set(Some(shown.clone()))>"修改"</button>
                <button type="button" class="secondary small" aria-label=format!("{}{name}", if retired { "恢复使用" } else { "停用" })
                    on:click=toggle>{if retired { "恢复使用" } else { "停用" }}</button>
                <Show when=move || error.get().is_some()>
                    <p class="error" role="alert">{move || error.get()}</p>
                </Show>
            </td>
        </tr>
    }
}
