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
        crate::streets::api::list,
        crate::check::api::check,
        crate::check::api::programs,
        crate::parameters::api::list,
        crate::parameters::api::history,
        crate::parameters::api::add_version,
        crate::account::api::send_code,
        crate::account::api::verify,
        crate::account::api::refresh,
        crate::account::api::sign_out,
        crate::account::api::sign_out_everywhere,
        crate::account::api::me,
        crate::account::api::consents,
        crate::account::api::withdraw,
        crate::staff::api::list_users,
        crate::staff::api::create_user,
        crate::staff::api::change_role,
        crate::staff::api::end_sessions,
        crate::staff::api::reset_user,
        crate::staff::api::disable_user,
        crate::staff::api::enable_user,
        crate::kiosks::api::list_kiosks,
        crate::kiosks::api::register_kiosk,
        crate::kiosks::api::revoke_kiosk,
        crate::kiosks::api::enrol,
        crate::timebank::api::register,
        crate::timebank::api::register_assisted,
        crate::timebank::api::me,
        crate::timebank::api::add_family,
        crate::timebank::api::family,
        crate::timebank::api::answer_family,
        crate::timebank::api::my_credits,
        crate::timebank::api::gift,
        crate::timebank::api::create_organization,
        crate::timebank::api::upcoming,
        crate::timebank::api::create_activity,
        crate::timebank::api::sign_up,
        crate::timebank::api::cancel_signup,
        crate::timebank::api::qr,
        crate::timebank::api::group_attendance,
        crate::timebank::api::attendance,
        crate::timebank::api::confirm,
        crate::timebank::api::scan,
        crate::timebank::api::records::request_correction,
        crate::timebank::api::records::my_corrections,
        crate::timebank::api::records::open_corrections,
        crate::timebank::api::records::decide_correction,
        crate::timebank::api::records::honour,
        crate::timebank::api::records::release_volunteer,
        crate::timebank::api::records::link_staff_volunteer,
        crate::timebank::api::records::issue_certificate,
        crate::timebank::api::records::my_certificates,
        crate::timebank::api::records::certificate_pdf,
        crate::timebank::api::records::verify_certificate,
        crate::timebank::api::records::care_services,
        crate::timebank::api::records::redeem,
        crate::timebank::api::reports::totals,
        crate::timebank::api::reports::records_csv,
        crate::charity::api::home,
        crate::charity::api::project,
        crate::charity::api::transparency,
        crate::charity::api::ledger_csv,
        crate::charity::api::reconciliation,
        crate::charity::api::place_order,
        crate::charity::api::order,
        crate::charity::api::sandbox_pay,
        crate::charity::api::notify,
        crate::charity::api::pledge,
        crate::charity::api::check_receipt,
        crate::charity::api::my_receipts,
        crate::charity::api::receipt_pdf,
        crate::charity::api::statement_pdf,
        crate::charity::api::disclosure,
        crate::charity::api::create_project,
        crate::charity::api::set_status,
        crate::charity::api::publish,
        crate::charity::api::disburse,
        crate::charity::api::refund,
        crate::charity::api::receive,
        crate::charity::api::hand_out,
        crate::charity::api::evidence,
        crate::cases::api::claim,
        crate::cases::api::preapplication,
        crate::cases::api::my_cases,
        crate::cases::api::my_case,
        crate::cases::api::add_documents,
        crate::cases::api::my_document,
        crate::cases::api::my_slip,
        crate::cases::api::queue,
        crate::cases::api::case,
        crate::cases::api::act,
        crate::cases::api::phone,
        crate::cases::api::document,
        crate::dashboard::api::staff,
        crate::dashboard::api::staff_csv,
        crate::dashboard::api::open_data,
        crate::dashboard::api::open_data_csv,
        crate::audit::api::list,
        crate::audit::api::verify,
        document
    ),
    modifiers(&SecuritySchemes, &Audiences, &Malformed),
    components(schemas(
        crate::check::api::CheckRequest,
        crate::check::api::CheckResponse,
        crate::parameters::api::NewVersionRequest,
        app::policy_views::HistoryLine,
        crate::account::api::TokenResponse,
        crate::account::api::Me,
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

/// States each route's audience (the route table, `auth::roles::API_ROUTES`) in the document, so
/// the two cannot drift: a resident's route requires `bearer` and may answer 401; a staff route
/// requires `staff_session` with its roles as the scopes and may answer 401 and 403.
struct Audiences;

impl utoipa::Modify for Audiences {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use crate::auth::roles::{API_ROUTES, Audience};
        use utoipa::openapi::security::SecurityRequirement;
        for (method, path, audience) in API_ROUTES {
            let Some(item) = doc.paths.paths.get_mut(*path) else {
                continue;
            };
            let op = match *method {
                "GET" => item.get.as_mut(),
                "POST" => item.post.as_mut(),
                _ => None,
            };
            let Some(op) = op else { continue };
            match audience {
                Audience::Anyone => {}
                Audience::Resident => {
                    op.security = Some(vec![SecurityRequirement::new(
                        "bearer",
                        Vec::<String>::new(),
                    )]);
                    ensure_error(op, "401", "Not signed in, or the sign-in has ended");
                    if *method == "POST" {
                        ensure_error(op, "403", "Signed in by cookie from another site");
                    }
                }
                Audience::Staff(roles) => {
                    op.security = Some(vec![SecurityRequirement::new(
                        "staff_session",
                        roles.iter().copied(),
                    )]);
                    ensure_error(op, "401", "No staff session, or it has ended");
                    ensure_error(op, "403", "The staff role may not do this");
                }
            }
        }
    }
}

/// States the refusals every handler shares (`api::json`, `api::extract`): an operation with
/// parameters or a body may answer 400 when they do not parse, one with a JSON body also 413
/// when the body is over the route's limit.
struct Malformed;

impl utoipa::Modify for Malformed {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
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
fn ensure_error(op: &mut utoipa::openapi::path::Operation, status: &str, description: &str) {
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
    axum::extract::State(s): axum::extract::State<crate::state::AppState>,
) -> Json<utoipa::openapi::OpenApi> {
    Json(for_config(&s.cfg))
}

/// The document of the routes this configuration mounts: the sandbox gateway's payment routes
/// only when it is the gateway.
pub fn for_config(cfg: &crate::config::Config) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    if cfg.payment_gateway() != crate::config::PaymentGateway::Sandbox {
        doc.paths
            .paths
            .retain(|path, _| !path.starts_with("/api/v1/payments/"));
    }
    doc
}
