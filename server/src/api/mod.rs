//! `/api/v1`: the JSON API, plus health probes and the API documentation.

mod audit;
mod auth;
pub use auth::client_of;
mod docs;
mod eligibility;
mod health;
mod json;
pub mod openapi;
mod streets;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/street-offices", get(streets::list))
        .route("/auth/code", post(auth::send_code))
        .route("/auth/verify", post(auth::verify))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/auth/sign-out-everywhere", post(auth::sign_out_everywhere))
        .route("/me", get(auth::me))
        .route("/me/consents", get(auth::consents))
        .route("/me/consents/{purpose}/withdraw", post(auth::withdraw))
        .route("/audit", get(audit::list))
        .route("/audit/verify", get(audit::verify))
        .route("/eligibility/check", post(eligibility::check))
        .route("/policy/programs", get(eligibility::programs))
        .route("/policy/parameters", get(eligibility::parameters))
        .fallback(|| async { ApiError::NotFound });
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/docs", get(docs::page))
        .nest("/api/v1", v1)
}
