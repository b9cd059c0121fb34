//! `/api/v1`: the JSON API, plus health probes and the API documentation.

mod docs;
mod health;
pub mod openapi;
mod streets;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::routing::get;

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/street-offices", get(streets::list))
        .fallback(|| async { ApiError::NotFound });
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/docs", get(docs::page))
        .nest("/api/v1", v1)
}
