//! The inspector's bundle: verification and the scanner, on the phone.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::Frame;
use crate::pages;

/// The verification page alone.
#[component]
pub fn InspectorApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Inspector>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/verify") view=pages::verify::Verify/>
            </Routes>
        </Frame>
    }
}
