//! `/api/v1/eligibility` and `/api/v1/policy`: the engine for other clients.

use super::service as eligibility;
use crate::api::json::ApiJson;
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use policy::{Date, Household, ProgramResult};
use serde::{Deserialize, Serialize};
use utoipa_axum::routes;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckRequest {
    /// The household facts (see `policy::Household`): residence, members, monthly income in fen…
    #[schema(value_type = Object)]
    pub household: Household,
    /// The date to evaluate on (YYYY-MM-DD); today in Asia/Shanghai when absent.
    #[schema(value_type = Option<String>, example = "2024-05-01")]
    pub date: Option<Date>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CheckResponse {
    #[schema(value_type = String)]
    pub date: Date,
    /// One result per program: outcome, amount in fen, reasons with sources, documents, where to apply.
    #[schema(value_type = Vec<Object>)]
    pub results: Vec<ProgramResult>,
    #[schema(value_type = Object)]
    pub disclaimer: policy::Bilingual,
}

/// Which programs a household likely qualifies for. Stores and logs nothing of the input.
#[utoipa::path(post, path = "/api/v1/eligibility/check", tag = "eligibility", request_body = CheckRequest,
    responses((status = 200, body = CheckResponse), (status = 422, body = crate::error::ErrorBody),
              (status = 400, body = crate::error::ErrorBody)))]
pub async fn check(
    State(s): State<AppState>,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Json<CheckResponse>, ApiError> {
    let (date, results) = eligibility::check(&s, &req.household, req.date).await?;
    Ok(Json(CheckResponse {
        date,
        results,
        disclaimer: policy::DISCLAIMER,
    }))
}

/// The programs the engine knows, with the life events and questions each needs.
#[utoipa::path(get, path = "/api/v1/policy/programs", tag = "policy",
    responses((status = 200, description = "Program catalogue", body = Vec<Object>)))]
pub async fn programs() -> Json<Vec<policy::ProgramInfo>> {
    Json(policy::programs_catalog())
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(check))
        .add(Audience::Anyone, routes!(programs))
}
