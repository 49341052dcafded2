//! The administrator's bundle: permissions, accounts, adoption, appeals and feedback (`/admin/…`), routed
//! in the browser.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

use super::{Elsewhere, RoutedFrame};
use crate::pages;

/// The administrator's pages.
#[component]
pub fn AdminApp() -> impl IntoView {
    view! {
        <RoutedFrame bundle=Bundle::Admin>
            <Routes fallback=Elsewhere>
                <Route path=path!("/admin") view=pages::admin::Admin/>
                <Route path=path!("/admin/accounts") view=pages::accounts::AccountsPage/>
                <Route path=path!("/admin/adoption") view=pages::adoption::AdoptionPage/>
                <Route path=path!("/admin/enterprises") view=pages::enterprises::EnterprisesPage/>
                <Route path=path!("/admin/appeals") view=pages::appeals::Appeals/>
                <Route path=path!("/admin/feedback") view=pages::feedback_list::FeedbackList/>
            </Routes>
        </RoutedFrame>
    }
}
