//! 所属企业: a searched choice of one enterprise among however many are registered (an
//! account's tie). The server searches names and credit codes; the first page of matches is
//! offered, with the enterprise already chosen kept among them.

use leptos::prelude::*;

use super::paged_list::PagedList;

/// A search box and the enterprises matching it; `chosen` holds the chosen enterprise's id as
/// text (empty for none), and `chosen_name` its name when it is already known (an account
/// edited), so it is offered even when the search does not find it.
#[component]
pub fn EnterprisePicker(
    /// The chosen enterprise's id, as text.
    chosen: RwSignal<String>,
    /// The chosen enterprise's name, when known.
    #[prop(into)]
    chosen_name: Signal<Option<String>>,
) -> impl IntoView {
    let list = PagedList::new(|search: String, page| async move {
        crate::api::master_data::enterprises(&search, page).await
    });
    let options = move || {
        let id = chosen.get();
        let found = list.with_loaded(|loaded| match loaded {
            Some(Ok(paged)) => paged.items.clone(),
            _ => Vec::new(),
        });
        let listed = found.iter().any(|e| e.id.to_string() == id);
        // The enterprise already chosen stays offered when the search does not find it.
        let kept = chosen_name
            .get()
            .filter(|_| !listed && !id.is_empty())
            .map(|name| view! { <option value=id.clone() selected=true>{name}</option> });
        let found = found
            .into_iter()
            .map(|e| {
                let value = e.id.to_string();
                let selected = value == id;
                view! { <option value=value selected=selected>{e.name}</option> }
            })
            .collect_view();
        (kept, found)
    };
    let summary = move || {
        list.with_loaded(|loaded| match loaded {
            None | Some(Err(_)) => String::new(),
            Some(Ok(paged)) => match (paged.items.len() as u64, paged.total) {
                (_, 0) => "没有符合条件的企业".to_owned(),
                (shown, total) if shown < total => {
                    format!("共 {total} 家，显示前 {shown} 家，请输入名称或信用代码缩小范围")
                }
                (_, total) => format!("共 {total} 家"),
            },
        })
    };
    let error = move || {
        list.with_loaded(|loaded| match loaded {
            Some(Err(message)) => Some(message.clone()),
            _ => None,
        })
    };
    view! {
        <label for="enterprise-search">"查找企业（名称或统一社会信用代码）"</label>
        <input id="enterprise-search" type="search" maxlength="50" autocomplete="off"
            aria-describedby="enterprise-matches"
            prop:value=move || list.search.get()
            on:input=move |ev| list.search.set(event_target_value(&ev))/>
        <p id="enterprise-matches" class="muted" role="status">{summary}</p>
        {move || error().map(|message| view! { <p class="error" role="alert">{message}</p> })}
        <label for="new-enterprise">"所属企业"</label>
        <select id="new-enterprise" on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="">"请选择"</option>
            {options}
        </select>
    }
}
