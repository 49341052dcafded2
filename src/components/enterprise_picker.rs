//! 所属企业: a searched choice of one enterprise among however many are registered (an
//! account's tie). The server searches names and credit codes; the first page of matches is
//! offered, with the enterprise already chosen kept among them.

use charterpass_core::filing_api::EnterpriseView;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The matches of the search typed, and how many there are in all.
#[derive(Clone, Default)]
struct Matches {
    items: Vec<EnterpriseView>,
    total: u64,
}

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
    let search = RwSignal::new(String::new());
    let matches = RwSignal::new(Matches::default());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let typed = search.get();
        spawn_local(async move {
            let answer = crate::api::master_data::enterprises(&typed, 1).await;
            // An answer to an older search is dropped: the newest search decides.
            if search.get_untracked() != typed {
                return;
            }
            match answer {
                Ok(page) => {
                    error.set(None);
                    matches.set(Matches {
                        items: page.items,
                        total: page.total,
                    });
                }
                Err(err) => error.set(Some(err.message())),
            }
        });
    });
    let options = move || {
        let id = chosen.get();
        let found = matches.get();
        let listed = found.items.iter().any(|e| e.id.to_string() == id);
        // The enterprise already chosen stays offered when the search does not find it.
        let kept = chosen_name
            .get()
            .filter(|_| !listed && !id.is_empty())
            .map(|name| view! { <option value=id.clone() selected=true>{name}</option> });
        let found = found
            .items
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
        let found = matches.with(|m| (m.items.len() as u64, m.total));
        match found {
            (_, 0) => "没有符合条件的企业".to_owned(),
            (shown, total) if shown < total => {
                format!("共 {total} 家，显示前 {shown} 家，请输入名称或信用代码缩小范围")
            }
            (_, total) => format!("共 {total} 家"),
        }
    };
    view! {
        <label for="enterprise-search">"查找企业（名称或统一社会信用代码）"</label>
        <input id="enterprise-search" type="search" maxlength="50" autocomplete="off"
            aria-describedby="enterprise-matches"
            prop:value=move || search.get()
            on:input=move |ev| search.set(event_target_value(&ev))/>
        <p id="enterprise-matches" class="muted" role="status">{summary}</p>
        <Show when=move || error.get().is_some()>
            <p class="error" role="alert">{move || error.get()}</p>
        </Show>
        <label for="new-enterprise">"所属企业"</label>
        <select id="new-enterprise" on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="">"请选择"</option>
            {options}
        </select>
    }
}
