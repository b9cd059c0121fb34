//! `/api/v1`'s shared parts, below the features: the routes' declaration (`routes`), the
//! extractors and JSON body that answer in the one error shape, the OpenAPI document and its
//! readable page, the health probes. Each feature's `api::routes()` declares its own routes;
//! `crate::routes` puts them together.

mod docs;
pub(crate) mod extract;
mod health;
pub(crate) mod json;
pub mod openapi;
pub mod routes;

use crate::auth::roles::Audience;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use routes::ApiRoutes;
use utoipa_axum::routes;

/// The probes and the document itself.
pub fn routes() -> ApiRoutes {
    ApiRoutes::new()
        .add(Audience::Anyone, routes!(health::healthz))
        .add(Audience::Anyone, routes!(health::readyz))
        .add(Audience::Anyone, routes!(openapi::document))
}

/// The readable page of the document (`/api/docs`), not itself an API route.
pub fn docs_page() -> axum::routing::MethodRouter<crate::state::AppState> {
    axum::routing::get(docs::page)
}

/// The PDF as a download named after its number.
pub fn pdf_response(kind: &str, number: &str, pdf: Vec<u8>) -> Response {
    let name: String = number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{kind}-{name}.pdf\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        pdf,
    )
        .into_response()
}
