//! Labelled facts (`<dl class="facts">`), as the certificate, the paper plate and the verdict
//! show them.

use leptos::prelude::*;

/// One `<dt>`/`<dd>` pair per row, in order.
#[component]
pub fn Facts(rows: Vec<(&'static str, String)>) -> impl IntoView {
    view! {
        <dl class="facts">
            {rows
                .into_iter()
                .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
                .collect_view()}
        </dl>
    }
}
