//! `/api/v1/timebank` reports: the public district totals, and a coordinator's CSV export of
//! their organization's service records of a year.

use crate::api::extract::{Path, Query};
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::{COORDINATORS, StaffAuth};
use crate::clock::now;
use crate::error::ApiError;
use crate::state::AppState;
use crate::timebank::reports;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use types::timebank::totals::DistrictTotals;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// This year's confirmed service hours (in total and per month), registered volunteers and
/// their share of the district's residents against the plan's target, with the sources.
#[utoipa::path(get, path = "/api/v1/timebank/totals", tag = "timebank", responses(
    (status = 200, body = DistrictTotals)))]
pub async fn totals(State(s): State<AppState>) -> Result<Json<DistrictTotals>, ApiError> {
    Ok(Json(reports::totals(&s, now()).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Calendar year (Asia/Shanghai), 2021 to next year; this year when absent.
    pub year: Option<String>,
}

/// The organization's service records of a year as CSV (UTF-8 with a byte-order mark), for a
/// coordinator of that organization: volunteers by masked name only. An audited read.
#[utoipa::path(get, path = "/api/v1/timebank/organizations/{id}/records.csv", tag = "timebank",
    params(("id" = String, Path, description = "The organization"), YearQuery), responses(
    (status = 200, content_type = "text/csv", body = String, description = "One line per service record, after a header line"),
    (status = 401, body = E), (status = 403, body = E), (status = 422, body = E)))]
pub async fn records_csv(
    State(s): State<AppState>,
    who: StaffAuth,
    Path(id): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Response, ApiError> {
    let who = who.require(&s, COORDINATORS, "records.export").await?;
    let export = reports::export_records(&s, &who, &id, q.year.as_deref(), now()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", export.filename()),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        export.csv,
    )
        .into_response())
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(totals))
        .add(Audience::Staff(COORDINATORS), routes!(records_csv))
}
