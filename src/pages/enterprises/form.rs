//! The form that registers an enterprise or edits the one chosen in the list; core checks every
//! field before anything is sent, and the server checks again.

use charterpass_core::division;
use charterpass_core::filing_api::EnterpriseView;
use charterpass_core::master_data::enterprise::EnterpriseInput;
use charterpass_core::master_data::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::field::{error_of, SelectField, TextField};
use crate::components::register_form::{save, Outcome, RegisterForm};

/// 登记企业 / 修改企业; `on_saved` runs after a save.
#[component]
pub fn EnterpriseForm(
    editing: RwSignal<Option<EnterpriseView>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let credit_code = RwSignal::new(String::new());
    let prefecture = RwSignal::new(String::new());
    let permit_number = RwSignal::new(String::new());
    let permit_valid_until = RwSignal::new(String::new());
    let auto_review = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome: Outcome = RwSignal::new(None);
    Effect::new(move |_| {
        let input = editing.get().map(|e| e.input()).unwrap_or_default();
        name.set(input.name);
        credit_code.set(input.credit_code);
        prefecture.set(input.prefecture_code);
        permit_number.set(input.permit_number);
        permit_valid_until.set(input.permit_valid_until);
        auto_review.set(input.auto_review);
        errors.set(Vec::new());
    });
    let province = crate::deployment::province();
    let options: Vec<(String, String)> = division::prefectures()
        .filter(|p| p.code().starts_with(&province))
        .map(|p| (p.code().to_owned(), p.label().to_owned()))
        .collect();
    let error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| error_of(e, field)));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = EnterpriseInput {
            name: name.get_untracked(),
            credit_code: credit_code.get_untracked(),
            prefecture_code: prefecture.get_untracked(),
            permit_number: permit_number.get_untracked(),
            permit_valid_until: permit_valid_until.get_untracked(),
            auto_review: auto_review.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            outcome.set(None);
            return;
        }
        errors.set(Vec::new());
        let id = editing.get_untracked().map(|e| e.id);
        let answer = async move {
            match id {
                None => crate::api::master_data::create_enterprise(&input).await,
                Some(id) => crate::api::master_data::update_enterprise(id, &input).await,
            }
        };
        save(answer, outcome, editing, on_saved, |saved| {
            format!("已保存：{}", saved.name)
        });
    };
    view! {
        <RegisterForm editing=editing noun="企业" outcome=outcome on_submit=submit>
            <TextField id="enterprise-name".into() label="企业名称" value=name maxlength=100 error=error("name")/>
            <TextField id="enterprise-credit-code".into() label="统一社会信用代码" value=credit_code maxlength=18 error=error("credit_code")/>
            <SelectField id="enterprise-prefecture".into() label="所在州市" value=prefecture options=options error=error("prefecture_code")/>
            <TextField id="enterprise-permit-number".into() label="道路运输经营许可证号" value=permit_number maxlength=50 error=error("permit_number")/>
            <TextField id="enterprise-permit-until".into() label="经营许可证有效期至" kind="date" value=permit_valid_until error=error("permit_valid_until")/>
            <Show when=move || editing.get().is_none()>
                <label>
                    <input id="enterprise-auto-review" type="checkbox" prop:checked=move || auto_review.get()
                        on:change=move |ev| auto_review.set(event_target_checked(&ev))/>
                    "授予自动审核权限"
                </label>
            </Show>
        </RegisterForm>
    }
}
