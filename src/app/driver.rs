//! The driver's bundle: received trips and the certificate, on the phone (`/driver`).

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The driver's page alone, with no router.
#[component]
pub fn DriverApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Driver>
            <pages::driver::Driver/>
        </Frame>
    }
}
