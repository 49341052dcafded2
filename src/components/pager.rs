//! Moving through a list page by page (the API's `page`), under the list.

use charterpass_core::filing_api::Paged;
use leptos::prelude::*;

/// The page count of a list being loaded: one until it has loaded.
pub fn pages_of<T>(loaded: &Option<Result<Paged<T>, String>>) -> u32 {
    loaded
        .as_ref()
        .and_then(|result| result.as_ref().ok())
        .map_or(1, Paged::pages)
}

/// 上一页 · 第 n / m 页 · 下一页; nothing while the list fits on one page.
#[component]
pub fn Pager(
    /// The page shown, from 1; the list reloads when it changes.
    page: RwSignal<u32>,
    /// How many pages the list fills.
    #[prop(into)]
    pages: Signal<u32>,
    /// What the pages are of, for screen readers.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    // A list that shrank (a row cancelled on the last page) shows its new last page.
    Effect::new(move |_| {
        if page.get() > pages.get() {
            page.set(pages.get());
        }
    });
    view! {
        <Show when=move || { pages.get() > 1 }>
            <nav class="pager" aria-label=label.clone()>
                <button type="button" class="secondary small" disabled=move || { page.get() <= 1 }
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>"上一页"</button>
                <span>{move || format!("第 {} / {} 页", page.get(), pages.get())}</span>
                <button type="button" class="secondary small" disabled=move || { page.get() >= pages.get() }
                    on:click=move |_| page.update(|p| *p += 1)>"下一页"</button>
            </nav>
        </Show>
    }
}
