//! The reviewer's bundle: the prefecture's queue (`/review`).

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The review page alone, with no router.
#[component]
pub fn ReviewApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Review>
            <pages::review::Review/>
        </Frame>
    }
}
