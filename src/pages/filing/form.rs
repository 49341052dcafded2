//! The filing form (省际包车备案) with instant feedback from `core`: field errors, the review
//! path and the certificate scope, before anything is sent.

use charterpass_core::distance::{self, Plausibility};
use charterpass_core::filing::{self, CharterKind, Context, FieldError, Fleet};
use charterpass_core::filing_api::FilingView;
use charterpass_core::review::{self, ReviewFacts, ReviewPath};
use charterpass_core::scope::{self, GoLive};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::state::FormState;
use crate::components::division_picker::DivisionPicker;
use crate::session::Session;

/// The error of `field` to show next to it, if any.
fn error_of(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .filter(|e| e.field == field)
        .map(|e| e.message.clone())
        .reduce(|a, b| format!("{a}；{b}"))
}

/// One field's error line, shown when the field was touched or a save was tried.
#[component]
fn FieldMessage(
    form: FormState,
    errors: Memo<Vec<FieldError>>,
    field: &'static str,
) -> impl IntoView {
    let message = move || {
        if !form.shows(field) {
            return None;
        }
        errors.with(|e| error_of(e, field))
    };
    view! {
        <Show when=move || message().is_some()>
            <p class="field-error" id=format!("{field}-error") role="alert">{message}</p>
        </Show>
    }
}

/// The filing form; `on_filed` runs after a save or submission succeeded.
#[component]
pub fn FilingForm(
    form: FormState,
    on_filed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let fleet = RwSignal::new(None::<Fleet>);
    let auto_review = RwSignal::new(None::<bool>);
    let home_prefecture = RwSignal::new(None::<String>);
    let enterprise_disabled = RwSignal::new(false);
    let load_error = RwSignal::new(None::<String>);
    let enterprise_id = Session::get().current().and_then(|me| me.enterprise_id);
    spawn_local(async move {
        let vehicles = crate::api::filings::vehicles().await;
        let drivers = crate::api::filings::drivers().await;
        match (vehicles, drivers) {
            (Ok(vehicles), Ok(drivers)) => fleet.set(Some(Fleet { vehicles, drivers })),
            (Err(err), _) | (_, Err(err)) => load_error.set(Some(err.message())),
        }
        if let Some(id) = enterprise_id {
            if let Ok(enterprise) = crate::api::filings::own_enterprise(id).await {
                auto_review.set(Some(enterprise.auto_review));
                home_prefecture.set(Some(enterprise.prefecture_code));
                enterprise_disabled.set(enterprise.disabled);
            }
        }
    });

    let input = Memo::new(move |_| form.input());
    let errors = Memo::new(move |_| {
        let fleet = fleet.get().unwrap_or_default();
        let home = home_prefecture.get();
        let context = Context {
            fleet: &fleet,
            home_prefecture: home.as_deref(),
            // The browser's clock, for feedback only: the server checks again with its own.
            now: (js_sys::Date::now() / 1000.0) as i64,
            enterprise_disabled: enterprise_disabled.get(),
        };
        filing::validate(&input.get(), &context)
            .err()
            .unwrap_or_default()
    });
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<String, String>>);

    let review_preview = move || {
        let input = input.get();
        let facts = auto_review
            .get()
            .and_then(|auto| ReviewFacts::of(&input, auto));
        let Some(facts) = facts else {
            return (
                "muted",
                "填写包车类型和单边行程后，这里显示审核方式".to_owned(),
            );
        };
        match review::review_path(&facts) {
            ReviewPath::AutoApproved => ("ok-text", "预计自动审核通过".to_owned()),
            ReviewPath::PendingReview => {
                let reasons: Vec<String> = review::manual_reasons(&facts)
                    .iter()
                    .map(|r| r.to_string())
                    .collect();
                ("warn-text", format!("需人工审核：{}", reasons.join("；")))
            }
        }
    };
    let distance_preview = move || {
        let input = input.get();
        let Some(estimate) = distance::estimate(input.places()) else {
            return (
                "muted",
                "选择起点、讫点（及途经地）后，这里显示里程估算".to_owned(),
            );
        };
        let basis = format!(
            "直线距离约 {} 公里，估算道路里程不少于 {} 公里",
            estimate.straight_km, estimate.road_km
        );
        match input.one_way_km.map(|km| distance::check(km, estimate)) {
            None => ("muted", basis),
            Some(Ok(Plausibility::Plausible)) => ("ok-text", basis),
            Some(Ok(Plausibility::Doubtful)) => (
                "warn-text",
                format!("{basis}；申报里程低于估算，里程存疑，须人工审核"),
            ),
            Some(Err(_)) => (
                "warn-text",
                format!("{basis}；申报里程短于直线距离，不能提交"),
            ),
        }
    };
    let scope_preview = move || {
        let input = input.get();
        if input.origin.is_empty() || input.destination.is_empty() {
            return (
                "muted",
                "选择起点和讫点后，这里显示能否下发电子凭证".to_owned(),
            );
        }
        let when = input.departure_at.unwrap_or_else(|| GoLive::default().at());
        match scope::e_certificate_available(input.places(), &when, GoLive::default()) {
            Ok(()) => ("ok-text", "可下发电子凭证".to_owned()),
            Err(reason) => ("warn-text", format!("仅可使用纸质标志牌：{reason}")),
        }
    };

    let save = move |submit: bool| {
        form.attempted.set(true);
        outcome.set(None);
        if submit && !errors.get_untracked().is_empty() {
            outcome.set(Some(Err("请先改正标出的问题，再提交备案".into())));
            return;
        }
        let body = input.get_untracked();
        let draft_id = form.draft_id.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let saved = match draft_id {
                Some(id) => crate::api::filings::update(id, &body).await,
                None => crate::api::filings::create(&body).await,
            };
            let result: Result<FilingView, _> = match saved {
                Ok(draft) if submit => crate::api::filings::submit(draft.id).await,
                other => other,
            };
            match result {
                Ok(filing) => {
                    let message = if submit {
                        format!("备案 {} 已提交：{}", filing.number, filing.status.label())
                    } else {
                        format!("草稿 {} 已保存", filing.number)
                    };
                    if submit {
                        form.reset();
                    } else {
                        form.draft_id.set(Some(filing.id));
                    }
                    outcome.set(Some(Ok(message)));
                    on_filed();
                }
                Err(err) => {
                    let message = match err.field().and_then(filing::field_label) {
                        Some(label) => format!("{label}：{}", err.message()),
                        None => err.message(),
                    };
                    outcome.set(Some(Err(message)));
                }
            }
            busy.set(false);
        });
    };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        save(true);
    };

    let text_input = move |field: &'static str, signal: RwSignal<String>, kind: &'static str| {
        view! {
            <input
                id=field
                type=kind
                aria-describedby=format!("{field}-error")
                prop:value=move || signal.get()
                on:input=move |ev| {
                    signal.set(event_target_value(&ev));
                    form.touch(field);
                }
            />
            <FieldMessage form=form errors=errors field=field/>
        }
    };

    view! {
        <section class="card">
            <h2>{move || match form.draft_id.get() {
                Some(_) => "继续编辑草稿",
                None => "新建省际包车备案",
            }}</h2>
            <Show when=move || load_error.get().is_some()>
                <p class="error" role="alert">{move || load_error.get()}</p>
            </Show>
            <Show when=move || enterprise_disabled.get()>
                <p class="error" role="alert">{charterpass_core::documents::DocumentError::EnterpriseDisabled.to_string()}</p>
            </Show>
            <form class="filing-form" on:submit=on_submit novalidate=true>
                <div class="grid">
                    <div>
                        <label for="vehicle_id">"车辆"</label>
                        <select
                            id="vehicle_id"
                            prop:value=move || form.vehicle_id.get()
                            on:change=move |ev| {
                                form.vehicle_id.set(event_target_value(&ev));
                                form.touch("vehicle_id");
                            }
                        >
                            <option value="">"请选择车辆"</option>
                            {move || fleet.get().map(|f| f.vehicles.into_iter().map(|v| {
                                let id = v.id.to_string();
                                let selected = form.vehicle_id.get_untracked() == id;
                                view! { <option value=id selected=selected>{format!("{}（{} 座）", v.plate, v.seats)}</option> }
                            }).collect_view())}
                        </select>
                        <FieldMessage form=form errors=errors field="vehicle_id"/>
                    </div>
                    <div>
                        <label for="charter_kind">"包车类型"</label>
                        <select
                            id="charter_kind"
                            prop:value=move || form.charter_kind.get()
                            on:change=move |ev| {
                                form.charter_kind.set(event_target_value(&ev));
                                form.touch("charter_kind");
                            }
                        >
                            <option value="">"请选择包车类型"</option>
                            {CharterKind::ALL.into_iter().map(|k| view! {
                                <option value=k.as_str()>{k.label()}</option>
                            }).collect_view()}
                        </select>
                        <FieldMessage form=form errors=errors field="charter_kind"/>
                    </div>
                </div>
                <fieldset>
                    <legend>"驾驶员（本企业登记的驾驶员，最多 4 名）"</legend>
                    {move || fleet.get().map(|f| f.drivers.into_iter().map(|d| {
                        let id = d.id;
                        let box_id = format!("driver-{id}");
                        view! {
                            <label class="check" for=box_id.clone()>
                                <input
                                    id=box_id.clone()
                                    type="checkbox"
                                    prop:checked=move || form.driver_ids.with(|ids| ids.contains(&id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.driver_ids.update(|ids| {
                                            ids.retain(|x| *x != id);
                                            if on { ids.push(id); }
                                        });
                                        form.touch("driver_ids");
                                    }
                                />
                                {format!("{}（{}）", d.name, d.id_number_masked)}
                            </label>
                        }
                    }).collect_view())}
                    <FieldMessage form=form errors=errors field="driver_ids"/>
                </fieldset>
                {move || {
                    form.generation.get();
                    view! {
                        <DivisionPicker id="origin".to_owned() label="起点".to_owned() value=form.origin/>
                        <FieldMessage form=form errors=errors field="origin"/>
                        <DivisionPicker id="destination".to_owned() label="讫点".to_owned() value=form.destination/>
                        <FieldMessage form=form errors=errors field="destination"/>
                    }
                }}
                <fieldset>
                    <legend>"途经地（可选，按行经顺序）"</legend>
                    <For
                        each=move || form.waypoints.get()
                        key=|(key, _)| *key
                        children=move |(key, code)| {
                            let label = move || {
                                let n = form.waypoints.with(|w| w.iter().position(|(k, _)| *k == key).unwrap_or(0) + 1);
                                format!("第 {n} 个途经地")
                            };
                            view! {
                                <div class="waypoint">
                                    <DivisionPicker id=format!("waypoint-{key}") label=label() value=code/>
                                    <button type="button" class="secondary small" on:click=move |_| {
                                        form.waypoints.update(|w| w.retain(|(k, _)| *k != key));
                                    }>"删除此途经地"</button>
                                </div>
                            }
                        }
                    />
                    <button type="button" class="secondary small" on:click=move |_| form.add_waypoint(String::new())>
                        "添加途经地"
                    </button>
                    <FieldMessage form=form errors=errors field="waypoints"/>
                </fieldset>
                <div class="grid">
                    <div>
                        <label for="departure_at">"出发时间（北京时间）"</label>
                        {text_input("departure_at", form.departure_at, "datetime-local")}
                    </div>
                    <div>
                        <label for="return_at">"返程时间（北京时间）"</label>
                        {text_input("return_at", form.return_at, "datetime-local")}
                    </div>
                    <div>
                        <label for="one_way_km">"单边行程（公里）"</label>
                        {text_input("one_way_km", form.one_way_km, "number")}
                    </div>
                    <div>
                        <label for="passengers">"乘客人数"</label>
                        {text_input("passengers", form.passengers, "number")}
                    </div>
                    <div>
                        <label for="contract_number">"包车合同编号"</label>
                        {text_input("contract_number", form.contract_number, "text")}
                    </div>
                    <div>
                        <label for="charterer">"包车方"</label>
                        {text_input("charterer", form.charterer, "text")}
                    </div>
                </div>
                <div>
                    <label class="check" for="emergency">
                        <input
                            id="emergency"
                            type="checkbox"
                            prop:checked=move || form.emergency.get()
                            on:change=move |ev| {
                                form.emergency.set(event_target_checked(&ev));
                                form.touch("emergency");
                            }
                        />
                        "应急包车任务（主管部门指令，可不以车籍所在地为起讫点，须人工审核）"
                    </label>
                </div>
                <div class="preview" aria-live="polite">
                    <p>
                        <strong>"里程估算："</strong>
                        <span class=move || distance_preview().0 data-testid="distance-preview">{move || distance_preview().1}</span>
                    </p>
                    <p>
                        <strong>"审核方式："</strong>
                        <span class=move || review_preview().0 data-testid="review-preview">{move || review_preview().1}</span>
                    </p>
                    <p>
                        <strong>"凭证范围："</strong>
                        <span class=move || scope_preview().0 data-testid="scope-preview">{move || scope_preview().1}</span>
                    </p>
                </div>
                {move || outcome.get().map(|result| match result {
                    Ok(message) => view! { <p class="success" role="status">{message}</p> }.into_any(),
                    Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                })}
                <div class="actions">
                    <button type="button" class="secondary" disabled=move || busy.get() on:click=move |_| save(false)>
                        "保存草稿"
                    </button>
                    <button type="submit" disabled=move || busy.get()>"提交备案"</button>
                    <button type="button" class="secondary" on:click=move |_| { form.reset(); outcome.set(None); }>
                        "清空表单"
                    </button>
                </div>
            </form>
        </section>
    }
}
