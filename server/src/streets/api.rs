use super::service::{self as streets, StreetOffice};
use crate::api::routes::ApiRoutes;
use crate::auth::roles::Audience;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use utoipa_axum::routes;

/// The district's street offices (街道办事处), in display order.
#[utoipa::path(get, path = "/api/v1/street-offices", tag = "directory", responses(
    (status = 200, description = "Street offices; `placeholder` marks contact details not yet confirmed", body = [StreetOffice])))]
pub async fn list(State(s): State<AppState>) -> Result<Json<Vec<StreetOffice>>, ApiError> {
    Ok(Json(streets::list(&s.db).await?))
}

/// This module's routes, each with who may call it.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new().add(Audience::Anyone, routes!(list))
}
