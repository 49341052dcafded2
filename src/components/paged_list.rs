//! A list the server searches and pages (accounts, enterprises, vehicles, drivers): its search
//! box, its table with the states before it has rows, and the pager under it.

use std::future::Future;

use charterpass_core::filing_api::Paged;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::pager::{pages_of, Pager};
use crate::api::ApiError;

/// The page shown, the search typed and what the server answered; loads again when either
/// changes or on [`PagedList::reload`].
pub struct PagedList<T: Send + Sync + 'static> {
    /// The page shown, from 1.
    pub page: RwSignal<u32>,
    /// The search text.
    pub search: RwSignal<String>,
    loaded: RwSignal<Option<Result<Paged<T>, String>>>,
    version: RwSignal<u32>,
    /// How many loads were started: an answer to an older one is dropped.
    asked: StoredValue<u32>,
}

impl<T: Send + Sync + 'static> Clone for PagedList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for PagedList<T> {}

impl<T: Send + Sync + 'static> PagedList<T> {
    /// A list that `load(search, page)` fills; signals `load` reads reload it too.
    pub fn new<F, Fut>(load: F) -> Self
    where
        F: Fn(String, u32) -> Fut + 'static,
        Fut: Future<Output = Result<Paged<T>, ApiError>> + 'static,
    {
        let list = PagedList {
            page: RwSignal::new(1),
            search: RwSignal::new(String::new()),
            loaded: RwSignal::new(None),
            version: RwSignal::new(0),
            asked: StoredValue::new(0),
        };
        Effect::new(move |_| {
            list.version.track();
            list.asked.update_value(|n| *n += 1);
            let ticket = list.asked.get_value();
            let answer = load(list.search.get(), list.page.get());
            spawn_local(async move {
                let answer = answer.await;
                // The newest search, page or filter decides, whichever answer comes last.
                if list.asked.get_value() == ticket {
                    list.loaded.set(Some(answer.map_err(|e| e.message())));
                }
            });
        });
        list
    }

    /// Loads the page shown again (after a change).
    pub fn reload(self) {
        self.version.update(|v| *v += 1);
    }

    /// Reads what the server answered (`None` while loading).
    pub fn with_loaded<U>(self, read: impl FnOnce(Option<&Result<Paged<T>, String>>) -> U) -> U {
        self.loaded.with(|loaded| read(loaded.as_ref()))
    }

    /// Shows page 1 again (after a filter changed).
    pub fn restart(self) {
        self.page.set(1);
    }
}

/// The search box of `list` (and `children`, other filters beside it); typing starts again at
/// page 1.
#[component]
pub fn ListSearch<T: Send + Sync + 'static>(
    /// The list searched.
    list: PagedList<T>,
    /// The input's element id.
    id: &'static str,
    /// What may be typed, e.g. 搜索车牌号码.
    label: &'static str,
    /// The search landmark's name, e.g. 搜索车辆.
    name: &'static str,
    /// The longest search, in characters.
    #[prop(default = 50)]
    maxlength: usize,
    /// Other filters beside the box.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="inline-form" role="search" aria-label=name>
            <label for=id>{label}</label>
            <input id=id type="search" maxlength=maxlength.to_string()
                prop:value=move || list.search.get()
                on:input=move |ev| { list.search.set(event_target_value(&ev)); list.restart(); }/>
            {children.map(|children| children())}
        </div>
    }
}

/// The rows of `list` in a table named `name` (or why there are none), its total in `unit`s
/// when given, and the pager under it.
#[component]
pub fn PagedTable<T, R, V>(
    /// The list shown.
    list: PagedList<T>,
    /// The table's name, e.g. 车辆列表.
    name: &'static str,
    /// The column headers.
    headers: &'static [&'static str],
    /// What an empty list says.
    empty: &'static str,
    /// The total's measure word, e.g. 辆 for 共 12 辆.
    #[prop(optional)]
    unit: Option<&'static str>,
    /// One row.
    row: R,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    R: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let pages = Signal::derive(move || list.loaded.with(pages_of));
    view! {
        {move || match list.loaded.get() {
            None => view! { <p class="muted">"正在加载…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(paged)) if paged.items.is_empty() => view! { <p class="muted">{empty}</p> }.into_any(),
            Some(Ok(paged)) => view! {
                {unit.map(|unit| view! { <p class="muted">{format!("共 {} {unit}", paged.total)}</p> })}
                <div class="table-wrap" tabindex="0" role="region" aria-label=format!("{name}（可横向滚动）")>
                    <table aria-label=name>
                        <thead><tr>{headers.iter().map(|h| view! { <th>{*h}</th> }).collect_view()}</tr></thead>
                        <tbody>{paged.items.into_iter().map(row.clone()).collect_view()}</tbody>
                    </table>
                </div>
            }.into_any(),
        }}
        <Pager page=list.page pages=pages label=format!("{name}分页")/>
    }
}
