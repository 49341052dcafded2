//! The enterprise's filing desk: the filing form with instant rule feedback, and its filings.

mod form;
mod list;
mod state;

use leptos::prelude::*;

pub use state::FormState;

/// The form and the list, sharing the form state (a draft can be reopened from the list).
#[component]
pub fn FilingDesk() -> impl IntoView {
    let form = FormState::new();
    let version = RwSignal::new(0u32);
    view! {
        <form::FilingForm form=form on_filed=move || version.update(|v| *v += 1)/>
        <list::FilingList form=form version=version/>
    }
}
