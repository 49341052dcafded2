//! The enterprise's bundle: its filings (`/enterprise`) and its vehicles and drivers
//! (`/enterprise/fleet`). One page per path, no router.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The page for the path this bundle was loaded for.
#[component]
pub fn EnterpriseApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Enterprise>
            {match super::landed() {
                "/enterprise/fleet" => view! { <pages::fleet::FleetPage/> }.into_any(),
                _ => view! { <pages::enterprise::Enterprise/> }.into_any(),
            }}
        </Frame>
    }
}
