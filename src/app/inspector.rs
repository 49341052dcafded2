//! The inspector's bundle: verification and the scanner, on the phone (`/verify`).

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The verification page alone, with no router.
#[component]
pub fn InspectorApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Inspector>
            <pages::verify::Verify/>
        </Frame>
    }
}
