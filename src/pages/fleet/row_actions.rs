//! The 修改 and 停用 / 恢复使用 buttons of a vehicle's or a driver's row, and why a change failed.

use charterpass_core::master_data::import::ImportKind;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;

/// The buttons; `on_change` reloads the list after a retirement or a return to service.
#[component]
pub fn RowActions<T>(
    /// The row's record, which 修改 puts into the form.
    record: T,
    /// Its id.
    id: i64,
    /// Whether it is retired.
    retired: bool,
    /// Vehicles or drivers.
    kind: ImportKind,
    /// The row's name in the buttons' accessible names (a plate, a driver's name).
    name: String,
    /// The record in the form.
    editing: RwSignal<Option<T>>,
    /// Reloads the list.
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + DeserializeOwned + Send + Sync + 'static,
{
    let error = RwSignal::new(None::<String>);
    let toggle = move |_| {
        spawn_local(async move {
            let result = crate::api::master_data::set_retired::<T>(kind, id, !retired).await;
            match result {
                Ok(_) => on_change(),
                Err(err) => error.set(Some(err.message())),
            }
        });
    };
    let action = if retired { "恢复使用" } else { "停用" };
    view! {
        <button type="button" class="secondary small" aria-label=format!("修改{name}")
            on:click=move |_| editing.set(Some(record.clone()))>"修改"</button>
        <button type="button" class="secondary small" aria-label=format!("{action}{name}")
            on:click=toggle>{action}</button>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
    }
}
