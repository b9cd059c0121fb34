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
        super::eligibility::check,
        super::eligibility::programs,
        super::eligibility::parameters,
        super::policy::history,
        super::policy::add_version,
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
        super::staff_admin::list_kiosks,
        super::staff_admin::register_kiosk,
        super::staff_admin::revoke_kiosk,
        super::staff_admin::enrol,
        super::timebank::register,
        super::timebank::register_assisted,
        super::timebank::me,
        super::timebank::add_family,
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
        super::dashboard::staff,
        super::dashboard::staff_csv,
        super::dashboard::open_data,
        super::dashboard::open_data_csv,
        super::audit::list,
        super::audit::verify,
        document
    ),
    modifiers(&BearerAuth),
    components(schemas(
        super::eligibility::CheckRequest,
        super::eligibility::CheckResponse,
        super::policy::NewVersionRequest,
        app::policy_views::HistoryLine,
        super::auth::TokenResponse,
        super::auth::Me,
        crate::error::ErrorBody,
        crate::error::FieldError,
        crate::error::Message
    ))
)]
pub struct ApiDoc;

/// Declares the `bearer` security scheme the signed-in routes use.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta", responses((status = 200, description = "OpenAPI 3 document")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
