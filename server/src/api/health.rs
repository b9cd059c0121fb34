//! Liveness (the process answers) and readiness (the database answers).

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

/// A probe's answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Probe {
    /// `ok` (alive) or `ready`.
    #[schema(example = "ok")]
    pub status: &'static str,
}

#[utoipa::path(get, path = "/healthz", tag = "ops", responses(
    (status = 200, description = "The process is alive", body = Probe)))]
pub async fn healthz() -> Json<Probe> {
    Json(Probe { status: "ok" })
}

#[utoipa::path(get, path = "/readyz", tag = "ops", responses(
    (status = 200, description = "Ready: the database answers", body = Probe),
    (status = 503, description = "Not ready", body = crate::error::ErrorBody)))]
pub async fn readyz(State(s): State<AppState>) -> Result<Json<Probe>, ApiError> {
    s.db.ping()
        .await
        .map_err(|e| ApiError::Unavailable(e.to_string()))?;
    Ok(Json(Probe { status: "ready" }))
}
