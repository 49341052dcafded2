//! `/fleet/vehicles` and `/fleet/drivers`: an enterprise operator registers, edits, retires and
//! imports its own vehicles and drivers (another enterprise's are 404; every other role is
//! 403). Giving a driver an account is the accounts module's.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use charterpass_core::filing_api::Paged;
use charterpass_core::master_data::driver::{DriverFields, DriverInput};
use charterpass_core::master_data::import::{self, Checked, FileError, ImportKind, ImportReport};
use charterpass_core::master_data::vehicle::{VehicleFields, VehicleInput};
use charterpass_core::master_data::FieldError;
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::api::import::{body_limit, file_error, CsvUpload, ImportQuery};
use crate::api::json::JsonBody;
use crate::api::master_data::{checked, operator_enterprise, SearchQuery};
use crate::api::paging::PageRequest;
use crate::api::ApiError;
use crate::auth::CurrentUser;
use crate::state::AppState;
use crate::store::drivers::{self, Drivers};
use crate::store::register::{self, Register};
use crate::store::vehicles::{self, Vehicles};

/// A register of an enterprise's fleet as the API serves it.
pub trait FleetRegister:
    Register<Owner = i64, Fields: Send + 'static, Record: Serialize + Send + 'static> + 'static
{
    /// The form's body.
    type Input: DeserializeOwned + Send + 'static;
    /// Where the routes live.
    const PATH: &'static str;
    /// Which import file this is.
    const IMPORT: ImportKind;
    /// Checks a form.
    fn check(input: &Self::Input) -> Result<Self::Fields, Vec<FieldError>>;
    /// Checks a whole file.
    fn read(bytes: &[u8]) -> Result<Checked<Self::Fields>, FileError>;
    /// A page of `enterprise_id`'s rows, those in service first; `search` narrows them.
    fn page(
        conn: &Connection,
        enterprise_id: i64,
        search: Option<&str>,
        page: PageRequest,
    ) -> rusqlite::Result<Paged<Self::Record>>;
}

impl FleetRegister for Vehicles {
    type Input = VehicleInput;
    const PATH: &'static str = "/fleet/vehicles";
    const IMPORT: ImportKind = ImportKind::Vehicles;

    fn check(input: &VehicleInput) -> Result<VehicleFields, Vec<FieldError>> {
        input.check()
    }

    fn read(bytes: &[u8]) -> Result<Checked<VehicleFields>, FileError> {
        import::vehicles(bytes)
    }

    fn page(
        conn: &Connection,
        enterprise_id: i64,
        search: Option<&str>,
        page: PageRequest,
    ) -> rusqlite::Result<Paged<Self::Record>> {
        vehicles::page(conn, enterprise_id, search, page)
    }
}

impl FleetRegister for Drivers {
    type Input = DriverInput;
    const PATH: &'static str = "/fleet/drivers";
    const IMPORT: ImportKind = ImportKind::Drivers;

    fn check(input: &DriverInput) -> Result<DriverFields, Vec<FieldError>> {
        input.check()
    }

    fn read(bytes: &[u8]) -> Result<Checked<DriverFields>, FileError> {
        import::drivers(bytes)
    }

    fn page(
        conn: &Connection,
        enterprise_id: i64,
        search: Option<&str>,
        page: PageRequest,
    ) -> rusqlite::Result<Paged<Self::Record>> {
        drivers::page(conn, enterprise_id, search, page)
    }
}

/// The vehicle and driver routes (enterprise operators only).
pub fn routes() -> Router<AppState> {
    routes_of::<Vehicles>().merge(routes_of::<Drivers>())
}

fn routes_of<R: FleetRegister>() -> Router<AppState> {
    let path = R::PATH;
    Router::new()
        .route(path, get(list::<R>).post(create::<R>))
        .route(&format!("{path}/{{id}}"), put(update::<R>))
        .route(&format!("{path}/{{id}}/retire"), post(retire::<R>))
        .route(&format!("{path}/{{id}}/reinstate"), post(reinstate::<R>))
        .route(&format!("{path}/template"), get(template::<R>))
        .route(
            &format!("{path}/import"),
            post(import_file::<R>).layer(body_limit()),
        )
}

async fn list<R: FleetRegister>(
    State(state): State<AppState>,
    user: CurrentUser,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Paged<R::Record>>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let (search, page) = query.checked()?;
    let paged = state
        .db
        .call(move |conn| Ok(R::page(conn, enterprise_id, search.as_deref(), page)?))
        .await?;
    Ok(Json(paged))
}

async fn create<R: FleetRegister>(
    State(state): State<AppState>,
    user: CurrentUser,
    JsonBody(input): JsonBody<R::Input>,
) -> Result<(StatusCode, Json<R::Record>), ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let fields = checked(R::check(&input))?;
    let record = state
        .db
        .call(move |conn| register::create::<R>(conn, user.id, enterprise_id, &fields))
        .await?;
    Ok((StatusCode::CREATED, Json(record)))
}

async fn update<R: FleetRegister>(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    JsonBody(input): JsonBody<R::Input>,
) -> Result<Json<R::Record>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let fields = checked(R::check(&input))?;
    let record = state
        .db
        .call(move |conn| register::update::<R>(conn, user.id, enterprise_id, id, &fields))
        .await?;
    Ok(Json(record))
}

async fn retire<R: FleetRegister>(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
) -> Result<Json<R::Record>, ApiError> {
    set_retired::<R>(state, user, id, true).await
}

async fn reinstate<R: FleetRegister>(
    state: State<AppState>,
    user: CurrentUser,
    id: Path<i64>,
) -> Result<Json<R::Record>, ApiError> {
    set_retired::<R>(state, user, id, false).await
}

async fn set_retired<R: FleetRegister>(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i64>,
    retired: bool,
) -> Result<Json<R::Record>, ApiError> {
    let enterprise_id = operator_enterprise(&user)?;
    let record = state
        .db
        .call(move |conn| {
            register::set_out_of_service::<R>(conn, user.id, enterprise_id, id, retired, None)
        })
        .await?;
    Ok(Json(record))
}

async fn template<R: FleetRegister>(user: CurrentUser) -> Result<Response, ApiError> {
    operator_enterprise(&user)?;
    Ok(crate::api::import::template(R::IMPORT))
}

/// Checks the whole file, then stores it in one transaction (or reports why not).
async fn import_file<R: FleetRegister>(
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
            let checked = R::read(&bytes).map_err(file_error)?;
            register::import::<R>(conn, user.id, enterprise_id, checked, only_good)
        })
        .await?;
    Ok(Json(report))
}
