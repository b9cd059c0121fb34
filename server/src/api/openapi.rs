//! The OpenAPI 3 document, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dongxihu civil-affairs self-service API",
        description = "东西湖区民政自助服务接口。Errors share one shape: {code, message: {zh, en}, fields}.",
        version = "1"
    ),
    paths(
        super::health::healthz,
        super::health::readyz,
        super::streets::list,
        document
    ),
    components(schemas(
        crate::error::ErrorBody,
        crate::error::FieldError,
        crate::error::Message
    ))
)]
pub struct ApiDoc;

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
