//! Choosing a prefecture-level place: a province select, then a prefecture select (GB/T 2260).

use charterpass_core::division;
use leptos::prelude::*;

/// Two labelled selects writing the chosen prefecture code into `value` (empty until chosen).
#[component]
pub fn DivisionPicker(
    /// The id prefix of the two selects, e.g. `origin`.
    id: String,
    /// The visible label, e.g. `起点`.
    label: String,
    /// The chosen prefecture code.
    value: RwSignal<String>,
) -> impl IntoView {
    let initial = value.get_untracked();
    let province = RwSignal::new(
        initial
            .get(..2)
            .map(|p| format!("{p}0000"))
            .unwrap_or_default(),
    );
    let province_id = format!("{id}-province");
    let prefecture_id = format!("{id}-prefecture");
    let prefectures = move || {
        division::province(&province.get())
            .map(|p| {
                p.prefectures()
                    .map(|pref| (pref.code(), pref.label()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    view! {
        <div class="division-picker">
            <div>
                <label for=province_id.clone()>{format!("{label}（省）")}</label>
                <select
                    id=province_id.clone()
                    prop:value=move || province.get()
                    on:change=move |ev| {
                        province.set(event_target_value(&ev));
                        value.set(String::new());
                    }
                >
                    <option value="">"请选择省份"</option>
                    {division::provinces()
                        .map(|p| view! { <option value=p.code()>{p.name()}</option> })
                        .collect_view()}
                </select>
            </div>
            <div>
                <label for=prefecture_id.clone()>{format!("{label}（州/市）")}</label>
                <select
                    id=prefecture_id.clone()
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))
                >
                    <option value="">"请选择州/市"</option>
                    {move || {
                        let chosen = value.get_untracked();
                        prefectures()
                            .into_iter()
                            .map(|(code, name)| {
                                view! { <option value=code selected=chosen == code>{name}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        </div>
    }
}
