//! The app's routes and the frame around every page.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::pages;
use crate::session::Session;

/// The whole app: session, frame and routes.
#[component]
pub fn App() -> impl IntoView {
    Session::provide();
    view! {
        <Router>
            <Layout>
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
                    <Route path=path!("/driver") view=pages::driver::Driver/>
                    <Route path=path!("/verify") view=pages::verify::Verify/>
                    <Route path=path!("/feedback") view=pages::feedback::FeedbackPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
