//! The plate-printing bundle: issuing the certificate and the paper plate
//! (`/enterprise/plates`, `/enterprise/plates/{filing id}/paper`). One page per path, no router.

use charterpass_core::bundle::Bundle;
use leptos::prelude::*;

use super::Frame;
use crate::pages;

/// The page for the path this bundle was loaded for.
#[component]
pub fn PlatesApp() -> impl IntoView {
    view! {
        <Frame bundle=Bundle::Plates>
            {match (super::landed(), paper_plate_of(super::landed())) {
                ("/enterprise/plates", _) => view! { <pages::plates::Plates/> }.into_any(),
                (_, Some(id)) => view! { <pages::paper_plate::PaperPlatePage id=id/> }.into_any(),
                (_, None) => view! { <pages::not_found::NotFound/> }.into_any(),
            }}
        </Frame>
    }
}

/// The filing whose paper plate `path` asks for: `/enterprise/plates/{id}/paper`.
fn paper_plate_of(path: &str) -> Option<Option<i64>> {
    let id = path
        .strip_prefix("/enterprise/plates/")?
        .strip_suffix("/paper")?;
    Some(id.parse().ok())
}
