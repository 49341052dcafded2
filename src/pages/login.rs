//! The log-in page.

use leptos::prelude::*;

use crate::components::sign_in::SignIn;

/// The sign-in form on a page of its own.
#[component]
pub fn Login() -> impl IntoView {
    view! { <SignIn/> }
}
