//! A labelled form field with its error line, as the master-data forms use them.

use charterpass_core::master_data::FieldError;
use leptos::prelude::*;

/// The message of `field` among `errors`, if any.
pub fn error_of(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// A text (or `kind`: date, number, tel…) input with its label and error line.
#[component]
pub fn TextField(
    /// The element id, unique on the page.
    id: String,
    /// The label.
    label: &'static str,
    /// The value.
    value: RwSignal<String>,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The longest value, in characters.
    #[prop(default = 100)]
    maxlength: usize,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id type=kind maxlength=maxlength.to_string()
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            aria-describedby=described/>
        <Show when=move || error.get().is_some()>
            <p class="field-error" id=error_id.clone()>{move || error.get()}</p>
        </Show>
    }
}

/// A choice among `options` (value, label) with its label and error line.
#[component]
pub fn SelectField(
    /// The element id, unique on the page.
    id: String,
    /// The label.
    label: &'static str,
    /// The chosen value.
    value: RwSignal<String>,
    /// The options: value and label.
    options: Vec<(String, String)>,
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = error_id.clone();
    view! {
        <label for=id.clone()>{label}</label>
        <select id=id prop:value=move || value.get()
            on:change=move |ev| value.set(event_target_value(&ev))
            aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
            aria-describedby=described>
            <option value="">"请选择"</option>
            {options.into_iter().map(|(v, l)| {
                let selected = v.clone();
                view! { <option value=v selected=move || value.get() == selected>{l}</option> }
            }).collect_view()}
        </select>
        <Show when=move || error.get().is_some()>
            <p class="field-error" id=error_id.clone()>{move || error.get()}</p>
        </Show>
    }
}
