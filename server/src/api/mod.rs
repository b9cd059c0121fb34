//! `/api/v1`: the JSON API, plus health probes and the API documentation.

mod audit;
mod auth;
pub mod cases;
pub use timebank_records::pdf_response;
pub mod charity;
mod docs;
pub(crate) mod extract;
mod health;
pub(crate) mod json;
pub mod openapi;
mod staff_admin;
mod timebank;
mod timebank_records;
pub(crate) mod timebank_reports;

use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The API. The sandbox gateway's routes exist only when it is the configured gateway
/// (development mode): in production nobody can "pay" an order there.
pub fn router(cfg: &crate::config::Config) -> Router<AppState> {
    let mut v1 = Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/street-offices", get(crate::streets::api::list))
        .route("/auth/code", post(auth::send_code))
        .route("/auth/verify", post(auth::verify))
        .route("/auth/refresh", post(auth::refresh))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/auth/sign-out-everywhere", post(auth::sign_out_everywhere))
        .route("/me", get(auth::me))
        .route("/me/consents", get(auth::consents))
        .route("/me/consents/{purpose}/withdraw", post(auth::withdraw))
        .route(
            "/staff/users",
            get(staff_admin::list_users).post(staff_admin::create_user),
        )
        .route("/staff/users/{id}/role", post(staff_admin::change_role))
        .route("/staff/users/{id}/reset", post(staff_admin::reset_user))
        .route("/staff/users/{id}/disable", post(staff_admin::disable_user))
        .route("/staff/users/{id}/enable", post(staff_admin::enable_user))
        .route(
            "/staff/users/{id}/end-sessions",
            post(staff_admin::end_sessions),
        )
        .route(
            "/kiosks",
            get(crate::kiosks::api::list_kiosks).post(crate::kiosks::api::register_kiosk),
        )
        .route("/kiosks/enrol", post(crate::kiosks::api::enrol))
        .route(
            "/kiosks/{id}/revoke",
            post(crate::kiosks::api::revoke_kiosk),
        )
        .route("/timebank/volunteers", post(timebank::register))
        .route(
            "/timebank/volunteers/assisted",
            post(timebank::register_assisted),
        )
        .route("/timebank/me", get(timebank::me))
        .route(
            "/timebank/me/family",
            get(timebank::family).post(timebank::add_family),
        )
        .route(
            "/timebank/me/family/{id}/answer",
            post(timebank::answer_family),
        )
        .route("/timebank/me/credits", get(timebank::my_credits))
        .route("/timebank/me/gifts", post(timebank::gift))
        .route(
            "/timebank/organizations",
            post(timebank::create_organization),
        )
        .route(
            "/timebank/activities",
            get(timebank::upcoming).post(timebank::create_activity),
        )
        .route("/timebank/activities/{id}/signup", post(timebank::sign_up))
        .route(
            "/timebank/activities/{id}/cancel-signup",
            post(timebank::cancel_signup),
        )
        .route("/timebank/activities/{id}/qr", get(timebank::qr))
        .route(
            "/timebank/activities/{id}/group-attendance",
            post(timebank::group_attendance),
        )
        .route(
            "/timebank/activities/{id}/attendance",
            get(timebank::attendance),
        )
        .route("/timebank/activities/{id}/confirm", post(timebank::confirm))
        .route("/timebank/scan", post(timebank::scan))
        .route(
            "/timebank/me/corrections",
            get(timebank_records::my_corrections).post(timebank_records::request_correction),
        )
        .route(
            "/timebank/corrections",
            get(timebank_records::open_corrections),
        )
        .route(
            "/timebank/corrections/{id}/decision",
            post(timebank_records::decide_correction),
        )
        .route("/timebank/honour", post(timebank_records::honour))
        .route(
            "/timebank/volunteers/release",
            post(timebank_records::release_volunteer),
        )
        .route(
            "/timebank/staff-volunteers",
            post(timebank_records::link_staff_volunteer),
        )
        .route(
            "/timebank/me/certificates",
            get(timebank_records::my_certificates).post(timebank_records::issue_certificate),
        )
        .route(
            "/timebank/me/certificates/{number}/pdf",
            get(timebank_records::certificate_pdf),
        )
        .route(
            "/certificates/{number}",
            get(timebank_records::verify_certificate),
        )
        .route(
            "/timebank/care-services",
            get(timebank_records::care_services),
        )
        .route("/timebank/me/redemptions", post(timebank_records::redeem))
        .route("/timebank/totals", get(timebank_reports::totals))
        .route(
            "/timebank/organizations/{id}/records.csv",
            get(timebank_reports::records_csv),
        )
        .route("/dashboard", get(crate::dashboard::api::staff))
        .route("/dashboard.csv", get(crate::dashboard::api::staff_csv))
        .route("/open-data", get(crate::dashboard::api::open_data))
        .route("/open-data.csv", get(crate::dashboard::api::open_data_csv))
        .route("/charity", get(charity::home))
        .route("/charity/projects", post(charity::create_project))
        .route("/charity/projects/{id}", get(charity::project))
        .route("/charity/projects/{id}/status", post(charity::set_status))
        .route("/charity/projects/{id}/updates", post(charity::publish))
        .route(
            "/charity/projects/{id}/disbursements",
            post(charity::disburse).layer(axum::extract::DefaultBodyLimit::max(
                charity::DISBURSEMENT_BODY_LIMIT,
            )),
        )
        .route("/charity/donations/{seq}/refund", post(charity::refund))
        .route("/charity/transparency", get(charity::transparency))
        .route("/charity/ledger.csv", get(charity::ledger_csv))
        .route("/charity/reconciliation", get(charity::reconciliation))
        .route("/charity/disclosure", get(charity::disclosure))
        .route("/charity/orders", post(charity::place_order))
        .route("/charity/orders/{order_no}", get(charity::order))
        .route("/charity/goods/pledges", post(charity::pledge))
        .route(
            "/charity/goods/pledges/{id}/receive",
            post(charity::receive),
        )
        .route("/charity/goods/lots/{id}/hand-out", post(charity::hand_out))
        .route("/charity/evidence/{id}", get(charity::evidence))
        .route(
            "/charity/receipts/{number}/check",
            get(charity::check_receipt),
        )
        .route("/charity/me/receipts", get(charity::my_receipts))
        .route(
            "/charity/me/receipts/{number}/pdf",
            get(charity::receipt_pdf),
        )
        .route(
            "/charity/me/statements/{year}/pdf",
            get(charity::statement_pdf),
        )
        .route(
            "/funeral/claims",
            post(cases::claim).layer(axum::extract::DefaultBodyLimit::max(cases::UPLOAD_LIMIT)),
        )
        .route("/preapplications", post(cases::preapplication))
        .route("/me/cases", get(cases::my_cases))
        .route("/me/cases/{reference}", get(cases::my_case))
        .route(
            "/me/cases/{reference}/documents",
            post(cases::add_documents)
                .layer(axum::extract::DefaultBodyLimit::max(cases::UPLOAD_LIMIT)),
        )
        .route(
            "/me/cases/{reference}/documents/{id}",
            get(cases::my_document),
        )
        .route("/me/cases/{reference}/slip.pdf", get(cases::my_slip))
        .route("/cases", get(cases::queue))
        .route("/cases/{reference}", get(cases::case))
        .route("/cases/{reference}/actions", post(cases::act))
        .route("/cases/{reference}/phone", get(cases::phone))
        .route("/cases/{reference}/documents/{id}", get(cases::document))
        .route("/audit", get(audit::list))
        .route("/audit/verify", get(audit::verify))
        .route("/eligibility/check", post(crate::check::api::check))
        .route("/policy/programs", get(crate::check::api::programs))
        .route("/policy/parameters", get(crate::parameters::api::list))
        .route(
            "/policy/parameters/{id}/history",
            get(crate::parameters::api::history),
        )
        .route(
            "/policy/parameters/{id}/versions",
            post(crate::parameters::api::add_version),
        );
    if cfg.payment_gateway() == crate::config::PaymentGateway::Sandbox {
        v1 = v1
            .route(
                "/payments/sandbox/{order_no}/pay",
                post(charity::sandbox_pay),
            )
            .route("/payments/notify", post(charity::notify));
    }
    let v1 = v1.fallback(|| async { ApiError::NotFound });
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/docs", get(docs::page))
        .nest("/api/v1", v1)
}
