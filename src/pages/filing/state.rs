//! The filing form's fields as signals, and the `FilingInput` they make.

use charterpass_core::filing::{cst_from_local_input, local_input_of, CharterKind, FilingInput};
use charterpass_core::filing_api::FilingView;
use leptos::prelude::*;

/// Every field of the form; `Copy`, so closures can share it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The draft being edited, once saved.
    pub draft_id: RwSignal<Option<i64>>,
    pub vehicle_id: RwSignal<String>,
    pub driver_ids: RwSignal<Vec<i64>>,
    pub charter_kind: RwSignal<String>,
    pub origin: RwSignal<String>,
    pub destination: RwSignal<String>,
    /// Waypoints with a stable key each, for adding and removing rows.
    pub waypoints: RwSignal<Vec<(u32, RwSignal<String>)>>,
    pub next_key: RwSignal<u32>,
    pub departure_at: RwSignal<String>,
    pub return_at: RwSignal<String>,
    pub one_way_km: RwSignal<String>,
    pub passengers: RwSignal<String>,
    pub contract_number: RwSignal<String>,
    pub charterer: RwSignal<String>,
    /// 应急包车任务.
    pub emergency: RwSignal<bool>,
    /// Fields the person has changed; their errors show at once, the rest after 提交.
    pub touched: RwSignal<Vec<&'static str>>,
    /// Whether saving or submitting was tried, so every error shows.
    pub attempted: RwSignal<bool>,
    /// Bumped on every reset or load, so the place pickers are rebuilt.
    pub generation: RwSignal<u32>,
}

impl FormState {
    /// An empty form.
    pub fn new() -> FormState {
        FormState {
            draft_id: RwSignal::new(None),
            vehicle_id: RwSignal::new(String::new()),
            driver_ids: RwSignal::new(Vec::new()),
            charter_kind: RwSignal::new(String::new()),
            origin: RwSignal::new(String::new()),
            destination: RwSignal::new(String::new()),
            waypoints: RwSignal::new(Vec::new()),
            next_key: RwSignal::new(0),
            departure_at: RwSignal::new(String::new()),
            return_at: RwSignal::new(String::new()),
            one_way_km: RwSignal::new(String::new()),
            passengers: RwSignal::new(String::new()),
            contract_number: RwSignal::new(String::new()),
            charterer: RwSignal::new(String::new()),
            emergency: RwSignal::new(false),
            touched: RwSignal::new(Vec::new()),
            attempted: RwSignal::new(false),
            generation: RwSignal::new(0),
        }
    }

    /// Marks `field` as changed by the person.
    pub fn touch(self, field: &'static str) {
        if !self.touched.get_untracked().contains(&field) {
            self.touched.update(|t| t.push(field));
        }
    }

    /// Whether errors of `field` should show now.
    pub fn shows(self, field: &'static str) -> bool {
        self.attempted.get() || self.touched.with(|t| t.contains(&field))
    }

    /// Adds an empty waypoint row.
    pub fn add_waypoint(self, code: String) {
        let key = self.next_key.get_untracked();
        self.next_key.set(key + 1);
        self.waypoints
            .update(|w| w.push((key, RwSignal::new(code))));
    }

    /// The form as core reads it (reactive).
    pub fn input(self) -> FilingInput {
        FilingInput {
            vehicle_id: self.vehicle_id.get().parse().ok(),
            driver_ids: self.driver_ids.get(),
            charter_kind: CharterKind::parse(&self.charter_kind.get()),
            origin: self.origin.get(),
            destination: self.destination.get(),
            waypoints: self
                .waypoints
                .get()
                .iter()
                .map(|(_, code)| code.get())
                .collect(),
            departure_at: cst_from_local_input(&self.departure_at.get()),
            return_at: cst_from_local_input(&self.return_at.get()),
            one_way_km: self.one_way_km.get().trim().parse().ok(),
            passengers: self.passengers.get().trim().parse().ok(),
            contract_number: self.contract_number.get(),
            charterer: self.charterer.get(),
            emergency: self.emergency.get(),
        }
    }

    /// Empties the form for the next filing.
    pub fn reset(self) {
        self.fill(None, &FilingInput::default());
    }

    /// Reopens a saved draft.
    pub fn load(self, filing: &FilingView) {
        self.fill(Some(filing.id), &filing.input);
    }

    fn fill(self, draft_id: Option<i64>, input: &FilingInput) {
        self.draft_id.set(draft_id);
        self.vehicle_id
            .set(input.vehicle_id.map(|v| v.to_string()).unwrap_or_default());
        self.driver_ids.set(input.driver_ids.clone());
        self.charter_kind.set(
            input
                .charter_kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
        );
        self.origin.set(input.origin.clone());
        self.destination.set(input.destination.clone());
        self.waypoints.set(Vec::new());
        for code in &input.waypoints {
            self.add_waypoint(code.clone());
        }
        self.departure_at.set(
            input
                .departure_at
                .as_ref()
                .map(local_input_of)
                .unwrap_or_default(),
        );
        self.return_at.set(
            input
                .return_at
                .as_ref()
                .map(local_input_of)
                .unwrap_or_default(),
        );
        self.one_way_km
            .set(input.one_way_km.map(|v| v.to_string()).unwrap_or_default());
        self.passengers
            .set(input.passengers.map(|v| v.to_string()).unwrap_or_default());
        self.contract_number.set(input.contract_number.clone());
        self.charterer.set(input.charterer.clone());
        self.emergency.set(input.emergency);
        self.touched.set(Vec::new());
        self.attempted.set(false);
        self.generation.update(|g| *g += 1);
    }
}
