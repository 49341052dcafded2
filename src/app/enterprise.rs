//! The enterprise's bundle: filings and plate printing (`/enterprise/…`), routed in the browser.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{Elsewhere, RoutedFrame};
use crate::pages;

/// The enterprise's pages.
#[component]
pub fn EnterpriseApp() -> impl IntoView {
    view! {
        <RoutedFrame bundle=Bundle::Enterprise>
            <Routes fallback=Elsewhere>
                <Route path=path!("/enterprise") view=pages::enterprise::Enterprise/>
                <Route path=path!("/enterprise/plates") view=pages::plates::Plates/>
                <Route path=path!("/enterprise/plates/:id/paper") view=pages::paper_plate::PaperPlatePage/>
            </Routes>
        </RoutedFrame>
    }
}
