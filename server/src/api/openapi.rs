//! The OpenAPI 3 document: its title, security schemes and error shape here, its paths from the
//! routes each feature declares (`api::routes`), each from its handler's annotation.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dongxihu civil-affairs self-service API",
        description = "东西湖区民政自助服务接口。Errors share one shape: {code, message: {zh, en}, fields}.",
        version = "1"
    ),
    modifiers(&SecuritySchemes),
    components(schemas(
        crate::error::ErrorBody,
        crate::error::FieldError,
        crate::error::Message
    ))
)]
pub struct ApiDoc;

/// Declares the security schemes: `bearer` (a resident's access token, from `/auth/verify`) and
/// `staff_session` (the staff sign-in cookie).
struct SecuritySchemes;

impl utoipa::Modify for SecuritySchemes {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme,
        };
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A resident's access token from /api/v1/auth/verify or /api/v1/auth/refresh \
                         (the website sends the same token as the `access` cookie).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "staff_session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "staff",
                "The staff session cookie set by the staff sign-in page (password and \
                 authenticator code); named `__Host-staff` behind TLS. A requirement's scopes \
                 are the staff roles allowed.",
            ))),
        );
    }
}

/// States the refusals every handler shares (`api::json`, `api::extract`): an operation with
/// parameters or a body may answer 400 when they do not parse, one with a JSON body also 413
/// when the body is over the route's limit.
pub fn state_refusals(doc: &mut utoipa::openapi::OpenApi) {
    {
        for item in doc.paths.paths.values_mut() {
            for op in [item.get.as_mut(), item.post.as_mut()]
                .into_iter()
                .flatten()
            {
                let body = op.request_body.as_ref();
                let json = body.is_some_and(|b| b.content.contains_key("application/json"));
                let params = op.parameters.as_ref().is_some_and(|p| !p.is_empty());
                if body.is_some() || params {
                    ensure_error(
                        op,
                        "400",
                        "The request is malformed: its body, query or path does not parse",
                    );
                }
                if json {
                    ensure_error(op, "413", "The request body is over the limit");
                }
            }
        }
        // The writes counted per client address and hour (`CLIENT_WRITES_PER_HOUR`).
        for (path, item) in doc.paths.paths.iter_mut() {
            if let (Some(op), Some(_)) = (item.post.as_mut(), crate::http::limits::quota_of(path)) {
                ensure_error(
                    op,
                    "429",
                    "Too many of these from one client address in the hour",
                );
            }
        }
    }
}

/// Adds an error answer (the `ErrorBody` shape) unless the operation documents that status.
pub(crate) fn ensure_error(
    op: &mut utoipa::openapi::path::Operation,
    status: &str,
    description: &str,
) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
                .into()
        });
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", operation_id = "openapi_document",
    responses((status = 200, description = "OpenAPI 3 document", body = Object)))]
pub async fn document(
    axum::Extension(doc): axum::Extension<std::sync::Arc<utoipa::openapi::OpenApi>>,
) -> Json<utoipa::openapi::OpenApi> {
    Json(doc.as_ref().clone())
}

/// The whole document: the title, the security schemes and the shared error shape, then the
/// paths the routes declare (`api::routes`), then the refusals every handler shares.
pub fn with_paths(paths: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(paths);
    state_refusals(&mut doc);
    doc
}
