//! `/fleet/vehicles`: an enterprise operator registers, edits, retires and imports its own
//! vehicles (another enterprise's are 404; every other role is 403).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use charterpass_core::filing_api::Paged;
use charterpass_core::master_data::import::{self, ImportKind, ImportReport};
use charterpass_core::master_data::vehicle::{VehicleInput, VehicleRecord};

use crate::api::import::{body_limit, file_error, CsvUpload, ImportQuery};
use crate::api::json::JsonBody;
use crate::api::master_data::{checked, operator_enterprise, SearchQuery};
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::vehicles;

/// The vehicle routes (enterprise operators only).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/fleet/vehicles", get(list).post(create))
        .route("/fleet/vehicles/{id}", put(update))
        .route("/fleet/vehicles/{id}/retire", post(retire))
        .route("/fleet/vehicles/{id}/reinstate", post(reinstate))
        .route("/fleet/vehicles/template", get(template))
        .route(
            "/fleet/vehicles/import",
            post(import_file).layer(body_limit()),
        )
}

async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Paged<VehicleRecord>>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let (search, page) = query.checked()?;
    let paged = state
        .db
        .call(move |conn| {
            Ok(vehicles::page(
                conn,
                enterprise_id,
                search.as_deref(),
                page,
            )?)
        })
        .await?;
    Ok(Json(paged))
}

async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(input): JsonBody<VehicleInput>,
) -> Result<(StatusCode, Json<VehicleRecord>), ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let fields = checked(input.check())?;
    let record = state
        .db
        .call(move |conn| vehicles::create(conn, user.id, enterprise_id, &fields))
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(input): JsonBody<VehicleInput>,
) -> Result<Json<VehicleRecord>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let fields = checked(input.check())?;
    let record = state
        .db
        .call(move |conn| vehicles::update(conn, user.id, enterprise_id, id, &fields))
        .await?;
    Ok(Json(record))
}

async fn retire(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
) -> Result<Json<VehicleRecord>, ApiError> {
    set_retired(state, user, id, true).await
}

async fn reinstate(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
) -> Result<Json<VehicleRecord>, ApiError> {
    set_retired(state, user, id, false).await
}

async fn set_retired(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    retired: bool,
) -> Result<Json<VehicleRecord>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let record = state
        .db
        .call(move |conn| vehicles::set_retired(conn, user.id, enterprise_id, id, retired))
        .await?;
    Ok(Json(record))
}

async fn template(user: CurrentUser) -> Result<Response, ApiError> {
    operator_enterprise(&user)?;
    Ok(crate::api::import::template(ImportKind::Vehicles))
}

/// Checks the whole file, then stores it in one transaction (or reports why not).
async fn import_file(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<ImportQuery>,
    CsvUpload(bytes): CsvUpload,
) -> Result<Json<ImportReport>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let only_good = query.only_good();
    let report = state
        .db
        .call(move |conn| {
            let checked = import::vehicles(&bytes).map_err(file_error)?;
            vehicles::import(conn, user.id, enterprise_id, checked, only_good)
        })
        .await?;
    Ok(Json(report))
}
