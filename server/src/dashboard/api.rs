//! `/api/v1/dashboard` (staff: the plan's indicators with exact figures) and
//! `/api/v1/open-data` (anyone: the same with counts of cases from 1 to 4 suppressed), each
//! as JSON and as CSV.

use super::service as dashboard;
use crate::api::extract::Query;
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::{DASHBOARD_READERS, StaffAuth};
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use crate::timebank::api::reports::YearQuery;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use types::dashboard::Dashboard;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// The plan's indicators of a year, exact: volunteers against the 14 % target and their hours
/// per month, pre-applications and funeral claims by program, street and month, the median
/// days to a decision, and the charity's money.
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard", params(YearQuery), responses(
    (status = 200, body = Dashboard),
    (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn staff(
    State(s): State<AppState>,
    who: StaffAuth,
    Query(q): Query<YearQuery>,
) -> Result<Json<Dashboard>, ApiError> {
    who.require(&s, DASHBOARD_READERS, "dashboard.read").await?;
    Ok(Json(dashboard::staff(&s, q.year.as_deref(), now()).await?))
}

/// The same indicators as CSV (UTF-8 with a byte-order mark), one figure a line.
#[utoipa::path(get, path = "/api/v1/dashboard.csv", tag = "dashboard", params(YearQuery), responses(
    (status = 200, content_type = "text/csv", body = String, description = "One figure a line, after a header line"),
    (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn staff_csv(
    State(s): State<AppState>,
    who: StaffAuth,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    who.require(&s, DASHBOARD_READERS, "dashboard.read").await?;
    Ok(csv_response(
        &dashboard::staff(&s, q.year.as_deref(), now()).await?,
    ))
}

/// Open data: the plan's indicators of a year for everyone. Counts of cases from 1 to 4 are
/// `"<5"` (0 stays 0) and the median time to a decision is withheld below 5 decisions; nothing
/// about any person.
#[utoipa::path(get, path = "/api/v1/open-data", tag = "dashboard", params(YearQuery), responses(
    (status = 200, body = Dashboard), (status = 422, body = E)))]
pub async fn open_data(
    State(s): State<AppState>,
    Query(q): Query<YearQuery>,
) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(
        dashboard::open_data(&s, q.year.as_deref(), now()).await?,
    ))
}

/// Open data as CSV (UTF-8 with a byte-order mark), small counts suppressed as on the page.
#[utoipa::path(get, path = "/api/v1/open-data.csv", tag = "dashboard", params(YearQuery), responses(
    (status = 200, content_type = "text/csv", body = String, description = "One figure a line, after a header line"),
    (status = 422, body = E)))]
pub async fn open_data_csv(
    State(s): State<AppState>,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    Ok(csv_response(
        &dashboard::open_data(&s, q.year.as_deref(), now()).await?,
    ))
}

fn csv_response(d: &Dashboard) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", dashboard::csv_filename(d)),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        dashboard::csv(d),
    )
        .into_response()
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Staff(DASHBOARD_READERS), routes!(staff))
        .add(Audience::Staff(DASHBOARD_READERS), routes!(staff_csv))
        .add(Audience::Anyone, routes!(open_data))
        .add(Audience::Anyone, routes!(open_data_csv))
}
