//! The form that registers a driver or edits the one chosen in the list (core checks first).

use charterpass_core::licence::LicenceClass;
use charterpass_core::master_data::driver::{DriverInput, DriverRecord};
use charterpass_core::master_data::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::field::{error_of, SelectField, TextField};
use crate::components::register_form::{save, Outcome, RegisterForm};

/// 登记驾驶员 / 修改驾驶员.
#[component]
pub fn DriverForm(
    editing: RwSignal<Option<DriverRecord>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let licence_class = RwSignal::new(String::new());
    let qualification_number = RwSignal::new(String::new());
    let qualification_valid_until = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome: Outcome = RwSignal::new(None);
    Effect::new(move |_| {
        let input = editing.get().map(|d| d.input()).unwrap_or_default();
        name.set(input.name);
        phone.set(input.phone);
        id_number.set(input.id_number);
        licence_class.set(input.licence_class);
        qualification_number.set(input.qualification_number);
        qualification_valid_until.set(input.qualification_valid_until);
        errors.set(Vec::new());
    });
    let error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| error_of(e, field)));
    let classes = LicenceClass::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.as_str().to_owned()))
        .collect();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = DriverInput {
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            id_number: id_number.get_untracked(),
            licence_class: licence_class.get_untracked(),
            qualification_number: qualification_number.get_untracked(),
            qualification_valid_until: qualification_valid_until.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            outcome.set(None);
            return;
        }
        errors.set(Vec::new());
        let id = editing.get_untracked().map(|d| d.id);
        let answer = async move { crate::api::master_data::save_driver(id, &input).await };
        save(answer, outcome, editing, on_saved, |saved| {
            format!("已保存驾驶员 {}", saved.name)
        });
    };
    view! {
        <RegisterForm editing=editing noun="驾驶员" outcome=outcome on_submit=submit>
            <TextField id="driver-name".into() label="姓名" value=name maxlength=30 error=error("name")/>
            <TextField id="driver-phone".into() label="手机号码" kind="tel" value=phone maxlength=11 error=error("phone")/>
            <TextField id="driver-id-number".into() label="身份证号码" value=id_number maxlength=18 error=error("id_number")/>
            <SelectField id="driver-licence-class".into() label="准驾车型" value=licence_class options=classes error=error("licence_class")/>
            <TextField id="driver-qualification-number".into() label="从业资格证号" value=qualification_number maxlength=30 error=error("qualification_number")/>
            <TextField id="driver-qualification-until".into() label="从业资格证有效期至" kind="date" value=qualification_valid_until error=error("qualification_valid_until")/>
        </RegisterForm>
    }
}
