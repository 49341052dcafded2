//! Master data: the administrator's enterprises, an enterprise's vehicles and drivers, and the
//! CSV imports of each.

use charterpass_core::filing_api::{EnterpriseView, Paged, DEFAULT_PER_PAGE};
use charterpass_core::master_data::driver::{DriverInput, DriverRecord};
use charterpass_core::master_data::enterprise::EnterpriseInput;
use charterpass_core::master_data::import::{ImportKind, ImportReport};
use charterpass_core::master_data::vehicle::{VehicleInput, VehicleRecord};
use gloo_net::http::Request;

use super::ApiError;

/// The API path of a kind's collection, e.g. `/fleet/vehicles`.
pub fn collection(kind: ImportKind) -> &'static str {
    match kind {
        ImportKind::Enterprises => "/enterprises",
        ImportKind::Vehicles => "/fleet/vehicles",
        ImportKind::Drivers => "/fleet/drivers",
    }
}

/// The address of a kind's CSV template, for a download link.
pub fn template_href(kind: ImportKind) -> String {
    format!("{}{}/template", super::BASE, collection(kind))
}

fn list_path(kind: ImportKind, search: &str, page: u32) -> String {
    let search = String::from(js_sys::encode_uri_component(search.trim()));
    format!(
        "{}?q={search}&page={page}&per_page={DEFAULT_PER_PAGE}",
        collection(kind)
    )
}

/// One page of enterprises matching `search` (name or credit code).
pub async fn enterprises(search: &str, page: u32) -> Result<Paged<EnterpriseView>, ApiError> {
    super::get(&list_path(ImportKind::Enterprises, search, page)).await
}

/// Registers an enterprise.
pub async fn create_enterprise(input: &EnterpriseInput) -> Result<EnterpriseView, ApiError> {
    super::send("POST", "/enterprises", input).await
}

/// Edits an enterprise.
pub async fn update_enterprise(
    id: i64,
    input: &EnterpriseInput,
) -> Result<EnterpriseView, ApiError> {
    super::send("PUT", &format!("/enterprises/{id}"), input).await
}

/// Disables (`true`) or re-enables an enterprise, with a reason.
pub async fn set_enterprise_disabled(
    id: i64,
    disabled: bool,
    reason: &str,
) -> Result<EnterpriseView, ApiError> {
    let action = if disabled { "disable" } else { "enable" };
    let body = serde_json::json!({ "reason": reason });
    super::send("POST", &format!("/enterprises/{id}/{action}"), &body).await
}

/// One page of the enterprise's vehicles matching `search` (plate).
pub async fn vehicles(search: &str, page: u32) -> Result<Paged<VehicleRecord>, ApiError> {
    super::get(&list_path(ImportKind::Vehicles, search, page)).await
}

/// Registers (`id` none) or edits a vehicle.
pub async fn save_vehicle(
    id: Option<i64>,
    input: &VehicleInput,
) -> Result<VehicleRecord, ApiError> {
    match id {
        None => super::send("POST", "/fleet/vehicles", input).await,
        Some(id) => super::send("PUT", &format!("/fleet/vehicles/{id}"), input).await,
    }
}

/// One page of the enterprise's drivers matching `search` (name or phone).
pub async fn drivers(search: &str, page: u32) -> Result<Paged<DriverRecord>, ApiError> {
    super::get(&list_path(ImportKind::Drivers, search, page)).await
}

/// Registers (`id` none) or edits a driver.
pub async fn save_driver(id: Option<i64>, input: &DriverInput) -> Result<DriverRecord, ApiError> {
    match id {
        None => super::send("POST", "/fleet/drivers", input).await,
        Some(id) => super::send("PUT", &format!("/fleet/drivers/{id}"), input).await,
    }
}

/// Retires (`true`) or returns to service a vehicle or driver (`kind`'s collection).
pub async fn set_retired<T: serde::de::DeserializeOwned>(
    kind: ImportKind,
    id: i64,
    retired: bool,
) -> Result<T, ApiError> {
    let action = if retired { "retire" } else { "reinstate" };
    let path = format!("{}/{id}/{action}", collection(kind));
    super::send("POST", &path, &super::Empty {}).await
}

/// Uploads a CSV file of `kind`; with `only_good`, the good rows are stored even if others are bad.
pub async fn import(
    kind: ImportKind,
    file: web_sys::File,
    only_good: bool,
) -> Result<ImportReport, ApiError> {
    let url = format!(
        "{}{}/import?only_good={only_good}",
        super::BASE,
        collection(kind)
    );
    let response = Request::post(&url)
        .header("Content-Type", "text/csv")
        .body(file)
        .map_err(|_| ApiError::Unexpected)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    super::read(response).await
}
