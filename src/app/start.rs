//! The start bundle: the start page, signing in, problem feedback, and 404 (`/`, `/login`,
//! `/feedback`, anything unknown). One page per path, no router: links between them load pages.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The page for the path this bundle was loaded for.
#[component]
pub fn StartApp() -> impl IntoView {
    // Inside the frame's children, so the page is made after the frame provides the session.
    view! {
        <Frame bundle=Bundle::Start>
            {match super::landed() {
                "/" => view! { <pages::home::Home/> }.into_any(),
                "/login" => view! { <pages::login::Login/> }.into_any(),
                "/feedback" => view! { <pages::feedback::FeedbackPage/> }.into_any(),
                _ => view! { <pages::not_found::NotFound/> }.into_any(),
            }}
        </Frame>
    }
}
