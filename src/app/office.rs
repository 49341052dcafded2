//! The office bundle: enterprises, reviewers and the administrator.

use std::sync::Arc;

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;

use super::{Frame, RouterNavigation};
use crate::pages;

/// Every page but the phone pages, routed in the browser.
#[component]
pub fn Office() -> impl IntoView {
    view! {
        <Router>
            {
                let navigate = use_navigate();
                provide_context(RouterNavigation(Arc::new(move |path| navigate(path, Default::default()))));
                view! {
                    <Frame bundle=Bundle::Office>
                        <Routes fallback=pages::not_found::NotFound>
                            <Route path=path!("/") view=pages::home::Home/>
                            <Route path=path!("/login") view=pages::login::Login/>
                            <Route path=path!("/enterprise") view=pages::enterprise::Enterprise/>
                            <Route path=path!("/review") view=pages::review::Review/>
                            <Route path=path!("/enterprise/plates") view=pages::plates::Plates/>
                            <Route path=path!("/enterprise/plates/:id/paper") view=pages::paper_plate::PaperPlatePage/>
                            <Route path=path!("/admin") view=pages::admin::Admin/>
                            <Route path=path!("/admin/adoption") view=pages::adoption::AdoptionPage/>
                            <Route path=path!("/admin/appeals") view=pages::appeals::Appeals/>
                            <Route path=path!("/admin/feedback") view=pages::feedback_list::FeedbackList/>
                            <Route path=path!("/feedback") view=pages::feedback::FeedbackPage/>
                        </Routes>
                    </Frame>
                }
            }
        </Router>
    }
}
