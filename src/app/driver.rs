//! The driver's bundle: received trips and the certificate, on the phone.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::Frame;
use crate::pages;

/// The driver's page alone.
#[component]
pub fn DriverApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Driver>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/driver") view=pages::driver::Driver/>
            </Routes>
        </Frame>
    }
}
