//! The enterprise's bundle: its filings (`/enterprise`).

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The enterprise's filing page alone, with no router.
#[component]
pub fn EnterpriseApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Enterprise>
            <pages::enterprise::Enterprise/>
        </Frame>
    }
}
