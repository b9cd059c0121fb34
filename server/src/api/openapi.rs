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
        super::auth::send_code,
        super::auth::verify,
        super::auth::refresh,
        super::auth::sign_out,
        super::auth::sign_out_everywhere,
        super::auth::me,
        super::auth::consents,
        super::auth::withdraw,
        super::staff_admin::list_users,
        super::staff_admin::create_user,
        super::staff_admin::change_role,
        super::staff_admin::end_sessions,
        super::staff_admin::reset_user,
        super::staff_admin::disable_user,
        super::staff_admin::enable_user,
        crate::kiosks::api::list_kiosks,
        crate::kiosks::api::register_kiosk,
        crate::kiosks::api::revoke_kiosk,
        crate::kiosks::api::enrol,
        super::timebank::register,
        super::timebank::register_assisted,
        super::timebank::me,
        super::timebank::add_family,
        super::timebank::family,
        super::timebank::answer_family,
        super::timebank::my_credits,
        super::timebank::gift,
        super::timebank::create_organization,
        super::timebank::upcoming,
        super::timebank::create_activity,
        super::timebank::sign_up,
        super::timebank::cancel_signup,
        super::timebank::qr,
        super::timebank::group_attendance,
        super::timebank::attendance,
        super::timebank::confirm,
        super::timebank::scan,
        super::timebank_records::request_correction,
        super::timebank_records::my_corrections,
        super::timebank_records::open_corrections,
        super::timebank_records::decide_correction,
        super::timebank_records::honour,
        super::timebank_records::release_volunteer,
        super::timebank_records::link_staff_volunteer,
        super::timebank_records::issue_certificate,
        super::timebank_records::my_certificates,
        super::timebank_records::certificate_pdf,
        super::timebank_records::verify_certificate,
        super::timebank_records::care_services,
        super::timebank_records::redeem,
        super::timebank_reports::totals,
        super::timebank_reports::records_csv,
        super::charity::home,
        super::charity::project,
        super::charity::transparency,
        super::charity::ledger_csv,
        super::charity::reconciliation,
        super::charity::place_order,
        super::charity::order,
        super::charity::sandbox_pay,
        super::charity::notify,
        super::charity::pledge,
        super::charity::check_receipt,
        super::charity::my_receipts,
        super::charity::receipt_pdf,
        super::charity::statement_pdf,
        super::charity::disclosure,
        super::charity::create_project,
        super::charity::set_status,
        super::charity::publish,
        super::charity::disburse,
        super::charity::refund,
        super::charity::receive,
        super::charity::hand_out,
        super::charity::evidence,
        super::cases::claim,
        super::cases::preapplication,
        super::cases::my_cases,
        super::cases::my_case,
        super::cases::add_documents,
        super::cases::my_document,
        super::cases::my_slip,
        super::cases::queue,
        super::cases::case,
        super::cases::act,
        super::cases::phone,
        super::cases::document,
        crate::dashboard::api::staff,
        crate::dashboard::api::staff_csv,
        crate::dashboard::api::open_data,
        crate::dashboard::api::open_data_csv,
        super::audit::list,
        super::audit::verify,
        document
    ),
    modifiers(&SecuritySchemes, &Audiences, &Malformed),
    components(schemas(
        crate::check::api::CheckRequest,
        crate::check::api::CheckResponse,
        crate::parameters::api::NewVersionRequest,
        app::policy_views::HistoryLine,
        super::auth::TokenResponse,
        super::auth::Me,
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
