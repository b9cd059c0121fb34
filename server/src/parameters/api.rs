//! `/api/v1/policy/parameters/{id}/…`: policy administration. Policy administrators add a dated
//! value with its source; anyone reads the history of the values added (who, when, old, new).

use crate::api::extract::Path;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::auth::roles::POLICY_ADMINS;
use crate::auth::roles::{PolicyAdmins, StaffOf};
use crate::clock::now;
use crate::error::ApiError;
use crate::parameters::{self, NewValue, ValueInput};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use types::parameters::HistoryLine;
use utoipa_axum::routes;

type E = crate::error::ErrorBody;

/// A new dated value.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewVersionRequest {
    /// First day it applies (YYYY-MM-DD); after the current value's effective date, may be in
    /// the future (scheduled).
    #[schema(example = "2026-07-01")]
    #[serde(default)]
    #[schema(value_type = String)]
    pub effective: Option<String>,
    /// The value in the parameter's unit: money in integer fen (98000 is 980 yuan).
    #[schema(value_type = i64, example = 98000)]
    #[serde(default)]
    pub value: serde_json::Value,
    /// Where the figure comes from: the notice, its number or the report, with its date.
    #[serde(default)]
    #[schema(value_type = String)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The values added to one parameter by policy administrators, newest first: who, when, the
/// effective date, the old and the new value, source and note.
#[utoipa::path(get, path = "/api/v1/policy/parameters/{id}/history", tag = "policy",
    params(("id" = String, Path, description = "Parameter id, e.g. dibao.standard.urban")),
    responses((status = 200, body = Vec<HistoryLine>), (status = 404, body = E)))]
pub async fn history(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<HistoryLine>>, ApiError> {
    Ok(Json(parameters::history(&s, Some(&id)).await?))
}

/// Adds a dated value to a parameter (policy administrators). It applies from its effective
/// date to the check, the API and the services; nothing already stored changes.
#[utoipa::path(post, path = "/api/v1/policy/parameters/{id}/versions", tag = "policy",
    params(("id" = String, Path, description = "Parameter id")),
    request_body = NewVersionRequest,
    responses((status = 201, body = HistoryLine), (status = 422, body = E),
               (status = 401, body = E), (status = 403, body = E)))]
pub async fn add_version(
    State(s): State<AppState>,
    StaffOf(who, _): StaffOf<PolicyAdmins>,
    Path(id): Path<String>,
    ApiJson(req): ApiJson<NewVersionRequest>,
) -> Result<(StatusCode, Json<HistoryLine>), ApiError> {
    let v = NewValue {
        effective: req.effective.unwrap_or_default(),
        value: ValueInput::Json(req.value),
        source: req.source.unwrap_or_default(),
        note: req.note,
    };
    let line = parameters::add_version(&s, &who, &id, &v, now()).await?;
    Ok((StatusCode::CREATED, Json(line)))
}

/// Every parameter with its dated values, units and sources, including the values policy
/// administrators added (scheduled ones too); placeholders are marked.
#[utoipa::path(get, path = "/api/v1/policy/parameters", tag = "policy", operation_id = "parameters",
    responses((status = 200, description = "Parameters with history", body = Vec<Object>)))]
pub async fn list(State(s): State<AppState>) -> Result<Json<Vec<policy::Parameter>>, ApiError> {
    let current = parameters::current(&s).await?;
    Ok(Json(current.set.parameters().to_vec()))
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(list))
        .add(Audience::Anyone, routes!(history))
        .add(Audience::Staff(POLICY_ADMINS), routes!(add_version))
}
