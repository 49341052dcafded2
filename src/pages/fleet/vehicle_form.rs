//! The form that registers a vehicle or edits the one chosen in the list (core checks first).

use charterpass_core::licence::VehicleKind;
use charterpass_core::master_data::vehicle::{VehicleInput, VehicleRecord, GRADES};
use charterpass_core::master_data::FieldError;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::components::field::{error_of, SelectField, TextField};
use crate::components::register_form::{save, Outcome, RegisterForm};

/// 登记车辆 / 修改车辆.
#[component]
pub fn VehicleForm(
    editing: RwSignal<Option<VehicleRecord>>,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let plate = RwSignal::new(String::new());
    let seats = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let grade = RwSignal::new(String::new());
    let permit_number = RwSignal::new(String::new());
    let permit_valid_until = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let outcome: Outcome = RwSignal::new(None);
    Effect::new(move |_| {
        let input = editing.get().map(|v| v.input()).unwrap_or_default();
        plate.set(input.plate);
        seats.set(input.seats);
        kind.set(input.kind);
        grade.set(input.grade);
        permit_number.set(input.permit_number);
        permit_valid_until.set(input.permit_valid_until);
        errors.set(Vec::new());
    });
    let error =
        move |field: &'static str| Signal::derive(move || errors.with(|e| error_of(e, field)));
    let kinds = VehicleKind::ALL
        .iter()
        .map(|k| (k.label().to_owned(), k.label().to_owned()))
        .collect();
    let grades = GRADES
        .iter()
        .map(|g| ((*g).to_owned(), (*g).to_owned()))
        .collect();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = VehicleInput {
            plate: plate.get_untracked(),
            seats: seats.get_untracked(),
            kind: kind.get_untracked(),
            grade: grade.get_untracked(),
            permit_number: permit_number.get_untracked(),
            permit_valid_until: permit_valid_until.get_untracked(),
        };
        if let Err(found) = input.check() {
            errors.set(found);
            outcome.set(None);
            return;
        }
        errors.set(Vec::new());
        let id = editing.get_untracked().map(|v| v.id);
        let answer = async move { crate::api::master_data::save_vehicle(id, &input).await };
        save(answer, outcome, editing, on_saved, |saved| {
            format!("已保存车辆 {}", saved.plate)
        });
    };
    view! {
        <RegisterForm editing=editing noun="车辆" outcome=outcome on_submit=submit>
            <TextField id="vehicle-plate".into() label="车牌号码" value=plate maxlength=10 error=error("plate")/>
            <TextField id="vehicle-seats".into() label="核定座位数" kind="number" value=seats maxlength=3 error=error("seats")/>
            <SelectField id="vehicle-kind".into() label="车辆类型" value=kind options=kinds error=error("kind")/>
            <SelectField id="vehicle-grade".into() label="车辆类型等级" value=grade options=grades error=error("grade")/>
            <TextField id="vehicle-permit-number".into() label="道路运输证号" value=permit_number maxlength=30 error=error("permit_number")/>
            <TextField id="vehicle-permit-until".into() label="道路运输证有效期至" kind="date" value=permit_valid_until error=error("permit_valid_until")/>
        </RegisterForm>
    }
}
