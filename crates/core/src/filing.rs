//! The filed inter-provincial charter trip (省际包车备案) and its validation.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::licence::LicenceClass;
use crate::review::ReviewPath;
use crate::{booking, distance, division, documents, home_end, timing};

/// The most waypoints a filing may list.
pub const MAX_WAYPOINTS: usize = 10;
/// The most drivers a filing may list.
pub const MAX_DRIVERS: usize = 4;
/// The plausible range of a one-way distance, in kilometres.
pub const ONE_WAY_KM_RANGE: std::ops::RangeInclusive<u32> = 1..=5000;
/// The longest contract number, in characters.
pub const MAX_CONTRACT_NUMBER_CHARS: usize = 50;
/// The longest charterer name, in characters.
pub const MAX_CHARTERER_CHARS: usize = 100;

/// The two kinds of charter trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CharterKind {
    /// 专项省际包车: a bus licensed for charter work.
    Dedicated,
    /// 班线客车临时省际包车: a scheduled-line bus used for a temporary charter.
    ScheduledLineTemporary,
}

impl CharterKind {
    /// Both kinds, in form order.
    pub const ALL: [CharterKind; 2] = [CharterKind::Dedicated, CharterKind::ScheduledLineTemporary];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            CharterKind::Dedicated => "专项省际包车",
            CharterKind::ScheduledLineTemporary => "班线客车临时省际包车",
        }
    }

    /// The name stored in the database and sent over the API, e.g. `dedicated`.
    pub fn as_str(self) -> &'static str {
        match self {
            CharterKind::Dedicated => "dedicated",
            CharterKind::ScheduledLineTemporary => "scheduled_line_temporary",
        }
    }

    /// Parses the stored name back.
    pub fn parse(s: &str) -> Option<CharterKind> {
        CharterKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for CharterKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A vehicle registered to the enterprise, as the filing form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vehicle {
    /// The vehicle's row id.
    pub id: i64,
    /// 车牌号码, e.g. `云A12345`.
    pub plate: String,
    /// 核定座位数.
    pub seats: u32,
    /// 车辆类型, e.g. `大型客车` ([`crate::licence::VehicleKind`]'s names).
    pub kind: String,
    /// The last day its 道路运输证 is valid, when on record.
    #[serde(default)]
    pub permit_valid_until: Option<NaiveDate>,
}

/// A driver registered to the enterprise; personal numbers only masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Driver {
    /// The driver's row id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Mobile number, masked, e.g. `138****0001`.
    pub phone_masked: String,
    /// Identity number, masked, e.g. `5301**********1234`.
    pub id_number_masked: String,
    /// The class of the driver's 机动车驾驶证, when on record.
    #[serde(default)]
    pub licence_class: Option<LicenceClass>,
    /// The last day the driver's 从业资格证 is valid, when on record.
    #[serde(default)]
    pub qualification_valid_until: Option<NaiveDate>,
}

/// What a filing may choose from: the enterprise's registered vehicles and drivers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fleet {
    /// Registered vehicles.
    pub vehicles: Vec<Vehicle>,
    /// Registered drivers.
    pub drivers: Vec<Driver>,
}

impl Fleet {
    /// The registered vehicle with this id.
    pub fn vehicle(&self, id: i64) -> Option<&Vehicle> {
        self.vehicles.iter().find(|v| v.id == id)
    }

    /// Whether a driver with this id is registered.
    pub fn has_driver(&self, id: i64) -> bool {
        self.drivers.iter().any(|d| d.id == id)
    }
}

/// The filing form as entered; every field may be missing until [`validate`] passes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FilingInput {
    /// 车辆: the id of one of the enterprise's registered vehicles.
    pub vehicle_id: Option<i64>,
    /// 驾驶员: ids of the enterprise's registered drivers, who later receive the certificate.
    pub driver_ids: Vec<i64>,
    /// 包车类型.
    pub charter_kind: Option<CharterKind>,
    /// 起点, a prefecture-level division code.
    pub origin: String,
    /// 讫点, a prefecture-level division code.
    pub destination: String,
    /// 途经地, prefecture-level division codes in travel order.
    pub waypoints: Vec<String>,
    /// 出发时间 (China Standard Time).
    pub departure_at: Option<DateTime<FixedOffset>>,
    /// 返程时间 (China Standard Time).
    pub return_at: Option<DateTime<FixedOffset>>,
    /// 单边行程, kilometres.
    pub one_way_km: Option<u32>,
    /// 乘客人数.
    pub passengers: Option<u32>,
    /// 包车合同编号.
    pub contract_number: String,
    /// 包车方: the person or organisation hiring the bus.
    pub charterer: String,
    /// 应急包车任务: ordered by the authority; exempt from the home-end rule, always reviewed by hand.
    pub emergency: bool,
}

impl FilingInput {
    /// The trip's places in travel order: origin, waypoints, destination.
    pub fn places(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.origin.as_str())
            .chain(self.waypoints.iter().map(String::as_str))
            .chain(std::iter::once(self.destination.as_str()))
    }
}

/// Reads a `datetime-local` value such as `2025-06-01T08:00` as China Standard Time.
pub fn cst_from_local_input(value: &str) -> Option<DateTime<FixedOffset>> {
    let value = value.trim();
    let with_seconds = match value.len() {
        16 => format!("{value}:00+08:00"),
        19 => format!("{value}+08:00"),
        _ => return None,
    };
    DateTime::parse_from_rfc3339(&with_seconds).ok()
}

/// The `datetime-local` value of a moment, in China Standard Time, e.g. `2025-06-01T08:00`.
pub fn local_input_of(at: &DateTime<FixedOffset>) -> String {
    crate::cst::local_input(at.timestamp())
}

/// The Chinese label of a form field named by its JSON key, e.g. `return_at` → `返程时间`.
pub fn field_label(field: &str) -> Option<&'static str> {
    Some(match field {
        "vehicle_id" => "车辆",
        "driver_ids" => "驾驶员",
        "charter_kind" => "包车类型",
        "origin" => "起点",
        "destination" => "讫点",
        "waypoints" => "途经地",
        "departure_at" => "出发时间",
        "return_at" => "返程时间",
        "one_way_km" => "单边行程",
        "passengers" => "乘客人数",
        "contract_number" => "包车合同编号",
        "charterer" => "包车方",
        "emergency" => "应急包车任务",
        _ => return None,
    })
}

/// One problem with one field of the form, to show next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's JSON key, e.g. `return_at`.
    pub field: &'static str,
    /// What is wrong, in Chinese, naming the field, e.g. `返程时间必须晚于出发时间`.
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// How bad a problem is: a draft may be saved with missing or inconsistent fields, never with
/// malformed ones (someone else's vehicle, over-long text, unknown codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Severity {
    /// Not filled in yet.
    Missing,
    /// Filled in, but against a rule of the form.
    Rule,
    /// Not something the form could ever hold.
    Malformed,
}

/// Collects field errors in form order.
struct Errors(Vec<(FieldError, Severity)>);

impl Errors {
    fn add(&mut self, severity: Severity, field: &'static str, message: impl Into<String>) {
        let error = FieldError {
            field,
            message: message.into(),
        };
        self.0.push((error, severity));
    }

    fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.add(Severity::Rule, field, message);
    }

    fn malformed(&mut self, field: &'static str, message: impl Into<String>) {
        self.add(Severity::Malformed, field, message);
    }

    fn missing(&mut self, field: &'static str) {
        let label = field_label(field).unwrap_or(field);
        self.add(Severity::Missing, field, format!("请填写{label}"));
    }

    fn missing_choice(&mut self, field: &'static str) {
        let label = field_label(field).unwrap_or(field);
        self.add(Severity::Missing, field, format!("请选择{label}"));
    }

    fn at_least(self, severity: Severity) -> Result<(), Vec<FieldError>> {
        let errors: Vec<FieldError> = self
            .0
            .into_iter()
            .filter(|(_, s)| *s as u8 >= severity as u8)
            .map(|(e, _)| e)
            .collect();
        if errors.is_empty() {
            return Ok(());
        }
        Err(errors)
    }
}

/// What submission checks besides the form: the enterprise's fleet and prefecture, and the clock.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The enterprise's registered vehicles and drivers.
    pub fleet: &'a Fleet,
    /// The enterprise's prefecture (车籍所在地); the home-end rule waits until it is known.
    pub home_prefecture: Option<&'a str>,
    /// The clock, seconds since the Unix epoch: the server's at submission, the browser's in the form.
    pub now: i64,
    /// Whether the authority disabled the enterprise: it files nothing ([`documents`]).
    pub enterprise_disabled: bool,
}

/// Checks the whole form in `context` and reports every problem, in form order.
///
/// Rules: all fields required except waypoints; a registered vehicle; 1..=4 distinct registered
/// drivers; passengers between 1 and the vehicle's seats; one_way_km within 1..=5000; at most
/// 10 waypoints; every place a known prefecture-level code; the places not all in one province
/// (an inter-provincial trip); the origin or the destination at home unless an emergency task
/// ([`home_end`]); the departure ahead of the clock ([`timing`]); the return after the departure;
/// the distance not below the route's straight line ([`distance`]); the vehicle's and drivers'
/// documents valid through the return and the licence classes fitting the vehicle, and the
/// enterprise not disabled ([`documents`]). Double booking needs the
/// other filings and is checked with [`booking`] by the server.
pub fn validate(input: &FilingInput, context: &Context<'_>) -> Result<(), Vec<FieldError>> {
    collect(input, context.fleet, Some(context)).at_least(Severity::Missing)
}

/// The checks a draft must pass to be saved: only malformed input is refused; missing fields and
/// broken rules wait for submission, where [`validate`] runs in full.
pub fn validate_draft(input: &FilingInput, fleet: &Fleet) -> Result<(), Vec<FieldError>> {
    collect(input, fleet, None).at_least(Severity::Malformed)
}

fn collect(input: &FilingInput, fleet: &Fleet, context: Option<&Context<'_>>) -> Errors {
    let mut errors = Errors(Vec::new());
    check_vehicle(input, fleet, &mut errors);
    check_drivers(&input.driver_ids, fleet, &mut errors);
    if input.charter_kind.is_none() {
        errors.missing_choice("charter_kind");
    }
    let places_known = check_places(input, &mut errors);
    if let Some(home) = context.and_then(|c| c.home_prefecture) {
        if places_known {
            if let Err(e) =
                home_end::check(&input.origin, &input.destination, home, input.emergency)
            {
                errors.push(e.field(), e.to_string());
            }
        }
    }
    if let (Some(context), Some(departure)) = (context, input.departure_at) {
        if let Err(e) = timing::departure_ahead(&departure, context.now) {
            errors.push(e.field(), e.to_string());
        }
    }
    check_times(input, &mut errors);
    if let Some(context) = context {
        for e in documents::check(input, fleet, context.enterprise_disabled) {
            errors.push(e.field(), e.to_string());
        }
    }
    check_one_way_km(input.one_way_km, &mut errors);
    if let (true, Some(km)) = (context.is_some() && places_known, input.one_way_km) {
        check_distance(input, km, &mut errors);
    }
    check_passengers(input, fleet, &mut errors);
    check_text(
        &input.contract_number,
        "contract_number",
        MAX_CONTRACT_NUMBER_CHARS,
        &mut errors,
    );
    check_text(
        &input.charterer,
        "charterer",
        MAX_CHARTERER_CHARS,
        &mut errors,
    );
    errors
}

/// The distance rule's hard bound: not below the straight line (a doubtful distance only changes
/// the review path, see [`crate::review::ReviewFacts`]).
fn check_distance(input: &FilingInput, km: u32, errors: &mut Errors) {
    if !ONE_WAY_KM_RANGE.contains(&km) {
        return;
    }
    if let Some(estimate) = distance::estimate(input.places()) {
        if let Err(e) = distance::check(km, estimate) {
            errors.push("one_way_km", e.to_string());
        }
    }
}

/// The trip of a filing as the double-booking rule sees it, once vehicle and times are filled in.
pub fn booking_of(
    number: &str,
    input: &FilingInput,
    drivers: &[Driver],
) -> Option<booking::Booking> {
    Some(booking::Booking {
        number: number.to_owned(),
        vehicle_id: input.vehicle_id?,
        drivers: drivers.iter().map(|d| (d.id, d.name.clone())).collect(),
        departure_at: input.departure_at?.timestamp(),
        return_at: input.return_at?.timestamp(),
    })
}

fn check_vehicle(input: &FilingInput, fleet: &Fleet, errors: &mut Errors) {
    match input.vehicle_id {
        None => errors.missing_choice("vehicle_id"),
        Some(id) if fleet.vehicle(id).is_none() => {
            errors.malformed("vehicle_id", "所选车辆不是本企业登记的车辆")
        }
        Some(_) => {}
    }
}

fn check_drivers(driver_ids: &[i64], fleet: &Fleet, errors: &mut Errors) {
    if driver_ids.is_empty() {
        errors.add(Severity::Missing, "driver_ids", "请至少选择一名驾驶员");
        return;
    }
    if driver_ids.len() > MAX_DRIVERS {
        errors.malformed("driver_ids", format!("驾驶员最多选择 {MAX_DRIVERS} 名"));
    }
    for (i, id) in driver_ids.iter().enumerate() {
        if driver_ids[..i].contains(id) {
            errors.malformed("driver_ids", "同一名驾驶员不能重复选择");
        } else if !fleet.has_driver(*id) {
            errors.malformed("driver_ids", "所选驾驶员不是本企业登记的驾驶员");
        }
    }
}

/// A mainland mobile number: 11 digits starting with 13–19.
pub fn is_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

/// Checks the places; whether every one is a known prefecture.
fn check_places(input: &FilingInput, errors: &mut Errors) -> bool {
    let mut all_known = true;
    for (field, code) in [
        ("origin", &input.origin),
        ("destination", &input.destination),
    ] {
        let label = field_label(field).unwrap_or(field);
        if code.trim().is_empty() {
            errors.missing_choice(field);
            all_known = false;
        } else if division::prefecture(code).is_none() {
            let shown: String = code.chars().take(12).collect();
            errors.malformed(
                field,
                format!("{label}“{shown}”不是有效的州/市行政区划代码"),
            );
            all_known = false;
        }
    }
    if input.waypoints.len() > MAX_WAYPOINTS {
        errors.malformed("waypoints", format!("途经地最多填写 {MAX_WAYPOINTS} 个"));
    }
    for (i, code) in input.waypoints.iter().enumerate().take(MAX_WAYPOINTS + 1) {
        if division::prefecture(code).is_none() {
            let n = i + 1;
            let shown: String = code.chars().take(12).collect();
            errors.malformed(
                "waypoints",
                format!("第 {n} 个途经地“{shown}”不是有效的州/市行政区划代码"),
            );
            all_known = false;
        }
    }
    if !all_known {
        return false;
    }
    let origin_province = &input.origin[..2];
    if input.places().all(|code| &code[..2] == origin_province) {
        let province = division::province_of(&input.origin).map_or("同一省份", |p| p.name());
        errors.push(
            "destination",
            format!("省际包车须跨省：起点、讫点和途经地均在{province}内"),
        );
    }
    true
}

fn check_times(input: &FilingInput, errors: &mut Errors) {
    if input.departure_at.is_none() {
        errors.missing("departure_at");
    }
    match (input.departure_at, input.return_at) {
        (_, None) => errors.missing("return_at"),
        (Some(departure), Some(back)) if back <= departure => {
            errors.push("return_at", "返程时间必须晚于出发时间")
        }
        _ => {}
    }
}

fn check_one_way_km(one_way_km: Option<u32>, errors: &mut Errors) {
    match one_way_km {
        None => errors.missing("one_way_km"),
        Some(km) if !ONE_WAY_KM_RANGE.contains(&km) => errors.push(
            "one_way_km",
            format!(
                "单边行程应在 {} 至 {} 公里之间",
                ONE_WAY_KM_RANGE.start(),
                ONE_WAY_KM_RANGE.end()
            ),
        ),
        Some(_) => {}
    }
}

fn check_passengers(input: &FilingInput, fleet: &Fleet, errors: &mut Errors) {
    let seats = input
        .vehicle_id
        .and_then(|id| fleet.vehicle(id))
        .map(|v| v.seats);
    match (input.passengers, seats) {
        (None, _) => errors.missing("passengers"),
        (Some(0), _) => errors.push("passengers", "乘客人数至少为 1 人"),
        (Some(passengers), Some(seats)) if passengers > seats => errors.push(
            "passengers",
            format!("乘客人数（{passengers}）不能超过所选车辆的核定座位数（{seats}）"),
        ),
        _ => {}
    }
}

fn check_text(text: &str, field: &'static str, max_chars: usize, errors: &mut Errors) {
    let label = field_label(field).unwrap_or(field);
    let text = text.trim();
    if text.is_empty() {
        errors.missing(field);
    } else if text.chars().count() > max_chars {
        errors.malformed(field, format!("{label}不能超过 {max_chars} 个字"));
    }
}

/// Where a filing stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FilingStatus {
    /// 草稿: saved, not submitted.
    Draft,
    /// 已提交: submitted, about to take its review path.
    Submitted,
    /// 自动审核通过.
    AutoApproved,
    /// 待人工审核: in the prefecture's review queue.
    PendingReview,
    /// 审核通过 by a reviewer.
    Approved,
    /// 已驳回 by a reviewer, with a reason.
    Rejected,
    /// 已撤销 by the enterprise.
    Cancelled,
}

impl FilingStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [FilingStatus; 7] = [
        FilingStatus::Draft,
        FilingStatus::Submitted,
        FilingStatus::AutoApproved,
        FilingStatus::PendingReview,
        FilingStatus::Approved,
        FilingStatus::Rejected,
        FilingStatus::Cancelled,
    ];

    /// The Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            FilingStatus::Draft => "草稿",
            FilingStatus::Submitted => "已提交",
            FilingStatus::AutoApproved => "自动审核通过",
            FilingStatus::PendingReview => "待人工审核",
            FilingStatus::Approved => "审核通过",
            FilingStatus::Rejected => "已驳回",
            FilingStatus::Cancelled => "已撤销",
        }
    }

    /// The name stored in the database and sent over the API, e.g. `pending_review`.
    pub fn as_str(self) -> &'static str {
        match self {
            FilingStatus::Draft => "draft",
            FilingStatus::Submitted => "submitted",
            FilingStatus::AutoApproved => "auto_approved",
            FilingStatus::PendingReview => "pending_review",
            FilingStatus::Approved => "approved",
            FilingStatus::Rejected => "rejected",
            FilingStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the stored name back.
    pub fn parse(s: &str) -> Option<FilingStatus> {
        FilingStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The statuses this one may move to.
    ///
    /// A draft is submitted or cancelled; a submission takes its review path; a reviewer approves
    /// or rejects; a rejected filing goes back to draft to be corrected; an approved or pending
    /// filing may be cancelled; a cancelled one is final.
    pub fn next(self) -> &'static [FilingStatus] {
        use FilingStatus::*;
        match self {
            Draft => &[Submitted, Cancelled],
            Submitted => &[AutoApproved, PendingReview],
            PendingReview => &[Approved, Rejected, Cancelled],
            AutoApproved | Approved => &[Cancelled],
            Rejected => &[Draft],
            Cancelled => &[],
        }
    }

    /// Whether moving from this status to `next` is allowed.
    pub fn can_become(self, next: FilingStatus) -> bool {
        self.next().contains(&next)
    }

    /// Whether the filing is approved, automatically or by a reviewer, so it may get its plate.
    pub fn is_approved(self) -> bool {
        matches!(self, FilingStatus::AutoApproved | FilingStatus::Approved)
    }
}

impl From<ReviewPath> for FilingStatus {
    fn from(path: ReviewPath) -> Self {
        match path {
            ReviewPath::AutoApproved => FilingStatus::AutoApproved,
            ReviewPath::PendingReview => FilingStatus::PendingReview,
        }
    }
}

impl fmt::Display for FilingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn at(rfc3339: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(rfc3339).unwrap())
    }

    /// The fleet of a Kunming enterprise: one 45-seat bus, two drivers.
    fn fleet() -> Fleet {
        let driver = |id: i64, name: &str| Driver {
            id,
            name: name.into(),
            phone_masked: "138****0001".into(),
            id_number_masked: "5301**********1234".into(),
            licence_class: Some(LicenceClass::A1),
            qualification_valid_until: NaiveDate::from_ymd_opt(2099, 12, 31),
        };
        Fleet {
            vehicles: vec![Vehicle {
                id: 7,
                plate: "云A12345".into(),
                seats: 45,
                kind: "大型客车".into(),
                permit_valid_until: NaiveDate::from_ymd_opt(2099, 12, 31),
            }],
            drivers: vec![driver(11, "张三"), driver(12, "李四")],
        }
    }

    /// Kunming to Chongqing via Guiyang: a valid filing.
    fn kunming_to_chongqing() -> FilingInput {
        FilingInput {
            vehicle_id: Some(7),
            driver_ids: vec![11],
            charter_kind: Some(CharterKind::Dedicated),
            origin: "530100".into(),
            destination: "500100".into(),
            waypoints: vec!["520100".into()],
            departure_at: at("2024-06-01T08:00:00+08:00"),
            return_at: at("2024-06-03T18:00:00+08:00"),
            one_way_km: Some(780),
            passengers: Some(40),
            contract_number: "HT-2024-001".into(),
            charterer: "昆明某旅行社".into(),
            emergency: false,
        }
    }

    /// The clock of the tests: a month before the trip.
    fn now() -> i64 {
        DateTime::parse_from_rfc3339("2024-05-01T08:00:00+08:00")
            .unwrap()
            .timestamp()
    }

    fn check_at(input: &FilingInput, now: i64) -> Result<(), Vec<FieldError>> {
        let fleet = fleet();
        let context = Context {
            fleet: &fleet,
            home_prefecture: Some("530100"),
            now,
            enterprise_disabled: false,
        };
        validate(input, &context)
    }

    fn check(input: &FilingInput) -> Result<(), Vec<FieldError>> {
        check_at(input, now())
    }

    fn errors_of(input: &FilingInput) -> Vec<FieldError> {
        check(input).unwrap_err()
    }

    fn only_error(input: &FilingInput) -> FieldError {
        let errors = errors_of(input);
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn a_complete_filing_is_valid() {
        assert_eq!(check(&kunming_to_chongqing()), Ok(()));
    }

    #[test]
    fn an_empty_form_names_every_required_field() {
        let errors = errors_of(&FilingInput::default());
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        for field in [
            "vehicle_id",
            "driver_ids",
            "charter_kind",
            "origin",
            "destination",
            "departure_at",
            "return_at",
            "one_way_km",
            "passengers",
            "contract_number",
            "charterer",
        ] {
            assert!(fields.contains(&field), "no error for {field}: {errors:?}");
            let label = field_label(field).unwrap();
            let message = &errors.iter().find(|e| e.field == field).unwrap().message;
            assert!(message.contains(label), "{message} does not name {label}");
        }
        assert!(!fields.contains(&"waypoints"), "waypoints are optional");
    }

    #[test]
    fn return_must_follow_departure() {
        let mut input = kunming_to_chongqing();
        input.return_at = input.departure_at;
        let error = only_error(&input);
        assert_eq!(error.field, "return_at");
        assert_eq!(error.message, "返程时间必须晚于出发时间");
    }

    #[test]
    fn return_after_departure_in_another_offset_compares_instants() {
        let mut input = kunming_to_chongqing();
        input.departure_at = at("2024-06-01T08:00:00+08:00");
        input.return_at = at("2024-06-01T00:30:00Z"); // 08:30 CST
        assert_eq!(check(&input), Ok(()));
    }

    #[test]
    fn passengers_may_fill_but_not_exceed_the_seats() {
        let mut input = kunming_to_chongqing();
        input.passengers = Some(45);
        assert_eq!(check(&input), Ok(()));
        input.passengers = Some(46);
        let error = only_error(&input);
        assert_eq!(error.field, "passengers");
        assert!(error.message.contains("乘客人数") && error.message.contains("核定座位数"));
    }

    #[test]
    fn one_way_km_must_be_plausible() {
        let mut input = kunming_to_chongqing();
        input.one_way_km = Some(5000);
        assert_eq!(check(&input), Ok(()));
        for km in [0, 5001] {
            input.one_way_km = Some(km);
            let error = only_error(&input);
            assert_eq!(error.field, "one_way_km", "{km}");
            assert!(error.message.contains("之间"), "{km}: {}", error.message);
        }
    }

    #[test]
    fn departure_one_minute_ago_is_refused_in_one_minute_accepted() {
        let input = kunming_to_chongqing();
        let departure = input.departure_at.unwrap().timestamp();
        assert_eq!(check_at(&input, departure - 60), Ok(()));
        let error = {
            let errors = check_at(&input, departure + 60).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:?}");
            errors.into_iter().next().unwrap()
        };
        assert_eq!(error.field, "departure_at");
        assert!(error.message.starts_with("出发时间"), "{}", error.message);
        assert_eq!(
            validate_draft(&input, &fleet()),
            Ok(()),
            "a draft may keep a past departure"
        );
    }

    #[test]
    fn home_end_at_origin_at_destination_at_neither_and_emergency() {
        let mut input = kunming_to_chongqing(); // 昆明 → 重庆, the enterprise is in 昆明
        assert_eq!(check(&input), Ok(()), "home at the origin");
        input.origin = "500100".into();
        input.destination = "530100".into();
        assert_eq!(check(&input), Ok(()), "home at the destination");
        input.origin = "510100".into(); // 成都 → 重庆 via 贵阳
        input.destination = "500100".into();
        input.one_way_km = Some(1000); // 828 km straight
        let error = only_error(&input);
        assert_eq!(error.field, "origin");
        assert_eq!(
            error.message,
            "起点或讫点须为车籍所在地昆明市（应急包车任务除外）"
        );
        input.emergency = true;
        assert_eq!(check(&input), Ok(()), "an emergency task is exempt");
    }

    #[test]
    fn a_distance_below_the_straight_line_is_refused() {
        let mut input = kunming_to_chongqing();
        input.waypoints.clear(); // 昆明 → 重庆: 637.3 km straight
        input.one_way_km = Some(638);
        assert_eq!(check(&input), Ok(()));
        input.one_way_km = Some(637);
        let error = only_error(&input);
        assert_eq!(error.field, "one_way_km");
        assert!(error.message.contains("直线距离"), "{}", error.message);
        assert_eq!(validate_draft(&input, &fleet()), Ok(()));
    }

    #[test]
    fn at_most_ten_waypoints() {
        let mut input = kunming_to_chongqing();
        input.waypoints = vec!["520100".into(); MAX_WAYPOINTS];
        assert_eq!(check(&input), Ok(()));
        input.waypoints.push("520100".into());
        let error = only_error(&input);
        assert_eq!(error.field, "waypoints");
        assert!(error.message.contains("途经地"));
    }

    #[test]
    fn places_must_be_known_prefectures() {
        let mut input = kunming_to_chongqing();
        input.origin = "530000".into(); // a province, not a prefecture
        input.waypoints = vec!["529900".into()];
        let errors = errors_of(&input);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].field, "origin");
        assert!(errors[0].message.starts_with("起点"));
        assert_eq!(errors[1].field, "waypoints");
        assert!(errors[1].message.contains("第 1 个途经地"));
    }

    #[test]
    fn a_trip_within_one_province_is_not_inter_provincial() {
        let mut input = kunming_to_chongqing();
        input.destination = "532900".into(); // 大理
        input.waypoints = vec!["532300".into()]; // 楚雄
        let error = only_error(&input);
        assert_eq!(error.field, "destination");
        assert!(error.message.contains("云南省"), "{}", error.message);
        // A waypoint in another province makes it inter-provincial again.
        input.waypoints.push("510400".into()); // 攀枝花
        assert_eq!(check(&input), Ok(()));
    }

    #[test]
    fn a_trip_out_of_scope_is_still_a_valid_filing() {
        let mut input = kunming_to_chongqing();
        input.destination = "430100".into(); // 长沙: paper plate only, but may be filed
        input.one_way_km = Some(1500);
        assert_eq!(check(&input), Ok(()));
    }

    #[test]
    fn vehicle_and_drivers_must_be_registered_and_distinct() {
        let mut input = kunming_to_chongqing();
        input.vehicle_id = Some(99);
        input.driver_ids = vec![11, 11, 13];
        let errors = errors_of(&input);
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["vehicle_id", "driver_ids", "driver_ids"],
            "{errors:?}"
        );
        assert!(errors[0].message.contains("车辆"));
        assert!(errors[1].message.contains("重复"));
        assert!(errors[2].message.contains("驾驶员"));
        input.driver_ids = vec![11, 12, 11, 12, 11];
        assert!(errors_of(&input)
            .iter()
            .any(|e| e.message.contains("最多选择 4 名")));
    }

    #[test]
    fn a_draft_may_be_incomplete_but_not_malformed() {
        assert_eq!(validate_draft(&FilingInput::default(), &fleet()), Ok(()));
        let mut input = kunming_to_chongqing();
        input.passengers = Some(46);
        input.return_at = input.departure_at;
        assert_eq!(
            validate_draft(&input, &fleet()),
            Ok(()),
            "rules wait for submission"
        );
        input.vehicle_id = Some(99);
        input.charterer = "长".repeat(MAX_CHARTERER_CHARS + 1);
        let errors = validate_draft(&input, &fleet()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["vehicle_id", "charterer"]);
    }

    #[test]
    fn datetime_local_values_are_china_standard_time() {
        let at = cst_from_local_input("2025-06-01T08:00").unwrap();
        assert_eq!(at.to_rfc3339(), "2025-06-01T08:00:00+08:00");
        assert_eq!(local_input_of(&at), "2025-06-01T08:00");
        let utc = DateTime::parse_from_rfc3339("2025-06-01T00:30:00Z").unwrap();
        assert_eq!(local_input_of(&utc), "2025-06-01T08:30");
        assert_eq!(cst_from_local_input(""), None);
        assert_eq!(cst_from_local_input("2025-13-01T08:00"), None);
    }

    #[test]
    fn form_json_uses_snake_case_keys() {
        let json = serde_json::to_value(kunming_to_chongqing()).unwrap();
        assert_eq!(json["charter_kind"], "dedicated");
        assert_eq!(json["one_way_km"], 780);
        assert_eq!(json["departure_at"], "2024-06-01T08:00:00+08:00");
        let partial: FilingInput =
            serde_json::from_str(r#"{"charter_kind":"scheduled_line_temporary"}"#).unwrap();
        assert_eq!(
            partial.charter_kind,
            Some(CharterKind::ScheduledLineTemporary)
        );
        assert_eq!(
            CharterKind::ScheduledLineTemporary.label(),
            "班线客车临时省际包车"
        );
    }

    #[test]
    fn field_errors_serialize_for_the_api() {
        let error = FieldError {
            field: "return_at",
            message: "返程时间必须晚于出发时间".into(),
        };
        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(
            json,
            r#"{"field":"return_at","message":"返程时间必须晚于出发时间"}"#
        );
    }

    #[test]
    fn status_follows_the_procedure() {
        use FilingStatus::*;
        assert!(Draft.can_become(Submitted));
        assert!(Submitted.can_become(FilingStatus::from(ReviewPath::AutoApproved)));
        assert!(PendingReview.can_become(Approved));
        assert!(PendingReview.can_become(Rejected));
        assert!(Rejected.can_become(Draft));
        assert!(
            !Draft.can_become(Approved),
            "no approval without submission"
        );
        assert!(
            !Submitted.can_become(Approved),
            "a reviewer decides only pending filings"
        );
        assert!(!AutoApproved.can_become(Rejected));
        assert!(!Rejected.can_become(Approved));
        assert!(Cancelled.next().is_empty());
        assert!(FilingStatus::ALL.iter().all(|s| !s.can_become(*s)));
    }

    #[test]
    fn only_approved_filings_count_as_approved() {
        let approved: Vec<FilingStatus> = FilingStatus::ALL
            .into_iter()
            .filter(|s| s.is_approved())
            .collect();
        assert_eq!(
            approved,
            [FilingStatus::AutoApproved, FilingStatus::Approved]
        );
        assert_eq!(
            serde_json::to_string(&FilingStatus::PendingReview).unwrap(),
            "\"pending_review\""
        );
        for status in FilingStatus::ALL {
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(FilingStatus::parse(status.as_str()), Some(status));
        }
    }
}
