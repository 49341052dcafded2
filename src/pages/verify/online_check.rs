//! After the offline verdict: the online status, the record of the verification, and an appeal.

use charterpass_core::certificate::Verdict;
use charterpass_core::role::Role;
use charterpass_core::verification::{
    is_certificate_number, NewAppeal, NewVerification, OnlineStatus, Outcome, MAX_APPEAL_TEXT,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::session::Session;

/// Where the online status stands.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Checking,
    Got(OnlineStatus, Option<String>),
    Offline,
    Failed(String),
}

/// Where the record of the verification stands.
#[derive(Debug, Clone, PartialEq)]
enum Record {
    Pending,
    Saved(i64),
    NotInspector,
    Offline,
    Failed(String),
}

/// The certificate number of a genuine certificate, when it is a plausible one.
fn number_of(verdict: &Verdict) -> Option<String> {
    let number = &verdict.certificate()?.charter.certificate_number;
    is_certificate_number(number).then(|| number.clone())
}

/// The verification as the API records it.
fn record_of(verdict: &Verdict, online: Option<OnlineStatus>) -> NewVerification {
    let rejection = verdict.rejection();
    NewVerification {
        certificate_number: number_of(verdict),
        issuer_province: verdict.certificate().map(|c| c.issuer.clone()),
        outcome: if rejection.is_some() {
            Outcome::Invalid
        } else {
            Outcome::Valid
        },
        step: rejection.map(|r| r.step.code().to_owned()),
        online_status: online,
        prefecture_code: None,
    }
}

/// Checks the status online (genuine certificates only), tells `online`, and records the
/// verification.
#[component]
pub fn OnlineCheck(verdict: Verdict, online: RwSignal<Option<OnlineStatus>>) -> impl IntoView {
    let session = Session::get();
    let number = number_of(&verdict);
    let status = RwSignal::new(Status::Checking);
    let record = RwSignal::new(Record::Pending);

    let verdict_for_task = verdict.clone();
    spawn_local(async move {
        if let Some(number) = &number {
            match crate::api::verification::status(number).await {
                Ok(answer) => {
                    online.set(Some(answer.status));
                    status.set(Status::Got(answer.status, answer.revoked_reason));
                }
                Err(ApiError::Network) => {
                    status.set(Status::Offline);
                    record.set(Record::Offline);
                    return;
                }
                Err(err) => status.set(Status::Failed(err.message())),
            }
        }
        let is_inspector = session
            .current()
            .is_some_and(|me| me.role == Role::Inspector);
        if !is_inspector {
            record.set(Record::NotInspector);
            return;
        }
        let record_online = online.get_untracked();
        match crate::api::verification::record(&record_of(&verdict_for_task, record_online)).await {
            Ok(saved) => record.set(Record::Saved(saved.id)),
            Err(ApiError::Network) => record.set(Record::Offline),
            Err(err) => record.set(Record::Failed(err.message())),
        }
    });

    let has_number = number_of(&verdict).is_some();
    let status_line = move || match status.get() {
        Status::Checking => ("online", "正在核验在线状态…".to_owned()),
        Status::Got(OnlineStatus::Valid, _) => {
            ("online ok", OnlineStatus::Valid.label().to_owned())
        }
        Status::Got(s @ OnlineStatus::Revoked, Some(reason)) => {
            ("online bad", format!("{}（{reason}）", s.label()))
        }
        Status::Got(s, _) => ("online bad", s.label().to_owned()),
        Status::Offline => ("online offline", OnlineStatus::Offline.label().to_owned()),
        Status::Failed(message) => ("online offline", format!("状态未核验：{message}")),
    };
    let record_line = move || match record.get() {
        Record::Pending => String::new(),
        Record::Saved(id) => format!("核验记录已上传（编号 {id}）"),
        Record::NotInspector => "登录执法账号后，核验记录将自动上传".to_owned(),
        Record::Offline => "未联网，核验记录未上传".to_owned(),
        Record::Failed(message) => format!("核验记录未上传：{message}"),
    };

    view! {
        <section class="card">
            {has_number
                .then(|| {
                    view! {
                        <p class=move || status_line().0 role="status" aria-label="在线状态">
                            {move || status_line().1}
                        </p>
                    }
                })}
            <p class="muted">{record_line}</p>
            {move || match record.get() {
                Record::Saved(id) => Some(view! { <AppealForm verification_id=id/> }),
                _ => None,
            }}
        </section>
    }
}

/// Lets the inspector appeal against the verification just recorded (申诉).
#[component]
fn AppealForm(verification_id: i64) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let answer = RwSignal::new(None::<Result<i64, String>>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let appeal = NewAppeal {
            verification_id,
            reason: reason.get_untracked(),
        };
        if appeal.reason.trim().is_empty() {
            answer.set(Some(Err("请填写申诉理由".to_owned())));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = crate::api::verification::lodge(&appeal).await;
            answer.set(Some(result.map(|a| a.id).map_err(|e| e.message())));
            busy.set(false);
        });
    };
    view! {
        <details class="appeal">
            <summary>"对本次核验结果提出申诉"</summary>
            <form on:submit=submit>
                <label for="appeal-reason">"申诉理由"</label>
                <textarea
                    id="appeal-reason"
                    rows="3"
                    maxlength=MAX_APPEAL_TEXT.to_string()
                    prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))
                ></textarea>
                {move || {
                    answer.get().map(|answer| {
                        let (class, role, text) = match answer {
                            Ok(id) => (
                                "ok-text",
                                "status",
                                format!("申诉已提交（编号 {id}），等待省交通运输厅处理"),
                            ),
                            Err(message) => ("error", "alert", message),
                        };
                        view! { <p class=class role=role>{text}</p> }
                    })
                }}
                <button type="submit" disabled=move || busy.get()>"提交申诉"</button>
            </form>
        </details>
    }
}
